// The deal form: one dialog to create a deal or edit one. Title, value and currency, pipeline
// and stage (the stage list follows the pipeline), owner, contacts (search or create inline),
// company, expected close (date picker), probability override, commit, reference, description,
// custom fields. Choosing the first contact pre-fills the title. The store checks the command
// before it is recorded, so a refused save keeps the form open with the error under its field.
// Enter saves, Esc cancels.
#pragma once
#include "ui/view_context.h"

namespace dd::ui {

// Opens the form for a new deal (in the shown pipeline; contact pre-chosen when not kNoId).
void open_deal_form_new(ViewContext& ctx, Id contact = kNoId);
void open_deal_form_new(const Store& store, UiState& ui, Id contact = kNoId);
// Opens the form on an existing deal.
void open_deal_form_edit(ViewContext& ctx, Id deal);

// Draws the dialog when open; call once per frame (any view).
void draw_deal_form(ViewContext& ctx);

// Builds the command the form describes (CreateDeal or UpdateDeal), or the first error in the
// form's own fields (value, dates, numbers) with the field it is about.
Result<Command> deal_form_command(const ViewContext& ctx);

}  // namespace dd::ui
