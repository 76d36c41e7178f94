// RecordSlotMap (the store's id -> slot index for deals, contacts, companies, activities, notes,
// history lines): keeps every record reachable at its slot through pushes and swap-erases done in
// the store's order, with ids that share the 32 bits an entry keeps (only the record can tell
// them apart).
#include "core/record_slot_map.h"
#include <doctest/doctest.h>
#include <random>
#include <vector>

using namespace dd;

namespace {
struct Rec {
    RecordMeta meta;
};
}  // namespace

TEST_CASE("RecordSlotMap finds every record at its slot through pushes and swap-erases") {
    std::mt19937_64 rng(17);
    std::vector<Rec> records;
    RecordSlotMap<Rec> map(records);
    // Ids in pairs whose hashes share their low 32 bits (the entry's tag): (k + j * 2^32) * c has the
    // same low 32 bits for every j when c is odd, so these collide on the tag, not on the home.
    std::vector<Id> pool;
    for (int i = 0; i < 2000; ++i) {
        const Id base = (rng() & 0xffffffffULL) | 1;
        pool.push_back(base + (Id(1 + rng() % 1000) << 32));
        pool.push_back(base + (Id(1001 + rng() % 1000) << 32));
    }
    auto push = [&](Id id) {
        if (map.contains(id)) return;
        map.set(id, uint32_t(records.size()));   // before the push, as put does
        records.push_back(Rec{{id}});
    };
    auto erase_at = [&](uint32_t slot) {   // the store's order: forget, then move the last in
        const Id id = records[slot].meta.id;
        if (slot % 2 == 0) REQUIRE(map.erase(id));
        else REQUIRE(map.take(id) == slot);   // find and erase in one probe: the slot it had
        const uint32_t last = uint32_t(records.size() - 1);
        if (slot != last) {
            records[slot] = records[last];
            map.set(records[slot].meta.id, slot);
        }
        records.pop_back();
    };
    for (int step = 0; step < 40000; ++step) {
        if (rng() % 3 != 0 || records.empty()) push(pool[rng() % pool.size()]);
        else erase_at(uint32_t(rng() % records.size()));
        if (step % 500 == 0) {
            REQUIRE(map.size() == records.size());
            for (uint32_t s = 0; s < records.size(); ++s) REQUIRE(map.find(records[s].meta.id) == s);
        }
    }
    CHECK(map.size() == records.size());
    CHECK(map.size() * 4 <= map.capacity() * 3);
    CHECK(map.take(kNoId) == RecordSlotMap<Rec>::kMissing);
    size_t absent = 0;
    for (Id id : pool) {
        bool present = false;
        for (const Rec& r : records) present = present || r.meta.id == id;
        if (!present) {
            ++absent;
            CHECK(map.find(id) == RecordSlotMap<Rec>::kMissing);
            CHECK_FALSE(map.erase(id));
        }
    }
    CHECK(absent > 100);
    CHECK(map.find(kNoId) == RecordSlotMap<Rec>::kMissing);
}
