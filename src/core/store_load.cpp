// Store::load's gate: the invariants every index and command relies on, checked on plain data.
// One implementation of them serves both the JSON loader and the store: check_workspace
// (json_io_check.cpp), whose errors name the record by its JSON path ("deals[12].stage").
#include "core/store_load.h"
#include "core/json_io.h"

namespace dd {

Status validate_workspace(const Workspace& ws) { return check_workspace(ws); }

Result<CheckedWorkspace> CheckedWorkspace::check(Workspace ws) {
    if (Status s = validate_workspace(ws); !s) return s.error();
    return CheckedWorkspace(std::move(ws));
}

}  // namespace dd
