#include "core/persist_history.h"

#include "core/store.h"

namespace dd {

HistoryProgress advance_history(Store& store, PendingHistory& pending, size_t lines, std::string* problem) {
    auto fail = [&](std::string why) {
        if (problem) *problem = std::move(why);
        store.history_unavailable();
        return HistoryProgress::Failed;
    };
    if (!store.history_pending()) return fail("the store awaits no history lines");
    if (!pending.decoder.step(lines, pending.lines)) {
        // A failed read says more than the decoder's "truncated".
        const std::string& read = pending.bytes.read_error();
        return fail(read.empty() ? pending.decoder.problem() : "the snapshot is " + read);
    }
    if (!pending.decoder.done()) return HistoryProgress::Reading;
    Status attached = store.attach_history(std::move(pending.lines), pending.superseded);
    if (!attached) return fail(attached.error().text());
    return HistoryProgress::Attached;
}

}  // namespace dd
