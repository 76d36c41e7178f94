// Private to the store: what deleting a pipeline, stage, custom field or team member does to the
// saved views that name it (saved_view.h's forget_*), as part of the deleting command's undo step.
#pragma once
#include "core/cmd_support.h"
#include <functional>

namespace dd::cmd {

// Runs `forget` on a copy of every saved view and puts back (revision + 1) those it changed.
void update_views(Tx& tx, const Ctx& ctx, const std::function<bool(SavedView&)>& forget);

}  // namespace dd::cmd
