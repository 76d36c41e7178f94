#include "ui/list_selection.h"

#include <algorithm>

namespace dd::ui {
namespace {

Id id_at(const ListState& ls, size_t position) { return ls.table->deal(ls.rows[position]).meta.id; }

// Where the anchor is among the current rows (it may have been filtered out: then none).
bool anchor_position(const ListState& ls, size_t& out) {
    if (ls.anchor == kNoId) return false;
    for (size_t i = 0; i < ls.rows.size(); ++i)
        if (id_at(ls, i) == ls.anchor) { out = i; return true; }
    return false;
}

}  // namespace

void list_click_row(ListState& ls, size_t position, bool toggle, bool range) {
    if (!ls.table || position >= ls.rows.size()) return;
    const Id id = id_at(ls, position);
    size_t from = 0;
    if (range && anchor_position(ls, from)) {
        if (!toggle) ls.selected.clear();
        const size_t lo = std::min(from, position), hi = std::max(from, position);
        for (size_t i = lo; i <= hi; ++i) ls.selected.insert(id_at(ls, i));
    } else if (toggle) {
        if (!ls.selected.erase(id)) ls.selected.insert(id);
        ls.anchor = id;
    } else {
        ls.selected.clear();
        ls.selected.insert(id);
        ls.anchor = id;
    }
    ls.selection_dirty = true;
}

void list_select_all(ListState& ls) {
    if (!ls.table) return;
    for (size_t i = 0; i < ls.rows.size(); ++i) ls.selected.insert(id_at(ls, i));
    ls.selection_dirty = true;
}

void list_clear_selection(ListState& ls) {
    ls.selected.clear();
    ls.anchor = kNoId;
    ls.selection_dirty = true;
}

std::vector<Id> list_selected_in_order(const ListState& ls) {
    std::vector<Id> out;
    if (!ls.table || ls.selected.empty()) return out;
    out.reserve(ls.selected.size());
    // Selected rows shown first, in display order; selected deals filtered out since then last.
    std::unordered_set<Id> seen;
    for (uint32_t row : ls.rows) {
        const Id id = ls.table->deal(row).meta.id;
        if (ls.selected.count(id)) { out.push_back(id); seen.insert(id); }
    }
    for (Id id : ls.selected)
        if (!seen.count(id)) out.push_back(id);
    return out;
}

}  // namespace dd::ui
