// History lines read after the start (persist_history.h): a writer's start leaves the snapshot's
// lines undecoded, the store refuses changes until they are in, and once attached the store holds
// exactly what a start that read everything holds, whatever the journal did to those lines.
#include "core/journal_format.h"
#include "core/persist_history.h"
#include "core/snapshot_binary.h"
#include "core/staged_import.h"
#include "persist_fixture.h"

#include <doctest/doctest.h>

#include <algorithm>

using namespace dd;
using namespace dd::test;

namespace {

constexpr Millis kNow = kPersistNow;

// A writer over a store: every command goes through the store and into the journal, as in the app.
struct StoreWriter {
    MemoryStorage storage;
    Store store;
    WorkspacePersistence writer{storage};
    Millis now = kNow;

    explicit StoreWriter(size_t deals) {
        writer.open();
        REQUIRE(store.load(make_sample_workspace(41, deals, kNow)).ok());
        REQUIRE(writer.save_all(store.workspace(), kNow).ok());
    }
    CommandContext ctx() const { return CommandContext{store.settings().current_user, now}; }
    void journal(Result<Applied> r) {
        REQUIRE(r.ok());
        writer.on_applied(store, r.value().changes, now);
        REQUIRE(writer.flush(now).ok());
    }
    void apply(const Command& c) {
        now += 1000;
        journal(store.apply(c, ctx()));
    }
    void undo() {
        now += 1000;
        journal(store.undo(ctx()));
    }
    // A deal with history lines in the snapshot, other than `not_this`.
    Id deal_with_history(size_t from, Id not_this = kNoId) const {
        const auto& deals = store.workspace().deals;
        for (size_t i = from; i < deals.size(); ++i)
            if (deals[i].meta.id != not_this && !store.history_of(deals[i].meta.id).empty()) return deals[i].meta.id;
        FAIL("no deal with history");
        return kNoId;
    }
    // An open stage of the deal's pipeline other than its own.
    Id other_open_stage(Id deal) const {
        const Deal* d = store.find_deal(deal);
        for (const Stage& s : store.find_pipeline(d->pipeline)->stages)
            if (s.kind == StageKind::Open && s.id != d->stage) return s.id;
        FAIL("no other open stage");
        return kNoId;
    }
};

std::vector<std::string> history_texts(const Store& store, Id deal) {
    std::vector<std::string> out;
    for (const DealChange* c : store.history_of(deal)) out.push_back(record_to_json(*c));
    return out;
}

// Reads the deferred lines into `store` `batch` lines at a time; the number of calls it took.
size_t read_history(Store& store, PendingHistory& pending, size_t batch) {
    size_t calls = 0;
    std::string problem;
    for (;;) {
        ++calls;
        const HistoryProgress p = advance_history(store, pending, batch, &problem);
        REQUIRE_MESSAGE(p != HistoryProgress::Failed, problem);
        if (p == HistoryProgress::Attached) return calls;
    }
}

}  // namespace

TEST_CASE("a start that reads the history after the first frame ends with the store a full start builds") {
    StoreWriter w(300);
    // The journal after the snapshot: a stage move (new lines), a rename (a field line), a move
    // undone (its lines erased again), and a deal deleted with the lines the snapshot holds for it.
    const Id moved = w.deal_with_history(0);
    w.apply(MoveDeal{moved, w.other_open_stage(moved)});
    DealPatch rename;
    rename.title = std::string("Renamed after the snapshot");
    w.apply(UpdateDeal{moved, rename});
    const Id undone = w.deal_with_history(10, moved);
    w.apply(MoveDeal{undone, w.other_open_stage(undone)});
    w.undo();
    const Id deleted = w.deal_with_history(20, undone);
    const size_t deleted_lines = w.store.history_of(deleted).size();
    REQUIRE(deleted_lines > 0);
    w.apply(DeleteDeals{{deleted}});

    WorkspacePersistence full_reader(w.storage);
    OpenedWorkspace full = full_reader.open();
    REQUIRE(full.found);
    CHECK(full.history == nullptr);
    Store everything;
    REQUIRE(everything.load(std::move(full.checked)).ok());
    CHECK(records_of(everything.workspace()) == records_of(w.store.workspace()));

    WorkspacePersistence reader(w.storage);
    OpenedWorkspace opened = reader.open(true);
    REQUIRE(opened.found);
    REQUIRE(opened.history != nullptr);
    CHECK(opened.recovery.warnings.empty());
    // The workspace holds the journal's lines only; the snapshot's are where the pending read finds them.
    const size_t journal_lines = opened.workspace().history.size();
    CHECK(journal_lines < 10);
    CHECK(opened.history->superseded.size() >= deleted_lines);
    Store store(0xfeed);   // ids of its own for the lines it adds (the writer's store used the default seed)
    REQUIRE(store.load(std::move(opened.checked)).ok());
    store.defer_history();
    CHECK(store.history_pending());

    // Until the lines are in, changes are refused with the reason, and nothing changes.
    const Workspace before = store.workspace();
    DealPatch patch;
    patch.title = std::string("Too early");
    Result<Applied> refused = store.apply(UpdateDeal{moved, patch}, CommandContext{store.settings().current_user, w.now});
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().text().find("history") != std::string::npos);
    CHECK_FALSE(store.undo(CommandContext{store.settings().current_user, w.now}).ok());
    CHECK(records_of(store.workspace()) == records_of(before));
    CHECK_FALSE(StagedImport::begin(store, ImportDeals{}, CommandContext{store.settings().current_user, w.now}).ok());

    // A batch at a time, as the app reads them between frames.
    const size_t calls = read_history(store, *opened.history, 37);
    CHECK(calls > 2);
    CHECK(store.history_state() == Store::HistoryState::Complete);
    CHECK(records_of(store.workspace()) == records_of(everything.workspace()));
    for (const Deal& d : everything.workspace().deals) CHECK(history_texts(store, d.meta.id) == history_texts(everything, d.meta.id));
    CHECK(store.history_of(deleted).empty());
    CHECK(store.find_deal(deleted) == nullptr);

    // And the store changes again, its lines after the snapshot's.
    const size_t lines_before = store.history_of(moved).size();
    Id back_to = kNoId;
    for (const Stage& s : store.find_pipeline(store.find_deal(moved)->pipeline)->stages)
        if (s.kind == StageKind::Open && s.id != store.find_deal(moved)->stage) back_to = s.id;
    REQUIRE(store.apply(MoveDeal{moved, back_to}, CommandContext{store.settings().current_user, w.now + 1000}).ok());
    CHECK(store.history_of(moved).size() > lines_before);
    CHECK(store.workspace().history.size() > everything.workspace().history.size());
}

TEST_CASE("a deferred start with no journal, and a workspace without history lines, need no read") {
    StoreWriter w(40);
    WorkspacePersistence reader(w.storage);
    OpenedWorkspace opened = reader.open(true);
    REQUIRE(opened.history != nullptr);
    CHECK(opened.workspace().history.empty());
    CHECK(opened.history->superseded.empty());
    Store store;
    REQUIRE(store.load(std::move(opened.checked)).ok());
    store.defer_history();
    read_history(store, *opened.history, 1'000'000);
    CHECK(records_of(store.workspace()) == records_of(w.store.workspace()));

    MemoryStorage storage;
    WorkspacePersistence writer(storage);
    writer.open();
    Workspace bare = make_sample_workspace(5, 10, kNow);
    bare.history.clear();
    REQUIRE(writer.save_all(bare, kNow).ok());
    WorkspacePersistence again(storage);
    CHECK(again.open(true).history == nullptr);
}

TEST_CASE("a damaged history line refuses the snapshot at the start, deferred or not: the previous generation is used") {
    for (const bool defer : {false, true}) {
        CAPTURE(defer);
        SavedWorkspace saved(23, 50);
        saved.rename(0, "Between snapshots", kNow + 1);
        REQUIRE(saved.writer.compact(saved.ws, kNow + 2).ok());
        saved.rename_flushed(1, "After the second snapshot", kNow + 3);
        // Generation 2 rewritten, well framed and checksummed, with its first history line's kind
        // byte out of range: only the lines' own checks can see it.
        std::string body = save_workspace_binary(saved.ws);
        DeferredHistory where;
        bytes::ByteReader in(body);
        struct Mem {
            bytes::ByteReader* in;
            static size_t read(void* self, char* out, size_t n) {
                auto& r = *static_cast<Mem*>(self)->in;
                n = size_t(std::min<uint64_t>(n, r.remaining()));
                const std::string_view v = r.take(n);
                std::copy(v.begin(), v.end(), out);
                return n;
            }
        } mem{&in};
        REQUIRE(decode_workspace_binary_stream({&Mem::read, &mem}, body.size(), 4096, &where).ok());
        REQUIRE(where.count == saved.ws.history.size());
        const DealChange& first = saved.ws.history[0];
        std::string lead;   // the line's bytes before its kind: id, revision, created, updated delta, deal, actor
        bytes::put_u64(lead, first.meta.id);
        bytes::put_varint(lead, first.meta.revision);
        bytes::put_varint(lead, bytes::zigzag(first.meta.created_at));
        bytes::put_varint(lead, bytes::zigzag(int64_t(uint64_t(first.meta.updated_at) - uint64_t(first.meta.created_at))));
        bytes::put_u64(lead, first.deal);
        bytes::put_u64(lead, first.actor);
        REQUIRE(body.compare(size_t(where.offset), lead.size(), lead) == 0);
        body[size_t(where.offset) + lead.size()] = char(40);
        const std::string newest = journal::snapshot_name(2);
        saved.storage.files()[newest] = journal::encode_snapshot({2, 1, kNow}, body);

        WorkspacePersistence reader(saved.storage);
        OpenedWorkspace opened = reader.open(defer);
        REQUIRE(opened.found);
        CHECK(opened.recovery.snapshot_generation == 1);
        REQUIRE_FALSE(opened.recovery.warnings.empty());
        CHECK(opened.recovery.warnings[0].find("history[0]") != std::string::npos);
        Store store;
        REQUIRE(store.load(std::move(opened.checked)).ok());
        if (opened.history) {
            store.defer_history();
            read_history(store, *opened.history, 100);
        }
        CHECK(records_of(store.workspace()) == records_of(saved.ws));
    }
}

TEST_CASE("history lines that name a missing deal or repeat an id are refused whole: the store keeps its own, and changes work") {
    Workspace ws = make_sample_workspace(9, 30, kNow);
    REQUIRE(ws.history.size() > 3);
    ChunkedVector<DealChange> snapshot_lines = ws.history;
    ws.history.clear();
    for (const bool repeat : {false, true}) {
        CAPTURE(repeat);
        Store store;
        REQUIRE(store.load(ws).ok());
        store.defer_history();
        ChunkedVector<DealChange> lines = snapshot_lines;
        if (repeat) lines[2].meta.id = lines[1].meta.id;
        else lines[2].deal = 0x77;
        Status s = store.attach_history(std::move(lines), {});
        REQUIRE_FALSE(s.ok());
        CHECK(s.error().text().find(repeat ? "history[2].id" : "history[2].deal") != std::string::npos);
        CHECK(store.history_state() == Store::HistoryState::Unavailable);
        CHECK(store.workspace().history.empty());
        const Id deal = store.workspace().deals[0].meta.id;
        CHECK(store.history_of(deal).empty());
        DealPatch patch;
        patch.title = std::string("Still editable");
        REQUIRE(store.apply(UpdateDeal{deal, patch}, CommandContext{store.settings().current_user, kNow + 5}).ok());
        CHECK(store.history_of(deal).size() == 1);
    }
    // Superseded lines are left out; a second attach is refused.
    Store store;
    REQUIRE(store.load(ws).ok());
    store.defer_history();
    std::vector<Id> superseded = {snapshot_lines[0].meta.id, snapshot_lines[3].meta.id};
    std::sort(superseded.begin(), superseded.end());
    REQUIRE(store.attach_history(snapshot_lines, superseded).ok());
    CHECK(store.workspace().history.size() == snapshot_lines.size() - 2);
    CHECK(store.find_change(snapshot_lines[0].meta.id) == nullptr);
    CHECK(store.find_change(snapshot_lines[1].meta.id) != nullptr);
    CHECK_FALSE(store.attach_history(snapshot_lines, {}).ok());
}

TEST_CASE("the history line decoder reads, a batch at a time, the lines a full decode reads") {
    const Workspace ws = make_sample_workspace(13, 120, kNow);
    const std::string bytes = save_workspace_binary(ws);
    DeferredHistory where;
    const Result<Workspace> full = decode_workspace_binary(bytes);
    REQUIRE(full.ok());
    struct Mem {
        std::string_view rest;
        static size_t read(void* self, char* out, size_t n) {
            auto& m = *static_cast<Mem*>(self);
            n = std::min(n, m.rest.size());
            std::copy(m.rest.begin(), m.rest.begin() + long(n), out);
            m.rest.remove_prefix(n);
            return n;
        }
    };
    Mem all{bytes};
    const Result<Workspace> without = decode_workspace_binary_stream({&Mem::read, &all}, bytes.size(), 1024, &where);
    REQUIRE(without.ok());
    CHECK(without.value().history.empty());
    CHECK(where.count == ws.history.size());
    Mem tail{std::string_view(bytes).substr(size_t(where.offset))};
    HistoryLineDecoder decoder({&Mem::read, &tail}, bytes.size() - where.offset, where.count, where.offset, 512);
    ChunkedVector<DealChange> lines;
    while (!decoder.done()) REQUIRE(decoder.step(7, lines));
    REQUIRE(lines.size() == full.value().history.size());
    for (size_t i = 0; i < lines.size(); ++i) CHECK(record_to_json(lines[i]) == record_to_json(full.value().history[i]));
    // Bytes that end early: failed, and said where.
    Mem cut{std::string_view(bytes).substr(size_t(where.offset), 100)};
    HistoryLineDecoder short_read({&Mem::read, &cut}, 100, where.count, where.offset, 64);
    ChunkedVector<DealChange> some;
    while (!short_read.done() && short_read.step(5, some)) {
    }
    CHECK(short_read.failed());
    const std::string problem = short_read.problem();
    CHECK(problem.find("history[") != std::string::npos);
    // The byte named is the body's, as a full decode names it: past the first line's offset,
    // within the 100 bytes given.
    const size_t at = problem.find("at byte ");
    REQUIRE(at != std::string::npos);
    const uint64_t byte = std::stoull(problem.substr(at + 8));
    CHECK(byte >= where.offset);
    CHECK(byte <= where.offset + 100);
}

TEST_CASE("a snapshot file that changes while its history lines are read: the read fails, the store keeps its own lines and works") {
    StoreWriter w(3000);   // lines past the decoder's first 256 KB window: read in more than one go
    const Id moved = w.deal_with_history(0);
    w.apply(MoveDeal{moved, w.other_open_stage(moved)});   // a journal line beside the snapshot's
    WorkspacePersistence reader(w.storage);
    OpenedWorkspace opened = reader.open(true);
    REQUIRE(opened.history != nullptr);
    Store store(0xfeed);
    REQUIRE(store.load(std::move(opened.checked)).ok());
    store.defer_history();
    const size_t own = store.workspace().history.size();
    REQUIRE(own > 0);
    REQUIRE(advance_history(store, *opened.history, 10) == HistoryProgress::Reading);
    // Another writer replaced the file meanwhile (what the app's no-compaction rule prevents).
    for (auto& [name, bytes] : w.storage.files())
        if (name.size() > 5 && name.compare(name.size() - 5, 5, ".snap") == 0) bytes += "more";
    std::string problem;
    HistoryProgress p = HistoryProgress::Reading;
    while (p == HistoryProgress::Reading) p = advance_history(store, *opened.history, 1000, &problem);
    CHECK(p == HistoryProgress::Failed);
    CHECK(problem.find("changed while it was read") != std::string::npos);
    CHECK(store.history_state() == Store::HistoryState::Unavailable);
    CHECK(store.workspace().history.size() == own);
    const size_t lines = store.history_of(moved).size();
    REQUIRE(store.apply(MoveDeal{moved, w.other_open_stage(moved)}, CommandContext{store.settings().current_user, w.now + 1000}).ok());
    CHECK(store.history_of(moved).size() > lines);
}
