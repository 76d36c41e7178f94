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

std::string encode_list_prefs(const TableLayout& layout, const std::vector<Id>& views) {
    nlohmann::json columns = nlohmann::json::array();
    for (const ColumnLayout& c : layout.columns) {
        nlohmann::json col = {{"column", to_string(c.column)}, {"width", c.width}, {"visible", c.visible}};
        if (c.column == DealColumn::Custom) col["field"] = id_to_string(c.custom_field);
        columns.push_back(std::move(col));
    }
    nlohmann::json doc{{"format", kFormat}, {"version", kVersion}, {"list_columns", std::move(columns)}};
    if (!views.empty()) {
        nlohmann::json ids = nlohmann::json::array();
        for (Id v : views) ids.push_back(id_to_string(v));
        doc["list_views"] = std::move(ids);
    }
    return doc.dump();
}

namespace {
// The prefs record in `text`, or a null json when it is not one this version understands.
// Non-throwing parse (the core's rule, docs/architecture.md): a bad record is discarded.
nlohmann::json parse_prefs(std::string_view text) {
    nlohmann::json doc = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    if (!doc.is_object()) return nullptr;
    const auto format = doc.find("format"), version = doc.find("version");
    if (format == doc.end() || *format != kFormat || version == doc.end() || *version != kVersion) return nullptr;
    return doc;
}
}  // namespace

std::vector<Id> decode_remembered_views(std::string_view text) {
    const nlohmann::json doc = parse_prefs(text);
    std::vector<Id> out;
    if (doc.is_null()) return out;
    const auto views = doc.find("list_views");
    if (views == doc.end() || !views->is_array()) return out;
    for (const nlohmann::json& v : *views) {
        Id id = kNoId;
        if (out.size() < kRememberedViews && v.is_string() && parse_id(v.get<std::string>(), id) && id != kNoId)
            out.push_back(id);
    }
    return out;
}

std::optional<TableLayout> decode_list_prefs(std::string_view text) {
    const nlohmann::json doc = parse_prefs(text);
    if (doc.is_null()) return std::nullopt;
    const auto columns = doc.find("list_columns");
    if (columns == doc.end() || !columns->is_array()) return std::nullopt;
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
    ls.remembered_views = decode_remembered_views(text);
    ls.prefs_views = ls.remembered_views;   // what is stored already
    ls.view_restore_pending = !ls.remembered_views.empty();
    std::optional<TableLayout> layout = decode_list_prefs(text);
    if (!layout) return;
    ls.layout = *layout;
    ls.prefs_layout = *layout;   // what is stored already: nothing to save until it changes
    ls.declared = TableLayout{};  // the table is created from `layout` (fitted) on its next frame
    ++ls.table_generation;
}

void remember_chosen_view(ListState& ls, const Workspace& ws) {
    if (ls.view_restore_pending) return;
    // This workspace's entry is whichever of its views comes first: take them all out, then put
    // the chosen one first. Other workspaces' entries keep their order. (A deleted view's id may
    // stay behind; it matches no view, so it is skipped at the next start. The tombstones are not
    // searched: a workspace may hold millions.)
    if (ls.active_view != kNoId && !ls.remembered_views.empty() && ls.remembered_views.front() == ls.active_view)
        return;   // most frames: nothing chosen since
    auto of_this_workspace = [&ws](Id id) {
        for (const SavedView& v : ws.saved_views)
            if (v.meta.id == id) return true;
        return false;
    };
    std::vector<Id> now;
    if (ls.active_view != kNoId) now.push_back(ls.active_view);
    for (Id id : ls.remembered_views)
        if (id != ls.active_view && !of_this_workspace(id) && now.size() < kRememberedViews) now.push_back(id);
    ls.remembered_views = std::move(now);
}

std::optional<std::string> take_list_prefs(ListState& ls) {
    // Before the table's first frame the layout is empty: nothing the person chose yet.
    const bool layout_changed = !ls.layout.columns.empty() && !(ls.layout == ls.prefs_layout);
    if (!layout_changed && ls.remembered_views == ls.prefs_views) return std::nullopt;
    if (layout_changed) ls.prefs_layout = ls.layout;
    ls.prefs_views = ls.remembered_views;
    return encode_list_prefs(ls.prefs_layout, ls.prefs_views);
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
