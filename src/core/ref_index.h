// RefIndex: the deals' external references -> deal slot, for the uniqueness check and CSV
// import's "update the deal with this reference". An open-addressing table of 8-byte entries
// (32 bits of the text's hash, the deal's slot): the text itself is not copied, it is read from
// the deal (ref_of(slot)) to confirm a hash match. A std::unordered_map<std::string, Id> cost a
// 56-byte node, a bucket and often a copy of the text per reference.
// Linear probing, backward-shift deletion, load at most 3/4 (sized like FlatIdMap).
#pragma once
#include <algorithm>
#include <cstdint>
#include <string_view>
#include <vector>

namespace dd {

class RefIndex {
public:
    static constexpr uint32_t kMissing = 0xffffffffu;

    // The slot of the deal holding `ref`, or kMissing. ref_of(slot) -> the deal's reference.
    template <typename RefOf>
    uint32_t find(std::string_view ref, const RefOf& ref_of) const {
        if (entries_.empty() || ref.empty()) return kMissing;
        const uint32_t h = hash(ref);
        for (size_t i = home(h);; i = next(i)) {
            const Entry& e = entries_[i];
            if (e.slot == kMissing) return kMissing;
            if (e.hash == h && std::string_view(ref_of(e.slot)) == ref) return e.slot;
        }
    }

    // `ref` now belongs to the deal at `slot` (a previous holder is replaced).
    template <typename RefOf>
    void set(std::string_view ref, uint32_t slot, const RefOf& ref_of) {
        if ((size_ + 1) * 4 > entries_.size() * 3) rehash(std::max<size_t>(16, entries_.size() + entries_.size() / 2));
        const uint32_t h = hash(ref);
        for (size_t i = home(h);; i = next(i)) {
            Entry& e = entries_[i];
            if (e.slot == kMissing) {
                e = Entry{h, slot};
                ++size_;
                return;
            }
            if (e.hash == h && std::string_view(ref_of(e.slot)) == ref) {
                e.slot = slot;
                return;
            }
        }
    }

    // Forgets `ref` if the deal at `slot` holds it (read before that deal changes or moves).
    void erase(std::string_view ref, uint32_t slot) {
        const size_t i = position(ref, slot);
        if (i == kNowhere) return;
        size_t hole = i;
        for (size_t j = next(i); entries_[j].slot != kMissing; j = next(j)) {
            const size_t h = home(entries_[j].hash);
            const bool in_range = hole <= j ? (hole < h && h <= j) : (hole < h || h <= j);
            if (!in_range) {
                entries_[hole] = entries_[j];
                hole = j;
            }
        }
        entries_[hole] = Entry{};
        --size_;
    }

    // The deal at `from` holding `ref` moved to `to` (a swap-erase).
    void renumber(std::string_view ref, uint32_t from, uint32_t to) {
        const size_t i = position(ref, from);
        if (i != kNowhere) entries_[i].slot = to;
    }

    size_t size() const { return size_; }
    void clear() { entries_.clear(); size_ = 0; }
    void reserve(size_t n) {
        if (n * 4 > entries_.size() * 3) rehash(std::max<size_t>(16, n + n / 2));
    }

private:
    struct Entry {
        uint32_t hash = 0;
        uint32_t slot = kMissing;   // kMissing: an empty entry
    };
    static constexpr size_t kNowhere = size_t(-1);
    // FNV-1a, 32 bits: references are short.
    static uint32_t hash(std::string_view s) {
        uint32_t h = 2166136261u;
        for (unsigned char c : s) h = (h ^ c) * 16777619u;
        return h;
    }
    // The home is the hash mixed once more (FNV's low bits are weak), scaled to the table.
    size_t home(uint32_t h) const {
        return size_t((uint64_t(uint32_t((uint64_t(h) * 0x9e3779b97f4a7c15ULL) >> 32)) * entries_.size()) >> 32);
    }
    size_t next(size_t i) const { return i + 1 == entries_.size() ? 0 : i + 1; }
    size_t position(std::string_view ref, uint32_t slot) const {
        if (entries_.empty() || ref.empty()) return kNowhere;
        const uint32_t h = hash(ref);
        for (size_t i = home(h);; i = next(i)) {
            const Entry& e = entries_[i];
            if (e.slot == kMissing) return kNowhere;
            if (e.slot == slot && e.hash == h) return i;
        }
    }
    void rehash(size_t n) {
        std::vector<Entry> old;
        old.swap(entries_);
        entries_.assign(n, Entry{});
        for (const Entry& e : old) {
            if (e.slot == kMissing) continue;
            size_t i = home(e.hash);
            while (entries_[i].slot != kMissing) i = next(i);
            entries_[i] = e;
        }
    }

    std::vector<Entry> entries_;
    size_t size_ = 0;
};

}  // namespace dd
