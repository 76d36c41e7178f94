// check_workspace: the referential integrity a loaded workspace must have before the store may
// take it. Errors are named by JSON path, i.e. by the record's index in its array.
// It is the one implementation of these rules: Store::load's gate (validate_workspace) calls it,
// so a workspace built in memory passes the same checks as a file. Values the JSON reader already
// refuses (ids 0, currencies not A-Z, probabilities over 100, ...) are checked again here for
// workspaces that did not come from a file.
#include "core/json_io.h"
#include "core/saved_view.h"

#include <cstdint>
#include <string_view>
#include <vector>

namespace dd {
namespace {

// id -> index in its array. Open addressing over a power-of-two table; ids are random 64-bit
// numbers (never 0, which marks an empty slot), so their low bits are already a good hash.
class IdTable {
public:
    // count: the most ids it will ever hold (it never grows; a full table would probe forever).
    explicit IdTable(size_t count) {
        size_t capacity = 16;
        while (capacity < count * 2) capacity <<= 1;
        slots_.assign(capacity, Slot{});
        mask_ = capacity - 1;
    }
    // Inserts id -> index; if the id is already there returns the earlier index, else SIZE_MAX.
    size_t insert(Id id, size_t index) {
        for (size_t i = mix(id) & mask_;; i = (i + 1) & mask_) {
            if (slots_[i].id == kNoId) { slots_[i] = Slot{id, static_cast<uint32_t>(index)}; return SIZE_MAX; }
            if (slots_[i].id == id) return slots_[i].index;
        }
    }
    // The index for id, or SIZE_MAX.
    size_t find(Id id) const {
        if (id == kNoId) return SIZE_MAX;
        for (size_t i = mix(id) & mask_;; i = (i + 1) & mask_) {
            if (slots_[i].id == kNoId) return SIZE_MAX;
            if (slots_[i].id == id) return slots_[i].index;
        }
    }
    bool contains(Id id) const { return find(id) != SIZE_MAX; }

private:
    struct Slot { Id id = kNoId; uint32_t index = 0; };
    static size_t mix(Id id) { return static_cast<size_t>(id ^ (id >> 29)); }
    std::vector<Slot> slots_;
    size_t mask_ = 0;
};

std::string at(const char* array, size_t index) { return std::string(array) + "[" + std::to_string(index) + "]"; }
std::string at(const char* array, size_t index, const char* field) { return at(array, index) + "." + field; }

template <typename Records>   // a std::vector of records, or the history's ChunkedVector
Status index_ids(const Records& records, const char* array, IdTable& table) {
    for (size_t i = 0; i < records.size(); ++i) {
        if (records[i].meta.id == kNoId) return field_error(at(array, i, "id"), "is missing");
        const size_t earlier = table.insert(records[i].meta.id, i);
        if (earlier != SIZE_MAX)
            return field_error(at(array, i, "id"), "duplicate id " + id_to_string(records[i].meta.id) + " (also " +
                                                       at(array, earlier) + ")");
    }
    return ok_status();
}

Error missing(std::string path, const char* what, Id id) {
    return field_error(std::move(path), "no " + std::string(what) + " with id " + id_to_string(id));
}

// Where a stage lives: its pipeline's index and its kind.
struct StageInfo { size_t pipeline; StageKind kind; };

// Open stages, then exactly one won and one lost stage. A list without exactly one of each is
// refused as a whole; one with both in the wrong place names the first misplaced stage.
Status check_stage_order(const std::vector<Stage>& list, const std::string& path) {
    const size_t n = list.size();
    size_t won = 0, lost = 0;
    for (const Stage& s : list) {
        won += s.kind == StageKind::Won;
        lost += s.kind == StageKind::Lost;
    }
    if (n < 3 || won != 1 || lost != 1)
        return field_error(path, "must hold the open stages, then one won stage, then one lost stage");
    for (size_t s = 0; s < n; ++s) {
        const StageKind expected = s + 2 == n ? StageKind::Won : s + 1 == n ? StageKind::Lost : StageKind::Open;
        if (list[s].kind != expected)
            return field_error(path + "[" + std::to_string(s) + "].kind",
                               std::string("expected ") + to_string(expected) +
                                   " (the open stages, then one won stage, then one lost stage)");
    }
    return ok_status();
}

Status check_pipelines(const Workspace& ws, IdTable& pipelines, IdTable& stages, std::vector<StageInfo>& info) {
    if (Status s = index_ids(ws.pipelines, "pipelines", pipelines); !s) return s;
    for (size_t p = 0; p < ws.pipelines.size(); ++p) {
        const std::vector<Stage>& list = ws.pipelines[p].stages;
        const std::string path = at("pipelines", p, "stages");
        if (Status s = check_stage_order(list, path); !s) return s;
        for (size_t s = 0; s < list.size(); ++s) {
            const Stage& stage = list[s];
            const std::string stage_path = path + "[" + std::to_string(s) + "]";
            if (stage.probability > 100) return field_error(stage_path + ".probability", "must be between 0 and 100");
            if (stage.kind == StageKind::Won && stage.probability != 100)
                return field_error(stage_path + ".probability", "a won stage has probability 100");
            if (stage.kind == StageKind::Lost && stage.probability != 0)
                return field_error(stage_path + ".probability", "a lost stage has probability 0");
            if (stage.idle_days < 0) return field_error(stage_path + ".idle_days", "must be zero or more");
            if (stage.id == kNoId) return field_error(stage_path + ".id", "is missing");
            if (stages.insert(stage.id, info.size()) != SIZE_MAX)
                return field_error(stage_path + ".id", "duplicate stage id " + id_to_string(stage.id));
            info.push_back(StageInfo{p, stage.kind});
        }
    }
    return ok_status();
}

bool valid_currency(Currency c) {
    Currency parsed;
    return parse_currency(c.view(), parsed);
}
Error bad_currency(std::string path) {
    return field_error(std::move(path), "expected a currency code of 3 capital letters");
}

Status check_settings(const Workspace& ws, const IdTable& team) {
    const WorkspaceSettings& s = ws.settings;
    if (!valid_currency(s.base_currency)) return bad_currency("settings.base_currency");
    for (size_t i = 0; i < s.rates.size(); ++i) {
        const std::string path = "settings.rates[" + std::to_string(i) + "].currency";
        if (!valid_currency(s.rates[i].currency)) return bad_currency(path);
        if (s.rates[i].rate_ppm <= 0)
            return field_error("settings.rates[" + std::to_string(i) + "].rate_ppm", "must be greater than 0");
        if (s.rates[i].currency == s.base_currency) return field_error(path, "is the base currency");
        for (size_t k = 0; k < i; ++k)
            if (s.rates[k].currency == s.rates[i].currency)
                return field_error(path, "duplicate rate for " + std::string(s.rates[i].currency.view()));
    }
    if (s.current_user != kNoId && !team.contains(s.current_user))
        return missing("settings.current_user", "team member", s.current_user);
    return ok_status();
}

bool has_rate(const WorkspaceSettings& s, Currency c) {
    if (c == s.base_currency) return true;
    for (const ExchangeRate& r : s.rates)
        if (r.currency == c) return true;
    return false;
}

size_t stage_count(const Workspace& ws) {
    size_t n = 0;
    for (const Pipeline& p : ws.pipelines) n += p.stages.size();
    return n;
}

// The tables every reference is checked against. Each is sized from the records it will hold:
// an IdTable never grows, and a full one would probe forever.
struct Tables {
    IdTable team, pipelines, stages, lost_reasons, custom_fields, companies, contacts, deals;
    std::vector<StageInfo> stage_info;
    explicit Tables(const Workspace& ws)
        : team(ws.team.size()), pipelines(ws.pipelines.size()), stages(stage_count(ws)),
          lost_reasons(ws.lost_reasons.size()), custom_fields(ws.custom_fields.size()),
          companies(ws.companies.size()), contacts(ws.contacts.size()), deals(ws.deals.size()) {}
};

bool status_fits_stage(DealStatus status, StageKind kind) {
    switch (status) {
        case DealStatus::Won: return kind == StageKind::Won;
        case DealStatus::Lost: return kind == StageKind::Lost;
        case DealStatus::Open:
        case DealStatus::Abandoned: return kind == StageKind::Open;
    }
    return false;
}

Status check_custom_value(const Workspace& ws, const Tables& t, const Deal& deal, size_t d, size_t c) {
    const CustomValue& v = deal.custom[c];
    // The path is spelled only on error: this runs for every custom value of every deal.
    const auto path = [&](const char* field) { return at("deals", d) + ".custom[" + std::to_string(c) + "]." + field; };
    const size_t def_index = t.custom_fields.find(v.field);
    if (def_index == SIZE_MAX) return missing(path("field"), "custom field", v.field);
    for (size_t k = 0; k < c; ++k)
        if (deal.custom[k].field == v.field) return field_error(path("field"), "duplicate value for this field");
    const CustomFieldDef& def = ws.custom_fields[def_index];
    if (def.type == FieldType::Checkbox && v.number != 0 && v.number != 1)
        return field_error(path("number"), "a checkbox value is 0 or 1");
    if (def.type == FieldType::SingleSelect) {
        bool listed = false;
        for (const std::string& option : def.options) listed = listed || option == v.text;
        if (!listed) return field_error(path("text"), "\"" + v.text + "\" is not an option of " + def.name);
    }
    return ok_status();
}

// Non-empty external refs are distinct. One pass over a hash table of (hash, deal index): sorting
// the refs instead compared strings n log n times, each a call into the C library's memcmp, which
// in WASM is a plain loop (a quarter of the check there). The first deal whose ref an earlier
// deal already has is named.
Status check_external_refs(const std::vector<Deal>& deals) {
    size_t count = 0;
    for (const Deal& d : deals) count += !d.external_ref.empty();
    size_t capacity = 16;
    while (capacity < count * 2) capacity <<= 1;
    struct Slot { uint32_t hash; uint32_t deal; };  // deal == UINT32_MAX: empty
    std::vector<Slot> slots(capacity, Slot{0, UINT32_MAX});
    const size_t mask = capacity - 1;
    for (size_t d = 0; d < deals.size(); ++d) {
        const std::string_view ref = deals[d].external_ref;
        if (ref.empty()) continue;
        uint64_t h = 1469598103934665603ULL;  // FNV-1a
        for (const char c : ref) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
        const uint32_t h32 = static_cast<uint32_t>(h ^ (h >> 32));
        for (size_t i = h32 & mask;; i = (i + 1) & mask) {
            if (slots[i].deal == UINT32_MAX) { slots[i] = Slot{h32, static_cast<uint32_t>(d)}; break; }
            if (slots[i].hash == h32 && std::string_view(deals[slots[i].deal].external_ref) == ref)
                return field_error(at("deals", d, "external_ref"),
                                   "\"" + std::string(ref) + "\" is already used by " + at("deals", slots[i].deal));
        }
    }
    return ok_status();
}

Status check_deals(const Workspace& ws, Tables& t) {
    if (Status s = index_ids(ws.deals, "deals", t.deals); !s) return s;
    for (size_t d = 0; d < ws.deals.size(); ++d) {
        const Deal& deal = ws.deals[d];
        const size_t pipeline = t.pipelines.find(deal.pipeline);
        if (pipeline == SIZE_MAX) return missing(at("deals", d, "pipeline"), "pipeline", deal.pipeline);
        const size_t stage = t.stages.find(deal.stage);
        if (stage == SIZE_MAX) return missing(at("deals", d, "stage"), "stage", deal.stage);
        if (t.stage_info[stage].pipeline != pipeline)
            return field_error(at("deals", d, "stage"), "stage " + id_to_string(deal.stage) +
                                                            " is not in the deal's pipeline " + id_to_string(deal.pipeline));
        if (!status_fits_stage(deal.status, t.stage_info[stage].kind))
            return field_error(at("deals", d, "status"), std::string("a ") + to_string(deal.status) +
                                                             " deal cannot be in a " + to_string(t.stage_info[stage].kind) +
                                                             " stage");
        if (!valid_currency(deal.currency)) return bad_currency(at("deals", d, "currency"));
        if (!has_rate(ws.settings, deal.currency))
            return field_error(at("deals", d, "currency"),
                               "no exchange rate for " + std::string(deal.currency.view()) + " in settings.rates");
        if (deal.value < 0) return field_error(at("deals", d, "value"), "must not be negative");
        if (deal.probability_override < -1 || deal.probability_override > 100)
            return field_error(at("deals", d, "probability_override"), "must be between 0 and 100 (or null)");
        if (deal.contacts.empty()) return field_error(at("deals", d, "contacts"), "a deal needs at least one contact");
        if (deal.owner != kNoId && !t.team.contains(deal.owner)) return missing(at("deals", d, "owner"), "team member", deal.owner);
        for (size_t c = 0; c < deal.contacts.size(); ++c)
            if (!t.contacts.contains(deal.contacts[c]))
                return missing(at("deals", d) + ".contacts[" + std::to_string(c) + "]", "contact", deal.contacts[c]);
        if (deal.company != kNoId && !t.companies.contains(deal.company))
            return missing(at("deals", d, "company"), "company", deal.company);
        if (deal.lost_reason != kNoId && !t.lost_reasons.contains(deal.lost_reason))
            return missing(at("deals", d, "lost_reason"), "lost reason", deal.lost_reason);
        for (size_t c = 0; c < deal.custom.size(); ++c)
            if (Status s = check_custom_value(ws, t, deal, d, c); !s) return s;
    }
    return check_external_refs(ws.deals);
}

Status check_timeline(const Workspace& ws, const Tables& t) {
    for (size_t i = 0; i < ws.activities.size(); ++i) {
        const Activity& a = ws.activities[i];
        if (a.deal != kNoId && !t.deals.contains(a.deal)) return missing(at("activities", i, "deal"), "deal", a.deal);
        for (size_t c = 0; c < a.contacts.size(); ++c)
            if (!t.contacts.contains(a.contacts[c]))
                return missing(at("activities", i) + ".contacts[" + std::to_string(c) + "]", "contact", a.contacts[c]);
    }
    for (size_t i = 0; i < ws.notes.size(); ++i) {
        const Note& n = ws.notes[i];
        if (n.deal == kNoId && n.contact == kNoId) return field_error(at("notes", i), "a note belongs to a deal or a contact");
        if (n.deal != kNoId && !t.deals.contains(n.deal)) return missing(at("notes", i, "deal"), "deal", n.deal);
        if (n.contact != kNoId && !t.contacts.contains(n.contact))
            return missing(at("notes", i, "contact"), "contact", n.contact);
    }
    for (size_t i = 0; i < ws.history.size(); ++i) {
        const DealChange& h = ws.history[i];
        if (!t.deals.contains(h.deal)) return missing(at("history", i, "deal"), "deal", h.deal);
    }
    return ok_status();
}

// Saved views: unique ids, a name, an owner who is in the team (or none), and filters, sort keys
// and columns that name existing records (saved_view.h, the same rules as the commands).
Status check_saved_views(const Workspace& ws, const Tables& t) {
    IdTable views(ws.saved_views.size());
    if (Status s = index_ids(ws.saved_views, "saved_views", views); !s) return s;
    const ViewRefs refs{[&](Id id) { return t.pipelines.contains(id); }, [&](Id id) { return t.stages.contains(id); },
                        [&](Id id) { return t.team.contains(id); }, [&](Id id) { return t.custom_fields.contains(id); }};
    for (size_t i = 0; i < ws.saved_views.size(); ++i) {
        const SavedView& v = ws.saved_views[i];
        if (v.name.find_first_not_of(" \t\r\n") == std::string::npos)
            return field_error(at("saved_views", i, "name"), "must not be empty");
        if (v.owner != kNoId && !t.team.contains(v.owner)) return missing(at("saved_views", i, "owner"), "team member", v.owner);
        Status s = check_view_content(v, refs);
        if (!s) return field_error(at("saved_views", i) + "." + s.error().field, s.error().message);
    }
    return ok_status();
}

}  // namespace

Status check_workspace(const Workspace& ws) {
    Tables t(ws);
    if (Status s = index_ids(ws.team, "team", t.team); !s) return s;
    if (Status s = check_settings(ws, t.team); !s) return s;
    if (Status s = check_pipelines(ws, t.pipelines, t.stages, t.stage_info); !s) return s;
    if (Status s = index_ids(ws.lost_reasons, "lost_reasons", t.lost_reasons); !s) return s;
    if (Status s = index_ids(ws.custom_fields, "custom_fields", t.custom_fields); !s) return s;
    if (Status s = index_ids(ws.companies, "companies", t.companies); !s) return s;
    if (Status s = index_ids(ws.contacts, "contacts", t.contacts); !s) return s;
    for (size_t i = 0; i < ws.contacts.size(); ++i) {
        const Contact& c = ws.contacts[i];
        if (c.company != kNoId && !t.companies.contains(c.company))
            return missing(at("contacts", i, "company"), "company", c.company);
    }
    if (Status s = check_deals(ws, t); !s) return s;
    if (Status s = check_timeline(ws, t); !s) return s;
    IdTable activities(ws.activities.size()), notes(ws.notes.size()), history(ws.history.size());
    if (Status s = index_ids(ws.activities, "activities", activities); !s) return s;
    if (Status s = index_ids(ws.notes, "notes", notes); !s) return s;
    if (Status s = index_ids(ws.history, "history", history); !s) return s;
    return check_saved_views(ws, t);
}

}  // namespace dd
