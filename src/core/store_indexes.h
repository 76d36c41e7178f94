// Private to the store: the workspace plus every index, and the only two ways to change a
// record: put (insert or replace) and erase. Both keep every index and lane total exact, so
// commands, undo and redo all go through them and can never desynchronise an index.
#pragma once
#include "core/deal_placement.h"
#include "core/flat_id_map.h"
#include "core/ids.h"
#include "core/lane_list.h"
#include "core/record_slot_map.h"
#include "core/ref_index.h"
#include "core/slot_chains.h"
#include "core/model.h"
#include "core/stage_map.h"
#include "core/store.h"
#include <string>
#include <unordered_map>
#include <vector>

namespace dd {

// The order of ws.pipelines (the picker's): by position, equal positions by id.
inline bool pipeline_before(const Pipeline& a, const Pipeline& b) {
    return a.position != b.position ? a.position < b.position : a.meta.id < b.meta.id;
}

// What the indexes need to know about a stage, cached from its pipeline.
struct StageInfo {
    Id pipeline = kNoId;
    uint8_t probability = 0;
    StageKind kind = StageKind::Open;
    int32_t idle_days = 0;
    uint32_t index = 0;   // position in the pipeline's stage list
    // The stage's name as one shared block: the history lines of moves into and out of the
    // stage copy it (a reference count) instead of allocating the text per line. Set again
    // when the pipeline is put (a renamed stage gets a new block; the lines made before keep
    // the old name's block, and so the old name).
    CompactString name;
};

struct Lane {
    LaneList order;
    LaneTotals totals[4];   // by DealStatus
};

using IdLists = std::unordered_map<Id, std::vector<Id>>;

struct StoreIndexes {
    explicit StoreIndexes(uint64_t seed) : ids(seed) {}

    Workspace ws;
    IdGenerator ids;   // for records the store derives (history lines)

    // Id -> slot in ws's vectors. The kinds with many records use 8-byte entries that read the
    // full id from the record (record_slot_map.h); the few pipelines, members and settings records
    // a FlatIdMap.
    FlatIdMap pipeline_slot, member_slot, field_slot, reason_slot, view_slot;
    RecordSlotMap<Deal> deal_slot{ws.deals};
    RecordSlotMap<Contact> contact_slot{ws.contacts};
    RecordSlotMap<Company> company_slot{ws.companies};
    RecordSlotMap<Activity> activity_slot{ws.activities};
    RecordSlotMap<Note> note_slot{ws.notes};
    RecordSlotMap<DealChange, ChunkedVector<DealChange>> change_slot{ws.history};
    StageMap<StageInfo> stages;
    StageMap<Lane> lanes;                 // by stage id
    // A team member's deals: a vector of deal slots each (few members, long lists: erasing from a
    // chain would walk it). Slots (4 bytes), not ids (8): a swap-erase renumbers the moved deal.
    std::unordered_map<Id, std::vector<uint32_t>> owner_deals;
    // The short groups are slot chains (slot_chains.h), 4 bytes per member and per owner:
    //  * company_deals: members are deal slots, owners companies (company_slot, ws.companies);
    //  * company_contacts: members contact slots, owners companies;
    //  * contact_deals: members are links 2 * deal slot + k for the deal's first two contacts
    //    (k = 0, 1), owners contacts; a deal's third and later contacts (rare) are listed in
    //    deals_by_extra_contact;
    //  * deal_activities, deal_notes: members activity / note slots, owners deals.
    SlotChains company_deals, company_contacts, contact_deals, deal_activities, deal_notes;
    IdLists deals_by_extra_contact;
    // History lines by deal without a hash node and a vector per deal (most deals have a few
    // lines): each deal's lines form a chain, newest first, through slots of ws.history.
    //  * history_head: parallel to ws.deals, the slot of the deal's newest line (kNoLine: none);
    //  * history_orphans: the same for lines whose deal is absent (an undo or a cascade puts
    //    and erases deals and their lines in either order), by deal id;
    //  * history_prev: parallel to ws.history, the slot of the next older line of the same deal.
    static constexpr uint32_t kNoLine = FlatIdMap::kMissing;
    std::vector<uint32_t> history_head;
    FlatIdMap history_orphans;
    std::vector<uint32_t> history_prev;
    // Texts of history lines that repeat but are not names kept elsewhere (a reopened deal's
    // close date, a lost reason's text): one block each for the lines that share them, so that
    // a stage move allocates no text (bounded: compact_string.h).
    TextInterner line_texts;
    RefIndex deal_by_ref;                               // non-empty external refs -> deal slot
    FlatIdMap tombstone_slot;                           // by record id

    // ---- lookups ----
    const Deal* deal(Id id) const { return get(ws.deals, deal_slot, id); }
    // As deal(), requesting all of the record at once (RecordSlotMap::find_fetching): the first
    // lookup of a deal a command or an undo goes on to read and change.
    const Deal* deal_fetching(Id id) const {
        const uint32_t s = deal_slot.find_fetching(id);
        return s == FlatIdMap::kMissing ? nullptr : &ws.deals[s];
    }
    const Pipeline* pipeline(Id id) const { return get(ws.pipelines, pipeline_slot, id); }
    const Contact* contact(Id id) const { return get(ws.contacts, contact_slot, id); }
    const Company* company(Id id) const { return get(ws.companies, company_slot, id); }
    const TeamMember* member(Id id) const { return get(ws.team, member_slot, id); }
    const Activity* activity(Id id) const { return get(ws.activities, activity_slot, id); }
    const Note* note(Id id) const { return get(ws.notes, note_slot, id); }
    const DealChange* change(Id id) const { return get(ws.history, change_slot, id); }
    const CustomFieldDef* field(Id id) const { return get(ws.custom_fields, field_slot, id); }
    const LostReason* reason(Id id) const { return get(ws.lost_reasons, reason_slot, id); }
    const SavedView* view(Id id) const { return get(ws.saved_views, view_slot, id); }
    const StageInfo* stage_info(Id id) const {
        const auto* e = stages.find(id);
        return e ? &e->second : nullptr;
    }
    const Stage* stage(Id id) const;
    uint32_t history_head_of(Id deal) const {
        const uint32_t s = deal_slot.find(deal);
        return s != FlatIdMap::kMissing ? history_head[s] : history_orphans.find(deal);
    }
    std::vector<Id> history_ids(Id deal) const;   // the deal's history lines, oldest first
    // The groups, oldest member first (the order they were linked in).
    std::vector<Id> deals_of_owner(Id member) const;
    std::vector<Id> deals_of_company(Id company) const;
    std::vector<Id> deals_of_contact(Id contact) const;
    size_t deal_count_of_contact(Id contact) const;
    std::vector<Id> contacts_of_company(Id company) const;
    std::vector<Id> activities_of(Id deal) const;
    std::vector<Id> notes_of(Id deal) const;
    const Deal* deal_by_external_ref(std::string_view ref) const;
    const Lane* lane(Id stage) const {
        const auto* e = lanes.find(stage);
        return e ? &e->second : nullptr;
    }

    // ---- derived values ----
    Money to_base(Money amount, Currency c) const;
    bool has_rate(Currency c) const;
    int probability_of(const Deal& d) const;
    LaneKey key_of(const Deal& d) const { return LaneKey{d.rank, d.meta.id}; }
    auto slot_key() const {
        return [this](uint32_t slot) { return key_of(ws.deals[slot]); };
    }
    auto ref_of() const {
        return [this](uint32_t slot) -> std::string_view { return ws.deals[slot].external_ref; };
    }
    // Starts loading the lane block where a deal of `stage` at `key` is or would go.
    void prefetch_lane(Id stage, const LaneKey& key) const {
        if (const Lane* l = lane(stage)) l->order.prefetch(key, slot_key());
    }

    // ---- the only mutations ----
    // put inserts or replaces. On a replace the displaced record is swapped into the argument
    // and put returns true: the undo image is the old record itself, moved rather than copied.
    bool put(Pipeline& p);
    bool put(Deal& d);
    // Replaces only the placement fields of an existing deal (store_placement.cpp): lanes and
    // totals follow, the other indexes cannot change. The displaced fields are swapped into `p`.
    // False (nothing done) when the deal does not exist.
    bool put_placement(DealPlacement& p);
    bool put(Contact& c);
    bool put(Company& c);
    bool put(TeamMember& m);
    bool put(Activity& a);
    bool put(Note& n);
    bool put(DealChange& c);
    bool put(CustomFieldDef& f);
    bool put(LostReason& r);
    bool put(SavedView& v);
    void put_settings(WorkspaceSettings s);
    // Erase leaves a tombstone (revision + 1, deleted_at = now). Returns false if absent.
    bool erase(RecordKind kind, Id id, Millis now);

    // Rebuilds every index from ws (load). Assumes ws passed validation.
    void rebuild();
    // The history's id map and its deals' chains from scratch (rebuild's part for the history).
    // The first `check_first` lines (a snapshot's, attached after the start: Store::attach_history)
    // must name an existing deal, and (then) no line may repeat an id; else refused with the indexes
    // half-built: the caller puts the lines back as they were and calls it again with 0.
    Status rebuild_history(size_t check_first = 0);
    void recompute_lane_totals(Id stage);
    void recompute_all_totals();

private:
    template <typename V, typename Map>
    DD_TABLE_INLINE static const typename V::value_type* get(const V& v, const Map& m, Id id) {
        uint32_t s = m.find(id);
        return s == FlatIdMap::kMissing ? nullptr : &v[s];
    }
    void add_totals(const Deal& d, int sign);
    void add_totals(const Deal& d, int sign, Money base);   // base: d's value in the base currency
    void lane_insert(uint32_t slot);
    void lane_erase(const Deal& d);
    void index_deal_links(uint32_t slot);     // the deal at `slot`: owner, company, contacts, ref
    void unindex_deal_links(uint32_t slot);
    void index_stages(const Pipeline& p);
    void set_history_head(Id deal, uint32_t line);
    void link_history(uint32_t line);     // as the newest line of its deal
    void unlink_history(uint32_t line);
    void erase_history(uint32_t line);    // swap-erase from ws.history with its chain links
    void drop_tombstone(Id id);
    void add_tombstone(RecordKind kind, Id id, uint32_t revision, Millis now);
    void resort_pipelines();
};

// Removes one occurrence of `id` from the list of `key` (drops the list when empty).
void unlist(IdLists& lists, Id key, Id id);
inline void list(IdLists& lists, Id key, Id id) {
    if (key != kNoId) lists[key].push_back(id);
}

}  // namespace dd
