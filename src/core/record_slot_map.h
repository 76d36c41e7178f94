// RecordSlotMap: record id -> slot in the store's vector of those records (deals, contacts,
// companies, activities, notes, history lines): the large id indexes. 8 bytes per entry instead
// of FlatIdMap's 12: an entry keeps 32 bits of the id and the slot; the whole id is read from the
// record itself (records[slot].meta.id) to confirm a match, which holds because the map only
// ever points at where each record is. Hence the order rules for the callers:
//  * set(id, slot) once records[slot] holds the record (or, for a new one, right before it is
//    pushed at slot == size: only the other entries are read then);
//  * erase(id) while the record is still at its slot (before a swap-erase moves another into it).
// Open addressing, linear probing, backward-shift deletion, load at most 3/4, sized like
// FlatIdMap (reserve(n) at load 2/3, growth by half). It reads the vector it was given: a member
// of the struct that owns that vector, not copyable.
#pragma once
#include "core/model.h"
#include "core/prefetch.h"
#include <algorithm>
#include <cstdint>
#include <vector>

namespace dd {

template <typename T, typename Records = std::vector<T>>   // Records: a vector-like of T (history: ChunkedVector)
class RecordSlotMap {
public:
    static constexpr uint32_t kMissing = 0xffffffffu;

    explicit RecordSlotMap(const Records& records) : records_(&records) {}
    RecordSlotMap(const RecordSlotMap&) = delete;
    RecordSlotMap& operator=(const RecordSlotMap&) = delete;

    uint32_t find(Id key) const {
        if (entries_.empty() || key == kNoId) return kMissing;
        const uint32_t t = tag(key);
        for (size_t i = home(key);; i = next(i)) {
            const Entry& e = entries_[i];
            if (e.slot == kMissing) return kMissing;
            if (e.tag == t && id_at(e.slot) == key) return e.slot;
        }
    }
    bool contains(Id key) const { return find(key) != kMissing; }
    // Starts loading the entry where a lookup of `key` begins (prefetch.h): a hint, no effect.
    void prefetch(Id key) const {
        if (!entries_.empty()) dd_prefetch(&entries_[home(key)]);
    }

    // Inserts or overwrites (see the order rules above).
    void set(Id key, uint32_t slot) {
        if ((size_ + 1) * 4 > entries_.size() * 3) rehash(std::max<size_t>(16, entries_.size() + entries_.size() / 2));
        const uint32_t t = tag(key);
        for (size_t i = home(key);; i = next(i)) {
            Entry& e = entries_[i];
            if (e.slot == kMissing) {
                e = Entry{t, slot};
                ++size_;
                return;
            }
            if (e.tag == t && id_at(e.slot) == key) {
                e.slot = slot;
                return;
            }
        }
    }

    // Inserts key -> slot when the key is absent (returns kMissing) or leaves the map as it is and
    // returns the key's slot: one probe where find() then set() take two (a new history line on
    // every stage move). The order rules are set()'s.
    uint32_t insert(Id key, uint32_t slot) {
        if ((size_ + 1) * 4 > entries_.size() * 3) rehash(std::max<size_t>(16, entries_.size() + entries_.size() / 2));
        const uint32_t t = tag(key);
        for (size_t i = home(key);; i = next(i)) {
            Entry& e = entries_[i];
            if (e.slot == kMissing) {
                e = Entry{t, slot};
                ++size_;
                return kMissing;
            }
            if (e.tag == t && id_at(e.slot) == key) return e.slot;
        }
    }

    bool erase(Id key) {
        if (entries_.empty() || key == kNoId) return false;
        const uint32_t t = tag(key);
        size_t i = home(key);
        for (;; i = next(i)) {
            const Entry& e = entries_[i];
            if (e.slot == kMissing) return false;
            if (e.tag == t && id_at(e.slot) == key) break;
        }
        size_t hole = i;
        for (size_t j = next(i); entries_[j].slot != kMissing; j = next(j)) {
            const size_t h = home_of(entries_[j].tag);
            const bool in_range = hole <= j ? (hole < h && h <= j) : (hole < h || h <= j);
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
    void reserve(size_t n) {
        if (n * 4 > entries_.size() * 3) rehash(std::max<size_t>(16, n + n / 2));
    }
    size_t capacity() const { return entries_.size(); }

private:
    struct Entry {
        uint32_t tag = 0;
        uint32_t slot = kMissing;   // kMissing: an empty entry
    };
    static_assert(sizeof(Entry) == 8, "an entry is two 32-bit words");
    static uint64_t mix(Id key) { return key * 0x9e3779b97f4a7c15ULL; }
    // The tag is the hash's high 32 bits and the home is the tag scaled to the table, so an
    // entry's home is known from the entry alone: a rehash and the backward shift of an erase
    // read no record (with 300,000 history lines, each such read was a cache miss, and the
    // rehashes of a growing history cost ~6 % of a stage move's time).
    static uint32_t tag(Id key) { return uint32_t(mix(key) >> 32); }
    size_t home_of(uint32_t t) const { return size_t(uint64_t(t) * uint64_t(entries_.size()) >> 32); }
    size_t home(Id key) const { return home_of(tag(key)); }
    size_t next(size_t i) const { return i + 1 == entries_.size() ? 0 : i + 1; }
    Id id_at(uint32_t slot) const { return (*records_)[slot].meta.id; }
    void rehash(size_t n) {
        std::vector<Entry> old;
        old.swap(entries_);
        entries_.assign(n, Entry{});
        for (const Entry& e : old) {
            if (e.slot == kMissing) continue;
            size_t i = home_of(e.tag);
            while (entries_[i].slot != kMissing) i = next(i);
            entries_[i] = e;
        }
    }

    const Records* records_;
    std::vector<Entry> entries_;
    size_t size_ = 0;
};

}  // namespace dd
