// A read-only tab following the writer tab (docs/storage.md, "Several tabs"): after each save of
// the writer, apply only the journal segments written since the last follow (the journal tail),
// instead of recovering the whole workspace again.
//
// The tail is enough while the writer has not compacted: segments are append-only, each flush a
// new file named by its first sequence number, so the new ones are exactly those after the last
// sequence applied. A new snapshot generation, a gap, a damaged segment or a record that does not
// apply all say "reload everything" (FollowResult::FullReload); the caller then does a full
// recovery (WorkspacePersistence::open on a read-only copy) and starts following from there.
#pragma once
#include "core/model.h"
#include "core/persist_workspace.h"
#include "core/storage.h"

namespace dd {

// Where a follower stands: the snapshot generation its state came from and the last journal
// sequence number in it.
struct FollowPosition {
    bool valid = false;        // false: the next follow must be a full reload
    uint64_t generation = 0;
    uint64_t last_seq = 0;
};

// The position after a full recovery by `reader` (valid only if it recovered cleanly: after
// damage the stored files are not a plain snapshot + contiguous journal).
FollowPosition follow_position(const WorkspacePersistence& reader, const OpenedWorkspace& opened);

enum class FollowResult { Unchanged, Applied, FullReload };

// Applies to `ws` (the follower's current workspace, at `pos`) the segments stored after
// pos.last_seq, and advances `pos`. On FullReload `ws` may be partly changed: discard it. Reads
// only. The references are not checked here: the caller loads `ws` into its Store, whose gate
// (check_workspace) runs anyway; if that refuses it, fall back to a full reload.
FollowResult follow_journal_tail(Storage& storage, FollowPosition& pos, Workspace& ws);

}  // namespace dd
