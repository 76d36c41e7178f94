// Deal queries for the list view, search and reports: filters plus a stable multi-key sort.
#pragma once
#include "core/model.h"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dd {

class Store;

// DealQuery, CustomFilter, DealColumn and SortKey are plain data in model.h (a SavedView record holds them).

bool deal_matches(const Store&, const Deal&, const DealQuery&);
// Matching deals sorted by the keys in order; ties keep the lane order (pipeline, stage, rank).
std::vector<const Deal*> query_deals(const Store&, const DealQuery&, const std::vector<SortKey>& sort);

}  // namespace dd
