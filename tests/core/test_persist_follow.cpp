// A read-only follower applies only the journal tail written since its last follow, and asks for a
// full reload after a compaction, a gap or damage.
#include "core/persist_follow.h"
#include "persist_fixture.h"

#include <doctest/doctest.h>

using namespace dd;
using namespace dd::test;

namespace {

constexpr Millis kNow = kPersistNow;

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
        ws = std::move(opened.checked).release();
    }
};

}  // namespace

TEST_CASE("a follower applies the writer's new segments only, and reloads fully after a compaction") {
    SavedWorkspace saved(31, 200);
    Follower f;
    f.full_reload(saved.storage);
    CHECK(f.pos.valid);
    CHECK(f.pos.generation == 1);
    CHECK(follow_journal_tail(saved.storage, f.pos, f.ws) == FollowResult::Unchanged);

    Millis t = kNow;
    for (int round = 0; round < 3; ++round) {
        for (int i = 0; i < 2; ++i) {   // two flushes per round: two segments in the tail
            t += 1000;
            saved.rename_flushed(size_t(round * 2 + i), "Edit " + std::to_string(t), t);
        }
        CHECK(follow_journal_tail(saved.storage, f.pos, f.ws) == FollowResult::Applied);
        CHECK(f.pos.last_seq == saved.writer.journal().last_seq());
        CHECK(save_workspace_json(f.ws) == save_workspace_json(saved.ws));
        CHECK(follow_journal_tail(saved.storage, f.pos, f.ws) == FollowResult::Unchanged);
    }

    // The writer compacts: the follower cannot tell what the new snapshot holds from the tail alone.
    REQUIRE(saved.writer.compact(saved.ws, t).ok());
    CHECK(follow_journal_tail(saved.storage, f.pos, f.ws) == FollowResult::FullReload);
    f.full_reload(saved.storage);
    CHECK(f.pos.generation == 2);
    CHECK(save_workspace_json(f.ws) == save_workspace_json(saved.ws));
    t += 1000;
    saved.rename_flushed(9, "After the compaction", t);
    CHECK(follow_journal_tail(saved.storage, f.pos, f.ws) == FollowResult::Applied);
    CHECK(save_workspace_json(f.ws) == save_workspace_json(saved.ws));
    // And the result is what the store takes, as the web follower loads it.
    Store store;
    CHECK(store.load(f.ws).ok());
}

TEST_CASE("a gap or a damaged segment in the tail asks for a full reload") {
    SavedWorkspace saved(33, 50);
    Follower f;
    f.full_reload(saved.storage);
    for (int i = 1; i <= 2; ++i) saved.rename_flushed(size_t(i), "Edit " + std::to_string(i), kNow + i);
    SUBCASE("damaged") {
        saved.storage.files()[journal::segment_name(2)][30] ^= 0x04;
        Workspace scratch = f.ws;
        FollowPosition pos = f.pos;
        CHECK(follow_journal_tail(saved.storage, pos, scratch) == FollowResult::FullReload);
        CHECK(pos.last_seq == f.pos.last_seq);   // the position moves only when the tail applied
    }
    SUBCASE("gap") {
        saved.storage.remove(journal::segment_name(1));
        Workspace scratch = f.ws;
        CHECK(follow_journal_tail(saved.storage, f.pos, scratch) == FollowResult::FullReload);
    }
    SUBCASE("a follower that recovered with warnings always reloads fully") {
        FollowPosition invalid;
        Workspace scratch = f.ws;
        CHECK(follow_journal_tail(saved.storage, invalid, scratch) == FollowResult::FullReload);
    }
}
