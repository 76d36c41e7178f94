#include "core/json_io_writer.h"

#include <charconv>
#include <cstdint>
#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

namespace dd::json_io {
namespace {

// "00".."99": two digits per table lookup.
struct TwoDigits {
    char d[200];
    constexpr TwoDigits() : d() {
        for (int i = 0; i < 100; ++i) {
            d[2 * i] = static_cast<char>('0' + i / 10);
            d[2 * i + 1] = static_cast<char>('0' + i % 10);
        }
    }
};
constexpr TwoDigits kTwoDigits;

// "00".."ff": one byte of an id per table lookup.
struct HexPairs {
    char d[512];
    constexpr HexPairs() : d() {
        constexpr char hex[] = "0123456789abcdef";
        for (int i = 0; i < 256; ++i) {
            d[2 * i] = hex[i >> 4];
            d[2 * i + 1] = hex[i & 15];
        }
    }
};
constexpr HexPairs kHexPairs;

char* two_digits(char* p, int v) {
    std::memcpy(p, kTwoDigits.d + 2 * v, 2);
    return p + 2;
}
// "YYYY-MM-DD" for years 0..9999 (others fall back to the model's helper).
char* date_digits(char* p, int y, int m, int d) {
    p = two_digits(p, y / 100);
    p = two_digits(p, y % 100);
    *p++ = '-';
    p = two_digits(p, m);
    *p++ = '-';
    return two_digits(p, d);
}
int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// True if some byte of the 8 needs an escape in JSON ('"', '\\' or below 0x20). May say true
// for a word that needs none only when a real hit is in it too, so "false" is exact.
bool needs_escape8(uint64_t w) {
    constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
    const uint64_t quote = w ^ (kOnes * '"'), backslash = w ^ (kOnes * '\\');
    const uint64_t hit = ((quote - kOnes) & ~quote) | ((backslash - kOnes) & ~backslash) | ((w - kOnes * 0x20) & ~w);
    return (hit & kHigh) != 0;
}
bool needs_escape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }

#if defined(__wasm_simd128__)
// The same test on 16 bytes at once, exact, where the WASM build has SIMD (src/core/CMakeLists.txt
// gives this file -msimd128): text is a fifth of a save's time there and the 8-byte words take
// about twice the instructions per byte.
bool needs_escape16(v128_t v) {
    const v128_t hit = wasm_v128_or(wasm_v128_or(wasm_i8x16_eq(v, wasm_i8x16_splat('"')), wasm_i8x16_eq(v, wasm_i8x16_splat('\\'))),
                                    wasm_u8x16_lt(v, wasm_i8x16_splat(0x20)));
    return wasm_v128_any_true(hit);
}
#endif

}  // namespace

void Writer::grow(size_t n) {
    // Open the next step of the reserved buffer (std::string grows its capacity geometrically if
    // the reservation was too small).
    const size_t used = size();
    open_to(used + (n > kStep ? n : kStep));
    reset_cursor(used);
}

void Writer::string(std::string_view s) {
    // Most text needs no escape: copy it 8 bytes (WASM: 16) at a time while checking each word,
    // then the last (overlapping) word; only a string with an escape takes the byte-by-byte path.
    const size_t n = s.size();
    const char* src = s.data();
    char* p = room(n + 2);
    *p = '"';
    size_t i = 0;
#if defined(__wasm_simd128__)
    if (n >= 16) {   // 16 bytes at a time, then the last 16 (overlapping); a hit leaves the rest below
        for (; i + 16 <= n; i += 16) {
            const v128_t v = wasm_v128_load(src + i);
            if (needs_escape16(v)) break;
            wasm_v128_store(p + 1 + i, v);
        }
        if (i + 16 > n) {
            const v128_t v = wasm_v128_load(src + n - 16);
            if (!needs_escape16(v)) {
                wasm_v128_store(p + 1 + n - 16, v);
                i = n;
            }
        }
    }
#endif
    if (n - i >= 8) {
        for (; i + 8 <= n; i += 8) {
            uint64_t w;
            std::memcpy(&w, src + i, 8);
            if (needs_escape8(w)) break;
            std::memcpy(p + 1 + i, &w, 8);
        }
        if (i + 8 > n) {  // every whole word was clean: the tail is the last 8 bytes, overlapping
            uint64_t w;
            std::memcpy(&w, src + n - 8, 8);
            if (!needs_escape8(w)) {
                std::memcpy(p + 1 + n - 8, &w, 8);
                i = n;
            }
        }
    }
    while (i < n && !needs_escape(static_cast<unsigned char>(src[i]))) {
        p[1 + i] = src[i];
        ++i;
    }
    if (i == n) {
        p[n + 1] = '"';
        p_ += n + 2;
        return;
    }
    p_ += 1 + i;  // the quote and the clean prefix are in place
    static constexpr char kHex[] = "0123456789abcdef";
    size_t run = i;  // start of the pending run of characters that need no escape
    for (; i < n; ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (!needs_escape(c)) continue;
        raw(s.substr(run, i - run));
        run = i + 1;
        switch (c) {
            case '"': raw("\\\""); break;
            case '\\': raw("\\\\"); break;
            case '\n': raw("\\n"); break;
            case '\r': raw("\\r"); break;
            case '\t': raw("\\t"); break;
            case '\b': raw("\\b"); break;
            case '\f': raw("\\f"); break;
            default: {
                const char esc[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
                raw(std::string_view(esc, sizeof esc));
            }
        }
    }
    raw(s.substr(run));
    put('"');
}

void Writer::integer(int64_t v) {
    char* p = room(24);
    if (v >= 0 && v < 100) {
        if (v < 10) { *p = static_cast<char>('0' + v); ++p_; }
        else { two_digits(p, static_cast<int>(v)); p_ += 2; }
        return;
    }
    p_ = std::to_chars(p, p + 24, v).ptr;
}

void Writer::id(Id id) {
    char* p = room(18);
    p[0] = p[17] = '"';
    for (int byte = 7; byte >= 0; --byte, id >>= 8) std::memcpy(p + 1 + 2 * byte, kHexPairs.d + 2 * (id & 0xff), 2);
    p_ += 18;
}

const char* Writer::date_text(int64_t day) {
    CachedDate& slot = dates_[static_cast<uint64_t>(day) % kDateSlots];
    if (slot.day != day) {
        int y, m, d;
        civil_from_day(static_cast<Day>(day), y, m, d);
        if (y < 0 || y > 9999) return nullptr;
        date_digits(slot.text, y, m, d);
        slot.day = day;
    }
    return slot.text;
}

void Writer::day(Day day) {
    const char* date = date_text(day);
    if (!date) return string(day_to_string(day));
    char* p = room(12);
    p[0] = '"';
    std::memcpy(p + 1, date, 10);
    p[11] = '"';
    p_ += 12;
}

void Writer::instant(Millis t) {
    const int64_t days = floor_div(t, 86'400'000);
    int rest = static_cast<int>(t - days * 86'400'000);  // ms of the day, < 2^31
    const char* date = date_text(days);
    if (!date) return string(millis_to_string(t));
    char* p = room(26);
    *p++ = '"';
    std::memcpy(p, date, 10);
    p += 10;
    *p++ = 'T';
    p = two_digits(p, rest / 3'600'000);
    rest %= 3'600'000;
    *p++ = ':';
    p = two_digits(p, rest / 60'000);
    rest %= 60'000;
    *p++ = ':';
    p = two_digits(p, rest / 1000);
    *p++ = '.';
    const int ms = rest % 1000;
    *p++ = static_cast<char>('0' + ms / 100);
    p = two_digits(p, ms % 100);
    *p++ = 'Z';
    *p++ = '"';
    p_ = p;
}

}  // namespace dd::json_io
