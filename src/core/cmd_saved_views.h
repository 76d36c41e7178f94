// Private to the store: what deleting a pipeline, stage, custom field or team member does to the
// saved views that name it (saved_view.h's forget_*), as part of the deleting command's undo step.
#pragma once
#include "core/cmd_support.h"
#include <functional>

namespace dd::cmd {

// Runs `forget` on a copy of every saved view and puts back (revision + 1) those it changed.
void update_views(Tx& tx, const Ctx& ctx, const std::function<bool(SavedView&)>& forget);

// Saved views carry rights per record (saved_view.h): an undo or redo step that would change a
// view (as it is now, or as the step puts it back) is refused when `actor` may not change that
// view, e.g. after switching who you are in Team settings. The role-level check stays the store's.
Status may_restore_views(const StoreIndexes& ix, const Images& images, Id actor);

}  // namespace dd::cmd
