#include "core/json_io_codecs.h"

#include <limits>

namespace dd::json_io {
namespace {

// Reads an integer and checks it lies in [lo, hi]; `what` completes "must be ...".
template <typename T>
bool read_ranged(Reader& r, T& out, int64_t lo, int64_t hi, const char* what) {
    int64_t v;
    if (!r.read_int(v)) return false;
    if (v < lo || v > hi) return r.fail(std::string("must be ") + what);
    out = static_cast<T>(v);
    return true;
}

// ---- fast paths for the exact shapes the writer produces; anything else takes the general path,
// which accepts the same values (and a few more spellings) and words the errors.

// Lowercase hex digit -> value; -1 for any other byte.
struct HexDigits {
    int8_t v[256];
    constexpr HexDigits() : v() {
        for (int i = 0; i < 256; ++i) v[i] = -1;
        for (int i = 0; i < 10; ++i) v['0' + i] = static_cast<int8_t>(i);
        for (int i = 0; i < 6; ++i) v['a' + i] = static_cast<int8_t>(10 + i);
    }
};
constexpr HexDigits kHexDigits;

// "xxxxxxxxxxxxxxxx" (quotes included, 18 bytes) -> id, or false.
bool fast_id(std::string_view t, Id& out) {
    if (t.size() < 18 || t[0] != '"' || t[17] != '"') return false;
    Id v = 0;
    int bad = 0;
    for (size_t k = 1; k <= 16; ++k) {
        const int h = kHexDigits.v[static_cast<unsigned char>(t[k])];
        bad |= h;  // negative once any digit was not hex
        v = (v << 4) | static_cast<Id>(h & 15);
    }
    if (bad < 0 || v == kNoId) return false;
    out = v;
    return true;
}

// Two decimal digits at p, or -1.
int two_digits(const char* p) {
    const unsigned a = static_cast<unsigned char>(p[0]) - '0', b = static_cast<unsigned char>(p[1]) - '0';
    return a <= 9 && b <= 9 ? static_cast<int>(a * 10 + b) : -1;
}
bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int days_in_month(int y, int m) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}
// YYYY-MM-DD at p (10 bytes) -> day, or false.
bool fast_date(const char* p, Day& out) {
    const int yh = two_digits(p), yl = two_digits(p + 2), m = two_digits(p + 5), d = two_digits(p + 8);
    if ((yh | yl | m | d) < 0 || p[4] != '-' || p[7] != '-') return false;
    const int y = yh * 100 + yl;
    if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return false;
    out = day_from_civil(y, m, d);
    return true;
}
// "YYYY-MM-DD" (quotes included, 12 bytes).
bool fast_day(std::string_view t, Day& out) {
    return t.size() >= 12 && t[0] == '"' && t[11] == '"' && fast_date(t.data() + 1, out);
}
// "YYYY-MM-DDTHH:MM:SS.sssZ" (quotes included, 26 bytes).
bool fast_instant(std::string_view t, Millis& out) {
    if (t.size() < 26 || t[0] != '"' || t[25] != '"' || t[11] != 'T' || t[14] != ':' || t[17] != ':' ||
        t[20] != '.' || t[24] != 'Z')
        return false;
    const char* p = t.data();
    Day day;
    const int h = two_digits(p + 12), mi = two_digits(p + 15), sec = two_digits(p + 18);
    const int ms_high = two_digits(p + 21);
    const unsigned ms_low = static_cast<unsigned char>(p[23]) - '0';
    if ((h | mi | sec | ms_high) < 0 || ms_low > 9 || h > 23 || mi > 59 || sec > 59 || !fast_date(p + 1, day))
        return false;
    out = Millis(day) * 86'400'000 + Millis(h) * 3'600'000 + Millis(mi) * 60'000 + Millis(sec) * 1000 +
          ms_high * 10 + static_cast<int>(ms_low);
    return true;
}

}  // namespace

bool read_id(Reader& r, Id& out) {
    if (fast_id(r.rest(), out)) {
        r.advance(18);
        return true;
    }
    std::string_view s;
    if (r.peek() == JsonType::Null) return r.fail("must be set");
    if (!r.read_string_view(s)) return false;
    if (!parse_id(s, out) || out == kNoId) return r.fail("expected an id (16 lowercase hex digits), got \"" + std::string(s) + "\"");
    return true;
}
void write_id(Writer& w, Id id) { w.id(id); }

bool read_ref(Reader& r, Id& out) {
    if (fast_id(r.rest(), out)) {
        r.advance(18);
        return true;
    }
    if (r.read_null()) { out = kNoId; return true; }
    if (r.failed()) return false;
    if (r.peek() != JsonType::String) return r.fail_type("expected an id or null");
    return read_id(r, out);
}
void write_ref(Writer& w, Id id) {
    if (id == kNoId) w.null();
    else write_id(w, id);
}


bool read_text(Reader& r, std::string& out) { return r.read_string(out); }
void write_text(Writer& w, const std::string& s) { w.string(s); }
bool read_text(Reader& r, CompactString& out) {
    std::string_view v;
    if (!r.read_string_view(v)) return false;
    out = v;
    return true;
}
void write_text(Writer& w, const CompactString& s) { w.string(s.view()); }
bool read_shared_text(Reader& r, CompactString& out) {
    std::string_view v;
    if (!r.read_string_view(v)) return false;
    if (TextInterner* texts = r.shared_texts()) texts->assign(out, v);
    else out = v;
    return true;
}

bool read_texts(Reader& r, std::vector<std::string>& out) {
    out.clear();
    return r.read_array([&](size_t) {
        out.emplace_back();
        return r.read_string(out.back());
    });
}
void write_texts(Writer& w, const std::vector<std::string>& texts) {
    w.put('[');
    for (size_t i = 0; i < texts.size(); ++i) {
        if (i) w.put(',');
        w.string(texts[i]);
    }
    w.put(']');
}

bool read_i64(Reader& r, int64_t& out) { return r.read_int(out); }
void write_i64(Writer& w, int64_t v) { w.integer(v); }

bool read_i32(Reader& r, int32_t& out) {
    return read_ranged(r, out, std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max(),
                       "a 32-bit integer");
}
void write_i32(Writer& w, int32_t v) { w.integer(v); }

bool read_count(Reader& r, int32_t& out) {
    return read_ranged(r, out, 0, std::numeric_limits<int32_t>::max(), "zero or more");
}
void write_count(Writer& w, int32_t v) { w.integer(v); }

bool read_revision(Reader& r, uint32_t& out) {
    return read_ranged(r, out, 0, std::numeric_limits<uint32_t>::max(), "between 0 and 4294967295");
}
void write_revision(Writer& w, uint32_t v) { w.integer(v); }

bool read_percent(Reader& r, uint8_t& out) { return read_ranged(r, out, 0, 100, "between 0 and 100"); }
void write_percent(Writer& w, uint8_t v) { w.integer(v); }

bool read_percent_or_unset(Reader& r, int8_t& out) {
    if (r.read_null()) { out = -1; return true; }
    return read_ranged(r, out, 0, 100, "between 0 and 100 (or null)");
}
void write_percent_or_unset(Writer& w, int8_t v) {
    if (v < 0) w.null();
    else w.integer(v);
}

bool read_positive(Reader& r, int64_t& out) {
    return read_ranged(r, out, 1, std::numeric_limits<int64_t>::max(), "greater than 0");
}
void write_positive(Writer& w, int64_t v) { w.integer(v); }

bool read_flag(Reader& r, bool& out) { return r.read_bool(out); }
void write_flag(Writer& w, bool v) { w.boolean(v); }

bool read_day(Reader& r, Day& out) {
    if (fast_day(r.rest(), out)) {
        r.advance(12);
        return true;
    }
    if (r.read_null()) { out = kNoDay; return true; }
    std::string_view s;
    if (!r.read_string_view(s)) return false;
    if (!parse_day(s, out)) return r.fail("expected a date YYYY-MM-DD, got \"" + std::string(s) + "\"");
    return true;
}
void write_day(Writer& w, Day d) {
    if (d == kNoDay) w.null();
    else w.day(d);
}

bool read_instant(Reader& r, Millis& out) {
    if (fast_instant(r.rest(), out)) {
        r.advance(26);
        return true;
    }
    std::string_view s;
    if (!r.read_string_view(s)) return false;
    if (!parse_millis(s, out))
        return r.fail("expected a UTC time YYYY-MM-DDTHH:MM:SS.sssZ, got \"" + std::string(s) + "\"");
    return true;
}
void write_instant(Writer& w, Millis t) { w.instant(t); }

bool read_opt_instant(Reader& r, Millis& out) {
    if (r.read_null()) { out = 0; return true; }
    return read_instant(r, out);
}
void write_opt_instant(Writer& w, Millis t) {
    if (t == 0) w.null();
    else write_instant(w, t);
}

bool read_currency(Reader& r, Currency& out) {
    std::string_view s;
    if (!r.read_string_view(s)) return false;
    if (!parse_currency(s, out))
        return r.fail("expected a currency code of 3 capital letters, got \"" + std::string(s) + "\"");
    return true;
}
void write_currency(Writer& w, Currency c) { w.string(c.view()); }

bool read_color(Reader& r, uint32_t& out) {
    std::string_view s;
    if (!r.read_string_view(s)) return false;
    uint32_t v = 0;
    bool ok = s.size() == 7 && s[0] == '#';
    for (size_t i = 1; ok && i < 7; ++i) {
        const char c = s[i];
        int h = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
        if (h < 0) ok = false;
        else v = (v << 4) | static_cast<uint32_t>(h);
    }
    if (!ok) return r.fail("expected a colour \"#rrggbb\", got \"" + std::string(s) + "\"");
    out = v;
    return true;
}
void write_color(Writer& w, uint32_t c) {
    static constexpr char kHex[] = "0123456789abcdef";
    char buf[9] = {'"', '#'};
    for (int i = 0; i < 6; ++i) buf[2 + i] = kHex[(c >> (20 - 4 * i)) & 15];
    buf[8] = '"';
    w.raw(std::string_view(buf, 9));
}

}  // namespace dd::json_io
