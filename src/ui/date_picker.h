// A calendar dropdown for picking a civil date: a field showing the date (in the workspace's
// locale) that opens a month grid; arrows page months, "Today" and "Clear" are one click.
// The month shown lives in ImGui's per-window state storage (keyed by the field's id), not here.
#pragma once
#include "core/model.h"
#include "ui/theme.h"

#include <string>

namespace dd::ui {

// Draws the field. `name` is its item label ("Expected close"). Returns true when the user
// picked a day or cleared it (then `day` holds the choice, kNoDay when cleared).
bool date_field(const char* name, Day& day, Day today, const std::string& locale, const Palette& p, float width);

// The month grid alone, inside a popup the caller opened. Returns true when a day was clicked.
bool month_grid(Day& day, int& year, int& month, Day today, const Palette& p);

}  // namespace dd::ui
