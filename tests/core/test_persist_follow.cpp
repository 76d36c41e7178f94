// A read-only follower applies only the journal tail written since its last follow, and asks for a
// full reload after a compaction, a gap or damage.
#include "core/json_io.h"
#include "core/persist_follow.h"
#include "core/persist_workspace.h"
#include "core/sample_data.h"
#include "core/storage_memory.h"
#include "core/store.h"

#include <doctest/doctest.h>

using namespace dd;

namespace {

constexpr Millis kNow = 1'790'000'000'000;

ChangeSet rename_deal(Workspace& ws, size_t index, const std::string& title, Millis now) {
    Deal& d = ws.deals[index];
    d.title = title;
    d.meta.revision += 1;
    d.meta.updated_at = now;
    ChangeSet c;
    c.upserted.push_back(RecordRef{RecordKind::Deal, d.meta.id});
    return c;
}

// The follower: a full recovery on a copy of the stored files (it never writes), then the tail.
struct Follower {
    Workspace ws;
    FollowPosition pos;
    void full_reload(MemoryStorage& stored) {
        MemoryStorage copy;
        for (const auto& [name, bytes] : stored.files()) copy.write_atomic(name, bytes);
        WorkspacePersistence reader(copy);
        OpenedWorkspace opened = reader.open();
        REQUIRE(opened.found);
        pos = follow_position(reader, opened);
        ws = std::move(opened.workspace);
    }
};

}  // namespace

TEST_CASE("a follower applies the writer's new segments only, and reloads fully after a compaction") {
    MemoryStorage storage;
    Workspace ws = make_sample_workspace(31, 200, kNow);
    WorkspacePersistence writer(storage);
    writer.open();
    REQUIRE(writer.save_all(ws, kNow).ok());

    Follower f;
    f.full_reload(storage);
    CHECK(f.pos.valid);
    CHECK(f.pos.generation == 1);
    CHECK(follow_journal_tail(storage, f.pos, f.ws) == FollowResult::Unchanged);

    Millis t = kNow;
    for (int round = 0; round < 3; ++round) {
        for (int i = 0; i < 2; ++i) {   // two flushes per round: two segments in the tail
            t += 1000;
            writer.on_applied(ws, rename_deal(ws, size_t(round * 2 + i), "Edit " + std::to_string(t), t), t);
            REQUIRE(writer.flush(t).ok());
        }
        CHECK(follow_journal_tail(storage, f.pos, f.ws) == FollowResult::Applied);
        CHECK(f.pos.last_seq == writer.journal().last_seq());
        CHECK(save_workspace_json(f.ws) == save_workspace_json(ws));
        CHECK(follow_journal_tail(storage, f.pos, f.ws) == FollowResult::Unchanged);
    }

    // The writer compacts: the follower cannot tell what the new snapshot holds from the tail alone.
    REQUIRE(writer.compact(ws, t).ok());
    CHECK(follow_journal_tail(storage, f.pos, f.ws) == FollowResult::FullReload);
    f.full_reload(storage);
    CHECK(f.pos.generation == 2);
    CHECK(save_workspace_json(f.ws) == save_workspace_json(ws));
    t += 1000;
    writer.on_applied(ws, rename_deal(ws, 9, "After the compaction", t), t);
    REQUIRE(writer.flush(t).ok());
    CHECK(follow_journal_tail(storage, f.pos, f.ws) == FollowResult::Applied);
    CHECK(save_workspace_json(f.ws) == save_workspace_json(ws));
    // And the result is what the store takes, as the web follower loads it.
    Store store;
    CHECK(store.load(f.ws).ok());
}

TEST_CASE("a gap or a damaged segment in the tail asks for a full reload") {
    MemoryStorage storage;
    Workspace ws = make_sample_workspace(33, 50, kNow);
    WorkspacePersistence writer(storage);
    writer.open();
    REQUIRE(writer.save_all(ws, kNow).ok());
    Follower f;
    f.full_reload(storage);
    for (int i = 1; i <= 2; ++i) {
        writer.on_applied(ws, rename_deal(ws, size_t(i), "Edit " + std::to_string(i), kNow + i), kNow + i);
        REQUIRE(writer.flush(kNow + i).ok());
    }
    SUBCASE("damaged") {
        storage.files()[journal::segment_name(2)][30] ^= 0x04;
        Workspace scratch = f.ws;
        FollowPosition pos = f.pos;
        CHECK(follow_journal_tail(storage, pos, scratch) == FollowResult::FullReload);
        CHECK(pos.last_seq == f.pos.last_seq);   // the position moves only when the tail applied
    }
    SUBCASE("gap") {
        storage.remove(journal::segment_name(1));
        Workspace scratch = f.ws;
        CHECK(follow_journal_tail(storage, f.pos, scratch) == FollowResult::FullReload);
    }
    SUBCASE("a follower that recovered with warnings always reloads fully") {
        FollowPosition invalid;
        Workspace scratch = f.ws;
        CHECK(follow_journal_tail(storage, invalid, scratch) == FollowResult::FullReload);
    }
}
