// The app shell driven headless through the path a user takes: the mouse on the item registry's
// rectangles, typed characters, the store's undo history.
#include <doctest/doctest.h>

#include "core/sample_data.h"
#include "core/starter_workspace.h"
#include "imgui.h"
#include "ui/team_settings.h"
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

namespace {

// A workspace as another device left it: a team, but nobody chosen on this one.
void load_team_without_current_user(UiDriver& ui) {
    dd::Workspace ws = dd::make_sample_workspace(3, 20, ui.now);
    ws.settings.current_user = dd::kNoId;
    REQUIRE(dd::ui::load_workspace_into(ui.app, std::move(ws), ui.now, "Loaded").ok());
    ui.frame(3);
}

}  // namespace

TEST_CASE("first start: the starter and sample workspaces name their user, so nobody is asked") {
    UiDriver ui;
    CHECK(ui.find("Who are you?") == nullptr);
    CHECK(ui.find("Current user: You") != nullptr);   // the top bar's badge
    REQUIRE(ui.click("Load sample data"));
    ui.frame(2);
    CHECK(ui.find("Who are you?") == nullptr);
    CHECK(ui.app.store.current_user() != nullptr);
}

TEST_CASE("first start: a team but nobody chosen on this device: the dialog lists the team, a pick sets the user") {
    UiDriver ui;
    load_team_without_current_user(ui);
    REQUIRE(ui.find("Who are you?") != nullptr);
    const dd::TeamMember& dana = ui.app.store.workspace().team[1];
    for (const dd::TeamMember& m : ui.app.store.workspace().team)
        CHECK_MESSAGE(ui.find("I am " + m.name) != nullptr, m.name);
    CHECK(ui.find("Current user: nobody") != nullptr);
    // Modal: the views behind it do not take clicks.
    REQUIRE(ui.click("List"));
    CHECK(ui.app.ui.view == View::Board);
    REQUIRE(ui.click("I am " + dana.name));
    REQUIRE(ui.app.store.current_user() != nullptr);
    CHECK(ui.app.store.current_user()->meta.id == dana.meta.id);
    CHECK(ui.find("Who are you?") == nullptr);
    CHECK(ui.find("Current user: " + dana.name) != nullptr);
    REQUIRE(ui.click("List"));   // the app answers again
    CHECK(ui.app.ui.view == View::List);
}

TEST_CASE("first start: \"I'm new here\" adds you as a viewer and chooses you; a blank name is refused in place") {
    UiDriver ui;
    load_team_without_current_user(ui);
    const size_t team = ui.app.store.workspace().team.size();
    REQUIRE(ui.click("I'm new here"));
    REQUIRE(ui.click("Join as a viewer"));
    CHECK(ui.find("Error: name: must not be empty") != nullptr);
    CHECK(ui.app.store.workspace().team.size() == team);
    REQUIRE(ui.click("Your name"));
    ui.type("Nina Newcomer");
    ui.press_key(ImGuiKey_Enter);
    REQUIRE(ui.app.store.workspace().team.size() == team + 1);
    const dd::TeamMember* me = ui.app.store.current_user();
    REQUIRE(me != nullptr);
    CHECK(me->name == "Nina Newcomer");
    CHECK(me->role == dd::Role::Viewer);
    CHECK_FALSE(dd::ui::can_edit_data(ui.app.store));   // an admin gives more rights later
    CHECK(ui.find("Who are you?") == nullptr);
    CHECK(ui.find("Current user: Nina Newcomer") != nullptr);
}

TEST_CASE("first start: a workspace without a team offers to create yourself as its admin") {
    UiDriver ui;
    dd::Workspace ws = dd::make_starter_workspace(ui.app.ids, ui.now);
    ws.team.clear();
    ws.settings.current_user = dd::kNoId;
    REQUIRE(dd::ui::load_workspace_into(ui.app, std::move(ws), ui.now, "Loaded").ok());
    ui.frame(3);
    REQUIRE(ui.find("Welcome! Who are you?") != nullptr);
    REQUIRE(ui.click("Your name"));
    ui.type("Ada Admin");
    REQUIRE(ui.click("Create me as the admin"));
    REQUIRE(ui.app.store.current_user() != nullptr);
    CHECK(ui.app.store.current_user()->name == "Ada Admin");
    CHECK(ui.app.store.current_user()->role == dd::Role::Admin);
    CHECK(dd::ui::can_edit_settings(ui.app.store));
    CHECK(ui.find("Welcome! Who are you?") == nullptr);
}

TEST_CASE("first start: \"Not now\" looks around read only; Team and permissions still offers the choice") {
    UiDriver ui;
    load_team_without_current_user(ui);
    REQUIRE(ui.click("Not now"));
    CHECK(ui.find("Who are you?") == nullptr);
    CHECK(ui.app.store.current_user() == nullptr);
    CHECK_FALSE(dd::ui::can_edit_data(ui.app.store));
    ui.frame(3);
    CHECK(ui.find("Who are you?") == nullptr);   // not asked again this session
    REQUIRE(ui.click("Current user: nobody"));   // the badge opens the team settings
    CHECK(ui.app.ui.view == View::Team);
    const dd::TeamMember& first = ui.app.store.workspace().team[0];
    REQUIRE(ui.click("Current user"));
    REQUIRE(ui.click("Be " + first.name));
    CHECK(ui.app.store.current_user()->meta.id == first.meta.id);
}
