// check_workspace is the one implementation of the workspace invariants: the JSON loader runs it and
// Store::load runs it (validate_workspace). Every refusal either of the two former checkers made is
// here, on a workspace built in memory (so also the values the JSON reader refuses before the check:
// ids 0, currencies not A-Z, probabilities over 100, ...), each named by its JSON path; and Store::load
// refuses each one, keeping what it held.
#include "core/json_io.h"
#include "core/sample_data.h"
#include "core/store.h"

#include <doctest/doctest.h>

#include <functional>
#include <string>
#include <utility>
#include <vector>

using namespace dd;

namespace {

const Millis kNow = Millis(day_from_civil(2026, 3, 15)) * 86'400'000 + 12 * 3'600'000;

const Workspace& sample() {
    static const Workspace ws = make_sample_workspace(5, 200, kNow);
    return ws;
}

// The index of the first deal that satisfies pred (the test fails if there is none).
template <typename P>
size_t first_deal(const Workspace& ws, P pred) {
    for (size_t i = 0; i < ws.deals.size(); ++i)
        if (pred(ws.deals[i])) return i;
    FAIL("no such deal in the sample");
    return 0;
}

size_t first_open_deal(const Workspace& ws) {
    return first_deal(ws, [](const Deal& d) { return d.status == DealStatus::Open; });
}

const Stage* stage_of(const Workspace& ws, Id stage) {
    for (const Pipeline& p : ws.pipelines)
        for (const Stage& s : p.stages)
            if (s.id == stage) return &s;
    return nullptr;
}

const CustomFieldDef& field_of_type(const Workspace& ws, FieldType type) {
    for (const CustomFieldDef& f : ws.custom_fields)
        if (f.type == type) return f;
    FAIL("no such custom field in the sample");
    return ws.custom_fields[0];
}

std::string hex(Id id) { return id_to_string(id); }

struct Case {
    const char* what;
    std::function<void(Workspace&)> breaks;
    std::string error;  // the whole "path: message" text
};

std::vector<Case> cases() {
    const Workspace& s = sample();
    const size_t open = first_open_deal(s);
    const Id unknown = 0x0badc0ffee000001ULL;
    const Pipeline& p0 = s.pipelines[0];
    const size_t n0 = p0.stages.size();
    const size_t lost = first_deal(s, [](const Deal& d) { return d.status == DealStatus::Lost; });
    const CustomFieldDef& checkbox = field_of_type(s, FieldType::Checkbox);
    const CustomFieldDef& select = field_of_type(s, FieldType::SingleSelect);
    const std::string deal = "deals[" + std::to_string(open) + "]";
    return {
        // ---- settings ----
        {"base currency not A-Z", [](Workspace& w) { w.settings.base_currency.code = {{'u', 's', 'd'}}; },
         "settings.base_currency: expected a currency code of 3 capital letters"},
        {"rate currency not A-Z", [](Workspace& w) { w.settings.rates[0].currency.code = {{'E', '1', 'R'}}; },
         "settings.rates[0].currency: expected a currency code of 3 capital letters"},
        {"rate not positive", [](Workspace& w) { w.settings.rates[1].rate_ppm = 0; },
         "settings.rates[1].rate_ppm: must be greater than 0"},
        {"rate for the base currency", [](Workspace& w) { w.settings.rates[0].currency = w.settings.base_currency; },
         "settings.rates[0].currency: is the base currency"},
        {"two rates for a currency", [](Workspace& w) { w.settings.rates[1].currency = w.settings.rates[0].currency; },
         "settings.rates[1].currency: duplicate rate for EUR"},
        {"current user not in the team", [=](Workspace& w) { w.settings.current_user = unknown; },
         "settings.current_user: no team member with id " + hex(unknown)},
        // ---- ids ----
        {"record id missing", [](Workspace& w) { w.contacts[3].meta.id = kNoId; }, "contacts[3].id: is missing"},
        {"history id missing", [](Workspace& w) { w.history[2].meta.id = kNoId; }, "history[2].id: is missing"},
        {"stage id missing", [](Workspace& w) { w.pipelines[1].stages[0].id = kNoId; },
         "pipelines[1].stages[0].id: is missing"},
        {"record id used twice", [](Workspace& w) { w.deals[7].meta.id = w.deals[2].meta.id; },
         "deals[7].id: duplicate id " + hex(s.deals[2].meta.id) + " (also deals[2])"},
        {"team id used twice", [](Workspace& w) { w.team[3].meta.id = w.team[1].meta.id; },
         "team[3].id: duplicate id " + hex(s.team[1].meta.id) + " (also team[1])"},
        {"activity id used twice", [](Workspace& w) { w.activities[4].meta.id = w.activities[0].meta.id; },
         "activities[4].id: duplicate id " + hex(s.activities[0].meta.id) + " (also activities[0])"},
        {"note id used twice", [](Workspace& w) { w.notes[3].meta.id = w.notes[1].meta.id; },
         "notes[3].id: duplicate id " + hex(s.notes[1].meta.id) + " (also notes[1])"},
        {"history line id used twice", [](Workspace& w) { w.history[9].meta.id = w.history[4].meta.id; },
         "history[9].id: duplicate id " + hex(s.history[4].meta.id) + " (also history[4])"},
        {"history line id used twice, and a later one missing", [](Workspace& w) {
             w.history[6].meta.id = w.history[5].meta.id;
             w.history[8].meta.id = kNoId;
         },
         "history[6].id: duplicate id " + hex(s.history[5].meta.id) + " (also history[5])"},
        {"stage id used in two pipelines", [](Workspace& w) { w.pipelines[1].stages[0].id = w.pipelines[0].stages[0].id; },
         "pipelines[1].stages[0].id: duplicate stage id " + hex(p0.stages[0].id)},
        // ---- pipelines ----
        {"too few stages", [](Workspace& w) { w.pipelines[1].stages.erase(w.pipelines[1].stages.begin(), w.pipelines[1].stages.end() - 2); },
         "pipelines[1].stages: must hold the open stages, then one won stage, then one lost stage"},
        {"no lost stage", [](Workspace& w) { w.pipelines[0].stages.back().kind = StageKind::Open; },
         "pipelines[0].stages: must hold the open stages, then one won stage, then one lost stage"},
        {"won and lost swapped",
         [=](Workspace& w) { std::swap(w.pipelines[0].stages[n0 - 2], w.pipelines[0].stages[n0 - 1]); },
         "pipelines[0].stages[" + std::to_string(n0 - 2) + "].kind: expected won (the open stages, then one won stage, then one lost stage)"},
        {"won stage first", [=](Workspace& w) { std::swap(w.pipelines[0].stages[0], w.pipelines[0].stages[n0 - 2]); },
         "pipelines[0].stages[0].kind: expected open (the open stages, then one won stage, then one lost stage)"},
        {"probability over 100", [](Workspace& w) { w.pipelines[0].stages[1].probability = 101; },
         "pipelines[0].stages[1].probability: must be between 0 and 100"},
        {"won stage under 100 %", [=](Workspace& w) { w.pipelines[0].stages[n0 - 2].probability = 90; },
         "pipelines[0].stages[" + std::to_string(n0 - 2) + "].probability: a won stage has probability 100"},
        {"lost stage over 0 %", [=](Workspace& w) { w.pipelines[0].stages[n0 - 1].probability = 5; },
         "pipelines[0].stages[" + std::to_string(n0 - 1) + "].probability: a lost stage has probability 0"},
        {"negative idle days", [](Workspace& w) { w.pipelines[0].stages[2].idle_days = -1; },
         "pipelines[0].stages[2].idle_days: must be zero or more"},
        // ---- deals ----
        {"pipeline missing", [=](Workspace& w) { w.deals[open].pipeline = unknown; },
         deal + ".pipeline: no pipeline with id " + hex(unknown)},
        {"stage missing", [=](Workspace& w) { w.deals[open].stage = unknown; },
         deal + ".stage: no stage with id " + hex(unknown)},
        {"stage of another pipeline",
         [=](Workspace& w) {
             const Pipeline& other = w.pipelines[0].meta.id == w.deals[open].pipeline ? w.pipelines[1] : w.pipelines[0];
             w.deals[open].stage = other.stages[0].id;
         },
         ""},  // message checked below (it names both ids)
        {"status does not fit the stage", [=](Workspace& w) { w.deals[open].status = DealStatus::Won; },
         deal + ".status: a won deal cannot be in a open stage"},
        {"lost deal in an open stage",
         [=](Workspace& w) {
             for (const Pipeline& p : w.pipelines)
                 if (p.meta.id == w.deals[lost].pipeline) w.deals[lost].stage = p.stages[0].id;
         },
         "deals[" + std::to_string(lost) + "].status: a lost deal cannot be in a open stage"},
        {"negative value", [=](Workspace& w) { w.deals[open].value = -1; }, deal + ".value: must not be negative"},
        {"currency not A-Z", [=](Workspace& w) { w.deals[open].currency.code = {{'U', 'S', '$'}}; },
         deal + ".currency: expected a currency code of 3 capital letters"},
        {"currency without a rate", [=](Workspace& w) { parse_currency("CHF", w.deals[open].currency); },
         deal + ".currency: no exchange rate for CHF in settings.rates"},
        {"no contact", [=](Workspace& w) { w.deals[open].contacts.clear(); },
         deal + ".contacts: a deal needs at least one contact"},
        {"contact missing", [=](Workspace& w) { w.deals[open].contacts.push_back(unknown); },
         deal + ".contacts[" + std::to_string(s.deals[open].contacts.size()) + "]: no contact with id " + hex(unknown)},
        {"owner missing", [=](Workspace& w) { w.deals[open].owner = unknown; },
         deal + ".owner: no team member with id " + hex(unknown)},
        {"company missing", [=](Workspace& w) { w.deals[open].company = unknown; },
         deal + ".company: no company with id " + hex(unknown)},
        {"probability override out of range", [=](Workspace& w) { w.deals[open].probability_override = 101; },
         deal + ".probability_override: must be between 0 and 100 (or null)"},
        {"probability override below unset", [=](Workspace& w) { w.deals[open].probability_override = -2; },
         deal + ".probability_override: must be between 0 and 100 (or null)"},
        {"lost reason missing", [=](Workspace& w) { w.deals[open].lost_reason = unknown; },
         deal + ".lost_reason: no lost reason with id " + hex(unknown)},
        {"external ref used twice",
         [](Workspace& w) { w.deals[3].external_ref = "X-1"; w.deals[9].external_ref = "X-1"; },
         "deals[9].external_ref: \"X-1\" is already used by deals[3]"},
        {"custom field missing", [=](Workspace& w) { w.deals[open].custom = {CustomValue{unknown, "", 0}}; },
         deal + ".custom[0].field: no custom field with id " + hex(unknown)},
        {"custom field twice",
         [=](Workspace& w) { w.deals[open].custom = {CustomValue{checkbox.meta.id, "", 1}, CustomValue{checkbox.meta.id, "", 0}}; },
         deal + ".custom[1].field: duplicate value for this field"},
        {"checkbox not 0/1", [=](Workspace& w) { w.deals[open].custom = {CustomValue{checkbox.meta.id, "", 2}}; },
         deal + ".custom[0].number: a checkbox value is 0 or 1"},
        {"select value not an option", [=](Workspace& w) { w.deals[open].custom = {CustomValue{select.meta.id, "Galaxy", 0}}; },
         deal + ".custom[0].text: \"Galaxy\" is not an option of " + select.name},
        // ---- people and timeline ----
        {"contact's company missing", [=](Workspace& w) { w.contacts[4].company = unknown; },
         "contacts[4].company: no company with id " + hex(unknown)},
        {"activity's deal missing", [=](Workspace& w) { w.activities[1].deal = unknown; },
         "activities[1].deal: no deal with id " + hex(unknown)},
        {"activity's contact missing", [=](Workspace& w) { w.activities[1].contacts = {w.contacts[0].meta.id, unknown}; },
         "activities[1].contacts[1]: no contact with id " + hex(unknown)},
        {"note of nothing", [](Workspace& w) { w.notes[2].deal = w.notes[2].contact = kNoId; },
         "notes[2]: a note belongs to a deal or a contact"},
        {"note's deal missing", [=](Workspace& w) { w.notes[2].deal = unknown; },
         "notes[2].deal: no deal with id " + hex(unknown)},
        {"note's contact missing", [=](Workspace& w) { w.notes[2].contact = unknown; },
         "notes[2].contact: no contact with id " + hex(unknown)},
        {"history's deal missing", [=](Workspace& w) { w.history[5].deal = unknown; },
         "history[5].deal: no deal with id " + hex(unknown)},
    };
}

}  // namespace

TEST_CASE("check_workspace accepts the sample and names every broken rule by its JSON path") {
    REQUIRE(check_workspace(sample()).ok());
    for (const Case& c : cases()) {
        CAPTURE(c.what);
        Workspace ws = sample();
        c.breaks(ws);
        const Status s = check_workspace(ws);
        REQUIRE_FALSE(s.ok());
        if (!c.error.empty()) CHECK(s.error().text() == c.error);
    }
}

TEST_CASE("a deal's stage must belong to the deal's pipeline") {
    Workspace ws = sample();
    const size_t d = first_open_deal(ws);
    const Pipeline& other = ws.pipelines[0].meta.id == ws.deals[d].pipeline ? ws.pipelines[1] : ws.pipelines[0];
    ws.deals[d].stage = other.stages[0].id;
    REQUIRE(stage_of(ws, ws.deals[d].stage) != nullptr);
    const Status s = check_workspace(ws);
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().text() == "deals[" + std::to_string(d) + "].stage: stage " + hex(other.stages[0].id) +
                                  " is not in the deal's pipeline " + hex(ws.deals[d].pipeline));
}

TEST_CASE("Store::load refuses every broken workspace with the same error and keeps what it held") {
    Store store;
    REQUIRE(store.load(sample()).ok());
    const std::string before = save_workspace_json(store.workspace());
    for (const Case& c : cases()) {
        CAPTURE(c.what);
        Workspace ws = sample();
        c.breaks(ws);
        const Status expected = check_workspace(ws);
        const Status s = store.load(std::move(ws));
        REQUIRE_FALSE(s.ok());
        CHECK(s.error().text() == expected.error().text());
    }
    CHECK(save_workspace_json(store.workspace()) == before);
}

TEST_CASE("removed team members may still be named where the workspace keeps history") {
    Workspace ws = sample();
    const Id gone = 0x0badc0ffee000002ULL;
    ws.notes[0].author = gone;
    ws.history[0].actor = gone;
    ws.activities[0].owner = gone;
    ws.deals[first_deal(ws, [](const Deal& d) { return d.status == DealStatus::Won; })].closed_by = gone;
    CHECK(check_workspace(ws).ok());
}

TEST_CASE("external refs: many distinct ones pass; a repeat is named by the later deal, however far apart") {
    Workspace ws = make_sample_workspace(8, 3000, kNow);
    for (size_t d = 0; d < ws.deals.size(); ++d) ws.deals[d].external_ref = "REF-" + std::to_string(d * 7);
    ws.deals[17].external_ref = "";  // empty refs never clash
    ws.deals[18].external_ref = "";
    REQUIRE(check_workspace(ws).ok());
    // Refs that differ only in their last byte, or by a prefix, are different refs.
    ws.deals[20].external_ref = "REF-1";
    ws.deals[21].external_ref = "REF-";
    REQUIRE(check_workspace(ws).ok());

    ws.deals[2900].external_ref = "REF-" + std::to_string(40 * 7);  // deal 40's
    ws.deals[2950].external_ref = "REF-" + std::to_string(10 * 7);  // deal 10's
    Status s = check_workspace(ws);
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().text() == "deals[2900].external_ref: \"REF-280\" is already used by deals[40]");
    Store store;
    REQUIRE_FALSE(store.load(ws).ok());
}
