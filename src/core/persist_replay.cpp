#include "core/persist_replay.h"

#include "core/json_io.h"

#include <unordered_map>
#include <vector>

namespace dd {
namespace {

// Positions of one kind's records in the target vector, built on first use; `dead` marks records
// a tombstone removed during the batch (removed for real in finish()).
template <typename T, typename Records = std::vector<T>>   // history: the workspace's ChunkedVector
struct KindIndex {
    Records* records = nullptr;
    std::unordered_map<Id, size_t> pos;
    std::vector<char> dead;
    bool built = false;
    bool any_dead = false;

    void build() {
        if (built) return;
        built = true;
        pos.reserve(records->size());
        for (size_t i = 0; i < records->size(); ++i) pos.emplace((*records)[i].meta.id, i);
        dead.assign(records->size(), 0);
    }
    // Returns true if the record was new (apply_record_json then drops its tombstone).
    bool upsert(T&& record) {
        build();
        auto it = pos.find(record.meta.id);
        if (it != pos.end()) {
            (*records)[it->second] = std::move(record);
            return false;
        }
        pos.emplace(record.meta.id, records->size());
        records->push_back(std::move(record));
        dead.push_back(0);
        return true;
    }
    void erase(Id id) {
        build();
        auto it = pos.find(id);
        if (it == pos.end()) return;
        dead[it->second] = 1;
        any_dead = true;
        pos.erase(it);
    }
    void finish() {
        if (!any_dead) return;
        size_t out = 0;
        for (size_t i = 0; i < records->size(); ++i)
            if (!dead[i]) {
                if (out != i) (*records)[out] = std::move((*records)[i]);
                ++out;
            }
        records->resize(out);
    }
};

struct TombKey {
    RecordKind kind;
    Id id;
    bool operator==(const TombKey& o) const { return kind == o.kind && id == o.id; }
};
struct TombKeyHash {
    size_t operator()(const TombKey& k) const { return std::hash<Id>()(k.id) * 31u + size_t(k.kind); }
};

}  // namespace

struct RecordReplay::Indexes {
    KindIndex<Pipeline> pipelines;
    KindIndex<Deal> deals;
    KindIndex<Contact> contacts;
    KindIndex<Company> companies;
    KindIndex<TeamMember> team;
    KindIndex<Activity> activities;
    KindIndex<Note> notes;
    KindIndex<DealChange, ChunkedVector<DealChange>> history;
    KindIndex<CustomFieldDef> custom_fields;
    KindIndex<LostReason> lost_reasons;
    KindIndex<SavedView> saved_views;

    std::vector<Tombstone>* tombstones = nullptr;
    std::unordered_map<TombKey, size_t, TombKeyHash> tomb_pos;
    std::vector<char> tomb_dead;
    bool tombs_built = false;
    bool any_tomb_dead = false;

    void build_tombs() {
        if (tombs_built) return;
        tombs_built = true;
        for (size_t i = 0; i < tombstones->size(); ++i) tomb_pos[{(*tombstones)[i].kind, (*tombstones)[i].id}] = i;
        tomb_dead.assign(tombstones->size(), 0);
    }
    void drop_tomb(RecordKind kind, Id id) {
        build_tombs();
        auto it = tomb_pos.find({kind, id});
        if (it == tomb_pos.end()) return;
        tomb_dead[it->second] = 1;
        any_tomb_dead = true;
        tomb_pos.erase(it);
    }
    void add_tomb(const Tombstone& t) {
        drop_tomb(t.kind, t.id);
        tomb_pos[{t.kind, t.id}] = tombstones->size();
        tombstones->push_back(t);
        tomb_dead.push_back(0);
    }
    void erase(RecordKind kind, Id id) {
        switch (kind) {
            case RecordKind::Pipeline: pipelines.erase(id); break;
            case RecordKind::Deal: deals.erase(id); break;
            case RecordKind::Contact: contacts.erase(id); break;
            case RecordKind::Company: companies.erase(id); break;
            case RecordKind::TeamMember: team.erase(id); break;
            case RecordKind::Activity: activities.erase(id); break;
            case RecordKind::Note: notes.erase(id); break;
            case RecordKind::DealChange: history.erase(id); break;
            case RecordKind::CustomField: custom_fields.erase(id); break;
            case RecordKind::LostReason: lost_reasons.erase(id); break;
            case RecordKind::SavedView: saved_views.erase(id); break;
            case RecordKind::Settings: break;
        }
    }
};

RecordReplay::RecordReplay(Workspace& target) : ws_(target), index_(std::make_unique<Indexes>()) {
    Indexes& x = *index_;
    x.pipelines.records = &ws_.pipelines;
    x.deals.records = &ws_.deals;
    x.contacts.records = &ws_.contacts;
    x.companies.records = &ws_.companies;
    x.team.records = &ws_.team;
    x.activities.records = &ws_.activities;
    x.notes.records = &ws_.notes;
    x.history.records = &ws_.history;
    x.custom_fields.records = &ws_.custom_fields;
    x.lost_reasons.records = &ws_.lost_reasons;
    x.saved_views.records = &ws_.saved_views;
    x.tombstones = &ws_.tombstones;
}

RecordReplay::~RecordReplay() = default;

Status RecordReplay::apply(std::string_view record) {
    // Decoded by json_io into an empty scratch workspace (no search: it holds nothing), then moved.
    Status st = apply_record_json(scratch_, record);
    if (!st.ok()) {
        scratch_ = Workspace{};
        return st;
    }
    Indexes& x = *index_;
    auto take = [&](auto& from, auto& index, RecordKind kind) {
        if (from.empty()) return false;
        if (index.upsert(std::move(from.front()))) x.drop_tomb(kind, index.records->back().meta.id);
        from.clear();
        return true;
    };
    if (!scratch_.tombstones.empty()) {
        const Tombstone t = scratch_.tombstones.front();
        scratch_.tombstones.clear();
        x.erase(t.kind, t.id);
        x.add_tomb(t);
        return ok_status();
    }
    if (take(scratch_.deals, x.deals, RecordKind::Deal) || take(scratch_.history, x.history, RecordKind::DealChange) ||
        take(scratch_.activities, x.activities, RecordKind::Activity) || take(scratch_.notes, x.notes, RecordKind::Note) ||
        take(scratch_.contacts, x.contacts, RecordKind::Contact) ||
        take(scratch_.companies, x.companies, RecordKind::Company) ||
        take(scratch_.pipelines, x.pipelines, RecordKind::Pipeline) || take(scratch_.team, x.team, RecordKind::TeamMember) ||
        take(scratch_.custom_fields, x.custom_fields, RecordKind::CustomField) ||
        take(scratch_.lost_reasons, x.lost_reasons, RecordKind::LostReason) ||
        take(scratch_.saved_views, x.saved_views, RecordKind::SavedView))
        return ok_status();
    // Nothing landed in a list: it was the settings record.
    ws_.settings = std::move(scratch_.settings);
    scratch_.settings = WorkspaceSettings{};
    return ok_status();
}

void RecordReplay::finish() {
    Indexes& x = *index_;
    x.pipelines.finish();
    x.deals.finish();
    x.contacts.finish();
    x.companies.finish();
    x.team.finish();
    x.activities.finish();
    x.notes.finish();
    x.history.finish();
    x.custom_fields.finish();
    x.lost_reasons.finish();
    x.saved_views.finish();
    if (x.any_tomb_dead) {
        size_t out = 0;
        for (size_t i = 0; i < x.tombstones->size(); ++i)
            if (!x.tomb_dead[i]) {
                if (out != i) (*x.tombstones)[out] = (*x.tombstones)[i];
                ++out;
            }
        x.tombstones->resize(out);
    }
}

}  // namespace dd
