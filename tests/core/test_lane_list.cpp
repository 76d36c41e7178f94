// LaneList (a lane's display order): random inserts, erases and slot moves agree with a std::set of
// (rank, id), through block splits and merges, with many equal ranks so that finding the block
// often has to break a tie on the last rank of a block by the deals' ids.
#include "core/lane_list.h"
#include <doctest/doctest.h>
#include <algorithm>
#include <random>
#include <set>
#include <vector>

using namespace dd;

namespace {

// The deals the lane indexes: slot -> (rank, id), as the store's deal vector would hold them.
struct Deals {
    std::vector<LaneKey> keys;
    LaneKey operator()(uint32_t slot) const { return keys[slot]; }
};

void check_same_order(const LaneList& lane, const Deals& deals, const std::set<LaneKey>& truth) {
    REQUIRE(lane.size() == truth.size());
    std::vector<LaneKey> listed;
    lane.for_each([&](uint32_t slot) { listed.push_back(deals.keys[slot]); });
    CHECK(listed == std::vector<LaneKey>(truth.begin(), truth.end()));
    size_t i = 0;
    for (const LaneKey& k : truth) {
        CHECK(lane.index_of(k, deals) == i);
        CHECK(deals.keys[lane.at(i)] == k);
        CHECK(deals.keys[lane.at_from_back(truth.size() - 1 - i)] == k);
        ++i;
    }
}

}  // namespace

TEST_CASE("LaneList agrees with an ordered set through inserts, erases, splits, merges and rank ties") {
    std::mt19937_64 rng(7);
    Deals deals;
    LaneList lane;
    std::set<LaneKey> truth;
    std::vector<uint32_t> in_lane;   // slots currently in the lane
    // Ranks from a small range: hundreds of deals share each rank, so block boundaries fall
    // inside runs of equal ranks and only the ids order them.
    for (int step = 0; step < 6000; ++step) {
        const bool grow = in_lane.size() < 40 || (step < 4000 ? rng() % 3 != 0 : rng() % 3 == 0);
        if (grow) {
            const uint32_t slot = uint32_t(deals.keys.size());
            const LaneKey key{int64_t(rng() % 8) * 1024, rng() % 1000000 + 1};
            if (truth.count(key)) continue;
            deals.keys.push_back(key);
            lane.insert(slot, key, deals);
            truth.insert(key);
            in_lane.push_back(slot);
        } else {
            const size_t pick = rng() % in_lane.size();
            const uint32_t slot = in_lane[pick];
            const LaneKey key = deals.keys[slot];
            REQUIRE(lane.erase(key, deals));
            truth.erase(key);
            in_lane.erase(in_lane.begin() + ptrdiff_t(pick));
            CHECK_FALSE(lane.erase(key, deals));   // gone: a second erase finds nothing
            CHECK(lane.index_of(key, deals) == LaneList::npos);
        }
        if (step % 500 == 0) check_same_order(lane, deals, truth);
    }
    check_same_order(lane, deals, truth);
    CHECK(lane.size() > LaneList::kMaxBlock * 4);   // many blocks were in play

    // A record moving to another slot (the store's swap-erase) is found at its new slot.
    const uint32_t moved = in_lane.front();
    const uint32_t fresh = uint32_t(deals.keys.size());
    deals.keys.push_back(deals.keys[moved]);
    REQUIRE(lane.replace_slot(deals.keys[moved], fresh, deals));
    CHECK(lane.at(lane.index_of(deals.keys[fresh], deals)) == fresh);

    // Emptied one deal at a time, in random order: every block merges or goes.
    in_lane.front() = fresh;
    std::shuffle(in_lane.begin(), in_lane.end(), rng);
    for (uint32_t slot : in_lane) {
        REQUIRE(lane.erase(deals.keys[slot], deals));
        truth.erase(deals.keys[slot]);
    }
    CHECK(lane.empty());
    check_same_order(lane, deals, truth);
    // And used again after emptying.
    deals.keys.push_back(LaneKey{5, 5});
    lane.insert(uint32_t(deals.keys.size() - 1), LaneKey{5, 5}, deals);
    CHECK(lane.size() == 1);
    CHECK(lane.index_of(LaneKey{5, 5}, deals) == 0);
}

TEST_CASE("LaneList built whole from sorted entries orders, finds and changes like one built by inserts") {
    std::mt19937_64 rng(11);
    Deals deals;
    std::set<LaneKey> truth;
    for (uint32_t slot = 0; deals.keys.size() < 1000; ++slot) {
        const LaneKey key{int64_t(rng() % 6) * 512, rng() % 1000000 + 1};   // many equal ranks
        if (!truth.insert(key).second) continue;
        deals.keys.push_back(key);
    }
    std::vector<uint32_t> sorted(deals.keys.size());
    for (uint32_t i = 0; i < sorted.size(); ++i) sorted[i] = i;
    std::sort(sorted.begin(), sorted.end(), [&](uint32_t a, uint32_t b) { return deals.keys[a] < deals.keys[b]; });
    LaneList whole, one_by_one;
    whole.assign_sorted(sorted.size(), [&](size_t i) { return std::pair<int64_t, uint32_t>(deals.keys[sorted[i]].rank, sorted[i]); });
    for (uint32_t slot : sorted) one_by_one.insert(slot, deals.keys[slot], deals);
    check_same_order(whole, deals, truth);
    // The same blocks as in-order inserts leave (so later inserts and erases cost the same).
    CHECK(whole.memory_bytes() <= one_by_one.memory_bytes());
    // Then changed: inserts between and around, erases that merge blocks.
    for (int step = 0; step < 3000; ++step) {
        if (step % 2 == 0) {
            const LaneKey key{int64_t(rng() % 7) * 512 - 256, rng() % 1000000 + 1};
            if (truth.count(key)) continue;
            const uint32_t slot = uint32_t(deals.keys.size());
            deals.keys.push_back(key);
            whole.insert(slot, key, deals);
            truth.insert(key);
        } else {
            auto it = truth.begin();
            std::advance(it, long(rng() % truth.size()));
            REQUIRE(whole.erase(*it, deals));
            truth.erase(it);
        }
    }
    check_same_order(whole, deals, truth);
    whole.assign_sorted(0, [&](size_t) { return std::pair<int64_t, uint32_t>(0, 0); });
    CHECK(whole.empty());
    CHECK(whole.index_of(deals.keys[0], deals) == LaneList::npos);
}
