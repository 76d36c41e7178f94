// The workspace a first start begins with: one "Sales pipeline" with the stages most small
// sales teams use, no deals yet, and one team member (the person at this device, an admin).
#pragma once
#include "core/ids.h"
#include "core/model.h"

namespace dd {

Workspace make_starter_workspace(IdGenerator& ids, Millis now);

}  // namespace dd
