// A small workspace built through commands (the path the app takes), shared by the store tests.
#pragma once
#include "core/commands.h"
#include "core/ids.h"
#include "core/store.h"
#include "test_json_equal.h"   // field-by-field equality of records (B's helper, reused read-only)
#include <doctest/doctest.h>
#include <algorithm>

namespace dd::test {

constexpr Millis kT0 = 1'763'900'000'000;   // 2025-11-23

// The workspace with revisions/updated_at zeroed, vectors sorted by id and tombstones dropped:
// what "the same content" means after an undo (undo bumps revisions and leaves tombstones).
inline Workspace canonical(Workspace ws) {
    auto by_id = [](auto& v) {
        std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.meta.id < b.meta.id; });
        for (auto& r : v) {
            r.meta.revision = 0;
            r.meta.updated_at = 0;
        }
    };
    by_id(ws.pipelines);
    by_id(ws.deals);
    by_id(ws.contacts);
    by_id(ws.companies);
    by_id(ws.team);
    by_id(ws.activities);
    by_id(ws.notes);
    by_id(ws.history);
    by_id(ws.custom_fields);
    by_id(ws.lost_reasons);
    ws.settings.revision = 0;
    ws.settings.updated_at = 0;
    ws.tombstones.clear();
    return ws;
}

inline bool same_content(const Workspace& x, const Workspace& y) {
    Workspace a = canonical(x), b = canonical(y);
    return a.settings == b.settings && a.pipelines == b.pipelines && a.deals == b.deals && a.contacts == b.contacts &&
           a.companies == b.companies && a.team == b.team && a.activities == b.activities && a.notes == b.notes &&
           a.history == b.history && a.custom_fields == b.custom_fields && a.lost_reasons == b.lost_reasons;
}

// Exactly equal, vector order included (a refused command must not even reorder).
inline bool identical(const Workspace& a, const Workspace& b) {
    return a.settings == b.settings && a.pipelines == b.pipelines && a.deals == b.deals && a.contacts == b.contacts &&
           a.companies == b.companies && a.team == b.team && a.activities == b.activities && a.notes == b.notes &&
           a.history == b.history && a.custom_fields == b.custom_fields && a.lost_reasons == b.lost_reasons &&
           a.tombstones == b.tombstones;
}

struct World {
    IdGenerator ids{7};
    Store store{11};
    Millis now = kT0;
    Id admin = 0, manager = 0, viewer = 0;
    Id pipeline = 0, lead = 0, proposal = 0, negotiation = 0, won = 0, lost = 0;
    Id acme = 0, alice = 0, bob = 0, carol = 0;
    Id too_expensive = 0;
    Id tier_field = 0;

    CommandContext ctx(Id actor = kNoId) {
        now += 1000;
        return CommandContext{actor == kNoId ? admin : actor, now};
    }

    Applied ok(const Command& c, Id actor = kNoId) {
        auto r = store.apply(c, ctx(actor));
        if (!r) FAIL_CHECK("refused: " << r.error().text());
        REQUIRE(r.ok());
        return r.value();
    }

    // Applies a command expected to be refused; checks the store is untouched and returns the error.
    Error refused(const Command& c, Id actor = kNoId) {
        const Workspace before = store.workspace();
        const std::string undo_before = store.undo_label();
        auto r = store.apply(c, ctx(actor));
        REQUIRE_FALSE(r.ok());
        CHECK(identical(before, store.workspace()));
        CHECK(store.undo_label() == undo_before);
        return r.error();
    }

    explicit World(bool with_team = true) {
        Stage l{ids.next(), "Lead", 10, 0x3366cc, 7, StageKind::Open};
        Stage p{ids.next(), "Proposal", 50, 0x33cc66, 14, StageKind::Open};
        Stage n{ids.next(), "Negotiation", 80, 0xcc9933, 0, StageKind::Open};
        lead = l.id;
        proposal = p.id;
        negotiation = n.id;
        won = ids.next();
        lost = ids.next();
        pipeline = ids.next();
        CommandContext first{kNoId, now};
        REQUIRE(store.apply(CreatePipeline{pipeline, "Sales", {l, p, n}, won, lost}, first).ok());
        if (with_team) {
            admin = ids.next();
            manager = ids.next();
            viewer = ids.next();
            REQUIRE(store.apply(AddTeamMember{TeamMember{{admin}, "Ada Admin", "ada@example.com", Role::Admin}}, first).ok());
            ok(AddTeamMember{TeamMember{{manager}, "Max Manager", "max@example.com", Role::Manager}});
            ok(AddTeamMember{TeamMember{{viewer}, "Vic Viewer", "vic@example.com", Role::Viewer}});
        }
        acme = ids.next();
        ok(CreateCompany{Company{{acme}, "Acme", "acme.test", 120}});
        alice = ids.next();
        bob = ids.next();
        carol = ids.next();
        ok(CreateContact{Contact{{alice}, "Alice Smith", "alice@acme.test", "", acme}});
        ok(CreateContact{Contact{{bob}, "Bob Jones", "bob@example.com", "", kNoId}});
        ok(CreateContact{Contact{{carol}, "Carol White", "", "", acme}});
        too_expensive = ids.next();
        ok(AddLostReason{LostReason{{too_expensive}, "Too expensive", 0}});
        tier_field = ids.next();
        CustomFieldDef tier;
        tier.meta.id = tier_field;
        tier.name = "Tier";
        tier.type = FieldType::SingleSelect;
        tier.options = {"Gold", "Silver"};
        ok(AddCustomField{tier});
    }

    Deal draft(const std::string& title, Id stage, Money value = 100000, std::vector<Id> contacts = {}) {
        Deal d;
        d.meta.id = ids.next();
        d.title = title;
        d.value = value;
        d.stage = stage;
        d.owner = manager;
        d.contacts = contacts.empty() ? std::vector<Id>{alice} : contacts;
        d.company = acme;
        return d;
    }

    Id deal(const std::string& title, Id stage = 0, Money value = 100000, std::vector<Id> contacts = {}) {
        Deal d = draft(title, stage ? stage : lead, value, std::move(contacts));
        ok(CreateDeal{d, std::nullopt, std::nullopt});
        return d.meta.id;
    }

    const Deal& get(Id id) {
        const Deal* d = store.find_deal(id);
        REQUIRE(d != nullptr);
        return *d;
    }

    std::vector<std::string> lane_titles(Id stage) {
        std::vector<std::string> out;
        for (size_t i = 0; i < store.lane_size(stage); ++i) out.push_back(store.lane_at(stage, i).title);
        return out;
    }
};

}  // namespace dd::test
