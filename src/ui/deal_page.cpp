// The deal page's layout: header (back, title, edit / clone / delete), highlights, stage bar,
// then two columns: notes, activities and the timeline on the left, the deal's details on the right.
#include "ui/deal_page.h"

#include "core/format.h"
#include "imgui.h"
#include "ui/contacts.h"
#include "ui/deal_form.h"
#include "ui/deal_page_parts.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/team_settings.h"
#include "ui/timeline.h"
#include "ui/toast_action.h"
#include "ui/widgets.h"

#include <algorithm>

namespace dd::ui {
namespace {

void draw_header(ViewContext& ctx, const Deal& deal, bool editable, float width) {
    const Palette& p = ctx.palette;
    if (styled_button("Back", icons::kArrowLeft, ButtonKind::Ghost, p)) close_deal_page(ctx.ui);
    ImGui::SameLine(0, space::sm);
    const float actions_w = 3 * 96.0f + 2 * space::sm;
    const ImVec2 title_pos = ImGui::GetCursorScreenPos();
    ImGui::PushClipRect(title_pos, ImVec2(title_pos.x + width - actions_w - 140.0f, title_pos.y + 40.0f), true);
    if (ctx.ui.fonts.heading) ImGui::PushFont(ctx.ui.fonts.heading);
    ImGui::AlignTextToFramePadding();
    text_item(deal.title.c_str(), nullptr, p.text);
    if (ctx.ui.fonts.heading) ImGui::PopFont();
    ImGui::PopClipRect();
    if (!editable) {
        ImGui::SameLine(0, space::md);
        ImGui::AlignTextToFramePadding();
        named_text(std::string(icons::kLock) + "  Read only", "Read only", p.text_muted, 200.0f);
    }
    ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - actions_w));
    ImGui::BeginDisabled(!editable);
    if (styled_button("Edit", icons::kPencil, ButtonKind::Secondary, p, ImVec2(96.0f, 0))) open_deal_form_edit(ctx, deal.meta.id);
    ImGui::SameLine(0, space::sm);
    if (styled_button("Clone", icons::kClone, ButtonKind::Secondary, p, ImVec2(96.0f, 0))) {
        const Id copy = ctx.ids.next();
        ctx.intents.commands.push_back(DuplicateDeal{deal.meta.id, copy});
        open_deal(ctx.ui, copy);
    }
    ImGui::SameLine(0, space::sm);
    if (styled_button("Delete", icons::kTrash, ButtonKind::Secondary, p, ImVec2(96.0f, 0))) ctx.ui.deal_page.confirm_delete = true;
    ImGui::EndDisabled();
}

void detail_row(const char* label, const std::string& value, const Palette& p) {
    caption(label, p);
    const std::string name = std::string(label) + ": " + (value.empty() ? "-" : value);
    named_text(value.empty() ? "-" : value, name, p.text);
    ImGui::Spacing();
}

std::string custom_value_text(const Store& store, const CustomFieldDef& def, const Deal& deal) {
    for (const CustomValue& v : deal.custom) {
        if (v.field != def.meta.id) continue;
        switch (def.type) {
        case FieldType::Text: case FieldType::SingleSelect: return v.text;
        case FieldType::Number: return format_integer(v.number, store.settings().locale);
        case FieldType::Date: return format_day(Day(v.number), store.settings().locale);
        case FieldType::Checkbox: return v.number ? "Yes" : "No";
        }
    }
    return "";
}

void draw_details(ViewContext& ctx, const Deal& deal, float width) {
    const Palette& p = ctx.palette;
    const Store& store = ctx.store;
    text_item("Details", ctx.ui.fonts.heading, p.text);
    ImGui::Spacing();
    caption("Contacts", p);
    if (deal.contacts.empty()) ImGui::TextDisabled("No contact");
    for (Id id : deal.contacts) {
        const Contact* c = store.find_contact(id);
        if (!c) continue;
        push_id(id);
        const std::string label = std::string(icons::kUser) + "  " + c->name;
        if (ImGui::Selectable(label.c_str(), false, 0, ImVec2(width, 0))) open_contact(ctx.ui, id);
        const std::string name = "Contact " + c->name;
        name_last_item(name.c_str());
        if (!c->email.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(p.text_muted));
            ImGui::TextUnformatted(("     " + c->email).c_str());
            ImGui::PopStyleColor();
        }
        ImGui::PopID();
    }
    ImGui::Spacing();
    caption("Company", p);
    if (const Company* co = store.find_company(deal.company)) {
        const std::string label = std::string(icons::kBuilding) + "  " + co->name;
        if (ImGui::Selectable(label.c_str(), false, 0, ImVec2(width, 0))) open_company(ctx.ui, co->meta.id);
        const std::string name = "Company " + co->name;
        name_last_item(name.c_str());
    } else {
        ImGui::TextDisabled("No company");
    }
    ImGui::Spacing();
    detail_row("Reference", deal.external_ref, p);
    detail_row("Commit", deal.commit ? "In commit" : "Not in commit", p);
    detail_row("Source", deal.source, p);
    if (deal.close_date != kNoDay) detail_row("Closed on", format_day(deal.close_date, store.settings().locale), p);
    if (deal.status == DealStatus::Lost) {
        std::string reason;
        if (const LostReason* r = store.find_lost_reason(deal.lost_reason)) reason = r->text;
        if (!deal.lost_reason_text.empty()) reason += (reason.empty() ? "" : " - ") + deal.lost_reason_text;
        detail_row("Lost reason", reason, p);
    }
    detail_row("Description", deal.description, p);
    for (const CustomFieldDef& def : store.workspace().custom_fields) {
        push_id(def.meta.id);
        detail_row(def.name.c_str(), custom_value_text(store, def, deal), p);
        ImGui::PopID();
    }
    caption("Created", p);
    ImGui::TextUnformatted(format_instant(deal.meta.created_at, store.settings().locale).c_str());
}

}  // namespace

void draw_deal_page(ViewContext& ctx) {
    const Palette& p = ctx.palette;
    const Deal* deal = ctx.store.find_deal(ctx.ui.deal_page.deal);
    if (!deal) {
        // Deleted (here or by an undo), or a clone whose command was refused.
        if (styled_button("Back", icons::kArrowLeft, ButtonKind::Ghost, p)) close_deal_page(ctx.ui);
        ImGui::Spacing();
        text_item("This deal no longer exists.", ctx.ui.fonts.heading, p.text_muted);
        draw_toast_undo(ctx);
        return;
    }
    const bool editable = can_edit_data(ctx.store);
    const float width = ImGui::GetContentRegionAvail().x;
    draw_header(ctx, *deal, editable, width);
    ImGui::Dummy(ImVec2(0, space::sm));
    draw_deal_highlights(ctx, *deal, editable, width);
    ImGui::Dummy(ImVec2(0, space::md));
    draw_deal_stage_bar(ctx, *deal, editable, width);
    ImGui::Dummy(ImVec2(0, space::lg));

    const float gap = space::lg;
    const float right_w = std::clamp(width * 0.32f, 260.0f, 380.0f);
    const float left_w = std::max(300.0f, width - right_w - gap);
    ImGui::BeginChild("deal_left", ImVec2(left_w, 0), false);
    draw_deal_composer(ctx, *deal, editable, left_w - space::sm);
    ImGui::Dummy(ImVec2(0, space::md));
    draw_deal_planned(ctx, *deal, editable, left_w - space::sm);
    ImGui::Dummy(ImVec2(0, space::md));
    draw_timeline(ctx, *deal, left_w - space::sm);
    ImGui::EndChild();
    ImGui::SameLine(0, gap);
    // The details card.
    const ImVec2 card_min = ImGui::GetCursorScreenPos();
    const float card_h = ImGui::GetContentRegionAvail().y;
    draw_card(ImGui::GetWindowDrawList(), card_min, ImVec2(card_min.x + right_w, card_min.y + card_h), p);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(space::md, space::md));
    ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(0, 0, 0, 0));
    ImGui::BeginChild("deal_right", ImVec2(right_w, card_h), false, ImGuiWindowFlags_AlwaysUseWindowPadding);
    draw_details(ctx, *deal, right_w - 2 * space::md);
    ImGui::EndChild();
    ImGui::PopStyleColor();
    ImGui::PopStyleVar();

    draw_deal_dialogs(ctx, *deal);
    draw_toast_undo(ctx);
}

}  // namespace dd::ui
