#include "core/board_queries.h"

#include <algorithm>

namespace dd {

const char* to_string(LaneSort s) {
    switch (s) {
    case LaneSort::Manual: return "Manual order";
    case LaneSort::Value: return "Value";
    case LaneSort::CloseDate: return "Close date";
    case LaneSort::LastActivity: return "Last activity";
    }
    return "Manual order";
}

namespace {

void add_to_totals(const Store& store, const Deal& d, LaneTotals& t) {
    const Money base = store.to_base(d.value, d.currency);
    t.count += 1;
    t.total += base;
    t.weighted_x100 += base * store.effective_probability(d);
}

// Sort keys gathered once per deal (the comparator then touches no deal records).
struct Keyed {
    int64_t key;
    size_t order;   // position in the lane: ties keep the manual order
    Id id;
};

int64_t sort_key(const Store& store, const Deal& d, LaneSort sort) {
    switch (sort) {
    case LaneSort::Value: return -store.to_base(d.value, d.currency);   // highest first
    case LaneSort::CloseDate: return d.expected_close == kNoDay ? INT64_MAX : int64_t(d.expected_close);
    case LaneSort::LastActivity: return -d.last_activity_at;          // most recent first
    case LaneSort::Manual: break;
    }
    return 0;
}

}  // namespace

FilteredLane filter_lane(const Store& store, Id stage, const DealQuery& query, LaneSort sort) {
    FilteredLane out;
    const std::vector<const Deal*> lane = store.lane(stage);
    std::vector<Keyed> keyed;
    keyed.reserve(lane.size());
    const bool filters = query_filters_lane(query);
    for (size_t i = 0; i < lane.size(); ++i) {
        const Deal& d = *lane[i];
        if (filters && !deal_matches(store, d, query)) continue;
        add_to_totals(store, d, out.totals);
        keyed.push_back(Keyed{sort_key(store, d, sort), i, d.meta.id});
    }
    if (sort != LaneSort::Manual)
        std::sort(keyed.begin(), keyed.end(), [](const Keyed& a, const Keyed& b) {
            return a.key != b.key ? a.key < b.key : a.order < b.order;
        });
    out.deals.reserve(keyed.size());
    for (const Keyed& k : keyed) out.deals.push_back(k.id);
    return out;
}

bool query_filters_lane(const DealQuery& q) {
    return !q.text.empty() || !q.stages.empty() || !q.owners.empty() || q.status_mask != kAllStatuses ||
           q.close_from != kNoDay || q.close_to != kNoDay || q.created_from != 0 || q.created_to != 0 ||
           q.value_min.has_value() || q.value_max.has_value() || !q.custom.empty();
}

LaneTotals lane_totals_for(const Store& store, Id stage, uint8_t status_mask) {
    LaneTotals sum;
    for (DealStatus s : {DealStatus::Open, DealStatus::Won, DealStatus::Lost, DealStatus::Abandoned}) {
        if (!(status_mask & status_bit(s))) continue;
        const LaneTotals t = store.lane_totals(stage, s);
        sum.count += t.count;
        sum.total += t.total;
        sum.weighted_x100 += t.weighted_x100;
    }
    return sum;
}

const Stage* adjacent_open_stage(const Store& store, Id stage, int step) {
    const Pipeline* pipeline = nullptr;
    const Stage* from = store.find_stage(stage, &pipeline);
    if (!from || !pipeline || step == 0) return nullptr;
    const std::vector<Stage>& stages = pipeline->stages;
    std::vector<const Stage*> open;
    for (const Stage& s : stages)
        if (s.kind == StageKind::Open) open.push_back(&s);
    if (open.empty()) return nullptr;
    if (from->kind != StageKind::Open) return step < 0 ? open.back() : nullptr;
    const auto it = std::find(open.begin(), open.end(), from);
    const ptrdiff_t at = (it - open.begin()) + (step > 0 ? 1 : -1);
    if (at < 0 || at >= ptrdiff_t(open.size())) return nullptr;
    return open[size_t(at)];
}

bool is_noop_drop(const Store& store, Id moved, Id to_stage, Id before) {
    const Deal* d = store.find_deal(moved);
    if (!d || d->stage != to_stage) return false;
    if (before == moved) return true;
    const size_t index = store.lane_index_of(moved);
    const size_t size = store.lane_size(to_stage);
    if (index + 1 >= size) return before == kNoId;
    return store.lane_at(to_stage, index + 1).meta.id == before;
}

}  // namespace dd
