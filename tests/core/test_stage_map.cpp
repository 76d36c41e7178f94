// StageMap (the store's per-stage tables): random inserts, lookups and erases agree with std::map,
// including erases inside probe runs (backward shift) and growth.
#include "core/stage_map.h"
#include <doctest/doctest.h>
#include <map>
#include <random>

using namespace dd;

TEST_CASE("StageMap agrees with std::map through random inserts, erases and growth") {
    std::mt19937_64 rng(42);
    StageMap<int> map;
    std::map<Id, int> truth;
    std::vector<Id> keys;
    // Few distinct keys, many operations: probe runs collide and erase often shifts entries back.
    for (int i = 0; i < 300; ++i) keys.push_back(rng() | 1);
    for (int step = 0; step < 20000; ++step) {
        const Id k = keys[rng() % keys.size()];
        switch (rng() % 3) {
        case 0:
            map[k] = step;
            truth[k] = step;
            break;
        case 1: CHECK(map.erase(k) == (truth.erase(k) == 1)); break;
        default: {
            const auto* e = map.find(k);
            auto it = truth.find(k);
            REQUIRE((e != nullptr) == (it != truth.end()));
            if (e) CHECK(e->second == it->second);
        }
        }
        REQUIRE(map.size() == truth.size());
    }
    std::map<Id, int> listed;
    map.for_each([&](Id k, int v) { listed[k] = v; });
    CHECK(listed == truth);
    CHECK(map.find(kNoId) == map.end());
    CHECK(map.count(keys[0]) == truth.count(keys[0]));
    map.clear();
    CHECK(map.size() == 0);
    CHECK(map.find(keys[0]) == nullptr);
    map[keys[1]] = 7;   // usable again after clear
    CHECK(map.find(keys[1])->second == 7);
}
