// The start every List view test shares: a headless driver on the sample workspace (seed 5) of
// `deals` deals, the List view shown by clicking its switch in the top bar.
#pragma once
#include "core/sample_data.h"
#include "ui/app_frame.h"
#include "ui_driver.h"

#include <doctest/doctest.h>

namespace dd::ui::test {

inline void open_list_with_sample(UiDriver& ui, size_t deals) {
    REQUIRE(load_workspace_into(ui.app, make_sample_workspace(5, deals, ui.now), ui.now, "Sample").ok());
    ui.frame();
    REQUIRE(ui.click("List"));
    REQUIRE(ui.app.ui.view == View::List);
}

}  // namespace dd::ui::test
