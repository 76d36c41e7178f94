// The display order of one lane (the deals of a stage): a blocked list of record slots ordered
// by (rank, id). Insert and erase cost O(log n + B) (binary search, then a memmove inside one
// block of at most B entries); access by index walks the block sizes, O(n / B).
// The list stores slots into the store's deal vector, not keys; a KeyOf functor reads a slot's
// (rank, id) from the deals, so the list itself stays 4 bytes per deal.
#pragma once
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
    static constexpr size_t kMaxBlock = 512;
    static constexpr uint32_t kNone = 0xffffffffu;

    size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }

    uint32_t at(size_t index) const {
        for (const auto& b : blocks_) {
            if (index < b.size()) return b[index];
            index -= b.size();
        }
        return kNone;
    }

    // Inserts `slot` whose key is `key` (key_of(slot) must already return it).
    template <typename KeyOf>
    void insert(uint32_t slot, const LaneKey& key, const KeyOf& key_of) {
        if (blocks_.empty()) blocks_.emplace_back();
        size_t b = block_for(key, key_of);
        auto& block = blocks_[b];
        auto it = std::lower_bound(block.begin(), block.end(), key,
                                   [&](uint32_t s, const LaneKey& k) { return key_of(s) < k; });
        block.insert(it, slot);
        ++size_;
        if (block.size() > kMaxBlock) {
            std::vector<uint32_t> tail(block.begin() + kMaxBlock / 2, block.end());
            block.resize(kMaxBlock / 2);
            blocks_.insert(blocks_.begin() + ptrdiff_t(b) + 1, std::move(tail));
        }
    }

    // Erases the entry with `key`; false when it was not there.
    template <typename KeyOf>
    bool erase(const LaneKey& key, const KeyOf& key_of) {
        size_t b, i;
        if (!locate(key, key_of, b, i)) return false;
        auto& block = blocks_[b];
        block.erase(block.begin() + ptrdiff_t(i));
        --size_;
        if (block.empty()) {
            blocks_.erase(blocks_.begin() + ptrdiff_t(b));
        } else if (b + 1 < blocks_.size() && block.size() + blocks_[b + 1].size() <= kMaxBlock / 2) {
            // Merge small neighbours so the number of blocks stays near n / B.
            block.insert(block.end(), blocks_[b + 1].begin(), blocks_[b + 1].end());
            blocks_.erase(blocks_.begin() + ptrdiff_t(b) + 1);
        }
        return true;
    }

    // Position of the entry with `key`, or npos.
    template <typename KeyOf>
    size_t index_of(const LaneKey& key, const KeyOf& key_of) const {
        size_t b, i;
        if (!locate(key, key_of, b, i)) return npos;
        return offset_of(b) + i;
    }

    // The entry with `key` now lives at another slot (the deal vector swapped it).
    template <typename KeyOf>
    bool replace_slot(const LaneKey& key, uint32_t new_slot, const KeyOf& key_of) {
        size_t b, i;
        if (!locate(key, key_of, b, i)) return false;
        blocks_[b][i] = new_slot;
        return true;
    }

    void clear() { blocks_.clear(); size_ = 0; }
    template <typename F>
    void for_each(const F& f) const {
        for (const auto& b : blocks_)
            for (uint32_t s : b) f(s);
    }
    size_t memory_bytes() const {
        size_t n = blocks_.capacity() * sizeof(blocks_[0]);
        for (const auto& b : blocks_) n += b.capacity() * sizeof(uint32_t);
        return n;
    }

    static constexpr size_t npos = size_t(-1);

private:
    // The first block whose last key is >= key (or the last block).
    template <typename KeyOf>
    size_t block_for(const LaneKey& key, const KeyOf& key_of) const {
        size_t lo = 0, hi = blocks_.size() - 1;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (key_of(blocks_[mid].back()) < key) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
    template <typename KeyOf>
    bool locate(const LaneKey& key, const KeyOf& key_of, size_t& b, size_t& i) const {
        if (blocks_.empty()) return false;
        b = block_for(key, key_of);
        const auto& block = blocks_[b];
        auto it = std::lower_bound(block.begin(), block.end(), key,
                                   [&](uint32_t s, const LaneKey& k) { return key_of(s) < k; });
        if (it == block.end() || !(key_of(*it) == key)) return false;
        i = size_t(it - block.begin());
        return true;
    }
    size_t offset_of(size_t block) const {
        size_t n = 0;
        for (size_t k = 0; k < block; ++k) n += blocks_[k].size();
        return n;
    }

    std::vector<std::vector<uint32_t>> blocks_;
    size_t size_ = 0;
};

}  // namespace dd
