#include "ui/list_prefs.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>

namespace dd::ui {
namespace {

constexpr const char* kFormat = "dealdeck-prefs";
constexpr int kVersion = 1;

bool same_column(const ColumnLayout& a, const ColumnLayout& b) {
    return a.column == b.column && (a.column != DealColumn::Custom || a.custom_field == b.custom_field);
}

std::optional<DealColumn> column_named(const std::string& name) {
    for (int c = int(DealColumn::Title); c <= int(DealColumn::Custom); ++c)
        if (name == to_string(DealColumn(c))) return DealColumn(c);
    return std::nullopt;
}

}  // namespace

std::string encode_list_prefs(const TableLayout& layout) {
    nlohmann::json columns = nlohmann::json::array();
    for (const ColumnLayout& c : layout.columns) {
        nlohmann::json col = {{"column", to_string(c.column)}, {"width", c.width}, {"visible", c.visible}};
        if (c.column == DealColumn::Custom) col["field"] = id_to_string(c.custom_field);
        columns.push_back(std::move(col));
    }
    return nlohmann::json{{"format", kFormat}, {"version", kVersion}, {"list_columns", std::move(columns)}}.dump();
}

std::optional<TableLayout> decode_list_prefs(std::string_view text) {
    // Non-throwing parse (the core's rule, docs/architecture.md): a bad record is discarded.
    const nlohmann::json doc = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    if (!doc.is_object()) return std::nullopt;
    const auto format = doc.find("format"), version = doc.find("version"), columns = doc.find("list_columns");
    if (format == doc.end() || *format != kFormat || version == doc.end() || *version != kVersion ||
        columns == doc.end() || !columns->is_array())
        return std::nullopt;
    TableLayout layout;
    for (const nlohmann::json& col : *columns) {
        if (!col.is_object()) continue;
        const auto name = col.find("column");
        if (name == col.end() || !name->is_string()) continue;
        const std::optional<DealColumn> which = column_named(name->get<std::string>());
        if (!which) continue;
        ColumnLayout c;
        c.column = *which;
        if (c.column == DealColumn::Custom) {
            const auto field = col.find("field");
            if (field == col.end() || !field->is_string() || !parse_id(field->get<std::string>(), c.custom_field)) continue;
        }
        if (const auto w = col.find("width"); w != col.end() && w->is_number()) c.width = std::clamp(w->get<float>(), 0.0f, 4000.0f);
        if (const auto v = col.find("visible"); v != col.end() && v->is_boolean()) c.visible = v->get<bool>();
        const bool twice = std::any_of(layout.columns.begin(), layout.columns.end(),
                                       [&](const ColumnLayout& o) { return same_column(o, c); });
        if (!twice) layout.columns.push_back(c);
    }
    if (layout.columns.empty()) return std::nullopt;
    return layout;
}

void restore_list_prefs(ListState& ls, std::string_view text) {
    std::optional<TableLayout> layout = decode_list_prefs(text);
    if (!layout) return;
    ls.layout = *layout;
    ls.prefs_layout = *layout;   // what is stored already: nothing to save until it changes
    ls.declared = TableLayout{};  // the table is created from `layout` (fitted) on its next frame
    ++ls.table_generation;
}

std::optional<std::string> take_list_prefs(ListState& ls) {
    // Before the table's first frame the layout is empty: nothing the person chose yet.
    if (ls.layout.columns.empty() || ls.layout == ls.prefs_layout) return std::nullopt;
    ls.prefs_layout = ls.layout;
    return encode_list_prefs(ls.layout);
}

TableLayout fit_layout(const TableLayout& saved, const TableLayout& defaults) {
    TableLayout out;
    for (const ColumnLayout& c : saved.columns) {
        const bool known = std::any_of(defaults.columns.begin(), defaults.columns.end(),
                                       [&](const ColumnLayout& d) { return same_column(d, c); });
        if (known) out.columns.push_back(c);
    }
    for (const ColumnLayout& d : defaults.columns) {
        const bool present = std::any_of(out.columns.begin(), out.columns.end(),
                                         [&](const ColumnLayout& c) { return same_column(c, d); });
        if (!present) out.columns.push_back(d);
    }
    for (ColumnLayout& c : out.columns)
        if (c.column == DealColumn::Title) c.visible = true;
    return out;
}

}  // namespace dd::ui
