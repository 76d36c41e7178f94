// The display order of one lane (the deals of a stage): a blocked list of (rank, slot) entries
// ordered by (rank, id). Insert and erase cost O(log n + B) (binary search, then a memmove
// inside one block of at most B entries); access by index walks the block sizes, O(n / B).
// Slots index the store's deal vector; a KeyOf functor reads a slot's (rank, id) from the deals
// when two ranks tie. 12 bytes per deal, plus 8 per block: each block's last rank, kept in one
// array of its own so that finding the block reads one small contiguous array (a few cache
// lines) rather than one heap block per probe (each a likely cache miss in a large workspace).
#pragma once
#include "core/prefetch.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace dd {

struct LaneKey {
    int64_t rank = 0;
    uint64_t id = 0;
    bool operator<(const LaneKey& o) const { return rank != o.rank ? rank < o.rank : id < o.id; }
    bool operator==(const LaneKey& o) const { return rank == o.rank && id == o.id; }
};

class LaneList {
public:
    static constexpr size_t kMaxBlock = 128;
    static constexpr uint32_t kNone = 0xffffffffu;
    static constexpr size_t npos = size_t(-1);

    size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }

    uint32_t at(size_t index) const {
        for (const auto& b : blocks_) {
            if (index < b.slots.size()) return b.slots[index];
            index -= b.slots.size();
        }
        return kNone;
    }

    // The index-th entry from the end (0 = the last), walking the blocks from the back: O(1)
    // for the end of the lane, where cards dropped without a neighbour go.
    uint32_t at_from_back(size_t index) const {
        for (auto b = blocks_.rbegin(); b != blocks_.rend(); ++b) {
            if (index < b->slots.size()) return b->slots[b->slots.size() - 1 - index];
            index -= b->slots.size();
        }
        return kNone;
    }

    // Inserts `slot` whose key is `key` (key_of(slot) must already return it).
    template <typename KeyOf>
    void insert(uint32_t slot, const LaneKey& key, const KeyOf& key_of) {
        if (blocks_.empty()) {
            blocks_.emplace_back();
            last_rank_.push_back(key.rank);
        }
        size_t b = block_for(key, key_of);
        Block& block = blocks_[b];
        size_t i = lower_bound(block, key, key_of);
        block.ranks.insert(block.ranks.begin() + ptrdiff_t(i), key.rank);
        block.slots.insert(block.slots.begin() + ptrdiff_t(i), slot);
        ++size_;
        last_rank_[b] = block.ranks.back();
        if (block.slots.size() > kMaxBlock) {
            Block tail;
            tail.ranks.assign(block.ranks.begin() + kMaxBlock / 2, block.ranks.end());
            tail.slots.assign(block.slots.begin() + kMaxBlock / 2, block.slots.end());
            block.ranks.resize(kMaxBlock / 2);
            block.slots.resize(kMaxBlock / 2);
            last_rank_[b] = block.ranks.back();
            last_rank_.insert(last_rank_.begin() + ptrdiff_t(b) + 1, tail.ranks.back());
            blocks_.insert(blocks_.begin() + ptrdiff_t(b) + 1, std::move(tail));
        }
    }

    // Replaces the list with `n` entries already in key order, entry(i) giving the i-th as
    // {rank, slot}: a lane built whole (Store::load). Blocks of half the maximum, as inserting
    // them one by one in order leaves them, but without a search, a memmove or a split per entry
    // (~50 ms of a 100,000-deal start in WASM).
    template <typename Entry>
    void assign_sorted(size_t n, const Entry& entry) {
        clear();
        constexpr size_t kFill = kMaxBlock / 2;
        blocks_.reserve((n + kFill - 1) / kFill);
        last_rank_.reserve(blocks_.capacity());
        for (size_t at = 0; at < n; at += kFill) {
            const size_t end = std::min(n, at + kFill);
            Block& block = blocks_.emplace_back();
            block.ranks.reserve(end - at);
            block.slots.reserve(end - at);
            for (size_t i = at; i < end; ++i) {
                const auto [rank, slot] = entry(i);
                block.ranks.push_back(rank);
                block.slots.push_back(slot);
            }
            last_rank_.push_back(block.ranks.back());
        }
        size_ = n;
    }

    // Erases the entry with `key`; false when it was not there.
    template <typename KeyOf>
    bool erase(const LaneKey& key, const KeyOf& key_of) {
        size_t b, i;
        if (!locate(key, key_of, b, i)) return false;
        Block& block = blocks_[b];
        block.ranks.erase(block.ranks.begin() + ptrdiff_t(i));
        block.slots.erase(block.slots.begin() + ptrdiff_t(i));
        --size_;
        if (block.slots.empty()) {
            blocks_.erase(blocks_.begin() + ptrdiff_t(b));
            last_rank_.erase(last_rank_.begin() + ptrdiff_t(b));
            return true;
        }
        last_rank_[b] = block.ranks.back();
        if (b + 1 < blocks_.size() && block.slots.size() + blocks_[b + 1].slots.size() <= kMaxBlock / 2) {
            // Merge small neighbours so the number of blocks stays near n / B.
            Block& next = blocks_[b + 1];
            block.ranks.insert(block.ranks.end(), next.ranks.begin(), next.ranks.end());
            block.slots.insert(block.slots.end(), next.slots.begin(), next.slots.end());
            blocks_.erase(blocks_.begin() + ptrdiff_t(b) + 1);
            last_rank_[b] = block.ranks.back();
            last_rank_.erase(last_rank_.begin() + ptrdiff_t(b) + 1);
        }
        return true;
    }

    // Position of the entry with `key`, or npos.
    template <typename KeyOf>
    size_t index_of(const LaneKey& key, const KeyOf& key_of) const {
        size_t b, i;
        if (!locate(key, key_of, b, i)) return npos;
        size_t n = i;
        for (size_t k = 0; k < b; ++k) n += blocks_[k].slots.size();
        return n;
    }

    // Starts loading the block where `key` is or would go (its ranks and slots: the binary
    // search and the memmove of an insert or erase read up to 24 cache lines of it, most of them
    // in a chain of dependent loads). A hint for a lane operation some work later (a stage move
    // erases its deal from the old lane after building its history lines; an undo puts it back
    // at its old rank): the lane blocks of a large workspace are seldom all in cache.
    template <typename KeyOf>
    void prefetch(const LaneKey& key, const KeyOf& key_of) const {
        if (blocks_.empty()) return;
        const Block& block = blocks_[block_for(key, key_of)];
        dd_prefetch_range(block.ranks.data(), block.ranks.size() * sizeof(int64_t));
        dd_prefetch_range(block.slots.data(), block.slots.size() * sizeof(uint32_t));
    }

    // The entry with `key` now lives at another slot (the deal vector swapped it).
    template <typename KeyOf>
    bool replace_slot(const LaneKey& key, uint32_t new_slot, const KeyOf& key_of) {
        size_t b, i;
        if (!locate(key, key_of, b, i)) return false;
        blocks_[b].slots[i] = new_slot;
        return true;
    }

    void clear() {
        blocks_.clear();
        last_rank_.clear();
        size_ = 0;
    }
    template <typename F>
    void for_each(const F& f) const {
        for (const auto& b : blocks_)
            for (uint32_t s : b.slots) f(s);
    }
    size_t memory_bytes() const {
        size_t n = blocks_.capacity() * sizeof(Block) + last_rank_.capacity() * sizeof(int64_t);
        for (const auto& b : blocks_) n += b.ranks.capacity() * sizeof(int64_t) + b.slots.capacity() * sizeof(uint32_t);
        return n;
    }

private:
    // Ranks are kept inline (12 bytes per deal with the slot) so searching touches no deal
    // records; the id, needed only to break ties between equal ranks, is read through key_of.
    struct Block {
        std::vector<int64_t> ranks;
        std::vector<uint32_t> slots;
    };
    template <typename KeyOf>
    static bool less(const Block& b, size_t i, const LaneKey& key, const KeyOf& key_of) {
        if (b.ranks[i] != key.rank) return b.ranks[i] < key.rank;
        return key_of(b.slots[i]).id < key.id;
    }
    template <typename KeyOf>
    static size_t lower_bound(const Block& b, const LaneKey& key, const KeyOf& key_of) {
        size_t lo = 0, hi = b.slots.size();
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (less(b, mid, key, key_of)) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
    // The first block whose last key is >= key (or the last block). Reads last_rank_ only; a
    // block's own entries only when its last rank ties with the key's.
    template <typename KeyOf>
    size_t block_for(const LaneKey& key, const KeyOf& key_of) const {
        size_t lo = 0, hi = blocks_.size() - 1;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            const int64_t last = last_rank_[mid];
            const bool below = last != key.rank ? last < key.rank : key_of(blocks_[mid].slots.back()).id < key.id;
            if (below) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
    template <typename KeyOf>
    bool locate(const LaneKey& key, const KeyOf& key_of, size_t& b, size_t& i) const {
        if (blocks_.empty()) return false;
        b = block_for(key, key_of);
        const Block& block = blocks_[b];
        i = lower_bound(block, key, key_of);
        return i < block.slots.size() && block.ranks[i] == key.rank && key_of(block.slots[i]).id == key.id;
    }

    std::vector<Block> blocks_;
    std::vector<int64_t> last_rank_;   // blocks_[b].ranks.back() for every block b
    size_t size_ = 0;
};

}  // namespace dd
