// The List view: every deal in one table, with filters, saved views, selection and bulk actions,
// CSV export and import. Registered in views.cpp.
#pragma once
#include "ui/view_context.h"

namespace dd::ui {

void draw_list_view(ViewContext& ctx);

}  // namespace dd::ui
