// The list keeps its DealTable up to date from the store's ChangeSets (note_list_changes, called
// by app_frame) instead of rebuilding it after every edit; a gap in the chain of data versions
// (a workspace loaded whole, a change nobody noted) rebuilds it.
#include <doctest/doctest.h>

#include "core/query.h"
#include "core/sample_data.h"
#include "core/store.h"
#include "ui/list_rows.h"
#include "list_rows_fixture.h"

namespace {

constexpr dd::Millis kNow = 1'780'000'000'000;

using dd::ui::test::expected_ids;
using dd::ui::test::shown_ids;

}  // namespace

TEST_CASE("list rows: an edit's ChangeSet updates the table in place; a gap rebuilds it") {
    dd::Store store;
    REQUIRE(store.load(dd::make_sample_workspace(8, 200, kNow)).ok());
    const dd::CommandContext ctx{store.settings().current_user, kNow};
    dd::ui::ListState ls;
    ls.sort = {{dd::DealColumn::Value, dd::kNoId, true}, {dd::DealColumn::Title, dd::kNoId, false}};
    dd::ui::refresh_list_rows(ls, store, 1, "a");
    const dd::DealTable* built = ls.table.get();
    REQUIRE(built != nullptr);

    // Delete the first row shown and rename the second: noted, then the next frame's refresh.
    const dd::Id gone = ls.table->deal(ls.rows[0]).meta.id;
    const dd::Id renamed = ls.table->deal(ls.rows[1]).meta.id;
    ls.selected = {gone, renamed};
    std::vector<dd::ChangeSet> frame;
    auto r1 = store.apply(dd::DeleteDeals{{gone}}, ctx);
    REQUIRE(r1.ok());
    frame.push_back(r1.value().changes);
    dd::DealPatch patch;
    patch.title = "Zzz last by title";
    patch.value = dd::Money(1);
    auto r2 = store.apply(dd::UpdateDeal{renamed, patch}, ctx);
    REQUIRE(r2.ok());
    frame.push_back(r2.value().changes);
    dd::ui::note_list_changes(ls, frame, 1, 2);
    dd::ui::refresh_list_rows(ls, store, 2, "a");
    CHECK(ls.table.get() == built);                  // updated, not rebuilt
    CHECK(shown_ids(ls) == expected_ids(store, ls, "a"));
    CHECK(ls.selected.count(gone) == 0);             // deleted deals leave the selection
    CHECK(ls.selected.count(renamed) == 1);

    // Two frames of changes noted before the list draws again (another view was shown).
    auto r3 = store.apply(dd::DuplicateDeal{renamed, 0x1234567}, ctx);
    REQUIRE(r3.ok());
    dd::ui::note_list_changes(ls, {r3.value().changes}, 2, 3);
    auto r4 = store.undo(ctx);
    REQUIRE(r4.ok());
    dd::ui::note_list_changes(ls, {r4.value().changes}, 3, 4);
    dd::ui::refresh_list_rows(ls, store, 4, "");
    CHECK(ls.table.get() == built);
    CHECK(shown_ids(ls) == expected_ids(store, ls, ""));

    // A change that was not noted (the version moved past the chain): a fresh table.
    auto r5 = store.apply(dd::DeleteDeals{{renamed}}, ctx);
    REQUIRE(r5.ok());
    dd::ui::refresh_list_rows(ls, store, 6, "");
    CHECK(ls.table.get() != built);
    CHECK(shown_ids(ls) == expected_ids(store, ls, ""));
}
