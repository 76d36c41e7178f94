// Deal queries: every filter, and a stable multi-key sort.
#include "core/query.h"
#include "test_store_fixture.h"

using namespace dd;
using namespace dd::test;

namespace {
std::vector<std::string> titles(const std::vector<const Deal*>& v) {
    std::vector<std::string> out;
    for (const Deal* d : v) out.push_back(d->title);
    return out;
}
}  // namespace

TEST_CASE("filters: text, stages, owners, status, dates, value, custom fields") {
    World w;
    Currency eur;
    parse_currency("EUR", eur);
    w.ok(SetExchangeRate{eur, 2'000'000});
    Deal a = w.draft("Acme renewal", w.lead, 100000);
    a.expected_close = day_from_civil(2025, 12, 1);
    a.external_ref = "SF-77";
    a.custom.push_back(CustomValue{w.tier_field, "Gold", 0});
    w.ok(CreateDeal{a, {}, {}});
    Deal b = w.draft("Beta pilot", w.proposal, 60000, {w.bob});
    b.company = kNoId;
    b.currency = eur;   // 120000 in base
    b.owner = w.admin;
    w.ok(CreateDeal{b, {}, {}});
    Deal c = w.draft("Gamma", w.proposal, 10000);
    c.expected_close = day_from_civil(2026, 2, 1);
    w.ok(CreateDeal{c, {}, {}});
    w.ok(SetDealStatus{c.meta.id, DealStatus::Won});

    DealQuery q;
    CHECK(query_deals(w.store, q, {}).size() == 3);
    q.text = "ACME";   // title and company name, case-insensitive
    CHECK(titles(query_deals(w.store, q, {})) == std::vector<std::string>{"Acme renewal", "Gamma"});
    q.text = "jones";   // contact name
    CHECK(titles(query_deals(w.store, q, {})) == std::vector<std::string>{"Beta pilot"});
    q.text = "sf-7";    // external reference
    CHECK(titles(query_deals(w.store, q, {})) == std::vector<std::string>{"Acme renewal"});
    q = DealQuery{};
    q.stages = {w.proposal};
    CHECK(query_deals(w.store, q, {}).size() == 1);   // Gamma moved to Won
    q = DealQuery{};
    q.owners = {w.admin};
    CHECK(titles(query_deals(w.store, q, {})) == std::vector<std::string>{"Beta pilot"});
    q = DealQuery{};
    q.status_mask = status_bit(DealStatus::Won);
    CHECK(titles(query_deals(w.store, q, {})) == std::vector<std::string>{"Gamma"});
    q = DealQuery{};
    q.close_from = day_from_civil(2025, 11, 1);
    q.close_to = day_from_civil(2025, 12, 31);
    CHECK(titles(query_deals(w.store, q, {})) == std::vector<std::string>{"Acme renewal"});
    q = DealQuery{};
    q.value_min = 110000;   // base currency: EUR 60000 is 120000
    CHECK(titles(query_deals(w.store, q, {})) == std::vector<std::string>{"Beta pilot"});
    q = DealQuery{};
    q.created_from = w.now + 1;
    CHECK(query_deals(w.store, q, {}).empty());
    q = DealQuery{};
    q.custom.push_back(CustomFilter{w.tier_field, "Gold", {}, {}, true});
    CHECK(titles(query_deals(w.store, q, {})) == std::vector<std::string>{"Acme renewal"});
    q.custom[0].has_value = false;
    CHECK(query_deals(w.store, q, {}).size() == 2);
    q = DealQuery{};
    q.pipeline = w.ids.next();
    CHECK(query_deals(w.store, q, {}).empty());
}

TEST_CASE("sort: multi-key, descending, unset last, stable on ties") {
    World w;
    auto make = [&](const char* title, Money value, Day close) {
        Deal d = w.draft(title, w.lead, value);
        d.expected_close = close;
        w.ok(CreateDeal{d, {}, {}});
    };
    make("b", 500, day_from_civil(2026, 1, 1));
    make("a", 500, kNoDay);
    make("C", 900, day_from_civil(2025, 1, 1));
    make("d", 100, day_from_civil(2026, 1, 1));
    DealQuery all;
    CHECK(titles(query_deals(w.store, all, {{DealColumn::Title}})) == std::vector<std::string>{"a", "b", "C", "d"});
    CHECK(titles(query_deals(w.store, all, {{DealColumn::Value, kNoId, true}})) == std::vector<std::string>{"C", "b", "a", "d"});
    CHECK(titles(query_deals(w.store, all, {{DealColumn::Value}, {DealColumn::Title, kNoId, true}})) ==
          std::vector<std::string>{"d", "b", "a", "C"});
    CHECK(titles(query_deals(w.store, all, {{DealColumn::ExpectedClose}})) == std::vector<std::string>{"C", "b", "d", "a"});
    CHECK(titles(query_deals(w.store, all, {{DealColumn::ExpectedClose, kNoId, true}})) ==
          std::vector<std::string>{"b", "d", "C", "a"});   // unset stays last; b before d keeps lane order
    CHECK(std::string(to_string(DealColumn::LastActivity)) == "last_activity");
}
