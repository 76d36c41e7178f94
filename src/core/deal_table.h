// A fast path for the list view's query on big workspaces (1,000,000 deals): the same results as
// query_deals (query.h) -- same filters, same stable multi-key order, ties in board order -- but
// computed from columns kept beside the store:
//  * every deal's filter and sort fields in flat, compact arrays (one row per deal), so a filter is
//    a branch-free pass over a few arrays and a sort is a stable radix sort of 32-bit keys;
//  * people and companies by dense index, their names searched and ranked once per name, not once
//    per deal;
//  * the text-search haystack (titles and references, folded) in one buffer (SearchText), built on
//    the first search;
//  * for sort columns whose keys are not small integers (title, value, dates...), dense ranks
//    (RankIndex), built on the first sort by that column.
//
// Edits: apply(changes) with the ChangeSet of every command, undo or redo the store applied keeps
// the table equal to a fresh build: it rewrites the changed deals' rows, renames people and
// companies, and marks the rows whose rank may have changed; ranks are repaired on the next sort
// by that column. Rows are slots: a deleted deal's row is freed and reused by a later new deal.
#pragma once
#include "core/flat_id_map.h"
#include "core/model.h"
#include "core/query.h"
#include "core/rank_index.h"
#include "core/search_text.h"

#include <cstdint>
#include <map>
#include <unordered_map>
#include <utility>
#include <vector>

namespace dd {

class Store;
struct ChangeSet;
struct RecordRef;

class DealTable {
public:
    explicit DealTable(const Store& store);

    size_t size() const { return live_; }                 // deals in the table
    const Deal& deal(uint32_t row) const;                   // row: from query()
    Id id(uint32_t row) const { return ids_[row]; }
    Money base_value(uint32_t row) const { return base_value_[row]; }
    const Store& store() const { return store_; }

    // Brings the table up to date after the store applied a command, an undo or a redo.
    // (A workspace replaced by Store::load needs a new table.)
    void apply(const ChangeSet& changes);
    // The same in parts, for change sets of millions of records (a CSV import, its undo): up to
    // `budget` more records of `changes` (the same change set on every call), true once all of
    // it is applied. Between the calls the table is half-way: query() must wait for the end.
    bool apply_some(const ChangeSet& changes, size_t budget);
    size_t apply_done() const { return apply_at_; }   // records of the change set applied so far

    // Matching rows in display order. Not const: builds the search text and the ranks it needs on
    // first use, and reuses its buffers from one query to the next.
    std::vector<uint32_t> query(const DealQuery& q, const std::vector<SortKey>& sort);

    // The deals of `rows`, in order.
    std::vector<const Deal*> deals_of(const std::vector<uint32_t>& rows) const;

private:
    // Records the rows point at by dense index (people, companies), with their searchable names.
    struct NameDict {
        FlatIdMap index;               // id -> index; index 0 = none (no record, or a missing one)
        std::vector<Id> ids{kNoId};
        SearchText text;               // built with the deals' search text
        std::vector<uint32_t> rank;    // per index, by folded name; kUnsetRank: empty name or none
        bool rank_fresh = false;
        RecordKind kind;
        explicit NameDict(RecordKind k) : kind(k) {}
    };
    uint32_t intern(NameDict& dict, Id id);          // the index of id, added when new
    std::string_view name_of(const NameDict& dict, uint32_t index) const;
    void renamed(NameDict& dict, Id id);             // the record changed or went

    uint32_t stage_index(Id stage) const;   // board-order index of a stage, 0 when unknown
    void build_stages();
    void fill_row(uint32_t row, const Deal& d);
    void remove_row(uint32_t row);
    void touch_ranks(uint32_t row);
    void set_search_text(uint32_t row, const Deal& d);
    void build_search_text();
    void refresh_name_rank(NameDict& dict);
    void text_filter(const std::string& needle);
    void filter(const DealQuery& q);
    const std::vector<uint32_t>& ranks_of(const SortKey& key);
    void sort_rows(const std::vector<SortKey>& sort);

    const Store& store_;
    size_t live_ = 0;
    FlatIdMap row_of_;
    std::vector<uint32_t> free_rows_;

    // Stages in board order (pipelines in workspace order, then their stages); index 0 = none.
    std::vector<Id> stage_ids_, stage_pipeline_;
    std::vector<uint16_t> stage_pipeline_pos_;
    std::unordered_map<Id, uint16_t> stage_index_;

    // One entry per row.
    std::vector<Id> ids_;                  // kNoId: a free row
    std::vector<uint8_t> status_;          // status_bit(status); 0 for a free row, so no filter keeps it
    std::vector<uint16_t> stage_;          // board-order stage index
    std::vector<int64_t> lane_rank_;       // Deal::rank, the order inside the lane
    std::vector<uint32_t> owner_, company_, contact_, contact2_;   // NameDict indexes: contact_ is the
                                                                  // first contact, contact2_ the second
    std::vector<uint8_t> more_contacts_;   // the deal has more than two contacts (extra_contacts_)
    std::vector<uint8_t> probability_;     // Store::effective_probability (the store's rule)
    std::vector<uint32_t> currency_;       // the code's three bytes
    std::vector<Day> expected_close_;
    std::vector<Millis> created_, updated_, last_activity_;
    std::vector<Money> base_value_;
    std::unordered_map<uint32_t, std::vector<uint32_t>> extra_contacts_;   // row -> third contact on

    NameDict members_{RecordKind::TeamMember}, contacts_{RecordKind::Contact}, companies_{RecordKind::Company};
    SearchText titles_;                    // per row: title, external reference
    bool have_text_ = false;

    RankIndex board_;                      // (stage, lane rank, id): ties in board order
    bool rows_in_board_order_ = true;      // true from a fresh build until the first edit
    std::map<std::pair<int, Id>, RankIndex> ranks_;   // (column, custom field) -> ranks

    // apply_some's place in its change set: records done (removed ones first, then upserted),
    // and whether the pipelines and settings part (which runs first) is done.
    size_t apply_at_ = 0;
    bool apply_started_ = false;
    void apply_start(const ChangeSet& changes);
    void apply_removed(const Tombstone& t);
    void apply_upserted(const RecordRef& r);
    void add_row_room(size_t rows);

    // Per-query buffers, kept to avoid allocating 1,000,000-entry arrays per query.
    std::vector<uint32_t> rows_, scratch_keys_, scratch_rows_, keys_;
    std::vector<uint8_t> hit_, company_hit_, contact_hit_, allowed_;
};

}  // namespace dd
