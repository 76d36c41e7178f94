// Team and permissions in the UI: who may edit (the core refuses viewers' commands too; the UI
// disables editing so a viewer never sees a control that cannot work), the team settings page
// (members, roles, who uses this device) and the first-start "who are you?" dialog.
#pragma once
#include "core/store.h"
#include "ui/view_context.h"

namespace dd::ui {

// The current user may create, edit and move deals, contacts, notes... (manager or admin).
bool can_edit_data(const Store&);
// The current user may change workspace settings (admin).
bool can_edit_settings(const Store&);
// "Name" of a team member, "Nobody" for none, "(removed)" for a dangling id.
const char* member_name(const Store&, Id member);

// The View::Team row: members with roles, add / edit / remove, current user choice.
void draw_team_settings(ViewContext& ctx);
// The top bar's round badge with the current user's initials (named "Current user: <name>");
// a click opens Team and permissions, where the choice is changed.
void draw_current_user_badge(ViewContext& ctx, float size);

}  // namespace dd::ui
