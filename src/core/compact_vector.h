// CompactVector<T>: a vector one pointer wide, for lists in records that are often empty and
// always short (a deal's custom values). 8 bytes (4 in WASM) instead of std::vector's 24 (12):
// empty holds no heap; otherwise one heap block [uint32 size][uint32 capacity][T...].
// Growth is one element at a time up to 8 (short lists stay exactly sized, a copy of a
// few small values costs nothing measurable), then doubling.
//
// It reads like the std::vector<T> it replaces where the model's users need it: begin/end, size,
// empty, [], front, back, push_back, emplace_back, erase (also the remove_if idiom), clear,
// reserve, resize; assigns from a std::vector<T> and a braced list, converts to std::vector<T>.
#pragma once
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <new>
#include <utility>
#include <vector>

namespace dd {

template <typename T>
class CompactVector {
public:
    CompactVector() noexcept = default;
    CompactVector(std::initializer_list<T> items) { append_copies(items.begin(), items.size()); }
    CompactVector(const std::vector<T>& items) { append_copies(items.data(), items.size()); }
    CompactVector(std::vector<T>&& items) { append_moves(items); }
    CompactVector(const CompactVector& o) { append_copies(o.begin(), o.size()); }
    CompactVector(CompactVector&& o) noexcept : block_(o.block_) { o.block_ = nullptr; }
    ~CompactVector() { release(); }

    CompactVector& operator=(const CompactVector& o) {
        if (this != &o) {
            CompactVector copy(o);
            swap(copy);
        }
        return *this;
    }
    CompactVector& operator=(CompactVector&& o) noexcept {
        if (this != &o) {
            release();
            block_ = o.block_;
            o.block_ = nullptr;
        }
        return *this;
    }
    CompactVector& operator=(const std::vector<T>& items) { CompactVector copy(items); swap(copy); return *this; }
    CompactVector& operator=(std::vector<T>&& items) { CompactVector moved(std::move(items)); swap(moved); return *this; }
    CompactVector& operator=(std::initializer_list<T> items) { CompactVector copy(items); swap(copy); return *this; }

    size_t size() const noexcept { return block_ ? header()->size : 0; }
    bool empty() const noexcept { return size() == 0; }
    size_t capacity() const noexcept { return block_ ? header()->capacity : 0; }
    T* begin() noexcept { return items(); }
    T* end() noexcept { return items() + size(); }
    const T* begin() const noexcept { return items(); }
    const T* end() const noexcept { return items() + size(); }
    T* data() noexcept { return items(); }
    const T* data() const noexcept { return items(); }
    T& operator[](size_t i) noexcept { return items()[i]; }
    const T& operator[](size_t i) const noexcept { return items()[i]; }
    T& front() noexcept { return items()[0]; }
    const T& front() const noexcept { return items()[0]; }
    T& back() noexcept { return items()[size() - 1]; }
    const T& back() const noexcept { return items()[size() - 1]; }

    void push_back(const T& v) { emplace_back(v); }
    void push_back(T&& v) { emplace_back(std::move(v)); }
    template <typename... Args>
    T& emplace_back(Args&&... args) {
        const size_t n = size();
        if (n == capacity()) {
            if (n == 0) reserve(1);
            else {
                // The argument may live in this vector: build the new element before moving.
                T v(std::forward<Args>(args)...);
                reserve(n < 8 ? n + 1 : n * 2);
                new (items() + n) T(std::move(v));
                ++header()->size;
                return back();
            }
        }
        new (items() + n) T(std::forward<Args>(args)...);
        ++header()->size;
        return back();
    }

    T* erase(const T* first, const T* last) {
        T* f = begin() + (first - begin());
        T* l = begin() + (last - begin());
        if (f == l) return f;
        T* e = std::move(l, end(), f);
        for (T* p = e; p != end(); ++p) p->~T();
        header()->size -= uint32_t(l - f);
        return f;
    }
    T* erase(const T* at) { return erase(at, at + 1); }
    void clear() noexcept {
        if (!block_) return;
        for (T& v : *this) v.~T();
        header()->size = 0;
    }
    // Room for n elements (a no-op when there is already).
    void reserve(size_t n) {
        if (n <= capacity()) return;
        char* block = static_cast<char*>(::operator new(kHeader + n * sizeof(T)));
        Header* h = reinterpret_cast<Header*>(block);
        h->size = uint32_t(size());
        h->capacity = uint32_t(n);
        T* to = reinterpret_cast<T*>(block + kHeader);
        for (size_t i = 0; i < h->size; ++i) {
            new (to + i) T(std::move(items()[i]));
            items()[i].~T();
        }
        if (block_) ::operator delete(block_);
        block_ = block;
    }
    // n elements: the new ones default-constructed, those beyond n destroyed.
    void resize(size_t n) {
        const size_t had = size();
        if (n > had) {
            reserve(n);
            for (size_t i = had; i < n; ++i) new (items() + i) T();
        } else {
            for (size_t i = n; i < had; ++i) items()[i].~T();
        }
        if (block_) header()->size = uint32_t(n);
    }
    void swap(CompactVector& o) noexcept { std::swap(block_, o.block_); }

    // Heap bytes of the block (0 when there is none), for memory accounting.
    size_t heap_bytes() const noexcept { return block_ ? kHeader + capacity() * sizeof(T) : 0; }

    operator std::vector<T>() const { return std::vector<T>(begin(), end()); }

    // Element-wise, with T's operator== (found where T is compared, e.g. in tests).
    friend bool operator==(const CompactVector& a, const CompactVector& b) {
        return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
    }
    friend bool operator!=(const CompactVector& a, const CompactVector& b) { return !(a == b); }

private:
    struct Header {
        uint32_t size;
        uint32_t capacity;
    };
    static constexpr size_t kHeader = sizeof(Header) > alignof(T) ? sizeof(Header) : alignof(T);
    Header* header() const noexcept { return reinterpret_cast<Header*>(block_); }
    T* items() const noexcept { return block_ ? reinterpret_cast<T*>(block_ + kHeader) : nullptr; }
    void append_copies(const T* from, size_t n) {
        reserve(n);
        for (size_t i = 0; i < n; ++i) emplace_back(from[i]);
    }
    void append_moves(std::vector<T>& from) {
        reserve(from.size());
        for (T& v : from) emplace_back(std::move(v));
    }
    void release() noexcept {
        if (!block_) return;
        clear();
        ::operator delete(block_);
        block_ = nullptr;
    }

    char* block_ = nullptr;
};

}  // namespace dd
