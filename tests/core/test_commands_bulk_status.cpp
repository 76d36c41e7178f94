// BulkSetDealStatus: several deals won / lost / abandoned / reopened as one command and one undo
// step, every deal checked like SetDealStatus before anything changes.
#include "test_store_fixture.h"

using namespace dd;
using namespace dd::test;

namespace {

size_t status_lines(Store& store, Id deal, const char* new_value) {
    size_t n = 0;
    for (const DealChange* c : store.history_of(deal)) n += c->kind == ChangeKind::Status && c->new_value == new_value;
    return n;
}

}  // namespace

TEST_CASE("bulk lost: every deal lost with the one reason, a status line each, one undo step") {
    World w;
    Id a = w.deal("Alpha", w.lead, 100000), b = w.deal("Beta", w.proposal, 250000), c = w.deal("Gamma", w.negotiation);
    const Workspace before = w.store.workspace();
    const Applied applied = w.ok(BulkSetDealStatus{{a, b}, DealStatus::Lost, w.too_expensive, "budget frozen"});
    CHECK(applied.label == "Marked 2 deals as lost");
    for (Id id : {a, b}) {
        const Deal& d = w.get(id);
        CHECK(d.status == DealStatus::Lost);
        CHECK(d.stage == w.lost);
        CHECK(d.lost_reason == w.too_expensive);
        CHECK(d.lost_reason_text == "budget frozen");
        CHECK(d.closed_at == w.now);
        CHECK(status_lines(w.store, id, "lost") == 1);
    }
    CHECK(w.get(c).status == DealStatus::Open);   // not selected: untouched
    CHECK(w.store.lane_totals(w.lost, DealStatus::Lost).count == 2);
    CHECK(w.lane_titles(w.lost) == std::vector<std::string>{"Alpha", "Beta"});   // in the given order

    CHECK(w.store.undo_label() == "Marked 2 deals as lost");
    REQUIRE(w.store.undo(w.ctx()).ok());
    CHECK(same_content(before, w.store.workspace()));
    CHECK(w.get(a).stage == w.lead);
    CHECK(w.get(b).stage == w.proposal);
    CHECK(w.store.lane_totals(w.lost, DealStatus::Lost).count == 0);
    REQUIRE(w.store.redo(w.ctx()).ok());
    CHECK(w.get(a).status == DealStatus::Lost);
    CHECK(w.get(b).status == DealStatus::Lost);
}

TEST_CASE("bulk won, abandoned and reopened follow SetDealStatus's rules") {
    World w;
    Id a = w.deal("Alpha", w.lead), b = w.deal("Beta", w.proposal);
    CHECK(w.ok(BulkSetDealStatus{{a, b}, DealStatus::Won}).label == "Marked 2 deals as won");
    CHECK(w.get(a).stage == w.won);
    CHECK(w.get(b).stage == w.won);
    CHECK(w.store.lane_totals(w.won, DealStatus::Won).count == 2);

    CHECK(w.ok(BulkSetDealStatus{{a, b}, DealStatus::Open}).label == "Reopened 2 deals");
    CHECK(w.get(a).stage == w.negotiation);   // the pipeline's last open stage, like SetDealStatus
    CHECK(w.get(b).status == DealStatus::Open);

    CHECK(w.ok(BulkSetDealStatus{{b, a}, DealStatus::Abandoned}).label == "Marked 2 deals as abandoned");
    CHECK(w.get(a).status == DealStatus::Abandoned);
    CHECK(w.get(a).stage == w.negotiation);   // abandoned deals stay where they are
    CHECK(status_lines(w.store, a, "abandoned") == 1);
    CHECK(w.ok(BulkSetDealStatus{{a}, DealStatus::Open}).label == "Reopened 1 deal");
}

TEST_CASE("bulk status is refused as a whole, naming the deal, and leaves the store untouched") {
    World w;
    Id a = w.deal("Alpha", w.lead), b = w.deal("Beta", w.proposal);
    w.ok(SetDealStatus{b, DealStatus::Won});

    // Beta is already won: nothing happens to Alpha either.
    Error e = w.refused(BulkSetDealStatus{{a, b}, DealStatus::Won});
    CHECK(e.field == "deals[1].status");
    CHECK(e.message.find("Beta") != std::string::npos);
    CHECK(w.get(a).status == DealStatus::Open);

    // Abandoning needs open deals.
    CHECK(w.refused(BulkSetDealStatus{{a, b}, DealStatus::Abandoned}).field == "deals[1].status");
    // An unknown reason is one error for the set.
    CHECK(w.refused(BulkSetDealStatus{{a}, DealStatus::Lost, w.ids.next()}).field == "lost_reason");
    CHECK(w.refused(BulkSetDealStatus{{a, a}, DealStatus::Won}).field == "deals[1]");
    CHECK(w.refused(BulkSetDealStatus{{a, w.ids.next()}, DealStatus::Won}).field == "deals[1]");
    CHECK(w.refused(BulkSetDealStatus{{}, DealStatus::Won}).field == "deals");
    // Viewers may not change deals.
    CHECK(w.refused(BulkSetDealStatus{{a}, DealStatus::Won}, w.viewer).field == "actor");
}
