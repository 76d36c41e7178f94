// Field-by-field equality of model records for the JSON tests, written independently of the
// JSON field tables (so a field the tables forget shows up as a difference).
// `static`: private to each test file, so they never clash with operators the model may get.
#pragma once
#include "core/model.h"

#include <tuple>

namespace dd {

static auto tied(const RecordMeta& m) { return std::tie(m.id, m.revision, m.created_at, m.updated_at); }
static bool operator==(const RecordMeta& a, const RecordMeta& b) { return tied(a) == tied(b); }

static auto tied(const Stage& s) { return std::tie(s.id, s.name, s.probability, s.color, s.idle_days, s.kind); }
static bool operator==(const Stage& a, const Stage& b) { return tied(a) == tied(b); }

static auto tied(const Pipeline& p) { return std::tie(p.meta, p.name, p.position, p.stages); }
static bool operator==(const Pipeline& a, const Pipeline& b) { return tied(a) == tied(b); }

static auto tied(const CustomValue& v) { return std::tie(v.field, v.text, v.number); }
static bool operator==(const CustomValue& a, const CustomValue& b) { return tied(a) == tied(b); }

static auto tied(const Deal& d) {
    return std::tie(d.meta, d.title, d.value, d.currency, d.expected_close, d.pipeline, d.stage, d.rank, d.owner,
                    d.contacts, d.company, d.status, d.probability_override, d.commit, d.lost_reason,
                    d.lost_reason_text, d.external_ref, d.description, d.source, d.custom, d.closed_at, d.closed_by,
                    d.close_date, d.last_activity_at);
}
static bool operator==(const Deal& a, const Deal& b) { return tied(a) == tied(b); }

static auto tied(const Contact& c) { return std::tie(c.meta, c.name, c.email, c.phone, c.company); }
static bool operator==(const Contact& a, const Contact& b) { return tied(a) == tied(b); }

static auto tied(const Company& c) { return std::tie(c.meta, c.name, c.domain, c.employees); }
static bool operator==(const Company& a, const Company& b) { return tied(a) == tied(b); }

static auto tied(const TeamMember& m) { return std::tie(m.meta, m.name, m.email, m.role); }
static bool operator==(const TeamMember& a, const TeamMember& b) { return tied(a) == tied(b); }

static auto tied(const Activity& a) {
    return std::tie(a.meta, a.kind, a.subject, a.due_at, a.done, a.done_at, a.duration_min, a.outcome, a.deal,
                    a.contacts, a.owner);
}
static bool operator==(const Activity& a, const Activity& b) { return tied(a) == tied(b); }

static auto tied(const Note& n) { return std::tie(n.meta, n.deal, n.contact, n.text, n.author); }
static bool operator==(const Note& a, const Note& b) { return tied(a) == tied(b); }

static auto tied(const DealChange& c) {
    return std::tie(c.meta, c.deal, c.actor, c.kind, c.field, c.old_value, c.new_value);
}
static bool operator==(const DealChange& a, const DealChange& b) { return tied(a) == tied(b); }

static auto tied(const CustomFieldDef& f) { return std::tie(f.meta, f.name, f.type, f.options, f.position); }
static bool operator==(const CustomFieldDef& a, const CustomFieldDef& b) { return tied(a) == tied(b); }

static auto tied(const LostReason& r) { return std::tie(r.meta, r.text, r.position); }
static bool operator==(const LostReason& a, const LostReason& b) { return tied(a) == tied(b); }

static auto tied(const ExchangeRate& r) { return std::tie(r.currency, r.rate_ppm); }
static bool operator==(const ExchangeRate& a, const ExchangeRate& b) { return tied(a) == tied(b); }

static auto tied(const WorkspaceSettings& s) {
    return std::tie(s.revision, s.updated_at, s.name, s.base_currency, s.rates, s.current_user, s.locale);
}
static bool operator==(const WorkspaceSettings& a, const WorkspaceSettings& b) { return tied(a) == tied(b); }

static auto tied(const Tombstone& t) { return std::tie(t.kind, t.id, t.revision, t.deleted_at); }
static bool operator==(const Tombstone& a, const Tombstone& b) { return tied(a) == tied(b); }

}  // namespace dd

// CHECKs every part of two workspaces (one CHECK per part, so a failure names the part).
#define CHECK_SAME_WORKSPACE(a, b)                    \
    do {                                              \
        CHECK((a).settings == (b).settings);          \
        CHECK((a).pipelines == (b).pipelines);        \
        CHECK((a).deals == (b).deals);                \
        CHECK((a).contacts == (b).contacts);          \
        CHECK((a).companies == (b).companies);        \
        CHECK((a).team == (b).team);                  \
        CHECK((a).activities == (b).activities);      \
        CHECK((a).notes == (b).notes);                \
        CHECK((a).history == (b).history);            \
        CHECK((a).custom_fields == (b).custom_fields); \
        CHECK((a).lost_reasons == (b).lost_reasons);  \
        CHECK((a).tombstones == (b).tombstones);      \
    } while (0)
