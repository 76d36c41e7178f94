// The Companies view: the list (filter, add) and a company's page (its contacts, deals, won
// total, employee count; edit and delete, both undoable).
#include "core/format.h"
#include "imgui.h"
#include "ui/contacts.h"
#include "ui/contacts_parts.h"
#include "ui/deal_page_parts.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/team_settings.h"
#include "ui/toast_action.h"
#include "ui/widgets.h"

#include <algorithm>
#include <cstdio>
#include <string>

namespace dd::ui {
namespace {

constexpr const char* kDeleteDialog = "Delete this company?";

void company_editors(ViewContext& ctx, float width) {
    CompaniesState& s = ctx.ui.companies;
    const float w = (width - 2 * space::sm) / 3.0f;
    ImGui::SetNextItemWidth(w);
    ImGui::InputTextWithHint("##name", "Name", s.name, sizeof s.name);
    name_last_item("Company name");
    ImGui::SameLine(0, space::sm);
    ImGui::SetNextItemWidth(w);
    ImGui::InputTextWithHint("##domain", "Domain (example.com)", s.domain, sizeof s.domain);
    name_last_item("Company domain");
    ImGui::SameLine(0, space::sm);
    ImGui::SetNextItemWidth(w);
    ImGui::InputInt("##employees", &s.employees, 10, 100);
    s.employees = std::max(0, s.employees);
    name_last_item("Company employees");
    if (!s.error.empty()) {
        named_text(s.error, "Error: " + s.error, ctx.palette.danger);
    }
}

void draw_list(ViewContext& ctx, bool editable) {
    CompaniesState& s = ctx.ui.companies;
    const Palette& p = ctx.palette;
    const Store& store = ctx.store;
    const std::string& locale = store.settings().locale;
    const float width = ImGui::GetContentRegionAvail().x;
    const AddRowPage page{"Companies", "Filter by name or domain", "Filter companies", "New company", 150.0f,
                          company_editors};
    const RowAction action = page_header_with_add_row(ctx, page, s.filter, sizeof s.filter, s.adding, s.error, editable, [&s] {
        s.name[0] = s.domain[0] = 0;
        s.employees = 0;
    });
    if (action == RowAction::Submit) {
        Company c;
        c.meta.id = ctx.ids.next();
        c.name = s.name;
        c.domain = s.domain;
        c.employees = s.employees;
        if (record_checked(ctx, CreateCompany{c}, s.error)) s.adding = false;
    }
    const auto& companies = store.workspace().companies;
    if (companies.empty()) {
        text_item("No companies yet.", nullptr, p.text_muted);
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_PadOuterX;
    if (!ImGui::BeginTable("companies", 5, flags, ImVec2(width, ImGui::GetContentRegionAvail().y))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Name", ImGuiTableColumnFlags_WidthStretch, 1.5f);
    ImGui::TableSetupColumn("Domain", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("Employees", ImGuiTableColumnFlags_WidthFixed, 100.0f);
    ImGui::TableSetupColumn("Contacts", ImGuiTableColumnFlags_WidthFixed, 80.0f);
    ImGui::TableSetupColumn("Deals", ImGuiTableColumnFlags_WidthFixed, 60.0f);
    ImGui::TableHeadersRow();
    for (const Company& c : companies) {
        if (!matches_filter(c.name, s.filter) && !matches_filter(c.domain, s.filter)) continue;
        push_id(c.meta.id);
        ImGui::TableNextRow(0, 30.0f);
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        if (ImGui::Selectable(c.name.c_str(), false, ImGuiSelectableFlags_SpanAllColumns)) open_company(ctx.ui, c.meta.id);
        name_last_item(("Open company " + c.name).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(c.domain.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(c.employees ? format_integer(c.employees, locale).c_str() : "-");
        ImGui::TableNextColumn();
        ImGui::Text("%d", int(store.contacts_of_company(c.meta.id).size()));
        ImGui::TableNextColumn();
        ImGui::Text("%d", int(store.deals_of_company(c.meta.id).size()));
        ImGui::PopID();
    }
    ImGui::EndTable();
}

// Deleting a company only unlinks it: its deals and contacts stay, without a company. The dialog
// lists them so nobody is surprised by the empty company fields afterwards.
void draw_delete_dialog(ViewContext& ctx, const Company& c) {
    CompaniesState& s = ctx.ui.companies;
    const bool confirmed = confirm_delete_dialog(ctx, kDeleteDialog, s.confirm_delete, "Delete company##confirm", [&](float wrap) {
        const std::vector<Id> deals = ctx.store.deals_of_company(c.meta.id);
        const std::vector<Id> contacts = ctx.store.contacts_of_company(c.meta.id);
        bullet_list(ctx, "These deals stay, without a company:", deal_titles(ctx.store, deals), wrap);
        bullet_list(ctx, "These contacts stay, without a company:", contact_names(ctx.store, contacts), wrap);
        if (deals.empty() && contacts.empty())
            text_item("No deal or contact is linked to this company.", nullptr, ctx.palette.text_muted, wrap);
    });
    if (confirmed) {
        ctx.intents.commands.push_back(DeleteCompany{c.meta.id});
        s.open = kNoId;
    }
}

void draw_page(ViewContext& ctx, const Company& c, bool editable) {
    CompaniesState& s = ctx.ui.companies;
    const Palette& p = ctx.palette;
    const Store& store = ctx.store;
    const float width = ImGui::GetContentRegionAvail().x;
    std::string subtitle = c.domain;
    const std::string employees = c.employees ? format_integer(c.employees, store.settings().locale) + " employees" : "Employees unknown";
    subtitle += (subtitle.empty() ? "" : "  \xc2\xb7  ") + employees;
    if (draw_record_header(ctx, "All companies", icons::kBuilding, c.name, subtitle)) {
        s.open = kNoId;
        return;
    }
    ImGui::SameLine(ImGui::GetCursorStartPos().x + width - 240.0f - space::sm);   // right-aligned with the content
    ImGui::BeginDisabled(!editable);
    if (styled_button("Edit company", icons::kPencil, ButtonKind::Secondary, p, ImVec2(120.0f, 0))) {
        s.editing = true;
        copy_text(s.name, sizeof s.name, c.name);
        copy_text(s.domain, sizeof s.domain, c.domain);
        s.employees = c.employees;
        s.error.clear();
    }
    ImGui::SameLine(0, space::sm);
    if (styled_button("Delete company", icons::kTrash, ButtonKind::Secondary, p, ImVec2(120.0f, 0))) s.confirm_delete = true;
    ImGui::EndDisabled();
    ImGui::Dummy(ImVec2(0, space::md));
    if (s.editing && editable) {
        const RowAction action = inline_editor_row(ctx, width - 200.0f, "Save", "Cancel##edit", company_editors);
        if (action == RowAction::Submit) {
            CompanyPatch patch;
            if (c.name != s.name) patch.name = std::string(s.name);
            if (c.domain != s.domain) patch.domain = std::string(s.domain);
            if (c.employees != s.employees) patch.employees = s.employees;
            if (record_checked(ctx, UpdateCompany{c.meta.id, patch}, s.error)) s.editing = false;
        } else if (action == RowAction::Cancel) {
            s.editing = false;
        }
    }

    const float left = std::min(320.0f, width * 0.3f);
    ImGui::BeginChild("company_contacts", ImVec2(left, 0), false);
    text_item("Contacts", ctx.ui.fonts.heading, p.text);
    ImGui::Spacing();
    const std::vector<Id> contacts = store.contacts_of_company(c.meta.id);
    if (contacts.empty()) text_item("No contacts at this company.", nullptr, p.text_muted);
    for (Id id : contacts) {
        const Contact* ct = store.find_contact(id);
        if (!ct) continue;
        push_id(id);
        const std::string label = std::string(icons::kUser) + "  " + ct->name;
        if (ImGui::Selectable(label.c_str(), false, 0, ImVec2(left - space::md, 28.0f))) open_contact(ctx.ui, id);
        name_last_item(("Open contact " + ct->name).c_str());
        ImGui::PopID();
    }
    ImGui::EndChild();
    ImGui::SameLine(0, space::lg);
    ImGui::BeginChild("company_deals", ImVec2(0, 0), false);
    text_item("Deals", ctx.ui.fonts.heading, p.text);
    ImGui::Spacing();
    draw_deal_summary_and_table(ctx, store.deals_of_company(c.meta.id), ImGui::GetContentRegionAvail().x);
    ImGui::EndChild();
    draw_delete_dialog(ctx, c);
}

}  // namespace

void open_company(UiState& ui, Id company) {
    ui.companies.open = company;
    ui.companies.editing = false;
    ui.companies.confirm_delete = false;
    ui.view = View::Companies;
}

void draw_companies(ViewContext& ctx) {
    const bool editable = can_edit_data(ctx.store);
    const Company* c = ctx.store.find_company(ctx.ui.companies.open);
    if (c) draw_page(ctx, *c, editable);
    else draw_list(ctx, editable);
    draw_toast_undo(ctx);
}

}  // namespace dd::ui
