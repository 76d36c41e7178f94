// An open-addressing hash map from record id to a slot number (uint32), used for the
// "id -> position in the records vector" indexes. 12 bytes per entry (the 64-bit key kept as two
// 32-bit halves, so an entry needs no 8-byte alignment and no padding), no node allocations,
// linear probing with backward-shift deletion (open_table.h, shared with the other indexes).
// Key kNoId (0) marks an empty entry and is never stored.
// Sizing: the load stays at most 3/4. The table is not a power of two (a home is the hash scaled
// to the table size): reserve(n) sizes it for n at a load of 2/3 (a loaded workspace has room to
// grow before the first rehash), and a full table grows by half (load 1/2 after). With doubling,
// 100,000 deals sat in 262,144 entries (38 % full): 31 bytes per deal instead of 18.
#pragma once
#include "core/model.h"
#include "core/open_table.h"
#include "core/prefetch.h"
#include <cstdint>

namespace dd {

struct FlatIdEntry {
    uint32_t key_low = 0, key_high = 0;
    uint32_t value = 0;
    Id key() const { return Id(key_high) << 32 | key_low; }
    static FlatIdEntry of(Id key, uint32_t value) { return FlatIdEntry{uint32_t(key), uint32_t(key >> 32), value}; }
};
static_assert(sizeof(FlatIdEntry) == 12, "an entry is three 32-bit words");

struct FlatIdPolicy {
    // The high 32 bits of a Fibonacci hash (the table scales them to its size).
    static uint32_t hash(Id key) { return uint32_t((key * 0x9e3779b97f4a7c15ULL) >> 32); }
    static bool empty(const FlatIdEntry& e) { return e.key() == kNoId; }
    static uint32_t home_hash(const FlatIdEntry& e) { return hash(e.key()); }
};

class FlatIdMap : public OpenTable<FlatIdEntry, FlatIdPolicy> {
public:
    static constexpr uint32_t kMissing = 0xffffffffu;

    DD_TABLE_INLINE uint32_t find(Id key) const {
        if (key == kNoId) return kMissing;
        const size_t i = find_index(FlatIdPolicy::hash(key), [&](const FlatIdEntry& e) { return e.key() == key; });
        return i == kNowhere ? kMissing : entries_[i].value;
    }
    bool contains(Id key) const { return find(key) != kMissing; }
    // Starts loading the entry where a lookup of `key` begins (prefetch.h): a hint, no effect.
    void prefetch(Id key) const {
        if (!entries_.empty()) dd_prefetch(&entries_[home(FlatIdPolicy::hash(key))]);
    }

    // Inserts or overwrites.
    DD_TABLE_INLINE void set(Id key, uint32_t value) {
        if (key == kNoId) return;
        bool found = false;
        const size_t i = insert_index(FlatIdPolicy::hash(key), [&](const FlatIdEntry& e) { return e.key() == key; }, found);
        if (found) entries_[i].value = value;
        else fill(i, FlatIdEntry::of(key, value));
    }

    // Inserts key -> value when the key is absent (returns kMissing) or leaves the map as it is
    // and returns the key's value: one probe where find() then set() take two (every undo of a
    // stage move adds a tombstone per history line it erases).
    DD_TABLE_INLINE uint32_t insert(Id key, uint32_t value) {
        if (key == kNoId) return kMissing;
        bool found = false;
        const size_t i = insert_index(FlatIdPolicy::hash(key), [&](const FlatIdEntry& e) { return e.key() == key; }, found);
        if (found) return entries_[i].value;
        fill(i, FlatIdEntry::of(key, value));
        return kMissing;
    }

    DD_TABLE_INLINE bool erase(Id key) {
        if (key == kNoId) return false;
        const size_t i = find_index(FlatIdPolicy::hash(key), [&](const FlatIdEntry& e) { return e.key() == key; });
        if (i == kNowhere) return false;
        erase_at(i);
        return true;
    }
};

}  // namespace dd
