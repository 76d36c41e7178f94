// The bulk action bar shown while rows are selected: move to stage, set owner, set status, delete
// (confirmed; one undo step), select all filtered, clear. It records commands only; each bulk
// action is one command, so one undo step. "Set status: Lost" asks the reason once for the set.
#pragma once
#include "ui/view_context.h"

namespace dd::ui {

void draw_list_bulk_bar(ViewContext& ctx);
void draw_list_delete_confirm(ViewContext& ctx);
void draw_list_bulk_lost_dialog(ViewContext& ctx);

}  // namespace dd::ui
