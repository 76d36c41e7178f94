#include "ui/board_card.h"

#include "imgui_internal.h"
#include "ui/board_format.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/widgets.h"

#include <string>

namespace dd::ui {
namespace {

constexpr float kPad = 12.0f;

ImU32 with_alpha(ImU32 c, int alpha) { return (c & 0x00ffffffu) | (ImU32(alpha) << 24); }

// Text clipped to [x, max_x] with an ellipsis.
void text_clipped(ImDrawList* dl, ImFont* font, ImVec2 pos, float max_x, ImU32 color, const char* text) {
    if (font) ImGui::PushFont(font);
    ImVec2 size = ImGui::CalcTextSize(text);
    ImVec2 max(max_x, pos.y + size.y);
    dl->PushClipRect(pos, ImVec2(max_x + 1, max.y), true);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(color));
    ImGui::RenderTextEllipsis(dl, pos, max, max_x, max_x, text, nullptr, &size);
    ImGui::PopStyleColor();
    dl->PopClipRect();
    if (font) ImGui::PopFont();
}

std::string subtitle_of(const Store& store, const Deal& d) {
    if (const Company* c = store.find_company(d.company)) return c->name;
    if (!d.contacts.empty())
        if (const Contact* c = store.find_contact(d.contacts.front())) return c->name;
    return "";
}

}  // namespace

void draw_card_face(ViewContext& ctx, ImDrawList* dl, ImVec2 min, float width, const Deal& deal, bool selected,
                    bool hovered, bool lifted) {
    const Palette& p = ctx.palette;
    const UiFonts& f = ctx.ui.fonts;
    const Store& store = ctx.store;
    ImVec2 max(min.x + width, min.y + kCardHeight);
    if (lifted) {
        for (int i = 1; i <= 6; ++i) {
            float s = float(i) * 2.0f;
            dl->AddRectFilled(ImVec2(min.x - s * 0.5f, min.y + s * 0.5f), ImVec2(max.x + s * 0.5f, max.y + s * 1.5f),
                              IM_COL32(0, 0, 0, 10), kCardRounding + s);
        }
    } else {
        dl->AddRectFilled(ImVec2(min.x, min.y + 1), ImVec2(max.x, max.y + 1), IM_COL32(0, 0, 0, 10), kCardRounding);
    }
    dl->AddRectFilled(min, max, hovered && !lifted ? p.surface : p.surface, kCardRounding);
    const ImU32 outline = selected ? p.accent : hovered ? with_alpha(p.text_muted, 90) : p.border;
    dl->AddRect(min, max, outline, kCardRounding, 0, selected ? 2.0f : 1.0f);

    const bool closed = deal.status != DealStatus::Open;
    const ImU32 title_col = closed ? p.text_muted : p.text;
    const float right = max.x - kPad;

    // Owner initials, top right.
    const float avatar = 22.0f;
    ImVec2 ac(right - avatar * 0.5f, min.y + kPad + avatar * 0.5f - 2.0f);
    if (const TeamMember* owner = store.find_member(deal.owner)) {
        dl->AddCircleFilled(ac, avatar * 0.5f, p.accent_soft, 20);
        std::string ini = initials(owner->name);
        if (f.small) ImGui::PushFont(f.small);
        ImVec2 ts = ImGui::CalcTextSize(ini.c_str());
        dl->AddText(ImVec2(IM_ROUND(ac.x - ts.x * 0.5f), IM_ROUND(ac.y - ts.y * 0.5f)), p.accent, ini.c_str());
        if (f.small) ImGui::PopFont();
    }

    const float text_right = right - avatar - space::sm;
    text_clipped(dl, f.strong, ImVec2(min.x + kPad, min.y + kPad), text_right, title_col, deal.title.c_str());
    const std::string sub = subtitle_of(store, deal);
    text_clipped(dl, f.body, ImVec2(min.x + kPad, min.y + kPad + 20.0f), text_right, p.text_muted, sub.c_str());

    // Bottom row: value, then close date or status, then the rotting badge at the right.
    const float row_y = max.y - kPad - 18.0f;
    const std::string value = format_money(deal.value, deal.currency);
    if (f.strong) ImGui::PushFont(f.strong);
    ImVec2 vs = ImGui::CalcTextSize(value.c_str());
    dl->AddText(ImVec2(min.x + kPad, row_y + 1), closed ? p.text_muted : p.text, value.c_str());
    if (f.strong) ImGui::PopFont();

    if (f.small) ImGui::PushFont(f.small);
    float x = min.x + kPad + vs.x + space::sm;
    const Day today = day_of(ctx.now);
    std::string meta;
    ImU32 meta_col = p.text_muted;
    if (deal.status == DealStatus::Won) { meta = "Won"; meta_col = p.success; }
    else if (deal.status == DealStatus::Lost) { meta = "Lost"; meta_col = p.danger; }
    else if (deal.status == DealStatus::Abandoned) { meta = "Abandoned"; }
    else if (deal.expected_close != kNoDay) {
        meta = format_day_short(deal.expected_close, today);
        if (deal.expected_close < today) meta_col = p.danger;   // overdue
    }
    // The rotting badge sits at the right; the date line is clipped before it.
    float meta_right = right;
    if (store.is_rotting(deal, ctx.now)) {
        const int idle = int((ctx.now - deal.last_activity_at) / 86'400'000);
        std::string badge = std::to_string(idle) + "d idle";
        ImVec2 bs = ImGui::CalcTextSize(badge.c_str());
        ImVec2 bmin(right - bs.x - 12.0f, row_y), bmax(right, row_y + bs.y + 6.0f);
        dl->AddRectFilled(bmin, bmax, with_alpha(p.danger, 32), (bmax.y - bmin.y) * 0.5f);
        dl->AddText(ImVec2(bmin.x + 6.0f, bmin.y + 3.0f), p.danger, badge.c_str());
        meta_right = bmin.x - space::xs;
    }
    if (!meta.empty()) {
        const std::string line = "\xc2\xb7 " + meta;
        text_clipped(dl, nullptr, ImVec2(x, row_y + 3), meta_right, meta_col, line.c_str());
    }
    if (f.small) ImGui::PopFont();
}

CardEvents board_card(ViewContext& ctx, const Deal& deal, float width, bool selected, bool ghost) {
    CardEvents ev;
    push_id(deal.meta.id);
    const char* label = deal.title.empty() ? "(untitled)" : deal.title.c_str();
    ImGui::InvisibleButton(label, ImVec2(width, kCardHeight),
                           ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
    name_last_item(label);   // InvisibleButton reports no label to the registry by itself
    ImGui::PopID();
    ev.hovered = ImGui::IsItemHovered();
    ev.pressed = ImGui::IsItemActivated() && ImGui::IsMouseClicked(ImGuiMouseButton_Left);
    ev.clicked = ImGui::IsItemDeactivated() && ev.hovered && !ImGui::IsMouseDragPastThreshold(ImGuiMouseButton_Left);
    ev.right_clicked = ev.hovered && ImGui::IsMouseClicked(ImGuiMouseButton_Right);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 min = ImGui::GetItemRectMin();
    if (ghost) {
        const Palette& p = ctx.palette;
        ImVec2 max(min.x + width, min.y + kCardHeight);
        dl->AddRectFilled(min, max, with_alpha(p.accent, 14), kCardRounding);
        dl->AddRect(min, max, with_alpha(p.accent, 110), kCardRounding, 0, 1.5f);
    } else {
        draw_card_face(ctx, dl, min, width, deal, selected, ev.hovered, false);
    }
    if (ev.hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    return ev;
}

void card_details(ViewContext& ctx, const Deal& deal) {
    const Store& store = ctx.store;
    const Palette& p = ctx.palette;
    if (ctx.ui.fonts.strong) ImGui::PushFont(ctx.ui.fonts.strong);
    ImGui::TextUnformatted(deal.title.c_str());
    if (ctx.ui.fonts.strong) ImGui::PopFont();
    ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(p.text_muted));
    const Stage* stage = store.find_stage(deal.stage);
    ImGui::Text("%s  \xc2\xb7  %s  \xc2\xb7  %d%%", format_money(deal.value, deal.currency).c_str(),
                stage ? stage->name.c_str() : "", store.effective_probability(deal));
    if (const Company* c = store.find_company(deal.company)) ImGui::Text("Company: %s", c->name.c_str());
    for (Id id : deal.contacts)
        if (const Contact* c = store.find_contact(id))
            ImGui::Text("Contact: %s%s%s", c->name.c_str(), c->email.empty() ? "" : "  ", c->email.c_str());
    if (const TeamMember* m = store.find_member(deal.owner)) ImGui::Text("Owner: %s", m->name.c_str());
    if (deal.expected_close != kNoDay) ImGui::Text("Expected close: %s", day_to_string(deal.expected_close).c_str());
    if (deal.last_activity_at > 0) {
        const int days = int((ctx.now - deal.last_activity_at) / 86'400'000);
        ImGui::Text("Last activity: %d day%s ago", days, days == 1 ? "" : "s");
    }
    if (store.is_rotting(deal, ctx.now) && stage)
        ImGui::Text("Idle longer than %s allows (%d days)", stage->name.c_str(), stage->idle_days);
    ImGui::Spacing();
    ImGui::TextUnformatted("Click to select, drag to move, right-click for actions.");
    ImGui::PopStyleColor();
}

}  // namespace dd::ui
