#include "ui/board_filters.h"

#include "core/query.h"
#include "imgui_internal.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/widgets.h"

#include <algorithm>
#include <cstring>
#include <string>

namespace dd::ui {
namespace {

void owner_picker(ViewContext& ctx) {
    BoardFilter& f = ctx.ui.board.filter;
    const TeamMember* owner = ctx.store.find_member(f.owner);
    const std::string preview = owner ? "Owner: " + owner->name : "Owner: anyone";
    ImGui::SetNextItemWidth(180.0f);
    const bool open = ImGui::BeginCombo("##owner", preview.c_str());
    name_last_item("Owner filter");
    if (!open) return;
    if (ImGui::Selectable("Anyone", f.owner == kNoId)) f.owner = kNoId;
    for (const TeamMember& m : ctx.store.workspace().team) {
        push_id(m.meta.id);
        if (ImGui::Selectable(m.name.c_str(), f.owner == m.meta.id)) f.owner = m.meta.id;
        ImGui::PopID();
    }
    ImGui::EndCombo();
}

// A pill that toggles one status in the mask.
void status_toggle(ViewContext& ctx, const char* label, DealStatus status) {
    const Palette& p = ctx.palette;
    uint8_t& mask = ctx.ui.board.filter.status_mask;
    const bool on = mask & status_bit(status);
    ImVec2 ts = ImGui::CalcTextSize(label);
    ImVec2 size(ts.x + 24.0f, ImGui::GetFrameHeight());
    const std::string name = std::string(label) + " deals";
    bool pressed = ImGui::InvisibleButton(name.c_str(), size);
    name_last_item(name.c_str());
    bool hovered = ImGui::IsItemHovered();
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    dl->AddRectFilled(min, max, on ? p.accent_soft : hovered ? p.surface_hover : p.surface, size.y * 0.5f);
    dl->AddRect(min, max, on ? p.accent : p.border, size.y * 0.5f);
    dl->AddText(ImVec2(min.x + 12.0f, IM_ROUND(min.y + (size.y - ts.y) * 0.5f)), on ? p.accent : p.text_muted, label);
    if (pressed) {
        const uint8_t next = uint8_t(mask ^ status_bit(status));
        if (next != 0) mask = next;   // at least one status stays shown
    }
}

void date_field(const char* id, const char* name, const char* hint, char* buf, size_t size, const Palette& p) {
    Day d = kNoDay;
    const bool bad = buf[0] && !parse_day(buf, d);
    if (bad) ImGui::PushStyleColor(ImGuiCol_Border, to_vec4(p.danger));
    ImGui::SetNextItemWidth(140.0f);
    ImGui::InputTextWithHint(id, hint, buf, size, ImGuiInputTextFlags_CharsDecimal | ImGuiInputTextFlags_CharsNoBlank);
    name_last_item(name);
    if (bad) {
        ImGui::PopStyleColor();
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Write the date as YYYY-MM-DD");
    }
}

bool any_filter(const UiState& ui) {
    const BoardFilter& f = ui.board.filter;
    return f.owner != kNoId || f.status_mask != kAllStatuses || f.close_from[0] || f.close_to[0] || ui.search[0];
}

}  // namespace

void draw_board_filters(ViewContext& ctx, float width) {
    const Palette& p = ctx.palette;
    BoardFilter& f = ctx.ui.board.filter;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(space::sm, space::sm));
    ImGui::AlignTextToFramePadding();
    ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(p.text_muted));
    ImGui::TextUnformatted(icons::kFilter);
    ImGui::PopStyleColor();
    ImGui::SameLine();
    owner_picker(ctx);
    ImGui::SameLine(0, space::md);
    status_toggle(ctx, "Open", DealStatus::Open);
    ImGui::SameLine(0, space::xs);
    status_toggle(ctx, "Won", DealStatus::Won);
    ImGui::SameLine(0, space::xs);
    status_toggle(ctx, "Lost", DealStatus::Lost);
    ImGui::SameLine(0, space::xs);
    status_toggle(ctx, "Abandoned", DealStatus::Abandoned);
    ImGui::SameLine(0, space::md);
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("Closing");
    ImGui::SameLine();
    date_field("##close_from", "Close from", "From YYYY-MM-DD", f.close_from, sizeof f.close_from, p);
    ImGui::SameLine(0, space::xs);
    date_field("##close_to", "Close to", "To YYYY-MM-DD", f.close_to, sizeof f.close_to, p);
    if (any_filter(ctx.ui)) {
        ImGui::SameLine(0, space::sm);
        if (styled_button("Clear filters", icons::kTimes, ButtonKind::Ghost, p)) {
            f = BoardFilter{};
            ctx.ui.search[0] = '\0';
        }
    }
    // Pipeline settings at the right end of the row.
    const float settings_w = ImGui::CalcTextSize("Pipeline settings").x + 28.0f;
    ImGui::SameLine(0, space::md);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(ImVec2(std::max(at.x, origin.x + width - settings_w), at.y));
    if (styled_button("Pipeline settings", nullptr, ButtonKind::Secondary, p, ImVec2(settings_w, 0)))
        ctx.ui.board.show_settings = true;
    ImGui::PopStyleVar();
    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + kFilterRowHeight));
}

}  // namespace dd::ui
