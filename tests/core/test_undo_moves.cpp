// Undo/redo of stage moves and status changes, which keep only the deal's placement (stage,
// rank, status, close fields) as their undo image: every case must still undo to exactly the
// prior content and redo to exactly the after content, with the history lines of the move.
#include "core/store_undo.h"
#include "test_store_fixture.h"

using namespace dd;
using namespace dd::test;

namespace {

// Applies `c`, then checks undo -> before, redo -> after, and undoes again (the world is as it
// was). Returns what the command applied.
Applied round_trip(World& w, const Command& c) {
    const Workspace before = w.store.workspace();
    auto r = w.store.apply(c, w.ctx());
    if (!r.ok()) FAIL(r.error().text());
    const Workspace after = w.store.workspace();
    REQUIRE(w.store.undo(w.ctx()).ok());
    CHECK(same_content(before, w.store.workspace()));
    REQUIRE(w.store.redo(w.ctx()).ok());
    CHECK(same_content(after, w.store.workspace()));
    REQUIRE(w.store.undo(w.ctx()).ok());
    CHECK(same_content(before, w.store.workspace()));
    return r.value();
}

}  // namespace

TEST_CASE("stage moves and status changes undo and redo exactly, whatever fields the move sets") {
    World w;
    Id a = w.deal("Acme renewal", w.lead, 120000);
    Id b = w.deal("Beta", w.proposal, 5000, {w.alice, w.bob});
    // Fields a move never changes, set so that a lost or stale copy would show.
    DealPatch patch;
    patch.description = std::string("A long description that lives on the heap, not in the record");
    patch.external_ref = std::string("CRM-000042");
    patch.source = std::string("referral");
    patch.set_custom = {CustomValue{w.tier_field, "Gold", 0}};
    patch.expected_close = day_from_civil(2026, 1, 31);
    w.ok(UpdateDeal{a, patch});

    SUBCASE("open to open") { round_trip(w, MoveDeal{a, w.proposal}); }
    SUBCASE("reorder within the lane") { round_trip(w, MoveDeal{a, w.proposal, b}); }
    SUBCASE("to won: status, closed at/by, close date") { round_trip(w, MoveDeal{a, w.won}); }
    SUBCASE("to lost with a reason and a text") { round_trip(w, MoveDeal{a, w.lost, kNoId, w.too_expensive, "Chose a cheaper tool"}); }
    SUBCASE("won to lost, lost to open (reopen clears the close fields)") {
        w.ok(MoveDeal{a, w.won});
        round_trip(w, MoveDeal{a, w.lost, kNoId, w.too_expensive, "late"});
        w.ok(MoveDeal{a, w.lost, kNoId, w.too_expensive, "late"});
        round_trip(w, MoveDeal{a, w.negotiation});
        w.ok(MoveDeal{a, w.lost, kNoId, w.too_expensive, "late"});
        w.ok(MoveDeal{b, w.lost});
        round_trip(w, MoveDeal{a, w.lost, b});   // reorder inside Lost keeps the reason and text
        CHECK(w.get(a).lost_reason_text == "late");
    }
    SUBCASE("set status: won, lost, abandoned, reopened") {
        round_trip(w, SetDealStatus{a, DealStatus::Won, kNoId, "", kNoId});
        round_trip(w, SetDealStatus{a, DealStatus::Lost, w.too_expensive, "budget", kNoId});
        round_trip(w, SetDealStatus{a, DealStatus::Abandoned, kNoId, "", kNoId});
        w.ok(SetDealStatus{a, DealStatus::Won, kNoId, "", kNoId});
        round_trip(w, SetDealStatus{a, DealStatus::Open, kNoId, "", w.negotiation});
    }
    SUBCASE("into another pipeline") {
        const Id other = w.ids.next(), one = w.ids.next();
        w.ok(CreatePipeline{other, "Partners", {Stage{one, "Intro", 30, 0, 0, StageKind::Open}}, w.ids.next(), w.ids.next()});
        const Applied moved = round_trip(w, MoveDeal{a, one});
        CHECK(moved.label == "Moved Acme renewal to Intro");
    }
    SUBCASE("bulk move: one step") { round_trip(w, BulkMoveDeals{{a, b}, w.negotiation}); }
    SUBCASE("bulk move of many deals (past the transaction's linear scan of touched records)") {
        std::vector<Id> many{a, b};
        for (int i = 0; i < 40; ++i) many.push_back(w.deal("M" + std::to_string(i), i % 2 ? w.won : w.lead));
        const Applied moved = round_trip(w, BulkMoveDeals{many, w.lost});
        CHECK(moved.changes.upserted.size() > many.size());   // every deal and its history lines
    }
}

TEST_CASE("a move records the same history lines as before, and undo takes them back") {
    World w;
    Id a = w.deal("Acme renewal", w.proposal);
    w.ok(MoveDeal{a, w.lost, kNoId, w.too_expensive, "too slow"});
    const size_t lines_before = w.store.history_of(a).size();
    const Deal before = w.get(a);
    w.ok(MoveDeal{a, w.lead});   // reopen: stage, status, close date, reason and its text
    auto h = w.store.history_of(a);
    REQUIRE(h.size() == lines_before + 5);
    std::vector<std::string> fields;
    for (size_t i = 0; i < 5; ++i) fields.push_back(h[4 - i]->field);   // oldest of the five first
    CHECK(fields == std::vector<std::string>{"stage", "status", "close_date", "lost_reason", "lost_reason_text"});
    CHECK(h[4]->old_value == "Lost");
    CHECK(h[4]->new_value == "Lead");
    CHECK(h[2]->old_value == day_to_string(before.close_date));
    CHECK(h[2]->new_value == "");
    CHECK(h[1]->old_value == "Too expensive");
    CHECK(h[0]->old_value == "too slow");
    for (const DealChange* c : h) CHECK(c->actor == w.admin);
    auto u = w.store.undo(w.ctx());
    REQUIRE(u.ok());
    CHECK(w.store.history_of(a).size() == lines_before);
    size_t removed_lines = 0;
    for (const Tombstone& t : u.value().changes.removed) removed_lines += t.kind == RecordKind::DealChange;
    CHECK(removed_lines == 5);
    CHECK(w.get(a).lost_reason_text == "too slow");
    CHECK(w.get(a).meta.revision == before.meta.revision + 2);   // the move, then the undo
}

namespace {
std::vector<Id> line_ids(const Workspace& ws) {   // ws.history's lines in vector order
    std::vector<Id> out;
    for (const DealChange& c : ws.history) out.push_back(c.meta.id);
    return out;
}
std::vector<Id> chain_ids(const Store& s, Id deal) {   // history_of: newest first
    std::vector<Id> out;
    for (const DealChange* c : s.history_of(deal)) out.push_back(c->meta.id);
    return out;
}
}  // namespace

// Undo erases a step's created lines newest first (each is then the last line of ws.history and
// the head of its deal's chain: nothing moves, nothing is relinked), and keeps their redo images
// in the order the command created them, so a redo appends them in that order again.
TEST_CASE("undo and redo of a move with several history lines keep the lines' order exactly") {
    World w;
    Id a = w.deal("Acme renewal", w.proposal);
    Id b = w.deal("Beta", w.lead);
    w.ok(MoveDeal{a, w.lost, kNoId, w.too_expensive, "too slow"});
    w.ok(MoveDeal{b, w.negotiation});
    const std::vector<Id> lines_before = line_ids(w.store.workspace());
    const std::vector<Id> chain_before = chain_ids(w.store, a);
    w.ok(MoveDeal{a, w.lead});   // reopen: five lines (stage, status, close date, reason, its text)
    const std::vector<Id> lines_after = line_ids(w.store.workspace());
    const std::vector<Id> chain_after = chain_ids(w.store, a);
    REQUIRE(lines_after.size() == lines_before.size() + 5);
    for (int round = 0; round < 2; ++round) {
        REQUIRE(w.store.undo(w.ctx()).ok());
        CHECK(line_ids(w.store.workspace()) == lines_before);
        CHECK(chain_ids(w.store, a) == chain_before);
        REQUIRE(w.store.redo(w.ctx()).ok());
        CHECK(line_ids(w.store.workspace()) == lines_after);
        CHECK(chain_ids(w.store, a) == chain_after);
    }
    // The older move's lines are untouched by all of it, and undo as before.
    REQUIRE(w.store.undo(w.ctx()).ok());
    REQUIRE(w.store.undo(w.ctx()).ok());
    CHECK(w.get(b).stage == w.lead);
    CHECK(chain_ids(w.store, a) == chain_before);
}

TEST_CASE("undo of moves that respaced a window puts every neighbour's rank back") {
    World w;
    std::vector<Id> ids;
    for (int i = 0; i < 30; ++i) ids.push_back(w.deal("D" + std::to_string(i)));
    std::vector<Id> fresh;
    for (int k = 0; k < 25; ++k) fresh.push_back(w.deal("N" + std::to_string(k), w.proposal));
    std::vector<Workspace> states{w.store.workspace()};
    std::vector<std::vector<std::string>> lanes{w.lane_titles(w.lead)};
    bool respaced = false;
    for (int k = 0; k < 25; ++k) {   // more moves into one gap than its 2^20 ranks allow: respacing
        respaced |= w.ok(MoveDeal{fresh[size_t(k)], w.lead, ids[10]}).changes.upserted.size() > 2;
        states.push_back(w.store.workspace());
        lanes.push_back(w.lane_titles(w.lead));
    }
    REQUIRE(respaced);
    for (size_t k = states.size() - 1; k > 0; --k) {
        REQUIRE(w.store.undo(w.ctx()).ok());
        CHECK(same_content(states[k - 1], w.store.workspace()));
        CHECK(w.lane_titles(w.lead) == lanes[k - 1]);
    }
    for (size_t k = 1; k < states.size(); ++k) {
        REQUIRE(w.store.redo(w.ctx()).ok());
        CHECK(same_content(states[k], w.store.workspace()));
        CHECK(w.lane_titles(w.lead) == lanes[k]);
    }
}

TEST_CASE("the undo step of a move keeps the placement, not a copy of the whole deal") {
    World w;
    Id a = w.deal("A deal whose title is long enough to live on the heap");
    w.store.set_undo_budget(size_t(1) << 30);
    const size_t bytes = w.store.undo_bytes();
    const size_t steps = w.store.undo_depth();
    const size_t label1 = w.ok(MoveDeal{a, w.proposal}).label.size();
    const size_t label2 = w.ok(MoveDeal{a, w.negotiation}).label.size();
    REQUIRE(w.store.undo_depth() == steps + 2);
    // Two steps, each: the step, its touched records, the placement, one created line and its
    // label (which names the deal: heap-allocated, rounded up by the string's growth policy).
    // A copy of the whole deal would add sizeof(Deal) and the title's heap block to each step.
    const size_t labels = label1 + label2 + 2 * 32;
    CHECK(w.store.undo_bytes() - bytes <
          2 * (sizeof(UndoStep) + 4 * sizeof(Touched) + sizeof(DealPlacement)) + labels + 64);
    CHECK(w.store.undo_bytes() - bytes < 2 * (sizeof(UndoStep) + sizeof(Deal)) + labels);
}

// A deal first touched as a placement and then put whole or erased in the same transaction (no
// command does this today; the transaction must still keep the true prior deal).
TEST_CASE("a placement followed by a whole put or an erase in one transaction restores the prior deal") {
    World w;
    Id a = w.deal("Acme renewal", w.lead, 7000);
    StoreIndexes probe(1);   // the store's indexes are private; rebuild an equal copy to drive a Tx
    probe.ws = w.store.workspace();
    probe.rebuild();
    const Workspace before = probe.ws;
    auto moved = [&](Id stage) {
        DealPlacement p = placement_of(*probe.deal(a));
        p.stage = stage;
        p.rank += 5;
        p.meta.revision += 1;
        return p;
    };
    SUBCASE("then a whole put") {
        Tx tx(probe, w.now);
        tx.put_placement(moved(w.proposal));
        Deal d = *probe.deal(a);
        d.title = "Renamed";
        d.value = 9000;
        d.stage = w.negotiation;
        tx.put(d);
        CHECK(probe.deal(a)->title == "Renamed");
        restore(probe, tx.take(), w.now);
        CHECK(same_content(before, probe.ws));
        CHECK(probe.lane(w.lead)->order.size() == 1);
        CHECK(probe.lane(w.negotiation)->order.size() == 0);
    }
    SUBCASE("then an erase") {
        Tx tx(probe, w.now);
        tx.put_placement(moved(w.won));
        tx.erase(RecordKind::Deal, a);
        CHECK(probe.deal(a) == nullptr);
        restore(probe, tx.take(), w.now);
        CHECK(same_content(before, probe.ws));
        REQUIRE(probe.deal(a) != nullptr);
        CHECK(probe.lane(w.lead)->totals[size_t(DealStatus::Open)].total == 7000);
    }
}

// The history lines live in chunks (ChunkedVector, 512 lines each): moves that append lines past
// a chunk boundary, then undo all and redo all, must restore exactly each state on the way.
TEST_CASE("undo and redo stay exact while the history grows across its chunks") {
    World w;
    std::vector<Id> deals;
    for (int i = 0; i < 6; ++i) deals.push_back(w.deal("Deal " + std::to_string(i)));
    const size_t lines_at_start = w.store.workspace().history.size();
    const Id stages[] = {w.proposal, w.negotiation, w.won, w.lead, w.lost};
    std::vector<Workspace> before;   // the workspace before moves 0, 25, 50, ...
    for (int k = 0; k < 300; ++k) {
        if (k % 25 == 0) before.push_back(w.store.workspace());
        w.ok(MoveDeal{deals[size_t(k % 6)], stages[size_t(k / 6) % 5]});
    }
    const Workspace after = w.store.workspace();
    const size_t lines_of_first = w.store.history_of(deals[0]).size();
    REQUIRE(after.history.size() > lines_at_start + 512);   // crossed at least one chunk boundary
    for (int k = 299; k >= 0; --k) {
        REQUIRE(w.store.undo(w.ctx()).ok());
        if (k % 25 == 0) CHECK(same_content(before[size_t(k / 25)], w.store.workspace()));
    }
    CHECK(w.store.workspace().history.size() == lines_at_start);
    for (int k = 0; k < 300; ++k) REQUIRE(w.store.redo(w.ctx()).ok());
    CHECK(same_content(after, w.store.workspace()));
    CHECK(w.store.history_of(deals[0]).size() == lines_of_first);
}

namespace {
bool lists(const std::vector<RecordRef>& refs, RecordKind kind, Id id) {
    for (const RecordRef& r : refs)
        if (r.kind == kind && r.id == id) return true;
    return false;
}
bool lists(const std::vector<Tombstone>& tombs, RecordKind kind, Id id) {
    for (const Tombstone& t : tombs)
        if (t.kind == kind && t.id == id) return true;
    return false;
}
}  // namespace

TEST_CASE("change sets of a move, its undo and redo, and of a delete list every touched record as present or removed") {
    World w;
    Id a = w.deal("Acme renewal", w.proposal);
    Id b = w.deal("Beta pilot", w.proposal);
    // A move erases nothing: the deal and its new lines are all upserts, nothing removed.
    const Applied moved = w.ok(MoveDeal{a, w.lost, kNoId, w.too_expensive, "too slow"});
    auto lines = w.store.history_of(a);
    REQUIRE(lines.size() >= 3);
    CHECK(moved.changes.removed.empty());
    CHECK(lists(moved.changes.upserted, RecordKind::Deal, a));
    size_t new_lines = 0;
    for (const RecordRef& r : moved.changes.upserted) new_lines += r.kind == RecordKind::DealChange;
    CHECK(moved.changes.upserted.size() == new_lines + 1);
    for (size_t i = 0; i < new_lines; ++i) CHECK(lists(moved.changes.upserted, RecordKind::DealChange, lines[i]->meta.id));
    // Its undo erases those lines: removed, with tombstones; the deal is upserted.
    auto undone = w.store.undo(w.ctx());
    REQUIRE(undone.ok());
    CHECK(lists(undone.value().changes.upserted, RecordKind::Deal, a));
    CHECK(undone.value().changes.removed.size() == new_lines);
    for (size_t i = 0; i < new_lines; ++i) CHECK(lists(undone.value().changes.removed, RecordKind::DealChange, lines[i]->meta.id));
    // Redo brings them back: upserts again.
    auto redone = w.store.redo(w.ctx());
    REQUIRE(redone.ok());
    CHECK(redone.value().changes.removed.empty());
    CHECK(redone.value().changes.upserted.size() == new_lines + 1);
    for (size_t i = 0; i < new_lines; ++i) CHECK(lists(redone.value().changes.upserted, RecordKind::DealChange, lines[i]->meta.id));
    // A delete erases the deal and its lines: all removed, the other deal untouched.
    const Applied deleted = w.ok(DeleteDeals{{a}});
    CHECK(lists(deleted.changes.removed, RecordKind::Deal, a));
    for (size_t i = 0; i < new_lines; ++i) CHECK(lists(deleted.changes.removed, RecordKind::DealChange, lines[i]->meta.id));
    CHECK_FALSE(lists(deleted.changes.upserted, RecordKind::Deal, a));
    CHECK_FALSE(lists(deleted.changes.upserted, RecordKind::Deal, b));
    // And its undo puts them back: upserts.
    auto back = w.store.undo(w.ctx());
    REQUIRE(back.ok());
    CHECK(back.value().changes.removed.empty());
    CHECK(lists(back.value().changes.upserted, RecordKind::Deal, a));
    for (size_t i = 0; i < new_lines; ++i) CHECK(lists(back.value().changes.upserted, RecordKind::DealChange, lines[i]->meta.id));
}
