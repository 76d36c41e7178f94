// Workspace persistence: ChangeSets journaled as json_io records, snapshots as workspace JSON,
// recovered into an equal workspace, damage reported by what was lost.
#include "core/snapshot_binary.h"
#include "persist_fixture.h"

#include <doctest/doctest.h>

using namespace dd;
using namespace dd::test;

namespace {

constexpr Millis kNow = kPersistNow;

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
    CHECK(opened.workspace().settings.name == "Acme sales");
    CHECK(records_of(opened.workspace()) == records_of(ws));
}

TEST_CASE("compaction keeps the workspace equal and the journal short") {
    JournalOptions opts;
    opts.compact_after_segments = 5;
    SavedWorkspace saved(9, 100, opts);
    Millis t = kNow;
    for (int i = 0; i < 12; ++i) {
        t += 1000;
        saved.rename_flushed(size_t(i), "Edit " + std::to_string(i), t);
        if (saved.writer.wants_compaction()) REQUIRE(saved.writer.compact(saved.ws, t).ok());
    }
    CHECK(saved.writer.journal().journal_bytes() < 5 * 2048);
    const OpenedWorkspace opened = saved.reopen(opts);
    REQUIRE(opened.found);
    CHECK(records_of(opened.workspace()) == records_of(saved.ws));
}

TEST_CASE("compaction in parts: the same snapshot file as in one go, over several calls") {
    SavedWorkspace one(21, 300), parts(21, 300);
    for (SavedWorkspace* s : {&one, &parts}) s->rename_flushed(4, "Before the compaction", kNow + 1000);
    REQUIRE(one.writer.compact(one.ws, kNow + 2000).ok());
    size_t calls = 0;
    bool done = false;
    while (!done) {
        REQUIRE(parts.writer.compact_step(parts.ws, 100, kNow + 2000, done).ok());
        ++calls;
        CHECK(parts.writer.compaction_under_way() == !done);
        REQUIRE(calls < 100'000);
    }
    CHECK(calls > 5);   // 300 deals and what comes with them: many parts of 100 records
    const std::string name = journal::snapshot_name(2);
    REQUIRE(one.storage.files().count(name) == 1);
    REQUIRE(parts.storage.files().count(name) == 1);
    CHECK(parts.storage.files().at(name) == one.storage.files().at(name));   // frame, CRCs and body
    const OpenedWorkspace opened = parts.reopen();
    REQUIRE(opened.found);
    CHECK(opened.recovery.snapshot_generation == 2);
    CHECK(opened.recovery.warnings.empty());
    CHECK(records_of(opened.workspace()) == records_of(parts.ws));
}

TEST_CASE("compaction in parts: a change, a whole save or a cancel meanwhile drops the part-made snapshot") {
    enum class Meanwhile { Change, SaveAll, Cancel };
    for (Meanwhile what : {Meanwhile::Change, Meanwhile::SaveAll, Meanwhile::Cancel}) {
        CAPTURE(int(what));
        SavedWorkspace saved(22, 200);
        bool done = false;
        REQUIRE(saved.writer.compact_step(saved.ws, 50, kNow + 1000, done).ok());
        REQUIRE_FALSE(done);
        REQUIRE(saved.writer.compaction_under_way());
        const size_t files_before = saved.storage.files().size();
        switch (what) {
        case Meanwhile::Change: saved.rename(7, "Changed during the compaction", kNow + 1100); break;
        case Meanwhile::SaveAll: REQUIRE(saved.writer.save_all(saved.ws, kNow + 1100).ok()); break;
        case Meanwhile::Cancel: saved.writer.cancel_compaction(); break;
        }
        CHECK_FALSE(saved.writer.compaction_under_way());
        // Counted when a change dropped it (the app compacts in one go after many in a row).
        CHECK(saved.writer.compaction_restarts() == (what == Meanwhile::Change ? 1u : 0u));
        if (what == Meanwhile::Change) {
            // Not with a change still buffered: refused, nothing written.
            CHECK_FALSE(saved.writer.compact_step(saved.ws, 50, kNow + 1200, done).ok());
            CHECK_FALSE(done);
            CHECK(saved.storage.files().size() == files_before);
            REQUIRE(saved.writer.flush(kNow + 1200).ok());
        }
        // Started again from the first record: the snapshot holds the workspace as it is now.
        do REQUIRE(saved.writer.compact_step(saved.ws, 1000, kNow + 1300, done).ok());
        while (!done);
        CHECK(saved.writer.compaction_restarts() == 0u);
        const OpenedWorkspace opened = saved.reopen();
        REQUIRE(opened.found);
        CHECK(opened.recovery.warnings.empty());
        CHECK(opened.recovery.entries_replayed == 0);   // the change is in the new snapshot
        CHECK(records_of(opened.workspace()) == records_of(saved.ws));
    }
}

TEST_CASE("compaction in parts: a workspace changed without a word (another object, or a new journal entry) starts it again") {
    SavedWorkspace saved(23, 150);
    bool done = false;
    REQUIRE(saved.writer.compact_step(saved.ws, 40, kNow + 1000, done).ok());
    REQUIRE_FALSE(done);
    // Another workspace object: the part-made snapshot was of the first; this one is encoded whole.
    Workspace copy = saved.ws;
    copy.deals[0].title = "Only in the copy";
    do REQUIRE(saved.writer.compact_step(copy, 1000, kNow + 1100, done).ok());
    while (!done);
    const OpenedWorkspace opened = saved.reopen();
    REQUIRE(opened.found);
    CHECK(records_of(opened.workspace()) == records_of(copy));
}

namespace {

// Two snapshot generations with a change between them, and one after the newest: a damaged or
// refused newest snapshot must lose none of it.
void save_two_generations(SavedWorkspace& saved) {
    saved.rename(0, "Between snapshots", kNow + 1);
    REQUIRE(saved.writer.compact(saved.ws, kNow + 2).ok());
    saved.rename_flushed(1, "After the second snapshot", kNow + 3);
    REQUIRE(saved.storage.files().count(journal::snapshot_name(2)) == 1);
}

// Recovery fell back from the newest snapshot (named in the first warning, with `why` if given) to
// generation 1 and lost no change; the refused file is kept aside as .bad.
void check_fell_back(SavedWorkspace& saved, const std::string& why) {
    const std::string newest = journal::snapshot_name(2);
    const OpenedWorkspace opened = saved.reopen();
    REQUIRE(opened.found);
    CHECK(opened.recovery.snapshot_generation == 1);
    REQUIRE_FALSE(opened.recovery.warnings.empty());
    CHECK(opened.recovery.warnings[0].find(newest) != std::string::npos);
    if (!why.empty()) CHECK(opened.recovery.warnings[0].find(why) != std::string::npos);
    CHECK(records_of(opened.workspace()) == records_of(saved.ws));
    CHECK(opened.checked.checked());
    CHECK(saved.storage.files().count(newest + ".bad") == 1);
}

}  // namespace

TEST_CASE("a corrupted snapshot payload falls back to the previous generation; the app keeps every edit") {
    SavedWorkspace saved(11, 50);
    save_two_generations(saved);
    // Damage the newest snapshot in a way its checksum does not see (rewritten with a bad body).
    saved.storage.files()[journal::snapshot_name(2)] =
        journal::encode_snapshot({2, 1, kNow}, "{\"format\":\"dealdeck\",\"version\":1,\"deals\":[{]}");
    check_fell_back(saved, "");
}

TEST_CASE("a flipped bit in the stored binary snapshot is caught by the file's checksum (the body's own CRC is not rerun)") {
    SavedWorkspace saved(29, 50);
    save_two_generations(saved);
    // Recovery streams the snapshot: one CRC over it, the file's, computed as the slices pass.
    std::string& file = saved.storage.files()[journal::snapshot_name(2)];
    for (size_t at : {size_t(48 + 3), size_t(48 + 20 + 7), file.size() / 2, file.size() - 1}) {
        SavedWorkspace again(29, 50);
        save_two_generations(again);
        again.storage.files()[journal::snapshot_name(2)][at] ^= 0x04;
        check_fell_back(again, "checksum mismatch");
    }
}

TEST_CASE("a snapshot damaged inside a text decodes, then fails the file's checksum read as it streamed: the previous generation is used") {
    SavedWorkspace saved(31, 50);
    save_two_generations(saved);
    // A letter of a deal's title changed: the decoder, reading the file a window at a time,
    // accepts the bytes (any letter makes a title); only the CRC-32 over the slices, complete at
    // the end, can tell, and the workspace decoded from them must not be used.
    std::string& file = saved.storage.files()[journal::snapshot_name(2)];
    const std::string& title = saved.ws.deals[3].title;
    REQUIRE(title.size() > 2);
    const size_t at = file.find(title);
    REQUIRE(at != std::string::npos);
    file[at + 1] = file[at + 1] == 'Q' ? 'R' : 'Q';
    check_fell_back(saved, "damaged (checksum mismatch)");
}

TEST_CASE("a binary snapshot the workspace check refuses falls back to the previous generation") {
    SavedWorkspace saved(23, 50);
    save_two_generations(saved);
    // A well-framed, checksummed generation 2 whose deal points at a stage that does not exist.
    Workspace broken = saved.ws;
    broken.deals[7].stage = 0x42;
    saved.storage.files()[journal::snapshot_name(2)] = journal::encode_snapshot({2, 1, kNow}, save_workspace_binary(broken));
    check_fell_back(saved, "deals[7].stage");
}

// A browser start fetches only the newest snapshot's bytes (Storage::bytes_ready): the older
// generation is read only when the newest does not load.
TEST_CASE("the older snapshot's bytes are not needed while the newest loads, and a compaction can still remove it") {
    SavedWorkspace saved(37, 50);
    save_two_generations(saved);
    const std::string older = journal::snapshot_name(1);
    saved.storage.hold_bytes(older);
    WorkspacePersistence writer(saved.storage);
    const OpenedWorkspace opened = writer.open();
    REQUIRE(opened.found);
    CHECK(opened.recovery.needs_bytes.empty());
    CHECK(opened.recovery.snapshot_generation == 2);
    CHECK(opened.recovery.warnings.empty());
    CHECK(records_of(opened.workspace()) == records_of(saved.ws));
    CHECK(saved.storage.files().count(older) == 1);
    // The next compaction writes generation 3 and lets generation 1 go, bytes or not.
    REQUIRE(writer.compact(saved.ws, kNow + 10).ok());
    CHECK(saved.storage.files().count(journal::snapshot_name(3)) == 1);
    CHECK(saved.storage.files().count(older) == 0);
    CHECK(saved.storage.bytes_ready(older));
}

TEST_CASE("a newest snapshot that fails while the older one's bytes are not in: recovery stops, changes nothing, and falls back once they are") {
    SavedWorkspace saved(41, 50);
    save_two_generations(saved);
    std::string& newest = saved.storage.files()[journal::snapshot_name(2)];
    newest[newest.size() / 2] ^= 0x10;
    const std::string older = journal::snapshot_name(1);
    saved.storage.hold_bytes(older);
    const auto files_before = saved.storage.files();
    const uint64_t commits_before = saved.storage.commits_done();

    const OpenedWorkspace waiting = saved.reopen();
    CHECK(waiting.recovery.needs_bytes == older);
    CHECK_FALSE(waiting.found);
    CHECK(waiting.recovery.warnings.empty());    // said by the run that decides
    CHECK(waiting.recovery.set_aside.empty());
    CHECK(saved.storage.files() == files_before);   // nothing renamed aside, nothing written
    CHECK(saved.storage.commits_done() == commits_before);

    saved.storage.release_bytes(older);
    check_fell_back(saved, "checksum mismatch");
}

TEST_CASE("memory storage: a file whose bytes are held is listed and removable, never read or renamed") {
    MemoryStorage storage;
    REQUIRE(storage.write_atomic("a", "bytes").ok());
    storage.hold_bytes("a");
    CHECK_FALSE(storage.bytes_ready("a"));
    CHECK(storage.list().value() == std::vector<std::string>{"a"});
    CHECK_FALSE(storage.read("a").ok());
    char buf[4];
    CHECK_FALSE(storage.read_part("a", 0, buf, sizeof buf).ok());
    CHECK_FALSE(storage.rename("a", "b").ok());
    CHECK(storage.files().count("a") == 1);
    REQUIRE(storage.write_atomic("a", "new").ok());   // replaced: its bytes are here
    CHECK(storage.read("a").value() == "new");
    storage.hold_bytes("a");
    REQUIRE(storage.remove("a").ok());
    CHECK(storage.bytes_ready("a"));
}

TEST_CASE("a corrupted journal segment loses only its change, named in the warning") {
    SavedWorkspace saved(13, 50);
    saved.rename_flushed(0, "Kept 1", kNow + 1000);
    const std::string lost_title_of = saved.ws.deals[1].title;
    saved.rename_flushed(1, "Lost", kNow + 2000);
    saved.rename_flushed(2, "Kept 2", kNow + 3000);

    const std::string damaged = journal::segment_name(2);
    saved.storage.files()[damaged][40] ^= 0x08;
    WorkspacePersistence again(saved.storage);
    const OpenedWorkspace opened = again.open();
    REQUIRE(opened.found);
    REQUIRE(opened.recovery.warnings.size() == 1);
    CHECK(opened.recovery.warnings[0].find(damaged) != std::string::npos);
    CHECK(opened.workspace().deals[0].title == "Kept 1");
    CHECK(opened.workspace().deals[1].title == lost_title_of);
    CHECK(opened.workspace().deals[2].title == "Kept 2");
    CHECK(again.wants_compaction());
}

TEST_CASE("one edit on a large workspace writes one small segment") {
    SavedWorkspace saved(17, 5000);
    const uint64_t before = saved.storage.bytes_committed();
    saved.rename(42, "One more edit", kNow + 1000);
    REQUIRE(saved.writer.flush(kNow + 1400).ok());
    const uint64_t per_edit = saved.storage.bytes_committed() - before;
    MESSAGE("snapshot bytes: " << before << ", one edit: " << per_edit << " bytes");
    CHECK(per_edit < 4096);
}

TEST_CASE("snapshots are written in the binary encoding") {
    SavedWorkspace saved(19, 300);
    const auto snap = journal::decode_snapshot(saved.storage.files().at(journal::snapshot_name(1)));
    REQUIRE(snap.ok);
    CHECK(is_binary_workspace(snap.payload));
    CHECK(snap.payload.size() * 3 < save_workspace_json(saved.ws).size());
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
    CHECK(records_of(opened.workspace()) == records_of(ws));
    CHECK(opened.checked.checked());
    CHECK(p.wants_compaction());   // the JSON is replaced at the first idle moment
    REQUIRE(p.compact(opened.workspace(), kNow + 2).ok());
    const auto snap = journal::decode_snapshot(storage.files().at(journal::snapshot_name(2)));
    REQUIRE(snap.ok);
    CHECK(is_binary_workspace(snap.payload));
    CHECK_FALSE(p.wants_compaction());

    WorkspacePersistence again(storage);
    const OpenedWorkspace reopened = again.open();
    REQUIRE(reopened.found);
    CHECK(reopened.recovery.snapshot_generation == 2);
    CHECK(records_of(reopened.workspace()) == records_of(ws));
    CHECK_FALSE(again.wants_compaction());
}

TEST_CASE("an old JSON snapshot with no journal after it is handed over checked by its own loader") {
    MemoryStorage storage;
    const Workspace ws = make_sample_workspace(25, 80, kNow);
    storage.write_atomic(journal::snapshot_name(1), journal::encode_snapshot({1, 0, kNow}, save_workspace_json(ws)));
    WorkspacePersistence p(storage);
    OpenedWorkspace opened = p.open();
    REQUIRE(opened.found);
    CHECK(opened.checked.checked());
    Store store;
    REQUIRE(store.load(std::move(opened.checked)).ok());
    CHECK(records_of(store.workspace()) == records_of(ws));
}

TEST_CASE("recovery hands the store a checked workspace: the one check it ran is not repeated") {
    SavedWorkspace saved(27, 120);
    SUBCASE("snapshot alone") {}
    SUBCASE("snapshot and journal") { saved.rename_flushed(3, "Journaled", kNow + 10); }
    OpenedWorkspace opened = saved.reopen();
    REQUIRE(opened.found);
    REQUIRE(opened.checked.checked());
    Store store;
    REQUIRE(store.load(std::move(opened.checked)).ok());
    CHECK_FALSE(opened.checked.checked());   // moved from: nothing unchecked can pass for checked
    CHECK(records_of(store.workspace()) == records_of(saved.ws));

    // Nothing stored: nothing found, and the empty holder does not count as checked.
    MemoryStorage empty;
    WorkspacePersistence first_start(empty);
    const OpenedWorkspace none = first_start.open();
    CHECK_FALSE(none.found);
    CHECK_FALSE(none.checked.checked());
}
