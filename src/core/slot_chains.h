// SlotChains: records grouped by an owner record (a deal's activities and notes, a company's deals
// and contacts, a contact's deals) without a hash node and a vector per owner. Most owners have a
// handful of members, so each group is a singly linked chain through slot numbers, newest first:
//  * head: parallel to the owners' vector, the newest member of each owner (kNone: none);
//  * orphans: the same for owners that are absent (an undo or a cascade puts and erases owners and
//    their members in either order), by owner id;
//  * next: parallel to the members (record slots, or link numbers), the next older member.
// 4 bytes per owner and per member instead of a 40-byte hash node, a bucket and a vector.
// Owners are found through their id -> slot map (any map with find(Id) -> slot or kNone), passed
// to every call that needs it.
// Unlink and renumber walk one owner's chain: cheap for these short groups (owners with long
// groups, a team member's deals, keep a vector).
#pragma once
#include "core/flat_id_map.h"
#include <cstdint>
#include <vector>

namespace dd {

struct SlotChains {
    static constexpr uint32_t kNone = FlatIdMap::kMissing;
    std::vector<uint32_t> head;
    FlatIdMap orphans;
    std::vector<uint32_t> next;

    template <typename Owners>
    uint32_t head_of(Id owner, const Owners& owners) const {
        if (owner == kNoId) return kNone;
        const uint32_t s = owners.find(owner);
        return s != kNone ? head[s] : orphans.find(owner);
    }
    // Calls f(member) for each member of `owner`, newest first.
    template <typename Owners, typename F>
    void for_each(Id owner, const Owners& owners, const F& f) const {
        for (uint32_t m = head_of(owner, owners); m != kNone; m = next[m]) f(m);
    }

    // Makes `m` (not in any chain) the newest member of `owner` (kNoId: no chain).
    // One lookup of the owner (not head_of's, then set_head's): Store::load links every deal to
    // its company and contacts, and each lookup is a cache miss or two in a large workspace.
    template <typename Owners>
    void link(uint32_t m, Id owner, const Owners& owners) {
        if (owner == kNoId) return;
        const uint32_t s = owners.find(owner);
        if (s != kNone) {
            next[m] = head[s];
            head[s] = m;
            return;
        }
        next[m] = orphans.find(owner);
        orphans.set(owner, m);
    }
    template <typename Owners>
    void unlink(uint32_t m, Id owner, const Owners& owners) {
        if (owner == kNoId) return;
        uint32_t l = head_of(owner, owners);
        if (l == m) set_head(owner, next[m], owners);
        else {
            while (l != kNone && next[l] != m) l = next[l];
            if (l != kNone) next[l] = next[m];
        }
        next[m] = kNone;
    }
    // The member numbered `from` (in `owner`'s chain) is now numbered `to` (a swap-erase moved its
    // record; `to` is in no chain): whoever pointed at `from` points at `to`.
    template <typename Owners>
    void renumber(uint32_t from, uint32_t to, Id owner, const Owners& owners) {
        if (owner != kNoId) {
            uint32_t l = head_of(owner, owners);
            if (l == from) set_head(owner, to, owners);
            else {
                while (next[l] != from) l = next[l];
                next[l] = to;
            }
        }
        next[to] = next[from];
        next[from] = kNone;
    }

    // Owner lifecycle. owner_added: right after the owner got the slot head.size() in its map
    // (a chain parked with the orphans comes back). owner_erased: before its map forgets it and
    // the last owner moves into `slot`: its chain is parked, the last owner's head moves too.
    void owner_added(Id owner) {
        const uint32_t h = orphans.find(owner);
        if (h != kNone) orphans.erase(owner);
        head.push_back(h);
    }
    void owner_erased(Id owner, uint32_t slot) {
        if (head[slot] != kNone) orphans.set(owner, head[slot]);
        head[slot] = head.back();
        head.pop_back();
    }

    // Empties every chain for `owners` owners and `members` members (before linking them all).
    void reset(size_t owners, size_t members) {
        head.assign(owners, kNone);
        orphans.clear();
        next.assign(members, kNone);
    }

private:
    template <typename Owners>
    void set_head(Id owner, uint32_t m, const Owners& owners) {
        const uint32_t s = owners.find(owner);
        if (s != kNone) head[s] = m;
        else if (m == kNone) orphans.erase(owner);
        else orphans.set(owner, m);
    }
};

}  // namespace dd
