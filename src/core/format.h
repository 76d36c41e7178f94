// Numbers, money and dates as the workspace's locale writes them ("$1,250.50" in en-US,
// "1.250,50 €" in de-DE, "23 Nov 2026" in en-GB), and amounts parsed back from what a user
// typed in that locale. Pure functions on plain values; the locale is a BCP 47 tag from the
// workspace settings. Unknown tags fall back to their language, then to en-US.
#pragma once
#include "core/model.h"
#include "core/result.h"

#include <string>
#include <string_view>

namespace dd {

enum class DateOrder : uint8_t { MonthDayYear, DayMonthYear, YearMonthDay };

struct LocaleFormat {
    std::string decimal = ".";        // decimal separator
    std::string group = ",";          // thousands separator (U+00A0 where a space is used)
    bool symbol_after = false;        // "1.250 €" rather than "€1,250"
    bool space_with_symbol = false;   // a no-break space between amount and symbol
    DateOrder date_order = DateOrder::MonthDayYear;
    bool numeric_dates = false;       // "23.11.2026" rather than "23 Nov 2026"
    char date_separator = '/';        // for numeric dates
};

LocaleFormat locale_format(std::string_view locale);

int currency_decimals(Currency);        // 2 for most, 0 for JPY/KRW..., 3 for BHD/KWD...
std::string currency_symbol(Currency);   // "$", "€", "£", "¥", or the code ("CHF")

// 1234567 -> "1,234,567" (en-US) / "1.234.567" (de-DE).
std::string format_integer(int64_t, std::string_view locale);
// Minor units with the currency's decimals and symbol: "$1,250.50", "1.250,50 €", "¥1,250".
// whole = true rounds to whole units (half away from zero) and drops the decimals: "$1,251".
std::string format_money(Money minor, Currency, std::string_view locale, bool whole = false);
// The amount alone, as an editor starts from: "1250.50" -> "1,250.50" (no symbol).
std::string format_amount(Money minor, Currency, std::string_view locale);
// What a user typed, in the locale: group separators, spaces and the currency's symbol or code
// are ignored; at most the currency's decimals; no sign. Errors name the field "value".
Result<Money> parse_amount(std::string_view text, Currency, std::string_view locale);

// "Nov 23, 2026" (en-US), "23 Nov 2026" (en-GB), "23.11.2026" (de-DE), "2026-11-23" (sv-SE).
std::string format_day(Day, std::string_view locale);
// A day and time in UTC: "Nov 23, 2026, 10:38" (24-hour clock everywhere, calm and unambiguous).
std::string format_instant(Millis, std::string_view locale);
// Percent: "35%" (en) / "35 %" (de, fr).
std::string format_percent(int percent, std::string_view locale);

}  // namespace dd
