#include "ui/board_format.h"

#include <cctype>
#include <cstdio>
#include <cstdlib>

namespace dd::ui {
namespace {

std::string symbol_of(Currency c) {
    const std::string code(c.view());
    if (code == "USD") return "$";
    if (code == "EUR") return "\xe2\x82\xac";   // €
    if (code == "GBP") return "\xc2\xa3";       // £
    if (code == "JPY") return "\xc2\xa5";       // ¥
    if (code == "CAD") return "CA$";
    if (code == "AUD") return "A$";
    return code + " ";
}

std::string grouped(int64_t n) {
    std::string digits = std::to_string(n < 0 ? -n : n);
    std::string out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return n < 0 ? "-" + out : out;
}

int64_t whole_units(Money minor, Currency c) {
    int64_t scale = 1;
    for (int i = 0; i < minor_digits(c); ++i) scale *= 10;
    const int64_t half = scale / 2;
    return minor >= 0 ? (minor + half) / scale : -((-minor + half) / scale);
}

const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

}  // namespace

int minor_digits(Currency c) {
    const std::string code(c.view());
    if (code == "JPY" || code == "KRW" || code == "VND" || code == "CLP" || code == "ISK") return 0;
    if (code == "BHD" || code == "KWD" || code == "OMR" || code == "JOD" || code == "TND") return 3;
    return 2;
}

std::string format_money(Money minor, Currency c) {
    const int64_t units = whole_units(minor, c);
    const std::string sign = units < 0 ? "-" : "";
    return sign + symbol_of(c) + grouped(units < 0 ? -units : units);
}

std::string format_money_short(Money minor, Currency c) {
    const int64_t units = whole_units(minor, c);
    const int64_t a = units < 0 ? -units : units;
    char buf[32];
    if (a >= 1'000'000'000) std::snprintf(buf, sizeof buf, "%.1fB", double(a) / 1e9);
    else if (a >= 1'000'000) std::snprintf(buf, sizeof buf, "%.1fM", double(a) / 1e6);
    else if (a >= 10'000) std::snprintf(buf, sizeof buf, "%.1fk", double(a) / 1e3);
    else return format_money(minor, c);
    return std::string(units < 0 ? "-" : "") + symbol_of(c) + buf;
}

std::string format_day_short(Day day, Day today) {
    if (day == kNoDay) return "";
    int y, m, d, ty, tm, td;
    civil_from_day(day, y, m, d);
    civil_from_day(today, ty, tm, td);
    char buf[32];
    if (y == ty) std::snprintf(buf, sizeof buf, "%s %d", kMonths[m - 1], d);
    else std::snprintf(buf, sizeof buf, "%s %d, %d", kMonths[m - 1], d, y);
    return buf;
}

std::string initials(const std::string& name) {
    // Two letters at most: the first of each word. UTF-8 letters are copied whole (upper-casing
    // only ASCII: a byte-wise toupper would break a multi-byte letter).
    std::string out;
    int letters = 0;
    bool start = true;
    for (size_t i = 0; i < name.size();) {
        const unsigned char ch = static_cast<unsigned char>(name[i]);
        size_t len = ch < 0x80 ? 1 : ch >= 0xf0 ? 4 : ch >= 0xe0 ? 3 : ch >= 0xc0 ? 2 : 1;
        if (i + len > name.size()) len = 1;
        if (std::isspace(ch)) {
            start = true;
        } else {
            if (start && letters < 2) {
                if (len == 1) out += char(std::toupper(ch));
                else out.append(name, i, len);
                ++letters;
            }
            start = false;
        }
        i += len;
    }
    return out.empty() ? "?" : out;
}

Day day_of(Millis t) {
    const Millis day_ms = 86'400'000;
    return Day(t >= 0 ? t / day_ms : -((-t + day_ms - 1) / day_ms));
}

}  // namespace dd::ui
