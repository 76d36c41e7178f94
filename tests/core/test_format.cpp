// Locale formatting of money, numbers and dates, and amounts parsed back as users type them.
#include "core/format.h"

#include <doctest/doctest.h>

using namespace dd;

namespace {
Currency cur(const char* code) {
    Currency c;
    REQUIRE(parse_currency(code, c));
    return c;
}
const std::string nbsp = "\xc2\xa0";
}  // namespace

TEST_CASE("money is written the way each locale writes it") {
    CHECK(format_money(125050, cur("USD"), "en-US") == "$1,250.50");
    CHECK(format_money(125050, cur("EUR"), "de-DE") == "1.250,50" + nbsp + "\xe2\x82\xac");
    CHECK(format_money(123456789, cur("EUR"), "fr-FR") == "1" + nbsp + "234" + nbsp + "567,89" + nbsp + "\xe2\x82\xac");
    CHECK(format_money(1250, cur("JPY"), "ja-JP") == "\xc2\xa5" "1,250");
    CHECK(format_money(125050, cur("CHF"), "en-US") == "CHF" + nbsp + "1,250.50");
    CHECK(format_money(-5, cur("USD"), "en-US") == "-$0.05");
    CHECK(format_money(125050, cur("USD"), "en-US", true) == "$1,251");
    CHECK(format_money(125049, cur("GBP"), "en-GB", true) == "\xc2\xa3" "1,250");
}

TEST_CASE("integers and percents are grouped by locale") {
    CHECK(format_integer(1234567, "en-US") == "1,234,567");
    CHECK(format_integer(1234567, "de-DE") == "1.234.567");
    CHECK(format_integer(-1000, "en-US") == "-1,000");
    CHECK(format_integer(999, "de-DE") == "999");
    CHECK(format_percent(35, "en-US") == "35%");
    CHECK(format_percent(35, "de-DE") == "35" + nbsp + "%");
}

TEST_CASE("amounts typed in the locale parse to minor units") {
    CHECK(parse_amount("1,250.50", cur("USD"), "en-US").value() == 125050);
    CHECK(parse_amount("$ 1250.5", cur("USD"), "en-US").value() == 125050);
    CHECK(parse_amount("1.250,50", cur("EUR"), "de-DE").value() == 125050);
    CHECK(parse_amount("1 250,50 \xe2\x82\xac", cur("EUR"), "fr-FR").value() == 125050);
    CHECK(parse_amount("1250", cur("JPY"), "ja-JP").value() == 1250);
    CHECK(parse_amount("", cur("USD"), "en-US").value() == 0);
    // What a formatted amount says parses back to the same amount.
    CHECK(parse_amount(format_amount(987654321, cur("EUR"), "fr-FR"), cur("EUR"), "fr-FR").value() == 987654321);
    CHECK(parse_amount(format_money(987654321, cur("EUR"), "de-DE"), cur("EUR"), "de-DE").value() == 987654321);
}

TEST_CASE("amounts that are not amounts are refused with the field named") {
    auto bad = parse_amount("12,5x", cur("USD"), "en-US");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().field == "value");
    CHECK_FALSE(parse_amount("-5", cur("USD"), "en-US").ok());
    CHECK_FALSE(parse_amount("1.234", cur("USD"), "en-US").ok());      // three decimals
    CHECK_FALSE(parse_amount("12.5", cur("JPY"), "ja-JP").ok());       // yen have no decimals
    CHECK_FALSE(parse_amount("1.2.3", cur("USD"), "en-US").ok());
    CHECK_FALSE(parse_amount("$", cur("USD"), "en-US").ok());
    CHECK_FALSE(parse_amount("9999999999999999", cur("USD"), "en-US").ok());
}

TEST_CASE("dates follow the locale's order and style") {
    const Day d = day_from_civil(2026, 11, 3);
    CHECK(format_day(d, "en-US") == "Nov 3, 2026");
    CHECK(format_day(d, "en-GB") == "3 Nov 2026");
    CHECK(format_day(d, "de-DE") == "03.11.2026");
    CHECK(format_day(d, "fr-FR") == "03/11/2026");
    CHECK(format_day(d, "sv-SE") == "2026-11-03");
    CHECK(format_day(d, "ja-JP") == "2026/11/03");
    CHECK(format_day(kNoDay, "en-US") == "");
    CHECK(format_day(d, "xx-YY") == "Nov 3, 2026");   // unknown: en-US
    Millis t = 0;
    REQUIRE(parse_millis("2026-11-03T09:05:00.000Z", t));
    CHECK(format_instant(t, "en-US") == "Nov 3, 2026, 09:05");
}
