// The pickers of the deal form (deal_form.cpp lays them out): contacts (search or create
// inline), company (choose or create inline), custom fields. Internal to the form.
#pragma once
#include "ui/view_context.h"

namespace dd::ui {

// Chosen contacts as removable chips, a search box listing matches and "Create contact".
void deal_form_contacts(ViewContext& ctx, float width);
// The company: a combo of companies, "No company", or a new one by name.
void deal_form_company(ViewContext& ctx, float width);
// One editor per custom field definition.
void deal_form_custom_fields(ViewContext& ctx, float width);
// Red text under a field when the last refusal named it (field names as the core's Error uses).
void deal_form_error(ViewContext& ctx, const char* field);   // scrolls to it after a refused save

}  // namespace dd::ui
