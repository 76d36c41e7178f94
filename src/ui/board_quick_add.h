// Quick add at the top of a lane: title, value and an optional contact; Enter creates the deal.
//
// The store requires a contact on every deal. The contact field is optional: left empty, the
// new deal gets a new contact named after the title's organisation -- the part of the title
// before " - ", " \xe2\x80\x93 " or ":" ("Acme - renewal" -> "Acme"), else the whole title. The value is in
// the workspace's base currency; the owner is the current user.
#pragma once
#include "core/commands.h"
#include "ui/view_context.h"

#include <string>

namespace dd::ui {

// Draws the "Add deal" button, or the form when it is open for this stage. Returns its height.
float draw_quick_add(ViewContext& ctx, const Stage& stage, float width);

// The organisation part of a deal title (see above).
std::string organisation_of(const std::string& title);

// The CreateDeal a filled form makes (validation of the fields is the store's).
CreateDeal quick_add_command(ViewContext& ctx, const Stage& stage, const std::string& title, Money value,
                             const std::string& contact);

}  // namespace dd::ui
