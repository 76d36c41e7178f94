// Contacts, companies, timeline, team, permissions and workspace settings.
#include "test_store_fixture.h"

using namespace dd;
using namespace dd::test;

TEST_CASE("deleting a contact deletes its only-contact deals and unlinks it from the others, one step") {
    World w;
    Id solo = w.deal("Solo", w.lead, 100000, {w.bob});
    Id shared = w.deal("Shared", w.lead, 100000, {w.alice, w.bob});
    Note bob_note{{w.ids.next()}, kNoId, w.bob, "likes golf", kNoId};
    w.ok(AddNote{bob_note});
    const Workspace before = w.store.workspace();
    auto applied = w.ok(DeleteContact{w.bob});
    CHECK(applied.label == "Deleted contact Bob Jones and 1 deal");
    CHECK(w.store.find_deal(solo) == nullptr);
    CHECK(w.get(shared).contacts == std::vector<Id>{w.alice});
    CHECK(w.store.find_note(bob_note.meta.id) == nullptr);
    CHECK(w.store.deals_of_contact(w.bob).empty());
    CHECK(w.store.lane_totals(w.lead).count == 1);
    REQUIRE(w.store.undo(w.ctx()).ok());
    CHECK(same_content(before, w.store.workspace()));
    CHECK(w.store.deal_count_of_contact(w.bob) == 2);
    REQUIRE(w.store.redo(w.ctx()).ok());
    CHECK(w.store.find_contact(w.bob) == nullptr);
}

TEST_CASE("contacts and companies: create, edit, refusals, company delete unlinks") {
    World w;
    Contact bad{{w.ids.next()}, "Eve", "not-an-email", "", kNoId};
    CHECK(w.refused(CreateContact{bad}).field == "email");
    Contact lost_company{{w.ids.next()}, "Eve", "", "", w.ids.next()};
    CHECK(w.refused(CreateContact{lost_company}).field == "company");
    ContactPatch cp;
    cp.phone = "+1 555";
    CHECK(w.ok(UpdateContact{w.alice, cp}).label == "Edited contact Alice Smith");
    CHECK(w.store.find_contact(w.alice)->phone == "+1 555");
    CompanyPatch co;
    co.employees = -1;
    CHECK(w.refused(UpdateCompany{w.acme, co}).field == "employees");
    Id d = w.deal("A");
    CHECK(w.store.contacts_of_company(w.acme).size() == 2);
    CHECK(w.ok(DeleteCompany{w.acme}).label == "Deleted company Acme");
    CHECK(w.get(d).company == kNoId);
    CHECK(w.store.find_contact(w.alice)->company == kNoId);
    CHECK(w.store.deals_of_company(w.acme).empty());
    REQUIRE(w.store.undo(w.ctx()).ok());
    CHECK(w.get(d).company == w.acme);
    CHECK(w.store.contacts_of_company(w.acme).size() == 2);
}

TEST_CASE("activities and notes refresh the deal's last activity") {
    World w;
    Id d = w.deal("A");
    Activity a;
    a.meta.id = w.ids.next();
    a.kind = ActivityKind::Call;
    a.subject = "Intro call";
    a.deal = d;
    a.due_at = w.now + 3600'000;
    CHECK(w.ok(CreateActivity{a}).label == "Added call Intro call");
    CHECK(w.get(d).last_activity_at == w.now);
    ActivityPatch done;
    done.done = true;
    CHECK(w.ok(UpdateActivity{a.meta.id, done}).label == "Completed Intro call");
    CHECK(w.store.find_activity(a.meta.id)->done_at == w.now);
    CHECK(w.get(d).last_activity_at == w.now);
    CHECK(w.store.activities_of(d).size() == 1);
    Activity orphan = a;
    orphan.meta.id = w.ids.next();
    orphan.deal = w.ids.next();
    CHECK(w.refused(CreateActivity{orphan}).field == "deal");
    Note n{{w.ids.next()}, kNoId, kNoId, "floating", kNoId};
    CHECK(w.refused(AddNote{n}).field == "deal");
    n.deal = d;
    w.ok(AddNote{n});
    CHECK(w.store.find_note(n.meta.id)->author == w.admin);
    CHECK(w.refused(UpdateNote{n.meta.id, ""}).field == "text");
    w.ok(UpdateNote{n.meta.id, "edited"});
    CHECK(w.store.notes_of(d)[0]->text == "edited");
    w.ok(DeleteNote{n.meta.id});
    w.ok(DeleteActivity{a.meta.id});
    CHECK(w.store.notes_of(d).empty());
    CHECK(w.store.activities_of(d).empty());
}

TEST_CASE("permissions: viewers are refused, settings need an admin, empty team allows anyone") {
    World w;
    Error e = w.refused(CreateDeal{w.draft("X", w.lead), {}, {}}, w.viewer);
    CHECK(e.field == "actor");
    CHECK(e.message.find("viewers") != std::string::npos);
    w.ok(CreateDeal{w.draft("Manager deal", w.lead), {}, {}}, w.manager);
    e = w.refused(RenameWorkspace{"Mine"}, w.manager);
    CHECK(e.message.find("only admins") != std::string::npos);
    CHECK(w.refused(RenameWorkspace{"Mine"}, w.ids.next()).message.find("choose who you are") != std::string::npos);
    w.ok(RenameWorkspace{"Mine"}, w.admin);
    w.ok(SetCurrentUser{w.viewer}, w.viewer);   // a device choice, allowed for anyone
    CHECK(w.store.current_user()->meta.id == w.viewer);
    // Undo follows the permission of the step.
    CHECK(w.store.undo(CommandContext{w.manager, w.now}).ok());                  // SetCurrentUser: anyone
    CHECK_FALSE(w.store.undo(CommandContext{w.manager, w.now}).ok());            // RenameWorkspace: admin only
    CHECK(w.store.undo(CommandContext{w.admin, w.now}).ok());

    World open(false);
    CHECK(open.store.apply(RenameWorkspace{"Fresh"}, CommandContext{kNoId, 1}).ok());
    CHECK(open.store.permission_of(kNoId) == Permission::Settings);
}

TEST_CASE("team: first member is an admin, the last admin stays, removal reassigns deals") {
    World w(false);
    Id m = w.ids.next();
    CHECK(w.refused(AddTeamMember{TeamMember{{m}, "Mo", "", Role::Manager}}).field == "role");
    w.ok(AddTeamMember{TeamMember{{m}, "Mo", "", Role::Admin}}, m);
    Id n = w.ids.next();
    w.ok(AddTeamMember{TeamMember{{n}, "Ned", "", Role::Manager}}, m);
    Deal d = w.draft("Owned", w.lead);
    d.owner = n;
    w.ok(CreateDeal{d, {}, {}}, m);
    TeamMemberPatch demote;
    demote.role = Role::Viewer;
    CHECK(w.refused(UpdateTeamMember{m, demote}, m).field == "role");
    CHECK(w.refused(RemoveTeamMember{m}, m).field == "member");
    w.ok(SetCurrentUser{n}, m);
    CHECK(w.ok(RemoveTeamMember{n, m}, m).label == "Removed team member Ned");
    CHECK(w.get(d.meta.id).owner == m);
    CHECK(w.store.settings().current_user == kNoId);
    REQUIRE(w.store.undo(CommandContext{m, w.now}).ok());
    CHECK(w.get(d.meta.id).owner == n);
    CHECK(w.store.settings().current_user == n);
}

TEST_CASE("team: a newcomer joins as a viewer on their own; more rights and other joins need an admin") {
    World w;
    const Id stranger = w.ids.next();   // nobody chose who uses this device yet
    const Id nina = w.ids.next();
    CHECK(w.refused(AddTeamMember{TeamMember{{nina}, "Nina", "", Role::Manager}}, stranger).field == "actor");
    CHECK(w.ok(AddTeamMember{TeamMember{{nina}, "Nina", "", Role::Viewer}}, stranger).label == "Added team member Nina");
    CHECK(w.ok(SetCurrentUser{nina}, stranger).label == "Switched to Nina");
    CHECK(w.store.current_user()->role == Role::Viewer);
    // A member who is not an admin adds nobody, not even a viewer; an admin does.
    const Id omar = w.ids.next();
    CHECK(w.refused(AddTeamMember{TeamMember{{omar}, "Omar", "", Role::Viewer}}, w.manager).field == "member");
    CHECK(w.refused(AddTeamMember{TeamMember{{omar}, "Omar", "", Role::Viewer}}, nina).field == "member");
    w.ok(AddTeamMember{TeamMember{{omar}, "Omar", "", Role::Viewer}}, w.admin);
}

TEST_CASE("patches: a blank name is refused in every Update command, other fields stay as they were") {
    World w;
    ContactPatch cp;
    cp.name = "  ";
    CHECK(w.refused(UpdateContact{w.alice, cp}).field == "name");
    CompanyPatch co;
    co.name = "";
    CHECK(w.refused(UpdateCompany{w.acme, co}).field == "name");
    TeamMemberPatch tp;
    tp.name = " ";
    CHECK(w.refused(UpdateTeamMember{w.manager, tp}).field == "name");
    tp.name = "  Maxine Manager ";
    w.ok(UpdateTeamMember{w.manager, tp});
    CHECK(w.store.find_member(w.manager)->name == "Maxine Manager");
    CHECK(w.store.find_member(w.manager)->role == Role::Manager);
    co.name = " Acme Corp";
    w.ok(UpdateCompany{w.acme, co});
    CHECK(w.store.find_company(w.acme)->name == "Acme Corp");
    CHECK(w.store.find_company(w.acme)->employees == 120);
}

TEST_CASE("activities: editing checks the links, a contact listed twice is refused, undo restores") {
    World w;
    Id d = w.deal("A");
    Activity a;
    a.meta.id = w.ids.next();
    a.subject = "Call back";
    a.deal = d;
    w.ok(CreateActivity{a});
    ActivityPatch p;
    p.contacts = std::vector<Id>{w.alice, w.alice};
    CHECK(w.refused(UpdateActivity{a.meta.id, p}).field == "contacts");
    p.contacts = std::vector<Id>{w.alice};
    p.kind = ActivityKind::Meeting;
    p.subject = " Site visit ";
    p.duration_min = 90;
    p.outcome = "Signed the pilot";
    CHECK(w.ok(UpdateActivity{a.meta.id, p}).label == "Edited Site visit");
    const Activity* e = w.store.find_activity(a.meta.id);
    CHECK(e->kind == ActivityKind::Meeting);
    CHECK(e->subject == "Site visit");
    CHECK(e->duration_min == 90);
    CHECK(e->contacts == std::vector<Id>{w.alice});
    REQUIRE(w.store.undo(w.ctx()).ok());
    CHECK(w.store.find_activity(a.meta.id)->subject == "Call back");
    CHECK(w.store.find_activity(a.meta.id)->contacts.empty());
}

TEST_CASE("currencies: rates convert lane totals; a used currency keeps its rate") {
    World w;
    Currency eur;
    parse_currency("EUR", eur);
    CHECK(w.ok(SetExchangeRate{eur, 1'100'000}).label == "Set the rate of EUR");
    Deal d = w.draft("Euro deal", w.lead, 100000);
    d.currency = eur;
    w.ok(CreateDeal{d, {}, {}});
    CHECK(w.store.lane_totals(w.lead).total == 110000);
    w.ok(SetExchangeRate{eur, 1'200'000});
    CHECK(w.store.lane_totals(w.lead).total == 120000);   // totals follow the rate
    Error e = w.refused(SetExchangeRate{eur, 0});
    CHECK(e.message.find("1 deal uses EUR") != std::string::npos);
    Currency usd;
    parse_currency("USD", usd);
    CHECK(w.refused(SetExchangeRate{usd, 5}).field == "currency");
    Currency gbp;
    parse_currency("GBP", gbp);
    CHECK(w.refused(SetBaseCurrency{gbp}).field == "currency");
    w.ok(SetBaseCurrency{eur});
    CHECK(w.store.settings().base_currency == eur);
    CHECK(w.store.lane_totals(w.lead).total == 100000);
    CHECK(w.store.to_base(120000, usd) == 100000);
    REQUIRE(w.store.undo(w.ctx()).ok());
    CHECK(w.store.lane_totals(w.lead).total == 120000);
}

TEST_CASE("custom fields and lost reasons: removal cascades into deals") {
    World w;
    Deal d = w.draft("Tiered", w.lead);
    d.custom.push_back(CustomValue{w.tier_field, "Gold", 0});
    w.ok(CreateDeal{d, {}, {}});
    CustomFieldPatch drop_gold;
    drop_gold.options = std::vector<std::string>{"Silver"};
    CHECK(w.refused(UpdateCustomField{w.tier_field, drop_gold}).message.find("Tiered") != std::string::npos);
    CHECK(w.ok(RemoveCustomField{w.tier_field}).label == "Removed field Tier");
    CHECK(w.get(d.meta.id).custom.empty());
    w.ok(SetDealStatus{d.meta.id, DealStatus::Lost, w.too_expensive, ""});
    w.ok(RemoveLostReason{w.too_expensive});
    CHECK(w.get(d.meta.id).lost_reason == kNoId);
    CHECK(w.get(d.meta.id).lost_reason_text == "Too expensive");
    CustomFieldDef empty_select;
    empty_select.meta.id = w.ids.next();
    empty_select.name = "Size";
    empty_select.type = FieldType::SingleSelect;
    CHECK(w.refused(AddCustomField{empty_select}).field == "options");
}
