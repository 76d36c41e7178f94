// StageMap<T>: the store's small per-stage tables (stage infos, lanes), id -> T. A workspace has
// tens of stages, and a stage move looks them up a dozen times (validation, the status rules,
// both lanes, their totals, the history's stage names): open addressing in one array, a
// multiplicative hash and linear probing make each lookup a few instructions and one cache line,
// where std::unordered_map divides by a prime and follows a node pointer.
//
// The subset of std::unordered_map the store uses, with pointers for iterators: find() returns
// the entry or nullptr (== end()), entries are {first, second}. An insert or an erase may move
// other entries, so no reference is kept across one (as with a rehash of unordered_map).
// Key kNoId (0) marks an empty entry and is never stored.
#pragma once
#include "core/model.h"
#include <cstddef>
#include <utility>
#include <vector>

namespace dd {

template <typename T>
class StageMap {
public:
    struct Entry {
        Id first = kNoId;
        T second{};
    };

    Entry* find(Id id) { return const_cast<Entry*>(static_cast<const StageMap*>(this)->find(id)); }
    const Entry* find(Id id) const {
        if (size_ == 0 || id == kNoId) return nullptr;
        for (size_t i = home(id);; i = (i + 1) & mask_) {
            const Entry& e = entries_[i];
            if (e.first == id) return &e;
            if (e.first == kNoId) return nullptr;
        }
    }
    static constexpr Entry* end() { return nullptr; }
    size_t count(Id id) const { return find(id) ? 1 : 0; }
    size_t size() const { return size_; }

    // The entry of `id`, inserted with a default T when absent.
    T& operator[](Id id) {
        if (Entry* e = find(id)) return e->second;
        if ((size_ + 1) * 2 > entries_.size()) grow();
        size_t i = home(id);
        while (entries_[i].first != kNoId) i = (i + 1) & mask_;
        entries_[i].first = id;
        ++size_;
        return entries_[i].second;
    }

    bool erase(Id id) {
        Entry* e = find(id);
        if (!e) return false;
        erase(e);
        return true;
    }
    // Backward-shift deletion: later entries of the probe run move up, so no tombstones.
    void erase(Entry* e) {
        size_t hole = size_t(e - entries_.data());
        for (size_t i = (hole + 1) & mask_; entries_[i].first != kNoId; i = (i + 1) & mask_) {
            const size_t h = home(entries_[i].first);
            // Entry i may fill the hole unless its home lies cyclically in (hole, i].
            const bool stays = hole <= i ? (hole < h && h <= i) : (hole < h || h <= i);
            if (stays) continue;
            entries_[hole] = std::move(entries_[i]);
            hole = i;
        }
        entries_[hole] = Entry{};
        --size_;
    }

    void clear() {
        entries_.clear();
        mask_ = 0;
        size_ = 0;
    }

    template <typename F>
    void for_each(const F& f) {
        for (Entry& e : entries_)
            if (e.first != kNoId) f(e.first, e.second);
    }
    template <typename F>
    void for_each(const F& f) const {
        for (const Entry& e : entries_)
            if (e.first != kNoId) f(e.first, e.second);
    }

private:
    size_t home(Id id) const { return size_t((id * 0x9E3779B97F4A7C15ull) >> 32) & mask_; }
    void grow() {
        std::vector<Entry> old = std::move(entries_);
        const size_t capacity = old.empty() ? 16 : old.size() * 2;
        entries_ = std::vector<Entry>(capacity);
        mask_ = capacity - 1;
        for (Entry& e : old) {
            if (e.first == kNoId) continue;
            size_t i = home(e.first);
            while (entries_[i].first != kNoId) i = (i + 1) & mask_;
            entries_[i] = std::move(e);
        }
    }

    std::vector<Entry> entries_;
    size_t mask_ = 0;
    size_t size_ = 0;
};

}  // namespace dd
