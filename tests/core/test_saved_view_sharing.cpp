// Who sees and who may change a saved view (as Pipedrive and HubSpot users expect): private to its
// owner or shared with the team; viewers save, change and delete their own; a shared view is
// changed only by its owner, a manager or an admin; viewers cannot share. Every rule goes through
// Store::apply (the path the UI takes), every refusal names its field and leaves the store as it
// was, and every change undoes and redoes.
#include "core/saved_view.h"
#include "test_store_fixture.h"

#include <doctest/doctest.h>

using namespace dd;
using namespace dd::test;

namespace {

struct SharingWorld : World {
    Id other_manager = 0;
    SharingWorld() {
        other_manager = ids.next();
        ok(AddTeamMember{TeamMember{{other_manager}, "Mia Manager", "mia@example.com", Role::Manager}});
    }
    Id save(const std::string& name, Id actor, bool shared = false) {
        SavedView v;
        v.meta.id = ids.next();
        v.name = name;
        v.shared = shared;
        v.filters.stages = {proposal};
        ok(CreateSavedView{v}, actor);
        return v.meta.id;
    }
    const SavedView& get(Id id) {
        const SavedView* v = store.find_saved_view(id);
        REQUIRE(v != nullptr);
        return *v;
    }
    // The names `member` sees, in bar order (what the views menu lists).
    std::vector<std::string> seen_by(Id member) {
        std::vector<std::string> out;
        for (const SavedView* v : visible_views(store.saved_views(), member)) out.push_back(v->name);
        return out;
    }
    Error refused_with(const Command& c, Id actor, const char* field) {
        Error e = refused(c, actor);
        CHECK(e.field == field);
        return e;
    }
};

}  // namespace

TEST_CASE("a new view is private: only its owner sees it; a shared one is seen by the whole team") {
    SharingWorld w;
    const Id mine = w.save("Max's pipeline", w.manager);
    CHECK_FALSE(w.get(mine).shared);
    const Id team = w.save("Team forecast", w.manager, true);
    CHECK(w.get(team).shared);
    CHECK(w.seen_by(w.manager) == std::vector<std::string>{"Max's pipeline", "Team forecast"});
    CHECK(w.seen_by(w.viewer) == std::vector<std::string>{"Team forecast"});
    CHECK(w.seen_by(w.admin) == std::vector<std::string>{"Team forecast"});
    CHECK(view_visible_to(w.get(mine), w.manager));
    CHECK_FALSE(view_visible_to(w.get(mine), w.admin));
}

TEST_CASE("a viewer saves, renames, updates, moves and deletes their own views, each undoable") {
    SharingWorld w;
    const Id shared = w.save("Team forecast", w.admin, true);
    const Id v = w.save("Vic's deals", w.viewer);
    CHECK(w.get(v).owner == w.viewer);
    CHECK(w.store.undo_label() == "Saved view Vic's deals");
    w.ok(RenameSavedView{v, "My deals"}, w.viewer);
    DealQuery q;
    q.text = "acme";
    w.ok(UpdateSavedView{v, "acme", q, {}, TableLayout{}}, w.viewer);
    w.ok(MoveSavedView{v, 0}, w.viewer);
    CHECK(w.seen_by(w.viewer) == std::vector<std::string>{"My deals", "Team forecast"});
    w.ok(DeleteSavedView{v}, w.viewer);
    CHECK(w.store.find_saved_view(v) == nullptr);

    REQUIRE(w.store.undo(w.ctx(w.viewer)).ok());   // the delete
    CHECK(w.get(v).name == "My deals");
    REQUIRE(w.store.undo(w.ctx(w.viewer)).ok());   // the move
    CHECK(w.seen_by(w.viewer) == std::vector<std::string>{"Team forecast", "My deals"});
    REQUIRE(w.store.undo(w.ctx(w.viewer)).ok());   // the update
    CHECK(w.get(v).search.empty());
    REQUIRE(w.store.undo(w.ctx(w.viewer)).ok());   // the rename
    CHECK(w.get(v).name == "Vic's deals");
    for (int i = 0; i < 4; ++i) REQUIRE(w.store.redo(w.ctx(w.viewer)).ok());
    CHECK(w.store.find_saved_view(v) == nullptr);
    CHECK(w.seen_by(w.viewer) == std::vector<std::string>{"Team forecast"});
    CHECK(w.get(shared).name == "Team forecast");
}

TEST_CASE("a viewer cannot share: neither a new view nor one of theirs; the refusal names 'shared'") {
    SharingWorld w;
    SavedView v;
    v.meta.id = w.ids.next();
    v.name = "For everyone";
    v.shared = true;
    Error e = w.refused_with(CreateSavedView{v}, w.viewer, "shared");
    CHECK(e.message.find("viewers cannot share") != std::string::npos);
    const Id own = w.save("Mine", w.viewer);
    w.refused_with(ShareSavedView{own, true}, w.viewer, "shared");
    CHECK_FALSE(w.get(own).shared);
    w.ok(ShareSavedView{own, false}, w.viewer);   // keeping it private is no sharing
}

TEST_CASE("a shared view: a viewer may not change it; its owner, another manager or an admin may") {
    SharingWorld w;
    const Id team = w.save("Team forecast", w.manager, true);
    DealQuery q;
    q.text = "x";
    SUBCASE("a viewer is refused every change, naming 'view'") {
        Error e = w.refused_with(RenameSavedView{team, "Mine now"}, w.viewer, "view");
        CHECK(e.message.find("only its owner, a manager or an admin") != std::string::npos);
        w.refused_with(UpdateSavedView{team, "x", q, {}, TableLayout{}}, w.viewer, "view");
        w.refused_with(MoveSavedView{team, 0}, w.viewer, "view");
        w.refused_with(ShareSavedView{team, false}, w.viewer, "view");
        w.refused_with(DeleteSavedView{team}, w.viewer, "view");
    }
    SUBCASE("another manager may not give it a name its owner already uses: the clash is the owner's") {
        w.save("Q4", w.manager);
        Error e = w.refused_with(RenameSavedView{team, "q4"}, w.other_manager, "name");
        CHECK(e.message == "its owner already has a view named \"Q4\"");
        w.ok(RenameSavedView{team, "Q4 team"}, w.other_manager);
    }
    SUBCASE("another manager renames and updates it; the owner stays") {
        w.ok(RenameSavedView{team, "Forecast"}, w.other_manager);
        w.ok(UpdateSavedView{team, "x", q, {}, TableLayout{}}, w.other_manager);
        CHECK(w.get(team).name == "Forecast");
        CHECK(w.get(team).owner == w.manager);
        REQUIRE(w.store.undo(w.ctx(w.other_manager)).ok());
        REQUIRE(w.store.undo(w.ctx(w.other_manager)).ok());
        CHECK(w.get(team).name == "Team forecast");
        CHECK(w.get(team).search.empty());
    }
    SUBCASE("an admin makes it private again (the owner's), then its owner deletes it") {
        w.ok(ShareSavedView{team, false}, w.admin);
        CHECK_FALSE(w.get(team).shared);
        CHECK(w.seen_by(w.admin).empty());
        CHECK(w.seen_by(w.manager) == std::vector<std::string>{"Team forecast"});
        w.refused_with(ShareSavedView{team, true}, w.admin, "view");   // now the owner's alone
        REQUIRE(w.store.undo(w.ctx(w.admin)).ok());
        CHECK(w.get(team).shared);
        REQUIRE(w.store.redo(w.ctx(w.admin)).ok());
        CHECK_FALSE(w.get(team).shared);
        w.ok(DeleteSavedView{team}, w.manager);
        CHECK(w.store.find_saved_view(team) == nullptr);
    }
}

TEST_CASE("a private view is its owner's alone: nobody else, not even an admin, may change it") {
    SharingWorld w;
    const Id mine = w.save("Max's pipeline", w.manager);
    for (Id other : {w.admin, w.other_manager, w.viewer}) {
        Error e = w.refused_with(RenameSavedView{mine, "Taken"}, other, "view");
        CHECK(e.message == "is private to the member who saved it");
        w.refused_with(DeleteSavedView{mine}, other, "view");
        w.refused_with(ShareSavedView{mine, true}, other, "view");
    }
    w.ok(ShareSavedView{mine, true}, w.manager);
    CHECK(w.store.undo_label() == "Shared view Max's pipeline");
    CHECK(w.seen_by(w.viewer) == std::vector<std::string>{"Max's pipeline"});
    w.ok(ShareSavedView{mine, false}, w.manager);
    CHECK(w.store.undo_label() == "Made view private: Max's pipeline");
}

TEST_CASE("someone who is not a team member may not save or change views") {
    SharingWorld w;
    const Id team = w.save("Team forecast", w.admin, true);
    SavedView v;
    v.meta.id = w.ids.next();
    v.name = "Stranger's";
    Error e = w.refused_with(CreateSavedView{v}, 0x777, "actor");
    CHECK(e.message.find("choose who you are") != std::string::npos);
    w.refused_with(RenameSavedView{team, "Hijacked"}, 0x777, "actor");
}

TEST_CASE("moving a view moves it among the views its mover sees; others' private views keep their places") {
    SharingWorld w;
    const Id a = w.save("A shared", w.admin, true);
    const Id hidden = w.save("Max private", w.manager);
    const Id b = w.save("B shared", w.admin, true);
    const Id v = w.save("Vic private", w.viewer);
    CHECK(w.seen_by(w.viewer) == std::vector<std::string>{"A shared", "B shared", "Vic private"});
    // Index 0 of the viewer's bar; 3 would be past it (the manager's private view is not in it).
    w.refused_with(MoveSavedView{v, 3}, w.viewer, "new_position");
    w.ok(MoveSavedView{v, 0}, w.viewer);
    CHECK(w.seen_by(w.viewer) == std::vector<std::string>{"Vic private", "A shared", "B shared"});
    // The manager's bar (their private view between the shared ones) is as it was.
    CHECK(w.seen_by(w.manager) == std::vector<std::string>{"A shared", "Max private", "B shared"});
    w.ok(MoveSavedView{hidden, 2}, w.manager);   // to the end of the manager's bar
    CHECK(w.seen_by(w.manager) == std::vector<std::string>{"A shared", "B shared", "Max private"});
    CHECK(w.seen_by(w.viewer) == std::vector<std::string>{"Vic private", "A shared", "B shared"});
    REQUIRE(w.store.undo(w.ctx(w.manager)).ok());
    REQUIRE(w.store.undo(w.ctx(w.viewer)).ok());
    CHECK(w.seen_by(w.viewer) == std::vector<std::string>{"A shared", "B shared", "Vic private"});
    (void)a;
    (void)b;
}

TEST_CASE("a removed member's private views become the team's, which cannot make them private again") {
    SharingWorld w;
    const Id mine = w.save("Max's pipeline", w.manager);
    w.ok(RemoveTeamMember{w.manager, w.admin});
    CHECK(w.get(mine).owner == kNoId);
    CHECK(w.get(mine).shared);
    CHECK(w.seen_by(w.viewer) == std::vector<std::string>{"Max's pipeline"});
    w.refused_with(ShareSavedView{mine, false}, w.admin, "shared");
    w.refused_with(DeleteSavedView{mine}, w.viewer, "view");
    w.ok(DeleteSavedView{mine}, w.other_manager);   // a manager tidies it up
    REQUIRE(w.store.undo(w.ctx(w.admin)).ok());
    REQUIRE(w.store.undo(w.ctx(w.admin)).ok());      // the removal
    CHECK(w.get(mine).owner == w.manager);
    CHECK_FALSE(w.get(mine).shared);
}

TEST_CASE("on a first start (no team yet) views can be saved and shared by whoever sets things up") {
    World w(false);
    SavedView v;
    v.meta.id = w.ids.next();
    v.name = "Everything";
    v.shared = true;
    REQUIRE(w.store.apply(CreateSavedView{v}, CommandContext{kNoId, w.now}).ok());
    REQUIRE(w.store.apply(ShareSavedView{v.meta.id, false}, CommandContext{kNoId, w.now}).ok());
    CHECK_FALSE(w.store.find_saved_view(v.meta.id)->shared);
}

TEST_CASE("undo and redo of a view change follow the view's rights of whoever presses them") {
    // Who presses Undo can change between the step and the undo (Team settings, "You are"); the
    // one who made a step may always undo it (the last case of the test above).
    SharingWorld w;
    auto refused_undo = [&w](bool redo, Id actor) {
        const Workspace before = w.store.workspace();
        const std::string undo_before = w.store.undo_label(), redo_before = w.store.redo_label();
        Result<Applied> r = redo ? w.store.redo(w.ctx(actor)) : w.store.undo(w.ctx(actor));
        REQUIRE_FALSE(r.ok());
        CHECK(identical(before, w.store.workspace()));
        CHECK(w.store.undo_label() == undo_before);
        CHECK(w.store.redo_label() == redo_before);
        return r.error();
    };
    SUBCASE("a viewer may neither undo a manager's new shared view (a delete) nor redo it") {
        const Id team = w.save("Team forecast", w.manager, true);
        Error e = refused_undo(false, w.viewer);
        CHECK(e.field == "view");
        CHECK(e.message.find("only its owner, a manager or an admin") != std::string::npos);
        REQUIRE(w.store.undo(w.ctx(w.other_manager)).ok());
        CHECK(w.store.find_saved_view(team) == nullptr);
        CHECK(refused_undo(true, w.viewer).field == "view");
        REQUIRE(w.store.redo(w.ctx(w.manager)).ok());
        CHECK(w.get(team).name == "Team forecast");
    }
    SUBCASE("nobody but its owner may undo a change of a private view, not even an admin") {
        const Id mine = w.save("Vic's deals", w.viewer);
        w.ok(RenameSavedView{mine, "Vic's open deals"}, w.viewer);
        CHECK(refused_undo(false, w.admin).field == "view");
        CHECK(w.get(mine).name == "Vic's open deals");
        REQUIRE(w.store.undo(w.ctx(w.viewer)).ok());
        CHECK(w.get(mine).name == "Vic's deals");
        CHECK(refused_undo(true, w.manager).field == "view");
        REQUIRE(w.store.redo(w.ctx(w.viewer)).ok());
        CHECK(w.get(mine).name == "Vic's open deals");
    }
    SUBCASE("a viewer may not undo a manager's unsharing: it would share the view again") {
        const Id team = w.save("Team forecast", w.manager, true);
        w.ok(ShareSavedView{team, false}, w.manager);
        CHECK(refused_undo(false, w.viewer).field == "view");   // private now: not the viewer's
        REQUIRE(w.store.undo(w.ctx(w.manager)).ok());
        CHECK(w.get(team).shared);
    }
    SUBCASE("someone who is not a team member may not undo a view change") {
        w.save("Team forecast", w.manager, true);
        CHECK(refused_undo(false, Id(999999)).field == "actor");
    }
}
