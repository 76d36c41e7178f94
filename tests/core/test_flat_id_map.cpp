// FlatIdMap (the store's id -> slot indexes): agrees with std::unordered_map through random
// inserts, overwrites and erases (backward-shift deletion must keep every key reachable).
#include "core/flat_id_map.h"
#include <doctest/doctest.h>
#include <random>
#include <unordered_map>
#include <vector>

using namespace dd;

TEST_CASE("FlatIdMap agrees with unordered_map through random sets and erases") {
    std::mt19937_64 rng(42);
    FlatIdMap map;
    std::unordered_map<Id, uint32_t> model;
    std::vector<Id> keys;
    for (int i = 0; i < 3000; ++i) {
        // Keys from a small pool (many overwrites and erases) with high bits set (both halves matter).
        keys.push_back((rng() | 1) ^ (uint64_t(i % 7) << 60));
    }
    for (int step = 0; step < 60000; ++step) {
        const Id key = keys[rng() % keys.size()];
        if (rng() % 3 == 0) {
            CHECK(map.erase(key) == (model.erase(key) == 1));
        } else {
            const uint32_t value = uint32_t(rng());
            map.set(key, value);
            model[key] = value;
        }
    }
    CHECK(map.size() == model.size());
    for (Id key : keys) {
        auto it = model.find(key);
        CHECK(map.find(key) == (it == model.end() ? FlatIdMap::kMissing : it->second));
    }
    CHECK(map.find(kNoId) == FlatIdMap::kMissing);
    CHECK(map.memory_bytes() >= map.size() * 12);
}

TEST_CASE("FlatIdMap keeps keys that differ only in their high or low 32 bits apart") {
    FlatIdMap map;
    const Id a = 0x0000000100000002ULL, b = 0x0000000200000002ULL, c = 0x0000000100000003ULL;
    map.set(a, 1);
    map.set(b, 2);
    map.set(c, 3);
    CHECK(map.find(a) == 1);
    CHECK(map.find(b) == 2);
    CHECK(map.find(c) == 3);
    CHECK(map.erase(b));
    CHECK(map.find(b) == FlatIdMap::kMissing);
    CHECK(map.find(a) == 1);
    CHECK(map.find(c) == 3);
    map.clear();
    CHECK(map.size() == 0);
    CHECK(map.find(a) == FlatIdMap::kMissing);
}

TEST_CASE("FlatIdMap sizes its table for the load: reserve leaves room, growth keeps at most 3/4 full") {
    std::mt19937_64 rng(9);
    FlatIdMap map;
    map.reserve(100000);
    const size_t reserved = map.capacity();
    CHECK(reserved == 150000);   // load 2/3 once full: not the next power of two (262,144)
    std::vector<Id> keys;
    for (int i = 0; i < 100000; ++i) {
        keys.push_back(rng() | 1);
        map.set(keys.back(), uint32_t(i));
    }
    CHECK(map.capacity() == reserved);   // no rehash while filling what was reserved
    for (int i = 0; i < 50000; ++i) map.set(rng() | 1, 7);
    CHECK(map.size() * 4 <= map.capacity() * 3);
    CHECK(map.capacity() < map.size() * 2 + 16);   // grown by half, not doubled past it
    for (int i = 0; i < 100000; ++i) REQUIRE(map.find(keys[size_t(i)]) == uint32_t(i));
}
