// Pieces shared by the contact and company pages (contacts.cpp, companies.cpp).
#pragma once
#include "ui/view_context.h"

#include <vector>

namespace dd::ui {

// "3 open · 2 closed · Won $12,400" over these deals, and their table: title (opens the deal
// page), stage, status, value, expected close. Open deals first, then closed.
void draw_deal_summary_and_table(ViewContext& ctx, const std::vector<Id>& deals, float width);
// A page header: back link to the list, big name, a muted line under it.
bool draw_record_header(ViewContext& ctx, const char* back_label, const char* icon, const std::string& name,
                        const std::string& subtitle);
// Case-insensitive (ASCII) "contains".
bool matches_filter(const std::string& text, const char* filter);

}  // namespace dd::ui
