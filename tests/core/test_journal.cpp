// The journal engine over in-memory storage: flush, recovery, compaction, damage and crashes.
// The payloads here are a toy model (key=value lines) since the journal treats them as opaque;
// tests/core/test_persist_workspace.cpp runs the same paths with real workspaces.
#include "core/journal.h"
#include "core/storage_memory.h"

#include <doctest/doctest.h>
#include <map>
#include <random>

using namespace dd;

namespace {

using Model = std::map<std::string, std::string>;

void apply_line(Model& m, std::string_view line) {
    const size_t eq = line.find('=');
    if (eq != std::string_view::npos) m[std::string(line.substr(0, eq))] = std::string(line.substr(eq + 1));
}

std::string encode(const Model& m) {
    std::string s;
    for (const auto& [k, v] : m) s += k + "=" + v + "\n";
    return s;
}

// Recovers into a Model; payloads "REFUSE" make the candidate fail (a snapshot the loader rejects).
struct Reopened {
    Model model;
    Recovery recovery;
};
// Applies a candidate's entries after its snapshot; an entry "REFUSE" fails the candidate.
Status apply_entries(Model& m, const std::vector<journal::Entry>& entries) {
    for (const auto& e : entries) {
        if (e.payload == "REFUSE") return field_error("entry", "refused");
        apply_line(m, e.payload);
    }
    return ok_status();
}

Reopened reopen(MemoryStorage& storage, Journal& journal) {
    Reopened r;
    r.recovery = journal.recover([&](SnapshotPayload& payload, const std::vector<journal::Entry>& entries) -> Status {
        std::string snapshot;
        if (!payload.empty()) {
            Result<std::string> all = payload.read_all();
            if (!all.ok()) return all.error();
            snapshot = std::move(all.value());
        }
        if (snapshot == "REFUSE") return field_error("snapshot", "refused by the loader");
        Model m;
        size_t start = 0;
        while (start < snapshot.size()) {
            size_t end = snapshot.find('\n', start);
            apply_line(m, snapshot.substr(start, end - start));
            start = end + 1;
        }
        if (Status st = apply_entries(m, entries); !st) return st;
        r.model = std::move(m);
        return ok_status();
    });
    return r;
}

// An app session: a journal plus the model it persists.
struct Session {
    MemoryStorage& storage;
    Journal journal;
    Model model;
    Recovery recovery;
    explicit Session(MemoryStorage& s, JournalOptions o = {}) : storage(s), journal(s, o) {
        Reopened r = reopen(storage, journal);
        model = std::move(r.model);
        recovery = std::move(r.recovery);
    }
    void edit(const std::string& key, const std::string& value, Millis now) {
        model[key] = value;
        journal.append(key + "=" + value, now);
    }
    // The same, written at once as its own segment (one flush).
    void edit_flushed(const std::string& key, const std::string& value, Millis now) {
        edit(key, value, now);
        REQUIRE(journal.flush(now).ok());
    }
};

bool contains(const std::vector<std::string>& v, const std::string& needle) {
    for (const auto& s : v)
        if (s.find(needle) != std::string::npos) return true;
    return false;
}

size_t count_files(MemoryStorage& s, std::string_view prefix) {
    size_t n = 0;
    for (const auto& [name, bytes] : s.files())
        if (name.compare(0, prefix.size(), prefix) == 0 && name.find(".bad") == std::string::npos) ++n;
    return n;
}

}  // namespace

TEST_CASE("a fresh storage recovers to an empty model without warnings") {
    MemoryStorage storage;
    Session s(storage);
    CHECK(s.model.empty());
    CHECK(s.recovery.warnings.empty());
    CHECK_FALSE(s.recovery.loaded_snapshot);
    CHECK(s.journal.status().state == SaveState::Saved);
}

TEST_CASE("edits are buffered, flushed after the delay as one segment, and survive a reopen") {
    MemoryStorage storage;
    {
        Session s(storage);
        s.edit("a", "1", 1000);
        s.edit("b", "2", 1100);
        CHECK(s.journal.status().state == SaveState::Unsaved);
        CHECK(s.journal.status().message == "Saving...");
        CHECK_FALSE(s.journal.needs_flush(1399));
        CHECK(s.journal.needs_flush(1400));   // 400 ms after the first unsaved edit
        REQUIRE(s.journal.flush(1400).ok());
        CHECK(count_files(storage, "j-") == 1);
        CHECK(s.journal.status().state == SaveState::Saved);
        s.edit_flushed("a", "3", 2000);
        CHECK(count_files(storage, "j-") == 2);
    }
    Session again(storage);
    CHECK(again.model == Model{{"a", "3"}, {"b", "2"}});
    CHECK(again.recovery.warnings.empty());
    CHECK(again.recovery.entries_replayed == 3);
    // Sequence numbers continue after a reopen: the next segment never reuses a name.
    again.edit_flushed("c", "4", 5000);
    CHECK(count_files(storage, "j-") == 3);
    Session third(storage);
    CHECK(third.model.size() == 3);
}

TEST_CASE("Saved only once the commit completed; a failed commit shows an error until it succeeds") {
    MemoryStorage storage;
    storage.set_manual_commits(true);
    Session s(storage);
    s.edit("a", "1", 0);
    REQUIRE(s.journal.flush(500).ok());
    CHECK(s.journal.status().state == SaveState::Saving);
    storage.complete_commits();
    CHECK(s.journal.status().state == SaveState::Saved);

    s.edit("b", "2", 1000);
    REQUIRE(s.journal.flush(1500).ok());
    storage.fail_commits("QuotaExceededError", true);
    storage.complete_commits();
    SaveStatus st = s.journal.status();
    CHECK(st.state == SaveState::Error);
    CHECK(st.quota);
    CHECK(st.message.find("Export a backup") != std::string::npos);
    storage.fail_commits("UnknownError: disk I/O");
    storage.complete_commits();
    st = s.journal.status();
    CHECK(st.state == SaveState::Error);
    CHECK_FALSE(st.quota);
    CHECK(st.message.find("disk I/O") != std::string::npos);
    storage.fail_commits("");
    storage.complete_commits();   // the storage's retry succeeds
    CHECK(s.journal.status().state == SaveState::Saved);
}

TEST_CASE("compaction writes a snapshot generation, keeps the previous one and the segments after it") {
    MemoryStorage storage;
    JournalOptions opts;
    opts.compact_after_segments = 3;
    Session s(storage, opts);
    Millis t = 0;
    for (int i = 0; i < 3; ++i) {
        s.edit("k" + std::to_string(i), "v", t += 1000);
        REQUIRE(s.journal.flush(t).ok());
    }
    CHECK(s.journal.wants_compaction());
    REQUIRE(s.journal.compact(encode(s.model), t).ok());
    CHECK_FALSE(s.journal.wants_compaction());
    CHECK(count_files(storage, "s-") == 1);
    CHECK(count_files(storage, "j-") == 3);   // no previous generation yet: kept as the fallback

    for (int round = 0; round < 3; ++round) {
        for (int i = 0; i < 3; ++i) {
            s.edit("r" + std::to_string(round) + "_" + std::to_string(i), "v", t += 1000);
            REQUIRE(s.journal.flush(t).ok());
        }
        REQUIRE(s.journal.compact(encode(s.model), t).ok());
        CHECK(count_files(storage, "s-") == 2);   // two generations, never more
        CHECK(count_files(storage, "j-") == 3);   // exactly the segments after the previous one
    }
    s.edit("last", "x", t += 1000);   // an edit after the snapshot, still only buffered:
    REQUIRE(s.journal.flush(t).ok());
    Session again(storage, opts);
    CHECK(again.model == s.model);
    CHECK(again.recovery.loaded_snapshot);
    CHECK(again.recovery.entries_replayed == 1);
    CHECK(again.recovery.warnings.empty());
}

TEST_CASE("a damaged newest snapshot falls back to the previous generation without losing an edit") {
    MemoryStorage storage;
    Session s(storage);
    Millis t = 0;
    auto edit_and_compact = [&](const std::string& key) {
        s.edit(key, "v", t += 1000);
        REQUIRE(s.journal.flush(t).ok());
        REQUIRE(s.journal.compact(encode(s.model), t).ok());
    };
    edit_and_compact("a");
    edit_and_compact("b");
    edit_and_compact("c");
    s.edit("d", "v", t += 1000);
    REQUIRE(s.journal.flush(t).ok());

    const std::string newest = journal::snapshot_name(3);
    REQUIRE(storage.files().count(newest) == 1);
    storage.files()[newest][50] ^= 0x20;   // one flipped bit in the payload (after the 48-byte header)

    Session again(storage);
    CHECK(again.model == s.model);   // previous generation + the segments kept after it
    CHECK(again.recovery.snapshot_generation == 2);
    CHECK(contains(again.recovery.warnings, newest));
    CHECK(contains(again.recovery.warnings, "checksum mismatch"));
    CHECK(storage.files().count(newest + ".bad") == 1);   // kept aside, not deleted
    CHECK(storage.files().count(newest) == 0);
    CHECK(again.journal.wants_compaction());   // the recovered state gets a snapshot of its own
    REQUIRE(again.journal.compact(encode(again.model), t += 1000).ok());
    CHECK(storage.files().count(journal::snapshot_name(4)) == 1);   // a new name: the bad one is never overwritten
    Session third(storage);
    CHECK(third.model == s.model);
    CHECK(third.recovery.warnings.empty());
}

TEST_CASE("a snapshot the loader refuses is set aside and the previous one is used") {
    MemoryStorage storage;
    Session s(storage);
    s.edit("a", "1", 1000);
    REQUIRE(s.journal.compact(encode(s.model), 1000).ok());
    s.edit("b", "2", 2000);
    REQUIRE(s.journal.compact("REFUSE", 2000).ok());   // checksums fine, content unacceptable
    Session again(storage);
    CHECK(again.model == Model{{"a", "1"}, {"b", "2"}});
    CHECK(contains(again.recovery.warnings, "refused by the loader"));
    CHECK(storage.files().count(journal::snapshot_name(2) + ".bad") == 1);
}

TEST_CASE("a corrupted middle segment is skipped with a warning naming it; the rest is kept") {
    MemoryStorage storage;
    Session s(storage);
    s.edit_flushed("a", "1", 1000);
    s.edit("b", "2", 2000);
    s.edit_flushed("c", "3", 2100);
    s.edit_flushed("d", "4", 3000);

    const std::string middle = journal::segment_name(2);
    std::string& bytes = storage.files()[middle];
    bytes[bytes.size() - 10] ^= 0x01;   // damages its second entry ("c=3")

    Session again(storage);
    CHECK(again.model == Model{{"a", "1"}, {"b", "2"}, {"d", "4"}});
    REQUIRE(again.recovery.warnings.size() == 1);
    const std::string& w = again.recovery.warnings[0];
    CHECK(w.find(middle) != std::string::npos);
    CHECK(w.find("1 change") != std::string::npos);
    CHECK(w.find("checksum mismatch after 1 of 2 entries") != std::string::npos);
    CHECK(storage.files().count(middle + ".bad") == 1);
    CHECK(again.recovery.set_aside == std::vector<std::string>{middle + ".bad"});
    CHECK(again.journal.wants_compaction());
}

TEST_CASE("a segment with an unreadable header loses only its own changes") {
    MemoryStorage storage;
    Session s(storage);
    for (int i = 0; i < 4; ++i) {
        s.edit_flushed("k" + std::to_string(i), "v", 1000 * (i + 1));
    }
    storage.files()[journal::segment_name(2)] = "garbage";
    Session again(storage);
    CHECK(again.model == Model{{"k0", "v"}, {"k2", "v"}, {"k3", "v"}});
    REQUIRE(again.recovery.warnings.size() == 1);
    CHECK(again.recovery.warnings[0].find("1 change") != std::string::npos);
}

TEST_CASE("a missing segment is reported; if the later entries cannot apply, they are dropped") {
    MemoryStorage storage;
    Session s(storage);
    s.edit_flushed("a", "1", 1000);
    s.edit_flushed("b", "2", 2000);
    s.journal.append("REFUSE", 3000);   // an entry that only applies on top of the lost one
    REQUIRE(s.journal.flush(3000).ok());
    storage.files().erase(journal::segment_name(2));
    Session again(storage);
    CHECK(again.model == Model{{"a", "1"}});
    CHECK(contains(again.recovery.warnings, "1 saved change before"));
    CHECK(contains(again.recovery.warnings, "dropped"));
}

namespace {
// Snapshot "a=1"; then "b=2" in a segment that is lost; then an entry that applies only on top of
// it: recovery's first try fails on that entry, and it retries the snapshot without it.
void save_snapshot_then_lose_a_segment(MemoryStorage& storage) {
    {
        Session s(storage);
        s.edit_flushed("a", "1", 1000);
        REQUIRE(s.journal.compact(encode(s.model), 1000).ok());
        s.edit_flushed("b", "2", 2000);
        s.journal.append("REFUSE", 3000);
        REQUIRE(s.journal.flush(3000).ok());
    }
    REQUIRE(storage.files().erase(journal::segment_name(2)) == 1);
}
}  // namespace

TEST_CASE("a retry without the entries after a gap reads the snapshot file again, from its first byte") {
    MemoryStorage storage;
    save_snapshot_then_lose_a_segment(storage);
    Journal journal(storage);
    std::vector<std::string> snapshots_seen;
    Model model;
    Recovery recovery = journal.recover([&](SnapshotPayload& payload, const std::vector<journal::Entry>& entries) -> Status {
        Result<std::string> all = payload.read_all();
        REQUIRE(all.ok());
        snapshots_seen.push_back(all.value());
        CHECK(payload.finish().empty());   // read whole, checksum matched
        Model m;
        apply_line(m, all.value().substr(0, all.value().find('\n')));
        if (Status st = apply_entries(m, entries); !st) return st;
        model = std::move(m);
        return ok_status();
    });
    REQUIRE(snapshots_seen.size() == 2);   // the first try, then the retry without the later entries
    CHECK(snapshots_seen[0] == "a=1\n");
    CHECK(snapshots_seen[1] == snapshots_seen[0]);
    CHECK(model == Model{{"a", "1"}});
    CHECK(recovery.loaded_snapshot);
    CHECK(contains(recovery.warnings, "dropped"));
}

TEST_CASE("a snapshot that cannot be read again for a retry fails its candidate, never loads as an empty snapshot") {
    MemoryStorage storage;
    save_snapshot_then_lose_a_segment(storage);
    const std::string snapshot_file = journal::snapshot_name(1);
    REQUIRE(storage.files().count(snapshot_file) == 1);
    Journal journal(storage);
    Model model;
    Recovery recovery = journal.recover([&](SnapshotPayload& payload, const std::vector<journal::Entry>& entries) -> Status {
        Model m;
        if (!payload.empty()) {
            Result<std::string> all = payload.read_all();
            if (!all.ok()) return all.error();   // the retry: the file is gone
            apply_line(m, all.value().substr(0, all.value().find('\n')));
            storage.files().erase(snapshot_file);   // gone before the journal would read it again
        }
        if (Status st = apply_entries(m, entries); !st) return st;
        model = std::move(m);
        return ok_status();
    });
    // Not "a=1 from the snapshot" (it was lost) nor an empty workspace: the fallback without a
    // snapshot, the journal from its start up to the gap.
    CHECK_FALSE(recovery.loaded_snapshot);
    CHECK(model == Model{{"a", "1"}});
    CHECK(contains(recovery.warnings, "is damaged (unreadable"));
}

TEST_CASE("a torn last segment keeps its intact entries") {
    MemoryStorage storage;
    Session s(storage);
    s.edit_flushed("a", "1", 1000);
    s.edit("b", "2", 2000);
    s.edit("c", "3", 2001);
    storage.tear_next_write(24 + 24 + 3 + 10);   // header, first entry whole, the second cut short
    REQUIRE(s.journal.flush(2001).ok());
    Session again(storage);
    CHECK(again.model == Model{{"a", "1"}, {"b", "2"}});
    REQUIRE(again.recovery.warnings.size() == 1);
    CHECK(again.recovery.warnings[0].find("torn after 1 of 2 entries") != std::string::npos);
}

TEST_CASE("leftover temporary files and unknown files are harmless") {
    MemoryStorage storage;
    storage.files()["j-0000000000000001.seg.tmp"] = "half a write";
    storage.files()["notes.txt"] = "not ours";
    Session s(storage);
    CHECK(s.recovery.warnings.empty());
    CHECK(storage.files().count("j-0000000000000001.seg.tmp") == 0);
    CHECK(storage.files().count("notes.txt") == 1);
}

TEST_CASE("when nothing can be recovered the model starts empty and every file is kept aside") {
    MemoryStorage storage;
    storage.files()[journal::snapshot_name(1)] = "not a snapshot";
    storage.files()[journal::segment_name(1)] = "not a segment";
    Session s(storage);
    CHECK(s.model.empty());
    CHECK(contains(s.recovery.warnings, "damaged"));
    CHECK(storage.files().count(journal::snapshot_name(1) + ".bad") == 1);
    CHECK(storage.files().count(journal::segment_name(1) + ".bad") == 1);
    // Starting again does not bury the first damaged copies.
    storage.files()[journal::snapshot_name(1)] = "damaged again";
    Session again(storage);
    CHECK(storage.files().count(journal::snapshot_name(1) + ".bad") == 1);
    CHECK(storage.files().count(journal::snapshot_name(1) + ".2.bad") == 1);
}

TEST_CASE("an edit writes only its own small segment, however big the snapshot is") {
    MemoryStorage storage;
    Session s(storage);
    for (int i = 0; i < 20000; ++i) s.model["deal" + std::to_string(i)] = std::string(200, 'x');
    REQUIRE(s.journal.compact(encode(s.model), 0).ok());
    const uint64_t before = storage.bytes_committed();
    CHECK(before > 4'000'000);
    s.edit("deal7", std::string(500, 'y'), 1000);
    REQUIRE(s.journal.flush(1400).ok());
    const uint64_t per_edit = storage.bytes_committed() - before;
    CHECK(per_edit < 1024);
    CHECK(per_edit > 500);
}

TEST_CASE("crash at random moments: reopening gives the last committed state, never torn") {
    std::mt19937 rng(1234);
    for (int iteration = 0; iteration < 200; ++iteration) {
        CAPTURE(iteration);
        MemoryStorage storage;
        storage.set_manual_commits(true);
        JournalOptions opts;
        opts.compact_after_segments = 4;
        Model durable_model;                 // what the last completed commit holds
        std::vector<Model> committed_states; // model at each commit request, by ticket
        Millis t = 0;
        {
            Session s(storage, opts);
            const int steps = 1 + int(rng() % 40);
            Model at_last_request;
            uint64_t requested = 0;
            for (int step = 0; step < steps; ++step) {
                s.edit("k" + std::to_string(rng() % 8), std::to_string(step), t += 100);
                const unsigned action = rng() % 6;
                if (action == 0 || s.journal.needs_flush(t)) {
                    REQUIRE(s.journal.flush(t).ok());
                    at_last_request = s.model;
                    ++requested;
                }
                if (action == 1 && s.journal.wants_compaction()) {
                    REQUIRE(s.journal.compact(encode(s.model), t).ok());
                    at_last_request = s.model;
                    ++requested;
                }
                if (action == 2 && requested > 0) {
                    storage.complete_commits();
                    durable_model = at_last_request;
                }
            }
        }
        storage.crash();
        storage.set_manual_commits(false);
        Session reopened(storage, opts);
        // Every edit a completed commit carried is back; nothing a pending commit carried is half-there.
        CHECK(reopened.model == durable_model);
    }
}

TEST_CASE("a big snapshot waits for proportionally more journal before it is rewritten, also after a reopen") {
    MemoryStorage storage;
    JournalOptions opts;
    opts.compact_after_segments = 4;
    opts.snapshot_bytes_per_segment = 1000;   // a ~20 KB snapshot: due after ~20 flushes, not 4
    Session s(storage, opts);
    Millis t = 0;
    for (int i = 0; i < 1000; ++i) s.model["seed" + std::to_string(i)] = "0123456789";
    REQUIRE(s.journal.compact(encode(s.model), t).ok());
    const size_t snapshot_bytes = storage.files().at(journal::snapshot_name(1)).size();
    REQUIRE(snapshot_bytes > 15000);
    const size_t due = snapshot_bytes / 1000;
    size_t flushes = 0;
    while (!s.journal.wants_compaction() && flushes < 1000) {
        s.edit("k" + std::to_string(flushes), "v", t += 1000);
        REQUIRE(s.journal.flush(t).ok());
        ++flushes;
    }
    CHECK(flushes == due);
    // The threshold comes from the stored snapshot's size after a reopen too.
    Session again(storage, opts);
    CHECK(again.journal.wants_compaction());
}

TEST_CASE("journal files never pile up: compaction is due by file count or by bytes, and removes what it replaced") {
    MemoryStorage storage;
    JournalOptions opts;
    opts.compact_after_segments = 8;
    opts.compact_after_bytes = 16 * 1024;
    opts.snapshot_bytes_per_segment = 1024;   // the ~30 KB snapshot below: due after ~30 segments
    Session s(storage, opts);
    for (int i = 0; i < 2000; ++i) s.model["seed" + std::to_string(i)] = "0123456789";
    Millis t = 0;
    REQUIRE(s.journal.compact(encode(s.model), t).ok());
    size_t compactions = 0, by_count = 0, by_bytes = 0, max_segments = 0;
    size_t max_due = size_t(storage.files().at(journal::snapshot_name(1)).size() / opts.snapshot_bytes_per_segment);
    std::mt19937 rng(7);
    for (int flush = 0; flush < 3000; ++flush) {
        // Mostly small edits; now and then a big one (a long note), so both triggers fire.
        const bool big = rng() % 50 == 0;
        s.edit("k" + std::to_string(rng() % 500), std::string(big ? 6000 : 20, char('a' + flush % 26)), t += 1000);
        REQUIRE(s.journal.flush(t).ok());
        max_segments = std::max(max_segments, count_files(storage, "j-"));
        if (!s.journal.wants_compaction()) continue;
        const uint64_t journal_bytes = s.journal.journal_bytes();
        (journal_bytes >= opts.compact_after_bytes ? by_bytes : by_count) += 1;
        // What the previous generation covers: after this compaction it is the oldest kept, and
        // every segment inside it, and every older snapshot, must be gone.
        uint64_t newest_gen = 0;
        for (const auto& [name, bytes] : storage.files()) {
            uint64_t gen = 0;
            if (journal::parse_snapshot_name(name, gen)) newest_gen = std::max(newest_gen, gen);
        }
        const uint64_t covered = journal::decode_snapshot(storage.files().at(journal::snapshot_name(newest_gen))).header.last_seq;
        REQUIRE(s.journal.compact(encode(s.model), t).ok());
        ++compactions;
        max_due = std::max(max_due, size_t(storage.files().at(journal::snapshot_name(1 + compactions)).size() /
                                           opts.snapshot_bytes_per_segment));
        CHECK(count_files(storage, "s-") == 2);
        for (const auto& [name, bytes] : storage.files()) {
            uint64_t n = 0;
            if (journal::parse_snapshot_name(name, n)) CHECK(n >= newest_gen);
            if (journal::parse_segment_name(name, n)) {
                const auto seg = journal::decode_segment(bytes);
                CHECK(seg.entries.back().seq > covered);
            }
        }
    }
    MESSAGE("3,000 flushes: " << compactions << " compactions (" << by_count << " by file count, " << by_bytes
                              << " by bytes), at most " << max_segments << " segment files at once");
    CHECK(by_count > 0);
    CHECK(by_bytes > 0);
    // Never more than the segments after the previous snapshot plus those after the newest one,
    // each at most what the biggest snapshot made due.
    CHECK(max_segments <= 2 * (max_due + 1));
    Session again(storage, opts);
    CHECK(again.model == s.model);
    CHECK(again.recovery.warnings.empty());
}

TEST_CASE("sequence numbers continue without a hole after a reopen, so the next recovery warns of nothing") {
    MemoryStorage storage;
    Millis t = 0;
    {
        Session s(storage);
        REQUIRE(s.journal.compact(encode(s.model), t).ok());
        s.edit("a", "1", t += 1000);
        REQUIRE(s.journal.flush(t).ok());
        CHECK(s.journal.last_seq() == 1);
    }
    {
        Session s(storage);
        CHECK(s.journal.last_seq() == 1);
        s.edit("b", "2", t += 1000);
        REQUIRE(s.journal.flush(t).ok());
        CHECK(s.journal.last_seq() == 2);
    }
    Session again(storage);
    CHECK(again.recovery.warnings.empty());
    CHECK(again.recovery.entries_replayed == 2);
    CHECK(again.model == Model{{"a", "1"}, {"b", "2"}});
}
