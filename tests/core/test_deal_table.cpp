// The list's fast query path must give exactly what query_deals gives: same rows, same order.
#include "core/deal_table.h"
#include "core/query.h"
#include "core/sample_data.h"
#include "core/store.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <random>

namespace {

constexpr dd::Millis kNow = 1'780'000'000'000;

std::vector<dd::Id> ids_of(const std::vector<const dd::Deal*>& deals) {
    std::vector<dd::Id> out;
    for (const dd::Deal* d : deals) out.push_back(d->meta.id);
    return out;
}

std::vector<dd::Id> table_ids(dd::DealTable& table, const dd::DealQuery& q, const std::vector<dd::SortKey>& sort) {
    return ids_of(table.deals_of(table.query(q, sort)));
}

struct Sample {
    dd::Store store;
    Sample(size_t n) {
        REQUIRE(store.load(dd::make_sample_workspace(11, n, kNow)).ok());
    }
};

}  // namespace

TEST_CASE("deal table: no filter and no sort is the board order, every deal once") {
    Sample s(500);
    dd::DealTable table(s.store);
    CHECK(table.size() == 500);
    CHECK(table_ids(table, {}, {}) == ids_of(dd::query_deals(s.store, {}, {})));
}

TEST_CASE("deal table: each filter alone matches query_deals") {
    Sample s(800);
    dd::DealTable table(s.store);
    const dd::Workspace& ws = s.store.workspace();
    std::vector<dd::DealQuery> queries;
    dd::DealQuery q;
    q.text = "ACME";                       queries.push_back(q); q = {};
    q.text = ws.deals[3].title.substr(0, 4); queries.push_back(q); q = {};
    q.text = ws.contacts[5].name;          queries.push_back(q); q = {};
    q.pipeline = ws.pipelines[1].meta.id;  queries.push_back(q); q = {};
    q.stages = {ws.pipelines[0].stages[1].id, ws.pipelines[0].stages[2].id}; queries.push_back(q); q = {};
    q.owners = {ws.team[1].meta.id, dd::kNoId}; queries.push_back(q); q = {};
    q.status_mask = dd::status_bit(dd::DealStatus::Won) | dd::status_bit(dd::DealStatus::Lost); queries.push_back(q); q = {};
    q.close_from = dd::day_from_civil(2026, 6, 1); q.close_to = dd::day_from_civil(2026, 9, 30); queries.push_back(q); q = {};
    q.created_from = kNow - 90LL * 86'400'000; queries.push_back(q); q = {};
    q.value_min = 500'000; q.value_max = 5'000'000; queries.push_back(q); q = {};
    for (const dd::CustomFieldDef& f : ws.custom_fields) {
        dd::CustomFilter cf;
        cf.field = f.meta.id;
        if (f.type == dd::FieldType::SingleSelect && !f.options.empty()) cf.text = f.options[0];
        else if (f.type == dd::FieldType::Number) cf.number_min = 10;
        else if (f.type == dd::FieldType::Checkbox) { cf.number_min = 1; cf.number_max = 1; }
        q.custom = {cf};
        queries.push_back(q);
        q.custom[0].has_value = false;
        queries.push_back(q);
        q = {};
    }
    for (size_t i = 0; i < queries.size(); ++i) {
        CAPTURE(i);
        const auto expected = ids_of(dd::query_deals(s.store, queries[i], {}));
        CHECK(table_ids(table, queries[i], {}) == expected);
    }
}

TEST_CASE("deal table: every sort column, both directions, and multi-key sorts match query_deals") {
    Sample s(600);
    dd::DealTable table(s.store);
    std::vector<dd::SortKey> keys;
    for (int c = 0; c < int(dd::DealColumn::Custom); ++c) keys.push_back({dd::DealColumn(c), dd::kNoId, false});
    for (const dd::CustomFieldDef& f : s.store.workspace().custom_fields) keys.push_back({dd::DealColumn::Custom, f.meta.id, false});
    for (dd::SortKey k : keys) {
        for (bool desc : {false, true}) {
            k.descending = desc;
            CAPTURE(dd::to_string(k.column));
            CAPTURE(desc);
            CHECK(table_ids(table, {}, {k}) == ids_of(dd::query_deals(s.store, {}, {k})));
        }
    }
    std::mt19937 rng(7);
    for (int round = 0; round < 40; ++round) {
        std::vector<dd::SortKey> sort;
        const int n = 1 + int(rng() % 3);
        for (int i = 0; i < n; ++i) {
            dd::SortKey k = keys[rng() % keys.size()];
            k.descending = rng() % 2;
            sort.push_back(k);
        }
        dd::DealQuery q;
        if (round % 3 == 0) q.status_mask = dd::status_bit(dd::DealStatus::Open);
        if (round % 4 == 1) q.text = "a";
        CAPTURE(round);
        CHECK(table_ids(table, q, sort) == ids_of(dd::query_deals(s.store, q, sort)));
    }
}

TEST_CASE("deal table: sorting is stable -- equal keys keep the board order") {
    Sample s(300);
    dd::DealTable table(s.store);
    const auto board = table_ids(table, {}, {});
    const auto by_status = table_ids(table, {}, {{dd::DealColumn::Status, dd::kNoId, false}});
    // Within each status, the deals appear in the same relative order as on the board.
    for (dd::DealStatus st : {dd::DealStatus::Open, dd::DealStatus::Won, dd::DealStatus::Lost, dd::DealStatus::Abandoned}) {
        std::vector<dd::Id> a, b;
        for (dd::Id id : board) if (s.store.find_deal(id)->status == st) a.push_back(id);
        for (dd::Id id : by_status) if (s.store.find_deal(id)->status == st) b.push_back(id);
        CHECK(a == b);
    }
}

TEST_CASE("deal table: text search is case-insensitive and never matches across fields") {
    dd::Store store;
    REQUIRE(store.load(dd::make_sample_workspace(3, 50, kNow)).ok());
    dd::DealTable table(store);
    const dd::Deal& d = store.workspace().deals[0];
    std::string upper = d.title;
    for (char& c : upper) c = char(std::toupper(static_cast<unsigned char>(c)));
    dd::DealQuery q;
    q.text = upper;
    const auto hits = table_ids(table, q, {});
    CHECK(std::find(hits.begin(), hits.end(), d.meta.id) != hits.end());
    // The end of the title followed by the start of the reference is not a match.
    if (!d.external_ref.empty()) {
        q.text = d.title.substr(d.title.size() - 2) + d.external_ref.substr(0, 2);
        CHECK(table_ids(table, q, {}) == ids_of(dd::query_deals(store, q, {})));
    }
}
