#include "core/json_io_writer.h"

#include <charconv>

namespace dd::json_io {

void Writer::key(std::string_view name) {
    out += '"';
    raw(name);
    out += "\":";
}

void Writer::string(std::string_view s) {
    static constexpr char kHex[] = "0123456789abcdef";
    out += '"';
    size_t run = 0;  // start of the pending run of characters that need no escape
    for (size_t i = 0; i < s.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(s.data() + run, i - run);
        run = i + 1;
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            default: {
                const char esc[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
                out.append(esc, sizeof esc);
            }
        }
    }
    out.append(s.data() + run, s.size() - run);
    out += '"';
}

void Writer::integer(int64_t v) {
    char buf[24];
    const auto res = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, static_cast<size_t>(res.ptr - buf));
}

namespace {
char* two_digits(char* p, int v) {
    p[0] = static_cast<char>('0' + v / 10);
    p[1] = static_cast<char>('0' + v % 10);
    return p + 2;
}
// "YYYY-MM-DD" for years 0..9999 (others fall back to the model's helper).
char* date_digits(char* p, int y, int m, int d) {
    p[0] = static_cast<char>('0' + y / 1000);
    p[1] = static_cast<char>('0' + y / 100 % 10);
    p = two_digits(p + 2, y % 100);
    *p++ = '-';
    p = two_digits(p, m);
    *p++ = '-';
    return two_digits(p, d);
}
int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
}  // namespace

void Writer::id(Id id) {
    static constexpr char kHex[] = "0123456789abcdef";
    char buf[18];
    buf[0] = buf[17] = '"';
    for (int i = 16; i >= 1; --i, id >>= 4) buf[i] = kHex[id & 0xf];
    out.append(buf, sizeof buf);
}

void Writer::day(Day day) {
    int y, m, d;
    civil_from_day(day, y, m, d);
    if (y < 0 || y > 9999) return string(day_to_string(day));
    char buf[12];
    buf[0] = '"';
    date_digits(buf + 1, y, m, d);
    buf[11] = '"';
    out.append(buf, sizeof buf);
}

void Writer::instant(Millis t) {
    const int64_t days = floor_div(t, 86'400'000);
    int64_t rest = t - days * 86'400'000;
    int y, m, d;
    civil_from_day(static_cast<Day>(days), y, m, d);
    if (y < 0 || y > 9999) return string(millis_to_string(t));
    char buf[26];
    buf[0] = '"';
    char* p = date_digits(buf + 1, y, m, d);
    *p++ = 'T';
    p = two_digits(p, static_cast<int>(rest / 3'600'000));
    rest %= 3'600'000;
    *p++ = ':';
    p = two_digits(p, static_cast<int>(rest / 60'000));
    rest %= 60'000;
    *p++ = ':';
    p = two_digits(p, static_cast<int>(rest / 1000));
    *p++ = '.';
    const int ms = static_cast<int>(rest % 1000);
    *p++ = static_cast<char>('0' + ms / 100);
    p = two_digits(p, ms % 100);
    *p++ = 'Z';
    *p++ = '"';
    out.append(buf, static_cast<size_t>(p - buf));
}

}  // namespace dd::json_io
