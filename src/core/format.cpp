#include "core/format.h"

#include <cstdio>

namespace dd {
namespace {

constexpr const char* kNbsp = "\xc2\xa0";   // U+00A0: in every UI font (Latin-1)
const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::string_view language_of(std::string_view tag) {
    const size_t dash = tag.find_first_of("-_");
    return dash == std::string_view::npos ? tag : tag.substr(0, dash);
}

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

int64_t pow10(int n) {
    int64_t p = 1;
    while (n-- > 0) p *= 10;
    return p;
}

std::string group_digits(uint64_t n, const std::string& group) {
    const std::string digits = std::to_string(n);
    std::string out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += group;
        out += digits[i];
    }
    return out;
}

uint64_t magnitude(int64_t v) { return v < 0 ? uint64_t(0) - uint64_t(v) : uint64_t(v); }

// The number part of an amount: grouped integer part, then the decimals (if any).
std::string number_text(Money minor, int decimals, const LocaleFormat& f) {
    const uint64_t m = magnitude(minor);
    const uint64_t scale = uint64_t(pow10(decimals));
    std::string out = group_digits(m / scale, f.group);
    if (decimals > 0) {
        std::string frac = std::to_string(m % scale);
        while (int(frac.size()) < decimals) frac.insert(frac.begin(), '0');
        out += f.decimal + frac;
    }
    return out;
}

}  // namespace

LocaleFormat locale_format(std::string_view locale) {
    LocaleFormat f;
    const std::string_view lang = language_of(locale);
    if (locale == "en-US" || locale.empty() || lang == "ja" || lang == "zh" || lang == "ko") {
        if (lang == "ja" || lang == "zh" || lang == "ko") {
            f.date_order = DateOrder::YearMonthDay;
            f.numeric_dates = true;
            f.date_separator = '/';
        }
        return f;
    }
    if (lang == "en") {   // en-GB, en-IE, en-AU...: day first, otherwise like en-US
        f.date_order = DateOrder::DayMonthYear;
        if (starts_with(locale, "en-CA")) f.date_order = DateOrder::YearMonthDay, f.numeric_dates = true, f.date_separator = '-';
        return f;
    }
    if (lang == "de" || lang == "nl" || lang == "it" || lang == "es" || lang == "pt" || lang == "da" ||
        lang == "tr" || lang == "id") {
        f.decimal = ",";
        f.group = ".";
        f.symbol_after = lang != "nl" && locale != "pt-BR";
        f.space_with_symbol = true;
        f.date_order = DateOrder::DayMonthYear;
        f.numeric_dates = true;
        f.date_separator = (lang == "de" || lang == "da" || lang == "tr") ? '.' : (lang == "nl" ? '-' : '/');
        return f;
    }
    if (lang == "fr" || lang == "sv" || lang == "nb" || lang == "fi" || lang == "pl" || lang == "cs" ||
        lang == "ru" || lang == "uk" || lang == "el" || lang == "sk" || lang == "hu") {
        f.decimal = ",";
        f.group = kNbsp;
        f.symbol_after = true;
        f.space_with_symbol = true;
        f.numeric_dates = true;
        if (lang == "sv" || lang == "hu") {
            f.date_order = DateOrder::YearMonthDay;
            f.date_separator = lang == "sv" ? '-' : '.';
        } else {
            f.date_order = DateOrder::DayMonthYear;
            f.date_separator = lang == "fr" ? '/' : '.';
        }
        return f;
    }
    return f;   // unknown: en-US
}

int currency_decimals(Currency c) {
    const std::string_view code = c.view();
    for (const char* z : {"JPY", "KRW", "VND", "CLP", "ISK", "HUF", "UGX", "XOF", "XAF", "PYG"})
        if (code == z) return 0;
    for (const char* t : {"BHD", "KWD", "OMR", "JOD", "TND", "LYD", "IQD"})
        if (code == t) return 3;
    return 2;
}

std::string currency_symbol(Currency c) {
    const std::string code(c.view());
    if (code == "USD") return "$";
    if (code == "EUR") return "\xe2\x82\xac";   // €
    if (code == "GBP") return "\xc2\xa3";       // £
    if (code == "JPY") return "\xc2\xa5";       // ¥
    if (code == "INR") return "\xe2\x82\xb9";   // ₹
    if (code == "CAD") return "CA$";
    if (code == "AUD") return "A$";
    return code;
}

std::string format_integer(int64_t n, std::string_view locale) {
    const LocaleFormat f = locale_format(locale);
    return (n < 0 ? "-" : "") + group_digits(magnitude(n), f.group);
}

std::string format_money(Money minor, Currency c, std::string_view locale, bool whole) {
    const LocaleFormat f = locale_format(locale);
    int decimals = currency_decimals(c);
    if (whole && decimals > 0) {
        const int64_t scale = pow10(decimals);
        const int64_t half = scale / 2;
        minor = minor >= 0 ? (minor + half) / scale : -((-minor + half) / scale);
        decimals = 0;
    }
    const std::string number = number_text(minor, decimals, f);
    const std::string symbol = currency_symbol(c);
    // A code ("CHF") always gets a space; a sign symbol only where the locale puts one.
    const bool is_code = symbol.size() == 3 && symbol == std::string(c.view());
    const std::string gap = (f.space_with_symbol || is_code) ? kNbsp : "";
    const std::string sign = minor < 0 ? "-" : "";
    return f.symbol_after ? sign + number + gap + symbol : sign + symbol + gap + number;
}

std::string format_amount(Money minor, Currency c, std::string_view locale) {
    return (minor < 0 ? "-" : "") + number_text(minor, currency_decimals(c), locale_format(locale));
}

Result<Money> parse_amount(std::string_view text, Currency c, std::string_view locale) {
    const LocaleFormat f = locale_format(locale);
    const std::string symbol = currency_symbol(c);
    const std::string code(c.view());
    const int decimals = currency_decimals(c);
    std::string digits_int, digits_frac;
    bool in_frac = false, any_digit = false;
    size_t i = 0;
    while (i < text.size()) {
        const std::string_view rest = text.substr(i);
        const char ch = text[i];
        if (ch >= '0' && ch <= '9') {
            (in_frac ? digits_frac : digits_int) += ch;
            any_digit = true;
            ++i;
        } else if (starts_with(rest, f.decimal)) {
            if (in_frac) return field_error("value", "has two decimal separators");
            in_frac = true;
            i += f.decimal.size();
        } else if (!in_frac && starts_with(rest, f.group)) {
            i += f.group.size();
        } else if (ch == ' ' || ch == '\t' || ch == '\'' || starts_with(rest, kNbsp) || starts_with(rest, "\xe2\x80\xaf")) {
            i += ch == ' ' || ch == '\t' || ch == '\'' ? 1 : (starts_with(rest, kNbsp) ? 2 : 3);
        } else if (starts_with(rest, symbol)) {
            i += symbol.size();
        } else if (starts_with(rest, code)) {
            i += code.size();
        } else if (ch == '-') {
            return field_error("value", "must not be negative");
        } else {
            return field_error("value", "must be an amount such as " + format_amount(125050, c, locale));
        }
    }
    // Nothing typed is no amount: zero. Only separators or a symbol is a mistake.
    if (!any_digit) {
        if (text.find_first_not_of(" \t") == std::string_view::npos) return Money(0);
        return field_error("value", "must be a number");
    }
    if (int(digits_frac.size()) > decimals)
        return field_error("value", decimals == 0 ? std::string("takes no decimals in ") + code
                                                  : "takes at most " + std::to_string(decimals) + " decimals");
    if (digits_int.size() > 15) return field_error("value", "is too large");
    while (int(digits_frac.size()) < decimals) digits_frac += '0';
    Money m = 0;
    for (char d : digits_int) m = m * 10 + (d - '0');
    for (char d : digits_frac) m = m * 10 + (d - '0');
    return m;
}

std::string format_day(Day day, std::string_view locale) {
    if (day == kNoDay) return "";
    int y = 0, m = 0, d = 0;
    civil_from_day(day, y, m, d);
    const LocaleFormat f = locale_format(locale);
    char buf[40];
    if (f.numeric_dates) {
        const char s = f.date_separator;
        switch (f.date_order) {
            case DateOrder::YearMonthDay: std::snprintf(buf, sizeof buf, "%04d%c%02d%c%02d", y, s, m, s, d); break;
            case DateOrder::DayMonthYear: std::snprintf(buf, sizeof buf, "%02d%c%02d%c%04d", d, s, m, s, y); break;
            case DateOrder::MonthDayYear: std::snprintf(buf, sizeof buf, "%02d%c%02d%c%04d", m, s, d, s, y); break;
        }
    } else if (f.date_order == DateOrder::DayMonthYear) {
        std::snprintf(buf, sizeof buf, "%d %s %04d", d, kMonths[m - 1], y);
    } else {
        std::snprintf(buf, sizeof buf, "%s %d, %04d", kMonths[m - 1], d, y);
    }
    return buf;
}

std::string format_instant(Millis t, std::string_view locale) {
    const int64_t day_ms = 86'400'000;
    int64_t days = t / day_ms, rem = t % day_ms;
    if (rem < 0) rem += day_ms, --days;
    char time[8];
    std::snprintf(time, sizeof time, "%02d:%02d", int(rem / 3'600'000), int(rem / 60'000 % 60));
    return format_day(Day(days), locale) + ", " + time;
}

std::string format_percent(int percent, std::string_view locale) {
    const LocaleFormat f = locale_format(locale);
    const bool spaced = f.decimal == ",";
    return std::to_string(percent) + (spaced ? kNbsp : "") + "%";
}

}  // namespace dd
