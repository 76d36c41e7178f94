// Deal commands: create, edit, bulk edit, delete (with cascades), duplicate; refusals leave the store untouched.
#include "test_store_fixture.h"

using namespace dd;
using namespace dd::test;

TEST_CASE("creating a deal puts it at the end of its lane with history and totals") {
    World w;
    Id a = w.deal("Acme renewal", w.lead, 250000);
    Id b = w.deal("Beta pilot", w.lead, 100000);
    CHECK(w.lane_titles(w.lead) == std::vector<std::string>{"Acme renewal", "Beta pilot"});
    const Deal& d = w.get(a);
    CHECK(d.pipeline == w.pipeline);
    CHECK(d.status == DealStatus::Open);
    CHECK(d.meta.revision == 1);
    CHECK(d.last_activity_at == d.meta.created_at);
    CHECK(w.get(b).rank > d.rank);
    LaneTotals t = w.store.lane_totals(w.lead, DealStatus::Open);
    CHECK(t.count == 2);
    CHECK(t.total == 350000);
    CHECK(t.weighted() == 35000);   // 10 %
    auto h = w.store.history_of(a);
    REQUIRE(h.size() == 1);
    CHECK(h[0]->kind == ChangeKind::Created);
    CHECK(w.store.deals_of_owner(w.manager).size() == 2);
    CHECK(w.store.deals_of_company(w.acme).size() == 2);
    CHECK(w.store.deal_count_of_contact(w.alice) == 2);
}

TEST_CASE("create deal with an inline new contact and company, one undo step") {
    World w;
    Deal d = w.draft("Gamma", w.proposal);
    d.contacts.clear();
    d.company = kNoId;
    Contact c;
    c.meta.id = w.ids.next();
    c.name = "Dan New";
    Company co;
    co.meta.id = w.ids.next();
    co.name = "Newco";
    auto applied = w.ok(CreateDeal{d, c, co});
    CHECK(applied.label == "Added deal Gamma");
    CHECK(applied.changes.upserted.size() == 4);   // company, contact, history line, deal
    const Deal& made = w.get(d.meta.id);
    CHECK(made.contacts == std::vector<Id>{c.meta.id});
    CHECK(made.company == co.meta.id);
    CHECK(w.store.find_contact(c.meta.id)->company == co.meta.id);
    REQUIRE(w.store.undo(w.ctx()).ok());
    CHECK(w.store.find_deal(d.meta.id) == nullptr);
    CHECK(w.store.find_contact(c.meta.id) == nullptr);
    CHECK(w.store.find_company(co.meta.id) == nullptr);
}

TEST_CASE("create deal refusals name the field") {
    World w;
    Id first = w.deal("First");
    Deal d = w.draft("  ", w.lead);
    CHECK(w.refused(CreateDeal{d, {}, {}}).field == "title");
    d = w.draft("X", w.lead);
    d.contacts.clear();
    CHECK(w.refused(CreateDeal{d, {}, {}}).field == "contacts");
    d = w.draft("X", w.ids.next());
    CHECK(w.refused(CreateDeal{d, {}, {}}).field == "stage");
    d = w.draft("X", w.lead, -5);
    CHECK(w.refused(CreateDeal{d, {}, {}}).field == "value");
    d = w.draft("X", w.lead);
    d.currency.code = {{'E', 'U', 'R'}};
    Error e = w.refused(CreateDeal{d, {}, {}});
    CHECK(e.field == "currency");
    CHECK(e.message.find("no exchange rate") != std::string::npos);
    d = w.draft("X", w.lead);
    d.meta.id = first;
    CHECK(w.refused(CreateDeal{d, {}, {}}).field == "id");
    d = w.draft("X", w.lead);
    d.custom.push_back(CustomValue{w.tier_field, "Bronze", 0});
    CHECK(w.refused(CreateDeal{d, {}, {}}).field == "custom[0]");
    d = w.draft("X", w.lead);
    d.owner = w.ids.next();
    CHECK(w.refused(CreateDeal{d, {}, {}}).field == "owner");
    d = w.draft("X", w.lead);
    d.probability_override = 101;
    CHECK(w.refused(CreateDeal{d, {}, {}}).field == "probability_override");
}

TEST_CASE("external references are unique across the workspace") {
    World w;
    Deal d = w.draft("One", w.lead);
    d.external_ref = "CRM-1";
    w.ok(CreateDeal{d, {}, {}});
    CHECK(w.store.find_deal_by_ref("CRM-1")->meta.id == d.meta.id);
    Deal e = w.draft("Two", w.lead);
    e.external_ref = "CRM-1";
    Error err = w.refused(CreateDeal{e, {}, {}});
    CHECK(err.field == "external_ref");
    CHECK(err.message.find("One") != std::string::npos);
    Id two = w.deal("Two");
    DealPatch p;
    p.external_ref = "CRM-1";
    CHECK(w.refused(UpdateDeal{two, p}).field == "external_ref");
    p.external_ref = "CRM-2";
    w.ok(UpdateDeal{two, p});
    CHECK(w.store.find_deal_by_ref("CRM-2")->meta.id == two);
    BulkUpdateDeals bulk{{d.meta.id, two}, {}};
    bulk.patch.external_ref = "CRM-9";
    CHECK(w.refused(bulk).field == "external_ref");
}

TEST_CASE("editing a deal records one history line per changed field") {
    World w;
    Id a = w.deal("Acme renewal", w.lead, 100000);
    DealPatch p;
    p.title = "Acme renewal 2026";
    p.value = 120050;
    p.owner = w.admin;
    p.set_custom.push_back(CustomValue{w.tier_field, "Gold", 0});
    auto applied = w.ok(UpdateDeal{a, p});
    CHECK(applied.label == "Edited Acme renewal 2026");
    const Deal& d = w.get(a);
    CHECK(d.meta.revision == 2);
    CHECK(w.store.lane_totals(w.lead).total == 120050);
    auto h = w.store.history_of(a);
    REQUIRE(h.size() == 5);   // 4 field lines + created
    bool saw_value = false;
    for (auto* c : h) {
        if (c->field == "value") {
            saw_value = true;
            CHECK(c->old_value == "1,000.00 USD");
            CHECK(c->new_value == "1,200.50 USD");
            CHECK(c->actor == w.admin);
        }
    }
    CHECK(saw_value);
    CHECK(w.store.deals_of_owner(w.admin) == std::vector<Id>{a});
    CHECK(w.store.deals_of_owner(w.manager).empty());
    DealPatch bad;
    bad.title = "";
    CHECK(w.refused(UpdateDeal{a, bad}).field == "title");
    CHECK(w.refused(UpdateDeal{w.ids.next(), p}).field == "deal");
}

TEST_CASE("bulk edit is one undo step") {
    World w;
    Id a = w.deal("A"), b = w.deal("B"), c = w.deal("C");
    const Workspace before = w.store.workspace();
    DealPatch p;
    p.owner = w.admin;
    p.commit = true;
    auto applied = w.ok(BulkUpdateDeals{{a, b, c}, p});
    CHECK(applied.label == "Edited 3 deals");
    CHECK(w.store.deals_of_owner(w.admin).size() == 3);
    REQUIRE(w.store.undo(w.ctx()).ok());
    CHECK(same_content(before, w.store.workspace()));
    CHECK(w.store.deals_of_owner(w.manager).size() == 3);
    CHECK(w.refused(BulkUpdateDeals{{a, a}, p}).field == "deals");
    CHECK(w.refused(BulkUpdateDeals{{}, p}).field == "deals");
}

TEST_CASE("deleting deals removes their notes, activities and history; undo brings all back") {
    World w;
    Id a = w.deal("A"), b = w.deal("B");
    Note deal_note{{w.ids.next()}, a, kNoId, "call back", kNoId};
    Note shared_note{{w.ids.next()}, a, w.alice, "met Alice", kNoId};
    w.ok(AddNote{deal_note});
    w.ok(AddNote{shared_note});
    Activity act;
    act.meta.id = w.ids.next();
    act.subject = "Demo";
    act.deal = a;
    w.ok(CreateActivity{act});
    const Workspace before = w.store.workspace();
    auto applied = w.ok(DeleteDeals{{a, b}});
    CHECK(applied.label == "Deleted 2 deals");
    CHECK(w.store.find_deal(a) == nullptr);
    CHECK(w.store.find_note(deal_note.meta.id) == nullptr);
    CHECK(w.store.find_note(shared_note.meta.id)->deal == kNoId);   // kept on the contact
    CHECK(w.store.find_activity(act.meta.id) == nullptr);
    CHECK(w.store.history_of(a).empty());
    CHECK(w.store.lane_size(w.lead) == 0);
    CHECK(w.store.lane_totals(w.lead).count == 0);
    bool tomb = false;
    for (const Tombstone& t : applied.changes.removed) tomb |= t.id == a && t.kind == RecordKind::Deal;
    CHECK(tomb);
    REQUIRE(w.store.undo(w.ctx()).ok());
    CHECK(same_content(before, w.store.workspace()));
    CHECK(w.lane_titles(w.lead) == std::vector<std::string>{"A", "B"});
    CHECK(w.store.notes_of(a).size() == 2);
    CHECK(w.ok(DeleteDeals{{a}}).label == "Deleted deal A");
}

TEST_CASE("duplicating a deal places the copy right below it, open") {
    World w;
    Id a = w.deal("A"), b = w.deal("B");
    Id copy = w.ids.next();
    CHECK(w.ok(DuplicateDeal{a, copy}).label == "Duplicated A");
    CHECK(w.lane_titles(w.lead) == std::vector<std::string>{"A", "A (copy)", "B"});
    CHECK(w.get(copy).contacts == w.get(a).contacts);
    w.ok(MoveDeal{b, w.won});
    Id copy2 = w.ids.next();
    w.ok(DuplicateDeal{b, copy2});
    CHECK(w.get(copy2).status == DealStatus::Open);
    CHECK(w.get(copy2).stage == w.negotiation);   // the last open stage
    CHECK(w.refused(DuplicateDeal{a, copy}).field == "new_id");
}
