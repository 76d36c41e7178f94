// Dense ranks of a table's rows by one sort column, kept valid under edits without re-sorting
// everything: the table marks the rows whose key may have changed (touch), and the next refresh
// takes them out of the sorted order, sorts them alone and merges them back in (k log n compares
// plus a few linear passes), or sorts everything again when most rows changed. A few touched rows
// (one edit) are moved one by one instead: each found by its old rank and placed by a binary
// search, the other rows' ranks shifted by one only when a distinct key appears or goes. That
// costs a memmove and at most two sequential passes over the ranks, where the merge's passes
// read and write the ranks in key order (a cache miss per row at a million rows).
//
// rank(row) is the position of the row's key among the distinct keys (equal keys, equal rank);
// rows without a value (an unset date, an empty reference, a deleted row) get kUnsetRank.
#pragma once
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace dd {

constexpr uint32_t kUnsetRank = 0xffffffffu;

class RankIndex {
public:
    void touch(uint32_t row) {
        if (all_touched_) return;
        if (row >= touched_flag_.size()) touched_flag_.resize(size_t(row) + 1, 0);
        if (!touched_flag_[row]) {
            touched_flag_[row] = 1;
            touched_.push_back(row);
        }
    }
    void touch_all() { all_touched_ = true; }
    // Rows 0..rows-1 are already in key order, every key distinct (a table built in that order).
    void set_identity(uint32_t rows) {
        order_.resize(rows);
        rank_.resize(rows);
        for (uint32_t r = 0; r < rows; ++r) order_[r] = rank_[r] = r;
        distinct_ = rows;
        touched_.clear();
        touched_flag_.assign(rows, 0);
        all_touched_ = false;
    }
    bool fresh() const { return !all_touched_ && touched_.empty(); }

    const std::vector<uint32_t>& ranks() const { return rank_; }
    uint32_t distinct() const { return distinct_; }   // ranks are < distinct()

    // Brings the ranks of rows [0, rows) up to date. has_value(row): the row has a key;
    // less(a, b): strict weak order of the keys; full_less(): a comparator for sorting every row
    // (may gather the keys first to compare faster), used when most rows changed.
    template <typename HasValue, typename Less, typename MakeFullLess>
    void refresh(uint32_t rows, HasValue has_value, Less less, MakeFullLess full_less) {
        if (fresh() && rank_.size() == rows) return;
        if (all_touched_ || touched_.size() * 16 > rows) rebuild(rows, has_value, full_less());
        else if (touched_.size() > kFewTouched || !move_few(rows, has_value, less)) merge(rows, has_value, less);
        for (uint32_t r : touched_) touched_flag_[r] = 0;
        touched_.clear();
        all_touched_ = false;
    }

private:
    static constexpr size_t kFewTouched = 16;

    // Ranks >= from (set ones) move by delta: a distinct key appeared (+1) or went (-1).
    void shift_ranks(uint32_t from, int delta) {
        for (uint32_t& r : rank_)
            if (r != kUnsetRank && r >= from) r = uint32_t(int64_t(r) + delta);
    }

    // False (nothing changed) when a touched row is not where its rank says: the merge then repairs.
    template <typename HasValue, typename Less>
    bool move_few(uint32_t rows, HasValue has_value, Less less) {
        if (rank_.size() < rows) rank_.resize(rows, kUnsetRank);
        for (uint32_t t : touched_) {
            if (t >= rank_.size() || rank_[t] == kUnsetRank) continue;
            auto first = std::lower_bound(order_.begin(), order_.end(), rank_[t],
                                          [&](uint32_t row, uint32_t r) { return rank_[row] < r; });
            auto at = std::find(first, order_.end(), t);
            if (at == order_.end() || rank_[*at] != rank_[t]) return false;
        }
        // Out first, found by their old ranks (no key is compared: the touched keys changed).
        for (uint32_t t : touched_) {
            if (t >= rank_.size() || rank_[t] == kUnsetRank) continue;
            const uint32_t old = rank_[t];
            auto first = std::lower_bound(order_.begin(), order_.end(), old,
                                          [&](uint32_t row, uint32_t r) { return rank_[row] < r; });
            auto at = std::find(first, order_.end(), t);   // within the rows of equal rank
            const bool alone = (at == first) && (at + 1 == order_.end() || rank_[*(at + 1)] != old);
            order_.erase(at);
            rank_[t] = kUnsetRank;
            if (alone) {
                shift_ranks(old + 1, -1);
                --distinct_;
            }
        }
        // Then in, each after the rows whose keys are not greater (the rows in order_ now all
        // hold their current keys); an equal key shares its rank, a new one shifts those above.
        for (uint32_t t : touched_) {
            if (t >= rows || !has_value(t)) continue;
            const auto at = std::upper_bound(order_.begin(), order_.end(), t, less);
            const bool equal = at != order_.begin() && !less(*(at - 1), t);
            uint32_t r = 0;
            if (equal) r = rank_[*(at - 1)];
            else {
                r = at == order_.begin() ? 0 : rank_[*(at - 1)] + 1;
                shift_ranks(r, +1);
                ++distinct_;
            }
            order_.insert(at, t);
            rank_[t] = r;
        }
        return true;
    }

    template <typename HasValue, typename Less>
    void rebuild(uint32_t rows, HasValue has_value, Less less) {
        order_.clear();
        for (uint32_t r = 0; r < rows; ++r)
            if (has_value(r)) order_.push_back(r);
        std::sort(order_.begin(), order_.end(), less);
        assign_ranks(rows, [&](size_t k) { return less(order_[k - 1], order_[k]); });
    }

    template <typename HasValue, typename Less>
    void merge(uint32_t rows, HasValue has_value, Less less) {
        if (touched_flag_.size() < rows) touched_flag_.resize(rows, 0);
        // Untouched rows keep their keys, so order_ without the touched ones is still sorted.
        std::vector<uint32_t> moved;
        for (uint32_t r : touched_)
            if (r < rows && has_value(r)) moved.push_back(r);
        std::sort(moved.begin(), moved.end(), less);
        kept_.clear();
        for (uint32_t r : order_)
            if (!touched_flag_[r]) kept_.push_back(r);
        // Each moved row goes after the untouched rows whose keys are not greater (binary search).
        order_.clear();
        size_t from = 0;
        for (uint32_t m : moved) {
            const size_t at = size_t(std::upper_bound(kept_.begin() + std::ptrdiff_t(from), kept_.end(), m, less) - kept_.begin());
            order_.insert(order_.end(), kept_.begin() + std::ptrdiff_t(from), kept_.begin() + std::ptrdiff_t(at));
            order_.push_back(m);
            from = at;
        }
        order_.insert(order_.end(), kept_.begin() + std::ptrdiff_t(from), kept_.end());
        // Two untouched neighbours have equal keys when their old ranks were equal: no compare.
        uint32_t prev_old = kUnsetRank;   // the old rank of order_[k - 1] (rank_ is rewritten as we go)
        if (rank_.size() < rows) rank_.resize(rows, kUnsetRank);
        for (uint32_t r : touched_)
            if (r < rows) rank_[r] = kUnsetRank;
        uint32_t next = 0;
        for (size_t k = 0; k < order_.size(); ++k) {
            const uint32_t b = order_[k];
            const uint32_t old = touched_flag_[b] ? kUnsetRank : rank_[b];
            if (k > 0) {
                const uint32_t a = order_[k - 1];
                const bool both_kept = !touched_flag_[a] && !touched_flag_[b];
                if (both_kept ? prev_old != old : less(a, b)) ++next;
            }
            prev_old = old;
            rank_[b] = next;
        }
        distinct_ = order_.empty() ? 0 : next + 1;
    }

    // order_ sorted; differs(k): the key at k is greater than the key at k - 1.
    template <typename Differs>
    void assign_ranks(uint32_t rows, Differs differs) {
        rank_.assign(rows, kUnsetRank);
        uint32_t r = 0;
        for (size_t k = 0; k < order_.size(); ++k) {
            if (k > 0 && differs(k)) ++r;
            rank_[order_[k]] = r;
        }
        distinct_ = order_.empty() ? 0 : r + 1;
    }

    std::vector<uint32_t> order_;          // rows with a value, by key
    std::vector<uint32_t> kept_;           // merge's scratch, kept to reuse its memory
    std::vector<uint32_t> rank_;           // per row
    uint32_t distinct_ = 0;
    std::vector<uint32_t> touched_;
    std::vector<uint8_t> touched_flag_;
    bool all_touched_ = true;              // never built yet
};

}  // namespace dd
