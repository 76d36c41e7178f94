// Saved views as workspace records: the commands that create, update, rename, move and delete them,
// their refusals (the store untouched), undo/redo, and what deleting what a view names does to it.
#include "core/json_io.h"
#include "core/saved_view.h"
#include "test_store_fixture.h"

#include <doctest/doctest.h>

using namespace dd;
using namespace dd::test;

namespace {

bool same_views(const std::vector<SavedView>& a, const std::vector<SavedView>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        const SavedView &x = a[i], &y = b[i];
        if (!(x.meta.id == y.meta.id && x.meta.revision == y.meta.revision && x.name == y.name && x.owner == y.owner &&
              x.shared == y.shared && x.position == y.position && x.search == y.search && x.filters == y.filters && x.sort == y.sort &&
              x.layout == y.layout))
            return false;
    }
    return true;
}

// A world whose views the tests read back by name.
struct ViewWorld : World {
    SavedView view(const std::string& name) {
        SavedView v;
        v.meta.id = ids.next();
        v.name = name;
        v.filters.stages = {proposal};
        v.filters.owners = {manager, kNoId};
        v.filters.status_mask = status_bit(DealStatus::Open);
        v.sort = {SortKey{DealColumn::Value, kNoId, true}};
        v.layout = default_table_layout(store.workspace().custom_fields);
        return v;
    }
    Id save(const std::string& name, Id actor = kNoId) {
        SavedView v = view(name);
        ok(CreateSavedView{v}, actor);
        return v.meta.id;
    }
    const SavedView& get_view(Id id) {
        const SavedView* v = store.find_saved_view(id);
        REQUIRE(v != nullptr);
        return *v;
    }
    std::vector<std::string> bar() {
        std::vector<std::string> out;
        for (const SavedView* v : store.saved_views()) out.push_back(v->name);
        return out;
    }
    // A refused command leaves every record as it was, the views included.
    Error refused_view(const Command& c, Id actor = kNoId) {
        const std::vector<SavedView> before = store.workspace().saved_views;
        Error e = refused(c, actor);
        CHECK(same_views(before, store.workspace().saved_views));
        return e;
    }
};

}  // namespace

TEST_CASE("saving a view keeps its filters, sort and columns, owned by who saved it, last in the bar") {
    ViewWorld w;
    const Id first = w.save("  Big open deals  ", w.manager);
    const Id second = w.save("Proposals", w.admin);
    const SavedView& v = w.get_view(first);
    CHECK(v.name == "Big open deals");   // trimmed
    CHECK(v.owner == w.manager);
    CHECK(v.meta.revision == 1);
    CHECK(v.filters.stages == std::vector<Id>{w.proposal});
    CHECK(v.filters.owners == std::vector<Id>{w.manager, kNoId});
    CHECK(v.sort.size() == 1);
    CHECK(v.sort[0].descending);
    CHECK(w.get_view(second).position > v.position);
    CHECK(w.bar() == std::vector<std::string>{"Big open deals", "Proposals"});
    CHECK(w.store.undo_label() == "Saved view Proposals");
}

TEST_CASE("a view is refused, naming the field, for a blank name, a duplicate name or an unknown id") {
    ViewWorld w;
    w.save("Mine", w.manager);
    SavedView v = w.view("   ");
    CHECK(w.refused_view(CreateSavedView{v}, w.manager).field == "name");
    v = w.view(" mINE ");
    Error dup = w.refused_view(CreateSavedView{v}, w.manager);
    CHECK(dup.field == "name");
    CHECK(dup.message.find("Mine") != std::string::npos);
    w.ok(CreateSavedView{w.view("Mine")}, w.admin);   // the same name for another owner is fine

    v = w.view("Bad pipeline");
    v.filters.pipeline = 0x1234;
    CHECK(w.refused_view(CreateSavedView{v}).field == "filters.pipeline");
    v = w.view("Bad stage");
    v.filters.stages = {w.lead, 0x1234};
    CHECK(w.refused_view(CreateSavedView{v}).field == "filters.stages[1]");
    v = w.view("Bad owner");
    v.filters.owners = {0x1234};
    CHECK(w.refused_view(CreateSavedView{v}).field == "filters.owners[0]");
    v = w.view("Bad field");
    v.filters.custom = {CustomFilter{0x1234, "Gold", std::nullopt, std::nullopt, true}};
    Error field = w.refused_view(CreateSavedView{v});
    CHECK(field.field == "filters.custom[0].field");
    CHECK(field.message == "no custom field with id 0000000000001234");
    v = w.view("Bad sort");
    v.sort = {SortKey{DealColumn::Custom, 0x1234, false}};
    CHECK(w.refused_view(CreateSavedView{v}).field == "sort[0].custom_field");
    v = w.view("Bad column");
    v.layout.columns.push_back(ColumnLayout{DealColumn::Custom, 0x1234, 80.0f, true});
    CHECK(w.refused_view(CreateSavedView{v}).field.rfind("columns[", 0) == 0);
    v = w.view("No status");
    v.filters.status_mask = 0;
    CHECK(w.refused_view(CreateSavedView{v}).field == "filters.statuses");
    v = w.view("Nobody");
    CHECK(w.refused_view(CreateSavedView{v}, 0x777).field == "actor");   // not a team member
    v = w.view("Taken id");
    v.meta.id = w.store.saved_views()[0]->meta.id;
    CHECK(w.refused_view(CreateSavedView{v}).field == "id");
}

TEST_CASE("a view's create, update, rename, move and delete each undo and redo as one step") {
    ViewWorld w;
    const Id a = w.save("A", w.manager);
    const Id b = w.save("B", w.manager);
    const Id c = w.save("C", w.manager);
    const std::vector<SavedView> saved = w.store.workspace().saved_views;

    DealQuery wider;
    wider.text = "acme";
    wider.value_min = 50000;
    w.ok(UpdateSavedView{b, "renewal", wider, {SortKey{DealColumn::Title, kNoId, false}}, TableLayout{}}, w.manager);
    CHECK(w.get_view(b).search == "renewal");
    CHECK(w.get_view(b).filters == wider);
    CHECK(w.get_view(b).layout.columns.empty());
    CHECK(w.get_view(b).name == "B");
    w.ok(RenameSavedView{b, "Bee"}, w.manager);
    w.ok(MoveSavedView{c, 0}, w.manager);
    CHECK(w.bar() == std::vector<std::string>{"C", "A", "Bee"});
    w.ok(DeleteSavedView{a}, w.manager);
    CHECK(w.store.find_saved_view(a) == nullptr);
    CHECK(w.store.workspace().tombstones.back().kind == RecordKind::SavedView);
    CHECK(w.bar() == std::vector<std::string>{"C", "Bee"});

    REQUIRE(w.store.undo(w.ctx(w.manager)).ok());   // delete
    CHECK(w.bar() == std::vector<std::string>{"C", "A", "Bee"});
    REQUIRE(w.store.undo(w.ctx(w.manager)).ok());   // move
    CHECK(w.bar() == std::vector<std::string>{"A", "Bee", "C"});
    REQUIRE(w.store.undo(w.ctx(w.manager)).ok());   // rename
    CHECK(w.get_view(b).name == "B");
    REQUIRE(w.store.undo(w.ctx(w.manager)).ok());   // update
    CHECK(w.get_view(b).filters == saved[1].filters);
    CHECK(w.get_view(b).search.empty());
    CHECK(w.get_view(b).layout == saved[1].layout);

    for (int i = 0; i < 4; ++i) REQUIRE(w.store.redo(w.ctx(w.manager)).ok());
    CHECK(w.bar() == std::vector<std::string>{"C", "Bee"});
    CHECK(w.get_view(b).filters == wider);
    REQUIRE(w.store.undo(w.ctx(w.manager)).ok());
    REQUIRE(w.store.undo(w.ctx(w.manager)).ok());
    REQUIRE(w.store.undo(w.ctx(w.manager)).ok());
    REQUIRE(w.store.undo(w.ctx(w.manager)).ok());
    REQUIRE(w.store.undo(w.ctx(w.manager)).ok());   // create C
    CHECK(w.store.find_saved_view(c) == nullptr);
    CHECK(w.bar() == std::vector<std::string>{"A", "B"});
}

TEST_CASE("update, rename, move and delete of a view are refused, naming the field, store untouched") {
    ViewWorld w;
    const Id a = w.save("A", w.manager);
    const Id b = w.save("B", w.manager);
    const Id m = w.manager;
    CHECK(w.refused_view(UpdateSavedView{0x1234, "", DealQuery{}, {}, TableLayout{}}, m).field == "view");
    DealQuery bad;
    bad.stages = {0x1234};
    CHECK(w.refused_view(UpdateSavedView{a, "", bad, {}, TableLayout{}}, m).field == "filters.stages[0]");
    CHECK(w.refused_view(RenameSavedView{a, " "}, m).field == "name");
    CHECK(w.refused_view(RenameSavedView{a, "b"}, m).field == "name");
    w.ok(RenameSavedView{a, "a"}, m);   // its own name in another case is not a clash
    CHECK(w.refused_view(MoveSavedView{a, 2}, m).field == "new_position");
    CHECK(w.refused_view(MoveSavedView{a, -1}, m).field == "new_position");
    CHECK(w.refused_view(DeleteSavedView{0x1234}, m).field == "view");
    CHECK(w.refused_view(DeleteSavedView{b}, w.viewer).field == "view");   // private to the manager
    CHECK(w.refused_view(DeleteSavedView{b}, 0x777).field == "actor");     // not a team member
}

TEST_CASE("deleting a stage, pipeline, custom field or member drops it from the views, in the same undo step") {
    ViewWorld w;
    SavedView v = w.view("Everything named");
    v.filters.stages = {w.lead, w.proposal};
    v.filters.custom = {CustomFilter{w.tier_field, "Gold", std::nullopt, std::nullopt, true}};
    v.sort = {SortKey{DealColumn::Custom, w.tier_field, false}, SortKey{DealColumn::Value, kNoId, true}};
    w.ok(CreateSavedView{v}, w.manager);
    const Id id = v.meta.id;
    const SavedView before = w.get_view(id);

    SUBCASE("a stage") {
        w.ok(DeleteStage{w.proposal, kNoId});
        CHECK(w.get_view(id).filters.stages == std::vector<Id>{w.lead});
        CHECK(w.get_view(id).meta.revision == before.meta.revision + 1);
        REQUIRE(w.store.undo(w.ctx()).ok());
        CHECK(w.store.find_stage(w.proposal) != nullptr);
        CHECK(w.get_view(id).filters.stages == before.filters.stages);
    }
    SUBCASE("a custom field: its filter, sort key and column") {
        w.ok(RemoveCustomField{w.tier_field});
        const SavedView& after = w.get_view(id);
        CHECK(after.filters.custom.empty());
        REQUIRE(after.sort.size() == 1);
        CHECK(after.sort[0].column == DealColumn::Value);
        CHECK(after.layout.columns.size() == before.layout.columns.size() - 1);
        REQUIRE(w.store.undo(w.ctx()).ok());
        CHECK(w.get_view(id).filters.custom == before.filters.custom);
        CHECK(w.get_view(id).sort == before.sort);
        CHECK(w.get_view(id).layout == before.layout);
    }
    SUBCASE("a pipeline: its filter and its stages") {
        const Id other = w.ids.next(), s1 = w.ids.next(), won = w.ids.next(), lost = w.ids.next();
        w.ok(CreatePipeline{other, "Partners", {Stage{s1, "Intro", 10, 0, 0, StageKind::Open}}, won, lost});
        SavedView p = w.view("Partners only");
        p.filters.pipeline = other;
        p.filters.stages = {s1, w.lead};
        w.ok(CreateSavedView{p}, w.manager);
        w.ok(DeletePipeline{other});
        CHECK(w.get_view(p.meta.id).filters.pipeline == kNoId);
        CHECK(w.get_view(p.meta.id).filters.stages == std::vector<Id>{w.lead});
        CHECK(w.get_view(id).meta.revision == before.meta.revision);   // a view not naming it is untouched
        REQUIRE(w.store.undo(w.ctx()).ok());
        CHECK(w.get_view(p.meta.id).filters.pipeline == other);
    }
    SUBCASE("a team member: the owner filter, and the views they owned stay for the team") {
        w.ok(RemoveTeamMember{w.manager, w.admin});
        CHECK(w.get_view(id).filters.owners == std::vector<Id>{kNoId});
        CHECK(w.get_view(id).owner == kNoId);
        CHECK(w.get_view(id).shared);   // it was private: now the team's, or nobody could see it again
        REQUIRE(w.store.undo(w.ctx()).ok());
        CHECK(w.get_view(id).owner == w.manager);
        CHECK_FALSE(w.get_view(id).shared);
        CHECK(w.get_view(id).filters.owners == before.filters.owners);
    }
    // Whatever was deleted, the workspace still passes the load check (no dangling id in a view).
    CHECK(check_workspace(w.store.workspace()).ok());
}
