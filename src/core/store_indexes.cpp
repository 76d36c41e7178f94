#include "core/store_indexes.h"
#include <algorithm>

namespace dd {

namespace {

// Inserts or replaces a record in its vector + id map. Calls before(old) / after(new) so the
// kind-specific indexes can follow, and for a new record added(slot) as soon as it has its slot
// (in the map and the vector), before after(new). A replaced record is swapped into `rec`;
// returns true then.
template <typename T, typename Map, typename Before, typename After, typename Added>
bool chained_put(std::vector<T>& v, Map& m, T& rec, const Before& before, const After& after, const Added& added) {
    uint32_t slot = m.find(rec.meta.id);
    const bool replaced = slot != FlatIdMap::kMissing;
    if (replaced) {
        before(v[slot]);
        std::swap(v[slot], rec);
    } else {
        slot = uint32_t(v.size());
        m.set(rec.meta.id, slot);
        v.push_back(std::move(rec));
        added(slot);
    }
    after(v[slot]);
    return replaced;
}

// chained_put for records outside chains (nothing to do when a record gets its slot).
template <typename T, typename Map, typename Before, typename After>
bool table_put(std::vector<T>& v, Map& m, T& rec, const Before& before, const After& after) {
    return chained_put(v, m, rec, before, after, [](uint32_t) {});
}

// Swap-erase; before(old) runs while the record is still in place. The map forgets the id
// before another record moves into its slot (a RecordSlotMap reads ids from the records).
template <typename T, typename Map, typename Before>
bool table_erase(std::vector<T>& v, Map& m, Id id, uint32_t& revision, const Before& before) {
    uint32_t slot = m.find(id);
    if (slot == FlatIdMap::kMissing) return false;
    before(v[slot]);
    revision = v[slot].meta.revision;
    m.erase(id);
    uint32_t last = uint32_t(v.size() - 1);
    if (slot != last) {
        v[slot] = std::move(v[last]);
        m.set(v[slot].meta.id, slot);
    }
    v.pop_back();
    return true;
}

auto nothing = [](const auto&) {};

// table_erase for records in chains: before(old, slot) while the record is in place and the maps
// know it; moved(from, to) before the last record moves into the hole; popped() after the vector
// shrank.
template <typename T, typename Map, typename Before, typename Moved, typename Popped>
bool chained_erase(std::vector<T>& v, Map& m, Id id, uint32_t& revision, const Before& before, const Moved& moved,
                   const Popped& popped) {
    const uint32_t slot = m.find(id);
    if (slot == FlatIdMap::kMissing) return false;
    before(v[slot], slot);
    revision = v[slot].meta.revision;
    m.erase(id);   // before another record moves into the slot (see table_erase)
    const uint32_t last = uint32_t(v.size() - 1);
    if (slot != last) {
        moved(last, slot);
        v[slot] = std::move(v[last]);
        m.set(v[slot].meta.id, slot);
    }
    v.pop_back();
    popped();
    return true;
}

// The kinds kept in a slot chain by an owner (contacts by company, activities and notes by deal):
// a put keeps the record in place when its owner is unchanged, else unlinks it from the old
// owner's chain and links it into the new one's; an erase unlinks it, renumbers the record that
// moves into its slot and drops the chain's last link. owner_of(record) is the owner's id;
// added(slot) and erased(record, slot) do what else the kind's indexes need.
template <typename T, typename Map, typename Owners, typename OwnerOf, typename Added>
bool chain_member_put(std::vector<T>& v, Map& m, T& rec, SlotChains& chains, const Owners& owners, const OwnerOf& owner_of,
                      const Added& added) {
    const uint32_t slot = m.find(rec.meta.id);
    if (slot != FlatIdMap::kMissing && owner_of(v[slot]) == owner_of(rec)) {
        std::swap(v[slot], rec);   // keeps its place in its owner's chain
        return true;
    }
    return chained_put(v, m, rec, [&](const T& o) { chains.unlink(slot, owner_of(o), owners); },
                       [&](const T& n) { chains.link(m.find(n.meta.id), owner_of(n), owners); },
                       [&](uint32_t at) {
                           added(at);
                           chains.next.push_back(SlotChains::kNone);
                       });
}

template <typename T, typename Map, typename Owners, typename OwnerOf, typename Erased>
bool chain_member_erase(std::vector<T>& v, Map& m, Id id, uint32_t& revision, SlotChains& chains, const Owners& owners,
                        const OwnerOf& owner_of, const Erased& erased) {
    return chained_erase(v, m, id, revision,
        [&](const T& o, uint32_t slot) {
            chains.unlink(slot, owner_of(o), owners);
            erased(o, slot);
        },
        [&](uint32_t from, uint32_t to) { chains.renumber(from, to, owner_of(v[from]), owners); },
        [&] { chains.next.pop_back(); });
}

// A chain's members in linking order (oldest first), as ids.
template <typename T, typename Owners>
std::vector<Id> chain_ids(const SlotChains& chains, Id owner, const Owners& owners, const std::vector<T>& members) {
    std::vector<Id> out;
    chains.for_each(owner, owners, [&](uint32_t m) { out.push_back(members[m].meta.id); });
    std::reverse(out.begin(), out.end());
    return out;
}

__extension__ typedef __int128 Int128;   // exact money * rate products (clang and gcc, native and wasm)

// Rounds n / d (d > 0) half away from zero.
int64_t div_round(Int128 n, int64_t d) {
    Int128 q = n / d, r = n % d;
    if (r * 2 >= d) ++q;
    else if (-r * 2 >= d) --q;
    return int64_t(q);
}

}  // namespace

void unlist(IdLists& lists, Id key, Id id) {
    if (key == kNoId) return;
    auto it = lists.find(key);
    if (it == lists.end()) return;
    auto& v = it->second;
    auto pos = std::find(v.begin(), v.end(), id);
    if (pos != v.end()) v.erase(pos);   // keeps the order (history, notes are listed oldest first)
    if (v.empty()) lists.erase(it);
}

const Stage* StoreIndexes::stage(Id id) const {
    const StageInfo* info = stage_info(id);
    if (!info) return nullptr;
    const Pipeline* p = pipeline(info->pipeline);
    return p && info->index < p->stages.size() ? &p->stages[info->index] : nullptr;
}

bool StoreIndexes::has_rate(Currency c) const {
    if (c == ws.settings.base_currency) return true;
    for (const auto& r : ws.settings.rates)
        if (r.currency == c) return true;
    return false;
}

Money StoreIndexes::to_base(Money amount, Currency c) const {
    if (c == ws.settings.base_currency) return amount;
    for (const auto& r : ws.settings.rates)
        if (r.currency == c) return div_round(Int128(amount) * r.rate_ppm, 1'000'000);
    return amount;   // unreachable for validated data: every used currency has a rate
}

int StoreIndexes::probability_of(const Deal& d) const {
    if (d.status == DealStatus::Won) return 100;
    if (d.status == DealStatus::Lost) return 0;
    if (d.probability_override >= 0) return d.probability_override;
    const StageInfo* info = stage_info(d.stage);
    return info ? info->probability : 0;
}

void StoreIndexes::add_totals(const Deal& d, int sign) { add_totals(d, sign, to_base(d.value, d.currency)); }

void StoreIndexes::add_totals(const Deal& d, int sign, Money base) {
    Lane& lane = lanes[d.stage];
    LaneTotals& t = lane.totals[size_t(d.status)];
    t.count += sign;
    t.total += sign * base;
    t.weighted_x100 += sign * base * probability_of(d);
}

void StoreIndexes::lane_insert(uint32_t slot) {
    const Deal& d = ws.deals[slot];
    lanes[d.stage].order.insert(slot, key_of(d), slot_key());
}

void StoreIndexes::lane_erase(const Deal& d) {
    auto it = lanes.find(d.stage);
    if (it == lanes.end()) return;
    it->second.order.erase(key_of(d), slot_key());
    // A lane whose stage no longer exists lives only while it still holds deals (undo order).
    if (it->second.order.empty() && !stages.count(d.stage)) lanes.erase(it);
}

void StoreIndexes::index_deal_links(uint32_t slot) {
    const Deal& d = ws.deals[slot];
    if (d.owner != kNoId) owner_deals[d.owner].push_back(slot);
    company_deals.link(slot, d.company, company_slot);
    for (size_t k = 0; k < d.contacts.size(); ++k) {
        if (k < 2) contact_deals.link(2 * slot + uint32_t(k), d.contacts[k], contact_slot);
        else list(deals_by_extra_contact, d.contacts[k], d.meta.id);
    }
    if (!d.external_ref.empty()) deal_by_ref.set(d.external_ref, slot, ref_of());
}

void StoreIndexes::unindex_deal_links(uint32_t slot) {
    const Deal& d = ws.deals[slot];
    if (d.owner != kNoId) {
        auto it = owner_deals.find(d.owner);
        if (it != owner_deals.end()) {
            auto& v = it->second;
            auto pos = std::find(v.begin(), v.end(), slot);
            if (pos != v.end()) v.erase(pos);   // keeps the order
            if (v.empty()) owner_deals.erase(it);
        }
    }
    company_deals.unlink(slot, d.company, company_slot);
    for (size_t k = 0; k < d.contacts.size(); ++k) {
        if (k < 2) contact_deals.unlink(2 * slot + uint32_t(k), d.contacts[k], contact_slot);
        else unlist(deals_by_extra_contact, d.contacts[k], d.meta.id);
    }
    deal_by_ref.erase(d.external_ref, slot);
}

const Deal* StoreIndexes::deal_by_external_ref(std::string_view ref) const {
    const uint32_t s = deal_by_ref.find(ref, ref_of());
    return s == RefIndex::kMissing ? nullptr : &ws.deals[s];
}

std::vector<Id> StoreIndexes::deals_of_owner(Id member) const {
    std::vector<Id> out;
    auto it = owner_deals.find(member);
    if (it != owner_deals.end())
        for (uint32_t s : it->second) out.push_back(ws.deals[s].meta.id);
    return out;
}

std::vector<Id> StoreIndexes::deals_of_company(Id company) const {
    return chain_ids(company_deals, company, company_slot, ws.deals);
}

std::vector<Id> StoreIndexes::deals_of_contact(Id contact) const {
    std::vector<Id> out;
    contact_deals.for_each(contact, contact_slot, [&](uint32_t link) { out.push_back(ws.deals[link / 2].meta.id); });
    std::reverse(out.begin(), out.end());
    auto it = deals_by_extra_contact.find(contact);
    if (it != deals_by_extra_contact.end()) out.insert(out.end(), it->second.begin(), it->second.end());
    return out;
}

size_t StoreIndexes::deal_count_of_contact(Id contact) const {
    size_t n = 0;
    contact_deals.for_each(contact, contact_slot, [&](uint32_t) { ++n; });
    auto it = deals_by_extra_contact.find(contact);
    return it == deals_by_extra_contact.end() ? n : n + it->second.size();
}

std::vector<Id> StoreIndexes::contacts_of_company(Id company) const {
    return chain_ids(company_contacts, company, company_slot, ws.contacts);
}

std::vector<Id> StoreIndexes::activities_of(Id deal) const { return chain_ids(deal_activities, deal, deal_slot, ws.activities); }

std::vector<Id> StoreIndexes::notes_of(Id deal) const { return chain_ids(deal_notes, deal, deal_slot, ws.notes); }

bool StoreIndexes::put(Deal& d) {
    drop_tombstone(d.meta.id);
    uint32_t slot = deal_slot.find(d.meta.id);
    if (slot == FlatIdMap::kMissing) {
        slot = uint32_t(ws.deals.size());
        // Lines put before their deal (undo order) were parked with the orphans.
        uint32_t head = history_orphans.find(d.meta.id);
        if (head != kNoLine) history_orphans.erase(d.meta.id);
        deal_slot.set(d.meta.id, slot);
        ws.deals.push_back(std::move(d));
        history_head.push_back(head);
        const Deal& nd = ws.deals[slot];
        deal_activities.owner_added(nd.meta.id);
        deal_notes.owner_added(nd.meta.id);
        company_deals.next.push_back(SlotChains::kNone);
        contact_deals.next.resize(2 * ws.deals.size(), SlotChains::kNone);
        index_deal_links(slot);
        add_totals(nd, +1);
        lane_insert(slot);
        return false;
    }
    Deal& old = ws.deals[slot];
    // Only the indexes whose keys changed are touched: a stage move costs two lane operations.
    const bool links_changed = old.owner != d.owner || old.company != d.company || old.contacts != d.contacts ||
                               old.external_ref != d.external_ref;
    const bool order_changed = old.stage != d.stage || old.rank != d.rank;
    add_totals(old, -1);
    if (links_changed) unindex_deal_links(slot);
    if (order_changed) lane_erase(old);
    std::swap(old, d);
    if (links_changed) index_deal_links(slot);
    if (order_changed) lane_insert(slot);
    add_totals(old, +1);
    return true;
}

// ---- history chains ----

std::vector<Id> StoreIndexes::history_ids(Id deal) const {
    std::vector<Id> out;
    for (uint32_t l = history_head_of(deal); l != kNoLine; l = history_prev[l]) out.push_back(ws.history[l].meta.id);
    std::reverse(out.begin(), out.end());
    return out;
}

void StoreIndexes::set_history_head(Id deal, uint32_t line) {
    const uint32_t s = deal_slot.find(deal);
    if (s != FlatIdMap::kMissing) history_head[s] = line;
    else if (line == kNoLine) history_orphans.erase(deal);
    else history_orphans.set(deal, line);
}

void StoreIndexes::link_history(uint32_t line) {
    const Id deal = ws.history[line].deal;
    // history_head_of + set_history_head with one lookup of the deal (every move links a line).
    const uint32_t s = deal_slot.find(deal);
    if (s != FlatIdMap::kMissing) {
        history_prev[line] = history_head[s];
        history_head[s] = line;
        return;
    }
    history_prev[line] = history_orphans.find(deal);
    history_orphans.set(deal, line);
}

void StoreIndexes::unlink_history(uint32_t line) {
    const Id deal = ws.history[line].deal;
    // The deal looked up once for reading and writing its head: an undo erases its lines newest
    // first, so each is the head (history_head_of then set_history_head looked it up twice).
    const uint32_t s = deal_slot.find(deal);
    uint32_t l = s != FlatIdMap::kMissing ? history_head[s] : history_orphans.find(deal);
    if (l == line) {
        if (s != FlatIdMap::kMissing) history_head[s] = history_prev[line];
        else set_history_head(deal, history_prev[line]);
        return;
    }
    while (l != kNoLine && history_prev[l] != line) l = history_prev[l];
    if (l != kNoLine) history_prev[l] = history_prev[line];
}

void StoreIndexes::erase_history(uint32_t line) {
    unlink_history(line);
    const uint32_t last = uint32_t(ws.history.size() - 1);
    if (line != last) {
        // The last line moves into the hole: whoever pointed at it (its deal's head or a newer
        // line of its deal) now points at the hole.
        const Id deal = ws.history[last].deal;
        uint32_t l = history_head_of(deal);
        if (l == last) set_history_head(deal, line);
        else {
            while (history_prev[l] != last) l = history_prev[l];
            history_prev[l] = line;
        }
        history_prev[line] = history_prev[last];
        ws.history[line] = std::move(ws.history[last]);
        change_slot.set(ws.history[line].meta.id, line);
    }
    ws.history.pop_back();
    history_prev.pop_back();
}

bool StoreIndexes::put(Contact& c) {
    drop_tombstone(c.meta.id);
    return chain_member_put(ws.contacts, contact_slot, c, company_contacts, company_slot,
                            [](const Contact& x) { return x.company; },
                            [&](uint32_t added) { contact_deals.owner_added(ws.contacts[added].meta.id); });
}

bool StoreIndexes::put(Company& c) {
    drop_tombstone(c.meta.id);
    return chained_put(ws.companies, company_slot, c, nothing, nothing, [&](uint32_t added) {
        company_deals.owner_added(ws.companies[added].meta.id);
        company_contacts.owner_added(ws.companies[added].meta.id);
    });
}

bool StoreIndexes::put(TeamMember& m) {
    drop_tombstone(m.meta.id);
    return table_put(ws.team, member_slot, m, nothing, nothing);
}

bool StoreIndexes::put(Activity& a) {
    drop_tombstone(a.meta.id);
    return chain_member_put(ws.activities, activity_slot, a, deal_activities, deal_slot,
                            [](const Activity& x) { return x.deal; }, [](uint32_t) {});
}

bool StoreIndexes::put(Note& n) {
    drop_tombstone(n.meta.id);
    return chain_member_put(ws.notes, note_slot, n, deal_notes, deal_slot, [](const Note& x) { return x.deal; },
                            [](uint32_t) {});
}

bool StoreIndexes::put(DealChange& c) {
    drop_tombstone(c.meta.id);
    uint32_t slot = change_slot.insert(c.meta.id, uint32_t(ws.history.size()));   // mapped before the push: see set()
    if (slot == FlatIdMap::kMissing) {
        slot = uint32_t(ws.history.size());
        ws.history.push_back(std::move(c));
        history_prev.push_back(kNoLine);
        link_history(slot);
        return false;
    }
    // A line keeps its place in its deal's chain unless it moved to another deal (never in practice).
    const bool moved = ws.history[slot].deal != c.deal;
    if (moved) unlink_history(slot);
    std::swap(ws.history[slot], c);
    if (moved) link_history(slot);
    return true;
}

bool StoreIndexes::put(CustomFieldDef& f) {
    drop_tombstone(f.meta.id);
    return table_put(ws.custom_fields, field_slot, f, nothing, nothing);
}

bool StoreIndexes::put(LostReason& r) {
    drop_tombstone(r.meta.id);
    return table_put(ws.lost_reasons, reason_slot, r, nothing, nothing);
}

bool StoreIndexes::put(SavedView& v) {
    drop_tombstone(v.meta.id);
    return table_put(ws.saved_views, view_slot, v, nothing, nothing);
}

void StoreIndexes::index_stages(const Pipeline& p) {
    for (uint32_t i = 0; i < p.stages.size(); ++i) {
        const Stage& s = p.stages[i];
        stages[s.id] = StageInfo{p.meta.id, s.probability, s.kind, s.idle_days, i, CompactString(s.name)};
        lanes[s.id];   // every stage has a lane, even an empty one
    }
}

bool StoreIndexes::put(Pipeline& p) {
    drop_tombstone(p.meta.id);
    std::vector<Id> touched;
    if (const Pipeline* old = pipeline(p.meta.id)) {
        for (const Stage& s : old->stages) {
            stages.erase(s.id);
            touched.push_back(s.id);
        }
    }
    for (const Stage& s : p.stages) touched.push_back(s.id);
    const bool replaced = table_put(ws.pipelines, pipeline_slot, p, nothing, [&](const Pipeline& n) { index_stages(n); });
    // Probabilities may have changed: the totals of these lanes are recounted (settings edits are rare).
    for (Id s : touched) {
        auto it = lanes.find(s);
        if (it == lanes.end()) continue;
        if (!stages.count(s) && it->second.order.empty()) lanes.erase(it);
        else recompute_lane_totals(s);
    }
    resort_pipelines();
    return replaced;
}

void StoreIndexes::resort_pipelines() {
    auto& v = ws.pipelines;
    if (std::is_sorted(v.begin(), v.end(), pipeline_before)) return;
    std::sort(v.begin(), v.end(), pipeline_before);
    for (uint32_t i = 0; i < v.size(); ++i) pipeline_slot.set(v[i].meta.id, i);
    for (const Pipeline& p : v) index_stages(p);   // indexes of stages within are unchanged; cheap
}

void StoreIndexes::put_settings(WorkspaceSettings s) {
    const bool money_changed = !(s.base_currency == ws.settings.base_currency) || s.rates.size() != ws.settings.rates.size() ||
                               !std::equal(s.rates.begin(), s.rates.end(), ws.settings.rates.begin(),
                                           [](const ExchangeRate& a, const ExchangeRate& b) {
                                               return a.currency == b.currency && a.rate_ppm == b.rate_ppm;
                                           });
    ws.settings = std::move(s);
    if (money_changed) recompute_all_totals();
}

bool StoreIndexes::erase(RecordKind kind, Id id, Millis now) {
    uint32_t revision = 0;
    bool erased = false;
    switch (kind) {
    case RecordKind::Deal: {
        uint32_t slot = deal_slot.find(id);
        if (slot == FlatIdMap::kMissing) return false;
        const Deal& d = ws.deals[slot];
        revision = d.meta.revision;
        add_totals(d, -1);
        unindex_deal_links(slot);
        lane_erase(d);
        if (history_head[slot] != kNoLine) history_orphans.set(id, history_head[slot]);   // lines outlive it
        deal_activities.owner_erased(id, slot);   // so do its activities and notes (undo order)
        deal_notes.owner_erased(id, slot);
        deal_slot.erase(id);   // while the deal is still at its slot (the map reads ids from the deals)
        uint32_t last = uint32_t(ws.deals.size() - 1);
        if (slot != last) {
            const Deal& moved = ws.deals[last];
            company_deals.renumber(last, slot, moved.company, company_slot);
            if (moved.owner != kNoId) {
                auto& v = owner_deals[moved.owner];
                *std::find(v.begin(), v.end(), last) = slot;
            }
            for (size_t k = 0; k < moved.contacts.size() && k < 2; ++k)
                contact_deals.renumber(2 * last + uint32_t(k), 2 * slot + uint32_t(k), moved.contacts[k], contact_slot);
            deal_by_ref.renumber(moved.external_ref, last, slot);
            lanes[moved.stage].order.replace_slot(key_of(moved), slot, slot_key());
            deal_slot.set(moved.meta.id, slot);
            ws.deals[slot] = std::move(ws.deals[last]);
            history_head[slot] = history_head[last];
        }
        ws.deals.pop_back();
        history_head.pop_back();
        company_deals.next.pop_back();
        contact_deals.next.resize(2 * ws.deals.size());
        erased = true;
        break;
    }
    case RecordKind::Pipeline: {
        std::vector<Id> stage_ids;
        erased = table_erase(ws.pipelines, pipeline_slot, id, revision, [&](const Pipeline& p) {
            for (const Stage& s : p.stages) stage_ids.push_back(s.id);
        });
        if (!erased) return false;
        for (Id s : stage_ids) {
            stages.erase(s);
            auto it = lanes.find(s);
            if (it != lanes.end() && it->second.order.empty()) lanes.erase(it);
        }
        resort_pipelines();
        break;
    }
    case RecordKind::Contact:
        erased = chain_member_erase(ws.contacts, contact_slot, id, revision, company_contacts, company_slot,
            [](const Contact& x) { return x.company; },
            // Its deals' links outlive it (undo order).
            [&](const Contact&, uint32_t slot) { contact_deals.owner_erased(id, slot); });
        break;
    case RecordKind::Company:
        erased = chained_erase(ws.companies, company_slot, id, revision,
            [&](const Company&, uint32_t slot) {
                company_deals.owner_erased(id, slot);
                company_contacts.owner_erased(id, slot);
            },
            [](uint32_t, uint32_t) {}, [] {});
        break;
    case RecordKind::TeamMember: erased = table_erase(ws.team, member_slot, id, revision, nothing); break;
    case RecordKind::Activity:
        erased = chain_member_erase(ws.activities, activity_slot, id, revision, deal_activities, deal_slot,
                                    [](const Activity& x) { return x.deal; }, [](const Activity&, uint32_t) {});
        break;
    case RecordKind::Note:
        erased = chain_member_erase(ws.notes, note_slot, id, revision, deal_notes, deal_slot,
                                    [](const Note& x) { return x.deal; }, [](const Note&, uint32_t) {});
        break;
    case RecordKind::DealChange: {
        // Unmapped in the same probe that finds it (before the last line moves into its slot).
        const uint32_t slot = change_slot.take(id);
        if (slot == FlatIdMap::kMissing) return false;
        revision = ws.history[slot].meta.revision;
        erase_history(slot);
        erased = true;
        break;
    }
    case RecordKind::CustomField: erased = table_erase(ws.custom_fields, field_slot, id, revision, nothing); break;
    case RecordKind::LostReason: erased = table_erase(ws.lost_reasons, reason_slot, id, revision, nothing); break;
    case RecordKind::SavedView: erased = table_erase(ws.saved_views, view_slot, id, revision, nothing); break;
    case RecordKind::Settings: return false;
    }
    if (erased) add_tombstone(kind, id, revision + 1, now);
    return erased;
}

void StoreIndexes::drop_tombstone(Id id) {
    if (tombstone_slot.size() == 0) return;
    const uint32_t slot = tombstone_slot.find(id);
    if (slot == FlatIdMap::kMissing) return;
    const uint32_t last = uint32_t(ws.tombstones.size() - 1);
    tombstone_slot.erase(id);
    if (slot != last) {
        ws.tombstones[slot] = ws.tombstones[last];
        tombstone_slot.set(ws.tombstones[slot].id, slot);
    }
    ws.tombstones.pop_back();
}

void StoreIndexes::add_tombstone(RecordKind kind, Id id, uint32_t revision, Millis now) {
    // Undoing stage moves adds a tombstone per history line it erases (180,000 for 100,000
    // moves, from none): grown by about 2.25x rather than the tables' 1.5x, so the ids are
    // re-inserted about half as often (each re-insert is a random write into the new table).
    if ((tombstone_slot.size() + 1) * 4 > tombstone_slot.capacity() * 3) tombstone_slot.reserve(tombstone_slot.size() * 2);
    // Usually the id has no tombstone yet: mapped in one probe. Otherwise the old one goes first
    // (drop_tombstone) and the new one is appended, as before.
    if (tombstone_slot.insert(id, uint32_t(ws.tombstones.size())) != FlatIdMap::kMissing) {
        drop_tombstone(id);
        tombstone_slot.set(id, uint32_t(ws.tombstones.size()));
    }
    ws.tombstones.push_back(Tombstone{kind, id, revision, now});
}

}  // namespace dd
