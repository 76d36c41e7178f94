// The table of main-area views: name, icon and draw function per View. The top bar's switcher
// and app_frame both read it, so a new view is one row here (views.cpp) plus its draw function.
#pragma once
#include "ui/app_state.h"
#include "ui/view_context.h"

#include <cstddef>

namespace dd::ui {

struct ViewInfo {
    View view;
    const char* name;   // the switcher's label ("Board"): also what tests click
    const char* icon;
    void (*draw)(ViewContext&);
    bool in_switcher = true;   // false: a page reached from elsewhere (a deal, contacts, team)
};

const ViewInfo* views_begin();
const ViewInfo* views_end();
const ViewInfo& view_info(View);

}  // namespace dd::ui
