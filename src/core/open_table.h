// OpenTable<Entry, Policy>: the open-addressing table shared by the store's id and reference
// indexes (FlatIdMap, RecordSlotMap, RefIndex): linear probing from a home, backward-shift
// deletion (no tombstones, so lookups stay short), load at most 3/4, reserve(n) sized for a load
// of 2/3, a full table grows by half. Each index keeps its own entry layout and its own notion of
// a match (a full key, or a hash checked against the record); the probing is written once here.
//
// Policy (static functions):
//   bool empty(const Entry&)           an unused entry (a default-constructed Entry is empty)
//   uint32_t home_hash(const Entry&)   the 32-bit hash the entry's home is computed from, known
//                                      from the entry alone (so rehash and erase read no record)
// home(h) scales a 32-bit hash to the table (Lemire's reduction: a multiply, no division).
#pragma once
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

// The probe loops are a few instructions each and run on every lookup of every command: forced
// inline, so sharing them costs nothing against the hand-written copies they replaced (checked
// with callgrind on 100,000 stage moves and undos).
#if defined(__GNUC__) || defined(__clang__)
#define DD_TABLE_INLINE inline __attribute__((always_inline))
#else
#define DD_TABLE_INLINE inline
#endif

namespace dd {

template <typename Entry, typename Policy>
class OpenTable {
public:
    static constexpr size_t kNowhere = size_t(-1);

    size_t size() const { return size_; }
    size_t capacity() const { return entries_.size(); }
    size_t memory_bytes() const { return entries_.capacity() * sizeof(Entry); }
    void clear() {
        entries_.clear();
        size_ = 0;
    }
    // Room for n entries without a rehash (a no-op when there is already).
    void reserve(size_t n) {
        if (n * 4 > entries_.size() * 3) rehash(std::max<size_t>(16, n + n / 2));
    }

protected:
    DD_TABLE_INLINE size_t home(uint32_t h) const { return size_t(uint64_t(h) * uint64_t(entries_.size()) >> 32); }
    DD_TABLE_INLINE size_t next(size_t i) const { return i + 1 == entries_.size() ? 0 : i + 1; }

    // The first entry of h's probe run that matches, or kNowhere (an empty table included).
    template <typename Match>
    DD_TABLE_INLINE size_t find_index(uint32_t h, const Match& match) const {
        if (entries_.empty()) return kNowhere;
        for (size_t i = home(h);; i = next(i)) {
            const Entry& e = entries_[i];
            if (Policy::empty(e)) return kNowhere;
            if (match(e)) return i;
        }
    }
    // The matching entry of h's run, or the empty entry ending it (`found` says which). Grows
    // the table first if one more entry would pass the load limit, so the caller may fill it.
    template <typename Match>
    DD_TABLE_INLINE size_t insert_index(uint32_t h, const Match& match, bool& found) {
        if ((size_ + 1) * 4 > entries_.size() * 3) rehash(std::max<size_t>(16, entries_.size() + entries_.size() / 2));
        for (size_t i = home(h);; i = next(i)) {
            const Entry& e = entries_[i];
            if (Policy::empty(e)) {
                found = false;
                return i;
            }
            if (match(e)) {
                found = true;
                return i;
            }
        }
    }
    DD_TABLE_INLINE void fill(size_t i, const Entry& e) {   // i: an empty entry from insert_index
        entries_[i] = e;
        ++size_;
    }
    // Backward shift: later entries of the run move into the hole when their home allows.
    DD_TABLE_INLINE void erase_at(size_t i) {
        size_t hole = i;
        for (size_t j = next(i); !Policy::empty(entries_[j]); j = next(j)) {
            const size_t h = home(Policy::home_hash(entries_[j]));
            // Move j into the hole if its home is not in the cyclic range (hole, j].
            const bool in_range = hole <= j ? (hole < h && h <= j) : (hole < h || h <= j);
            if (!in_range) {
                entries_[hole] = entries_[j];
                hole = j;
            }
        }
        entries_[hole] = Entry{};
        --size_;
    }

    std::vector<Entry> entries_;
    size_t size_ = 0;

private:
    // Entries are distinct and the new table has room: each goes to the first free place from
    // its home, with no comparisons.
    void rehash(size_t n) {
        std::vector<Entry> old;
        old.swap(entries_);
        entries_.assign(n, Entry{});
        for (const Entry& e : old) {
            if (Policy::empty(e)) continue;
            size_t i = home(Policy::home_hash(e));
            while (!Policy::empty(entries_[i])) i = next(i);
            entries_[i] = e;
        }
    }
};

}  // namespace dd
