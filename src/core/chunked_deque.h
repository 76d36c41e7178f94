// ChunkedDeque<T>: a double-ended queue in chunks of 2^kChunkBits elements, for the undo and redo
// stacks (a step is pushed or popped at the back by every command, undo and redo; the oldest go
// from the front when the budget is exceeded). std::deque's nodes are 512 bytes in libstdc++: one
// undo step (~300 bytes) per node, so every command allocated a node and every undo freed one.
// Here a chunk holds 32 steps, and one spare chunk is kept at the back, so a run of undos and
// redos across a chunk boundary does not allocate and free in turn.
//
// Elements never move (push and pop at either end touch no other element). Only what UndoHistory
// uses: back/front, push (emplace) at the back, pop at both ends, clear, size and iteration.
#pragma once
#include <cstddef>
#include <iterator>
#include <memory>
#include <new>
#include <utility>
#include <vector>

namespace dd {

template <typename T, size_t kChunkBits = 5>
class ChunkedDeque {
    static constexpr size_t kChunk = size_t(1) << kChunkBits;
    static constexpr size_t kMask = kChunk - 1;

public:
    class const_iterator {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = T;
        using difference_type = std::ptrdiff_t;
        using pointer = const T*;
        using reference = const T&;
        const_iterator(const ChunkedDeque* d, size_t i) : d_(d), i_(i) {}
        const T& operator*() const { return (*d_)[i_]; }
        const T* operator->() const { return &(*d_)[i_]; }
        const_iterator& operator++() { ++i_; return *this; }
        bool operator==(const const_iterator& o) const { return i_ == o.i_; }
        bool operator!=(const const_iterator& o) const { return i_ != o.i_; }

    private:
        const ChunkedDeque* d_;
        size_t i_;
    };

    ChunkedDeque() = default;
    ChunkedDeque(const ChunkedDeque&) = delete;
    ChunkedDeque& operator=(const ChunkedDeque&) = delete;
    ChunkedDeque(ChunkedDeque&& o) noexcept : chunks_(std::move(o.chunks_)), head_(o.head_), size_(o.size_) {
        o.head_ = o.size_ = 0;
    }
    ChunkedDeque& operator=(ChunkedDeque&& o) noexcept {
        if (this != &o) {
            release();
            chunks_ = std::move(o.chunks_);
            head_ = o.head_;
            size_ = o.size_;
            o.head_ = o.size_ = 0;
        }
        return *this;
    }
    ~ChunkedDeque() { release(); }

    size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    T& operator[](size_t i) { return at_position(head_ + i); }
    const T& operator[](size_t i) const { return const_cast<ChunkedDeque*>(this)->at_position(head_ + i); }
    T& front() { return (*this)[0]; }
    const T& front() const { return (*this)[0]; }
    T& back() { return (*this)[size_ - 1]; }
    const T& back() const { return (*this)[size_ - 1]; }
    const_iterator begin() const { return const_iterator(this, 0); }
    const_iterator end() const { return const_iterator(this, size_); }

    template <typename... Args>
    T& emplace_back(Args&&... args) {
        const size_t pos = head_ + size_;
        if (pos == chunks_.size() * kChunk) chunks_.push_back(std::allocator<T>().allocate(kChunk));
        T* p = &at_position(pos);
        new (p) T(std::forward<Args>(args)...);
        ++size_;
        return *p;
    }
    void push_back(T&& x) { emplace_back(std::move(x)); }

    void pop_back() {
        --size_;
        at_position(head_ + size_).~T();
        // Keep one empty chunk after the last element at most.
        const size_t used = (head_ + size_ + kMask) >> kChunkBits;
        while (chunks_.size() > used + 1) {
            std::allocator<T>().deallocate(chunks_.back(), kChunk);
            chunks_.pop_back();
        }
    }
    void pop_front() {
        at_position(head_).~T();
        ++head_;
        --size_;
        if (head_ == kChunk) {   // the first chunk is empty: free it
            std::allocator<T>().deallocate(chunks_.front(), kChunk);
            chunks_.erase(chunks_.begin());
            head_ = 0;
        }
        if (size_ == 0) head_ = 0;   // start over at the beginning of the (kept) first chunk
    }
    void clear() {
        while (size_ > 0) pop_back();
        head_ = 0;
    }

private:
    T& at_position(size_t p) { return chunks_[p >> kChunkBits][p & kMask]; }
    void release() {
        clear();
        for (T* c : chunks_) std::allocator<T>().deallocate(c, kChunk);
        chunks_.clear();
    }

    std::vector<T*> chunks_;   // chunk k holds positions [k * kChunk, (k + 1) * kChunk)
    size_t head_ = 0;          // position of the first element (in chunks_[0])
    size_t size_ = 0;
};

}  // namespace dd
