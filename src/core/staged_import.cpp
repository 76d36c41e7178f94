#include "core/staged_import.h"

#include "core/import_steps.h"
#include "core/snapshot_binary.h"
#include "core/store_access.h"
#include <optional>

namespace dd {

struct StagedImport::State {
    Store& store;
    ImportDeals command;
    CommandContext ctx;
    Phase phase = Phase::Validating;
    bool rolling_back = false;        // cancelled while applying: the rollback runs in slices
    bool finishing = false;           // every item applied: the spent command is freed, then the commit
    bool want_snapshot = false;       // encode_snapshot_before_commit()
    std::unique_ptr<BinarySnapshotWriter> writer;   // the snapshot being encoded while finishing
    std::string snapshot;             // the encoded workspace after the import, once committed
    std::string label;                // computed before the records are moved out
    size_t items = 0, deals = 0, prelude = 0;   // prelude: the items before the first deal
    cmd::ImportCheck check;
    cmd::ImportCheck spent;           // the validation's sets, freed a slice at a time while applying
    cmd::ImportCursor applied;
    std::optional<Tx> tx;
    IdGenerator ids_before;           // the store's history-id source, put back by a rollback
    size_t listed = 0;                // touched records already in `changes`
    ChangeSet changes;
    Images undoing;                   // the rollback's images (taken from tx)
    size_t undo_next = 0;             // entries of undoing.order still to walk, from the end
    Result<Applied> result{field_error("", "the import has not finished")};

    State(Store& s, ImportDeals c, const CommandContext& x)
        : store(s), command(std::move(c)), ctx(x), ids_before(StoreAccess::indexes(s).ids) {}
};

namespace {

StoreIndexes& ix_of(StagedImport::State& s) { return StoreAccess::indexes(s.store); }

void release(StagedImport::State& s, StagedImport::Phase phase) {
    s.phase = phase;
    s.tx.reset();
    s.command = ImportDeals{};   // a million deals' worth of (moved-from) records
    s.check = cmd::ImportCheck{};
    s.spent = cmd::ImportCheck{};
    s.undoing = Images{};
    s.writer.reset();
    StoreAccess::set_staged_open(s.store, false);
}

// Records touched since the last slice, as the change set lists them. An import only puts (it
// never erases), so every touched record is present after it: all are upserts, in first-touch
// order, as change_set() would list them at the end, without a pass over two million records
// in the commit's frame.
void list_new_changes(StagedImport::State& s) {
    const auto& order = s.tx->images().order;
    for (; s.listed < order.size(); ++s.listed) s.changes.upserted.push_back(RecordRef{order[s.listed].kind, order[s.listed].id});
}

void commit(StagedImport::State& s) {
    list_new_changes(s);
    UndoStep step;
    step.general = std::make_unique<GeneralStep>();
    step.general->label = s.label;
    step.general->images = s.tx->take();
    step.general->permission = Permission::Data;   // required_permission(ImportDeals)
    StoreAccess::history(s.store).push_done(std::move(step));
    s.result = Applied{s.label, std::move(s.changes)};
    release(s, StagedImport::Phase::Committed);
}

// Erases a record this run created, and the tombstone the erase leaves: the record never existed
// as far as the workspace (and sync) is concerned. Walking the records newest first, each is the
// last of its vector, so no other record moves and the vectors' order is as before the run.
void erase_created(StoreIndexes& ix, const Touched& t, Millis now) {
    if (!ix.erase(t.kind, t.id, now)) return;
    auto& tombs = ix.ws.tombstones;
    if (!tombs.empty() && tombs.back().id == t.id) {
        ix.tombstone_slot.erase(t.id);
        tombs.pop_back();
    }
}

template <typename ImageList>   // a std::vector or a CompactVector of images
void put_back(StoreIndexes& ix, ImageList& images) {
    for (auto& img : images)
        if (img.record) ix.put(*img.record);   // the exact prior record: same revision, same fields
}

// Up to `budget` created records erased; then (once all are) the prior images of the records the
// run changed put back. True when the store is as before.
bool rollback_some(StagedImport::State& s, size_t budget) {
    StoreIndexes& ix = ix_of(s);
    for (; s.undo_next > 0 && budget > 0; --budget) {
        const Touched& t = s.undoing.order[--s.undo_next];
        if (t.created) erase_created(ix, t, s.ctx.now);
    }
    if (s.undo_next > 0) return false;
    Images& im = s.undoing;
    if (im.other) {
        put_back(ix, im.other->pipelines);
        put_back(ix, im.other->team);
        put_back(ix, im.other->companies);
        put_back(ix, im.other->contacts);
    }
    put_back(ix, im.deals);
    for (DealPlacement& p : im.placements) ix.put_placement(p);
    put_back(ix, im.history);
    ix.ids = s.ids_before;
    return true;
}

// Room for what the run adds, made once: a vector of a million deals doubling in one slice moves
// every deal at once (hundreds of ms in one frame); growing it up front spreads nothing but costs
// the same copy once, before the first slice, in a frame of its own.
void reserve_for_apply(StagedImport::State& s) {
    Workspace& ws = ix_of(s).ws;
    ws.deals.reserve(ws.deals.size() + s.command.creates.size());
    ws.contacts.reserve(ws.contacts.size() + s.command.new_contacts.size());
    ws.companies.reserve(ws.companies.size() + s.command.new_companies.size());
    s.changes.upserted.reserve(2 * s.items);   // each item and, for a new deal, its history line
}

// The validation's sets sized for the whole command up front: a set of a million references
// rehashing inside one slice would stall that frame.
void reserve_for_check(StagedImport::State& s) {
    const ImportDeals& c = s.command;
    s.check.refs.reserve(s.deals);
    s.check.deal_ids.reserve(s.deals);
    s.check.contacts.reserve(c.new_contacts.size());
    s.check.companies.reserve(c.new_companies.size());
}

template <typename Set>
void erase_some(Set& set, size_t& budget) {
    for (; budget > 0 && !set.empty(); --budget) set.erase(set.begin());
    if (set.empty()) Set().swap(set);   // and the buckets
}

// Up to `budget` entries of the spent validation sets freed (each about one item's work).
void free_some(cmd::ImportCheck& c, size_t budget) {
    budget *= 4;
    erase_some(c.refs, budget);
    erase_some(c.deal_ids, budget);
    erase_some(c.contacts, budget);
    erase_some(c.companies, budget);
    erase_some(c.members, budget);
    erase_some(c.stages, budget);
}

template <typename V>
void pop_some(V& v, size_t& budget) {
    for (; budget > 0 && !v.empty(); --budget) v.pop_back();
}

// Up to `budget` of the command's records destroyed (the records were moved out by the apply;
// updates keep their patches): a million of them destroyed at once held the commit's frame.
// True when none is left.
bool free_command_some(ImportDeals& c, size_t budget) {
    budget *= 16;   // a moved-from record is a few checks of empty buffers
    pop_some(c.creates, budget);
    pop_some(c.updates, budget);
    pop_some(c.new_contacts, budget);
    pop_some(c.new_companies, budget);
    return c.creates.empty() && c.updates.empty() && c.new_contacts.empty() && c.new_companies.empty();
}

void start_rollback(StagedImport::State& s) {
    s.undoing = s.tx->take();
    s.tx.reset();
    s.undo_next = s.undoing.order.size();
    s.rolling_back = true;
}

}  // namespace

Result<std::unique_ptr<StagedImport>> StagedImport::begin(Store& store, ImportDeals command, const CommandContext& ctx) {
    // The store's own refusals (a run already open, a viewer, nobody chosen) without validating
    // the whole command here: that is the run's first phase.
    if (auto s = store.history_ready(); !s) return s.error();
    const Command probe{ImportDeals{}};
    if (store.staged_open() || store.permission_of(ctx.actor) < required_permission(probe)) {
        Status refused = store.check(probe, ctx);
        if (!refused) return refused.error();
    }
    auto state = std::make_unique<State>(store, std::move(command), ctx);
    state->items = cmd::import_items(state->command);
    state->deals = cmd::import_deals(state->command);
    state->prelude = state->items - state->deals;
    state->label = cmd::import_label(state->command);
    reserve_for_check(*state);
    StoreAccess::set_staged_open(store, true);
    return std::unique_ptr<StagedImport>(new StagedImport(std::move(state)));
}

StagedImport::StagedImport(std::unique_ptr<State> state) : st_(std::move(state)) {}

StagedImport::~StagedImport() {
    if (!st_ || finished()) return;
    cancel();
    while (!step(SIZE_MAX)) {}
}

bool StagedImport::step(size_t budget) {
    State& s = *st_;
    if (finished()) return true;
    if (s.rolling_back) {
        if (rollback_some(s, budget)) release(s, Phase::RolledBack);
        return finished();
    }
    if (s.phase == Phase::Validating) {
        Status valid = cmd::validate_import_items(ix_of(s), s.command, s.check, budget);
        if (!valid) {
            s.result = valid.error();
            release(s, Phase::Refused);
            return true;
        }
        if (s.check.at.done()) {
            // Its sets of ids and references are not needed any more; a million entries freed at
            // once would stall this frame, so the apply's slices free them as they go.
            s.spent = std::move(s.check);
            s.check = cmd::ImportCheck{};
            s.check.at.items = s.items;
            s.check.at.part = 6;
            reserve_for_apply(s);
            s.tx.emplace(ix_of(s), s.ctx.now);
            const ImportDeals& c = s.command;
            s.tx->reserve_touches(RecordKind::Deal, s.deals);
            s.tx->reserve_touches(RecordKind::DealChange, s.deals);   // a Created line per new deal; updates' lines rehash as usual
            s.tx->reserve_touches(RecordKind::Contact, c.new_contacts.size());
            s.tx->reserve_touches(RecordKind::Company, c.new_companies.size());
            s.phase = Phase::Applying;
        }
        return false;
    }
    if (s.finishing) {
        // Nothing changes in the store any more; what is left is memory to give back, in slices,
        // so that the commit's frame holds only the commit.
        free_some(s.spent, budget);
        const cmd::ImportCheck& c = s.spent;
        const bool spent_freed = c.refs.empty() && c.deal_ids.empty() && c.contacts.empty() && c.companies.empty() &&
                                 c.members.empty() && c.stages.empty();
        if (!free_command_some(s.command, budget) || !spent_freed) return false;
        if (s.want_snapshot) {
            // The workspace is final and the store held: encoded over the next steps.
            if (!s.writer) s.writer = std::make_unique<BinarySnapshotWriter>(ix_of(s).ws);
            if (!s.writer->step(budget * 16)) return false;
            s.snapshot = s.writer->take();
        }
        commit(s);
        return finished();
    }
    free_some(s.spent, budget);
    cmd::consume_import_items(*s.tx, s.command, s.applied, budget, s.ctx);
    list_new_changes(s);
    s.finishing = s.applied.done();
    return false;
}

void StagedImport::cancel() {
    State& s = *st_;
    if (finished() || s.rolling_back) return;
    s.result = field_error("", "import cancelled: nothing was changed");
    if (s.phase == Phase::Validating) {
        release(s, Phase::RolledBack);
        return;
    }
    start_rollback(s);
}

StagedImport::Phase StagedImport::phase() const { return st_->phase; }
bool StagedImport::finished() const {
    return st_->phase == Phase::Committed || st_->phase == Phase::Refused || st_->phase == Phase::RolledBack;
}
size_t StagedImport::items() const { return st_->items; }
size_t StagedImport::validated() const { return st_->phase == Phase::Validating ? st_->check.at.items : st_->items; }
size_t StagedImport::applied() const { return st_->applied.items; }
size_t StagedImport::deals() const { return st_->deals; }
size_t StagedImport::deals_applied() const {
    return st_->applied.items > st_->prelude ? st_->applied.items - st_->prelude : 0;
}
bool StagedImport::rolling_back() const { return st_->rolling_back && !finished(); }
size_t StagedImport::rollback_left() const { return st_->undo_next; }

void StagedImport::encode_snapshot_before_commit() { st_->want_snapshot = true; }

std::string StagedImport::take_snapshot() { return std::move(st_->snapshot); }

Result<Applied> StagedImport::take_result() {
    Result<Applied> out = std::move(st_->result);
    st_->result = field_error("", "the import's result was taken");
    return out;
}

}  // namespace dd
