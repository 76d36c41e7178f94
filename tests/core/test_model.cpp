// The text helpers of model.h: enum names, ids, dates and instants round-trip and refuse junk.
#include "core/ids.h"
#include "core/model.h"
#include <doctest/doctest.h>
#include <unordered_set>

using namespace dd;

TEST_CASE("enum names round-trip and unknown names are refused") {
    for (int i = 0; i < 4; ++i) {
        DealStatus s{};
        CHECK(parse(to_string(DealStatus(i)), s));
        CHECK(s == DealStatus(i));
    }
    RecordKind k{};
    CHECK(parse("deal_change", k));
    CHECK(k == RecordKind::DealChange);
    Role r{};
    CHECK_FALSE(parse("Admin", r));
    FieldType f{};
    CHECK(parse("single_select", f));
    CHECK(f == FieldType::SingleSelect);
}

TEST_CASE("currency codes are three upper-case letters") {
    Currency c;
    CHECK(parse_currency("EUR", c));
    CHECK(c.view() == "EUR");
    CHECK_FALSE(parse_currency("eur", c));
    CHECK_FALSE(parse_currency("EURO", c));
    CHECK(c.view() == "EUR");
}

TEST_CASE("ids are 16 lowercase hex digits") {
    CHECK(id_to_string(0x1234abcdULL) == "000000001234abcd");
    Id id = 0;
    CHECK(parse_id("ffffffffffffffff", id));
    CHECK(id == ~0ULL);
    CHECK_FALSE(parse_id("FFFFFFFFFFFFFFFF", id));
    CHECK_FALSE(parse_id("123", id));
}

TEST_CASE("days: civil conversion, strict parsing, leap years") {
    CHECK(day_from_civil(1970, 1, 1) == 0);
    CHECK(day_to_string(day_from_civil(2024, 2, 29)) == "2024-02-29");
    CHECK(day_to_string(-1) == "1969-12-31");
    Day d = 0;
    CHECK(parse_day("2026-11-23", d));
    CHECK(day_to_string(d) == "2026-11-23");
    CHECK_FALSE(parse_day("2023-02-29", d));
    CHECK_FALSE(parse_day("2026-13-01", d));
    CHECK_FALSE(parse_day("2026-1-01", d));
    for (Day x = -800000; x < 800000; x += 997) {
        int y, m, dd_;
        civil_from_day(x, y, m, dd_);
        CHECK(day_from_civil(y, m, dd_) == x);
    }
}

TEST_CASE("instants are RFC 3339 UTC with milliseconds") {
    CHECK(millis_to_string(0) == "1970-01-01T00:00:00.000Z");
    Millis ms = 0;
    REQUIRE(parse_millis("2026-11-23T10:38:55.120Z", ms));
    CHECK(millis_to_string(ms) == "2026-11-23T10:38:55.120Z");
    REQUIRE(parse_millis("2026-11-23T10:38:55Z", ms));
    CHECK(ms % 1000 == 0);
    CHECK(millis_to_string(-1) == "1969-12-31T23:59:59.999Z");
    CHECK_FALSE(parse_millis("2026-11-23T10:38:55+01:00", ms));
    CHECK_FALSE(parse_millis("2026-11-23T24:00:00Z", ms));
}

TEST_CASE("id generator: deterministic per seed, never zero, no repeats") {
    IdGenerator a(42), b(42), c(43);
    std::unordered_set<Id> seen;
    for (int i = 0; i < 10000; ++i) {
        Id x = a.next();
        CHECK(x != kNoId);
        CHECK(x == b.next());
        CHECK(seen.insert(x).second);
    }
    CHECK(IdGenerator(42).next() != c.next());
    CHECK(IdGenerator::from_entropy().next() != IdGenerator::from_entropy().next());
}

TEST_CASE("id generator: the id after an id is the one the generator draws next") {
    IdGenerator g = IdGenerator::from_entropy();
    Id prev = g.next();
    for (int i = 0; i < 10000; ++i) {
        const Id x = g.next();
        CHECK(IdGenerator::after(prev) == x);
        prev = x;
    }
    CHECK(IdGenerator::after(IdGenerator(7).next()) != IdGenerator(8).next());
}
