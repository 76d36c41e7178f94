// A hand-written JSON writer appending to one buffer (no DOM): the snapshot of 100,000 deals is
// written in one pass. Internal to the json_io files. The caller places commas and keys; the
// writer only knows how to spell values.
//
// Why a cursor and not std::string::append: every append through libstdc++ is an out-of-line call
// with its own capacity check; the snapshot makes ~40 of them per record. Here each value checks
// the room left once (inline) and copies with memcpy.
//
// Why the buffer is reserved whole but opened 64 KB at a time: std::string cannot grow without
// filling the new bytes, and filling 150 MB up front is one more pass over memory that is not in
// any cache (plus, natively, every page faulted in by the fill rather than by the text). Reserving
// touches nothing; each 64 KB step is filled while in cache and overwritten at once.
#pragma once
#include "core/model.h"

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace dd::json_io {

// A member name spelled with its comma, quotes and colon (,"name":) in a fixed-size array, so
// the writer copies it with one fixed-size copy (a few inline moves) rather than a call to
// memcpy: the snapshot writes ~20 names per record, and in WASM memcpy is a function call.
// The copy is a whole 32 bytes (two 16-byte moves, or four 8-byte ones in WASM without SIMD),
// not 31 (five moves of 16, 8, 4, 2 and 1): the array has room to read 32 from its second byte.
struct PaddedKey {
    static constexpr size_t kCapacity = 32;
    template <size_t N>
    constexpr PaddedKey(const char (&s)[N]) : size(N - 1) {  // N counts the literal's final '\0'
        static_assert(N <= kCapacity, "member name too long for PaddedKey");
        for (size_t i = 0; i + 1 < N; ++i) text[i] = s[i];
    }
    std::string_view view() const { return {text, size}; }

    char text[kCapacity + 8] = {};   // the spelling, then zeros: 32 bytes readable from text + 1
    size_t size;
};

class Writer {
public:
    explicit Writer(size_t expected_size = 256) {
        buf_.reserve(expected_size);
        open_to(expected_size < kStep ? expected_size : kStep);
        reset_cursor(0);
    }

    void raw(std::string_view s) {
        std::memcpy(room(s.size()), s.data(), s.size());
        p_ += s.size();
    }
    void put(char c) { *room(1) = c; ++p_; }
    // A member name that is already spelled with its quotes and colon ("\"name\":"), from the field
    // tables; names are plain ASCII, never escaped.
    void key(std::string_view quoted_key_colon) { raw(quoted_key_colon); }
    // The same from a PaddedKey, leaving out its first `skip` bytes (the comma of the first member).
    void key(const PaddedKey& k, size_t skip) {
        std::memcpy(room(PaddedKey::kCapacity), k.text + skip, PaddedKey::kCapacity);
        p_ += k.size - skip;
    }
    void string(std::string_view s);           // a JSON string, escaping what JSON requires
    void integer(int64_t v);
    void boolean(bool v) { raw(v ? std::string_view("true") : std::string_view("false")); }
    void null() { raw("null"); }
    // Quoted id, date and instant, formatted in place: the same text as id_to_string,
    // day_to_string and millis_to_string (model.h; a test checks it), without a temporary string.
    void id(Id id);
    void day(Day day);
    void instant(Millis t);

    std::string_view view() const { return {buf_.data(), size()}; }
    size_t size() const { return static_cast<size_t>(p_ - buf_.data()); }
    void clear() { reset_cursor(0); }
    // The text written; the writer is empty afterwards.
    std::string take() {
        buf_.resize(size());
        std::string out = std::move(buf_);
        buf_.clear();
        reset_cursor(0);
        return out;
    }

private:
    // At least n writable bytes at the cursor.
    char* room(size_t n) {
        if (static_cast<size_t>(end_ - p_) < n) grow(n);
        return p_;
    }
    void grow(size_t n);
    // Sizes the buffer to n bytes. With libc++ (Emscripten) the new bytes are left unfilled
    // (__resize_default_init, libc++'s own extension, which its <filesystem> uses): in WASM the
    // zero fill of resize was a byte loop costing ~10% of a save, for bytes overwritten at once.
    // libstdc++ has no such call before C++23, and its fill is a vectorised memset in cache.
    void open_to(size_t n) {
#if defined(_LIBCPP_VERSION)
        buf_.__resize_default_init(n);
#else
        buf_.resize(n);
#endif
    }
    void reset_cursor(size_t at) {
        p_ = &buf_[0] + at;
        end_ = &buf_[0] + buf_.size();
    }

    static constexpr size_t kStep = 64 * 1024;  // bytes opened at a time (see the top of the file)

    // "YYYY-MM-DD" of a day, through a small direct-mapped cache: the calendar conversion is the
    // costly part of a date or an instant, and a workspace's records fall on a few hundred days.
    // Null for years outside 0..9999 (the caller then takes the model's helper).
    const char* date_text(int64_t day);
    struct CachedDate {
        int64_t day = INT64_MIN;
        char text[10] = {};
    };
    static constexpr size_t kDateSlots = 1024;  // 24 KB: a few years of days without a miss
    CachedDate dates_[kDateSlots];

    std::string buf_;  // sized to its capacity; [data, p_) is the text written so far
    char* p_ = nullptr;
    char* end_ = nullptr;
};

}  // namespace dd::json_io
