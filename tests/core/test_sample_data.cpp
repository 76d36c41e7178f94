// The sample workspace: deterministic, realistic, and valid for the store.
#include "core/json_io.h"
#include "core/sample_data.h"
#include "core/store.h"

#include <doctest/doctest.h>

#include <set>
#include <string>

using namespace dd;

namespace {
const Millis kNow = Millis(day_from_civil(2026, 3, 15)) * 86'400'000 + 9 * 3'600'000;
}

TEST_CASE("the same seed gives the same bytes; another seed gives other data") {
    const std::string a = save_workspace_json(make_sample_workspace(1234, 500, kNow));
    CHECK(a == save_workspace_json(make_sample_workspace(1234, 500, kNow)));
    CHECK(a != save_workspace_json(make_sample_workspace(1235, 500, kNow)));
}

// core_tests runs natively (GCC) and as WASM (clang, 32-bit): both must see the same workspace, so
// the native and WASM benchmarks measure the same data. The fingerprint covers the fields the
// generator rolls dice for; an unsequenced pair of rolls in one expression changed it under clang.
TEST_CASE("the sample is the same on every platform (fingerprint of its rolled fields)") {
    const Workspace ws = make_sample_workspace(7, 3000, 1'773'576'000'000);
    uint64_t h = 1469598103934665603ULL;   // FNV-1a
    auto mix = [&h](const void* data, size_t n) {
        const auto* c = static_cast<const unsigned char*>(data);
        for (size_t i = 0; i < n; ++i) h = (h ^ c[i]) * 1099511628211ULL;
    };
    auto mix_text = [&mix](std::string_view s) { mix(s.data(), s.size()); };
    auto mix_int = [&mix](int64_t v) { mix(&v, sizeof v); };
    for (const Deal& d : ws.deals) {
        mix_text(d.title), mix_int(d.value), mix_int(int64_t(d.stage)), mix_int(d.meta.created_at);
        mix_text(std::string_view(d.description));
        for (Id c : d.contacts) mix_int(int64_t(c));
    }
    for (const Contact& c : ws.contacts) mix_text(c.name), mix_text(c.phone), mix_int(c.meta.created_at);
    for (const Company& c : ws.companies) mix_text(c.name);
    for (const Activity& a : ws.activities) mix_int(a.due_at);
    CHECK(ws.deals.size() == 3000);
    CHECK(h == 0x5b6a3b9b4e883155ULL);
}

TEST_CASE("the sample has the pipelines, team, settings and lists the demo relies on") {
    const Workspace ws = make_sample_workspace(42, 400, kNow);
    REQUIRE(ws.pipelines.size() == 2);
    CHECK(ws.pipelines[0].name == "New business");
    CHECK(ws.pipelines[1].name == "Renewals");
    CHECK(ws.pipelines[0].stages.size() == 6 + 2);
    CHECK(ws.pipelines[1].stages.size() == 3 + 2);
    for (const Pipeline& p : ws.pipelines) {
        int previous = -1;
        for (size_t i = 0; i + 2 < p.stages.size(); ++i) {
            CHECK(p.stages[i].probability > previous);  // probabilities rise along the board
            previous = p.stages[i].probability;
            CHECK(p.stages[i].color != 0);
        }
    }
    CHECK(ws.team.size() == 8);
    size_t admins = 0, viewers = 0;
    for (const TeamMember& m : ws.team) {
        admins += m.role == Role::Admin;
        viewers += m.role == Role::Viewer;
        CHECK(m.email.find('@') != std::string::npos);
    }
    CHECK(admins == 1);
    CHECK(viewers == 1);
    CHECK(ws.settings.current_user == ws.team[0].meta.id);
    CHECK(ws.settings.base_currency.view() == "USD");
    CHECK(ws.settings.rates.size() >= 3);
    std::set<FieldType> types;
    for (const CustomFieldDef& f : ws.custom_fields) types.insert(f.type);
    CHECK(types.size() == 5);  // one of each type
    CHECK(ws.lost_reasons.size() >= 4);
}

TEST_CASE("deals are spread over stages, statuses, currencies and dates around now") {
    const size_t n = 2000;
    const Workspace ws = make_sample_workspace(42, n, kNow);
    REQUIRE(ws.deals.size() == n);
    CHECK(ws.companies.size() == n / 5);
    CHECK(ws.contacts.size() >= 2 * ws.companies.size());
    std::set<Id> stages;
    std::set<std::string> currencies;
    size_t by_status[4] = {};
    size_t before_now = 0, after_now = 0, with_custom = 0;
    const Day today = Day(kNow / 86'400'000);
    for (const Deal& d : ws.deals) {
        stages.insert(d.stage);
        currencies.insert(std::string(d.currency.view()));
        ++by_status[size_t(d.status)];
        if (d.expected_close != kNoDay) (d.expected_close < today ? before_now : after_now)++;
        with_custom += !d.custom.empty();
        CHECK(d.value > 0);
        CHECK(!d.title.empty());
        CHECK(!d.contacts.empty());
    }
    CHECK(stages.size() == 13);  // every stage of both pipelines holds deals
    CHECK(currencies.size() >= 4);
    for (size_t s = 0; s < 4; ++s) CHECK(by_status[s] > 0);
    CHECK(by_status[size_t(DealStatus::Open)] > n / 2);
    CHECK(before_now > n / 10);
    CHECK(after_now > n / 3);
    CHECK(with_custom > n / 2);
    CHECK(ws.activities.size() > n / 3);
    CHECK(ws.notes.size() > n / 5);
    CHECK(ws.history.size() >= n);
}

TEST_CASE("names, emails and domains look plausible") {
    const Workspace ws = make_sample_workspace(9, 100, kNow);
    for (const Company& c : ws.companies) {
        CHECK(c.name.find(' ') != std::string::npos);
        CHECK(c.domain.find('.') != std::string::npos);
    }
    for (const Contact& c : ws.contacts) {
        const size_t at = c.email.find('@');
        REQUIRE(at != std::string::npos);
        CHECK(c.company != kNoId);
        CHECK(c.name.find(' ') != std::string::npos);
    }
}

TEST_CASE("every record of the sample passes the loader's integrity check") {
    for (uint64_t seed : {1ull, 2ull, 99ull}) {
        const Workspace ws = make_sample_workspace(seed, 1000, kNow);
        Status s = check_workspace(ws);
        CHECK_MESSAGE(s.ok(), (s.ok() ? "" : s.error().text()));
    }
}

TEST_CASE("the store takes the sample as it is, and its JSON round trip") {
    Workspace ws = make_sample_workspace(77, 3000, kNow);
    const std::string saved = save_workspace_json(ws);
    Store store;
    Status s = store.load(std::move(ws));
    REQUIRE_MESSAGE(s.ok(), (s.ok() ? "" : s.error().text()));
    CHECK(store.workspace().deals.size() == 3000);
    Result<Workspace> loaded = load_workspace_json(saved);
    REQUIRE(loaded.ok());
    Store again;
    s = again.load(std::move(loaded.value()));
    CHECK_MESSAGE(s.ok(), (s.ok() ? "" : s.error().text()));
    CHECK(save_workspace_json(again.workspace()) == saved);
}
