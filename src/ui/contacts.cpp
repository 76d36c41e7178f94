// The Contacts view: the list (filter, add) and a contact's page (details, edit, deals, "New deal
// for this contact", delete with a preview of the deals it removes and unlinks).
#include "ui/contacts.h"

#include "core/contact_impact.h"
#include "imgui.h"
#include "ui/contacts_parts.h"
#include "ui/deal_form.h"
#include "ui/deal_page.h"
#include "ui/deal_page_parts.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/team_settings.h"
#include "ui/toast_action.h"
#include "ui/widgets.h"

#include <cstdio>
#include <string>

namespace dd::ui {
namespace {

constexpr const char* kDeleteDialog = "Delete this contact?";

void company_combo(const Store& store, Id& company, float width) {
    const Company* current = store.find_company(company);
    ImGui::SetNextItemWidth(width);
    if (ImGui::BeginCombo("##company", current ? current->name.c_str() : "No company")) {
        if (ImGui::Selectable("No company", company == kNoId)) company = kNoId;
        for (const Company& c : store.workspace().companies) {
            push_id(c.meta.id);
            if (ImGui::Selectable(c.name.c_str(), company == c.meta.id)) company = c.meta.id;
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }
    name_last_item("Contact company");
}

// The name / email / phone / company editors (adding and editing share them).
void contact_editors(ViewContext& ctx, float width) {
    ContactsState& s = ctx.ui.contacts;
    const float w = (width - 3 * space::sm) / 4.0f;
    ImGui::SetNextItemWidth(w);
    ImGui::InputTextWithHint("##name", "Name", s.name, sizeof s.name);
    name_last_item("Contact name");
    ImGui::SameLine(0, space::sm);
    ImGui::SetNextItemWidth(w);
    ImGui::InputTextWithHint("##email", "Email", s.email, sizeof s.email);
    name_last_item("Contact email");
    ImGui::SameLine(0, space::sm);
    ImGui::SetNextItemWidth(w);
    ImGui::InputTextWithHint("##phone", "Phone", s.phone, sizeof s.phone);
    name_last_item("Contact phone");
    ImGui::SameLine(0, space::sm);
    company_combo(ctx.store, s.company, w);
    if (!s.error.empty()) {
        named_text(s.error, "Error: " + s.error, ctx.palette.danger);
    }
}

void draw_list(ViewContext& ctx, bool editable) {
    ContactsState& s = ctx.ui.contacts;
    const Palette& p = ctx.palette;
    const Store& store = ctx.store;
    const float width = ImGui::GetContentRegionAvail().x;
    const AddRowPage page{"Contacts", "Filter by name, email or phone", "Filter contacts", "New contact", 140.0f,
                          contact_editors};
    const RowAction action = page_header_with_add_row(ctx, page, s.filter, sizeof s.filter, s.adding, s.error, editable, [&s] {
        s.name[0] = s.email[0] = s.phone[0] = 0;
        s.company = kNoId;
    });
    if (action == RowAction::Submit) {
        Contact c;
        c.meta.id = ctx.ids.next();
        c.name = s.name;
        c.email = s.email;
        c.phone = s.phone;
        c.company = s.company;
        if (record_checked(ctx, CreateContact{c}, s.error)) s.adding = false;
    }
    const auto& contacts = store.workspace().contacts;
    if (contacts.empty()) {
        text_item("No contacts yet. Add one, or create one with a new deal.", nullptr, p.text_muted);
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_PadOuterX | ImGuiTableFlags_Sortable;
    if (!ImGui::BeginTable("contacts", 5, flags, ImVec2(width, ImGui::GetContentRegionAvail().y))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Name", ImGuiTableColumnFlags_WidthStretch | ImGuiTableColumnFlags_NoSort, 1.5f);
    ImGui::TableSetupColumn("Email", ImGuiTableColumnFlags_WidthStretch | ImGuiTableColumnFlags_NoSort, 1.5f);
    ImGui::TableSetupColumn("Phone", ImGuiTableColumnFlags_WidthStretch | ImGuiTableColumnFlags_NoSort, 1.0f);
    ImGui::TableSetupColumn("Company", ImGuiTableColumnFlags_WidthStretch | ImGuiTableColumnFlags_NoSort, 1.0f);
    ImGui::TableSetupColumn("Deals", ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoSort, 60.0f);
    ImGui::TableHeadersRow();
    for (const Contact& c : contacts) {
        const Company* co = store.find_company(c.company);
        if (!matches_filter(c.name, s.filter) && !matches_filter(c.email, s.filter) && !matches_filter(c.phone, s.filter) &&
            !(co && matches_filter(co->name, s.filter)))
            continue;
        push_id(c.meta.id);
        ImGui::TableNextRow(0, 30.0f);
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        if (ImGui::Selectable(c.name.c_str(), false, ImGuiSelectableFlags_SpanAllColumns)) open_contact(ctx.ui, c.meta.id);
        name_last_item(("Open contact " + c.name).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(c.email.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(c.phone.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(co ? co->name.c_str() : "");
        ImGui::TableNextColumn();
        ImGui::Text("%d", int(store.deal_count_of_contact(c.meta.id)));
        ImGui::PopID();
    }
    ImGui::EndTable();
}

void draw_delete_dialog(ViewContext& ctx, const Contact& c) {
    ContactsState& s = ctx.ui.contacts;
    const bool confirmed = confirm_delete_dialog(ctx, kDeleteDialog, s.confirm_delete, "Delete contact##confirm", [&](float wrap) {
        const ContactDeleteImpact impact = contact_delete_impact(ctx.store, c.meta.id);
        bullet_list(ctx, "These deals have no other contact and will be deleted:", deal_titles(ctx.store, impact.deals_deleted), wrap);
        bullet_list(ctx, "These deals keep their other contacts; this one is unlinked:", deal_titles(ctx.store, impact.deals_unlinked), wrap);
        if (impact.deals_deleted.empty() && impact.deals_unlinked.empty())
            text_item("No deal is linked to this contact.", nullptr, ctx.palette.text_muted, wrap);
        if (impact.notes || impact.activities) {
            ImGui::Spacing();
            const std::string more = std::to_string(impact.notes) + " note(s) and " + std::to_string(impact.activities) +
                                     " linked activity(ies) go with it.";
            text_item(more.c_str(), nullptr, ctx.palette.text_muted, wrap);
        }
    });
    if (confirmed) {
        ctx.intents.commands.push_back(DeleteContact{c.meta.id});
        s.open = kNoId;
    }
}

void draw_page(ViewContext& ctx, const Contact& c, bool editable) {
    ContactsState& s = ctx.ui.contacts;
    const Palette& p = ctx.palette;
    const float width = ImGui::GetContentRegionAvail().x;
    const Company* co = ctx.store.find_company(c.company);
    std::string subtitle = c.email;
    if (!c.phone.empty()) subtitle += (subtitle.empty() ? "" : "  \xc2\xb7  ") + c.phone;
    if (co) subtitle += (subtitle.empty() ? "" : "  \xc2\xb7  ") + co->name;
    if (draw_record_header(ctx, "All contacts", icons::kUser, c.name, subtitle)) {
        s.open = kNoId;
        return;
    }
    // Right-aligned with the content (SameLine's offset counts from the window's edge, not from
    // the padded content start).
    ImGui::SameLine(ImGui::GetCursorStartPos().x + width - (210.0f + 110.0f + 120.0f + 2 * space::sm));
    ImGui::BeginDisabled(!editable);
    if (styled_button("New deal for this contact", icons::kPlus, ButtonKind::Primary, p, ImVec2(150.0f + 60.0f, 0)))
        open_deal_form_new(ctx, c.meta.id);
    ImGui::SameLine(0, space::sm);
    if (styled_button("Edit contact", icons::kPencil, ButtonKind::Secondary, p, ImVec2(110.0f, 0))) {
        s.editing = true;
        copy_text(s.name, sizeof s.name, c.name);
        copy_text(s.email, sizeof s.email, c.email);
        copy_text(s.phone, sizeof s.phone, c.phone);
        s.company = c.company;
        s.error.clear();
    }
    ImGui::SameLine(0, space::sm);
    if (styled_button("Delete contact", icons::kTrash, ButtonKind::Secondary, p, ImVec2(120.0f, 0))) s.confirm_delete = true;
    ImGui::EndDisabled();
    if (co) {
        ImGui::Dummy(ImVec2(0, space::xs));
        if (styled_button((co->name + "##company").c_str(), icons::kBuilding, ButtonKind::Ghost, p)) open_company(ctx.ui, co->meta.id);
    }
    ImGui::Dummy(ImVec2(0, space::md));
    if (s.editing && editable) {
        const RowAction action = inline_editor_row(ctx, width - 200.0f, "Save", "Cancel##edit", contact_editors);
        if (action == RowAction::Submit) {
            ContactPatch patch;
            if (c.name != s.name) patch.name = std::string(s.name);
            if (c.email != s.email) patch.email = std::string(s.email);
            if (c.phone != s.phone) patch.phone = std::string(s.phone);
            if (c.company != s.company) patch.company = s.company;
            if (record_checked(ctx, UpdateContact{c.meta.id, patch}, s.error)) s.editing = false;
        } else if (action == RowAction::Cancel) {
            s.editing = false;
        }
    }
    text_item("Deals", ctx.ui.fonts.heading, p.text);
    ImGui::Spacing();
    draw_deal_summary_and_table(ctx, ctx.store.deals_of_contact(c.meta.id), width);
    draw_delete_dialog(ctx, c);
}

}  // namespace

void open_contact(UiState& ui, Id contact) {
    ui.contacts.open = contact;
    ui.contacts.editing = false;
    ui.contacts.confirm_delete = false;
    ui.view = View::Contacts;
}

void draw_contacts(ViewContext& ctx) {
    const bool editable = can_edit_data(ctx.store);
    const Contact* c = ctx.store.find_contact(ctx.ui.contacts.open);
    if (c) draw_page(ctx, *c, editable);
    else draw_list(ctx, editable);
    draw_toast_undo(ctx);
}

}  // namespace dd::ui
