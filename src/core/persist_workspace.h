// Persistence of one workspace: the Journal (journal.h) with ChangeSets as entries and the binary
// workspace encoding (snapshot_binary.h) as snapshots; an older profile's JSON snapshot is still
// read, and replaced by a binary one at the compaction open() then asks for. What the app drives:
//
//   open()            at start-up: the recovered workspace (or "nothing stored yet") + warnings
//   save_all(ws)      a brand-new workspace (first start, an import): a snapshot of its own, at once
//   on_applied(...)   after every applied command / undo / redo: buffers one journal entry
//   needs_flush(now)  the debounce: true once the oldest unsaved change is flush_delay_ms old
//   flush(now)        writes the buffered entries as one small segment and commits it
//   wants_compaction / compact(ws)   when idle: a new snapshot generation, old segments dropped
//   compact_step(ws, n)              the same a part at a time, over several idle moments
//   status()          Saved / Saving... / an error saying what to do
//
// An entry is the after-image of every record a command touched, its tombstones and the settings
// if they changed, each as one json_io record object, framed as "<byte length>:<json>".
#pragma once
#include "core/journal.h"
#include "core/model.h"
#include "core/persist_history.h"
#include "core/snapshot_binary.h"
#include "core/storage.h"
#include "core/store_load.h"

#include <memory>
#include <string>
#include <vector>

namespace dd {

class Store;
struct ChangeSet;

struct OpenedWorkspace {
    bool found = false;         // a workspace was recovered; false: nothing usable stored, start a new one
    // Checked once by recovery: Store::load(std::move(checked)) does not check it again (the
    // check costs as much as a fifth of a cold start's decode at 100,000 deals).
    CheckedWorkspace checked;
    Recovery recovery;          // warnings to show (what was lost), files set aside; needs_bytes
    // With open(defer_history): the snapshot's history lines, not in `checked` yet (null: none
    // deferred). Store::load, then Store::defer_history, then advance_history until done.
    std::unique_ptr<PendingHistory> history;
    const Workspace& workspace() const { return checked.workspace(); }
};

// Records changed by one frame above which the app saves a snapshot of the whole workspace
// instead of a journal entry (a million-row import or its undo: the entry would be every record
// as JSON, several times the binary snapshot's size in memory at once).
constexpr size_t kSnapshotInsteadOfEntry = 50'000;

class WorkspacePersistence {
public:
    explicit WorkspacePersistence(Storage& storage, JournalOptions options = {});

    // defer_history: leave a binary snapshot's history lines to be read after the first frame
    // (persist_history.h); a tab that writes starts so. Nothing may be compacted until they are in.
    OpenedWorkspace open(bool defer_history = false);
    Status save_all(const Workspace&, Millis now);
    // The same with the workspace already encoded (BinarySnapshotWriter, over several frames):
    // `payload` must be the encoding of the workspace as it stands now.
    Status save_encoded(std::string_view payload, Millis now);

    void on_applied(const Workspace&, const ChangeSet&, Millis now);
    void on_applied(const Store&, const ChangeSet&, Millis now);   // same, with the store's O(1) lookups

    bool needs_flush(Millis now) const { return journal_.needs_flush(now); }
    Status flush(Millis now) { return journal_.flush(now); }
    bool wants_compaction() const { return journal_.wants_compaction(); }
    Status compact(const Workspace&, Millis now);
    // Compaction a part at a time: encoding a 100,000-deal workspace takes ~0.1-0.2 s in WASM
    // (a million deals, seconds), too long for one frame. Each call encodes up to `records` more
    // records of `ws` (starting a snapshot when none is under way); the call that completes it
    // writes it as compact() would and sets `done`. `ws` must be the workspace the journal
    // describes, with no entry buffered. A change meanwhile (on_applied), a whole save
    // (save_all, save_encoded, compact) or cancel_compaction() drops the part-made snapshot,
    // since the workspace it was reading changed; a later call starts again.
    Status compact_step(const Workspace& ws, size_t records, Millis now, bool& done);
    // Makes wants_compaction() true until the next snapshot is written (journal.h).
    void request_compaction() { journal_.request_compaction(); }
    bool compaction_under_way() const { return writer_ != nullptr; }
    void cancel_compaction() { writer_.reset(); }
    // Part-made snapshots dropped by changes since the last compaction completed: a user who
    // never pauses long enough would otherwise keep the journal growing (the app then compacts
    // in one go, as compact() does).
    size_t compaction_restarts() const { return restarts_; }
    SaveStatus status() const { return journal_.status(); }
    const Journal& journal() const { return journal_; }

private:
    Storage& storage_;
    Journal journal_;
    // The snapshot compact_step is encoding: of which workspace, as of which journal entry.
    std::unique_ptr<BinarySnapshotWriter> writer_;
    const Workspace* writer_ws_ = nullptr;
    uint64_t writer_seq_ = 0;
    size_t restarts_ = 0;
    void drop_part_made_snapshot();   // a change: the workspace the writer read is not this one
};

// Applies journal entries (ChangeSets) to `ws` in one batch (persist_replay.h). A change that does
// not apply is skipped with a warning; returns false if any was. Check the workspace afterwards.
// `history_ids`, if given, receives the sorted ids of the history lines the entries put or erase.
bool replay_entries(Workspace& ws, const std::vector<journal::Entry>& entries, std::vector<std::string>& warnings,
                    std::vector<Id>* history_ids = nullptr);

// The framing of one entry, exposed for the tests and the benchmark.
std::string frame_records(const std::vector<std::string>& records);
// Splits an entry back into its records; false if the framing is broken.
bool unframe_records(std::string_view entry, std::vector<std::string_view>& records);

}  // namespace dd
