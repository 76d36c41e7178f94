// Record-level encode/apply for the persistence journal.
#include "core/json_io.h"
#include "core/sample_data.h"
#include "test_json_equal.h"

#include <doctest/doctest.h>

using namespace dd;

namespace {
const Millis kNow = Millis(day_from_civil(2026, 3, 15)) * 86'400'000;
}

TEST_CASE("a changed record, encoded and applied, turns the old workspace into the new one") {
    const Workspace before = make_sample_workspace(5, 40, kNow);
    Workspace after = before;
    after.deals[2].title = "Renamed \"deal\"";
    after.deals[2].value += 5000;
    after.deals[2].meta.revision += 1;
    after.contacts[1].email = "new@example.com";
    after.settings.name = "Renamed workspace";
    after.pipelines[1].stages[0].name = "Due for renewal";

    Workspace replayed = before;
    for (const std::string& entry : {record_to_json(after, RecordKind::Deal, after.deals[2].meta.id),
                                     record_to_json(after.contacts[1]), record_to_json(after.settings),
                                     record_to_json(after, RecordKind::Pipeline, after.pipelines[1].meta.id)}) {
        Status s = apply_record_json(replayed, entry);
        REQUIRE_MESSAGE(s.ok(), s.error().text());
    }
    CHECK_SAME_WORKSPACE(after, replayed);
    CHECK(save_workspace_json(replayed) == save_workspace_json(after));
}

TEST_CASE("an entry is one object with its kind, the record as in the snapshot") {
    const Workspace ws = make_sample_workspace(5, 10, kNow);
    const Deal& d = ws.deals[0];
    const std::string entry = record_to_json(d);
    CHECK(entry.rfind("{\"kind\":\"deal\",\"record\":{\"id\":\"" + id_to_string(d.meta.id) + "\"", 0) == 0);
    CHECK(entry.find('\n') == std::string::npos);
    // The same bytes as the deal's line in the snapshot.
    const std::string snapshot = save_workspace_json(ws);
    const std::string record = entry.substr(entry.find("\"record\":") + 9, entry.size() - entry.find("\"record\":") - 10);
    CHECK(snapshot.find("\n" + record + ",\n") != std::string::npos);
    CHECK(record_to_json(ws, RecordKind::Deal, 12345).empty());
    CHECK(record_to_json(ws, RecordKind::Settings, kNoId) == record_to_json(ws.settings));
}

TEST_CASE("new records are appended; tombstones delete and are kept; a restore drops the tombstone") {
    Workspace ws = make_sample_workspace(5, 10, kNow);
    Deal extra = ws.deals[0];
    extra.meta.id = 0x00000000000000aaULL;
    extra.title = "Brand new";
    extra.external_ref.clear();
    REQUIRE(apply_record_json(ws, record_to_json(extra)).ok());
    REQUIRE(ws.deals.size() == 11);
    CHECK(ws.deals.back() == extra);

    const Tombstone gone{RecordKind::Deal, extra.meta.id, 2, kNow + 5};
    REQUIRE(apply_record_json(ws, tombstone_to_json(gone)).ok());
    CHECK(ws.deals.size() == 10);
    REQUIRE(ws.tombstones.size() == 1);
    CHECK(ws.tombstones[0] == gone);
    // Replaying the same tombstone again is harmless (journals may repeat an entry).
    REQUIRE(apply_record_json(ws, tombstone_to_json(gone)).ok());
    CHECK(ws.tombstones.size() == 1);

    REQUIRE(apply_record_json(ws, record_to_json(extra)).ok());
    CHECK(ws.deals.size() == 11);
    CHECK(ws.tombstones.empty());
    CHECK(check_workspace(ws).ok());
}

TEST_CASE("a malformed entry is refused with its path and leaves the workspace unchanged") {
    Workspace ws = make_sample_workspace(5, 10, kNow);
    const std::string before = save_workspace_json(ws);
    std::string bad = record_to_json(ws.deals[4]);
    bad.replace(bad.find("\"value\":"), 8, "\"value\":\"x\",\"ignored\":");
    Status s = apply_record_json(ws, bad);
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().text() == "record.value: expected an integer");
    CHECK(save_workspace_json(ws) == before);

    s = apply_record_json(ws, R"({"kind":"spaceship","record":{}})");
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().text() == "kind: unknown value \"spaceship\"");
    s = apply_record_json(ws, R"({"record":{}})");
    CHECK(s.error().text() == "kind: missing required field");
    s = apply_record_json(ws, R"({"kind":"deal"})");
    CHECK(s.error().text() == "record: missing required field");
    s = apply_record_json(ws, R"({"kind":"tombstone","record":{"kind":"settings","id":"0000000000000001","revision":1,"deleted_at":"2026-01-01T00:00:00Z"}})");
    CHECK(s.error().text() == "record.kind: the settings cannot be deleted");
    s = apply_record_json(ws, R"({"kind":"deal","record":{"id":"00000000000000)");
    CHECK(s.error().message.find("unexpected end of input") == 0);
    CHECK(save_workspace_json(ws) == before);
}
