// The list's filter popup: pipeline, stages, owners, statuses, value range, expected-close and
// created ranges, custom fields. Every filter combines with the others and with the search text.
#pragma once
#include "ui/view_context.h"

namespace dd::ui {

void draw_list_filters_button(ViewContext& ctx);
int active_filter_count(const DealQuery& q);
// The popup's text fields spelled from ls.filters (a saved view was chosen): the popup parses its
// fields back into the filters each frame it is open, so they must say what the filters hold.
void fill_filter_inputs(ListState& ls, const Workspace& ws);

}  // namespace dd::ui
