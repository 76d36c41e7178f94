// A CSV import of any size applied across frames, still all-or-nothing and ONE undo step.
//
// Store::apply(ImportDeals) does the whole command at once: a million deals take seconds, long
// enough for the browser's "page unresponsive" prompt. A StagedImport runs the same command
// (import_steps.h: the same code, so the same workspace) in slices that the caller advances with a
// budget of items per call:
//   1. validation, every item, before the first change (a refusal leaves the store untouched);
//   2. the changes, through one open transaction that keeps every prior image;
//   3. the commit: the transaction becomes one undo step, and the Applied (label, changes) is
//      handed back like Store::apply's.
// From begin() to the commit or the rollback the store is held (Store::staged_open()): every other
// command, undo, redo and load is refused, and persistence must not save the half-applied
// workspace. cancel(), a failure, or destroying the run before it committed rolls everything
// applied so far back: the store is exactly as before (same records, same revisions).
#pragma once
#include "core/commands.h"
#include "core/result.h"
#include "core/store.h"

#include <cstddef>
#include <memory>

namespace dd {

class StagedImport {
public:
    enum class Phase { Validating, Applying, Committed, Refused, RolledBack };

    // Opens a run on `store` (held from here on). Refused, store untouched and not held, when
    // another run is open or the actor may not import (the store's own refusal).
    static Result<std::unique_ptr<StagedImport>> begin(Store& store, ImportDeals command, const CommandContext& ctx);
    ~StagedImport();   // rolls back if it neither committed nor was refused
    StagedImport(const StagedImport&) = delete;
    StagedImport& operator=(const StagedImport&) = delete;

    // Validates or applies up to `budget` more items (members, stages, companies, contacts,
    // deals each count one). True once finished: committed or refused (see result()).
    bool step(size_t budget);
    // Cancels: nothing applied yet, the store is released at once; else step() rolls back what
    // was applied, in slices (rolling_back()), and releases the store when it is as before.
    // No effect once finished.
    void cancel();
    bool rolling_back() const;
    size_t rollback_left() const;   // touched records still to walk back

    Phase phase() const;
    bool finished() const;          // committed, refused or rolled back: the store is released
    size_t items() const;           // items of the command
    size_t validated() const;       // items validated so far
    size_t applied() const;         // items applied so far
    size_t deals() const;           // deals of the command (creates + updates)
    size_t deals_applied() const;   // of which applied so far
    // Once finished: the Applied (as Store::apply returns it), or why it was refused / rolled back.
    // Taken once (the change set of a million deals is not copied).
    Result<Applied> take_result();

    // Asks for the workspace as it stands after the import, binary-encoded (snapshot_binary.h),
    // written a part per step between the last change and the commit, while the store is still
    // held (so nothing changes under the encoding). Persistence saves a huge import as such a
    // snapshot: encoded here, the commit's frame does not encode a million deals. Call before
    // the run finishes; take_snapshot() then gives the bytes once it committed ("" otherwise).
    void encode_snapshot_before_commit();
    std::string take_snapshot();

    struct State;   // staged_import.cpp

private:
    explicit StagedImport(std::unique_ptr<State> state);
    std::unique_ptr<State> st_;
};

}  // namespace dd
