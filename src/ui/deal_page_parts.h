// The parts of the deal page, one file each (deal_page.cpp lays them out). Internal to the page.
#pragma once
#include "core/model.h"
#include "ui/view_context.h"

#include <string>

namespace dd::ui {

// The six highlights (stage, probability, value, expected close, owner, status), editable in place.
void draw_deal_highlights(ViewContext& ctx, const Deal& deal, bool editable, float width);
// The stage bar (click a stage to move there) and Won / Lost / Abandon, or Reopen when closed.
void draw_deal_stage_bar(ViewContext& ctx, const Deal& deal, bool editable, float width);
// The "mark as lost" dialog (reason from the list plus free text) and the delete confirmation.
void draw_deal_dialogs(ViewContext& ctx, const Deal& deal);
// The note composer and the activity composer (log a call, meeting, email or task).
void draw_deal_composer(ViewContext& ctx, const Deal& deal, bool editable, float width);
// Open tasks and planned activities with a done checkbox; overdue ones in the danger colour.
void draw_deal_planned(ViewContext& ctx, const Deal& deal, bool editable, float width);
// Opens the activity composer on an existing activity (timeline, planned list): its fields filled
// in, Save records an UpdateActivity with what changed.
void open_activity_editor(DealPageState& page, const Activity& activity);

// A small muted caption above a value ("Expected close").
void caption(const char* text, const Palette& p);
// Today as a civil date (UTC), from the frame's clock.
Day today_of(Millis now);
const char* status_label(DealStatus);

}  // namespace dd::ui
