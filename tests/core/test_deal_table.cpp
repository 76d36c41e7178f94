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

// ---- incremental maintenance: apply(ChangeSet) after every command equals a fresh build ----------

namespace {

// Random commands of every kind that changes what the list shows: deal fields, moves, status,
// creates (duplicates), deletes, renames of people, companies and owners, stage probabilities and
// order, exchange rates, plus undo and redo. Refused commands are simply skipped.
struct Editor {
    dd::Store& store;
    std::mt19937 rng{20261123};
    dd::IdGenerator ids{99};
    int counter = 0;

    size_t pick(size_t n) { return rng() % n; }
    bool chance(int percent) { return int(rng() % 100) < percent; }
    const dd::Deal& any_deal() { return store.workspace().deals[pick(store.workspace().deals.size())]; }
    const dd::Stage& any_stage() {
        const auto& p = store.workspace().pipelines[pick(store.workspace().pipelines.size())];
        return p.stages[pick(p.stages.size())];
    }
    std::string word() {
        static const char* const kWords[] = {"Acme", "acme", "NORTH", "wind", "Zeta", "", "pilot", "Émile", "a\nb", "renewal"};
        return kWords[pick(std::size(kWords))] + std::string(chance(50) ? " " : "") + std::to_string(counter++ % 7);
    }

    dd::Command next() {
        const dd::Workspace& ws = store.workspace();
        const dd::Deal& d = any_deal();
        switch (pick(14)) {
        case 0: {
            const dd::Stage& s = any_stage();
            const size_t lane = store.lane_size(s.id);
            const dd::Id before = lane && chance(60) ? store.lane_at(s.id, pick(lane)).meta.id : dd::kNoId;
            return dd::MoveDeal{d.meta.id, s.id, before, dd::kNoId, ""};
        }
        case 1: {
            std::vector<dd::Id> some;
            for (int i = 0; i < 1 + int(pick(4)); ++i) some.push_back(any_deal().meta.id);
            return dd::BulkMoveDeals{some, any_stage().id};
        }
        case 2: {
            dd::DealPatch p;
            p.title = word() + " - " + word();
            return dd::UpdateDeal{d.meta.id, p};
        }
        case 3: {
            dd::DealPatch p;
            if (chance(50)) p.value = dd::Money(pick(5) * 100'000);   // ties on purpose
            if (chance(50)) p.expected_close = chance(20) ? dd::kNoDay : dd::day_from_civil(2026, 1 + int(pick(12)), 1);
            if (chance(40)) p.owner = chance(20) ? dd::kNoId : ws.team[pick(ws.team.size())].meta.id;
            if (chance(30)) p.probability_override = chance(50) ? int8_t(-1) : int8_t(pick(101));
            if (chance(30)) p.external_ref = chance(30) ? std::string() : "REF-" + std::to_string(counter++);
            if (chance(30)) p.company = chance(20) ? dd::kNoId : ws.companies[pick(ws.companies.size())].meta.id;
            if (chance(30)) {
                std::vector<dd::Id> c{ws.contacts[pick(ws.contacts.size())].meta.id};
                if (chance(50)) c.push_back(ws.contacts[pick(ws.contacts.size())].meta.id);
                if (c.size() == 2 && c[0] == c[1]) c.pop_back();
                p.contacts = c;
            }
            if (chance(30) && !ws.custom_fields.empty()) {
                const dd::CustomFieldDef& f = ws.custom_fields[pick(ws.custom_fields.size())];
                if (chance(30)) p.clear_custom.push_back(f.meta.id);
                else if (f.type == dd::FieldType::Text) p.set_custom.push_back({f.meta.id, word(), 0});
                else if (f.type == dd::FieldType::SingleSelect && !f.options.empty())
                    p.set_custom.push_back({f.meta.id, f.options[pick(f.options.size())], 0});
                else if (f.type == dd::FieldType::Checkbox) p.set_custom.push_back({f.meta.id, "", int64_t(pick(2))});
                else p.set_custom.push_back({f.meta.id, "", int64_t(pick(50))});
            }
            return dd::UpdateDeal{d.meta.id, p};
        }
        case 4: return dd::SetDealStatus{d.meta.id, dd::DealStatus(pick(4)), dd::kNoId, "", dd::kNoId};
        case 5: return dd::DuplicateDeal{d.meta.id, ids.next()};
        case 6: {
            std::vector<dd::Id> some{d.meta.id};
            if (chance(30)) some.push_back(any_deal().meta.id);
            return dd::DeleteDeals{some};
        }
        case 7: {
            dd::ContactPatch p;
            p.name = word();
            return dd::UpdateContact{ws.contacts[pick(ws.contacts.size())].meta.id, p};
        }
        case 8: {
            dd::CompanyPatch p;
            p.name = word();
            return dd::UpdateCompany{ws.companies[pick(ws.companies.size())].meta.id, p};
        }
        case 9: {
            dd::TeamMemberPatch p;
            p.name = word() + "x";
            return dd::UpdateTeamMember{ws.team[pick(ws.team.size())].meta.id, p};
        }
        case 10: {
            dd::UpdateStage u;
            u.stage = any_stage().id;
            u.probability = uint8_t(pick(101));
            return u;
        }
        case 11: return dd::MoveStage{any_stage().id, int32_t(pick(4))};
        case 12:
            if (!ws.settings.rates.empty() && chance(50))
                return dd::SetExchangeRate{ws.settings.rates[pick(ws.settings.rates.size())].currency, int64_t(500'000 + pick(1'000'000))};
            return dd::DeleteContact{ws.contacts[pick(ws.contacts.size())].meta.id};
        default: return dd::DeleteDeals{{}};   // refused: nothing to delete
        }
    }
};

}  // namespace

TEST_CASE("deal table: kept up to date by apply(changes), it answers like a fresh build and like query_deals") {
    Sample s(400);
    dd::DealTable table(s.store);
    Editor editor{s.store};
    const dd::CommandContext ctx{s.store.settings().current_user, kNow};

    std::vector<dd::SortKey> keys;
    for (int c = 0; c < int(dd::DealColumn::Custom); ++c) keys.push_back({dd::DealColumn(c), dd::kNoId, false});
    for (const dd::CustomFieldDef& f : s.store.workspace().custom_fields) keys.push_back({dd::DealColumn::Custom, f.meta.id, false});
    auto random_query = [&](std::mt19937& rng) {
        dd::DealQuery q;
        const dd::Workspace& ws = s.store.workspace();
        switch (rng() % 6) {
        case 0: break;
        case 1: {
            static const char* const kNeedles[] = {"acme", "a", "North", "renewal", "ref-", "a\nb", "0"};
            q.text = kNeedles[rng() % std::size(kNeedles)];
            break;
        }
        case 2: q.pipeline = ws.pipelines[rng() % ws.pipelines.size()].meta.id; break;
        case 3: q.status_mask = uint8_t(1 + rng() % 15); q.value_min = 200'000; break;
        case 4: q.owners = {ws.team[rng() % ws.team.size()].meta.id, dd::kNoId}; break;
        default: q.close_from = dd::day_from_civil(2026, 3, 1); break;
        }
        std::vector<dd::SortKey> sort;
        for (int i = 0, n = int(rng() % 3); i < n; ++i) {
            dd::SortKey k = keys[rng() % keys.size()];
            k.descending = rng() % 2;
            sort.push_back(k);
        }
        return std::make_pair(q, sort);
    };

    std::mt19937 rng(5);
    int applied = 0;
    for (int step = 0; step < 400; ++step) {
        dd::Result<dd::Applied> r = (step % 17 == 16) ? s.store.undo(ctx)
                                  : (step % 29 == 28) ? s.store.redo(ctx)
                                                      : s.store.apply(editor.next(), ctx);
        if (!r.ok()) continue;
        ++applied;
        table.apply(r.value().changes);
        CAPTURE(step);
        REQUIRE(table.size() == s.store.workspace().deals.size());
        // A few random queries after every change (the ranks they use get repaired each time)...
        for (int i = 0; i < 2; ++i) {
            // Named references, not a structured binding: CAPTURE's lambda cannot capture one (clang, C++17).
            const auto query_and_sort = random_query(rng);
            const dd::DealQuery& q = query_and_sort.first;
            const std::vector<dd::SortKey>& sort = query_and_sort.second;
            std::string sorted_by;
            for (const dd::SortKey& k : sort) sorted_by += std::string(dd::to_string(k.column)) + (k.descending ? " desc " : " ");
            CAPTURE(q.text);
            CAPTURE(sorted_by);
            CHECK(table_ids(table, q, sort) == ids_of(dd::query_deals(s.store, q, sort)));
        }
        // ...and every sort column, against a table built from scratch, now and then.
        if (step % 40 == 0) {
            dd::DealTable fresh(s.store);
            for (dd::SortKey k : keys) {
                for (bool desc : {false, true}) {
                    k.descending = desc;
                    CAPTURE(dd::to_string(k.column));
                    CHECK(table_ids(table, {}, {k}) == table_ids(fresh, {}, {k}));
                }
            }
        }
    }
    CHECK(applied > 200);   // the sequence really edited the store
    dd::DealTable fresh(s.store);
    CHECK(table_ids(table, {}, {}) == table_ids(fresh, {}, {}));
    CHECK(table_ids(table, {}, {}) == ids_of(dd::query_deals(s.store, {}, {})));
}
