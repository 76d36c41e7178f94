// The history lines a start leaves in the snapshot, read into the store after the first frame.
//
// Why: at 100,000 deals the ~190,000 history lines are a quarter of the snapshot's bytes, a
// quarter of its decode and half of Store::load, and nothing on the first screen shows them (a
// deal page's timeline does). So a writer tab's start (WorkspacePersistence::open with
// defer_history) reads and checks them like every other byte, so that a damaged line still
// refuses the snapshot while the previous generation can be used, but keeps only where they are;
// the store starts with the journal's lines alone and refuses changes (Store::history_ready)
// until advance_history has handed the rest over, a batch of lines at a time between frames.
// The snapshot file cannot change meanwhile: no compaction runs while the store awaits them.
#pragma once
#include "core/journal.h"
#include "core/model.h"
#include "core/snapshot_binary.h"

#include <string>
#include <vector>

namespace dd {

class Store;

struct PendingHistory {
    PendingHistory(SnapshotPayload lines_bytes, uint64_t count, uint64_t first_line_at)
        : bytes(std::move(lines_bytes)), decoder(bytes.source(), bytes.size(), count, first_line_at) {}
    PendingHistory(const PendingHistory&) = delete;   // the decoder reads through `bytes`
    PendingHistory& operator=(const PendingHistory&) = delete;

    SnapshotPayload bytes;            // the snapshot's payload from the first line on
    HistoryLineDecoder decoder;
    ChunkedVector<DealChange> lines;  // decoded so far
    std::vector<Id> superseded;       // sorted: lines the journal put again or erased
};

enum class HistoryProgress { Reading, Attached, Failed };

// Decodes up to `lines` more lines; once all are in, hands them to the store. Failed: the lines
// could not be read or were refused (`problem` says why; the store's state is Unavailable).
HistoryProgress advance_history(Store&, PendingHistory&, size_t lines, std::string* problem = nullptr);

}  // namespace dd
