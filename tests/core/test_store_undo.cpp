// Undo/redo of every command kind, labels, change sets, the memory budget, and Store::load.
#include "test_store_fixture.h"

using namespace dd;
using namespace dd::test;

TEST_CASE("every command kind undoes to the prior content and redoes to the after content") {
    World w;
    Id a = w.deal("Acme renewal", w.lead);
    Id b = w.deal("Beta", w.proposal, 5000, {w.alice, w.bob});
    Note note{{w.ids.next()}, a, kNoId, "hello", kNoId};
    w.ok(AddNote{note});
    Activity act;
    act.meta.id = w.ids.next();
    act.subject = "Call";
    act.deal = a;
    w.ok(CreateActivity{act});
    Currency eur;
    parse_currency("EUR", eur);
    DealPatch patch;
    patch.value = 777;
    patch.commit = true;
    ContactPatch cpatch;
    cpatch.name = "Alice S.";
    CompanyPatch copatch;
    copatch.domain = "acme.example";
    ActivityPatch apatch;
    apatch.done = true;
    TeamMemberPatch tpatch;
    tpatch.role = Role::Admin;
    CustomFieldPatch fpatch;
    fpatch.name = "Level";
    CustomFieldDef text_field;
    text_field.meta.id = w.ids.next();
    text_field.name = "Notes";

    std::vector<Command> commands = {
        CreatePipeline{w.ids.next(), "Second", {Stage{w.ids.next(), "One", 10, 0, 0, StageKind::Open}}, w.ids.next(), w.ids.next()},
        RenamePipeline{w.pipeline, "Renamed"},
        AddStage{w.pipeline, Stage{w.ids.next(), "Extra", 40, 0, 0, StageKind::Open}, 0},
        UpdateStage{w.lead, std::string("First touch"), uint8_t(20), uint32_t(0xff0000), 3},
        MoveStage{w.negotiation, 0},
        DeleteStage{w.proposal, w.lead},
        UpdateDeal{a, patch},
        BulkUpdateDeals{{a, b}, patch},
        MoveDeal{a, w.won},
        MoveDeal{b, w.lead, a},
        BulkMoveDeals{{a, b}, w.negotiation},
        SetDealStatus{a, DealStatus::Lost, w.too_expensive, "x"},
        DeleteDeals{{a}},
        DuplicateDeal{a, w.ids.next()},
        UpdateContact{w.alice, cpatch},
        DeleteContact{w.alice},
        UpdateCompany{w.acme, copatch},
        DeleteCompany{w.acme},
        UpdateActivity{act.meta.id, apatch},
        DeleteActivity{act.meta.id},
        UpdateNote{note.meta.id, "bye"},
        DeleteNote{note.meta.id},
        UpdateTeamMember{w.manager, tpatch},
        RemoveTeamMember{w.manager, w.admin},
        SetCurrentUser{w.admin},
        AddCustomField{text_field},
        UpdateCustomField{w.tier_field, fpatch},
        RemoveCustomField{w.tier_field},
        AddLostReason{LostReason{{w.ids.next()}, "Timing", 0}},
        UpdateLostReason{w.too_expensive, std::string("Price"), std::nullopt},
        RemoveLostReason{w.too_expensive},
        SetExchangeRate{eur, 1'100'000},
        RenameWorkspace{"Team space"},
        SetLocale{"de-DE"},
    };
    for (size_t i = 0; i < commands.size(); ++i) {
        CAPTURE(i);
        const Workspace before = w.store.workspace();
        auto r = w.store.apply(commands[i], w.ctx());
        if (!r.ok()) FAIL(r.error().text());
        const Workspace after = w.store.workspace();
        CHECK(w.store.undo_label() == r.value().label);
        auto u = w.store.undo(w.ctx());
        REQUIRE(u.ok());
        CHECK(u.value().label == "Undid: " + r.value().label);
        CHECK(same_content(before, w.store.workspace()));
        CHECK(w.store.redo_label() == r.value().label);
        REQUIRE(w.store.redo(w.ctx()).ok());
        CHECK(same_content(after, w.store.workspace()));
        REQUIRE(w.store.undo(w.ctx()).ok());   // leave the world as it was for the next command
        CHECK(w.store.can_redo());
    }
}

TEST_CASE("undo and redo report what changed; a new command clears redo") {
    World w;
    Id a = w.deal("A");
    CHECK_FALSE(w.store.redo(w.ctx()).ok());
    auto moved = w.ok(MoveDeal{a, w.proposal});
    CHECK(moved.changes.upserted.size() == 2);   // the deal and its history line
    auto u = w.store.undo(w.ctx());
    REQUIRE(u.ok());
    bool deal_upserted = false, change_removed = false;
    for (auto& r : u.value().changes.upserted) deal_upserted |= r.kind == RecordKind::Deal && r.id == a;
    for (auto& t : u.value().changes.removed) change_removed |= t.kind == RecordKind::DealChange;
    CHECK(deal_upserted);
    CHECK(change_removed);
    CHECK(w.get(a).stage == w.lead);
    CHECK(w.get(a).meta.revision == 3);   // undo is a newer revision, not a rewind (sync sees it)
    CHECK(w.store.can_redo());
    w.ok(MoveDeal{a, w.negotiation});
    CHECK_FALSE(w.store.can_redo());
    CHECK(w.store.redo_label().empty());
}

TEST_CASE("the undo history is bounded by estimated bytes, dropping the oldest steps") {
    World w;
    Id a = w.deal("A");
    w.store.set_undo_budget(20'000);
    for (int i = 0; i < 200; ++i) w.ok(MoveDeal{a, i % 2 ? w.lead : w.proposal});
    CHECK(w.store.undo_bytes() <= 20'000);
    const size_t depth = w.store.undo_depth();
    CHECK(depth > 5);
    CHECK(depth < 200);
    for (size_t i = 0; i < depth; ++i) REQUIRE(w.store.undo(w.ctx()).ok());
    CHECK_FALSE(w.store.can_undo());
    CHECK(w.store.find_deal(a) != nullptr);   // the create step was dropped, not undone
}

TEST_CASE("load builds the indexes and refuses a broken workspace untouched") {
    World w;
    Id a = w.deal("A", w.proposal, 1000);
    w.deal("B", w.proposal, 2000);
    Workspace copy = w.store.workspace();
    Store fresh;
    REQUIRE(fresh.load(copy).ok());
    CHECK(fresh.lane_size(w.proposal) == 2);
    CHECK(fresh.lane_at(w.proposal, 0).meta.id == a);
    CHECK(fresh.lane_totals(w.proposal).total == 3000);
    CHECK(fresh.deals_of_contact(w.alice).size() == 2);
    CHECK(fresh.history_of(a).size() == 1);
    CHECK_FALSE(fresh.can_undo());

    Workspace broken = copy;
    broken.deals[0].stage = w.ids.next();
    Status s = fresh.load(broken);
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().field == "deals[0].stage");
    CHECK(identical(fresh.workspace(), copy));
    broken = copy;
    broken.deals[1].status = DealStatus::Won;
    CHECK(fresh.load(broken).error().field == "deals[1].status");
    broken = copy;
    std::swap(broken.pipelines[0].stages[3], broken.pipelines[0].stages[4]);
    CHECK(fresh.load(broken).error().field == "pipelines[0].stages[3].kind");
    broken = copy;
    broken.contacts.push_back(broken.contacts[0]);
    CHECK(fresh.load(broken).error().field == "contacts[" + std::to_string(copy.contacts.size()) + "].id");
    CHECK(fresh.load(broken).error().message.find("duplicate id") != std::string::npos);
    broken = copy;
    parse_currency("CHF", broken.deals[0].currency);
    CHECK(fresh.load(broken).error().field == "deals[0].currency");
}
