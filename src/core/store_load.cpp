// Store::load's gate: the invariants every index and command relies on, checked on plain data.
// Errors name the record by its position in the workspace vectors ("deals[12].stage").
#include "core/store_load.h"
#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace dd {

namespace {

std::string at(const char* list, size_t i, const char* field) {
    return std::string(list) + "[" + std::to_string(i) + "]." + field;
}

template <typename T>
Status unique_ids(const std::vector<T>& v, const char* list, std::unordered_set<Id>& out) {
    out.reserve(v.size());
    for (size_t i = 0; i < v.size(); ++i) {
        if (v[i].meta.id == kNoId) return field_error(at(list, i, "id"), "is missing");
        if (!out.insert(v[i].meta.id).second) return field_error(at(list, i, "id"), "is used twice");
    }
    return ok_status();
}

bool valid_currency(Currency c) {
    Currency tmp;
    return parse_currency(c.view(), tmp);
}

}  // namespace

Status validate_workspace(const Workspace& ws) {
    const WorkspaceSettings& st = ws.settings;
    if (!valid_currency(st.base_currency)) return field_error("settings.base_currency", "must be three letters A-Z");
    std::vector<Currency> known{st.base_currency};
    for (size_t i = 0; i < st.rates.size(); ++i) {
        const ExchangeRate& r = st.rates[i];
        const std::string path = "settings.rates[" + std::to_string(i) + "]";
        if (!valid_currency(r.currency)) return field_error(path + ".currency", "must be three letters A-Z");
        if (std::find(known.begin(), known.end(), r.currency) != known.end())
            return field_error(path + ".currency", "has a rate already (or is the base currency)");
        if (r.rate_ppm <= 0) return field_error(path + ".rate_ppm", "must be positive");
        known.push_back(r.currency);
    }

    std::unordered_set<Id> pipelines, deals, contacts, companies, team, activities, notes, changes, fields, reasons;
    if (auto s = unique_ids(ws.pipelines, "pipelines", pipelines); !s) return s;
    if (auto s = unique_ids(ws.deals, "deals", deals); !s) return s;
    if (auto s = unique_ids(ws.contacts, "contacts", contacts); !s) return s;
    if (auto s = unique_ids(ws.companies, "companies", companies); !s) return s;
    if (auto s = unique_ids(ws.team, "team", team); !s) return s;
    if (auto s = unique_ids(ws.activities, "activities", activities); !s) return s;
    if (auto s = unique_ids(ws.notes, "notes", notes); !s) return s;
    if (auto s = unique_ids(ws.history, "history", changes); !s) return s;
    if (auto s = unique_ids(ws.custom_fields, "custom_fields", fields); !s) return s;
    if (auto s = unique_ids(ws.lost_reasons, "lost_reasons", reasons); !s) return s;
    if (st.current_user != kNoId && !team.count(st.current_user))
        return field_error("settings.current_user", "is not a team member");

    struct StageRef { Id pipeline; StageKind kind; };
    std::unordered_map<Id, StageRef> stages;
    for (size_t i = 0; i < ws.pipelines.size(); ++i) {
        const Pipeline& p = ws.pipelines[i];
        const std::string base = "pipelines[" + std::to_string(i) + "].";
        if (p.stages.size() < 3) return field_error(base + "stages", "needs at least one open stage, then Won and Lost");
        for (size_t k = 0; k < p.stages.size(); ++k) {
            const Stage& s = p.stages[k];
            const std::string path = base + "stages[" + std::to_string(k) + "]";
            const StageKind expected = k + 2 == p.stages.size()   ? StageKind::Won
                                       : k + 1 == p.stages.size() ? StageKind::Lost
                                                                  : StageKind::Open;
            if (s.kind != expected)
                return field_error(path + ".kind", std::string("expected ") + to_string(expected) +
                                                       " (open stages, then exactly one Won and one Lost at the end)");
            if (s.id == kNoId) return field_error(path + ".id", "is missing");
            if (!stages.emplace(s.id, StageRef{p.meta.id, s.kind}).second) return field_error(path + ".id", "is used twice");
            if (s.probability > 100) return field_error(path + ".probability", "must be between 0 and 100");
            if (s.kind == StageKind::Won && s.probability != 100) return field_error(path + ".probability", "the Won stage is 100 %");
            if (s.kind == StageKind::Lost && s.probability != 0) return field_error(path + ".probability", "the Lost stage is 0 %");
            if (s.idle_days < 0) return field_error(path + ".idle_days", "must not be negative");
        }
    }

    std::unordered_set<std::string> refs;
    std::unordered_map<Id, const CustomFieldDef*> field_defs;
    for (const auto& f : ws.custom_fields) field_defs[f.meta.id] = &f;
    for (size_t i = 0; i < ws.deals.size(); ++i) {
        const Deal& d = ws.deals[i];
        auto it = stages.find(d.stage);
        if (it == stages.end()) return field_error(at("deals", i, "stage"), "does not exist");
        if (it->second.pipeline != d.pipeline) return field_error(at("deals", i, "stage"), "is not a stage of the deal's pipeline");
        const StageKind kind = it->second.kind;
        const bool status_ok = kind == StageKind::Won    ? d.status == DealStatus::Won
                               : kind == StageKind::Lost ? d.status == DealStatus::Lost
                                                         : (d.status == DealStatus::Open || d.status == DealStatus::Abandoned);
        if (!status_ok) return field_error(at("deals", i, "status"), std::string(to_string(d.status)) + " does not match its stage");
        if (d.value < 0) return field_error(at("deals", i, "value"), "must not be negative");
        if (!valid_currency(d.currency)) return field_error(at("deals", i, "currency"), "must be three letters A-Z");
        if (std::find(known.begin(), known.end(), d.currency) == known.end())
            return field_error(at("deals", i, "currency"), "has no exchange rate in settings.rates");
        if (d.contacts.empty()) return field_error(at("deals", i, "contacts"), "a deal needs at least one contact");
        for (Id c : d.contacts)
            if (!contacts.count(c)) return field_error(at("deals", i, "contacts"), "contact " + id_to_string(c) + " does not exist");
        if (d.company != kNoId && !companies.count(d.company)) return field_error(at("deals", i, "company"), "does not exist");
        if (d.owner != kNoId && !team.count(d.owner)) return field_error(at("deals", i, "owner"), "is not a team member");
        if (d.probability_override < -1 || d.probability_override > 100)
            return field_error(at("deals", i, "probability_override"), "must be -1 or between 0 and 100");
        if (d.lost_reason != kNoId && !reasons.count(d.lost_reason)) return field_error(at("deals", i, "lost_reason"), "does not exist");
        if (!d.external_ref.empty() && !refs.insert(d.external_ref).second)
            return field_error(at("deals", i, "external_ref"), "\"" + d.external_ref + "\" is used by another deal");
        for (size_t k = 0; k < d.custom.size(); ++k)
            if (!field_defs.count(d.custom[k].field))
                return field_error(at("deals", i, ("custom[" + std::to_string(k) + "].field").c_str()), "does not exist");
    }
    for (size_t i = 0; i < ws.contacts.size(); ++i)
        if (ws.contacts[i].company != kNoId && !companies.count(ws.contacts[i].company))
            return field_error(at("contacts", i, "company"), "does not exist");
    for (size_t i = 0; i < ws.activities.size(); ++i) {
        const Activity& a = ws.activities[i];
        if (a.deal != kNoId && !deals.count(a.deal)) return field_error(at("activities", i, "deal"), "does not exist");
        for (Id c : a.contacts)
            if (!contacts.count(c)) return field_error(at("activities", i, "contacts"), "contact " + id_to_string(c) + " does not exist");
    }
    for (size_t i = 0; i < ws.notes.size(); ++i) {
        const Note& n = ws.notes[i];
        if (n.deal == kNoId && n.contact == kNoId) return field_error(at("notes", i, "deal"), "a note belongs to a deal or a contact");
        if (n.deal != kNoId && !deals.count(n.deal)) return field_error(at("notes", i, "deal"), "does not exist");
        if (n.contact != kNoId && !contacts.count(n.contact)) return field_error(at("notes", i, "contact"), "does not exist");
    }
    for (size_t i = 0; i < ws.history.size(); ++i)
        if (!deals.count(ws.history[i].deal)) return field_error(at("history", i, "deal"), "does not exist");
    return ok_status();
}

}  // namespace dd
