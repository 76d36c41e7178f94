#include "ui/deal_form.h"

#include "core/format.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "ui/date_picker.h"
#include "ui/deal_form_fields.h"
#include "ui/deal_page.h"
#include "ui/deal_page_parts.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/widgets.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace dd::ui {
namespace {

constexpr const char* kDialog = "Deal form";
constexpr Millis kDayMs = 86'400'000;


const Stage* first_open_stage(const Pipeline* p) {
    if (!p) return nullptr;
    for (const Stage& s : p->stages)
        if (s.kind == StageKind::Open) return &s;
    return nullptr;
}

// Into a fixed form buffer, cut to fit (n > 0).
void copy(char* dst, size_t n, const std::string& s) {
    const size_t len = std::min(s.size(), n - 1);
    std::memcpy(dst, s.data(), len);
    dst[len] = '\0';
}

std::string trimmed(const char* text) {
    std::string s(text);
    const size_t b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return "";
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

void fill_custom(DealFormState& f, const Store& store, const Deal* deal) {
    f.custom.clear();
    for (const CustomFieldDef& def : store.workspace().custom_fields) {
        CustomFieldInput in{def.meta.id};
        if (deal)
            for (const CustomValue& v : deal->custom) {
                if (v.field != def.meta.id) continue;
                if (def.type == FieldType::Checkbox) in.checked = v.number != 0;
                else if (def.type == FieldType::Date) copy(in.text, sizeof in.text, day_to_string(Day(v.number)));
                else if (def.type == FieldType::Number) copy(in.text, sizeof in.text, std::to_string(v.number));
                else copy(in.text, sizeof in.text, v.text);
            }
        f.custom.push_back(in);
    }
}

// The custom values the form holds; out_fields[i] is the "custom:<id>" field of value i.
Result<std::vector<CustomValue>> custom_values(const DealFormState& f, const Store& store, std::vector<std::string>& out_fields,
                                                std::vector<Id>& cleared) {
    std::vector<CustomValue> values;
    for (const CustomFieldInput& in : f.custom) {
        const CustomFieldDef* def = store.find_custom_field(in.field);
        if (!def) continue;
        const std::string field = "custom:" + id_to_string(def->meta.id);
        CustomValue v;
        v.field = def->meta.id;
        const std::string text = trimmed(in.text);
        switch (def->type) {
        case FieldType::Checkbox: v.number = in.checked ? 1 : 0; break;
        case FieldType::Text: case FieldType::SingleSelect:
            if (text.empty()) { cleared.push_back(def->meta.id); continue; }
            v.text = text;
            break;
        case FieldType::Number: {
            if (text.empty()) { cleared.push_back(def->meta.id); continue; }
            char* end = nullptr;
            v.number = std::strtoll(text.c_str(), &end, 10);
            if (!end || *end) return field_error(field, "must be a whole number");
            break;
        }
        case FieldType::Date: {
            if (text.empty()) { cleared.push_back(def->meta.id); continue; }
            Day d = kNoDay;
            if (!parse_day(text, d)) return field_error(field, "must be a date (YYYY-MM-DD)");
            v.number = d;
            break;
        }
        }
        values.push_back(v);
        out_fields.push_back(field);
    }
    return values;
}

// The core names custom values "custom[i]": say which field that is.
Error map_error(Error e, const std::vector<std::string>& custom_fields) {
    if (e.field.rfind("custom[", 0) == 0) {
        const size_t i = size_t(std::atoi(e.field.c_str() + 7));
        if (i < custom_fields.size()) e.field = custom_fields[i];
    }
    return e;
}

// The right-hand column of a row of two groups. After SameLine, ImGui would draw the column's
// first text (its caption) at the baseline of the framed field ending the left group, 7 px
// lower than the left caption: start the line's text at the top again.
void next_column() {
    ImGui::SameLine(0, space::md);
    ImGui::GetCurrentWindow()->DC.CurrLineTextBaseOffset = 0.0f;
}

void label(const char* text, const Palette& p) {
    ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(p.text_muted));
    ImGui::TextUnformatted(text);
    ImGui::PopStyleColor();
}

bool try_save(ViewContext& ctx) {
    DealFormState& f = ctx.ui.deal_form;
    Result<Command> cmd = deal_form_command(ctx);
    std::vector<std::string> custom_fields;
    std::vector<Id> ignored;
    custom_values(f, ctx.store, custom_fields, ignored);
    if (!cmd.ok()) {
        f.error_field = cmd.error().field;
        f.error_message = cmd.error().message;
        f.scroll_to_error = true;
        return false;
    }
    const Status s = ctx.store.check(cmd.value(), CommandContext{ctx.store.settings().current_user, ctx.now});
    if (!s.ok()) {
        const Error e = map_error(s.error(), custom_fields);
        f.error_field = e.field;
        f.error_message = e.message;
        f.scroll_to_error = true;
        return false;
    }
    Id opened = kNoId;
    if (const CreateDeal* c = std::get_if<CreateDeal>(&cmd.value())) opened = c->deal.meta.id;
    ctx.intents.commands.push_back(std::move(cmd.value()));
    f.is_open = false;
    if (opened != kNoId) open_deal(ctx.ui, opened);   // a new deal opens on its page
    return true;
}

void draw_fields(ViewContext& ctx, float width) {
    DealFormState& f = ctx.ui.deal_form;
    const Palette& p = ctx.palette;
    const Store& store = ctx.store;
    const float half = (width - space::md) * 0.5f;

    label("Contacts", p);
    deal_form_contacts(ctx, width);
    deal_form_error(ctx, "contacts");
    ImGui::Spacing();

    label("Title", p);
    if (f.focus_first) {
        ImGui::SetKeyboardFocusHere();
        f.focus_first = false;
    }
    ImGui::SetNextItemWidth(width);
    if (ImGui::InputText("##title", f.title, sizeof f.title)) f.title_touched = true;
    name_last_item("Title");
    deal_form_error(ctx, "title");
    ImGui::Spacing();

    ImGui::BeginGroup();
    label("Value", p);
    ImGui::SetNextItemWidth(half - 96.0f);
    ImGui::InputTextWithHint("##value", "0", f.value, sizeof f.value);
    name_last_item("Value");
    ImGui::SameLine(0, space::sm);
    ImGui::SetNextItemWidth(88.0f);
    if (ImGui::BeginCombo("##currency", f.currency)) {
        std::vector<Currency> currencies{store.settings().base_currency};
        for (const ExchangeRate& r : store.settings().rates)
            if (r.currency != store.settings().base_currency) currencies.push_back(r.currency);
        for (const Currency& c : currencies) {
            const std::string code(c.view());
            if (ImGui::Selectable(code.c_str(), code == f.currency)) copy(f.currency, sizeof f.currency, code);
        }
        ImGui::EndCombo();
    }
    name_last_item("Currency");
    deal_form_error(ctx, "value");
    deal_form_error(ctx, "currency");
    ImGui::EndGroup();
    next_column();
    ImGui::BeginGroup();
    label("Owner", p);
    ImGui::SetNextItemWidth(half);
    const TeamMember* owner = store.find_member(f.owner);
    if (ImGui::BeginCombo("##owner", owner ? owner->name.c_str() : "Nobody")) {
        if (ImGui::Selectable("Nobody", f.owner == kNoId)) f.owner = kNoId;
        for (const TeamMember& m : store.workspace().team) {
            push_id(m.meta.id);
            if (ImGui::Selectable(m.name.c_str(), f.owner == m.meta.id)) f.owner = m.meta.id;
            name_last_item(("Owner " + m.name).c_str());
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }
    name_last_item("Owner");
    deal_form_error(ctx, "owner");
    ImGui::EndGroup();
    ImGui::Spacing();

    if (f.editing == kNoId) {   // an existing deal moves through the stage bar, not the form
        ImGui::BeginGroup();
        label("Pipeline", p);
        ImGui::SetNextItemWidth(half);
        const Pipeline* pipeline = store.find_pipeline(f.pipeline);
        if (ImGui::BeginCombo("##pipeline", pipeline ? pipeline->name.c_str() : "Choose...")) {
            for (const Pipeline& pl : store.workspace().pipelines) {
                push_id(pl.meta.id);
                if (ImGui::Selectable(pl.name.c_str(), pl.meta.id == f.pipeline) && pl.meta.id != f.pipeline) {
                    f.pipeline = pl.meta.id;   // the stage list follows the pipeline
                    const Stage* s = first_open_stage(&pl);
                    f.stage = s ? s->id : kNoId;
                }
                ImGui::PopID();
            }
            ImGui::EndCombo();
        }
        name_last_item("Pipeline");
        ImGui::EndGroup();
        next_column();
        ImGui::BeginGroup();
        label("Stage", p);
        ImGui::SetNextItemWidth(half);
        const Stage* stage = store.find_stage(f.stage);
        if (ImGui::BeginCombo("##stage", stage ? stage->name.c_str() : "Choose...")) {
            if (pipeline)
                for (const Stage& s : pipeline->stages) {
                    push_id(s.id);
                    if (ImGui::Selectable(s.name.c_str(), s.id == f.stage)) f.stage = s.id;
                    name_last_item(("Stage " + s.name).c_str());
                    ImGui::PopID();
                }
            ImGui::EndCombo();
        }
        name_last_item("Stage");
        deal_form_error(ctx, "stage");
        ImGui::EndGroup();
        ImGui::Spacing();
    }

    ImGui::BeginGroup();
    label("Company", p);
    deal_form_company(ctx, half);
    ImGui::EndGroup();
    next_column();
    ImGui::BeginGroup();
    label("Expected close", p);
    Day close = kNoDay;
    parse_day(f.expected_close, close);
    if (date_field("Expected close", close, Day(ctx.now / kDayMs), store.settings().locale, p, half))
        copy(f.expected_close, sizeof f.expected_close, close == kNoDay ? "" : day_to_string(close));
    deal_form_error(ctx, "expected_close");
    ImGui::EndGroup();
    ImGui::Spacing();

    ImGui::BeginGroup();
    ImGui::Checkbox("Set probability", &f.override_probability);
    name_last_item("Set probability");
    if (f.override_probability) {
        ImGui::SetNextItemWidth(half);
        ImGui::SliderInt("##probability", &f.probability, 0, 100, "%d%%");
        name_last_item("Probability");
    }
    deal_form_error(ctx, "probability_override");
    ImGui::EndGroup();
    next_column();
    ImGui::BeginGroup();
    ImGui::Checkbox("In commit (forecast)", &f.commit);
    name_last_item("Commit");
    ImGui::EndGroup();
    ImGui::Spacing();

    label("Reference", p);
    ImGui::SetNextItemWidth(width);
    ImGui::InputTextWithHint("##ref", "An id from another system (optional, unique)", f.external_ref, sizeof f.external_ref);
    name_last_item("Reference");
    deal_form_error(ctx, "external_ref");
    ImGui::Spacing();
    label("Description", p);
    ImGui::InputTextMultiline("##description", f.description, sizeof f.description, ImVec2(width, 72.0f));
    name_last_item("Description");
    if (!store.workspace().custom_fields.empty()) {
        ImGui::Spacing();
        deal_form_custom_fields(ctx, width);
    }
}

}  // namespace

void open_deal_form_new(const Store& store, UiState& ui, Id contact) {
    DealFormState& f = ui.deal_form;
    f = DealFormState{};
    f.open_requested = true;
    f.focus_first = true;
    const Pipeline* pipeline = store.find_pipeline(ui.pipeline);
    if (!pipeline && !store.workspace().pipelines.empty()) pipeline = &store.workspace().pipelines.front();
    f.pipeline = pipeline ? pipeline->meta.id : kNoId;
    const Stage* s = first_open_stage(pipeline);
    f.stage = s ? s->id : kNoId;
    f.owner = store.settings().current_user;
    copy(f.currency, sizeof f.currency, std::string(store.settings().base_currency.view()));
    if (const Contact* c = store.find_contact(contact)) {
        f.contacts.push_back(c->meta.id);
        f.company = c->company;
        std::snprintf(f.title, sizeof f.title, "%s deal", c->name.c_str());
    }
    fill_custom(f, store, nullptr);
}

void open_deal_form_new(ViewContext& ctx, Id contact) { open_deal_form_new(ctx.store, ctx.ui, contact); }

void open_deal_form_edit(ViewContext& ctx, Id deal_id) {
    const Deal* d = ctx.store.find_deal(deal_id);
    if (!d) return;
    DealFormState& f = ctx.ui.deal_form;
    f = DealFormState{};
    f.open_requested = true;
    f.focus_first = true;
    f.editing = d->meta.id;
    f.title_touched = true;
    const std::string& locale = ctx.store.settings().locale;
    copy(f.title, sizeof f.title, d->title);
    copy(f.value, sizeof f.value, d->value ? format_amount(d->value, d->currency, locale) : "");
    copy(f.currency, sizeof f.currency, std::string(d->currency.view()));
    f.pipeline = d->pipeline;
    f.stage = d->stage;
    f.owner = d->owner;
    f.contacts = d->contacts;
    f.company = d->company;
    copy(f.expected_close, sizeof f.expected_close, d->expected_close == kNoDay ? "" : day_to_string(d->expected_close));
    f.override_probability = d->probability_override >= 0;
    f.probability = f.override_probability ? d->probability_override : ctx.store.effective_probability(*d);
    f.commit = d->commit;
    copy(f.external_ref, sizeof f.external_ref, d->external_ref);
    copy(f.description, sizeof f.description, d->description);
    fill_custom(f, ctx.store, d);
}

Result<Command> deal_form_command(const ViewContext& ctx) {
    const DealFormState& f = ctx.ui.deal_form;
    const Store& store = ctx.store;
    Currency currency;
    if (!parse_currency(f.currency, currency)) return field_error("currency", "must be three letters A-Z");
    Result<Money> value = parse_amount(f.value, currency, store.settings().locale);
    if (!value.ok()) return value.error();
    Day close = kNoDay;
    if (f.expected_close[0] && !parse_day(f.expected_close, close)) return field_error("expected_close", "must be a date");
    std::vector<std::string> custom_fields;
    std::vector<Id> cleared;
    Result<std::vector<CustomValue>> custom = custom_values(f, store, custom_fields, cleared);
    if (!custom.ok()) return custom.error();
    const int8_t probability = f.override_probability ? int8_t(std::clamp(f.probability, 0, 100)) : int8_t(-1);

    if (f.editing != kNoId) {
        const Deal* d = store.find_deal(f.editing);
        if (!d) return field_error("deal", "no longer exists");
        DealPatch patch;
        // Only what changed: the history then lists exactly the user's edits.
        if (trimmed(f.title) != d->title) patch.title = trimmed(f.title);
        if (value.value() != d->value) patch.value = value.value();
        if (currency != d->currency) patch.currency = currency;
        if (close != d->expected_close) patch.expected_close = close;
        if (f.owner != d->owner) patch.owner = f.owner;
        if (f.contacts != d->contacts) patch.contacts = f.contacts;
        if (f.company != d->company) patch.company = f.company;
        if (probability != d->probability_override) patch.probability_override = probability;
        if (f.commit != d->commit) patch.commit = f.commit;
        if (trimmed(f.external_ref) != d->external_ref) patch.external_ref = trimmed(f.external_ref);
        if (std::string(f.description) != d->description) patch.description = std::string(f.description);
        for (const CustomValue& v : custom.value()) {
            auto it = std::find_if(d->custom.begin(), d->custom.end(), [&](const CustomValue& o) { return o.field == v.field; });
            if (it == d->custom.end() || it->text != v.text || it->number != v.number) patch.set_custom.push_back(v);
        }
        for (Id id : cleared)
            if (std::any_of(d->custom.begin(), d->custom.end(), [&](const CustomValue& o) { return o.field == id; }))
                patch.clear_custom.push_back(id);
        if (f.new_contact || f.new_company)
            return field_error("contacts", "create new contacts and companies from a new deal or their own pages");
        return Command(UpdateDeal{d->meta.id, std::move(patch)});
    }

    CreateDeal c;
    Deal& d = c.deal;
    d.meta.id = ctx.ids.next();   // (ctx is const, its IdGenerator is not)
    d.title = trimmed(f.title);
    d.value = value.value();
    d.currency = currency;
    d.expected_close = close;
    d.pipeline = f.pipeline;
    d.stage = f.stage;
    d.owner = f.owner;
    d.contacts = f.contacts;
    d.company = f.company;
    d.probability_override = probability;
    d.commit = f.commit;
    d.external_ref = trimmed(f.external_ref);
    d.description = f.description;
    d.custom = std::move(custom.value());
    if (f.new_company) {
        Company co;
        co.meta.id = ctx.ids.next();
        co.name = trimmed(f.new_company_name);
        c.new_company = co;
    }
    if (f.new_contact) {
        Contact ct;
        ct.meta.id = ctx.ids.next();
        ct.name = trimmed(f.new_contact_name);
        ct.email = trimmed(f.new_contact_email);
        c.new_contact = ct;
    }
    return Command(std::move(c));
}

void draw_deal_form(ViewContext& ctx) {
    DealFormState& f = ctx.ui.deal_form;
    const Palette& p = ctx.palette;
    if (f.open_requested) {
        f.open_requested = false;
        f.is_open = true;
        ImGui::OpenPopup(kDialog);
    }
    if (!f.is_open) return;
    const float width = std::min(640.0f, ctx.ui.width - 2 * space::lg);
    const float top = std::max(space::lg, ctx.ui.height * 0.06f);
    ImGui::SetNextWindowPos(ImVec2(ctx.ui.width * 0.5f, top), ImGuiCond_Always, ImVec2(0.5f, 0.0f));
    ImGui::SetNextWindowSize(ImVec2(width, 0.0f));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(space::lg, space::lg));
    if (ImGui::BeginPopupModal(kDialog, nullptr, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoMove |
                                                    ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize)) {
        text_item(f.editing ? "Edit deal" : "New deal", ctx.ui.fonts.heading, p.text);
        ImGui::Dummy(ImVec2(0, space::xs));
        const float inner = width - 2 * space::lg;
        // The fields scroll, the buttons stay: with a workspace's custom fields the form is taller
        // than a laptop's window, and Save must stay reachable. The body is as tall as its fields
        // (measured last frame) up to what the window leaves below the heading and above the footer.
        const ImGuiStyle& style = ImGui::GetStyle();
        const float footer_h = space::sm + ImGui::GetFrameHeight() + ImGui::GetTextLineHeightWithSpacing() + 2 * style.ItemSpacing.y;
        const float room = ctx.ui.height - top - space::lg - ImGui::GetCursorPosY() - footer_h - space::lg;
        const float body_max = std::max(160.0f, room);
        const bool scrolls = f.body_height > body_max;
        const float body_h = f.body_height > 0.0f ? std::min(f.body_height, body_max) : body_max;
        ImGui::BeginChild("deal_form_body", ImVec2(inner, body_h), false);
        draw_fields(ctx, inner - (scrolls ? style.ScrollbarSize + space::xs : 0.0f));
        f.body_height = ImGui::GetCursorPosY();
        // Enter in the description makes a new line instead of saving.
        const bool in_multiline = ImGui::GetActiveID() == ImGui::GetID("##description");
        ImGui::EndChild();
        if (!f.error_field.empty() && f.error_field != "title" && f.error_field != "value" && f.error_field != "contacts" &&
            f.error_field.rfind("custom:", 0) != 0 && f.error_field != "stage" && f.error_field != "owner" &&
            f.error_field != "currency" && f.error_field != "company" && f.error_field != "external_ref" &&
            f.error_field != "expected_close" && f.error_field != "probability_override" &&
            f.error_field != "new_contact.name" && f.error_field != "new_company.name") {
            // A refusal about no field of the form (permissions, a deleted deal): say it above the buttons.
            named_text(f.error_message, "Error: " + f.error_message, p.danger);
        }
        ImGui::Dummy(ImVec2(0, space::sm));
        const float buttons_w = 96.0f + space::sm + 120.0f;
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + inner - buttons_w);
        // Enter saves and Esc cancels, except while a combo or the date picker (a popup above
        // this one) is open, and Enter in the description (new lines).
        const bool child_popup = ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId);
        const bool cancel = styled_button("Cancel", nullptr, ButtonKind::Secondary, p, ImVec2(96.0f, 0)) ||
                            (!child_popup && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)));
        ImGui::SameLine(0, space::sm);
        const bool enter = !in_multiline && !child_popup &&
                           (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
                            ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false));
        const bool save = styled_button(f.editing ? "Save deal" : "Create deal", nullptr, ButtonKind::Primary, p, ImVec2(120.0f, 0));
        if (save || enter) {
            if (try_save(ctx)) ImGui::CloseCurrentPopup();
        } else if (cancel) {
            f.is_open = false;
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    } else {
        f.is_open = false;
    }
    ImGui::PopStyleVar();
}

}  // namespace dd::ui
