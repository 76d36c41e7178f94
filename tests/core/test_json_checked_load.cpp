// Opening a file checks it once: load_checked_workspace_json hands Store::load a CheckedWorkspace,
// which the store takes without a second check. What the store refuses must not change.
#include "core/json_io.h"
#include "core/sample_data.h"
#include "core/store.h"
#include "core/store_load.h"
#include "test_json_equal.h"

#include <doctest/doctest.h>

using namespace dd;

namespace {
const Millis kNow = Millis(day_from_civil(2026, 3, 15)) * 86'400'000 + 12 * 3'600'000;

// A workspace with a dangling reference: every loader and the store must refuse it.
Workspace broken_workspace() {
    Workspace ws = make_sample_workspace(5, 40, kNow);
    ws.deals[3].company = 0x77;
    return ws;
}
}  // namespace

TEST_CASE("a checked file goes into the store and gives the same store as the plain path") {
    const Workspace original = make_sample_workspace(9, 200, kNow);
    const std::string saved = save_workspace_json(original);

    Result<CheckedWorkspace> checked = load_checked_workspace_json(saved);
    REQUIRE_MESSAGE(checked.ok(), checked.error().text());
    CHECK(checked.value().checked());
    CHECK_SAME_WORKSPACE(original, checked.value().workspace());

    Store via_checked, via_plain;
    REQUIRE(via_checked.load(std::move(checked.value())).ok());
    Result<Workspace> plain = load_workspace_json(saved);
    REQUIRE(plain.ok());
    REQUIRE(via_plain.load(std::move(plain.value())).ok());
    CHECK_SAME_WORKSPACE(via_checked.workspace(), via_plain.workspace());
    // The indexes were built as well: same lanes, same totals.
    for (const Pipeline& p : original.pipelines) {
        for (const Stage& s : p.stages) {
            CHECK(via_checked.lane_totals(s.id).count == via_plain.lane_totals(s.id).count);
            CHECK(via_checked.lane_totals(s.id).total == via_plain.lane_totals(s.id).total);
        }
    }
    CHECK(save_workspace_json(via_checked.workspace()) == saved);
}

TEST_CASE("a workspace that breaks a rule never becomes a CheckedWorkspace") {
    const Workspace broken = broken_workspace();
    const Status expected = validate_workspace(broken);
    REQUIRE_FALSE(expected.ok());
    CHECK(expected.error().text() == "deals[3].company: no company with id 0000000000000077");

    Result<CheckedWorkspace> checked = CheckedWorkspace::check(broken);
    REQUIRE_FALSE(checked.ok());
    CHECK(checked.error().text() == expected.error().text());

    Result<CheckedWorkspace> from_file = load_checked_workspace_json(save_workspace_json(broken));
    REQUIRE_FALSE(from_file.ok());
    CHECK(from_file.error().text() == expected.error().text());

    Store store;
    Status refused = store.load(broken);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().text() == expected.error().text());
}

TEST_CASE("a moved-from or released CheckedWorkspace is no longer trusted") {
    Result<CheckedWorkspace> checked = CheckedWorkspace::check(make_sample_workspace(2, 30, kNow));
    REQUIRE(checked.ok());
    CheckedWorkspace first = std::move(checked.value());
    CHECK(first.checked());
    CHECK_FALSE(checked.value().checked());  // the moved-from one

    CheckedWorkspace second = std::move(first);
    CHECK(second.checked());
    CHECK_FALSE(first.checked());

    // Released, changed, and wrapped again: only a new check makes it trusted, and the check sees
    // the change.
    Workspace ws = std::move(second).release();
    CHECK_FALSE(second.checked());
    ws.deals[0].pipeline = 0x99;
    Result<CheckedWorkspace> again = CheckedWorkspace::check(std::move(ws));
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().text() == "deals[0].pipeline: no pipeline with id 0000000000000099");
}

TEST_CASE("Store::load checks a CheckedWorkspace that is not trusted any more") {
    // A moved-from CheckedWorkspace keeps what a moved-from Workspace keeps: empty arrays but the
    // settings' plain values, so its current user names a team member that is not there. Taken on
    // trust it would load; checked, it is refused.
    Result<CheckedWorkspace> checked = CheckedWorkspace::check(make_sample_workspace(4, 30, kNow));
    REQUIRE(checked.ok());
    REQUIRE(checked.value().workspace().settings.current_user != kNoId);
    CheckedWorkspace kept = std::move(checked.value());
    REQUIRE(checked.value().workspace().team.empty());
    Store store;
    const Status refused = store.load(std::move(checked.value()));
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().field == "settings.current_user");
    CHECK(store.workspace().deals.empty());  // untouched
    REQUIRE(store.load(std::move(kept)).ok());
    CHECK(store.workspace().deals.size() == 30);
}
