// StoreIndexes built from scratch: every index at Store::load (rebuild), and the lane totals
// recounted after a change that moves many of them at once (a pipeline's stages and their
// probabilities, the base currency or a rate). The upkeep of each command is in store_indexes.cpp.
#include "core/store_indexes.h"
#include <algorithm>
#include <iterator>
#include <unordered_map>
#include <vector>

namespace dd {

void StoreIndexes::recompute_lane_totals(Id stage) {
    auto it = lanes.find(stage);
    if (it == lanes.end()) return;
    Lane& lane = it->second;
    for (auto& t : lane.totals) t = LaneTotals{};
    lane.order.for_each([&](uint32_t slot) {
        const Deal& d = ws.deals[slot];
        LaneTotals& t = lane.totals[size_t(d.status)];
        Money base = to_base(d.value, d.currency);
        t.count += 1;
        t.total += base;
        t.weighted_x100 += base * probability_of(d);
    });
}

void StoreIndexes::recompute_all_totals() {
    std::vector<Id> ids;   // collected first: recompute looks lanes up again
    ids.reserve(lanes.size());
    lanes.for_each([&](Id stage, const Lane&) { ids.push_back(stage); });
    for (Id stage : ids) recompute_lane_totals(stage);
}

void StoreIndexes::rebuild() {
    auto build = [](auto& vec, auto& map) {
        map.clear();
        map.reserve(vec.size());
        for (uint32_t i = 0; i < vec.size(); ++i) map.set(vec[i].meta.id, i);
    };
    std::sort(ws.pipelines.begin(), ws.pipelines.end(), pipeline_before);
    build(ws.pipelines, pipeline_slot);
    build(ws.deals, deal_slot);
    build(ws.contacts, contact_slot);
    build(ws.companies, company_slot);
    build(ws.team, member_slot);
    build(ws.activities, activity_slot);
    build(ws.notes, note_slot);
    build(ws.custom_fields, field_slot);
    build(ws.lost_reasons, reason_slot);
    build(ws.saved_views, view_slot);
    stages.clear();
    lanes.clear();
    for (const Pipeline& p : ws.pipelines) index_stages(p);
    owner_deals.clear();
    deals_by_extra_contact.clear();
    company_deals.reset(ws.companies.size(), ws.deals.size());
    company_contacts.reset(ws.companies.size(), ws.contacts.size());
    contact_deals.reset(ws.contacts.size(), 2 * ws.deals.size());
    deal_activities.reset(ws.deals.size(), ws.activities.size());
    deal_notes.reset(ws.deals.size(), ws.notes.size());
    deal_by_ref.clear();
    size_t refs = 0;
    for (const Deal& d : ws.deals) refs += !d.external_ref.empty();
    deal_by_ref.reserve(refs);
    // Lanes: sort each lane's deals once, then build each lane's blocks whole (assign_sorted). The
    // keys are copied out beside their slots, read once in table order: a comparator reading two
    // deals per comparison (records of ~300 bytes, at random) missed the cache on most of them.
    // The lane totals are summed in the same pass, in table order (integers: the order does not
    // change them), not by walking each lane's deals afterwards (recompute_all_totals: ~60 ms at
    // 100,000 deals in WASM, a cache miss per deal).
    struct Keyed {
        LaneKey key;
        uint32_t slot;
    };
    struct StageDeals {
        std::vector<Keyed> keyed;
        LaneTotals totals[4];   // by DealStatus, as Lane::totals
    };
    std::unordered_map<Id, StageDeals> by_stage;
    for (uint32_t i = 0; i < ws.deals.size(); ++i) {
        const Deal& d = ws.deals[i];
        index_deal_links(i);
        StageDeals& stage = by_stage[d.stage];
        stage.keyed.push_back(Keyed{key_of(d), i});
        const Money base = to_base(d.value, d.currency);
        LaneTotals& t = stage.totals[size_t(d.status)];
        t.count += 1;
        t.total += base;
        t.weighted_x100 += base * probability_of(d);
    }
    // The owners' lists grew by doubling: trim them to their size (a loaded workspace keeps them).
    for (auto& entry : owner_deals) entry.second.shrink_to_fit();
    for (auto& entry : by_stage) {
        auto& keyed = entry.second.keyed;
        std::sort(keyed.begin(), keyed.end(), [](const Keyed& a, const Keyed& b) { return a.key < b.key; });
        Lane& lane = lanes[entry.first];
        lane.order.assign_sorted(keyed.size(), [&](size_t i) { return std::pair<int64_t, uint32_t>(keyed[i].key.rank, keyed[i].slot); });
        std::copy(std::begin(entry.second.totals), std::end(entry.second.totals), std::begin(lane.totals));
    }
    for (uint32_t i = 0; i < ws.contacts.size(); ++i) company_contacts.link(i, ws.contacts[i].company, company_slot);
    for (uint32_t i = 0; i < ws.activities.size(); ++i) deal_activities.link(i, ws.activities[i].deal, deal_slot);
    for (uint32_t i = 0; i < ws.notes.size(); ++i) deal_notes.link(i, ws.notes[i].deal, deal_slot);
    rebuild_history();
    tombstone_slot.clear();
    for (uint32_t i = 0; i < ws.tombstones.size(); ++i) tombstone_slot.set(ws.tombstones[i].id, i);
}

Status StoreIndexes::rebuild_history(size_t check_first) {
    change_slot.clear();
    change_slot.reserve(ws.history.size());
    for (uint32_t i = 0; i < ws.history.size(); ++i) {
        const DealChange& line = ws.history[i];
        if (check_first == 0) {
            change_slot.set(line.meta.id, i);
            continue;
        }
        if (line.meta.id == kNoId || change_slot.insert(line.meta.id, i) != decltype(change_slot)::kMissing)
            return field_error("history[" + std::to_string(i) + "].id", "is missing or repeated");
        if (i < check_first && !deal_slot.contains(line.deal))
            return field_error("history[" + std::to_string(i) + "].deal", "names a deal that does not exist");
    }
    // History lines are listed oldest first within a deal: linked in time order, equal times in
    // table order. Sorted as (time, line) pairs read once in table order, for the reason above;
    // a table already in time order (lines are appended as they happen) is not sorted at all.
    std::vector<std::pair<Millis, uint32_t>> order(ws.history.size());
    for (uint32_t i = 0; i < order.size(); ++i) order[i] = {ws.history[i].meta.created_at, i};
    if (!std::is_sorted(order.begin(), order.end())) std::sort(order.begin(), order.end());
    history_head.assign(ws.deals.size(), kNoLine);
    history_orphans.clear();
    history_prev.assign(ws.history.size(), kNoLine);
    for (const auto& line : order) link_history(line.second);
    return ok_status();
}

}  // namespace dd
