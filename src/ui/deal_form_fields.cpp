#include "ui/deal_form_fields.h"

#include "imgui.h"
#include "ui/deal_page_parts.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/widgets.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <string>

namespace dd::ui {
namespace {


// Case-insensitive "contains" for ASCII; other bytes compare as they are.
bool contains_text(const std::string& hay, const char* needle) {
    const std::string n(needle);
    if (n.empty()) return true;
    auto lower = [](unsigned char c) { return char(std::tolower(c)); };
    std::string h(hay.size(), ' '), m(n.size(), ' ');
    std::transform(hay.begin(), hay.end(), h.begin(), lower);
    std::transform(n.begin(), n.end(), m.begin(), lower);
    return h.find(m) != std::string::npos;
}

// The first contact chosen pre-fills the title while the user has not typed one.
void prefill_title(DealFormState& f, const std::string& contact_name) {
    if (f.title_touched || f.editing != kNoId) return;
    std::snprintf(f.title, sizeof f.title, "%s deal", contact_name.c_str());
}

}  // namespace

void deal_form_error(ViewContext& ctx, const char* field) {
    DealFormState& f = ctx.ui.deal_form;
    if (f.error_field != field) return;
    named_text(f.error_message, "Error " + std::string(field) + ": " + f.error_message, ctx.palette.danger);
    if (f.scroll_to_error) {   // the form's body scrolls: a refusal further down must be seen
        ImGui::SetScrollHereY(0.5f);
        f.scroll_to_error = false;
    }
}

void deal_form_contacts(ViewContext& ctx, float width) {
    DealFormState& f = ctx.ui.deal_form;
    const Palette& p = ctx.palette;
    // Chosen ones: chips with a remove cross.
    for (size_t i = 0; i < f.contacts.size(); ++i) {
        const Contact* c = ctx.store.find_contact(f.contacts[i]);
        if (!c) continue;
        push_id(c->meta.id);
        if (i) ImGui::SameLine(0, space::xs);
        const std::string label = c->name + "  " + icons::kTimes;
        ImGui::PushStyleColor(ImGuiCol_Button, to_vec4(p.accent_soft));
        ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(p.accent));
        const bool remove = ImGui::SmallButton(label.c_str());
        ImGui::PopStyleColor(2);
        name_last_item(("Remove contact " + c->name).c_str());
        ImGui::PopID();
        if (remove) {
            f.contacts.erase(f.contacts.begin() + long(i));
            break;
        }
    }
    if (f.new_contact) {
        if (!f.contacts.empty()) ImGui::SameLine(0, space::xs);
        ImGui::TextColored(to_vec4(p.accent), "%s  New: %s", icons::kPlus, f.new_contact_name);
        ImGui::SetNextItemWidth(width * 0.5f - space::xs);
        ImGui::InputTextWithHint("##new_contact_name", "Name", f.new_contact_name, sizeof f.new_contact_name);
        name_last_item("New contact name");
        ImGui::SameLine(0, space::sm);
        ImGui::SetNextItemWidth(width * 0.5f - space::xs - 80.0f);
        ImGui::InputTextWithHint("##new_contact_email", "Email (optional)", f.new_contact_email, sizeof f.new_contact_email);
        name_last_item("New contact email");
        ImGui::SameLine(0, space::sm);
        if (styled_button("Discard##new_contact", nullptr, ButtonKind::Ghost, p, ImVec2(72.0f, 0))) {
            f.new_contact = false;
            f.new_contact_name[0] = f.new_contact_email[0] = 0;
        }
        deal_form_error(ctx, "new_contact.name");
    }
    ImGui::SetNextItemWidth(width);
    ImGui::InputTextWithHint("##contact_search", "Search contacts or type a new name", f.contact_search, sizeof f.contact_search);
    name_last_item("Contact search");
    if (!f.contact_search[0]) return;
    // Matches right under the box: a few at most, then "Create contact".
    int shown = 0;
    for (const Contact& c : ctx.store.workspace().contacts) {
        if (shown >= 6) break;
        if (!contains_text(c.name, f.contact_search) && !contains_text(c.email, f.contact_search)) continue;
        if (std::find(f.contacts.begin(), f.contacts.end(), c.meta.id) != f.contacts.end()) continue;
        ++shown;
        push_id(c.meta.id);
        const std::string label = c.name + (c.email.empty() ? "" : "  <" + c.email + ">");
        if (ImGui::Selectable(label.c_str(), false, ImGuiSelectableFlags_DontClosePopups, ImVec2(width, 0))) {
            if (f.contacts.empty() && !f.new_contact) prefill_title(f, c.name);
            f.contacts.push_back(c.meta.id);
            if (f.company == kNoId && !f.new_company) f.company = c.company;
            f.contact_search[0] = 0;
        }
        name_last_item(("Choose contact " + c.name).c_str());
        ImGui::PopID();
    }
    const std::string create = std::string(icons::kPlus) + "  Create contact \"" + f.contact_search + "\"";
    if (f.new_contact) return;   // one new contact per deal
    if (ImGui::Selectable(create.c_str(), false, ImGuiSelectableFlags_DontClosePopups, ImVec2(width, 0))) {
        f.new_contact = true;
        std::snprintf(f.new_contact_name, sizeof f.new_contact_name, "%s", f.contact_search);
        if (f.contacts.empty()) prefill_title(f, f.new_contact_name);
        f.contact_search[0] = 0;
    }
    name_last_item("Create contact");
}

void deal_form_company(ViewContext& ctx, float width) {
    DealFormState& f = ctx.ui.deal_form;
    if (f.new_company) {
        ImGui::SetNextItemWidth(width - 80.0f);
        ImGui::InputTextWithHint("##new_company", "New company name", f.new_company_name, sizeof f.new_company_name);
        name_last_item("New company name");
        ImGui::SameLine(0, space::sm);
        if (styled_button("Discard##new_company", nullptr, ButtonKind::Ghost, ctx.palette, ImVec2(72.0f, 0))) f.new_company = false;
        deal_form_error(ctx, "new_company.name");
        return;
    }
    const Company* current = ctx.store.find_company(f.company);
    ImGui::SetNextItemWidth(width);
    if (ImGui::BeginCombo("##company", current ? current->name.c_str() : "No company")) {
        if (ImGui::Selectable("No company", f.company == kNoId)) f.company = kNoId;
        for (const Company& c : ctx.store.workspace().companies) {
            push_id(c.meta.id);
            if (ImGui::Selectable(c.name.c_str(), f.company == c.meta.id)) f.company = c.meta.id;
            name_last_item(("Company " + c.name).c_str());
            ImGui::PopID();
        }
        const std::string create = std::string(icons::kPlus) + "  New company";
        if (ImGui::Selectable(create.c_str())) f.new_company = true;
        name_last_item("New company");
        ImGui::EndCombo();
    }
    name_last_item("Company");
    deal_form_error(ctx, "company");
}

void deal_form_custom_fields(ViewContext& ctx, float width) {
    DealFormState& f = ctx.ui.deal_form;
    const auto& defs = ctx.store.workspace().custom_fields;
    for (size_t i = 0; i < defs.size(); ++i) {
        const CustomFieldDef& def = defs[i];
        auto it = std::find_if(f.custom.begin(), f.custom.end(), [&](const CustomFieldInput& c) { return c.field == def.meta.id; });
        if (it == f.custom.end()) {
            f.custom.push_back(CustomFieldInput{def.meta.id});
            it = f.custom.end() - 1;
        }
        push_id(def.meta.id);
        ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(ctx.palette.text_muted));
        ImGui::TextUnformatted(def.name.c_str());
        ImGui::PopStyleColor();
        ImGui::SetNextItemWidth(width);
        switch (def.type) {
        case FieldType::Checkbox:
            ImGui::Checkbox("##check", &it->checked);
            break;
        case FieldType::SingleSelect:
            if (ImGui::BeginCombo("##select", it->text[0] ? it->text : "(none)")) {
                if (ImGui::Selectable("(none)", !it->text[0])) it->text[0] = 0;
                for (const std::string& o : def.options)
                    if (ImGui::Selectable(o.c_str(), o == it->text)) std::snprintf(it->text, sizeof it->text, "%s", o.c_str());
                ImGui::EndCombo();
            }
            break;
        case FieldType::Date:
            ImGui::InputTextWithHint("##text", "YYYY-MM-DD", it->text, sizeof it->text);
            break;
        case FieldType::Number: case FieldType::Text:
            ImGui::InputText("##text", it->text, sizeof it->text);
            break;
        }
        name_last_item(def.name.c_str());
        deal_form_error(ctx, ("custom:" + id_to_string(def.meta.id)).c_str());
        ImGui::PopID();
    }
}

}  // namespace dd::ui
