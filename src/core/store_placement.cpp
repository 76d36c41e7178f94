// StoreIndexes::put_placement: the stage-move path of put(Deal&). Only the lane (when the stage
// or rank changed) and the lane totals depend on placement fields, so only they are touched.
#include "core/store_indexes.h"

namespace dd {

bool StoreIndexes::put_placement(DealPlacement& p) {
    const uint32_t slot = deal_slot.find(p.meta.id);
    if (slot == FlatIdMap::kMissing) return false;
    Deal& d = ws.deals[slot];
    const bool order_changed = d.stage != p.stage || d.rank != p.rank;
    const Money base = to_base(d.value, d.currency);   // value and currency are not placement fields
    add_totals(d, -1, base);
    if (order_changed) lane_erase(d);
    swap_placement(d, p);
    if (order_changed) lane_insert(slot);
    add_totals(d, +1, base);
    return true;
}

}  // namespace dd
