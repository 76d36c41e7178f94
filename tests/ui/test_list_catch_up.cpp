// The list takes a huge change set (a CSV import of a million rows, its undo) a part per frame:
// refresh_list_rows applies what fits the frame's time, says it is not done (list_rows_pending),
// leaves the rows alone meanwhile, and ends with exactly the rows a fresh query gives.
#include <doctest/doctest.h>

#include "core/csv_import.h"
#include "core/query.h"
#include "core/sample_data.h"
#include "core/store.h"
#include "ui/list_rows.h"
#include "list_rows_fixture.h"

#include <string>

namespace {

constexpr dd::Millis kNow = 1'780'000'000'000;

using dd::ui::test::expected_ids;
using dd::ui::test::shown_ids;

// Frames of the list with no time to spare (each applies one part of 4,096 records) until the
// table caught up; returns the frames that were still pending.
int catch_up(dd::ui::ListState& ls, const dd::Store& store, uint64_t version, const char* search) {
    int pending = 0;
    for (;;) {
        const std::vector<uint32_t> rows_before = ls.rows;
        dd::ui::refresh_list_rows(ls, store, version, search, 0.0);
        if (!dd::ui::list_rows_pending(ls, version)) return pending;
        ++pending;
        CHECK(ls.rows == rows_before);   // the rows wait for the table
        const auto [done, total] = dd::ui::list_rows_progress(ls);
        CHECK(done > 0);
        CHECK(done < total);
        REQUIRE(pending < 1000);
    }
}

}  // namespace

TEST_CASE("list rows: an import's change set is taken over several frames, then the rows equal a fresh query") {
    dd::Store store;
    dd::IdGenerator ids(77);
    REQUIRE(store.load(dd::make_sample_workspace(3, 200, kNow)).ok());
    const dd::CommandContext ctx{store.settings().current_user, kNow};
    dd::ui::ListState ls;
    ls.sort = {{dd::DealColumn::Title, dd::kNoId, false}};
    dd::ui::refresh_list_rows(ls, store, 1, "");
    const dd::DealTable* built = ls.table.get();

    std::string csv = "Title,Value,Contacts,Reference\n";
    for (int i = 0; i < 12000; ++i) csv += "Catch " + std::to_string(i) + "," + std::to_string(i % 700) + ",Person " + std::to_string(i % 50) + ",C-" + std::to_string(i) + "\n";
    dd::ImportRun run = dd::import_csv_text(store, csv, ids);
    REQUIRE(run.plan.problems.empty());
    auto imported = store.apply(dd::Command{std::move(run.plan.command)}, ctx);
    REQUIRE(imported.ok());
    dd::ui::note_list_changes(ls, {imported.value().changes}, 1, 2);
    CHECK(dd::ui::list_rows_pending(ls, 2));
    CHECK(catch_up(ls, store, 2, "") > 3);   // 24,000+ records, 4,096 a frame
    CHECK(ls.table.get() == built);            // followed, not rebuilt
    CHECK(shown_ids(ls) == expected_ids(store, ls, ""));
    CHECK(ls.rows.size() == 12200);

    // Its undo (every imported deal removed) and a small edit after it, noted before the list
    // caught up with the first: taken in order.
    auto undone = store.undo(ctx);
    REQUIRE(undone.ok());
    dd::ui::note_list_changes(ls, {undone.value().changes}, 2, 3);
    dd::ui::refresh_list_rows(ls, store, 3, "catch", 0.0);   // one part only
    CHECK(dd::ui::list_rows_pending(ls, 3));
    const dd::Id first = store.workspace().deals.front().meta.id;
    auto deleted = store.apply(dd::DeleteDeals{{first}}, ctx);
    REQUIRE(deleted.ok());
    dd::ui::note_list_changes(ls, {deleted.value().changes}, 3, 4);
    catch_up(ls, store, 4, "catch");
    CHECK(ls.table.get() == built);
    CHECK(shown_ids(ls) == expected_ids(store, ls, "catch"));
    CHECK(ls.rows.empty());
    dd::ui::refresh_list_rows(ls, store, 4, "");
    CHECK(shown_ids(ls) == expected_ids(store, ls, ""));
    CHECK(ls.rows.size() == 199);
}
