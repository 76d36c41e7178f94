// The card's context menu (move to a stage, won, lost, duplicate, delete) and the dialog that
// asks why a deal was lost (a drop on Lost, "Mark as lost"). Each records commands only.
#pragma once
#include "ui/view_context.h"

namespace dd::ui {

void draw_deal_menu(ViewContext& ctx);
void draw_lost_dialog(ViewContext& ctx);

// Opens the lost dialog for moving `deal` into its pipeline's Lost stage.
void ask_lost_reason(ViewContext& ctx, Id deal, Id before = kNoId);

}  // namespace dd::ui
