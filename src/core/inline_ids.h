// InlineIds: a list of record ids that keeps one id inline (a deal's contacts: most deals have
// one, a quarter two, few more). 16 bytes instead of std::vector's 24 (12 in WASM) plus a heap
// block per deal: one id needs no heap at all;
// two or more live in one heap block sized for them, like a vector's.
//
// It reads like the std::vector<Id> it replaces where the model's users need it: begin/end,
// size, empty, front, back, [], push_back, emplace_back, clear, reserve, erase; converts
// implicitly to std::vector<Id>, assigns from one and from a braced list, compares with both.
#pragma once
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <vector>

namespace dd {

using Id = uint64_t;   // as in model.h (which includes this header)

class InlineIds {
public:
    InlineIds() noexcept = default;
    InlineIds(std::initializer_list<Id> ids) { assign(ids.begin(), ids.size()); }
    InlineIds(const std::vector<Id>& ids) { assign(ids.data(), ids.size()); }
    InlineIds(const InlineIds& o) { assign(o.data(), o.size_); }
    InlineIds(InlineIds&& o) noexcept : size_(o.size_), cap_(o.cap_), u_(o.u_) {
        o.size_ = 0;
        o.cap_ = 1;
    }
    ~InlineIds() { free_heap(); }

    InlineIds& operator=(const InlineIds& o) {
        if (this != &o) assign(o.data(), o.size_);
        return *this;
    }
    InlineIds& operator=(InlineIds&& o) noexcept {
        if (this != &o) {
            free_heap();
            size_ = o.size_;
            cap_ = o.cap_;
            u_ = o.u_;
            o.size_ = 0;
            o.cap_ = 1;
        }
        return *this;
    }
    InlineIds& operator=(const std::vector<Id>& ids) { assign(ids.data(), ids.size()); return *this; }
    InlineIds& operator=(std::initializer_list<Id> ids) { assign(ids.begin(), ids.size()); return *this; }

    size_t size() const noexcept { return size_; }
    bool empty() const noexcept { return size_ == 0; }
    size_t capacity() const noexcept { return cap_; }
    const Id* data() const noexcept { return heap() ? u_.many : &u_.one; }
    Id* data() noexcept { return heap() ? u_.many : &u_.one; }
    const Id* begin() const noexcept { return data(); }
    const Id* end() const noexcept { return data() + size_; }
    Id* begin() noexcept { return data(); }
    Id* end() noexcept { return data() + size_; }
    const Id& operator[](size_t i) const noexcept { return data()[i]; }
    Id& operator[](size_t i) noexcept { return data()[i]; }
    const Id& front() const noexcept { return data()[0]; }
    const Id& back() const noexcept { return data()[size_ - 1]; }
    Id& back() noexcept { return data()[size_ - 1]; }

    void push_back(Id id) {
        if (size_ == cap_) reserve(size_t(cap_) * 2);
        data()[size_++] = id;
    }
    Id& emplace_back() {
        push_back(0);
        return back();
    }
    void clear() noexcept { size_ = 0; }
    // Room for n ids (a no-op when there is already).
    void reserve(size_t n) {
        if (n <= cap_) return;
        Id* block = new Id[n];
        if (size_) std::memcpy(block, data(), size_ * sizeof(Id));
        free_heap();
        u_.many = block;
        cap_ = uint32_t(n);
    }
    Id* erase(const Id* first, const Id* last) {
        Id* f = data() + (first - data());
        std::copy(last, static_cast<const Id*>(end()), f);
        size_ -= uint32_t(last - first);
        return f;
    }
    Id* erase(const Id* at) { return erase(at, at + 1); }

    // Heap bytes (0 while the ids fit inline), for memory accounting.
    size_t heap_bytes() const noexcept { return heap() ? size_t(cap_) * sizeof(Id) : 0; }

    operator std::vector<Id>() const { return std::vector<Id>(begin(), end()); }

    friend bool operator==(const InlineIds& a, const InlineIds& b) noexcept {
        return a.size_ == b.size_ && std::equal(a.begin(), a.end(), b.begin());
    }
    friend bool operator==(const InlineIds& a, const std::vector<Id>& b) noexcept {
        return a.size_ == b.size() && std::equal(a.begin(), a.end(), b.begin());
    }
    friend bool operator==(const std::vector<Id>& a, const InlineIds& b) noexcept { return b == a; }
    friend bool operator!=(const InlineIds& a, const InlineIds& b) noexcept { return !(a == b); }
    friend bool operator!=(const InlineIds& a, const std::vector<Id>& b) noexcept { return !(a == b); }
    friend bool operator!=(const std::vector<Id>& a, const InlineIds& b) noexcept { return !(b == a); }

private:
    bool heap() const noexcept { return cap_ > 1; }
    void free_heap() noexcept {
        if (heap()) delete[] u_.many;
        cap_ = 1;
    }
    void assign(const Id* ids, size_t n) {
        if (n > cap_) {
            size_ = 0;   // nothing to carry over into the new block
            free_heap();
            reserve(n);
        }
        if (n) std::memmove(data(), ids, n * sizeof(Id));
        size_ = uint32_t(n);
    }

    uint32_t size_ = 0;
    uint32_t cap_ = 1;   // 1: the id is inline; more: `many` points at a heap block of cap_ ids
    union U {
        Id one;
        Id* many;
    } u_{0};
};

}  // namespace dd
