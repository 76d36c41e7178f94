// The staged import (staged_import.h): an ImportDeals command applied in slices of any size gives
// exactly the workspace the one-shot command gives, is one undo step, refuses other commands
// while it runs, and rolls back to exactly the prior store when cancelled or refused.
#include "core/csv_import.h"
#include "core/snapshot_binary.h"
#include "core/staged_import.h"
#include "test_store_fixture.h"

#include <random>

using namespace dd;
using dd::test::identical;
using dd::test::World;

namespace {

// A World with five deals whose references ("E-0".."E-4") the file updates.
struct ImportWorld : World {
    ImportWorld() {
        for (int i = 0; i < 5; ++i) {
            Deal d = draft("Existing " + std::to_string(i), i % 2 ? proposal : lead, 1000 * (i + 1));
            d.external_ref = "E-" + std::to_string(i);
            ok(CreateDeal{d, std::nullopt, std::nullopt});
        }
    }
};

// A file of `rows` rows: new deals with new and known stages, owners, people and companies (each
// new name once per import), and updates of the existing deals by their reference.
std::string random_csv(std::mt19937& rng, size_t rows) {
    const char* stages[] = {"Lead", "Proposal", "Negotiation", "Won", "Lost", "Discovery", "Pilot"};
    const char* owners[] = {"Max Manager", "Nina New", "Omar Other"};
    std::string csv = "Deal - ID,Deal - Title,Deal - Value,Deal - Stage,Deal - Owner,Person - Name,Organization - Name\n";
    for (size_t i = 0; i < rows; ++i) {
        const bool update = i < 5 && rng() % 2;
        const std::string ref = update ? "E-" + std::to_string(i) : "R-" + std::to_string(i);
        csv += ref + ",Deal " + std::to_string(i) + "," + std::to_string(rng() % 100000) + "," + stages[rng() % 7] + "," +
               owners[rng() % 3] + ",Person " + std::to_string(rng() % 40) + ",Org " + std::to_string(rng() % 12) + "\n";
    }
    return csv;
}

ImportDeals plan_of(World& w, const std::string& csv) {
    ImportRun run = import_csv_text(w.store, csv, w.ids);
    REQUIRE(run.plan.problems.empty());
    return std::move(run.plan.command);
}

std::unique_ptr<StagedImport> begin_ok(World& w, ImportDeals c) {
    auto r = StagedImport::begin(w.store, std::move(c), w.ctx());
    REQUIRE(r.ok());
    return std::move(r.value());
}

// Steps with random budgets (1 to max_budget items) until finished; returns the number of steps.
size_t run_to_end(StagedImport& run, std::mt19937& rng, size_t max_budget) {
    size_t steps = 1;
    while (!run.step(1 + rng() % max_budget)) ++steps;
    return steps;
}

bool same_changes(const ChangeSet& a, const ChangeSet& b) {
    if (a.upserted.size() != b.upserted.size() || a.removed.size() != b.removed.size() || a.settings != b.settings) return false;
    for (size_t i = 0; i < a.upserted.size(); ++i)
        if (a.upserted[i].kind != b.upserted[i].kind || a.upserted[i].id != b.upserted[i].id) return false;
    return true;
}

}  // namespace

TEST_CASE("staged import: any slicing gives exactly the one-shot command's workspace, undo and redo") {
    for (uint32_t seed = 1; seed <= 12; ++seed) {
        CAPTURE(seed);
        std::mt19937 rng(seed);
        const size_t rows = 20 + rng() % 300;
        const std::string csv = random_csv(rng, rows);
        ImportWorld one, staged;   // built the same way: the same ids, the same plan
        REQUIRE(identical(one.store.workspace(), staged.store.workspace()));
        const Workspace before = staged.store.workspace();
        const size_t depth = staged.store.undo_depth();

        Applied whole = one.ok(plan_of(one, csv));
        auto run = begin_ok(staged, plan_of(staged, csv));
        CHECK(staged.store.staged_open());
        const size_t steps = run_to_end(*run, rng, 1 + rng() % 64);
        CHECK(steps > 2);   // really sliced: validation and the changes over several calls
        CHECK(run->phase() == StagedImport::Phase::Committed);
        CHECK_FALSE(staged.store.staged_open());
        CHECK(run->deals_applied() == run->deals());
        Result<Applied> done = run->take_result();
        REQUIRE(done.ok());
        CHECK(done.value().label == whole.label);
        CHECK(same_changes(done.value().changes, whole.changes));
        CHECK(identical(one.store.workspace(), staged.store.workspace()));
        CHECK(staged.store.undo_depth() == depth + 1);
        CHECK(staged.store.undo_label() == whole.label);

        // One undo step restores the before-state, redo the after-state, as the one-shot's do.
        REQUIRE(one.store.undo(one.ctx()).ok());
        REQUIRE(staged.store.undo(staged.ctx()).ok());
        CHECK(test::same_content(before, staged.store.workspace()));
        CHECK(identical(one.store.workspace(), staged.store.workspace()));
        REQUIRE(one.store.redo(one.ctx()).ok());
        REQUIRE(staged.store.redo(staged.ctx()).ok());
        CHECK(identical(one.store.workspace(), staged.store.workspace()));
    }
}

TEST_CASE("staged import: rows whose reference exists update that deal instead of duplicating it") {
    ImportWorld w;
    const Id existing = w.store.find_deal_by_ref("E-2")->meta.id;
    const size_t deals = w.store.workspace().deals.size();
    auto run = begin_ok(w, plan_of(w, "Deal - ID,Deal - Title,Deal - Value,Deal - Stage,Person - Name\n"
                                      "E-2,Existing 2 renamed,77,Negotiation,\n"
                                      "N-1,Brand new,10,Lead,Peter Gibbons\n"));
    while (!run->step(1)) {}
    REQUIRE(run->take_result().ok());
    CHECK(w.store.workspace().deals.size() == deals + 1);
    const Deal* d = w.store.find_deal_by_ref("E-2");
    REQUIRE(d);
    CHECK(d->meta.id == existing);
    CHECK(d->title == "Existing 2 renamed");
    CHECK(d->value == 7700);
    CHECK(d->stage == w.negotiation);
}

TEST_CASE("staged import: cancelled midway, everything applied so far is rolled back exactly") {
    for (uint32_t seed = 21; seed <= 26; ++seed) {
        CAPTURE(seed);
        std::mt19937 rng(seed);
        ImportWorld w;
        ImportDeals c = plan_of(w, random_csv(rng, 50 + rng() % 200));
        const Workspace before = w.store.workspace();   // after planning: planning changes nothing
        const std::string undo_before = w.store.undo_label();
        const size_t depth = w.store.undo_depth();
        auto run = begin_ok(w, std::move(c));
        const size_t items = run->items();
        // Validation is one pass over the items; the changes then start. Stop somewhere in them.
        const size_t stop_at = 1 + rng() % (items - 1);
        while (run->phase() == StagedImport::Phase::Validating) run->step(7);
        while (run->applied() < stop_at) REQUIRE_FALSE(run->step(1));
        CHECK(w.store.workspace().deals.size() > before.deals.size() - 1);
        run->cancel();
        CHECK(run->rolling_back());
        CHECK(w.store.staged_open());   // held until the rollback is done
        run_to_end(*run, rng, 16);
        CHECK(run->phase() == StagedImport::Phase::RolledBack);
        CHECK_FALSE(w.store.staged_open());
        Result<Applied> r = run->take_result();
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message == "import cancelled: nothing was changed");
        // Exactly as before: same records, revisions, vector order, no tombstones, same undo stack.
        CHECK(identical(before, w.store.workspace()));
        CHECK(w.store.undo_depth() == depth);
        CHECK(w.store.undo_label() == undo_before);
        // The store works as before: an ordinary command applies and undoes.
        w.ok(CreateDeal{w.draft("After the cancel", w.lead), std::nullopt, std::nullopt});
        REQUIRE(w.store.undo(w.ctx()).ok());
    }
}

TEST_CASE("staged import: a run dropped before it finished rolls back (the dialog closed, the app went away)") {
    std::mt19937 rng(5);
    ImportWorld w;
    ImportDeals c = plan_of(w, random_csv(rng, 80));
    const Workspace before = w.store.workspace();
    {
        auto run = begin_ok(w, std::move(c));
        while (run->applied() < 40) run->step(3);
    }
    CHECK_FALSE(w.store.staged_open());
    CHECK(identical(before, w.store.workspace()));
}

TEST_CASE("staged import: while it runs, other commands, undo, redo, load and a second import are refused") {
    std::mt19937 rng(9);
    ImportWorld w;
    const std::string csv = random_csv(rng, 30);
    ImportDeals c = plan_of(w, csv);
    ImportDeals second = plan_of(w, csv);
    auto run = begin_ok(w, std::move(c));
    while (run->applied() < 10) run->step(2);
    const std::string busy = "an import is being applied: wait for it to finish or cancel it";
    CHECK(w.store.apply(CreateDeal{w.draft("Meanwhile", w.lead), std::nullopt, std::nullopt}, w.ctx()).error().message == busy);
    CHECK(w.store.check(RenameWorkspace{"Other"}, w.ctx()).error().message == busy);
    CHECK(w.store.undo(w.ctx()).error().message == busy);
    CHECK(w.store.redo(w.ctx()).error().message == busy);
    CHECK(w.store.load(Workspace{}).error().message == busy);
    auto again = StagedImport::begin(w.store, std::move(second), w.ctx());
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().message == busy);
    run_to_end(*run, rng, 8);
    REQUIRE(run->take_result().ok());
    // Released: commands apply again, and the import is the step to undo.
    CHECK(w.store.undo_label().rfind("Imported 30 deals", 0) == 0);
    w.ok(RenameWorkspace{"Other"});
}

TEST_CASE("staged import: a refusal found late in validation leaves the store untouched and released") {
    std::mt19937 rng(3);
    ImportWorld w;
    ImportDeals c = plan_of(w, random_csv(rng, 60));
    c.creates.back().stage = w.ids.next();   // the last deal names a stage that does not exist
    const Workspace before = w.store.workspace();
    auto run = begin_ok(w, std::move(c));
    size_t steps = 0;
    while (!run->step(4)) ++steps;
    CHECK(steps > 5);
    CHECK(run->phase() == StagedImport::Phase::Refused);
    CHECK(run->applied() == 0);   // nothing was changed before everything was checked
    Result<Applied> r = run->take_result();
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().text() == "stage: Deal 59: does not exist");
    CHECK_FALSE(w.store.staged_open());
    CHECK(identical(before, w.store.workspace()));
}

TEST_CASE("staged import: a viewer is refused before anything starts, as by the store") {
    std::mt19937 rng(4);
    ImportWorld w;
    ImportDeals c = plan_of(w, random_csv(rng, 10));
    auto r = StagedImport::begin(w.store, std::move(c), w.ctx(w.viewer));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().field == "actor");
    CHECK_FALSE(w.store.staged_open());
}

TEST_CASE("staged import: every item applied, the commit waits for the memory to be given back; a cancel then still rolls back") {
    // After the last item the run frees the spent command a slice at a time before it commits
    // (a million moved-from records freed at once held the commit's frame): it is not committed
    // yet, the store is still held, and a cancel there rolls the whole import back exactly.
    for (uint32_t seed = 31; seed <= 34; ++seed) {
        CAPTURE(seed);
        std::mt19937 rng(seed);
        ImportWorld w;
        ImportDeals c = plan_of(w, random_csv(rng, 200 + rng() % 200));
        const Workspace before = w.store.workspace();
        const size_t depth = w.store.undo_depth();
        auto run = begin_ok(w, std::move(c));
        run->encode_snapshot_before_commit();   // as the app asks for a huge import
        const size_t items = run->items();
        while (run->applied() < items) REQUIRE_FALSE(run->step(1 + rng() % 5));
        CHECK(run->deals_applied() == run->deals());
        CHECK(run->phase() == StagedImport::Phase::Applying);   // not committed by the last item's step
        CHECK(w.store.staged_open());
        CHECK_FALSE(w.store.can_redo());
        CHECK(w.store.undo_depth() == depth);
        if (seed % 2) {
            // Freed in slices of 16 records per item of budget, then encoded: steps, then the commit.
            size_t steps = 0;
            while (!run->step(1)) ++steps;
            CHECK(steps > 2);
            CHECK(run->phase() == StagedImport::Phase::Committed);
            CHECK(w.store.undo_depth() == depth + 1);
            REQUIRE(run->take_result().ok());
            // Encoded while finishing, before the commit: the workspace as it stands after it.
            const std::string snapshot = run->take_snapshot();
            CHECK(!snapshot.empty());
            CHECK(snapshot == save_workspace_binary(w.store.workspace()));
            REQUIRE(w.store.undo(w.ctx()).ok());
            CHECK(test::same_content(before, w.store.workspace()));
        } else {
            if (seed == 32) {   // cancelled half-way through the snapshot's encoding
                for (int i = 0; i < 40; ++i) REQUIRE_FALSE(run->step(1));
            }
            run->cancel();
            run_to_end(*run, rng, 16);
            CHECK(run->phase() == StagedImport::Phase::RolledBack);
            CHECK(run->take_snapshot().empty());
            CHECK(identical(before, w.store.workspace()));
            CHECK(w.store.undo_depth() == depth);
        }
        CHECK_FALSE(w.store.staged_open());
    }
}
