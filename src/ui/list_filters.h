// The list's filter popup: pipeline, stages, owners, statuses, value range, expected-close and
// created ranges, custom fields. Every filter combines with the others and with the search text.
#pragma once
#include "ui/view_context.h"

namespace dd::ui {

void draw_list_filters_button(ViewContext& ctx);
int active_filter_count(const DealQuery& q);

}  // namespace dd::ui
