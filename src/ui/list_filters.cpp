#include "ui/list_filters.h"

#include "core/store.h"
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

// "1500" or "1500.50" in major units -> minor units of the base currency (2 decimals assumed).
std::optional<Money> parse_amount(const char* text) {
    if (!text[0]) return std::nullopt;
    char* end = nullptr;
    const double v = std::strtod(text, &end);
    if (end == text) return std::nullopt;
    return Money(v * 100.0 + (v >= 0 ? 0.5 : -0.5));
}

Day parse_day_or_none(const char* text) {
    Day d = kNoDay;
    return parse_day(text, d) ? d : kNoDay;
}

void date_input(const char* label, char* buf, size_t size) {
    ImGui::SetNextItemWidth(120);
    ImGui::InputTextWithHint((std::string("##") + label).c_str(), "YYYY-MM-DD", buf, size);
    name_last_item(label);
}

void apply_inputs(ListState& ls) {
    ListFilterInputs& in = ls.filter_inputs;
    DealQuery& q = ls.filters;
    q.value_min = parse_amount(in.value_min);
    q.value_max = parse_amount(in.value_max);
    q.close_from = parse_day_or_none(in.close_from);
    q.close_to = parse_day_or_none(in.close_to);
    const Day cf = parse_day_or_none(in.created_from), ct = parse_day_or_none(in.created_to);
    q.created_from = cf == kNoDay ? 0 : Millis(cf) * 86'400'000;
    q.created_to = ct == kNoDay ? 0 : Millis(ct) * 86'400'000 + 86'399'999;
}

void custom_filters(ViewContext& ctx) {
    ListState& ls = ctx.ui.list;
    const auto& fields = ctx.store.workspace().custom_fields;
    ls.filter_inputs.custom_text.resize(fields.size());
    std::vector<CustomFilter> out;
    for (size_t i = 0; i < fields.size(); ++i) {
        const CustomFieldDef& f = fields[i];
        std::string& text = ls.filter_inputs.custom_text[i];
        char buf[64];
        std::snprintf(buf, sizeof buf, "%s", text.c_str());
        ImGui::SetNextItemWidth(200);
        const char* hint = f.type == FieldType::Number ? "min..max" : f.type == FieldType::Checkbox ? "yes / no" : "contains";
        if (ImGui::InputTextWithHint(("##custom" + std::to_string(i)).c_str(), hint, buf, sizeof buf)) text = buf;
        name_last_item(f.name.c_str());
        ImGui::SameLine();
        ImGui::TextUnformatted(f.name.c_str());
        if (text.empty()) continue;
        CustomFilter cf;
        cf.field = f.meta.id;
        if (f.type == FieldType::Text || f.type == FieldType::SingleSelect) cf.text = text;
        else if (f.type == FieldType::Checkbox) cf.number_min = cf.number_max = (text[0] == 'y' || text[0] == '1') ? 1 : 0;
        else if (f.type == FieldType::Date) {
            Day d = kNoDay;
            if (parse_day(text, d)) cf.number_min = cf.number_max = d;
        } else {
            const size_t dots = text.find("..");
            cf.number_min = std::strtoll(text.c_str(), nullptr, 10);
            if (dots != std::string::npos) cf.number_max = std::strtoll(text.c_str() + dots + 2, nullptr, 10);
            else cf.number_max = cf.number_min;
        }
        out.push_back(cf);
    }
    ls.filters.custom = std::move(out);
}

// Minor units -> "1500" or "1500.5" (what parse_amount reads back to the same amount).
std::string amount_text(Money v) {
    char buf[32];
    if (v % 100 == 0) std::snprintf(buf, sizeof buf, "%lld", (long long)(v / 100));
    else std::snprintf(buf, sizeof buf, "%.2f", double(v) / 100.0);
    return buf;
}

template <size_t N>
void put_text(char (&buf)[N], const std::string& text) { std::snprintf(buf, N, "%s", text.c_str()); }

}  // namespace

void fill_filter_inputs(ListState& ls, const Workspace& ws) {
    const DealQuery& q = ls.filters;
    ListFilterInputs in;
    if (q.value_min) put_text(in.value_min, amount_text(*q.value_min));
    if (q.value_max) put_text(in.value_max, amount_text(*q.value_max));
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
    if (!ImGui::BeginPopup("list-filters")) return;
    DealQuery& q = ls.filters;
    const Workspace& ws = store.workspace();

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
    for (const Pipeline& pipe : ws.pipelines) {
        if (q.pipeline != kNoId && pipe.meta.id != q.pipeline) continue;
        int n = 0;
        for (const Stage& st : pipe.stages) {
            bool on = false;
            if (checkbox((st.name + "##stage" + id_to_string(st.id)).c_str(),
                         std::find(q.stages.begin(), q.stages.end(), st.id) != q.stages.end(), on))
                toggle_in(q.stages, st.id, on);
            if (++n % 4) ImGui::SameLine();
        }
        ImGui::NewLine();
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
    apply_inputs(ls);

    if (!ws.custom_fields.empty()) {
        ImGui::TextDisabled("Custom fields");
        custom_filters(ctx);
    }
    ImGui::Spacing();
    if (styled_button("Clear filters", nullptr, ButtonKind::Secondary, ctx.palette)) {
        ls.filters = DealQuery{};
        ls.filter_inputs = ListFilterInputs{};
    }
    ImGui::EndPopup();
}

}  // namespace dd::ui
