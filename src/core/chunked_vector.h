// ChunkedVector<T>: a sequence in fixed-size chunks, for the workspace's history lines (every
// stage move appends one to three) and tombstones (every undo of a move appends as many). A
// std::vector of 300,000 lines (152 bytes each, as they were then) that runs out
// of room moves every line to a new block twice the size: in perf, that move was ~15 % of the time
// of 100,000 stage moves (issue #3's 2 us per move). Here growing adds a chunk and never moves an
// element, so references and indexes stay valid as lines are appended; the last chunk is the only
// slack (a vector's can be as large as its contents).
//
// Indexing is a shift and a mask. The interface is the subset of std::vector the code uses on
// Workspace::history and ::tombstones (indexing, random-access iterators for the standard algorithms, push/emplace/
// pop at the back, erase, resize, reserve, clear, ==), so readers and writers of the workspace
// treat it like the other record vectors. Only data() is missing: elements are not contiguous.
#pragma once
#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

namespace dd {

template <typename T, size_t kChunkBits = 9>
class ChunkedVector {
    static constexpr size_t kChunk = size_t(1) << kChunkBits;   // 512 history lines: 76 KB, below malloc's mmap threshold
    static constexpr size_t kMask = kChunk - 1;

    template <bool Const>
    class Iter {
        using Owner = std::conditional_t<Const, const ChunkedVector, ChunkedVector>;

    public:
        using iterator_category = std::random_access_iterator_tag;
        using value_type = T;
        using difference_type = std::ptrdiff_t;
        using pointer = std::conditional_t<Const, const T*, T*>;
        using reference = std::conditional_t<Const, const T&, T&>;

        Iter() = default;
        Iter(Owner* v, size_t i) : v_(v), i_(i) {}
        // iterator -> const_iterator (a constructor: a conversion operator to Iter<true> would
        // also be declared in Iter<true> itself, which clang warns about)
        template <bool C = Const, typename = std::enable_if_t<C>>
        Iter(const Iter<false>& o) : v_(o.v_), i_(o.i_) {}

        reference operator*() const { return (*v_)[i_]; }
        pointer operator->() const { return &(*v_)[i_]; }
        reference operator[](difference_type n) const { return (*v_)[size_t(difference_type(i_) + n)]; }
        Iter& operator++() { ++i_; return *this; }
        Iter operator++(int) { Iter o = *this; ++i_; return o; }
        Iter& operator--() { --i_; return *this; }
        Iter operator--(int) { Iter o = *this; --i_; return o; }
        Iter& operator+=(difference_type n) { i_ = size_t(difference_type(i_) + n); return *this; }
        Iter& operator-=(difference_type n) { i_ = size_t(difference_type(i_) - n); return *this; }
        friend Iter operator+(Iter a, difference_type n) { return a += n; }
        friend Iter operator+(difference_type n, Iter a) { return a += n; }
        friend Iter operator-(Iter a, difference_type n) { return a -= n; }
        friend difference_type operator-(const Iter& a, const Iter& b) { return difference_type(a.i_) - difference_type(b.i_); }
        friend bool operator==(const Iter& a, const Iter& b) { return a.i_ == b.i_; }
        friend bool operator!=(const Iter& a, const Iter& b) { return a.i_ != b.i_; }
        friend bool operator<(const Iter& a, const Iter& b) { return a.i_ < b.i_; }
        friend bool operator>(const Iter& a, const Iter& b) { return a.i_ > b.i_; }
        friend bool operator<=(const Iter& a, const Iter& b) { return a.i_ <= b.i_; }
        friend bool operator>=(const Iter& a, const Iter& b) { return a.i_ >= b.i_; }
        size_t index() const { return i_; }

    private:
        template <bool>
        friend class Iter;
        Owner* v_ = nullptr;
        size_t i_ = 0;
    };

public:
    using value_type = T;
    using size_type = size_t;
    using difference_type = std::ptrdiff_t;
    using reference = T&;
    using const_reference = const T&;
    using iterator = Iter<false>;
    using const_iterator = Iter<true>;

    ChunkedVector() = default;
    ChunkedVector(std::initializer_list<T> items) {
        for (const T& x : items) push_back(x);
    }
    ChunkedVector(const ChunkedVector& o) { *this = o; }
    ChunkedVector(ChunkedVector&& o) noexcept : chunks_(std::move(o.chunks_)), size_(o.size_) { o.size_ = 0; }
    ChunkedVector& operator=(const ChunkedVector& o) {
        if (this == &o) return *this;
        clear();
        reserve(o.size_);
        for (const T& x : o) push_back(x);
        return *this;
    }
    ChunkedVector& operator=(ChunkedVector&& o) noexcept {
        if (this == &o) return *this;
        release();
        chunks_ = std::move(o.chunks_);
        size_ = o.size_;
        o.size_ = 0;
        return *this;
    }
    ~ChunkedVector() { release(); }

    size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    size_t capacity() const { return chunks_.size() * kChunk; }
    // Heap bytes held (the chunks and the table of chunk pointers).
    size_t memory_bytes() const { return capacity() * sizeof(T) + chunks_.capacity() * sizeof(T*); }

    T& operator[](size_t i) { return chunks_[i >> kChunkBits][i & kMask]; }
    const T& operator[](size_t i) const { return chunks_[i >> kChunkBits][i & kMask]; }
    T& front() { return (*this)[0]; }
    const T& front() const { return (*this)[0]; }
    T& back() { return (*this)[size_ - 1]; }
    const T& back() const { return (*this)[size_ - 1]; }

    iterator begin() { return iterator(this, 0); }
    iterator end() { return iterator(this, size_); }
    const_iterator begin() const { return const_iterator(this, 0); }
    const_iterator end() const { return const_iterator(this, size_); }
    const_iterator cbegin() const { return begin(); }
    const_iterator cend() const { return end(); }

    // Room for n elements: whole chunks, allocated now (nothing is constructed).
    void reserve(size_t n) {
        chunks_.reserve((n + kMask) >> kChunkBits);
        while (capacity() < n) add_chunk();
    }

    template <typename... Args>
    T& emplace_back(Args&&... args) {
        if (size_ == capacity()) add_chunk();
        T* p = &(*this)[size_];
        new (p) T(std::forward<Args>(args)...);
        ++size_;
        return *p;
    }
    void push_back(const T& x) { emplace_back(x); }
    void push_back(T&& x) { emplace_back(std::move(x)); }
    void pop_back() {
        --size_;
        (*this)[size_].~T();
    }

    void resize(size_t n) {
        while (size_ > n) pop_back();
        reserve(n);
        while (size_ < n) emplace_back();
    }
    // Destroys the elements, keeps the chunks (as std::vector::clear keeps its capacity).
    void clear() {
        while (size_ > 0) pop_back();
    }

    iterator erase(const_iterator first, const_iterator last) {
        const size_t from = first.index(), to = last.index();
        if (from == to) return iterator(this, from);
        std::move(begin() + difference_type(to), end(), begin() + difference_type(from));
        const size_t new_size = size_ - (to - from);
        while (size_ > new_size) pop_back();
        return iterator(this, from);
    }
    iterator erase(const_iterator pos) { return erase(pos, pos + 1); }

    bool operator==(const ChunkedVector& o) const { return size_ == o.size_ && std::equal(begin(), end(), o.begin()); }
    bool operator!=(const ChunkedVector& o) const { return !(*this == o); }

private:
    void add_chunk() { chunks_.push_back(std::allocator<T>().allocate(kChunk)); }
    void release() {
        clear();
        for (T* c : chunks_) std::allocator<T>().deallocate(c, kChunk);
        chunks_.clear();
        chunks_.shrink_to_fit();
    }

    std::vector<T*> chunks_;   // each kChunk elements' room; the first size_ elements are constructed
    size_t size_ = 0;
};

}  // namespace dd
