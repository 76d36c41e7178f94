// RecordReplay (the batch replay of journal records with an id index) must give exactly what
// applying the same records one by one with apply_record_json gives: same records, same order,
// same tombstones, so the same snapshot bytes.
#include "core/json_io.h"
#include "core/persist_replay.h"
#include "core/sample_data.h"

#include <doctest/doctest.h>

using namespace dd;

namespace {

constexpr Millis kNow = 1'790'000'000'000;

Tombstone tomb(RecordKind kind, Id id, Millis at) {
    Tombstone t;
    t.kind = kind;
    t.id = id;
    t.revision = 3;
    t.deleted_at = at;
    return t;
}

// A mixed run of changes: edits, new records, deletions, a deletion undone (the record comes back),
// a second deletion of the same record, settings, and records of other kinds.
std::vector<std::string> mixed_records(const Workspace& ws) {
    std::vector<std::string> out;
    Id next_id = 9'000'000;
    for (size_t i = 0; i < ws.deals.size(); i += 3) {
        Deal d = ws.deals[i];
        d.title += " (edited)";
        d.meta.revision += 1;
        out.push_back(record_to_json(d));
    }
    for (int i = 0; i < 5; ++i) {
        Deal d = ws.deals[size_t(i)];
        d.meta.id = next_id++;
        d.title = "New deal " + std::to_string(i);
        out.push_back(record_to_json(d));
    }
    out.push_back(tombstone_to_json(tomb(RecordKind::Deal, ws.deals[1].meta.id, kNow)));
    out.push_back(tombstone_to_json(tomb(RecordKind::Deal, ws.deals[4].meta.id, kNow + 1)));
    out.push_back(record_to_json(ws.deals[1]));   // undo of the first deletion
    out.push_back(tombstone_to_json(tomb(RecordKind::Deal, ws.deals[1].meta.id, kNow + 2)));   // deleted again
    out.push_back(tombstone_to_json(tomb(RecordKind::Note, ws.notes.front().meta.id, kNow + 3)));
    Contact c = ws.contacts.back();
    c.name = "Renamed contact";
    out.push_back(record_to_json(c));
    WorkspaceSettings s = ws.settings;
    s.name = "Replayed settings";
    out.push_back(record_to_json(s));
    out.push_back("{\"kind\":\"deal\",\"record\":{\"title\":5}}");   // refused: changes nothing
    Deal last = ws.deals.back();
    last.value = 123456;
    out.push_back(record_to_json(last));
    return out;
}

}  // namespace

TEST_CASE("batch replay with an id index equals applying each record with apply_record_json") {
    const Workspace start = make_sample_workspace(7, 60, kNow);
    const std::vector<std::string> records = mixed_records(start);

    Workspace one_by_one = start;
    int refused_one = 0;
    for (const std::string& r : records)
        if (!apply_record_json(one_by_one, r).ok()) ++refused_one;

    Workspace batched = start;
    int refused_batch = 0;
    RecordReplay replay(batched);
    for (const std::string& r : records)
        if (!replay.apply(r).ok()) ++refused_batch;
    replay.finish();

    CHECK(refused_one == 1);
    CHECK(refused_batch == refused_one);
    CHECK(batched.deals.size() == start.deals.size() + 5 - 2);
    CHECK(batched.settings.name == "Replayed settings");
    CHECK(batched.tombstones.size() == one_by_one.tombstones.size());
    CHECK(save_workspace_json(batched) == save_workspace_json(one_by_one));
}

TEST_CASE("batch replay: a record that fails leaves the workspace unchanged and later records still apply") {
    const Workspace start = make_sample_workspace(3, 10, kNow);
    Workspace ws = start;
    RecordReplay replay(ws);
    CHECK_FALSE(replay.apply("{\"kind\":\"nonsense\",\"record\":{}}").ok());
    CHECK_FALSE(replay.apply("not json").ok());
    replay.finish();
    CHECK(save_workspace_json(ws) == save_workspace_json(start));

    Workspace ws2 = start;
    RecordReplay again(ws2);
    CHECK_FALSE(again.apply("{\"kind\":\"deal\"}").ok());
    Deal d = start.deals[0];
    d.title = "After a refused record";
    CHECK(again.apply(record_to_json(d)).ok());
    again.finish();
    CHECK(ws2.deals[0].title == "After a refused record");
}

TEST_CASE("batch replay: a batch that adds many more records than the index was built for (it grows) stays exact") {
    const Workspace start = make_sample_workspace(5, 40, kNow);
    std::vector<std::string> records;
    Id next_id = 7'000'000;
    std::vector<Id> added;
    for (int i = 0; i < 700; ++i) {   // the deals' index is built for 40 + 64: it rehashes several times
        Deal d = start.deals[size_t(i) % start.deals.size()];
        d.meta.id = next_id++;
        d.title = "Added " + std::to_string(i);
        added.push_back(d.meta.id);
        records.push_back(record_to_json(d));
        if (i % 7 == 3) records.push_back(tombstone_to_json(tomb(RecordKind::Deal, added[size_t(i) / 2], kNow + i)));
        if (i % 11 == 5) {   // a deleted one comes back, edited
            Deal again = start.deals[0];
            again.meta.id = added[size_t(i) / 2];
            again.title = "Back " + std::to_string(i);
            records.push_back(record_to_json(again));
        }
    }
    Workspace one_by_one = start;
    for (const std::string& r : records) REQUIRE(apply_record_json(one_by_one, r).ok());
    Workspace batched = start;
    RecordReplay replay(batched);
    for (const std::string& r : records) REQUIRE(replay.apply(r).ok());
    replay.finish();
    CHECK(batched.deals.size() == one_by_one.deals.size());
    CHECK(save_workspace_json(batched) == save_workspace_json(one_by_one));
}

TEST_CASE("batch replay: a short journal (found by scanning, no index built) is exact too") {
    const Workspace start = make_sample_workspace(5, 40, kNow);
    std::vector<std::string> records;
    records.push_back(tombstone_to_json(tomb(RecordKind::Deal, start.deals[3].meta.id, kNow)));
    Deal back = start.deals[3];
    back.title = "Brought back";
    records.push_back(record_to_json(back));
    Deal edited = start.deals[7];
    edited.title = "Edited";
    records.push_back(record_to_json(edited));
    records.push_back(tombstone_to_json(tomb(RecordKind::Deal, start.deals[9].meta.id, kNow + 1)));
    Workspace one_by_one = start;
    for (const std::string& r : records) REQUIRE(apply_record_json(one_by_one, r).ok());
    Workspace batched = start;
    RecordReplay replay(batched);
    for (const std::string& r : records) REQUIRE(replay.apply(r).ok());
    replay.finish();
    CHECK(batched.deals.size() == start.deals.size() - 1);
    CHECK(save_workspace_json(batched) == save_workspace_json(one_by_one));
}
