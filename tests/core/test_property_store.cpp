// Property test: thousands of random commands with random undo/redo; after every step the
// store's indexes and lane aggregates must equal a full recount from the plain workspace data.
#include "test_store_fixture.h"
#include <map>
#include <random>
#include <set>

using namespace dd;
using namespace dd::test;

namespace {

// Recounts everything from `truth` (plain data) and compares with what the store's indexes say.
// Returns "" when they agree, else a description of the first difference.
std::string index_mismatch(const Store& store, const Workspace& truth) {
    std::map<Id, const Stage*> stages;
    for (const Pipeline& p : truth.pipelines)
        for (const Stage& s : p.stages) stages[s.id] = &s;
    std::map<Id, std::vector<const Deal*>> lanes;
    for (const Deal& d : truth.deals) lanes[d.stage].push_back(&d);
    size_t listed = 0;
    for (const auto& entry : stages) {
        const Id stage = entry.first;
        auto expected = lanes[stage];
        std::sort(expected.begin(), expected.end(), [](const Deal* a, const Deal* b) {
            return a->rank != b->rank ? a->rank < b->rank : a->meta.id < b->meta.id;
        });
        auto actual = store.lane(stage);
        listed += actual.size();
        if (actual.size() != expected.size()) return "lane size of " + entry.second->name;
        for (size_t i = 0; i < actual.size(); ++i)
            if (actual[i]->meta.id != expected[i]->meta.id) return "lane order of " + entry.second->name;
        LaneTotals want[4];
        for (const Deal* d : expected) {
            int prob = d->status == DealStatus::Won ? 100
                       : d->status == DealStatus::Lost ? 0
                       : d->probability_override >= 0 ? d->probability_override
                                                      : entry.second->probability;
            Money base = store.to_base(d->value, d->currency);
            LaneTotals& t = want[size_t(d->status)];
            t.count += 1;
            t.total += base;
            t.weighted_x100 += base * prob;
        }
        for (int s = 0; s < 4; ++s)
            if (!(store.lane_totals(stage, DealStatus(s)) == want[s]))
                return "totals of " + entry.second->name + " (" + to_string(DealStatus(s)) + ")";
    }
    if (listed != truth.deals.size()) return "deals outside any lane";
    std::map<Id, std::set<Id>> by_owner, by_contact, by_company, contacts_by_company, activities_by_deal, notes_by_deal;
    std::map<Id, size_t> history, contact_links;
    std::set<std::string> refs;
    for (const Deal& d : truth.deals) {
        if (d.owner) by_owner[d.owner].insert(d.meta.id);
        if (d.company) by_company[d.company].insert(d.meta.id);
        for (Id c : d.contacts) {
            by_contact[c].insert(d.meta.id);
            contact_links[c] += 1;
        }
        if (!d.external_ref.empty()) {
            refs.insert(d.external_ref);
            const Deal* found = store.find_deal_by_ref(d.external_ref);
            if (!found || found->meta.id != d.meta.id) return "external ref " + d.external_ref;
        }
    }
    for (const DealChange& c : truth.history) history[c.deal] += 1;
    for (const Contact& c : truth.contacts)
        if (c.company) contacts_by_company[c.company].insert(c.meta.id);
    for (const Activity& a : truth.activities)
        if (a.deal) activities_by_deal[a.deal].insert(a.meta.id);
    for (const Note& n : truth.notes)
        if (n.deal) notes_by_deal[n.deal].insert(n.meta.id);
    // References no deal holds are not found (the property test draws them from R0..R49).
    for (int i = 0; i < 50; ++i) {
        const std::string ref = "R" + std::to_string(i);
        if (!refs.count(ref) && store.find_deal_by_ref(ref)) return "external ref " + ref + " found but unused";
    }
    auto as_set = [](const std::vector<Id>& v) { return std::set<Id>(v.begin(), v.end()); };
    // Each member listed once (a set would hide a member listed twice).
    auto listed_once = [&](const std::vector<Id>& v, const std::set<Id>& want) { return v.size() == want.size() && as_set(v) == want; };
    auto record_ids = [](const auto& records) {
        std::vector<Id> out;
        for (const auto* r : records) out.push_back(r->meta.id);
        return out;
    };
    for (const TeamMember& m : truth.team)
        if (as_set(store.deals_of_owner(m.meta.id)) != by_owner[m.meta.id]) return "deals of owner " + m.name;
    for (const Contact& c : truth.contacts) {
        if (as_set(store.deals_of_contact(c.meta.id)) != by_contact[c.meta.id]) return "deals of contact " + c.name;
        if (store.deals_of_contact(c.meta.id).size() != contact_links[c.meta.id]) return "deal links of contact " + c.name;
        if (store.deal_count_of_contact(c.meta.id) != contact_links[c.meta.id]) return "deal count of contact " + c.name;
    }
    for (const Company& c : truth.companies) {
        if (!listed_once(store.deals_of_company(c.meta.id), by_company[c.meta.id])) return "deals of company " + c.name;
        if (!listed_once(store.contacts_of_company(c.meta.id), contacts_by_company[c.meta.id]))
            return "contacts of company " + c.name;
    }
    for (const Deal& d : truth.deals) {
        if (!listed_once(record_ids(store.activities_of(d.meta.id)), activities_by_deal[d.meta.id])) return "activities of " + d.title;
        if (!listed_once(record_ids(store.notes_of(d.meta.id)), notes_by_deal[d.meta.id])) return "notes of " + d.title;
    }
    for (const Deal& d : truth.deals) {
        const std::vector<const DealChange*> lines = store.history_of(d.meta.id);
        if (lines.size() != history[d.meta.id]) return "history of " + d.title;
        // Each line once, each the deal's own, newest first.
        std::set<Id> seen;
        for (size_t i = 0; i < lines.size(); ++i) {
            if (lines[i]->deal != d.meta.id || !seen.insert(lines[i]->meta.id).second) return "history lines of " + d.title;
            if (i > 0 && lines[i - 1]->meta.created_at < lines[i]->meta.created_at) return "history order of " + d.title;
        }
    }
    return "";
}

template <typename T>
const T& pick(std::mt19937_64& rng, const std::vector<T>& v) {
    return v[std::uniform_int_distribution<size_t>(0, v.size() - 1)(rng)];
}

}  // namespace

TEST_CASE("the recount detects a broken aggregate, order or index") {
    World w;
    Id a = w.deal("A", w.lead, 100000);
    w.deal("B", w.lead, 50000);
    CHECK(index_mismatch(w.store, w.store.workspace()) == "");
    Workspace wrong_value = w.store.workspace();
    for (Deal& d : wrong_value.deals)
        if (d.meta.id == a) d.value += 1;
    CHECK(index_mismatch(w.store, wrong_value).find("totals of Lead") == 0);
    Workspace wrong_order = w.store.workspace();
    for (Deal& d : wrong_order.deals)
        if (d.meta.id == a) d.rank += int64_t(1) << 30;   // past the next deal (ranks are spaced 2^20 apart)
    CHECK(index_mismatch(w.store, wrong_order) == "lane order of Lead");
    Workspace wrong_owner = w.store.workspace();
    for (Deal& d : wrong_owner.deals)
        if (d.meta.id == a) d.owner = w.admin;
    CHECK(index_mismatch(w.store, wrong_owner).find("deals of owner") == 0);
}

TEST_CASE("random commands with random undo/redo keep every index equal to a recount") {
    World w;
    std::mt19937_64 rng(20261123);
    Currency eur, gbp;
    parse_currency("EUR", eur);
    parse_currency("GBP", gbp);
    w.ok(SetExchangeRate{eur, 1'100'000});
    w.ok(SetExchangeRate{gbp, 1'300'000});
    const Workspace start = w.store.workspace();
    const size_t start_depth = w.store.undo_depth();
    std::vector<Id> contacts{w.alice, w.bob, w.carol};
    std::vector<Id> owners{w.admin, w.manager, kNoId};
    std::vector<Currency> currencies{Currency{}, eur, gbp};
    size_t applied = 0, refused = 0, undos = 0, redos = 0;
    const int kSteps = 3000;
    for (int step = 0; step < kSteps; ++step) {
        const auto& deals = w.store.workspace().deals;
        std::vector<Id> stage_ids;
        for (const Pipeline& p : w.store.workspace().pipelines)
            for (const Stage& s : p.stages) stage_ids.push_back(s.id);
        auto any_deal = [&]() { return deals.empty() || rng() % 50 == 0 ? w.ids.next() : pick(rng, deals).meta.id; };
        contacts.clear();   // the live contacts (deletes and undos change them)
        for (const Contact& c : w.store.workspace().contacts) contacts.push_back(c.meta.id);
        const Id company = w.store.find_company(w.acme) ? w.acme : kNoId;
        // One to three distinct contacts: a deal's first two contacts and the later ones are indexed apart.
        auto some_contacts = [&]() {
            std::vector<Id> out{pick(rng, contacts)};
            for (size_t n = rng() % 3; n > 0; --n) {
                const Id c = pick(rng, contacts);
                if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
            }
            return out;
        };
        const int roll = int(rng() % 100);
        Command cmd = RenameWorkspace{"x"};
        if (roll < 8 && w.store.undo_depth() > start_depth) {   // never undo the setup
            ++undos;
            REQUIRE(w.store.undo(w.ctx()).ok());
        } else if (roll < 12 && w.store.can_redo()) {
            ++redos;
            REQUIRE(w.store.redo(w.ctx()).ok());
        } else {
            if (roll < 30) {
                Deal d = w.draft("D" + std::to_string(step), pick(rng, stage_ids), Money(rng() % 1'000'000),
                                 some_contacts());
                d.currency = pick(rng, currencies);
                d.company = company;
                d.owner = pick(rng, owners);
                d.probability_override = rng() % 4 == 0 ? int8_t(rng() % 101) : int8_t(-1);
                if (rng() % 5 == 0) d.external_ref = "R" + std::to_string(rng() % 50);
                cmd = CreateDeal{d, std::nullopt, std::nullopt};
            } else if (roll < 60) {
                Id before = kNoId;
                Id to = pick(rng, stage_ids);
                if (rng() % 2 && w.store.lane_size(to) > 0)
                    before = w.store.lane_at(to, rng() % w.store.lane_size(to)).meta.id;
                cmd = MoveDeal{any_deal(), to, before, rng() % 2 ? w.too_expensive : kNoId, ""};
            } else if (roll < 68) {
                DealPatch p;
                if (rng() % 2) p.value = Money(rng() % 500'000);
                if (rng() % 2) p.owner = pick(rng, owners);
                if (rng() % 3 == 0) p.currency = pick(rng, currencies);
                if (rng() % 3 == 0) p.contacts = some_contacts();
                if (rng() % 4 == 0) p.external_ref = "R" + std::to_string(rng() % 50);
                if (rng() % 4 == 0) p.probability_override = int8_t(int(rng() % 102) - 1);
                cmd = UpdateDeal{any_deal(), p};
            } else if (roll < 72) {
                DealPatch p;
                p.owner = pick(rng, owners);
                cmd = BulkUpdateDeals{{any_deal(), any_deal()}, p};
            } else if (roll < 78) {
                cmd = SetDealStatus{any_deal(), DealStatus(rng() % 4), kNoId, "", kNoId};
            } else if (roll < 82) {
                cmd = DeleteDeals{{any_deal()}};
            } else if (roll < 83) {
                cmd = DeleteContact{pick(rng, contacts)};
            } else if (roll < 86) {
                cmd = CreateContact{Contact{{w.ids.next()}, "C" + std::to_string(step), "", "", rng() % 2 ? company : kNoId}};
            } else if (roll < 88) {
                cmd = UpdateStage{pick(rng, stage_ids), std::nullopt, uint8_t(rng() % 101), std::nullopt, std::nullopt};
            } else if (roll < 90) {
                cmd = SetExchangeRate{rng() % 2 ? eur : gbp, int64_t(500'000 + rng() % 1'000'000)};
            } else if (roll < 92) {
                cmd = AddStage{w.pipeline, Stage{w.ids.next(), "S" + std::to_string(step), uint8_t(rng() % 101), 0, 0, StageKind::Open}, -1};
            } else if (roll < 94) {
                cmd = DeleteStage{pick(rng, stage_ids), rng() % 3 ? pick(rng, stage_ids) : kNoId};
            } else if (roll < 98) {
                // Duplicates, and the timeline and contact edits that move records between groups.
                const Workspace& now = w.store.workspace();
                const int sub = int(rng() % 8);
                if (sub == 0) {
                    cmd = DuplicateDeal{any_deal(), w.ids.next()};
                } else if (sub == 1 || (sub == 2 && now.notes.empty())) {
                    cmd = AddNote{Note{{w.ids.next()}, any_deal(), rng() % 4 ? kNoId : pick(rng, contacts), "n", kNoId}};
                } else if (sub == 2) {
                    cmd = DeleteNote{pick(rng, now.notes).meta.id};
                } else if (sub == 3 || now.activities.empty()) {
                    Activity a;
                    a.meta.id = w.ids.next();
                    a.subject = "A" + std::to_string(step);
                    a.deal = rng() % 4 ? any_deal() : kNoId;
                    a.contacts = {pick(rng, contacts)};
                    cmd = CreateActivity{a};
                } else if (sub == 4) {
                    ActivityPatch p;
                    p.deal = rng() % 3 ? any_deal() : kNoId;
                    cmd = UpdateActivity{pick(rng, now.activities).meta.id, p};
                } else if (sub == 5) {
                    cmd = DeleteActivity{pick(rng, now.activities).meta.id};
                } else {
                    ContactPatch p;
                    p.company = rng() % 2 ? company : kNoId;
                    if (rng() % 2) p.name = "C" + std::to_string(step);
                    cmd = UpdateContact{pick(rng, contacts), p};
                }
            } else if (company != kNoId) {
                cmd = DeleteCompany{w.acme};
            } else {
                cmd = CreateCompany{Company{{w.acme}, "Acme again", "", 0}};
            }
            const Workspace before = w.store.workspace();
            auto r = w.store.apply(cmd, w.ctx());
            if (r.ok()) {
                ++applied;
            } else {
                ++refused;
                REQUIRE(identical(before, w.store.workspace()));
            }
        }
        const std::string mismatch = index_mismatch(w.store, w.store.workspace());
        if (!mismatch.empty()) FAIL("step " << step << ": " << mismatch);
        // Loaded afresh (a start-up), the same data gets the same indexes: Store::load builds
        // them in passes of its own (lanes sorted at once, totals summed in table order).
        if (step % 250 == 0) {
            Store loaded;
            REQUIRE(loaded.load(w.store.workspace()).ok());
            const std::string load_mismatch = index_mismatch(loaded, w.store.workspace());
            if (!load_mismatch.empty()) FAIL("loaded at step " << step << ": " << load_mismatch);
        }
    }
    MESSAGE("applied " << applied << ", refused " << refused << ", undos " << undos << ", redos " << redos);
    CHECK(applied > kSteps / 3);
    CHECK(refused > 0);
    // Undo everything back to the start: the content is what it was.
    while (w.store.undo_depth() > start_depth) REQUIRE(w.store.undo(w.ctx()).ok());
    CHECK(same_content(start, w.store.workspace()));
    CHECK(index_mismatch(w.store, w.store.workspace()) == "");
}
