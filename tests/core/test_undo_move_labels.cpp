// The labels of stage-move steps: their undo steps keep the label's parts (deal, stage, which
// sentence), not its text, and build it again when asked. What the user sees must not change:
// undo_label, redo_label and the "Undid: ..."/"Redid: ..." of undo and redo equal the label the
// move returned, in every form, also after later commands changed the title or the stage name and
// were undone again.
#include "test_store_fixture.h"

using namespace dd;
using namespace dd::test;

namespace {

// Applies the move, then checks its label through undo, redo and both stacks' labels.
void check_round_trip(World& w, const Command& move, const std::string& expected) {
    Applied applied = w.ok(move);
    CHECK(applied.label == expected);
    CHECK(w.store.undo_label() == expected);
    auto undone = w.store.undo(w.ctx());
    REQUIRE(undone.ok());
    CHECK(undone.value().label == "Undid: " + expected);
    CHECK(w.store.redo_label() == expected);
    auto redone = w.store.redo(w.ctx());
    REQUIRE(redone.ok());
    CHECK(redone.value().label == "Redid: " + expected);
    CHECK(w.store.undo_label() == expected);
}

}  // namespace

TEST_CASE("stage-move labels: every form through undo and redo") {
    World w;
    Id a = w.deal("Acme renewal", w.lead);
    Id b = w.deal("Beta pilot", w.lead);
    check_round_trip(w, MoveDeal{a, w.proposal}, "Moved Acme renewal to Proposal");
    check_round_trip(w, MoveDeal{b, w.lead, kNoId}, "Reordered Beta pilot");
    check_round_trip(w, MoveDeal{a, w.won}, "Marked Acme renewal as won");
    check_round_trip(w, MoveDeal{b, w.lost, kNoId, w.too_expensive}, "Marked Beta pilot as lost");
    check_round_trip(w, MoveDeal{b, w.negotiation}, "Moved Beta pilot to Negotiation");
    // A title longer than any inline string buffer.
    Id c = w.deal(std::string(150, 'x'), w.lead);
    check_round_trip(w, MoveDeal{c, w.proposal}, "Moved " + std::string(150, 'x') + " to Proposal");
}

TEST_CASE("stage-move labels stay as at the move after later renames are undone") {
    World w;
    Id a = w.deal("Acme renewal", w.lead);
    w.ok(MoveDeal{a, w.proposal});
    DealPatch retitle;
    retitle.title = "Acme renewal 2026";
    w.ok(UpdateDeal{a, retitle});
    UpdateStage rename;
    rename.stage = w.proposal;
    rename.name = "Offer sent";
    w.ok(rename);
    CHECK(w.store.undo_label() != "Moved Acme renewal to Proposal");
    REQUIRE(w.store.undo(w.ctx()).ok());   // the stage's name back
    REQUIRE(w.store.undo(w.ctx()).ok());   // the title back
    CHECK(w.store.undo_label() == "Moved Acme renewal to Proposal");
    auto undone = w.store.undo(w.ctx());
    REQUIRE(undone.ok());
    CHECK(undone.value().label == "Undid: Moved Acme renewal to Proposal");
    CHECK(w.store.redo_label() == "Moved Acme renewal to Proposal");
    // A new command clears redo: nothing is built from a step that is gone.
    w.ok(UpdateDeal{a, retitle});
    CHECK(w.store.redo_label() == "");
    CHECK_FALSE(w.store.can_redo());
}

TEST_CASE("a stage move's undo step holds no copy of its label: its size does not grow with the title") {
    World w;
    Id short_title = w.deal("S", w.lead);
    Id long_title = w.deal(std::string(200, 'L'), w.lead);
    size_t before = w.store.undo_bytes();
    w.ok(MoveDeal{short_title, w.proposal});
    const size_t short_step = w.store.undo_bytes() - before;
    before = w.store.undo_bytes();
    w.ok(MoveDeal{long_title, w.proposal});
    const size_t long_step = w.store.undo_bytes() - before;
    // The label's 200 characters are not kept (a copy of the text was ~220 bytes more).
    CHECK(long_step < short_step + 50);
    CHECK(w.store.undo_label() == "Moved " + std::string(200, 'L') + " to Proposal");
}

// Status changes keep their label as parts too (MarkedWon, MarkedLost, Reopened); a bulk status
// change, which runs them per deal, keeps its own text, for one deal as for many.
TEST_CASE("status-change labels through undo and redo, one deal or a bulk of one") {
    World w;
    const Id a = w.deal("Acme renewal", w.lead, 120000), b = w.deal("Beta", w.proposal, 5000);
    check_round_trip(w, SetDealStatus{a, DealStatus::Won, kNoId, "", kNoId}, "Marked Acme renewal as won");
    check_round_trip(w, SetDealStatus{a, DealStatus::Open, kNoId, "", w.proposal}, "Reopened Acme renewal");
    check_round_trip(w, SetDealStatus{a, DealStatus::Lost, w.too_expensive, "", kNoId}, "Marked Acme renewal as lost");
    check_round_trip(w, BulkSetDealStatus{{a}, DealStatus::Open}, "Reopened 1 deal");
    check_round_trip(w, BulkSetDealStatus{{b}, DealStatus::Won}, "Marked 1 deal as won");
    check_round_trip(w, BulkMoveDeals{{b}, w.negotiation}, "Moved 1 deal to Negotiation");
}
