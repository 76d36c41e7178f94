// An open-addressing hash map from record id to a slot number (uint32), used for the
// "id -> position in the records vector" indexes. 12 bytes per entry (the 64-bit key kept as two
// 32-bit halves, so an entry needs no 8-byte alignment and no padding), no node allocations,
// linear probing with backward-shift deletion (no tombstones, so lookups stay short).
// Key kNoId (0) marks an empty entry and is never stored.
// Sizing: the load stays at most 3/4. The table is not a power of two (a home is the hash scaled
// to the table size): reserve(n) sizes it for n at a load of 2/3 (a loaded workspace has room to
// grow before the first rehash), and a full table grows by half (load 1/2 after). With doubling,
// 100,000 deals sat in 262,144 entries (38 % full): 31 bytes per deal instead of 18.
#pragma once
#include "core/model.h"
#include "core/prefetch.h"
#include <algorithm>
#include <cstdint>
#include <vector>

namespace dd {

class FlatIdMap {
public:
    static constexpr uint32_t kMissing = 0xffffffffu;

    uint32_t find(Id key) const {
        if (entries_.empty() || key == kNoId) return kMissing;
        for (size_t i = home(key);; i = next(i)) {
            const Entry& e = entries_[i];
            if (e.key() == key) return e.value;
            if (e.key() == kNoId) return kMissing;
        }
    }
    bool contains(Id key) const { return find(key) != kMissing; }
    // Starts loading the entry where a lookup of `key` begins (prefetch.h): a hint, no effect.
    void prefetch(Id key) const {
        if (!entries_.empty()) dd_prefetch(&entries_[home(key)]);
    }

    // Inserts or overwrites.
    void set(Id key, uint32_t value) {
        if ((size_ + 1) * 4 > entries_.size() * 3) rehash(std::max<size_t>(16, entries_.size() + entries_.size() / 2));
        for (size_t i = home(key);; i = next(i)) {
            Entry& e = entries_[i];
            if (e.key() == key) { e.value = value; return; }
            if (e.key() == kNoId) { e = Entry::of(key, value); ++size_; return; }
        }
    }

    // Inserts key -> value when the key is absent (returns kMissing) or leaves the map as it is
    // and returns the key's value: one probe where find() then set() take two (every undo of a
    // stage move adds a tombstone per history line it erases).
    uint32_t insert(Id key, uint32_t value) {
        if ((size_ + 1) * 4 > entries_.size() * 3) rehash(std::max<size_t>(16, entries_.size() + entries_.size() / 2));
        for (size_t i = home(key);; i = next(i)) {
            Entry& e = entries_[i];
            if (e.key() == key) return e.value;
            if (e.key() == kNoId) { e = Entry::of(key, value); ++size_; return kMissing; }
        }
    }

    bool erase(Id key) {
        if (entries_.empty() || key == kNoId) return false;
        size_t i = home(key);
        for (;; i = next(i)) {
            if (entries_[i].key() == key) break;
            if (entries_[i].key() == kNoId) return false;
        }
        // Backward-shift: pull later entries of the probe run into the hole when allowed.
        size_t hole = i;
        for (size_t j = next(i); entries_[j].key() != kNoId; j = next(j)) {
            size_t h = home(entries_[j].key());
            // Move j into the hole if its home is not in the cyclic range (hole, j].
            bool in_range = hole <= j ? (hole < h && h <= j) : (hole < h || h <= j);
            if (!in_range) {
                entries_[hole] = entries_[j];
                hole = j;
            }
        }
        entries_[hole] = Entry{};
        --size_;
        return true;
    }

    size_t size() const { return size_; }
    void clear() { entries_.clear(); size_ = 0; }
    // Room for n entries without a rehash (a no-op when there is already).
    void reserve(size_t n) {
        if (n * 4 > entries_.size() * 3) rehash(std::max<size_t>(16, n + n / 2));
    }
    size_t capacity() const { return entries_.size(); }
    size_t memory_bytes() const { return entries_.capacity() * sizeof(Entry); }

private:
    struct Entry {
        uint32_t key_low = 0, key_high = 0;
        uint32_t value = 0;
        Id key() const { return Id(key_high) << 32 | key_low; }
        static Entry of(Id key, uint32_t value) { return Entry{uint32_t(key), uint32_t(key >> 32), value}; }
    };
    static_assert(sizeof(Entry) == 12, "an entry is three 32-bit words");
    // The high 32 bits of a Fibonacci hash, scaled to [0, size) by a multiply (Lemire's reduction).
    size_t home(Id key) const {
        return size_t((uint64_t((key * 0x9e3779b97f4a7c15ULL) >> 32) * entries_.size()) >> 32);
    }
    size_t next(size_t i) const { return i + 1 == entries_.size() ? 0 : i + 1; }
    void rehash(size_t entries) {
        std::vector<Entry> old;
        old.swap(entries_);
        entries_.assign(entries, Entry{});
        // Keys are distinct and the table has room: each entry goes to the first free place from
        // its home, without set()'s load check and key comparisons (the tombstones' table grows
        // from empty to 180,000 entries over 100,000 undos of moves).
        for (const Entry& e : old) {
            if (e.key() == kNoId) continue;
            size_t i = home(e.key());
            while (entries_[i].key() != kNoId) i = next(i);
            entries_[i] = e;
        }
    }

    std::vector<Entry> entries_;
    size_t size_ = 0;
};

}  // namespace dd
