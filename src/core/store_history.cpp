// Store::attach_history: the snapshot's history lines, handed over after a start that showed the
// workspace without them (persist_history.h).
#include "core/store.h"
#include "core/store_indexes.h"
#include <algorithm>

namespace dd {

Status Store::attach_history(ChunkedVector<DealChange> lines, const std::vector<Id>& superseded) {
    if (history_ != HistoryState::Pending) return field_error("history", "no history lines are awaited");
    StoreIndexes& ix = *ix_;
    // The snapshot's lines first, then the store's own (the journal's, replayed at the start): the
    // table as a start that read everything would have it. No undo step refers to a slot: none
    // exists while lines are awaited (Store::load cleared them; apply, undo and redo refuse).
    const size_t own = ix.ws.history.size();
    ChunkedVector<DealChange> merged;
    merged.reserve(lines.size() + own);
    for (DealChange& line : lines)
        if (!std::binary_search(superseded.begin(), superseded.end(), line.meta.id)) merged.push_back(std::move(line));
    lines = ChunkedVector<DealChange>();
    const size_t attached = merged.size();
    for (DealChange& line : ix.ws.history) merged.push_back(std::move(line));
    ix.ws.history = std::move(merged);
    Status indexed = ix.rebuild_history(attached);
    if (!indexed) {
        // Back to the store's own lines alone, as they were.
        ChunkedVector<DealChange> kept;
        kept.reserve(own);
        for (size_t i = attached; i < ix.ws.history.size(); ++i) kept.push_back(std::move(ix.ws.history[i]));
        ix.ws.history = std::move(kept);
        ix.rebuild_history();
        history_ = HistoryState::Unavailable;
        return indexed;
    }
    history_ = HistoryState::Complete;
    return ok_status();
}

}  // namespace dd
