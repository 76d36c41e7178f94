// CompactString: a string for fields that are usually empty or short (a deal's description,
// source, external reference, lost-reason text; a custom value's text) and for texts that
// repeat (a history line's field name, old and new value). One pointer wide
// (8 bytes native, 4 in WASM) instead of a std::string's 32 (12 in WASM): empty holds no heap;
// otherwise one immutable heap block [uint32 references][uint32 size][characters]['\0'] that
// copies share (a copy of a deal, e.g. the undo image of a stage move, allocates nothing for
// these texts); assigning gives the string a block of its own. The count is atomic, like
// std::shared_ptr's.
//
// It reads like a std::string where the model's users need it: converts implicitly to
// std::string_view and to std::string, assigns from std::string / string_view / const char*,
// compares with all of them, concatenates with std::string and const char*, and has empty(),
// size(), c_str(), data(), clear(). A plain copyable value (copies duplicate the block).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dd {

class CompactString {
public:
    CompactString() noexcept = default;
    CompactString(std::string_view s) { assign(s); }
    CompactString(const std::string& s) { assign(s); }
    CompactString(const char* s) { assign(s ? std::string_view(s) : std::string_view()); }
    CompactString(const CompactString& o) noexcept : block_(o.block_) { retain(); }
    CompactString(CompactString&& o) noexcept : block_(o.block_) { o.block_ = nullptr; }
    ~CompactString() { release(); }

    CompactString& operator=(const CompactString& o) noexcept {
        if (block_ != o.block_) {
            release();
            block_ = o.block_;
            retain();
        }
        return *this;
    }
    CompactString& operator=(CompactString&& o) noexcept {
        if (this != &o) {
            release();
            block_ = o.block_;
            o.block_ = nullptr;
        }
        return *this;
    }
    CompactString& operator=(std::string_view s) { assign(s); return *this; }
    CompactString& operator=(const std::string& s) { assign(s); return *this; }
    CompactString& operator=(const char* s) { assign(s ? std::string_view(s) : std::string_view()); return *this; }

    bool empty() const noexcept { return block_ == nullptr; }
    size_t size() const noexcept;
    size_t length() const noexcept { return size(); }
    const char* data() const noexcept { return block_ ? block_ + kHeader : ""; }
    const char* c_str() const noexcept { return data(); }
    const char* begin() const noexcept { return data(); }
    const char* end() const noexcept { return data() + size(); }
    char operator[](size_t i) const noexcept { return data()[i]; }
    void clear() noexcept { release(); }
    void assign(std::string_view s);
    void swap(CompactString& o) noexcept {
        char* t = block_;
        block_ = o.block_;
        o.block_ = t;
    }

    std::string_view view() const noexcept { return {data(), size()}; }
    std::string str() const { return std::string(view()); }
    std::string substr(size_t pos, size_t n = std::string::npos) const { return std::string(view().substr(pos, n)); }
    operator std::string_view() const noexcept { return view(); }
    operator std::string() const { return str(); }

    // Heap bytes of the block (shared by copies), for memory accounting: 0 when empty.
    size_t heap_bytes() const noexcept { return block_ ? kHeader + size() + 1 : 0; }

    // Comparisons with every string-like type (the std templates cannot deduce through the
    // conversions, so they are spelled out).
    friend bool operator==(const CompactString& a, const CompactString& b) noexcept { return a.view() == b.view(); }
    friend bool operator==(const CompactString& a, std::string_view b) noexcept { return a.view() == b; }
    friend bool operator==(std::string_view a, const CompactString& b) noexcept { return a == b.view(); }
    friend bool operator==(const CompactString& a, const std::string& b) noexcept { return a.view() == b; }
    friend bool operator==(const std::string& a, const CompactString& b) noexcept { return a == b.view(); }
    friend bool operator==(const CompactString& a, const char* b) noexcept { return a.view() == std::string_view(b); }
    friend bool operator==(const char* a, const CompactString& b) noexcept { return std::string_view(a) == b.view(); }
    friend bool operator!=(const CompactString& a, const CompactString& b) noexcept { return !(a == b); }
    friend bool operator!=(const CompactString& a, std::string_view b) noexcept { return !(a == b); }
    friend bool operator!=(std::string_view a, const CompactString& b) noexcept { return !(a == b); }
    friend bool operator!=(const CompactString& a, const std::string& b) noexcept { return !(a == b); }
    friend bool operator!=(const std::string& a, const CompactString& b) noexcept { return !(a == b); }
    friend bool operator!=(const CompactString& a, const char* b) noexcept { return !(a == b); }
    friend bool operator!=(const char* a, const CompactString& b) noexcept { return !(a == b); }
    friend bool operator<(const CompactString& a, const CompactString& b) noexcept { return a.view() < b.view(); }

    friend std::string operator+(const std::string& a, const CompactString& b) { return std::string(a).append(b.view()); }
    friend std::string operator+(std::string&& a, const CompactString& b) { return std::move(a.append(b.view())); }
    friend std::string operator+(const char* a, const CompactString& b) { return std::string(a).append(b.view()); }
    friend std::string operator+(const CompactString& a, const std::string& b) { return a.str().append(b); }
    friend std::string operator+(const CompactString& a, const char* b) { return a.str().append(b); }
    friend std::string operator+(const CompactString& a, const CompactString& b) { return a.str().append(b.view()); }

private:
    static constexpr size_t kHeader = 2 * sizeof(uint32_t);   // references and size, before the characters
    void retain() noexcept {
        if (block_) __atomic_fetch_add(reinterpret_cast<uint32_t*>(block_), 1u, __ATOMIC_RELAXED);
    }
    void release() noexcept;
    char* block_ = nullptr;
};

inline void swap(CompactString& a, CompactString& b) noexcept { a.swap(b); }

// TextInterner: while a workspace loads, one block per distinct short text, shared by every
// CompactString assigned it: a history's texts repeat (field names, stage and status names, the
// same owners, dates and amounts), and one block per line and text was a malloc and 9+ fresh
// bytes each at cold start (issue #4). Bounded, so that a file of many distinct texts costs no
// more than without it: texts longer than kMaxLength are not kept (long texts rarely repeat),
// and once kMaxEntries are kept, new texts get a block of their own. The blocks it keeps stay
// alive while it lives (one per load, on the loader's stack), and after it in the strings.
class TextInterner {
public:
    static constexpr size_t kMaxLength = 48;
    static constexpr size_t kMaxEntries = 1024;

    // out = s, sharing the block of an equal text assigned before when there is one.
    void assign(CompactString& out, std::string_view s);
    size_t size() const noexcept { return size_; }   // texts kept

private:
    std::vector<CompactString> slots_;   // open addressing, linear probing; an empty slot is free
    size_t size_ = 0;
};

}  // namespace dd
