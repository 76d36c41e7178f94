// Workspace persistence: ChangeSets journaled as json_io records, snapshots as workspace JSON,
// recovered into an equal workspace, damage reported by what was lost.
#include "core/json_io.h"
#include "core/persist_workspace.h"
#include "core/sample_data.h"
#include "core/snapshot_binary.h"
#include "core/storage_memory.h"
#include "core/store.h"

#include <doctest/doctest.h>
#include <map>

using namespace dd;

namespace {

constexpr Millis kNow = 1'790'000'000'000;   // 2026-09-21

// Every record of the workspace by kind and id, as JSON: equal maps = equal workspaces, whatever
// the order of the vectors (replay appends new records at the end).
std::map<std::pair<int, Id>, std::string> records_of(const Workspace& ws) {
    std::map<std::pair<int, Id>, std::string> out;
    auto add = [&](const auto& v, RecordKind kind) {
        for (const auto& r : v) out[{int(kind), r.meta.id}] = record_to_json(r);
    };
    add(ws.pipelines, RecordKind::Pipeline);
    add(ws.deals, RecordKind::Deal);
    add(ws.contacts, RecordKind::Contact);
    add(ws.companies, RecordKind::Company);
    add(ws.team, RecordKind::TeamMember);
    add(ws.activities, RecordKind::Activity);
    add(ws.notes, RecordKind::Note);
    add(ws.history, RecordKind::DealChange);
    add(ws.custom_fields, RecordKind::CustomField);
    add(ws.lost_reasons, RecordKind::LostReason);
    out[{int(RecordKind::Settings), 0}] = record_to_json(ws.settings);
    for (const Tombstone& t : ws.tombstones) out[{100 + int(t.kind), t.id}] = tombstone_to_json(t);
    return out;
}

// A command's effect done by hand, the way the store reports it: change a deal's title.
ChangeSet rename_deal(Workspace& ws, size_t index, const std::string& title, Millis now) {
    Deal& d = ws.deals[index];
    d.title = title;
    d.meta.revision += 1;
    d.meta.updated_at = now;
    ChangeSet c;
    c.upserted.push_back(RecordRef{RecordKind::Deal, d.meta.id});
    return c;
}

// Deletes a note (nothing references notes), leaving a tombstone.
ChangeSet delete_note(Workspace& ws, size_t index, Millis now) {
    const Note n = ws.notes[index];
    ws.notes.erase(ws.notes.begin() + long(index));
    Tombstone t{RecordKind::Note, n.meta.id, n.meta.revision + 1, now};
    ws.tombstones.push_back(t);
    ChangeSet c;
    c.removed.push_back(t);
    return c;
}

}  // namespace

TEST_CASE("entry framing round-trips and refuses broken frames") {
    const std::vector<std::string> records = {"{\"a\":1}", "", std::string("x:y\n9:z")};
    std::vector<std::string_view> back;
    const std::string framed = frame_records(records);   // the views point into it
    REQUIRE(unframe_records(framed, back));
    REQUIRE(back.size() == 3);
    for (size_t i = 0; i < 3; ++i) CHECK(back[i] == records[i]);
    CHECK_FALSE(unframe_records("5:abc", back));
    CHECK_FALSE(unframe_records("abc", back));
    CHECK_FALSE(unframe_records("3abc", back));
}

TEST_CASE("first start finds nothing; a saved workspace, its edits and deletions come back equal") {
    MemoryStorage storage;
    Workspace ws = make_sample_workspace(7, 200, kNow);
    {
        WorkspacePersistence p(storage);
        const OpenedWorkspace opened = p.open();
        CHECK_FALSE(opened.found);
        CHECK(opened.recovery.warnings.empty());
        REQUIRE(p.save_all(ws, kNow).ok());
        p.on_applied(ws, rename_deal(ws, 3, "Renamed after save", kNow + 1000), kNow + 1000);
        p.on_applied(ws, delete_note(ws, 0, kNow + 2000), kNow + 2000);
        ws.settings.name = "Acme sales";
        ChangeSet settings;
        settings.settings = true;
        p.on_applied(ws, settings, kNow + 2100);
        CHECK(p.status().state == SaveState::Unsaved);
        CHECK(p.needs_flush(kNow + 1400));
        REQUIRE(p.flush(kNow + 1400).ok());
        CHECK(p.status().state == SaveState::Saved);
    }
    WorkspacePersistence again(storage);
    const OpenedWorkspace opened = again.open();
    REQUIRE(opened.found);
    CHECK(opened.recovery.warnings.empty());
    CHECK(opened.recovery.entries_replayed == 3);
    CHECK(opened.workspace.settings.name == "Acme sales");
    CHECK(records_of(opened.workspace) == records_of(ws));
}

TEST_CASE("compaction keeps the workspace equal and the journal short") {
    MemoryStorage storage;
    JournalOptions opts;
    opts.compact_after_segments = 5;
    Workspace ws = make_sample_workspace(9, 100, kNow);
    WorkspacePersistence p(storage, opts);
    p.open();
    REQUIRE(p.save_all(ws, kNow).ok());
    Millis t = kNow;
    for (int i = 0; i < 12; ++i) {
        t += 1000;
        p.on_applied(ws, rename_deal(ws, size_t(i), "Edit " + std::to_string(i), t), t);
        REQUIRE(p.flush(t).ok());
        if (p.wants_compaction()) REQUIRE(p.compact(ws, t).ok());
    }
    CHECK(p.journal().journal_bytes() < 5 * 2048);
    WorkspacePersistence again(storage, opts);
    const OpenedWorkspace opened = again.open();
    REQUIRE(opened.found);
    CHECK(records_of(opened.workspace) == records_of(ws));
}

TEST_CASE("a corrupted snapshot payload falls back to the previous generation; the app keeps every edit") {
    MemoryStorage storage;
    Workspace ws = make_sample_workspace(11, 50, kNow);
    WorkspacePersistence p(storage);
    p.open();
    REQUIRE(p.save_all(ws, kNow).ok());
    p.on_applied(ws, rename_deal(ws, 0, "Between snapshots", kNow + 1), kNow + 1);
    REQUIRE(p.compact(ws, kNow + 2).ok());
    p.on_applied(ws, rename_deal(ws, 1, "After the second snapshot", kNow + 3), kNow + 3);
    REQUIRE(p.flush(kNow + 3).ok());

    // Damage the newest snapshot in a way its checksum does not see (rewritten with a bad body).
    const std::string newest = journal::snapshot_name(2);
    REQUIRE(storage.files().count(newest) == 1);
    storage.files()[newest] = journal::encode_snapshot({2, 1, kNow}, "{\"format\":\"dealdeck\",\"version\":1,\"deals\":[{]}");

    WorkspacePersistence again(storage);
    const OpenedWorkspace opened = again.open();
    REQUIRE(opened.found);
    CHECK(opened.recovery.snapshot_generation == 1);
    REQUIRE_FALSE(opened.recovery.warnings.empty());
    CHECK(opened.recovery.warnings[0].find(newest) != std::string::npos);
    CHECK(records_of(opened.workspace) == records_of(ws));
    CHECK(storage.files().count(newest + ".bad") == 1);
}

TEST_CASE("a corrupted journal segment loses only its change, named in the warning") {
    MemoryStorage storage;
    Workspace ws = make_sample_workspace(13, 50, kNow);
    WorkspacePersistence p(storage);
    p.open();
    REQUIRE(p.save_all(ws, kNow).ok());
    const Workspace before_lost = ws;
    p.on_applied(ws, rename_deal(ws, 0, "Kept 1", kNow + 1000), kNow + 1000);
    REQUIRE(p.flush(kNow + 1000).ok());
    const std::string lost_title_of = ws.deals[1].title;
    p.on_applied(ws, rename_deal(ws, 1, "Lost", kNow + 2000), kNow + 2000);
    REQUIRE(p.flush(kNow + 2000).ok());
    p.on_applied(ws, rename_deal(ws, 2, "Kept 2", kNow + 3000), kNow + 3000);
    REQUIRE(p.flush(kNow + 3000).ok());

    const std::string damaged = journal::segment_name(2);
    storage.files()[damaged][40] ^= 0x08;
    WorkspacePersistence again(storage);
    const OpenedWorkspace opened = again.open();
    REQUIRE(opened.found);
    REQUIRE(opened.recovery.warnings.size() == 1);
    CHECK(opened.recovery.warnings[0].find(damaged) != std::string::npos);
    CHECK(opened.workspace.deals[0].title == "Kept 1");
    CHECK(opened.workspace.deals[1].title == lost_title_of);
    CHECK(opened.workspace.deals[2].title == "Kept 2");
    CHECK(again.wants_compaction());
}

TEST_CASE("one edit on a large workspace writes one small segment") {
    MemoryStorage storage;
    Workspace ws = make_sample_workspace(17, 5000, kNow);
    WorkspacePersistence p(storage);
    p.open();
    REQUIRE(p.save_all(ws, kNow).ok());
    const uint64_t before = storage.bytes_committed();
    p.on_applied(ws, rename_deal(ws, 42, "One more edit", kNow + 1000), kNow + 1000);
    REQUIRE(p.flush(kNow + 1400).ok());
    const uint64_t per_edit = storage.bytes_committed() - before;
    MESSAGE("snapshot bytes: " << before << ", one edit: " << per_edit << " bytes");
    CHECK(per_edit < 4096);
}

TEST_CASE("snapshots are written in the binary encoding") {
    MemoryStorage storage;
    const Workspace ws = make_sample_workspace(19, 300, kNow);
    WorkspacePersistence p(storage);
    p.open();
    REQUIRE(p.save_all(ws, kNow).ok());
    const auto snap = journal::decode_snapshot(storage.files().at(journal::snapshot_name(1)));
    REQUIRE(snap.ok);
    CHECK(is_binary_workspace(snap.payload));
    CHECK(snap.payload.size() * 3 < save_workspace_json(ws).size());
}

TEST_CASE("a profile holding an old JSON snapshot still opens, and the next compaction writes it in binary") {
    MemoryStorage storage;
    Workspace ws = make_sample_workspace(21, 120, kNow);
    // What the app wrote before the binary snapshot: the workspace JSON as generation 1, then an edit.
    storage.write_atomic(journal::snapshot_name(1), journal::encode_snapshot({1, 0, kNow}, save_workspace_json(ws)));
    {
        WorkspacePersistence old(storage);
        old.open();
        old.on_applied(ws, rename_deal(ws, 4, "Edited in the JSON days", kNow + 1), kNow + 1);
        REQUIRE(old.flush(kNow + 1).ok());   // no compaction called: the JSON snapshot stays
    }
    REQUIRE(storage.files().count(journal::snapshot_name(2)) == 0);

    WorkspacePersistence p(storage);
    OpenedWorkspace opened = p.open();
    REQUIRE(opened.found);
    CHECK(opened.recovery.warnings.empty());
    CHECK(opened.recovery.snapshot_generation == 1);
    CHECK(records_of(opened.workspace) == records_of(ws));
    CHECK(p.wants_compaction());   // the JSON is replaced at the first idle moment
    REQUIRE(p.compact(opened.workspace, kNow + 2).ok());
    const auto snap = journal::decode_snapshot(storage.files().at(journal::snapshot_name(2)));
    REQUIRE(snap.ok);
    CHECK(is_binary_workspace(snap.payload));
    CHECK_FALSE(p.wants_compaction());

    WorkspacePersistence again(storage);
    const OpenedWorkspace reopened = again.open();
    REQUIRE(reopened.found);
    CHECK(reopened.recovery.snapshot_generation == 2);
    CHECK(records_of(reopened.workspace) == records_of(ws));
    CHECK_FALSE(again.wants_compaction());
}

TEST_CASE("a binary snapshot the workspace check refuses falls back to the previous generation") {
    MemoryStorage storage;
    Workspace ws = make_sample_workspace(23, 50, kNow);
    WorkspacePersistence p(storage);
    p.open();
    REQUIRE(p.save_all(ws, kNow).ok());
    p.on_applied(ws, rename_deal(ws, 0, "Between snapshots", kNow + 1), kNow + 1);
    REQUIRE(p.compact(ws, kNow + 2).ok());

    // A well-framed, checksummed generation 2 whose deal points at a stage that does not exist.
    Workspace broken = ws;
    broken.deals[7].stage = 0x42;
    const std::string newest = journal::snapshot_name(2);
    storage.files()[newest] = journal::encode_snapshot({2, 1, kNow}, save_workspace_binary(broken));

    WorkspacePersistence again(storage);
    const OpenedWorkspace opened = again.open();
    REQUIRE(opened.found);
    CHECK(opened.recovery.snapshot_generation == 1);
    REQUIRE_FALSE(opened.recovery.warnings.empty());
    CHECK(opened.recovery.warnings[0].find(newest) != std::string::npos);
    CHECK(opened.recovery.warnings[0].find("deals[7].stage") != std::string::npos);
    CHECK(records_of(opened.workspace) == records_of(ws));
    CHECK(storage.files().count(newest + ".bad") == 1);
}
