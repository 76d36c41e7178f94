#include "ui/list_filters.h"

#include "core/format.h"
#include "core/store.h"
#include "core/cmd_support.h"
#include "imgui.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/widgets.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace dd::ui {
namespace {

template <typename T>
void toggle_in(std::vector<T>& list, T value, bool on) {
    auto it = std::find(list.begin(), list.end(), value);
    if (on && it == list.end()) list.push_back(value);
    if (!on && it != list.end()) list.erase(it);
}

bool checkbox(const char* label, bool value, bool& out) {
    bool v = value;
    const bool changed = ImGui::Checkbox(label, &v);
    name_last_item(label);
    out = v;
    return changed;
}

void date_input(const char* label, char* buf, size_t size) {
    ImGui::SetNextItemWidth(120);
    ImGui::InputTextWithHint((std::string("##") + label).c_str(), "YYYY-MM-DD", buf, size);
    name_last_item(label);
}

// The filter popup's text fields, read into the query. A field that does not parse (or a range whose
// start is after its end) leaves that filter off and says why under the fields: a typo must never
// quietly filter on something else ("12,5" read as 12) or look applied when it is not.
struct InputReader {
    const Store& store;
    std::vector<std::string>& errors;

    std::optional<Money> amount(const char* label, const char* text) {
        const std::string t = cmd::trim(std::string(text));
        if (t.empty()) return std::nullopt;
        Result<Money> m = parse_amount(t, store.settings().base_currency, store.settings().locale);
        if (!m) { errors.push_back(std::string(label) + ": " + m.error().message); return std::nullopt; }
        return m.value();
    }
    Day day(const char* label, const std::string& text) {
        const std::string t = cmd::trim(std::string(text));
        Day d = kNoDay;
        if (!t.empty() && !parse_day(t, d)) errors.push_back(std::string(label) + ": must be a date (YYYY-MM-DD)");
        return d;
    }
    std::optional<int64_t> whole_number(const std::string& label, const std::string& text) {
        const std::string t = cmd::trim(std::string(text));
        if (t.empty()) return std::nullopt;
        char* end = nullptr;
        const long long v = std::strtoll(t.c_str(), &end, 10);
        if (end == t.c_str() || *end) { errors.push_back(label + ": must be a whole number"); return std::nullopt; }
        return int64_t(v);
    }
    // Keeps [from, to] only when it is a range: from <= to, or one end open.
    template <typename T>
    bool ordered(const char* label, const T& from, const T& to, bool both_set) {
        if (!both_set || !(to < from)) return true;
        errors.push_back(std::string(label) + ": the start is after the end");
        return false;
    }
};

void apply_inputs(ListState& ls, const Store& store) {
    ListFilterInputs& in = ls.filter_inputs;
    DealQuery& q = ls.filters;
    in.errors.clear();
    InputReader read{store, in.errors};
    q.value_min = read.amount("Minimum value", in.value_min);
    q.value_max = read.amount("Maximum value", in.value_max);
    if (!read.ordered("Value", q.value_min, q.value_max, q.value_min && q.value_max)) q.value_min = q.value_max = std::nullopt;
    q.close_from = read.day("Close from", in.close_from);
    q.close_to = read.day("Close to", in.close_to);
    if (!read.ordered("Expected close", q.close_from, q.close_to, q.close_from != kNoDay && q.close_to != kNoDay))
        q.close_from = q.close_to = kNoDay;
    Day cf = read.day("Created from", in.created_from), ct = read.day("Created to", in.created_to);
    if (!read.ordered("Created", cf, ct, cf != kNoDay && ct != kNoDay)) cf = ct = kNoDay;
    q.created_from = cf == kNoDay ? 0 : Millis(cf) * 86'400'000;
    q.created_to = ct == kNoDay ? 0 : Millis(ct) * 86'400'000 + 86'399'999;
}

// One custom field's filter from its text, or nothing (empty, or an error reported).
std::optional<CustomFilter> custom_filter(InputReader& read, const CustomFieldDef& f, const std::string& raw) {
    const std::string text = cmd::trim(raw);
    if (text.empty()) return std::nullopt;
    CustomFilter cf;
    cf.field = f.meta.id;
    switch (f.type) {
    case FieldType::Text: case FieldType::SingleSelect: cf.text = text; return cf;
    case FieldType::Checkbox: {
        std::string t = text;
        for (char& c : t) c = char(std::tolower(static_cast<unsigned char>(c)));
        const bool yes = t == "yes" || t == "y" || t == "1" || t == "true";
        if (!yes && t != "no" && t != "n" && t != "0" && t != "false") {
            read.errors.push_back(f.name + ": yes or no");
            return std::nullopt;
        }
        cf.number_min = cf.number_max = yes ? 1 : 0;
        return cf;
    }
    case FieldType::Date: {
        const Day d = read.day(f.name.c_str(), text);
        if (d == kNoDay) return std::nullopt;
        cf.number_min = cf.number_max = d;
        return cf;
    }
    case FieldType::Number: {
        // "10" (exactly), "10..20", "10.." (at least), "..20" (at most).
        const size_t dots = text.find("..");
        const size_t errors_before = read.errors.size();
        cf.number_min = read.whole_number(f.name, text.substr(0, dots));
        cf.number_max = dots == std::string::npos ? cf.number_min : read.whole_number(f.name, text.substr(dots + 2));
        if (read.errors.size() != errors_before || (!cf.number_min && !cf.number_max)) return std::nullopt;
        if (!read.ordered(f.name.c_str(), cf.number_min, cf.number_max, cf.number_min && cf.number_max)) return std::nullopt;
        return cf;
    }
    }
    return std::nullopt;
}

void custom_filters(ViewContext& ctx) {
    ListState& ls = ctx.ui.list;
    const auto& fields = ctx.store.workspace().custom_fields;
    ls.filter_inputs.custom_text.resize(fields.size());
    InputReader read{ctx.store, ls.filter_inputs.errors};
    std::vector<CustomFilter> out;
    for (size_t i = 0; i < fields.size(); ++i) {
        const CustomFieldDef& f = fields[i];
        std::string& text = ls.filter_inputs.custom_text[i];
        char buf[64];
        std::snprintf(buf, sizeof buf, "%s", text.c_str());
        ImGui::SetNextItemWidth(200);
        const char* hint = f.type == FieldType::Number ? "10, 10..20, 10.., ..20"
                           : f.type == FieldType::Checkbox ? "yes / no"
                           : f.type == FieldType::Date     ? "YYYY-MM-DD"
                                                           : "contains";
        if (ImGui::InputTextWithHint(("##custom" + std::to_string(i)).c_str(), hint, buf, sizeof buf)) text = buf;
        name_last_item(f.name.c_str());
        ImGui::SameLine();
        ImGui::TextUnformatted(f.name.c_str());
        if (std::optional<CustomFilter> cf = custom_filter(read, f, text)) out.push_back(std::move(*cf));
    }
    ls.filters.custom = std::move(out);
}

template <size_t N>
void put_text(char (&buf)[N], const std::string& text) { std::snprintf(buf, N, "%s", text.c_str()); }

}  // namespace

void fill_filter_inputs(ListState& ls, const Workspace& ws) {
    const DealQuery& q = ls.filters;
    ListFilterInputs in;
    // In the workspace's locale and base currency: what apply_inputs reads back to the same amount.
    const WorkspaceSettings& settings = ws.settings;
    if (q.value_min) put_text(in.value_min, format_amount(*q.value_min, settings.base_currency, settings.locale));
    if (q.value_max) put_text(in.value_max, format_amount(*q.value_max, settings.base_currency, settings.locale));
    if (q.close_from != kNoDay) put_text(in.close_from, day_to_string(q.close_from));
    if (q.close_to != kNoDay) put_text(in.close_to, day_to_string(q.close_to));
    if (q.created_from != 0) put_text(in.created_from, day_to_string(Day(q.created_from / 86'400'000)));
    if (q.created_to != 0) put_text(in.created_to, day_to_string(Day(q.created_to / 86'400'000)));
    in.custom_text.resize(ws.custom_fields.size());
    for (size_t i = 0; i < ws.custom_fields.size(); ++i) {
        const CustomFieldDef& f = ws.custom_fields[i];
        for (const CustomFilter& cf : q.custom) {
            if (cf.field != f.meta.id) continue;
            std::string& text = in.custom_text[i];
            if (f.type == FieldType::Text || f.type == FieldType::SingleSelect) text = cf.text;
            else if (f.type == FieldType::Checkbox) text = cf.number_min.value_or(0) ? "yes" : "no";
            else if (f.type == FieldType::Date) text = cf.number_min ? day_to_string(Day(*cf.number_min)) : "";
            else if (cf.number_min) {
                text = std::to_string(*cf.number_min);
                if (cf.number_max && *cf.number_max != *cf.number_min) text += ".." + std::to_string(*cf.number_max);
            }
        }
    }
    ls.filter_inputs = std::move(in);
}

int active_filter_count(const DealQuery& q) {
    return (q.pipeline != kNoId) + !q.stages.empty() + !q.owners.empty() + (q.status_mask != kAllStatuses) +
           (q.close_from != kNoDay || q.close_to != kNoDay) + (q.created_from != 0 || q.created_to != 0) +
           (q.value_min || q.value_max) + int(q.custom.size());
}

void draw_list_filters_button(ViewContext& ctx) {
    ListState& ls = ctx.ui.list;
    const Store& store = ctx.store;
    const int active = active_filter_count(ls.filters);
    const std::string label = active ? "Filters (" + std::to_string(active) + ")###Filters" : std::string("Filters###Filters");
    if (styled_button(label.c_str(), icons::kFilter, active ? ButtonKind::Primary : ButtonKind::Secondary, ctx.palette))
        ImGui::OpenPopup("list-filters");
    name_last_item("Filters");
    place_popup_below_last_item("list-filters");   // the button keeps showing the filter count
    if (!ImGui::BeginPopup("list-filters")) return;
    DealQuery& q = ls.filters;
    const Workspace& ws = store.workspace();

    // Two columns, so that the popup fits an 800 px high window with a custom field or two: the
    // choices (pipeline, status, stages, owners) on the left, the typed ranges on the right.
    const bool columns = ImGui::BeginTable("##filter-columns", 2, ImGuiTableFlags_SizingFixedFit, ImVec2(0, 0));
    if (columns) {
        ImGui::TableSetupColumn("choices");
        ImGui::TableSetupColumn("ranges");
        ImGui::TableNextColumn();
    }
    ImGui::TextDisabled("Pipeline");
    const Pipeline* current = store.find_pipeline(q.pipeline);
    ImGui::SetNextItemWidth(220);
    if (ImGui::BeginCombo("##pipeline", current ? current->name.c_str() : "All pipelines")) {
        if (ImGui::Selectable("All pipelines", q.pipeline == kNoId)) { q.pipeline = kNoId; q.stages.clear(); }
        for (const Pipeline& pipe : ws.pipelines)
            if (ImGui::Selectable(pipe.name.c_str(), q.pipeline == pipe.meta.id)) { q.pipeline = pipe.meta.id; q.stages.clear(); }
        ImGui::EndCombo();
    }
    name_last_item("Pipeline filter");

    ImGui::TextDisabled("Status");
    for (DealStatus s : {DealStatus::Open, DealStatus::Won, DealStatus::Lost, DealStatus::Abandoned}) {
        std::string name = to_string(s);
        name[0] = char(name[0] - 32);
        bool on = false;
        if (checkbox((name + "##status").c_str(), q.status_mask & status_bit(s), on))
            q.status_mask = on ? uint8_t(q.status_mask | status_bit(s)) : uint8_t(q.status_mask & ~status_bit(s));
        ImGui::SameLine();
    }
    ImGui::NewLine();

    ImGui::TextDisabled("Stage");
    // All pipelines shown: each one's stages under its name ("Won" is in every pipeline).
    const bool name_pipelines = q.pipeline == kNoId && ws.pipelines.size() > 1;
    for (const Pipeline& pipe : ws.pipelines) {
        if (q.pipeline != kNoId && pipe.meta.id != q.pipeline) continue;
        if (name_pipelines) named_text(pipe.name, "Stages of " + pipe.name, ctx.palette.text_muted);
        int n = 0;
        for (const Stage& st : pipe.stages) {
            bool on = false;
            if (checkbox((st.name + "##stage" + id_to_string(st.id)).c_str(),
                         std::find(q.stages.begin(), q.stages.end(), st.id) != q.stages.end(), on))
                toggle_in(q.stages, st.id, on);
            if (++n % 4) ImGui::SameLine();
        }
        if (n % 4) ImGui::NewLine();   // a full row of four already ended its line
    }

    ImGui::TextDisabled("Owner");
    int n = 0;
    for (const TeamMember& m : ws.team) {
        bool on = false;
        if (checkbox((m.name + "##owner").c_str(), std::find(q.owners.begin(), q.owners.end(), m.meta.id) != q.owners.end(), on))
            toggle_in(q.owners, m.meta.id, on);
        if (++n % 4) ImGui::SameLine();
    }
    bool unowned = false;
    if (checkbox("Nobody##owner", std::find(q.owners.begin(), q.owners.end(), kNoId) != q.owners.end(), unowned))
        toggle_in(q.owners, kNoId, unowned);

    if (columns) {
        // A table lines the next cell's first text up with this cell's last line (a checkbox, with
        // its frame padding): a line without any ends this cell, so the headings line up.
        ImGui::Dummy(ImVec2(0.0f, 0.0f));
        ImGui::TableNextColumn();
        ImGui::Indent(space::lg);
    }
    ListFilterInputs& in = ls.filter_inputs;
    ImGui::TextDisabled("Value (%s)", std::string(store.settings().base_currency.view()).c_str());
    ImGui::SetNextItemWidth(120);
    ImGui::InputTextWithHint("##value-min", "min", in.value_min, sizeof in.value_min);
    name_last_item("Minimum value");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(120);
    ImGui::InputTextWithHint("##value-max", "max", in.value_max, sizeof in.value_max);
    name_last_item("Maximum value");

    ImGui::TextDisabled("Expected close");
    date_input("Close from", in.close_from, sizeof in.close_from);
    ImGui::SameLine();
    date_input("Close to", in.close_to, sizeof in.close_to);
    ImGui::TextDisabled("Created");
    date_input("Created from", in.created_from, sizeof in.created_from);
    ImGui::SameLine();
    date_input("Created to", in.created_to, sizeof in.created_to);
    apply_inputs(ls, store);
    // Each error under the fields it is about: the ranges' here, the custom fields' after them.
    const size_t range_errors = in.errors.size();
    // A fixed wrap: the popup sizes itself to its content, so the room left is no guide.
    constexpr float kErrorWrap = 300.0f;
    for (const std::string& e : in.errors) named_text(e, "Error " + e, ctx.palette.danger, kErrorWrap);

    if (!ws.custom_fields.empty()) {
        ImGui::TextDisabled("Custom fields");
        custom_filters(ctx);
    }
    for (size_t i = range_errors; i < in.errors.size(); ++i)
        named_text(in.errors[i], "Error " + in.errors[i], ctx.palette.danger, kErrorWrap);
    if (columns) {
        ImGui::Unindent(space::lg);
        ImGui::EndTable();
    }
    ImGui::Spacing();
    if (styled_button("Clear filters", nullptr, ButtonKind::Secondary, ctx.palette)) {
        ls.filters = DealQuery{};
        ls.filter_inputs = ListFilterInputs{};
    }
    ImGui::EndPopup();
}

}  // namespace dd::ui
