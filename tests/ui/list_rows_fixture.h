// What the list shows against what a fresh query gives: the checks the list's incremental-update
// tests share (test_list_incremental.cpp, test_list_catch_up.cpp).
#pragma once
#include "core/query.h"
#include "core/store.h"
#include "ui/list_rows.h"

#include <vector>

namespace dd::ui::test {

inline std::vector<Id> shown_ids(const ListState& ls) {
    std::vector<Id> out;
    for (uint32_t r : ls.rows) out.push_back(ls.table->deal(r).meta.id);
    return out;
}

inline std::vector<Id> expected_ids(const Store& store, const ListState& ls, const char* search) {
    std::vector<Id> out;
    for (const Deal* d : query_deals(store, list_query(ls, search), ls.sort)) out.push_back(d->meta.id);
    return out;
}

}  // namespace dd::ui::test
