#include "ui/board_lanes.h"

#include <algorithm>
#include <string>

namespace dd::ui {

const Deal* ShownLane::at(const Store& store, size_t i) const {
    if (!ids) return &store.lane_at(stage->id, i);
    return store.find_deal((*ids)[i]);
}

size_t ShownLane::index_of(const Store& store, Id deal) const {
    if (!ids) {
        const Deal* d = store.find_deal(deal);
        return d && d->stage == stage->id ? store.lane_index_of(deal) : size(store);
    }
    auto it = std::find(ids->begin(), ids->end(), deal);
    return size_t(it - ids->begin());
}

DealQuery board_query(const UiState& ui) {
    DealQuery q;
    q.pipeline = ui.pipeline;
    q.text = ui.search;
    if (ui.board.filter.owner != kNoId) q.owners.push_back(ui.board.filter.owner);
    q.status_mask = ui.board.filter.status_mask;
    Day day = kNoDay;
    if (ui.board.filter.close_from[0] && parse_day(ui.board.filter.close_from, day)) q.close_from = day;
    if (ui.board.filter.close_to[0] && parse_day(ui.board.filter.close_to, day)) q.close_to = day;
    return q;
}

LaneSort sort_of(const BoardState& board, Id stage) {
    for (const LaneSortChoice& c : board.sorts)
        if (c.stage == stage) return c.sort;
    return LaneSort::Manual;
}

void set_sort(BoardState& board, Id stage, LaneSort sort) {
    board.sorts.erase(std::remove_if(board.sorts.begin(), board.sorts.end(),
                                     [&](const LaneSortChoice& c) { return c.stage == stage; }),
                      board.sorts.end());
    if (sort != LaneSort::Manual) board.sorts.push_back({stage, sort});
    board.cache_dirty = true;
}

bool is_collapsed(const BoardState& board, Id stage) {
    return std::find(board.collapsed.begin(), board.collapsed.end(), stage) != board.collapsed.end();
}

void toggle_collapsed(BoardState& board, Id stage) {
    auto it = std::find(board.collapsed.begin(), board.collapsed.end(), stage);
    if (it == board.collapsed.end()) board.collapsed.push_back(stage);
    else board.collapsed.erase(it);
}

namespace {

// Everything a cached lane depends on: the data (app_frame bumps data_version on every change),
// the pipeline, the filters and the sorts.
LaneCacheKey cache_key(const UiState& ui, const DealQuery& q) {
    LaneCacheKey k;
    k.data_version = ui.data_version;
    k.pipeline = ui.pipeline;
    k.query = q.text + '\x1f' + std::to_string(ui.board.filter.owner) + '\x1f' + std::to_string(q.status_mask) +
              '\x1f' + std::to_string(q.close_from) + '\x1f' + std::to_string(q.close_to);
    for (const LaneSortChoice& c : ui.board.sorts)
        k.query += '\x1f' + std::to_string(c.stage) + ':' + std::to_string(int(c.sort));
    return k;
}

}  // namespace

std::vector<ShownLane> shown_lanes(const Store& store, UiState& ui, const Pipeline& pipeline) {
    BoardState& board = ui.board;
    const DealQuery q = board_query(ui);
    const bool filters = query_filters_lane(q);
    const bool any_sort = !board.sorts.empty();

    if (filters || any_sort) {
        LaneCacheKey key = cache_key(ui, q);
        if (board.cache_dirty || !(key == board.cache_key)) {
            board.cache.clear();
            for (const Stage& s : pipeline.stages) {
                const LaneSort sort = sort_of(board, s.id);
                if (!filters && sort == LaneSort::Manual) continue;
                board.cache.push_back(LaneCache{s.id, filter_lane(store, s.id, q, sort)});
            }
            board.cache_key = std::move(key);
            board.cache_dirty = false;
        }
    } else {
        board.cache.clear();
    }

    std::vector<ShownLane> lanes;
    lanes.reserve(pipeline.stages.size());
    for (const Stage& s : pipeline.stages) {
        ShownLane lane;
        lane.stage = &s;
        lane.sort = sort_of(board, s.id);
        lane.filtered = filters;
        auto cached = std::find_if(board.cache.begin(), board.cache.end(), [&](const LaneCache& c) { return c.stage == s.id; });
        if (cached != board.cache.end()) {
            lane.ids = &cached->lane.deals;
            lane.totals = cached->lane.totals;
        } else {
            lane.totals = lane_totals_for(store, s.id, kAllStatuses);
        }
        lanes.push_back(lane);
    }
    return lanes;
}

}  // namespace dd::ui
