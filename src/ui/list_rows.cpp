#include "ui/list_rows.h"

#include "core/store.h"

#include <chrono>
#include <string>

namespace dd::ui {
namespace {

// A text key of everything the rows depend on besides the data: when it changes, re-query.
std::string rows_key(const DealQuery& q, const std::vector<SortKey>& sort) {
    std::string k = q.text;
    k += '\x1f' + std::to_string(q.pipeline) + '/' + std::to_string(q.status_mask);
    for (Id s : q.stages) k += 's' + std::to_string(s);
    for (Id o : q.owners) k += 'o' + std::to_string(o);
    k += '/' + std::to_string(q.close_from) + '/' + std::to_string(q.close_to);
    k += '/' + std::to_string(q.created_from) + '/' + std::to_string(q.created_to);
    k += '/' + (q.value_min ? std::to_string(*q.value_min) : std::string("-"));
    k += '/' + (q.value_max ? std::to_string(*q.value_max) : std::string("-"));
    for (const CustomFilter& f : q.custom) {
        k += 'c' + std::to_string(f.field) + ':' + f.text + ':' + (f.has_value ? '1' : '0');
        k += ':' + (f.number_min ? std::to_string(*f.number_min) : std::string("-"));
        k += ':' + (f.number_max ? std::to_string(*f.number_max) : std::string("-"));
    }
    for (const SortKey& s : sort)
        k += "|" + std::to_string(int(s.column)) + ':' + std::to_string(s.custom_field) + (s.descending ? 'd' : 'a');
    return k;
}

}  // namespace

DealQuery list_query(const ListState& ls, const char* search) {
    DealQuery q = ls.filters;
    q.text = search ? search : "";
    return q;
}

Money selection_total(const ListState& ls, const Store& store) {
    Money total = 0;
    for (Id id : ls.selected)
        if (const Deal* d = store.find_deal(id)) total += store.to_base(d->value, d->currency);
    return total;
}

void note_list_changes(ListState& ls, const std::vector<ChangeSet>& changes, uint64_t from, uint64_t to) {
    if (!ls.table) return;
    const uint64_t at = ls.table_changes.empty() ? ls.table_data_version : ls.table_changes_to;
    if (at != from) {   // something else changed the data in between: rebuild
        ls.table_changes.clear();
        ls.table_changes_to = ~0ull;
        return;
    }
    ls.table_changes.insert(ls.table_changes.end(), changes.begin(), changes.end());
    ls.table_changes_to = to;
}

namespace {

// Records applied between two looks at the clock.
constexpr size_t kTableRecordsPerCheck = 4096;

// The noted change sets applied in order, each dropped once the table took all of it, until
// `ms` of work is spent. True when none is left.
bool apply_noted_changes(ListState& ls, double ms) {
    const auto start = std::chrono::steady_clock::now();
    size_t done = 0;
    for (; done < ls.table_changes.size(); ++done) {
        const ChangeSet& changes = ls.table_changes[done];
        for (;;) {
            if (ls.table->apply_some(changes, kTableRecordsPerCheck)) break;
            const std::chrono::duration<double, std::milli> spent = std::chrono::steady_clock::now() - start;
            if (spent.count() >= ms) {
                ls.table_changes.erase(ls.table_changes.begin(), ls.table_changes.begin() + ptrdiff_t(done));
                return false;
            }
        }
    }
    ls.table_changes.clear();
    return true;
}

bool table_follows(const ListState& ls, const Store& store, uint64_t data_version) {
    return ls.table && &ls.table->store() == &store && ls.table_data_version != data_version &&
           !ls.table_changes.empty() && ls.table_changes_to == data_version;
}

}  // namespace

bool list_rows_pending(const ListState& ls, uint64_t data_version) {
    return ls.table && ls.table_data_version != data_version && !ls.table_changes.empty() &&
           ls.table_changes_to == data_version;
}

std::pair<size_t, size_t> list_rows_progress(const ListState& ls) {
    if (!ls.table || ls.table_changes.empty()) return {0, 0};
    const ChangeSet& c = ls.table_changes.front();
    return {ls.table->apply_done(), c.upserted.size() + c.removed.size()};
}

void refresh_list_rows(ListState& ls, const Store& store, uint64_t data_version, const char* search, double table_ms) {
    bool data_changed = false;
    if (table_follows(ls, store, data_version)) {
        // Half-way through a huge change set: nothing else is brought up to date (the rows and
        // the selection wait for the table), the next frame goes on.
        if (!apply_noted_changes(ls, table_ms)) return;
        ls.table_data_version = data_version;
        data_changed = true;
    }
    if (!ls.table || ls.table_data_version != data_version || ls.table->size() != store.workspace().deals.size() ||
        &ls.table->store() != &store) {
        ls.table = std::make_shared<DealTable>(store);
        ls.table_data_version = data_version;
        ls.table_changes.clear();
        data_changed = true;
    }
    if (data_changed) {
        // Deleted deals leave the selection.
        for (auto it = ls.selected.begin(); it != ls.selected.end();) {
            if (store.find_deal(*it)) ++it;
            else it = ls.selected.erase(it);
        }
    }
    const DealQuery q = list_query(ls, search);
    std::string key = rows_key(q, ls.sort);
    if (data_changed || key != ls.rows_key) {
        ls.rows = ls.table->query(q, ls.sort);
        ls.rows_key = std::move(key);
    }
    if (data_changed || ls.selected_total_count != ls.selected.size() || ls.selection_dirty) {
        ls.selected_total = selection_total(ls, store);
        ls.selected_total_count = ls.selected.size();
        ls.selection_dirty = false;
    }
}

}  // namespace dd::ui
