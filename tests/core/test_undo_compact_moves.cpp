// The compact undo step of a stage move (store_undo.h, MoveStep): its undo, redo, change sets,
// labels and budget must be those of the general form (Images) of the same step. Each case runs
// the same commands in two identical worlds, turns one world's step into the general form, and
// compares the two workspaces record for record (revisions, times, tombstones, vector order).
#include "core/store_access.h"
#include "core/store_undo.h"
#include "test_store_fixture.h"
#include <random>

using namespace dd;
using namespace dd::test;

namespace {

UndoStep& top_of(World& w, bool redo) {
    UndoHistory& h = StoreAccess::history(w.store);
    return redo ? h.undone.back() : h.done.back();
}
bool compact_top(World& w, bool redo) { return !top_of(w, redo).general; }

bool same_changes(const ChangeSet& a, const ChangeSet& b) {
    if (a.settings != b.settings || a.upserted.size() != b.upserted.size() || !(a.removed == b.removed)) return false;
    for (size_t i = 0; i < a.upserted.size(); ++i)
        if (a.upserted[i].kind != b.upserted[i].kind || a.upserted[i].id != b.upserted[i].id) return false;
    return true;
}

void check_same(World& compact, World& general) {
    CHECK(identical(compact.store.workspace(), general.store.workspace()));
    CHECK(compact.store.undo_label() == general.store.undo_label());
    CHECK(compact.store.redo_label() == general.store.redo_label());
    CHECK(compact.store.undo_records() == general.store.undo_records());
    CHECK(compact.store.redo_records() == general.store.redo_records());
}

void check_same(World& compact, World& general, const Result<Applied>& a, const Result<Applied>& b) {
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(a.value().label == b.value().label);
    CHECK(same_changes(a.value().changes, b.value().changes));
    check_same(compact, general);
}

// Runs `c` in both worlds (built the same by `setup`), keeps world `a`'s step compact and turns
// `b`'s into the general form, then undoes, redoes and undoes both.
template <typename Setup>
void compare(const Setup& setup, const Command& c, bool expect_compact = true) {
    World a, b;
    setup(a);
    setup(b);
    check_same(a, b, a.store.apply(c, a.ctx()), b.store.apply(c, b.ctx()));
    CHECK(compact_top(a, false) == expect_compact);
    if (compact_top(b, false)) generalize(StoreAccess::indexes(b.store), top_of(b, false));
    REQUIRE_FALSE(compact_top(b, false));
    check_same(a, b);
    check_same(a, b, a.store.undo(a.ctx()), b.store.undo(b.ctx()));
    CHECK(compact_top(a, true) == expect_compact);
    // The redo of a compact move keeps its lines smaller than the general form's images.
    if (expect_compact) CHECK(a.store.undo_bytes() < b.store.undo_bytes());
    check_same(a, b, a.store.redo(a.ctx()), b.store.redo(b.ctx()));
    CHECK(compact_top(a, false) == expect_compact);
    check_same(a, b, a.store.undo(a.ctx()), b.store.undo(b.ctx()));
    // Two more worlds keep the step compact through the undo; one turns its redo step into the
    // general form: the redo's lines come back the same.
    World x, y;
    setup(x);
    setup(y);
    check_same(x, y, x.store.apply(c, x.ctx()), y.store.apply(c, y.ctx()));
    check_same(x, y, x.store.undo(x.ctx()), y.store.undo(y.ctx()));
    CHECK(compact_top(y, true) == expect_compact);
    generalize(StoreAccess::indexes(y.store), top_of(y, true));
    check_same(x, y, x.store.redo(x.ctx()), y.store.redo(y.ctx()));
    check_same(x, y, x.store.undo(x.ctx()), y.store.undo(y.ctx()));
}

struct Deals {
    Id a = kNoId, b = kNoId;
};
Deals add_deals(World& w) {
    Deals d;
    d.a = w.deal("Acme renewal", w.lead, 120000);
    d.b = w.deal("Beta", w.proposal, 5000, {w.alice, w.bob});
    return d;
}

}  // namespace

TEST_CASE("a compact stage move undoes and redoes exactly as its general form") {
    Deals d;
    auto setup = [&](World& w) { d = add_deals(w); };
    World probe;
    setup(probe);   // the ids are the same in every world (deterministic generators)

    SUBCASE("open to open") { compare(setup, MoveDeal{d.a, probe.proposal}); }
    SUBCASE("reorder within the lane (no history line)") { compare(setup, MoveDeal{d.a, probe.proposal, d.b}); }
    SUBCASE("to won") { compare(setup, MoveDeal{d.a, probe.won}); }
    SUBCASE("to lost with a reason and a text (five lines)") {
        compare(setup, MoveDeal{d.a, probe.lost, kNoId, probe.too_expensive, "Chose a cheaper tool, said so at length"});
    }
    SUBCASE("to lost without a reason (stage, status, close date)") { compare(setup, MoveDeal{d.a, probe.lost}); }
    SUBCASE("set status won, lost") {
        compare(setup, SetDealStatus{d.a, DealStatus::Won, kNoId, "", kNoId});
        compare(setup, SetDealStatus{d.a, DealStatus::Lost, probe.too_expensive, "budget", kNoId});
    }
    SUBCASE("set status open: reopened from won") {
        auto won = [&](World& w) {
            setup(w);
            w.ok(MoveDeal{d.a, w.won});
        };
        compare(won, SetDealStatus{d.a, DealStatus::Open, kNoId, "", probe.negotiation});
    }
    SUBCASE("set status open: reopened from abandoned (a whole deal put, the general form)") {
        auto abandoned = [&](World& w) {
            setup(w);
            w.ok(SetDealStatus{d.a, DealStatus::Abandoned, kNoId, "", kNoId});
        };
        compare(abandoned, SetDealStatus{d.a, DealStatus::Open, kNoId, "", kNoId}, false);
    }
    SUBCASE("bulk move of one deal: a text label, the general form") {
        compare(setup, BulkMoveDeals{{d.a}, probe.negotiation}, false);
    }
    SUBCASE("bulk move of two deals: the general form") { compare(setup, BulkMoveDeals{{d.a, d.b}, probe.negotiation}, false); }
    SUBCASE("abandoned: a whole deal put, the general form") {
        compare(setup, SetDealStatus{d.a, DealStatus::Abandoned, kNoId, "", kNoId}, false);
    }
    SUBCASE("reopened: from lost with a reason, from won") {
        auto closed = [&](World& w) {
            setup(w);
            w.ok(MoveDeal{d.a, w.won});
            w.ok(MoveDeal{d.a, w.lost, kNoId, w.too_expensive, "late"});
        };
        compare(closed, MoveDeal{d.a, probe.negotiation});   // five lines
        auto won = [&](World& w) {
            setup(w);
            w.ok(MoveDeal{d.a, w.won});
        };
        compare(won, MoveDeal{d.a, probe.negotiation});   // reopened: stage, status, close date
    }
    SUBCASE("into another pipeline (a pipeline line too)") {
        Id other = kNoId, one = kNoId;
        auto piped = [&](World& w) {
            setup(w);
            other = w.ids.next();
            one = w.ids.next();
            w.ok(CreatePipeline{other, "Partners", {Stage{one, "Intro", 30, 0, 0, StageKind::Open}}, w.ids.next(), w.ids.next()});
        };
        World p2;
        piped(p2);
        compare(piped, MoveDeal{d.a, one});
    }
}

TEST_CASE("a compact move's undo, redo and labels across several steps") {
    World a, b;
    const Deals da = add_deals(a);
    add_deals(b);
    const Command moves[] = {MoveDeal{da.a, a.proposal}, MoveDeal{da.b, a.won}, MoveDeal{da.a, a.lost, kNoId, a.too_expensive, "x"},
                             MoveDeal{da.a, a.negotiation}};
    for (const Command& c : moves) check_same(a, b, a.store.apply(c, a.ctx()), b.store.apply(c, b.ctx()));
    // b's steps go over to the general form as they become the top of their stack (a compact
    // step's label names the live deal's stage: only the top's is the stage it moved to).
    StoreIndexes& ixb = StoreAccess::indexes(b.store);
    auto undo_both = [&] {
        generalize(ixb, top_of(b, false));
        check_same(a, b, a.store.undo(a.ctx()), b.store.undo(b.ctx()));
    };
    auto redo_both = [&] {
        generalize(ixb, top_of(b, true));
        check_same(a, b, a.store.redo(a.ctx()), b.store.redo(b.ctx()));
    };
    CHECK(a.store.undo_label() == "Moved Acme renewal to Negotiation");
    for (int i = 0; i < 4; ++i) undo_both();
    CHECK(a.store.redo_label() == "Moved Acme renewal to Proposal");
    for (int i = 0; i < 2; ++i) redo_both();
    CHECK(a.store.undo_label() == "Marked Beta as won");
    CHECK(a.store.redo_label() == "Marked Acme renewal as lost");
    for (int i = 0; i < 2; ++i) undo_both();
    for (int i = 0; i < 4; ++i) redo_both();
    CHECK(a.store.undo_label() == "Moved Acme renewal to Negotiation");
}

TEST_CASE("a compact move whose records are not as it left them takes the general path") {
    // Never for a consistent stack: the step's history line erased behind the store's back.
    World a, b;
    const Deals da = add_deals(a);
    add_deals(b);
    const Command c = MoveDeal{da.a, a.won};
    check_same(a, b, a.store.apply(c, a.ctx()), b.store.apply(c, b.ctx()));
    REQUIRE(compact_top(a, false));
    generalize(StoreAccess::indexes(b.store), top_of(b, false));
    const Id line = top_of(a, false).move.first_line;
    REQUIRE(line != kNoId);
    StoreAccess::indexes(a.store).erase(RecordKind::DealChange, line, a.now);
    StoreAccess::indexes(b.store).erase(RecordKind::DealChange, line, b.now);
    check_same(a, b, a.store.undo(a.ctx()), b.store.undo(b.ctx()));
    CHECK_FALSE(compact_top(a, true));
    check_same(a, b, a.store.redo(a.ctx()), b.store.redo(b.ctx()));
    check_same(a, b, a.store.undo(a.ctx()), b.store.undo(b.ctx()));
}

TEST_CASE("a stage move's undo step is compact: well under the 280 bytes of its general form") {
    World w;
    const Deals d = add_deals(w);
    w.store.set_undo_budget(size_t(1) << 30);
    size_t before = w.store.undo_bytes();
    w.ok(MoveDeal{d.a, w.proposal});
    const size_t step = w.store.undo_bytes() - before;
    CHECK(step <= sizeof(MoveStep));
    CHECK(sizeof(UndoStep) <= 112);
    // Undone: the redo step holds its line's contents (48 bytes a line, not a 96-byte image).
    before = w.store.undo_bytes();
    REQUIRE(w.store.undo(w.ctx()).ok());
    CHECK(w.store.undo_bytes() - before < sizeof(MoveStep) + 2 * sizeof(MoveLine));
}

TEST_CASE("the undo budget keeps as many compact move steps as fit, and they undo exactly") {
    World w;
    const Deals d = add_deals(w);
    w.ok(MoveDeal{d.a, w.proposal});
    const size_t step = estimated_bytes(top_of(w, false));
    w.store.set_undo_budget(10 * step);
    std::vector<Workspace> states{w.store.workspace()};
    const Id stages[] = {w.lead, w.proposal, w.negotiation};
    for (int i = 0; i < 30; ++i) {
        w.ok(MoveDeal{i % 2 ? d.a : d.b, stages[i % 3]});
        states.push_back(w.store.workspace());
    }
    CHECK(w.store.undo_depth() == 10);
    CHECK(w.store.undo_bytes() <= 10 * step);
    for (size_t k = 1; k <= 10; ++k) {
        REQUIRE(w.store.undo(w.ctx()).ok());
        CHECK(same_content(states[states.size() - 1 - k], w.store.workspace()));
    }
    CHECK_FALSE(w.store.can_undo());
    // Redo steps are larger (they hold their lines): the budget may have dropped the oldest
    // ones, whatever is left redoes in order.
    size_t k = 0;
    while (w.store.can_redo()) {
        REQUIRE(w.store.redo(w.ctx()).ok());
        ++k;
        CHECK(same_content(states[states.size() - 11 + k], w.store.workspace()));
    }
    CHECK(k > 0);
    CHECK(w.store.undo_bytes() <= 10 * step);
}

TEST_CASE("a step whose history lines were not drawn one after the other stays in the general form") {
    // The compact form keeps the first line's id and derives the others (IdGenerator::after).
    IdGenerator ids(3);
    const Id deal = ids.next(), first = ids.next(), second = ids.next();
    auto images_with = [&](Id line2) {
        Images im;
        im.order.push_back(Touched{RecordKind::DealChange, true, false, first});
        im.order.push_back(Touched{RecordKind::DealChange, true, false, line2});
        im.order.push_back(Touched{RecordKind::Deal, false, false, deal});
        DealPlacement p;
        p.meta.id = deal;
        im.placements.push_back(p);
        return im;
    };
    Images in_a_row = images_with(second), apart = images_with(ids.next());
    MoveStep step;
    REQUIRE(compact_move(in_a_row, step));
    CHECK(step.first_line == first);
    CHECK(step.line_count == 2);
    MoveStep other;
    CHECK_FALSE(compact_move(apart, other));
    CHECK(apart.order.size() == 3);   // left as it was
}

TEST_CASE("random moves, status changes, edits, undos and redos: the compact and general forms agree") {
    // World b turns most compact steps into the general form just before restoring them (on
    // either stack; those it keeps give it compact steps on the other).
    World a, b;
    std::vector<Id> deals;
    for (int i = 0; i < 6; ++i) {
        deals.push_back(a.deal("D" + std::to_string(i), i % 2 ? a.lead : a.proposal));
        b.deal("D" + std::to_string(i), i % 2 ? b.lead : b.proposal);
    }
    const Id stages[] = {a.lead, a.proposal, a.negotiation, a.won, a.lost};
    std::mt19937 rng(20261207);
    auto pick = [&](size_t n) { return size_t(rng() % n); };
    size_t compact_restores = 0;
    for (int round = 0; round < 1500; ++round) {
        const size_t what = pick(10);
        if (what < 2 && a.store.can_undo()) {
            compact_restores += compact_top(a, false);
            if (pick(3)) generalize(StoreAccess::indexes(b.store), top_of(b, false));
            check_same(a, b, a.store.undo(a.ctx()), b.store.undo(b.ctx()));
            continue;
        }
        if (what < 4 && a.store.can_redo()) {
            compact_restores += compact_top(a, true);
            if (pick(3)) generalize(StoreAccess::indexes(b.store), top_of(b, true));
            check_same(a, b, a.store.redo(a.ctx()), b.store.redo(b.ctx()));
            continue;
        }
        const Id deal = deals[pick(deals.size())];
        Command c;
        if (what < 7) {
            const Id to = stages[pick(5)];
            const bool reason = to == a.lost && pick(2);
            c = MoveDeal{deal, to, kNoId, reason ? a.too_expensive : kNoId, reason && pick(2) ? "too dear" : ""};
        } else if (what < 9) {
            const DealStatus s = DealStatus(pick(4));
            c = SetDealStatus{deal, s, s == DealStatus::Lost && pick(2) ? a.too_expensive : kNoId, "", kNoId};
        } else {
            DealPatch patch;
            patch.description = "edit " + std::to_string(round);
            c = UpdateDeal{deal, patch};
        }
        Result<Applied> ra = a.store.apply(c, a.ctx()), rb = b.store.apply(c, b.ctx());
        REQUIRE(ra.ok() == rb.ok());
        if (ra.ok()) check_same(a, b, ra, rb);
    }
    CHECK(compact_restores > 100);
}

TEST_CASE("undoing and redoing a compact move asks for data rights, as the move did") {
    World w;
    const Deals d = add_deals(w);
    w.ok(MoveDeal{d.a, w.proposal}, w.manager);
    REQUIRE(compact_top(w, false));
    CHECK_FALSE(w.store.undo(w.ctx(w.viewer)).ok());
    CHECK(w.get(d.a).stage == w.proposal);
    REQUIRE(w.store.undo(w.ctx(w.manager)).ok());
    CHECK(w.get(d.a).stage == w.lead);
    REQUIRE(compact_top(w, true));
    CHECK_FALSE(w.store.redo(w.ctx(w.viewer)).ok());
    REQUIRE(w.store.redo(w.ctx(w.admin)).ok());
    CHECK(w.get(d.a).stage == w.proposal);
}
