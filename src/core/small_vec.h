// SmallVec<T, N>: a vector whose first N elements live inside the object, for the short lists of
// an undo step (the records a stage move touches, the one placement it keeps). A stage move used
// to allocate two tiny heap blocks for them, and undoing it freed them: ~500 instructions of
// malloc/free per command on the hot path of dragging cards (issue #3's 2 us per move and undo).
//
// Elements are contiguous (pointers are the iterators): in the inline buffer while there are at
// most N, all of them in a heap vector once there are more (moved there once). Only the inline
// elements that exist are constructed, so moving a SmallVec (an undo step is moved a few times on
// its way into the history) moves size() elements, not N. Only the subset the undo code uses;
// move-only.
#pragma once
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <utility>
#include <vector>

namespace dd {

template <typename T, size_t N>
class SmallVec {
public:
    SmallVec() = default;
    SmallVec(const SmallVec&) = delete;
    SmallVec& operator=(const SmallVec&) = delete;
    SmallVec(SmallVec&& o) noexcept { take(o); }
    SmallVec& operator=(SmallVec&& o) noexcept {
        if (this != &o) {
            clear();
            take(o);
        }
        return *this;
    }
    ~SmallVec() { destroy_inline(); }

    size_t size() const { return heap_ ? heap_->size() : size_; }
    bool empty() const { return size() == 0; }
    T* data() { return heap_ ? heap_->data() : inline_data(); }
    const T* data() const { return heap_ ? heap_->data() : inline_data(); }
    T* begin() { return data(); }
    T* end() { return data() + size(); }
    const T* begin() const { return data(); }
    const T* end() const { return data() + size(); }
    T& operator[](size_t i) { return data()[i]; }
    const T& operator[](size_t i) const { return data()[i]; }
    T& back() { return data()[size() - 1]; }
    const T& back() const { return data()[size() - 1]; }
    // Heap bytes held beyond the object itself (the undo budget counts them).
    size_t heap_bytes() const { return heap_ ? sizeof(std::vector<T>) + heap_->capacity() * sizeof(T) : 0; }
    bool spilled() const { return heap_ != nullptr; }

    // The inline case is kept small so that it is inlined where it is called (every record a
    // transaction touches); spilling is a call.
    void push_back(T value) {
        if (!heap_ && size_ < N) {
            new (inline_data() + size_) T(std::move(value));
            ++size_;
            return;
        }
        push_back_heap(std::move(value));
    }

    // Erases [first, last), keeping the order of the others (the erase-remove idiom works).
    T* erase(T* first, T* last) {
        const size_t at = size_t(first - data());
        if (heap_) {
            heap_->erase(heap_->begin() + ptrdiff_t(at), heap_->begin() + ptrdiff_t(last - heap_->data()));
        } else {
            T* new_end = std::move(last, end(), first);
            for (T* p = new_end; p != end(); ++p) p->~T();
            size_ = uint32_t(new_end - inline_data());
        }
        return data() + at;
    }
    T* erase(T* pos) { return erase(pos, pos + 1); }

    void clear() {
        destroy_inline();
        heap_.reset();
    }

private:
    void push_back_heap(T value) {
        if (!heap_) {   // the inline elements move to the heap once
            auto v = std::make_unique<std::vector<T>>();
            v->reserve(2 * N + 2);
            for (uint32_t i = 0; i < size_; ++i) v->push_back(std::move(inline_data()[i]));
            destroy_inline();
            heap_ = std::move(v);
        }
        heap_->push_back(std::move(value));
    }
    T* inline_data() { return std::launder(reinterpret_cast<T*>(buf_)); }
    const T* inline_data() const { return std::launder(reinterpret_cast<const T*>(buf_)); }
    void destroy_inline() {
        for (uint32_t i = 0; i < size_; ++i) inline_data()[i].~T();
        size_ = 0;
    }
    void take(SmallVec& o) {   // *this is empty
        heap_ = std::move(o.heap_);
        for (uint32_t i = 0; i < o.size_; ++i) new (inline_data() + i) T(std::move(o.inline_data()[i]));
        size_ = o.size_;
        o.destroy_inline();
    }

    alignas(T) unsigned char buf_[N * sizeof(T)];
    uint32_t size_ = 0;                     // the elements in buf_ (0 once spilled)
    std::unique_ptr<std::vector<T>> heap_;  // every element, once there were more than N
};

}  // namespace dd
