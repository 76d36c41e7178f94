// RefIndex: the deals' external references -> deal slot, for the uniqueness check and CSV
// import's "update the deal with this reference". An open-addressing table of 8-byte entries
// (32 bits of the text's hash, the deal's slot): the text itself is not copied, it is read from
// the deal (ref_of(slot)) to confirm a hash match. A std::unordered_map<std::string, Id> cost a
// 56-byte node, a bucket and often a copy of the text per reference.
// Open addressing as FlatIdMap (open_table.h).
#pragma once
#include "core/open_table.h"
#include <cstdint>
#include <string_view>

namespace dd {

struct RefEntry {
    uint32_t hash = 0;
    uint32_t slot = 0xffffffffu;   // 0xffffffff: an empty entry
};

struct RefEntryPolicy {
    // FNV-1a, 32 bits: references are short.
    static uint32_t hash(std::string_view s) {
        uint32_t h = 2166136261u;
        for (unsigned char c : s) h = (h ^ c) * 16777619u;
        return h;
    }
    // The home comes from the hash mixed once more (FNV's low bits are weak).
    static uint32_t mixed(uint32_t h) { return uint32_t((uint64_t(h) * 0x9e3779b97f4a7c15ULL) >> 32); }
    static bool empty(const RefEntry& e) { return e.slot == 0xffffffffu; }
    static uint32_t home_hash(const RefEntry& e) { return mixed(e.hash); }
};

class RefIndex : public OpenTable<RefEntry, RefEntryPolicy> {
public:
    static constexpr uint32_t kMissing = 0xffffffffu;

    // The slot of the deal holding `ref`, or kMissing. ref_of(slot) -> the deal's reference.
    template <typename RefOf>
    uint32_t find(std::string_view ref, const RefOf& ref_of) const {
        if (ref.empty()) return kMissing;
        const uint32_t h = RefEntryPolicy::hash(ref);
        const size_t i = find_index(RefEntryPolicy::mixed(h), [&](const RefEntry& e) {
            return e.hash == h && std::string_view(ref_of(e.slot)) == ref;
        });
        return i == kNowhere ? kMissing : entries_[i].slot;
    }

    // `ref` now belongs to the deal at `slot` (a previous holder is replaced).
    template <typename RefOf>
    void set(std::string_view ref, uint32_t slot, const RefOf& ref_of) {
        const uint32_t h = RefEntryPolicy::hash(ref);
        bool found = false;
        const size_t i = insert_index(RefEntryPolicy::mixed(h), [&](const RefEntry& e) {
            return e.hash == h && std::string_view(ref_of(e.slot)) == ref;
        }, found);
        if (found) entries_[i].slot = slot;
        else fill(i, RefEntry{h, slot});
    }

    // Forgets `ref` if the deal at `slot` holds it (read before that deal changes or moves).
    void erase(std::string_view ref, uint32_t slot) {
        const size_t i = position(ref, slot);
        if (i != kNowhere) erase_at(i);
    }

    // The deal at `from` holding `ref` moved to `to` (a swap-erase).
    void renumber(std::string_view ref, uint32_t from, uint32_t to) {
        const size_t i = position(ref, from);
        if (i != kNowhere) entries_[i].slot = to;
    }

private:
    size_t position(std::string_view ref, uint32_t slot) const {
        if (ref.empty()) return kNowhere;
        const uint32_t h = RefEntryPolicy::hash(ref);
        return find_index(RefEntryPolicy::mixed(h), [&](const RefEntry& e) { return e.slot == slot && e.hash == h; });
    }
};

}  // namespace dd
