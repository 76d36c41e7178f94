// The invariants Store::load requires of a workspace (what the JSON loader must also guarantee),
// and CheckedWorkspace: a workspace known to meet them, so opening a file checks it once.
#pragma once
#include "core/model.h"
#include "core/result.h"

#include <utility>

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

// A workspace that passed validate_workspace and cannot have changed since: it is built only by
// check() (or by a loader that called it) and gives read-only access, so Store::load takes it
// without checking again. Why: the check walks every record and costs about as much as building
// the store's indexes (~50 ms for 100,000 deals); a file used to be checked by the loader and
// again by Store::load. A moved-from or released CheckedWorkspace no longer counts as checked, so
// Store::load checks whatever it holds then: nothing unchecked reaches the store this way.
class CheckedWorkspace {
public:
    // The workspace, checked; or the first broken rule (the workspace is then dropped).
    static Result<CheckedWorkspace> check(Workspace ws);

    // Empty and not checked (a holder to move a checked one into later): Store::load checks it.
    CheckedWorkspace() = default;

    CheckedWorkspace(CheckedWorkspace&& other) noexcept
        : ws_(std::move(other.ws_)), checked_(std::exchange(other.checked_, false)) {}
    CheckedWorkspace& operator=(CheckedWorkspace&& other) noexcept {
        ws_ = std::move(other.ws_);
        checked_ = std::exchange(other.checked_, false);
        return *this;
    }
    CheckedWorkspace(const CheckedWorkspace&) = delete;
    CheckedWorkspace& operator=(const CheckedWorkspace&) = delete;

    const Workspace& workspace() const { return ws_; }
    bool checked() const { return checked_; }
    // Hands the workspace over (to the store, or to change it: it is then a plain Workspace).
    Workspace release() && {
        checked_ = false;
        return std::move(ws_);
    }

private:
    explicit CheckedWorkspace(Workspace ws) : ws_(std::move(ws)), checked_(true) {}

    Workspace ws_;
    bool checked_ = false;
};

}  // namespace dd
