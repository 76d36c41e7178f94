// DealPlacement: the part of a deal that a stage move or a status change sets (where it sits,
// its status and close bookkeeping, its revision). Moves are the hot path of the board (dragging
// cards, issue #3's 2 us per move and per undo): putting only these fields keeps the deal's
// title, contacts and custom values where they are, and the undo image of a move is this small
// record (no strings on the heap unless a lost-reason text is set) rather than a whole Deal.
//
// The field types follow Deal's (decltype), so a change of the Deal layout cannot silently
// truncate a field here; every field a move, a reorder or a won/lost/reopen touches is listed.
#pragma once
#include "core/model.h"
#include <utility>

namespace dd {

struct DealPlacement {
    RecordMeta meta;   // id, revision and updated_at change with every put; created_at never does
    decltype(Deal::pipeline) pipeline{};
    decltype(Deal::stage) stage{};
    decltype(Deal::rank) rank{};
    decltype(Deal::closed_at) closed_at{};
    decltype(Deal::closed_by) closed_by{};
    decltype(Deal::close_date) close_date{};
    decltype(Deal::status) status{};   // beside the 4-byte close date: no padding (an undo step keeps one inline)
    decltype(Deal::lost_reason) lost_reason{};
    decltype(Deal::lost_reason_text) lost_reason_text{};
    decltype(Deal::last_activity_at) last_activity_at{};
};

inline DealPlacement placement_of(const Deal& d) {
    DealPlacement p;
    p.meta = d.meta;
    p.pipeline = d.pipeline;
    p.stage = d.stage;
    p.rank = d.rank;
    p.status = d.status;
    p.closed_at = d.closed_at;
    p.closed_by = d.closed_by;
    p.close_date = d.close_date;
    p.lost_reason = d.lost_reason;
    p.lost_reason_text = d.lost_reason_text;
    p.last_activity_at = d.last_activity_at;
    return p;
}

// Exchanges the placement fields of `d` with `p` (put and restore keep what they displace).
inline void swap_placement(Deal& d, DealPlacement& p) {
    using std::swap;
    swap(d.meta, p.meta);
    swap(d.pipeline, p.pipeline);
    swap(d.stage, p.stage);
    swap(d.rank, p.rank);
    swap(d.status, p.status);
    swap(d.closed_at, p.closed_at);
    swap(d.closed_by, p.closed_by);
    swap(d.close_date, p.close_date);
    swap(d.lost_reason, p.lost_reason);
    swap(d.lost_reason_text, p.lost_reason_text);
    swap(d.last_activity_at, p.last_activity_at);
}

}  // namespace dd
