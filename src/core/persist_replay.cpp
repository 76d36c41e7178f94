#include "core/persist_replay.h"

#include "core/json_io.h"

#include <cstdint>
#include <unordered_map>
#include <vector>

namespace dd {
namespace {

// id -> position, open addressing over a power-of-two table of (id, position) pairs: built in one
// pass with no allocation per record. A std::unordered_map here (a node malloc'ed per record)
// cost ~55 ms of a 100,000-deal start-up in WASM for a journal of two stage moves (the deal and
// history indexes: ~290,000 entries). Ids are random 64-bit numbers, never 0 (kNoId: an empty
// slot). An erased id keeps its slot with position kGone, so probes still pass over it and a
// later upsert of the same id finds it again.
class PositionTable {
public:
    static constexpr uint32_t kGone = UINT32_MAX;

    void reserve(size_t count) {
        size_t capacity = 16;
        while (capacity < count * 2) capacity <<= 1;
        if (capacity > slots_.size()) rehash(capacity);
    }
    // The position of `id`, or kGone.
    uint32_t find(Id id) const {
        if (slots_.empty()) return kGone;
        for (size_t i = home(id);; i = (i + 1) & mask_) {
            if (slots_[i].id == kNoId) return kGone;
            if (slots_[i].id == id) return slots_[i].pos;
        }
    }
    void set(Id id, uint32_t pos) {
        if ((used_ + 1) * 2 > slots_.size()) rehash(slots_.empty() ? 16 : slots_.size() * 2);
        for (size_t i = home(id);; i = (i + 1) & mask_) {
            if (slots_[i].id == id) { slots_[i].pos = pos; return; }
            if (slots_[i].id == kNoId) { slots_[i] = Slot{id, pos}; ++used_; return; }
        }
    }
    void erase(Id id) {
        if (slots_.empty()) return;
        for (size_t i = home(id);; i = (i + 1) & mask_) {
            if (slots_[i].id == kNoId) return;
            if (slots_[i].id == id) { slots_[i].pos = kGone; return; }
        }
    }

private:
    struct Slot { Id id = kNoId; uint32_t pos = kGone; };
    size_t home(Id id) const { return size_t(id ^ (id >> 29)) & mask_; }
    void rehash(size_t capacity) {
        std::vector<Slot> old = std::move(slots_);
        slots_.assign(capacity, Slot{});
        mask_ = capacity - 1;
        used_ = 0;
        for (const Slot& s : old)
            if (s.id != kNoId) set(s.id, s.pos);
    }
    std::vector<Slot> slots_;
    size_t mask_ = 0;
    size_t used_ = 0;   // slots holding an id (erased ones included: they still end probes later)
};

// Positions of one kind's records in the target vector; `dead` marks records a tombstone removed
// during the batch (removed for real in finish()). The first few lookups of a kind scan the
// records (one pass each); only a batch that needs more builds the table: a journal of a few stage
// moves then costs a few passes over the ids instead of a table over 100,000 deals and 190,000
// history lines (~35 ms of a quiet WASM start-up).
template <typename T, typename Records = std::vector<T>>   // history: the workspace's ChunkedVector
struct KindIndex {
    static constexpr size_t kScannedLookups = 8;
    Records* records = nullptr;
    PositionTable pos;
    std::vector<char> dead;
    bool prepared = false;
    bool built = false;
    bool any_dead = false;
    size_t scans = 0;

    void prepare() {
        if (prepared) return;
        prepared = true;
        dead.assign(records->size(), 0);
    }
    void build() {
        built = true;
        pos.reserve(records->size() + 64);
        // Backwards, so that the first of two records sharing an id wins, as with a scan (such a
        // workspace is refused by the check after the replay anyway).
        for (size_t i = records->size(); i-- > 0;)
            if (!dead[i]) pos.set((*records)[i].meta.id, uint32_t(i));
    }
    // The live record's position, or PositionTable::kGone (ids are unique among live records).
    uint32_t locate(Id id) {
        prepare();
        if (!built && scans < kScannedLookups) {
            ++scans;
            for (size_t i = 0; i < records->size(); ++i)
                if ((*records)[i].meta.id == id && !dead[i]) return uint32_t(i);
            return PositionTable::kGone;
        }
        if (!built) build();
        return pos.find(id);
    }
    // Returns true if the record was new (apply_record_json then drops its tombstone).
    bool upsert(T&& record) {
        const uint32_t at = locate(record.meta.id);
        if (at != PositionTable::kGone) {
            (*records)[at] = std::move(record);
            return false;
        }
        if (built) pos.set(record.meta.id, uint32_t(records->size()));
        records->push_back(std::move(record));
        dead.push_back(0);
        return true;
    }
    void erase(Id id) {
        const uint32_t at = locate(id);
        if (at == PositionTable::kGone) return;
        dead[at] = 1;
        any_dead = true;
        if (built) pos.erase(id);
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

    decltype(Workspace::tombstones)* tombstones = nullptr;
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
    Status st = apply_record_json(scratch_, record, &texts_);
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
        if (history_ids_ && t.kind == RecordKind::DealChange) history_ids_->push_back(t.id);
        x.erase(t.kind, t.id);
        x.add_tomb(t);
        return ok_status();
    }
    if (history_ids_ && !scratch_.history.empty()) history_ids_->push_back(scratch_.history.front().meta.id);
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
