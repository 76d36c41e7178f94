// The deal page's highlights: six tiles across the top. A click on an editable tile opens its
// editor in place (a popup under the tile): Enter or a pick saves, Esc cancels.
#include "core/format.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "ui/date_picker.h"
#include "ui/deal_page_parts.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/team_settings.h"
#include "ui/widgets.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace dd::ui {
namespace {

// Draws one tile; returns true when it was clicked (and is editable).
bool tile(const char* label, const std::string& value, ImU32 accent, bool editable, float w, const ViewContext& ctx) {
    const Palette& p = ctx.palette;
    const float h = 64.0f;
    const std::string id = std::string("##tile_") + label;
    const bool pressed = ImGui::InvisibleButton(id.c_str(), ImVec2(w, h)) && editable;
    const std::string name = std::string(label) + ": " + value;
    name_last_item(name.c_str());
    const bool hovered = editable && ImGui::IsItemHovered();
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(min, max, hovered ? p.surface_hover : p.surface, kCardRounding);
    dl->AddRect(min, max, p.border, kCardRounding);
    if (accent) dl->AddRectFilled(ImVec2(min.x, min.y + 12), ImVec2(min.x + 3, max.y - 12), accent, 2.0f);
    ImGui::PushClipRect(min, ImVec2(max.x - 8, max.y), true);
    if (ctx.ui.fonts.small) ImGui::PushFont(ctx.ui.fonts.small);
    dl->AddText(ImVec2(min.x + 14, min.y + 12), p.text_muted, label);
    if (ctx.ui.fonts.small) ImGui::PopFont();
    if (ctx.ui.fonts.strong) ImGui::PushFont(ctx.ui.fonts.strong);
    dl->AddText(ImVec2(min.x + 14, min.y + 32), p.text, value.c_str());
    if (ctx.ui.fonts.strong) ImGui::PopFont();
    if (hovered) {
        const ImVec2 is = ImGui::CalcTextSize(icons::kPencil);
        dl->AddText(ImVec2(max.x - is.x - 12, min.y + 12), p.text_muted, icons::kPencil);
    }
    ImGui::PopClipRect();
    return pressed;
}

// Enter / Esc handling shared by the text editors of value and probability.
enum class EditKey { None, Save, Cancel };
EditKey text_editor(DealPageState& page, const char* name, float width) {
    if (page.focus_edit) {
        ImGui::SetKeyboardFocusHere();
        page.focus_edit = false;
    }
    ImGui::SetNextItemWidth(width);
    const bool enter = ImGui::InputText("##edit", page.edit_text, sizeof page.edit_text, ImGuiInputTextFlags_EnterReturnsTrue);
    name_last_item(name);
    if (enter) return EditKey::Save;
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) return EditKey::Cancel;
    return EditKey::None;
}

void start_edit(DealPageState& page, DealHighlight which, const std::string& text, const char* popup) {
    page.editing = which;
    page.focus_edit = true;
    page.edit_error.clear();
    std::snprintf(page.edit_text, sizeof page.edit_text, "%s", text.c_str());
    ImGui::OpenPopup(popup);
}

void show_error(const DealPageState& page, const Palette& p) {
    if (page.edit_error.empty()) return;
    named_text(page.edit_error, "Error: " + page.edit_error, p.danger, 280.0f);
}

// Checks an UpdateDeal with the store before recording it: a refusal stays in the editor.
bool record_update(ViewContext& ctx, const Deal& deal, DealPatch patch) {
    UpdateDeal cmd{deal.meta.id, std::move(patch)};
    const Status s = ctx.store.check(cmd, CommandContext{ctx.store.settings().current_user, ctx.now});
    if (!s.ok()) {
        ctx.ui.deal_page.edit_error = s.error().message;
        ctx.ui.deal_page.focus_edit = true;
        return false;
    }
    ctx.intents.commands.push_back(std::move(cmd));
    return true;
}

void value_popup(ViewContext& ctx, const Deal& deal) {
    DealPageState& page = ctx.ui.deal_page;
    if (!ImGui::BeginPopup("edit_value")) return;
    caption("Value", ctx.palette);
    const EditKey k = text_editor(page, "Edit value", 200.0f);
    ImGui::SameLine();
    ImGui::TextUnformatted(std::string(deal.currency.view()).c_str());
    show_error(page, ctx.palette);
    if (k == EditKey::Save) {
        Result<Money> m = parse_amount(page.edit_text, deal.currency, ctx.store.settings().locale);
        if (!m.ok()) {
            page.edit_error = m.error().message;
            page.focus_edit = true;   // keep typing where the mistake is
        } else {
            DealPatch patch;
            patch.value = m.value();
            if (record_update(ctx, deal, std::move(patch))) ImGui::CloseCurrentPopup();
        }
    } else if (k == EditKey::Cancel) {
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

void probability_popup(ViewContext& ctx, const Deal& deal) {
    DealPageState& page = ctx.ui.deal_page;
    if (!ImGui::BeginPopup("edit_probability")) return;
    caption("Probability (%)", ctx.palette);
    const EditKey k = text_editor(page, "Edit probability", 120.0f);
    show_error(page, ctx.palette);
    if (deal.probability_override >= 0 && styled_button("Use the stage's probability", nullptr, ButtonKind::Ghost, ctx.palette)) {
        DealPatch patch;
        patch.probability_override = int8_t(-1);
        if (record_update(ctx, deal, std::move(patch))) ImGui::CloseCurrentPopup();
    }
    if (k == EditKey::Save) {
        char* end = nullptr;
        const long v = std::strtol(page.edit_text, &end, 10);
        while (end && *end == ' ') ++end;
        if (end == page.edit_text || (end && *end && *end != '%') || v < 0 || v > 100) {
            page.edit_error = "must be a whole number from 0 to 100";
            page.focus_edit = true;
        } else {
            DealPatch patch;
            patch.probability_override = int8_t(v);
            if (record_update(ctx, deal, std::move(patch))) ImGui::CloseCurrentPopup();
        }
    } else if (k == EditKey::Cancel) {
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

void owner_popup(ViewContext& ctx, const Deal& deal) {
    if (!ImGui::BeginPopup("edit_owner")) return;
    caption("Owner", ctx.palette);
    const auto pick = [&](Id id, const char* name) {
        push_id(id);
        if (ImGui::Selectable(name, deal.owner == id, 0, ImVec2(220, 0))) {
            DealPatch patch;
            patch.owner = id;
            record_update(ctx, deal, std::move(patch));
            ImGui::CloseCurrentPopup();
        }
        name_last_item((std::string("Owner ") + name).c_str());
        ImGui::PopID();
    };
    for (const TeamMember& m : ctx.store.workspace().team) pick(m.meta.id, m.name.c_str());
    pick(kNoId, "Nobody");
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

void stage_popup(ViewContext& ctx, const Deal& deal) {
    if (!ImGui::BeginPopup("edit_stage")) return;
    caption("Move to stage", ctx.palette);
    if (const Pipeline* pl = ctx.store.find_pipeline(deal.pipeline))
        for (const Stage& s : pl->stages) {
            if (s.kind != StageKind::Open) continue;
            push_id(s.id);
            if (ImGui::Selectable(s.name.c_str(), deal.stage == s.id, 0, ImVec2(220, 0)) && s.id != deal.stage) {
                ctx.intents.commands.push_back(MoveDeal{deal.meta.id, s.id, kNoId, kNoId, {}});
                ImGui::CloseCurrentPopup();
            }
            name_last_item(("Move to " + s.name).c_str());
            ImGui::PopID();
        }
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

void status_popup(ViewContext& ctx, const Deal& deal) {
    if (!ImGui::BeginPopup("edit_status")) return;
    caption("Status", ctx.palette);
    const DealStatus all[] = {DealStatus::Open, DealStatus::Won, DealStatus::Lost, DealStatus::Abandoned};
    for (DealStatus s : all) {
        if (ImGui::Selectable(status_label(s), deal.status == s, 0, ImVec2(220, 0)) && s != deal.status) {
            if (s == DealStatus::Lost) {
                ctx.ui.deal_page.lost_requested = true;   // the reason first
            } else {
                SetDealStatus cmd;
                cmd.deal = deal.meta.id;
                cmd.status = s;
                ctx.intents.commands.push_back(cmd);
            }
            ImGui::CloseCurrentPopup();
        }
        name_last_item((std::string("Status ") + status_label(s)).c_str());
    }
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

ImU32 status_color(DealStatus s, const Palette& p) {
    switch (s) {
    case DealStatus::Won: return p.success;
    case DealStatus::Lost: return p.danger;
    case DealStatus::Abandoned: return p.warning;
    case DealStatus::Open: return p.accent;
    }
    return p.accent;
}

}  // namespace

void draw_deal_highlights(ViewContext& ctx, const Deal& deal, bool editable, float width) {
    const Store& store = ctx.store;
    const Palette& p = ctx.palette;
    DealPageState& page = ctx.ui.deal_page;
    const std::string& locale = store.settings().locale;
    const float gap = space::sm;
    const float w = std::floor((width - 5 * gap) / 6.0f);

    const Stage* stage = store.find_stage(deal.stage);
    const bool open = deal.status == DealStatus::Open;
    if (tile("Stage", stage ? stage->name : "-", stage ? (IM_COL32((stage->color >> 16) & 255, (stage->color >> 8) & 255, stage->color & 255, 255)) : 0,
             editable && open, w, ctx))
        ImGui::OpenPopup("edit_stage");
    place_popup_below_last_item("edit_stage");   // the tile keeps showing the current value
    stage_popup(ctx, deal);

    ImGui::SameLine(0, gap);
    const int prob = store.effective_probability(deal);
    std::string prob_text = format_percent(prob, locale) + (deal.probability_override >= 0 ? " (set)" : "");
    if (tile("Probability", prob_text, 0, editable, w, ctx))
        start_edit(page, DealHighlight::Probability, std::to_string(prob), "edit_probability");
    place_popup_below_last_item("edit_probability");
    probability_popup(ctx, deal);

    ImGui::SameLine(0, gap);
    if (tile("Value", format_money(deal.value, deal.currency, locale), 0, editable, w, ctx))
        start_edit(page, DealHighlight::Value, format_amount(deal.value, deal.currency, locale), "edit_value");
    place_popup_below_last_item("edit_value");
    value_popup(ctx, deal);

    ImGui::SameLine(0, gap);
    const std::string close_text = deal.expected_close == kNoDay ? "No date" : format_day(deal.expected_close, locale);
    const bool overdue = open && deal.expected_close != kNoDay && deal.expected_close < today_of(ctx.now);
    if (tile("Expected close", close_text, overdue ? p.danger : 0, editable, w, ctx)) {
        int d = 0;
        civil_from_day(deal.expected_close == kNoDay ? today_of(ctx.now) : deal.expected_close, page.close_year,
                       page.close_month, d);
        ImGui::OpenPopup("edit_close");
    }
    place_popup_below_last_item("edit_close");
    if (ImGui::BeginPopup("edit_close")) {
        Day day = deal.expected_close;
        bool picked = month_grid(day, page.close_year, page.close_month, today_of(ctx.now), p);
        if (styled_button("Clear date", nullptr, ButtonKind::Ghost, p)) day = kNoDay, picked = true;
        if (picked) {
            DealPatch patch;
            patch.expected_close = day;
            record_update(ctx, deal, std::move(patch));
            ImGui::CloseCurrentPopup();
        }
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }

    ImGui::SameLine(0, gap);
    if (tile("Owner", member_name(store, deal.owner), 0, editable, w, ctx)) ImGui::OpenPopup("edit_owner");
    place_popup_below_last_item("edit_owner", /*right_aligned=*/true);   // the last two tiles end at the right edge
    owner_popup(ctx, deal);

    ImGui::SameLine(0, gap);
    if (tile("Status", status_label(deal.status), status_color(deal.status, p), editable, w, ctx))
        ImGui::OpenPopup("edit_status");
    place_popup_below_last_item("edit_status", /*right_aligned=*/true);
    status_popup(ctx, deal);
}

}  // namespace dd::ui
