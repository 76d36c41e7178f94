#include "imgui_internal.h"
#include "ui/board_format.h"
#include "ui/board_lane.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/widgets.h"

#include <string>

namespace dd::ui {
namespace {

ImU32 stage_color(const Stage& s) {
    const uint32_t c = s.color ? s.color : 0x8E8E9A;
    return IM_COL32((c >> 16) & 0xff, (c >> 8) & 0xff, c & 0xff, 255);
}

// A small square icon button named for tests ("Sort Proposal sent").
bool header_button(const char* icon, const std::string& name, const Palette& p, const char* tooltip) {
    const float side = 24.0f;
    ImGui::PushID(name.c_str());
    bool pressed = ImGui::InvisibleButton("##b", ImVec2(side, side));
    ImGui::PopID();
    name_last_item(name.c_str());
    bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    if (hovered) {
        dl->AddRectFilled(min, max, p.surface_hover, kControlRounding);
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        ImGui::SetTooltip("%s", tooltip);
    }
    ImVec2 is = ImGui::CalcTextSize(icon);
    dl->AddText(ImVec2(IM_ROUND((min.x + max.x - is.x) * 0.5f), IM_ROUND((min.y + max.y - is.y) * 0.5f)),
                hovered ? p.text : p.text_muted, icon);
    return pressed;
}

void sort_menu(ViewContext& ctx, const Stage& stage, const std::string& popup) {
    if (!ImGui::BeginPopup(popup.c_str())) return;
    const LaneSort current = sort_of(ctx.ui.board, stage.id);
    for (LaneSort s : {LaneSort::Manual, LaneSort::Value, LaneSort::CloseDate, LaneSort::LastActivity}) {
        if (ImGui::MenuItem(to_string(s), nullptr, current == s)) set_sort(ctx.ui.board, stage.id, s);
        name_last_item(to_string(s));
    }
    ImGui::EndPopup();
}

}  // namespace

float draw_lane_header(ViewContext& ctx, const ShownLane& lane, float width, bool collapsed) {
    const Palette& p = ctx.palette;
    const UiFonts& f = ctx.ui.fonts;
    const Stage& stage = *lane.stage;
    const Currency base = ctx.store.settings().base_currency;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float height = 64.0f;

    // The stage colour as a thin accent along the top of the lane.
    dl->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + 3.0f), stage_color(stage), kCardRounding,
                      ImDrawFlags_RoundCornersTop);

    // Line 1: name (an item, so tests find the lane) and the deal count.
    ImGui::SetCursorScreenPos(ImVec2(origin.x + 12.0f, origin.y + 12.0f));
    text_item(stage.name.c_str(), f.strong, p.text);
    const std::string count = std::to_string(lane.totals.count);
    if (f.small) ImGui::PushFont(f.small);
    ImVec2 cs = ImGui::CalcTextSize(count.c_str());
    ImVec2 cmin(ImGui::GetItemRectMax().x + space::sm, origin.y + 13.0f);
    const ImRect badge(cmin, ImVec2(cmin.x + cs.x + 12.0f, cmin.y + cs.y + 4.0f));
    dl->AddRectFilled(badge.Min, badge.Max, p.surface_sunken, 8.0f);
    dl->AddText(ImVec2(cmin.x + 6.0f, cmin.y + 2.0f), p.text_muted, count.c_str());
    if (f.small) ImGui::PopFont();
    // The count is an item named for its lane ("Lead in: 3 deals"): tests and the bridge read it.
    if (ImGui::ItemAdd(badge, ImGui::GetID("count"))) {
        const std::string name = stage.name + ": " + count + (lane.totals.count == 1 ? " deal" : " deals");
        name_last_item(name.c_str());
    }

    // Buttons at the right of line 1: sort (open lanes of any kind) and collapse (Won / Lost).
    float bx = origin.x + width - 8.0f - 24.0f;
    if (stage.kind != StageKind::Open) {
        ImGui::SetCursorScreenPos(ImVec2(bx, origin.y + 8.0f));
        const std::string name = (collapsed ? "Expand " : "Collapse ") + stage.name;
        if (header_button(collapsed ? icons::kChevronRight : icons::kCaretDown, name, p,
                          collapsed ? "Show the cards" : "Collapse this lane"))
            toggle_collapsed(ctx.ui.board, stage.id);
        bx -= 24.0f + space::xs;
    }
    if (!collapsed) {
        ImGui::SetCursorScreenPos(ImVec2(bx, origin.y + 8.0f));
        const std::string popup = "sort_menu_" + id_to_string(stage.id);
        const std::string name = "Sort " + stage.name;
        const bool sorted = lane.sort != LaneSort::Manual;
        if (header_button(icons::kFilter, name, p, sorted ? to_string(lane.sort) : "Sort this lane"))
            ImGui::OpenPopup(popup.c_str());
        if (sorted)   // a dot says "this lane is sorted"
            dl->AddCircleFilled(ImVec2(ImGui::GetItemRectMax().x - 4.0f, ImGui::GetItemRectMin().y + 4.0f), 3.0f, p.accent);
        place_popup_below_last_item(popup.c_str(), /*right_aligned=*/true);   // the button is at the lane's right
        sort_menu(ctx, stage, popup);
    }

    // Line 2: total · weighted, probability at the right.
    if (f.small) ImGui::PushFont(f.small);
    std::string totals = format_money_short(lane.totals.total, base);
    if (stage.kind == StageKind::Open && !collapsed)
        totals += "  \xc2\xb7  " + format_money_short(lane.totals.weighted(), base) + " weighted";
    if (f.small) ImGui::PopFont();
    ImGui::SetCursorScreenPos(ImVec2(origin.x + 12.0f, origin.y + 38.0f));
    text_item(totals.c_str(), f.small, p.text_muted);   // an item: tests read the lane figures
    if (f.small) ImGui::PushFont(f.small);
    if (!collapsed) {
        const std::string prob = std::to_string(int(stage.probability)) + "%";
        ImVec2 ps = ImGui::CalcTextSize(prob.c_str());
        dl->AddText(ImVec2(origin.x + width - 12.0f - ps.x, origin.y + 38.0f), p.text_muted, prob.c_str());
    }
    if (f.small) ImGui::PopFont();

    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + height));
    return height;
}

}  // namespace dd::ui
