// The app shell driven headless through the path a user takes: the mouse on the item registry's
// rectangles, typed characters, the store's undo history.
#include <doctest/doctest.h>

#include "imgui.h"
#include "ui_driver.h"

using dd::ui::View;
using dd::ui::ThemeKind;
using dd::ui::test::UiDriver;

namespace {

std::string pipeline_name(const UiDriver& ui) {
    return ui.app.store.find_pipeline(ui.app.ui.pipeline)->name;
}

}  // namespace

TEST_CASE("the first start shows the starter pipeline and the board placeholder") {
    UiDriver ui;
    CHECK(ui.fonts_from_system);   // Inter (OTF/CFF) and Font Awesome rasterize with ImGui's stb_truetype
    REQUIRE(ui.app.ui.pipeline != dd::kNoId);
    CHECK(pipeline_name(ui) == "Sales pipeline");
    for (const char* label : {"Board", "List", "Forecast", "Search", "Undo", "Redo", "Toggle theme", "Load sample data", "Pipeline"})
        CHECK_MESSAGE(ui.find(label) != nullptr, label);
    CHECK(ui.find("Lead in") != nullptr);   // the board: its first lane
}

TEST_CASE("the view switcher changes the view") {
    UiDriver ui;
    REQUIRE(ui.app.ui.view == View::Board);
    REQUIRE(ui.click("List"));
    CHECK(ui.app.ui.view == View::List);
    CHECK(ui.find("Export CSV") != nullptr);    // the list view's toolbar
    CHECK(ui.find("Lead in") == nullptr);       // the board's first lane is gone
    REQUIRE(ui.click("Forecast"));
    CHECK(ui.app.ui.view == View::Forecast);
    CHECK(ui.find("Forecasts arrive in a later release") != nullptr);   // says plainly it comes later
    CHECK(ui.find("Export CSV") == nullptr);
    REQUIRE(ui.click("Board"));
    CHECK(ui.app.ui.view == View::Board);
}

TEST_CASE("the undo and redo buttons undo and redo a command through the store") {
    UiDriver ui;
    const dd::Id pipeline = ui.app.ui.pipeline;
    CHECK_FALSE(ui.app.store.can_undo());
    auto applied = ui.app.store.apply(dd::RenamePipeline{pipeline, "Enterprise"}, {ui.app.store.settings().current_user, ui.now});
    REQUIRE(applied.ok());
    ui.frame();
    REQUIRE(ui.app.store.can_undo());

    REQUIRE(ui.click("Undo"));
    CHECK(pipeline_name(ui) == "Sales pipeline");
    CHECK(ui.app.store.can_redo());
    CHECK_FALSE(ui.app.ui.toast.text.empty());   // the undo is announced

    REQUIRE(ui.click("Redo"));
    CHECK(pipeline_name(ui) == "Enterprise");

    // With nothing left to redo the button is disabled: a click does nothing.
    REQUIRE(ui.click("Redo"));
    CHECK(pipeline_name(ui) == "Enterprise");
}

TEST_CASE("Ctrl+Z undoes when no text field has focus") {
    UiDriver ui;
    REQUIRE(ui.app.store.apply(dd::RenamePipeline{ui.app.ui.pipeline, "Enterprise"}, {ui.app.store.settings().current_user, ui.now}).ok());
    ui.press_key(ImGuiKey_Z, /*ctrl=*/true);
    CHECK(pipeline_name(ui) == "Sales pipeline");
    ui.press_key(ImGuiKey_Z, true, /*shift=*/true);
    CHECK(pipeline_name(ui) == "Enterprise");
}

TEST_CASE("the search box takes typed text") {
    UiDriver ui;
    REQUIRE(ui.click("Search"));
    CHECK(ImGui::GetIO().WantTextInput);
    ui.type("acme");
    CHECK(std::string(ui.app.ui.search) == "acme");
}

TEST_CASE("the theme toggle switches theme, and back") {
    UiDriver ui;
    const ImVec4 light_bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    REQUIRE(ui.app.ui.theme == ThemeKind::Light);
    REQUIRE(ui.click("Toggle theme"));
    CHECK(ui.app.ui.theme == ThemeKind::Dark);
    CHECK(ImGui::GetStyle().Colors[ImGuiCol_WindowBg].x < light_bg.x);   // the style followed
    REQUIRE(ui.click("Toggle theme"));
    CHECK(ui.app.ui.theme == ThemeKind::Light);
}

TEST_CASE("the item registry reports rectangles that contain the click point") {
    UiDriver ui;
    for (const char* label : {"Board", "List", "Forecast", "Undo", "Search"}) {
        const dd::ui::ItemRecord* item = ui.find(label);
        REQUIRE_MESSAGE(item, label);
        CHECK(item->w > 0);
        CHECK(item->h > 0);
        ui.move_mouse(item->center_x(), item->center_y());
        // ImGui itself agrees: the item under the mouse is this one.
        CHECK_MESSAGE(ImGui::GetCurrentContext() != nullptr, label);
        const dd::ui::ItemRecord* again = ui.find(label);
        REQUIRE(again);
        CHECK(again->contains(ImGui::GetIO().MousePos.x, ImGui::GetIO().MousePos.y));
    }
    // Labels are the visible text only: no "##id" suffixes.
    for (const auto& item : ui.app.items.last) CHECK(item.label.find("##") == std::string::npos);
}

TEST_CASE("the top bar fits an 800 px window") {
    UiDriver ui(800.0f, 600.0f);
    float right = 0;
    const dd::ui::ItemRecord* board = ui.find("Board");
    REQUIRE(board);
    for (const auto& item : ui.app.items.last)
        if (item.window == "Top bar") right = std::max(right, item.x + item.w);
    CHECK(right <= 800.0f);
    CHECK(ui.find("Load sample data") != nullptr);
}

TEST_CASE("Load sample data fills the store through the loader, and asks before replacing deals") {
    UiDriver ui;
    REQUIRE(ui.app.store.workspace().deals.empty());
    REQUIRE(ui.click("Load sample data"));
    CHECK(ui.app.store.workspace().deals.size() > 100);
    CHECK(ui.app.store.find_pipeline(ui.app.ui.pipeline) != nullptr);   // the picker follows
    const size_t deals = ui.app.store.workspace().deals.size();

    // Now there are deals: the action asks first, and Cancel leaves everything as it was.
    REQUIRE(ui.click("Load sample data"));
    REQUIRE(ui.find("Replace workspace") != nullptr);
    REQUIRE(ui.click("Cancel"));
    CHECK(ui.find("Replace workspace") == nullptr);
    CHECK(ui.app.store.workspace().deals.size() == deals);
}

TEST_CASE("the pipeline picker lists the store's pipelines and switches the shown one") {
    UiDriver ui;
    REQUIRE(ui.click("Load sample data"));
    REQUIRE(ui.app.store.workspace().pipelines.size() >= 2);
    const std::string second = ui.app.store.workspace().pipelines[1].name;
    REQUIRE(pipeline_name(ui) != second);
    REQUIRE(ui.click("Pipeline"));
    REQUIRE_MESSAGE(ui.find(second) != nullptr, "the picker does not list " << second);
    REQUIRE(ui.click(second));
    CHECK(pipeline_name(ui) == second);
    CHECK(ui.find(second) == nullptr);   // the list closed after the choice
}
