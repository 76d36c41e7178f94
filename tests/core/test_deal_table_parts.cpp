// DealTable::apply_some: a change set of many records (a CSV import, its undo, a bulk delete)
// taken in parts of any size leaves the table exactly as apply() in one go does: the same rows
// for the same queries as query_deals, searches and sorts included.
#include "core/csv_import.h"
#include "core/deal_table.h"
#include "core/query.h"
#include "core/sample_data.h"
#include "core/store.h"

#include <doctest/doctest.h>

#include <random>
#include <string>

namespace {

constexpr dd::Millis kNow = 1'780'000'000'000;

std::vector<dd::Id> table_ids(dd::DealTable& table, const dd::DealQuery& q, const std::vector<dd::SortKey>& sort) {
    std::vector<dd::Id> out;
    for (const dd::Deal* d : table.deals_of(table.query(q, sort))) out.push_back(d->meta.id);
    return out;
}

std::vector<dd::Id> store_ids(const dd::Store& store, const dd::DealQuery& q, const std::vector<dd::SortKey>& sort) {
    std::vector<dd::Id> out;
    for (const dd::Deal* d : dd::query_deals(store, q, sort)) out.push_back(d->meta.id);
    return out;
}

// The change set in parts of random size (1..max_part); each part but the last leaves it unfinished.
void apply_in_parts(dd::DealTable& table, const dd::ChangeSet& changes, std::mt19937& rng, size_t max_part) {
    const size_t total = changes.upserted.size() + changes.removed.size();
    size_t parts = 0, before = 0;
    for (;;) {
        const bool done = table.apply_some(changes, 1 + rng() % max_part);
        ++parts;
        if (done) break;
        CHECK(table.apply_done() > before);   // it moves on every call
        before = table.apply_done();
        REQUIRE(before < total);
    }
    CHECK(table.apply_done() == 0);           // ready for the next change set
    CHECK(parts > total / max_part / 2);
}

void check_queries(dd::DealTable& table, const dd::Store& store) {
    const std::vector<std::vector<dd::SortKey>> sorts = {
        {}, {{dd::DealColumn::Title, dd::kNoId, false}}, {{dd::DealColumn::Value, dd::kNoId, true}, {dd::DealColumn::Contact, dd::kNoId, false}}};
    dd::DealQuery all, text, people;
    text.text = "bulk 1";
    people.text = "person 3";
    for (const auto& sort : sorts)
        for (const dd::DealQuery* q : {&all, &text, &people}) CHECK(table_ids(table, *q, sort) == store_ids(store, *q, sort));
    CHECK(table.size() == store.workspace().deals.size());
}

}  // namespace

TEST_CASE("deal table: a big change set applied in parts equals the store, import, bulk delete and undo alike") {
    for (uint32_t seed = 1; seed <= 3; ++seed) {
        CAPTURE(seed);
        std::mt19937 rng(seed);
        dd::IdGenerator ids(0x9e3779b9u + seed);   // not the sample's seed: its ids would repeat
        dd::Store store;
        REQUIRE(store.load(dd::make_sample_workspace(seed, 300, kNow)).ok());
        const dd::CommandContext ctx{store.settings().current_user, kNow};
        dd::DealTable table(store);
        check_queries(table, store);   // the search text and the sort ranks exist before the edits

        std::string csv = "Title,Value,Contacts,Organization,Reference\n";
        for (int i = 0; i < 1500; ++i)
            csv += "Bulk " + std::to_string(i) + "," + std::to_string(rng() % 5000) + ",Person " + std::to_string(i % 70) +
                   ",Org " + std::to_string(i % 20) + ",B-" + std::to_string(i) + "\n";
        dd::ImportRun run = dd::import_csv_text(store, csv, ids);
        REQUIRE(run.plan.problems.empty());
        auto imported = store.apply(dd::Command{std::move(run.plan.command)}, ctx);
        if (!imported.ok()) FAIL(imported.error().text());
        apply_in_parts(table, imported.value().changes, rng, 1 + rng() % 200);
        check_queries(table, store);

        dd::DeleteDeals del;
        for (size_t i = 0; i < store.workspace().deals.size(); i += 3) del.deals.push_back(store.workspace().deals[i].meta.id);
        auto deleted = store.apply(dd::Command{del}, ctx);
        REQUIRE(deleted.ok());
        apply_in_parts(table, deleted.value().changes, rng, 1 + rng() % 200);
        check_queries(table, store);

        auto undone = store.undo(ctx);   // the deals come back (into rows freed by the delete)
        REQUIRE(undone.ok());
        apply_in_parts(table, undone.value().changes, rng, 1 + rng() % 200);
        check_queries(table, store);
        auto import_undone = store.undo(ctx);   // the import goes
        REQUIRE(import_undone.ok());
        apply_in_parts(table, import_undone.value().changes, rng, 1 + rng() % 200);
        check_queries(table, store);
    }
}
