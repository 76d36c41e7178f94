// A fast path for the list view's query on big workspaces (1,000,000 deals): the same results as
// query_deals (query.h) -- same filters, same stable multi-key order, ties in board order -- but
// computed from columns prepared once per version of the data:
//  * every deal's filter fields in flat arrays (pipeline, stage, owner, status, dates, base value);
//  * the text-search haystack (title, contact names, company name, reference; folded to lower
//    case, fields separated so a match never spans two) in one buffer, built on the first search;
//  * per sort column, a dense rank of every deal (built on the first sort by that column), so a
//    query sorts 32-bit keys with a stable radix sort instead of comparing strings.
// A DealTable reads the store it was built from: rebuild it after any change of the store.
#pragma once
#include "core/model.h"
#include "core/query.h"

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace dd {

class Store;

class DealTable {
public:
    explicit DealTable(const Store& store);

    size_t size() const { return deals_.size(); }
    const Deal& deal(uint32_t row) const { return *deals_[row]; }
    Money base_value(uint32_t row) const { return base_value_[row]; }
    const Store& store() const { return store_; }

    // Matching rows (indexes into this table) in display order. Not const: builds the search
    // text and rank caches it needs on first use.
    std::vector<uint32_t> query(const DealQuery& q, const std::vector<SortKey>& sort);

    // The deals of `rows`, in order.
    std::vector<const Deal*> deals_of(const std::vector<uint32_t>& rows) const;

private:
    void build_search_text();
    const std::vector<uint32_t>& ranks_for(const SortKey& key);   // ascending dense ranks, unset = kUnset
    void text_hits(const std::string& folded_needle, std::vector<uint8_t>& hit) const;

    const Store& store_;
    std::vector<const Deal*> deals_;       // board order: pipelines, stages, lane order
    std::vector<Id> pipeline_, stage_, owner_;
    std::vector<uint16_t> pipeline_pos_, stage_pos_;
    std::vector<uint8_t> status_;
    std::vector<Day> expected_close_;
    std::vector<Millis> created_;
    std::vector<Money> base_value_;

    std::string haystack_;                 // folded search text, one segment per row
    std::vector<uint32_t> row_start_;      // offset of each row's segment (+ one past the end)
    bool have_haystack_ = false;
    std::map<std::pair<int, Id>, std::vector<uint32_t>> ranks_;   // (column, custom field) -> ranks
};

// The rank of deals whose value is unset (no owner, no date...): after every set value.
constexpr uint32_t kUnsetRank = 0xffffffffu;

}  // namespace dd
