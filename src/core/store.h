// The Store: one workspace, its indexes and its undo history. The only way to change data.
//
// Layout (chosen for the benchmarks: 100,000 stage moves + undos at <= 2 us each):
//  * records live in the Workspace's vectors (so workspace() is the snapshot for saving), each
//    kind with an id -> slot hash map; erasing swaps the last record into the hole.
//  * each stage has a lane: its deals in display order (rank, id) in a blocked list, so a move is
//    O(sqrt n) and the i-th deal of a lane is a cheap random access; plus per-status totals
//    (count, total and weighted total in the base currency) adjusted in O(1) per changed deal.
//  * deals by owner, contact and company; activities, notes and history by deal.
//  * undo: each step keeps the prior image of every record the command touched (or "did not
//    exist"); undoing swaps them back in through the same index-maintaining put/erase path and
//    keeps the images it replaced for redo. Cascades and bulk edits are one step for free.
//
// Permissions: with an empty team anyone may act. Otherwise the actor must be a team member;
// viewers are refused every command (and undo/redo), non-admins are refused settings commands.
#pragma once
#include "core/commands.h"
#include "core/ids.h"
#include "core/model.h"
#include "core/result.h"
#include "core/store_load.h"
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace dd {

struct RecordRef {
    RecordKind kind = RecordKind::Deal;
    Id id = kNoId;
};

// What a command (or an undo/redo) changed: records now present (write their current state from
// the store) and records now gone (their tombstones). `settings` = WorkspaceSettings changed.
struct ChangeSet {
    std::vector<RecordRef> upserted;
    std::vector<Tombstone> removed;
    bool settings = false;
    bool empty() const { return upserted.empty() && removed.empty() && !settings; }
};

struct Applied {
    std::string label;    // "Moved Acme renewal to Proposal", "Undid: Deleted 3 deals"
    ChangeSet changes;
};

// Aggregates of one lane for one status, in base-currency minor units.
struct LaneTotals {
    int64_t count = 0;
    Money total = 0;
    int64_t weighted_x100 = 0;   // sum of value_base * probability (%), exact
    Money weighted() const;      // weighted_x100 / 100, rounded half away from zero
    bool operator==(const LaneTotals& o) const {
        return count == o.count && total == o.total && weighted_x100 == o.weighted_x100;
    }
};

struct StoreIndexes;   // store_indexes.h, private to the implementation
struct UndoHistory;    // store_undo.h

class Store {
public:
    // id_seed feeds the generator of ids the store derives itself (history lines).
    explicit Store(uint64_t id_seed = 0x5eed);
    ~Store();
    Store(Store&&) noexcept;
    Store& operator=(Store&&) noexcept;
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    // Replaces everything and clears undo. Refuses (store untouched) a workspace that breaks
    // the store's invariants: duplicate ids, dangling references, a pipeline without exactly one
    // Won and one Lost stage at the end, a deal whose stage is not in its pipeline or whose status
    // does not match its stage, a currency without an exchange rate, duplicate external refs...
    Status load(Workspace ws);
    // The same for a workspace already checked (a loaded file): not checked a second time.
    Status load(CheckedWorkspace ws);

    Result<Applied> apply(const Command&, const CommandContext&);
    Result<Applied> undo(const CommandContext&);
    Result<Applied> redo(const CommandContext&);
    bool can_undo() const;
    bool can_redo() const;
    std::string undo_label() const;   // "" when nothing to undo
    std::string redo_label() const;
    size_t undo_depth() const;
    // Records the step Undo (Redo) would restore, 0 when none: a whole million-row import takes
    // seconds to undo, and the app says so on screen before the frame that does it.
    size_t undo_records() const;
    size_t redo_records() const;
    // Undo memory budget in estimated bytes (default 64 MiB); the oldest steps are dropped beyond it.
    void set_undo_budget(size_t bytes);
    size_t undo_bytes() const;

    // Checks a command without applying it (what apply would refuse, and why).
    Status check(const Command&, const CommandContext&) const;

    // History lines still to come: a start shows the workspace before the snapshot's history lines
    // are decoded (persist_history.h). While they are Pending, apply, undo and redo are refused
    // (a deal's delete erases its lines, an undo may restore them: each needs all of them);
    // the caller finishes reading them first. Unavailable: they could not be read; everything
    // works, but a snapshot of this workspace would lose them, so the app writes none.
    enum class HistoryState { Complete, Pending, Unavailable };
    HistoryState history_state() const { return history_; }
    bool history_pending() const { return history_ == HistoryState::Pending; }
    Status history_ready() const;   // ok, or why a change must wait (the state is Pending)
    // After load(): the snapshot's history lines will be handed over by attach_history.
    void defer_history() { history_ = HistoryState::Pending; }
    // The deferred lines, except those `superseded` (sorted ids the journal put again or erased
    // after the snapshot: the store has the journal's version or none). Refused, store untouched
    // and the state Unavailable, when a line repeats an id or names a deal that does not exist.
    Status attach_history(ChunkedVector<DealChange> lines, const std::vector<Id>& superseded);
    // The lines could not be read (a file that changed since the start): the state is Unavailable.
    void history_unavailable() { history_ = HistoryState::Unavailable; }

    // True while a long command is applied in slices (staged_import.h): the store is half-way
    // through it, so every other command, undo, redo and load is refused, and nothing may save
    // the workspace until it commits or rolls back.
    bool staged_open() const { return staged_open_; }

    // ---- Read access ----------------------------------------------------------------------
    const Workspace& workspace() const;   // the live data: also the snapshot to save
    const WorkspaceSettings& settings() const;

    const Deal* find_deal(Id) const;
    const Pipeline* find_pipeline(Id) const;
    const Stage* find_stage(Id, const Pipeline** pipeline = nullptr) const;
    const Contact* find_contact(Id) const;
    const Company* find_company(Id) const;
    const TeamMember* find_member(Id) const;
    const Activity* find_activity(Id) const;
    const Note* find_note(Id) const;
    const CustomFieldDef* find_custom_field(Id) const;
    const LostReason* find_lost_reason(Id) const;
    const DealChange* find_change(Id) const;
    const SavedView* find_saved_view(Id) const;
    std::vector<const SavedView*> saved_views() const;   // in the list's bar order (position, then id)
    const Deal* find_deal_by_ref(const std::string& external_ref) const;
    const TeamMember* current_user() const;
    const Stage* won_stage(Id pipeline) const;
    const Stage* lost_stage(Id pipeline) const;

    // Deals of a stage in display order (every status), random access by index.
    size_t lane_size(Id stage) const;
    const Deal& lane_at(Id stage, size_t index) const;   // index < lane_size(stage)
    std::vector<const Deal*> lane(Id stage) const;        // the whole lane, in order
    size_t lane_index_of(Id deal) const;                  // its position in its lane
    LaneTotals lane_totals(Id stage, DealStatus status) const;   // O(1)
    LaneTotals lane_totals(Id stage) const;                       // all statuses, O(1)

    std::vector<Id> deals_of_owner(Id member) const;
    std::vector<Id> deals_of_contact(Id contact) const;
    std::vector<Id> deals_of_company(Id company) const;
    size_t deal_count_of_contact(Id contact) const;   // derived, never stored
    std::vector<Id> contacts_of_company(Id company) const;
    std::vector<const Activity*> activities_of(Id deal) const;   // by due time, undated last
    std::vector<const Note*> notes_of(Id deal) const;            // newest first
    std::vector<const DealChange*> history_of(Id deal) const;    // newest first
    size_t deals_in_pipeline(Id pipeline) const;

    // ---- Derived values ---------------------------------------------------------------------
    Money to_base(Money amount, Currency currency) const;   // half away from zero
    bool has_rate(Currency) const;                           // the base currency always has one
    int effective_probability(const Deal&) const;            // override, else its stage's
    bool is_rotting(const Deal&, Millis now) const;          // open and idle longer than its stage allows
    Permission permission_of(Id actor) const;                // the highest permission the actor holds

private:
    std::unique_ptr<StoreIndexes> ix_;
    std::unique_ptr<UndoHistory> undo_;
    bool staged_open_ = false;
    HistoryState history_ = HistoryState::Complete;
    friend struct StoreAccess;   // the implementation files (store_*.cpp)
};

}  // namespace dd
