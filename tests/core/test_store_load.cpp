// Store::load builds the indexes the views read (store_indexes.cpp, rebuild): lanes in display
// order and each deal's history in time order, whatever order the loaded tables hold.
#include "core/sample_data.h"
#include "core/store.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <random>
#include <vector>

using namespace dd;

namespace {

constexpr Millis kNow = 1'790'000'000'000;

// The sample with its deals and history lines shuffled, and some lines given the time of another
// (equal times must keep their order in the table).
Workspace shuffled_sample(uint64_t seed) {
    Workspace ws = make_sample_workspace(seed, 400, kNow);
    std::mt19937 rng{uint32_t(seed)};
    std::shuffle(ws.deals.begin(), ws.deals.end(), rng);
    std::vector<DealChange> lines(ws.history.begin(), ws.history.end());
    std::shuffle(lines.begin(), lines.end(), rng);
    // Every deal's second line (in the shuffled table's order) gets the time of its first.
    std::map<Id, size_t> first_of_deal;
    std::map<Id, bool> tied;
    for (size_t i = 0; i < lines.size(); ++i) {
        DealChange& c = lines[i];
        auto [first, inserted] = first_of_deal.emplace(c.deal, i);
        if (inserted || tied[c.deal]) continue;
        tied[c.deal] = true;
        DealChange& earlier = lines[first->second];
        c.meta.created_at = earlier.meta.created_at;
        c.meta.updated_at = earlier.meta.updated_at = std::max(earlier.meta.updated_at, earlier.meta.created_at);
    }
    ws.history.clear();
    for (DealChange& c : lines) ws.history.push_back(std::move(c));
    return ws;
}

}  // namespace

TEST_CASE("Store::load: each deal's history is listed newest first, equal times in reverse table order, whatever the table's order") {
    const Workspace ws = shuffled_sample(5);
    // Expected: the deal's lines in table order, stably sorted by time, newest first.
    std::map<Id, std::vector<const DealChange*>> expected;
    for (const DealChange& c : ws.history) expected[c.deal].push_back(&c);
    size_t ties = 0;
    for (auto& [deal, lines] : expected) {
        std::stable_sort(lines.begin(), lines.end(),
                         [](const DealChange* a, const DealChange* b) { return a->meta.created_at < b->meta.created_at; });
        for (size_t i = 1; i < lines.size(); ++i) ties += lines[i]->meta.created_at == lines[i - 1]->meta.created_at;
        std::reverse(lines.begin(), lines.end());
    }
    REQUIRE(ties > 0);   // the case that needs the table order
    Store store;
    Status s = store.load(Workspace(ws));
    REQUIRE_MESSAGE(s.ok(), (s.ok() ? "" : s.error().text()));
    for (const auto& [deal, lines] : expected) {
        const std::vector<const DealChange*> got = store.history_of(deal);
        REQUIRE(got.size() == lines.size());
        for (size_t i = 0; i < got.size(); ++i) CHECK(got[i]->meta.id == lines[i]->meta.id);
    }
}

TEST_CASE("Store::load: every lane lists its deals by rank then id, whatever the deals table's order") {
    const Workspace ws = shuffled_sample(9);
    std::map<Id, std::vector<const Deal*>> expected;
    for (const Deal& d : ws.deals) expected[d.stage].push_back(&d);
    Store store;
    Status s = store.load(Workspace(ws));
    REQUIRE_MESSAGE(s.ok(), (s.ok() ? "" : s.error().text()));
    for (auto& [stage, deals] : expected) {
        std::sort(deals.begin(), deals.end(), [](const Deal* a, const Deal* b) {
            return a->rank != b->rank ? a->rank < b->rank : a->meta.id < b->meta.id;
        });
        const std::vector<const Deal*> lane = store.lane(stage);
        REQUIRE(lane.size() == deals.size());
        for (size_t i = 0; i < lane.size(); ++i) CHECK(lane[i]->meta.id == deals[i]->meta.id);
    }
}
