// Moving deals: ordering by rank (before a deal, to the end, respacing), won/lost/reopen rules, totals.
#include "test_store_fixture.h"

using namespace dd;
using namespace dd::test;

TEST_CASE("move to another stage: label, history, lane totals, last activity") {
    World w;
    Id a = w.deal("Acme renewal", w.lead, 200000);
    auto applied = w.ok(MoveDeal{a, w.proposal});
    CHECK(applied.label == "Moved Acme renewal to Proposal");
    CHECK(w.store.lane_size(w.lead) == 0);
    CHECK(w.store.lane_totals(w.lead).count == 0);
    CHECK(w.store.lane_totals(w.proposal, DealStatus::Open).weighted() == 100000);
    CHECK(w.get(a).last_activity_at == w.now);
    auto h = w.store.history_of(a);
    REQUIRE(h.size() == 2);
    CHECK(h[0]->kind == ChangeKind::Stage);
    CHECK(h[0]->old_value == "Lead");
    CHECK(h[0]->new_value == "Proposal");
    CHECK(w.refused(MoveDeal{a, w.ids.next()}).field == "to_stage");
    CHECK(w.refused(MoveDeal{w.ids.next(), w.lead}).field == "deal");
}

TEST_CASE("move before a deal, to the end, and to the top") {
    World w;
    Id a = w.deal("A"), b = w.deal("B"), c = w.deal("C");
    w.ok(MoveDeal{c, w.lead, a});
    CHECK(w.lane_titles(w.lead) == std::vector<std::string>{"C", "A", "B"});
    CHECK(w.ok(MoveDeal{c, w.lead}).label == "Reordered C");
    CHECK(w.lane_titles(w.lead) == std::vector<std::string>{"A", "B", "C"});
    w.ok(MoveDeal{b, w.lead, a});
    CHECK(w.lane_titles(w.lead) == std::vector<std::string>{"B", "A", "C"});
    w.ok(MoveDeal{b, w.lead, c});
    CHECK(w.lane_titles(w.lead) == std::vector<std::string>{"A", "B", "C"});
    Id x = w.deal("X", w.proposal);
    w.ok(MoveDeal{x, w.lead, b});
    CHECK(w.lane_titles(w.lead) == std::vector<std::string>{"A", "X", "B", "C"});
    CHECK(w.store.lane_index_of(x) == 1);
    CHECK(w.refused(MoveDeal{a, w.lead, a}).field == "before");
    CHECK(w.refused(MoveDeal{a, w.proposal, b}).field == "before");
}

TEST_CASE("repeated moves into the same gap respace a small window, never the whole lane") {
    World w;
    std::vector<Id> ids;
    for (int i = 0; i < 40; ++i) ids.push_back(w.deal("D" + std::to_string(i)));
    // Always insert right above D20: the gap below D19 halves each time until it is gone.
    Id target = ids[20];
    std::vector<std::string> expected;
    for (int i = 0; i < 40; ++i) expected.push_back("D" + std::to_string(i));
    size_t max_touched = 0;
    for (int k = 0; k < 30; ++k) {
        Id fresh = w.deal("N" + std::to_string(k), w.proposal);
        auto applied = w.ok(MoveDeal{fresh, w.lead, target});
        max_touched = std::max(max_touched, applied.changes.upserted.size());
        auto pos = std::find(expected.begin(), expected.end(), "D20");
        expected.insert(pos, "N" + std::to_string(k));
        REQUIRE(w.lane_titles(w.lead) == expected);
    }
    // 20 halvings exhaust a 2^20 gap: respacing happened, and touched only a window.
    CHECK(max_touched > 3);
    CHECK(max_touched < 40);
    for (size_t i = 1; i < w.store.lane_size(w.lead); ++i)
        CHECK(w.store.lane_at(w.lead, i - 1).rank < w.store.lane_at(w.lead, i).rank);
}

TEST_CASE("won and lost set status and close date; reopening clears them") {
    World w;
    Id a = w.deal("Acme renewal", w.proposal, 100000);
    auto applied = w.ok(MoveDeal{a, w.won});
    CHECK(applied.label == "Marked Acme renewal as won");
    const Deal* d = &w.get(a);
    CHECK(d->status == DealStatus::Won);
    CHECK(d->closed_at == w.now);
    CHECK(d->closed_by == w.admin);
    CHECK(d->close_date == day_from_civil(2025, 11, 23));
    CHECK(w.store.lane_totals(w.won, DealStatus::Won).weighted() == 100000);
    CHECK(w.store.effective_probability(*d) == 100);

    w.ok(MoveDeal{a, w.negotiation});
    d = &w.get(a);
    CHECK(d->status == DealStatus::Open);
    CHECK(d->closed_at == 0);
    CHECK(d->close_date == kNoDay);

    auto lost = w.ok(SetDealStatus{a, DealStatus::Lost, w.too_expensive, "budget cut"});
    CHECK(lost.label == "Marked Acme renewal as lost");
    d = &w.get(a);
    CHECK(d->stage == w.lost);
    CHECK(d->lost_reason == w.too_expensive);
    CHECK(d->lost_reason_text == "budget cut");
    CHECK(w.store.lane_totals(w.lost, DealStatus::Lost).count == 1);
    CHECK(w.store.lane_totals(w.lost, DealStatus::Lost).weighted() == 0);

    CHECK(w.ok(SetDealStatus{a, DealStatus::Open}).label == "Reopened Acme renewal");
    d = &w.get(a);
    CHECK(d->stage == w.negotiation);   // the last open stage
    CHECK(d->lost_reason == kNoId);
    CHECK(d->lost_reason_text.empty());

    CHECK(w.refused(SetDealStatus{a, DealStatus::Open}).field == "status");
    CHECK(w.refused(SetDealStatus{a, DealStatus::Lost, w.ids.next()}).field == "lost_reason");
    CHECK(w.refused(SetDealStatus{a, DealStatus::Open, kNoId, "", w.lead}).field == "status");
}

TEST_CASE("a close date set by hand is kept when the deal is won") {
    World w;
    Deal d = w.draft("Preset", w.lead);
    d.close_date = day_from_civil(2025, 10, 1);
    w.ok(CreateDeal{d, {}, {}});
    w.ok(SetDealStatus{d.meta.id, DealStatus::Won});
    CHECK(w.get(d.meta.id).close_date == day_from_civil(2025, 10, 1));
}

TEST_CASE("abandoned deals stay in their stage; status history is recorded") {
    World w;
    Id a = w.deal("Stale", w.proposal, 100000);
    CHECK(w.ok(SetDealStatus{a, DealStatus::Abandoned}).label == "Marked Stale as abandoned");
    CHECK(w.get(a).stage == w.proposal);
    CHECK(w.store.lane_totals(w.proposal, DealStatus::Open).count == 0);
    CHECK(w.store.lane_totals(w.proposal, DealStatus::Abandoned).count == 1);
    auto h = w.store.history_of(a);
    CHECK(h[0]->field != "");
    bool status_line = false;
    for (auto* c : h) status_line |= c->kind == ChangeKind::Status && c->new_value == "abandoned";
    CHECK(status_line);
    w.ok(SetDealStatus{a, DealStatus::Open});
    CHECK(w.get(a).status == DealStatus::Open);
    CHECK(w.get(a).closed_at == 0);
}

TEST_CASE("bulk move keeps the given order at the end of the target lane, one undo step") {
    World w;
    Id a = w.deal("A"), b = w.deal("B"), c = w.deal("C", w.proposal);
    const Workspace before = w.store.workspace();
    CHECK(w.ok(BulkMoveDeals{{b, a}, w.proposal}).label == "Moved 2 deals to Proposal");
    CHECK(w.lane_titles(w.proposal) == std::vector<std::string>{"C", "B", "A"});
    REQUIRE(w.store.undo(w.ctx()).ok());
    CHECK(same_content(before, w.store.workspace()));
    CHECK(w.lane_titles(w.lead) == std::vector<std::string>{"A", "B"});
    (void)c;
}

TEST_CASE("rotting: an open deal idle longer than its stage allows") {
    World w;
    Id a = w.deal("Idle", w.lead);   // Lead rots after 7 days
    const Deal& d = w.get(a);
    CHECK_FALSE(w.store.is_rotting(d, w.now + 6 * 86'400'000LL));
    CHECK(w.store.is_rotting(d, w.now + 8 * 86'400'000LL));
    Note n{{w.ids.next()}, a, kNoId, "pinged", kNoId};
    w.now += 5 * 86'400'000LL;
    w.ok(AddNote{n});
    CHECK_FALSE(w.store.is_rotting(w.get(a), w.now + 6 * 86'400'000LL));
    Id b = w.deal("Never", w.negotiation);   // idle_days 0 = never rots
    CHECK_FALSE(w.store.is_rotting(w.get(b), w.now + 1000 * 86'400'000LL));
}
