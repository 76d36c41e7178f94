// The invariants Store::load requires of a workspace (what the JSON loader must also guarantee).
#pragma once
#include "core/model.h"
#include "core/result.h"

namespace dd {

// Ok, or the first broken rule with its path: "deals[12].stage: is not a stage of the deal's pipeline".
// Rules: ids present and unique per kind (stage ids across all pipelines); every pipeline = open
// stages, then one Won (100 %) and one Lost (0 %) stage; a deal's stage is in its pipeline and its
// status matches the stage (Won/Lost stage <-> won/lost; open stage <-> open/abandoned); a deal has
// >= 1 existing contact; company/owner/lost_reason/custom fields exist when set; every deal currency
// is the base currency or has a rate; external refs unique; notes/activities/history point at
// existing records. Authors, actors, closed_by and activity owners may name removed members.
// Implemented by check_workspace (json_io.h): one set of rules for files and for the store.
Status validate_workspace(const Workspace& ws);

}  // namespace dd
