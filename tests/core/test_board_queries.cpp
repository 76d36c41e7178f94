// board_queries: lanes as the board shows them (filters, sorts, figures) and keyboard stage steps.
#include <doctest/doctest.h>

#include "core/board_queries.h"
#include "core/sample_data.h"
#include "core/store.h"

using namespace dd;

namespace {

constexpr Millis kNow = 1'780'000'000'000;

Store sample_store(size_t deals) {
    Store s;
    REQUIRE(s.load(make_sample_workspace(5, deals, kNow)).ok());
    return s;
}

const Pipeline& first_pipeline(const Store& s) { return s.workspace().pipelines.front(); }

}  // namespace

TEST_CASE("an unfiltered lane in manual order is the store's lane, with the store's figures") {
    Store s = sample_store(400);
    DealQuery all;
    for (const Stage& st : first_pipeline(s).stages) {
        FilteredLane lane = filter_lane(s, st.id, all, LaneSort::Manual);
        REQUIRE(lane.deals.size() == s.lane_size(st.id));
        for (size_t i = 0; i < lane.deals.size(); ++i) CHECK(lane.deals[i] == s.lane_at(st.id, i).meta.id);
        CHECK(lane.totals == s.lane_totals(st.id));
        CHECK(lane_totals_for(s, st.id, kAllStatuses) == s.lane_totals(st.id));
    }
    CHECK_FALSE(query_filters_lane(all));
}

TEST_CASE("a filtered lane holds only matching deals and their totals") {
    Store s = sample_store(400);
    const Stage& st = first_pipeline(s).stages.front();
    DealQuery q;
    q.status_mask = status_bit(DealStatus::Open);
    CHECK(query_filters_lane(q));
    FilteredLane lane = filter_lane(s, st.id, q, LaneSort::Manual);
    CHECK(lane.totals == s.lane_totals(st.id, DealStatus::Open));
    for (Id id : lane.deals) CHECK(s.find_deal(id)->status == DealStatus::Open);
}

TEST_CASE("sorted lanes order by value, close date or activity and never touch the ranks") {
    Store s = sample_store(400);
    const Stage& st = first_pipeline(s).stages.front();
    std::vector<int64_t> ranks;
    for (const Deal* d : s.lane(st.id)) ranks.push_back(d->rank);
    FilteredLane by_value = filter_lane(s, st.id, DealQuery{}, LaneSort::Value);
    for (size_t i = 1; i < by_value.deals.size(); ++i) {
        const Deal& a = *s.find_deal(by_value.deals[i - 1]);
        const Deal& b = *s.find_deal(by_value.deals[i]);
        CHECK(s.to_base(a.value, a.currency) >= s.to_base(b.value, b.currency));
    }
    FilteredLane by_close = filter_lane(s, st.id, DealQuery{}, LaneSort::CloseDate);
    bool undated = false;
    for (size_t i = 0; i < by_close.deals.size(); ++i) {
        const Day d = s.find_deal(by_close.deals[i])->expected_close;
        if (d == kNoDay) undated = true;
        else CHECK_FALSE(undated);   // undated deals come last
        if (i > 0 && d != kNoDay) CHECK(s.find_deal(by_close.deals[i - 1])->expected_close <= d);
    }
    std::vector<int64_t> after;
    for (const Deal* d : s.lane(st.id)) after.push_back(d->rank);
    CHECK(after == ranks);
}

TEST_CASE("next and previous open stage; Won and Lost are never a keyboard step forward") {
    Store s = sample_store(10);
    const Pipeline& p = first_pipeline(s);
    std::vector<const Stage*> open;
    for (const Stage& st : p.stages)
        if (st.kind == StageKind::Open) open.push_back(&st);
    REQUIRE(open.size() >= 2);
    CHECK(adjacent_open_stage(s, open[0]->id, 1) == open[1]);
    CHECK(adjacent_open_stage(s, open[1]->id, -1) == open[0]);
    CHECK(adjacent_open_stage(s, open[0]->id, -1) == nullptr);
    CHECK(adjacent_open_stage(s, open.back()->id, 1) == nullptr);
    CHECK(adjacent_open_stage(s, s.won_stage(p.meta.id)->id, 1) == nullptr);
    CHECK(adjacent_open_stage(s, s.lost_stage(p.meta.id)->id, -1) == open.back());
}

TEST_CASE("a drop on the deal's own place is a no-op, elsewhere it is not") {
    Store s = sample_store(200);
    const Stage* lane = nullptr;
    for (const Stage& st : first_pipeline(s).stages)
        if (s.lane_size(st.id) >= 3) { lane = &st; break; }
    REQUIRE(lane);
    const Id a = s.lane_at(lane->id, 0).meta.id, b = s.lane_at(lane->id, 1).meta.id, c = s.lane_at(lane->id, 2).meta.id;
    CHECK(is_noop_drop(s, a, lane->id, a));
    CHECK(is_noop_drop(s, a, lane->id, b));
    CHECK_FALSE(is_noop_drop(s, a, lane->id, c));
    CHECK_FALSE(is_noop_drop(s, a, lane->id, kNoId));
    const Id last = s.lane_at(lane->id, s.lane_size(lane->id) - 1).meta.id;
    CHECK(is_noop_drop(s, last, lane->id, kNoId));
}
