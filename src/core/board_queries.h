// Board rules the view needs but the store does not answer directly: a lane as the board shows it
// under filters and a sort (with the figures of what is shown), and the stage a keyboard
// "move to next/previous stage" goes to. Built on the public Store API only.
#pragma once
#include "core/model.h"
#include "core/query.h"
#include "core/store.h"

#include <vector>

namespace dd {

// How a lane orders its cards. Sorting is a view of the lane: the manual order (ranks) is kept.
enum class LaneSort : uint8_t { Manual, Value, CloseDate, LastActivity };
const char* to_string(LaneSort);   // "Manual order", "Value", "Close date", "Last activity"

// A lane's deals that match a query, in display order, and their totals (base currency; the
// weighted total uses each deal's effective probability, like Store::lane_totals).
struct FilteredLane {
    std::vector<Id> deals;
    LaneTotals totals;
};

// Manual: lane order. Value: highest base-currency value first. CloseDate: soonest expected
// close first, undated last. LastActivity: most recently active first. Ties keep lane order.
FilteredLane filter_lane(const Store&, Id stage, const DealQuery&, LaneSort);

// True when the query can hide a deal of a lane (anything beyond "this pipeline, every status").
bool query_filters_lane(const DealQuery&);

// The sum of Store::lane_totals over the statuses in `status_mask`: O(1) lane figures.
LaneTotals lane_totals_for(const Store&, Id stage, uint8_t status_mask);

// The open stage `step` places after (step > 0) or before (step < 0) the deal's stage in its
// pipeline, or nullptr at either end. From Won or Lost, "previous" is the last open stage (a
// reopen); "next" never goes into Won or Lost: those need an explicit decision (and a reason).
const Stage* adjacent_open_stage(const Store&, Id stage, int step);

// True when MoveDeal{moved, to_stage, before} would leave the deal where it is (dropped on its
// own place: above itself or above its next neighbour), so the view records nothing.
bool is_noop_drop(const Store&, Id moved, Id to_stage, Id before);

}  // namespace dd
