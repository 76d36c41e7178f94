// What each lane of the board shows this frame: its deals (the store's lane as is, or a filtered
// and/or sorted list of ids cached until its inputs change) and the figures of what is shown.
#pragma once
#include "core/board_queries.h"
#include "core/model.h"
#include "core/query.h"
#include "core/store.h"
#include "ui/app_state.h"

#include <vector>

namespace dd::ui {

struct ShownLane {
    const Stage* stage = nullptr;
    const std::vector<Id>* ids = nullptr;   // nullptr: every deal of the store's lane, in order
    LaneTotals totals;
    LaneSort sort = LaneSort::Manual;
    bool filtered = false;

    size_t size(const Store& store) const { return ids ? ids->size() : store.lane_size(stage->id); }
    // The i-th shown deal (nullptr if a cached id vanished: the cache is then refreshed).
    const Deal* at(const Store& store, size_t i) const;
    // Position of a deal among the shown ones, or size() when it is not shown.
    size_t index_of(const Store& store, Id deal) const;
};

// The query the board's filters and the top bar's search make, for the shown pipeline.
DealQuery board_query(const UiState& ui);
LaneSort sort_of(const BoardState& board, Id stage);
void set_sort(BoardState& board, Id stage, LaneSort sort);
bool is_collapsed(const BoardState& board, Id stage);
void toggle_collapsed(BoardState& board, Id stage);

// Lanes of `pipeline` in board order. Lane figures come from the store's O(1) aggregates when
// nothing filters the board, else from the filtered lists (rebuilt only when the data, the
// filters or the sorts changed). The returned lanes point into ui.board's cache.
std::vector<ShownLane> shown_lanes(const Store& store, UiState& ui, const Pipeline& pipeline);

}  // namespace dd::ui
