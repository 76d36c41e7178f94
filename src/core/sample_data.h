// A realistic, deterministic sample workspace: for the demo, the tests and the benchmarks.
#pragma once
#include "core/model.h"

#include <cstddef>
#include <cstdint>

namespace dd {

// The same (seed, deal_count, now) always gives the same workspace, so the same JSON bytes.
// Holds: settings (base USD, rates for EUR, GBP, CAD, JPY), a team of 8 (an admin, six managers,
// a viewer; the admin is the current user), two pipelines ("New business" with six open stages,
// "Renewals" with three, each ending with Won and Lost), six lost reasons, one custom field of
// each type, about deal_count/5 companies with two or three contacts each, deal_count deals spread
// over stages and statuses with expected close dates around `now`, and about 0.6 activities,
// 0.3 notes and 2 history lines per deal. Every record is valid for Store::load.
Workspace make_sample_workspace(uint64_t seed, size_t deal_count, Millis now);

}  // namespace dd
