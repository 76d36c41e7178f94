// SlotChains (the store's short groups: a deal's activities and notes, a company's deals and
// contacts, a contact's deals) and RefIndex (external reference -> deal slot): each agrees with a
// plain model through random operations in the order the store does them, owners and members
// swap-erased like the store's record vectors, members whose owner is absent included.
#include "core/ref_index.h"
#include "core/slot_chains.h"
#include <doctest/doctest.h>
#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <vector>

using namespace dd;

namespace {

// Owners and members as the store keeps them: vectors, an owner id -> slot map, swap-erase.
struct ChainWorld {
    std::vector<Id> owners;           // owner ids by slot
    FlatIdMap owner_slot;
    std::vector<Id> member_owner;     // each member's owner (kNoId: none)
    SlotChains chains;

    void add_owner(Id id) {
        owner_slot.set(id, uint32_t(owners.size()));
        owners.push_back(id);
        chains.owner_added(id);
    }
    void erase_owner(uint32_t slot) {
        const Id id = owners[slot];
        chains.owner_erased(id, slot);
        owners[slot] = owners.back();
        owners.pop_back();
        if (slot < owners.size()) owner_slot.set(owners[slot], slot);
        owner_slot.erase(id);
    }
    void add_member(Id owner) {
        const uint32_t m = uint32_t(member_owner.size());
        member_owner.push_back(owner);
        chains.next.push_back(SlotChains::kNone);
        chains.link(m, owner, owner_slot);
    }
    void erase_member(uint32_t m) {
        chains.unlink(m, member_owner[m], owner_slot);
        const uint32_t last = uint32_t(member_owner.size() - 1);
        if (m != last) {
            chains.renumber(last, m, member_owner[last], owner_slot);
            member_owner[m] = member_owner[last];
        }
        member_owner.pop_back();
        chains.next.pop_back();
    }
    void move_member(uint32_t m, Id owner) {
        chains.unlink(m, member_owner[m], owner_slot);
        member_owner[m] = owner;
        chains.link(m, owner, owner_slot);
    }
    // The members of `owner` from the chain and from a recount, sorted (a chain is in linking order).
    std::vector<uint32_t> listed(Id owner) const {
        std::vector<uint32_t> out;
        chains.for_each(owner, owner_slot, [&](uint32_t m) { out.push_back(m); });
        std::sort(out.begin(), out.end());
        return out;
    }
    std::vector<uint32_t> recount(Id owner) const {
        std::vector<uint32_t> out;
        for (uint32_t m = 0; m < member_owner.size(); ++m)
            if (member_owner[m] == owner) out.push_back(m);
        return out;
    }
};

}  // namespace

TEST_CASE("SlotChains list each owner's members exactly through adds, moves and swap-erases of both") {
    std::mt19937_64 rng(3);
    ChainWorld w;
    std::vector<Id> ids;   // present and absent owners alike
    for (Id i = 1; i <= 12; ++i) ids.push_back(i * 0x100000001ULL);
    for (int i = 0; i < 6; ++i) w.add_owner(ids[size_t(i)]);
    size_t orphaned_checks = 0;
    for (int step = 0; step < 20000; ++step) {
        const int roll = int(rng() % 100);
        const Id any_owner = rng() % 10 == 0 ? kNoId : ids[rng() % ids.size()];
        if (roll < 35) {
            w.add_member(any_owner);
        } else if (roll < 55 && !w.member_owner.empty()) {
            w.erase_member(uint32_t(rng() % w.member_owner.size()));
        } else if (roll < 75 && !w.member_owner.empty()) {
            w.move_member(uint32_t(rng() % w.member_owner.size()), any_owner);
        } else if (roll < 88 && !w.owners.empty()) {
            w.erase_owner(uint32_t(rng() % w.owners.size()));   // its members stay, parked
        } else {
            const Id id = ids[rng() % ids.size()];
            if (!w.owner_slot.contains(id)) w.add_owner(id);   // its parked members come back
        }
        REQUIRE(w.chains.head.size() == w.owners.size());
        for (Id id : ids) {
            if (!w.owner_slot.contains(id) && !w.recount(id).empty()) ++orphaned_checks;
            if (w.listed(id) != w.recount(id)) FAIL("step " << step << ": members of owner " << id);
        }
    }
    CHECK(orphaned_checks > 1000);   // absent owners with members were checked too
    CHECK(w.listed(kNoId).empty());
}

TEST_CASE("RefIndex finds each reference's deal through sets, replaced holders, erases and renumbering") {
    std::mt19937_64 rng(5);
    std::vector<std::string> refs_of_slot;   // the "deals": each slot's reference ("" = none)
    std::map<std::string, uint32_t> model;
    RefIndex index;
    auto ref_of = [&](uint32_t slot) -> std::string_view { return refs_of_slot[slot]; };
    for (int step = 0; step < 30000; ++step) {
        const int roll = int(rng() % 100);
        const std::string ref = rng() % 8 == 0 ? "" : "NW-" + std::to_string(rng() % 400);
        if (roll < 45) {   // a new deal, with a reference or none
            const uint32_t slot = uint32_t(refs_of_slot.size());
            refs_of_slot.push_back(ref);
            if (!ref.empty()) {
                index.set(ref, slot, ref_of);
                model[ref] = slot;   // a new holder replaces the old one, as before
            }
        } else if (roll < 70 && !refs_of_slot.empty()) {   // a deal changes its reference
            const uint32_t slot = uint32_t(rng() % refs_of_slot.size());
            const std::string old = refs_of_slot[slot];
            index.erase(old, slot);
            if (model.count(old) && model[old] == slot) model.erase(old);
            refs_of_slot[slot] = ref;
            if (!ref.empty()) {
                index.set(ref, slot, ref_of);
                model[ref] = slot;
            }
        } else if (!refs_of_slot.empty()) {   // swap-erase a deal, as the store does
            const uint32_t slot = uint32_t(rng() % refs_of_slot.size());
            const uint32_t last = uint32_t(refs_of_slot.size() - 1);
            const std::string old = refs_of_slot[slot];
            index.erase(old, slot);
            if (model.count(old) && model[old] == slot) model.erase(old);
            if (slot != last) {
                index.renumber(refs_of_slot[last], last, slot);
                auto it = model.find(refs_of_slot[last]);
                if (it != model.end() && it->second == last) it->second = slot;
                refs_of_slot[slot] = refs_of_slot[last];
            }
            refs_of_slot.pop_back();
        }
        if (step % 97 == 0 || step > 29900) {
            REQUIRE(index.size() == model.size());
            for (int i = 0; i < 400; ++i) {
                const std::string r = "NW-" + std::to_string(i);
                auto it = model.find(r);
                CHECK(index.find(r, ref_of) == (it == model.end() ? RefIndex::kMissing : it->second));
            }
        }
    }
    CHECK(index.find("", ref_of) == RefIndex::kMissing);
    CHECK(model.size() > 50);
}
