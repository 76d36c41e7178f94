// RecordSlotMap: record id -> slot in the store's vector of those records (deals, contacts,
// companies, activities, notes, history lines): the large id indexes. 8 bytes per entry instead
// of FlatIdMap's 12: an entry keeps 32 bits of the id and the slot; the whole id is read from the
// record itself (records[slot].meta.id) to confirm a match, which holds because the map only
// ever points at where each record is. Hence the order rules for the callers:
//  * set(id, slot) once records[slot] holds the record (or, for a new one, right before it is
//    pushed at slot == size: only the other entries are read then);
//  * erase(id) while the record is still at its slot (before a swap-erase moves another into it).
// Open addressing as FlatIdMap (open_table.h). It reads the vector it was given: a member
// of the struct that owns that vector, not copyable.
#pragma once
#include "core/model.h"
#include "core/open_table.h"
#include "core/prefetch.h"
#include <cstdint>
#include <vector>

namespace dd {

struct SlotEntry {
    uint32_t tag = 0;
    uint32_t slot = 0xffffffffu;   // 0xffffffff: an empty entry
};
static_assert(sizeof(SlotEntry) == 8, "an entry is two 32-bit words");

// The tag is the hash's high half and the home is the tag scaled to the table, so an entry's home
// is known from the entry alone: a rehash and the backward shift of an erase read no record (with
// 300,000 history lines, each such read was a cache miss).
struct SlotEntryPolicy {
    static uint32_t tag(Id key) { return uint32_t((key * 0x9e3779b97f4a7c15ULL) >> 32); }
    static bool empty(const SlotEntry& e) { return e.slot == 0xffffffffu; }
    static uint32_t home_hash(const SlotEntry& e) { return e.tag; }
};

template <typename T, typename Records = std::vector<T>>   // Records: a vector-like of T (history: ChunkedVector)
class RecordSlotMap : public OpenTable<SlotEntry, SlotEntryPolicy> {
public:
    static constexpr uint32_t kMissing = 0xffffffffu;

    explicit RecordSlotMap(const Records& records) : records_(&records) {}
    RecordSlotMap(const RecordSlotMap&) = delete;
    RecordSlotMap& operator=(const RecordSlotMap&) = delete;

    DD_TABLE_INLINE uint32_t find(Id key) const {
        if (key == kNoId) return kMissing;
        const uint32_t t = SlotEntryPolicy::tag(key);
        const size_t i = find_index(t, [&](const SlotEntry& e) { return e.tag == t && id_at(e.slot) == key; });
        return i == kNowhere ? kMissing : entries_[i].slot;
    }
    bool contains(Id key) const { return find(key) != kMissing; }
    // As find(), but a candidate's whole record is requested with the line that holds its id
    // (prefetch.h): for the first lookup of a record the caller then reads all over (a stage
    // move reads a deal's id, title, stage, rank, status and close fields, four or five cache
    // lines of a 216-byte Deal). Its other lines then arrive with the first, not one by one
    // as the command gets to them.
    DD_TABLE_INLINE uint32_t find_fetching(Id key) const {
        if (key == kNoId) return kMissing;
        const uint32_t t = SlotEntryPolicy::tag(key);
        const size_t i = find_index(t, [&](const SlotEntry& e) {
            if (e.tag != t) return false;
            prefetch_record(e.slot);
            return id_at(e.slot) == key;
        });
        return i == kNowhere ? kMissing : entries_[i].slot;
    }
    // Starts loading the entry where a lookup of `key` begins (prefetch.h): a hint, no effect.
    void prefetch(Id key) const {
        if (!entries_.empty()) dd_prefetch(&entries_[home(SlotEntryPolicy::tag(key))]);
    }
    // Starts loading every cache line of records[slot].
    DD_TABLE_INLINE void prefetch_record(uint32_t slot) const { dd_prefetch_range(&(*records_)[slot], sizeof(T)); }

    // Inserts or overwrites (see the order rules above).
    DD_TABLE_INLINE void set(Id key, uint32_t slot) {
        const uint32_t t = SlotEntryPolicy::tag(key);
        bool found = false;
        const size_t i = insert_index(t, [&](const SlotEntry& e) { return e.tag == t && id_at(e.slot) == key; }, found);
        if (found) entries_[i].slot = slot;
        else fill(i, SlotEntry{t, slot});
    }

    // Inserts key -> slot when the key is absent (returns kMissing) or leaves the map as it is and
    // returns the key's slot: one probe where find() then set() take two (a new history line on
    // every stage move). The order rules are set()'s.
    DD_TABLE_INLINE uint32_t insert(Id key, uint32_t slot) {
        const uint32_t t = SlotEntryPolicy::tag(key);
        bool found = false;
        const size_t i = insert_index(t, [&](const SlotEntry& e) { return e.tag == t && id_at(e.slot) == key; }, found);
        if (found) return entries_[i].slot;
        fill(i, SlotEntry{t, slot});
        return kMissing;
    }

    DD_TABLE_INLINE bool erase(Id key) {
        if (key == kNoId) return false;
        const uint32_t t = SlotEntryPolicy::tag(key);
        const size_t i = find_index(t, [&](const SlotEntry& e) { return e.tag == t && id_at(e.slot) == key; });
        if (i == kNowhere) return false;
        erase_at(i);
        return true;
    }

    // erase() that returns the slot the key had (kMissing: absent), in one probe where find()
    // then erase() take two (undoing a stage move erases its history lines).
    DD_TABLE_INLINE uint32_t take(Id key) {
        if (key == kNoId) return kMissing;
        const uint32_t t = SlotEntryPolicy::tag(key);
        const size_t i = find_index(t, [&](const SlotEntry& e) { return e.tag == t && id_at(e.slot) == key; });
        if (i == kNowhere) return kMissing;
        const uint32_t slot = entries_[i].slot;
        erase_at(i);
        return slot;
    }

private:
    Id id_at(uint32_t slot) const { return (*records_)[slot].meta.id; }

    const Records* records_;
};

}  // namespace dd
