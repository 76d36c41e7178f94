// Pipeline settings driven headless: every change goes through a command (undoable), refused
// changes show the store's reason in the dialog, and stages with deals need a destination.
#include <doctest/doctest.h>

#include "board_fixture.h"
#include "imgui.h"

using namespace dd;
using namespace dd::ui;
using namespace dd::ui::test;

namespace {

void open_settings(UiDriver& ui) {
    REQUIRE(ui.click("Pipeline settings"));
    REQUIRE(ui.find("Stages of Sales pipeline") != nullptr);
}

// Clicks a field, selects its text, types the replacement and presses Enter.
void retype(UiDriver& ui, const char* field, const char* text) {
    REQUIRE_MESSAGE(ui.click(field), field);
    ui.press_key(ImGuiKey_A, true);
    ui.type(text);
    ui.press_key(ImGuiKey_Enter);
}

std::vector<std::string> stage_names(const UiDriver& ui) {
    std::vector<std::string> names;
    for (const Stage& s : shown_pipeline(ui).stages) names.push_back(s.name);
    return names;
}

}  // namespace

TEST_CASE("renaming a stage, setting its probability and idle days are commands, each undoable") {
    UiDriver ui(1400, 900);
    open_settings(ui);
    retype(ui, "Stage name Lead in", "Inbound");
    CHECK(stage_named(ui, "Inbound").probability == 10);
    retype(ui, "Probability of Inbound", "25");
    CHECK(stage_named(ui, "Inbound").probability == 25);
    retype(ui, "Idle days of Inbound", "3");
    CHECK(stage_named(ui, "Inbound").idle_days == 3);

    ui.press_key(ImGuiKey_Z, true);   // the dialog has no text field focused: Ctrl+Z is the app's
    CHECK(stage_named(ui, "Inbound").idle_days == 14);
    ui.press_key(ImGuiKey_Z, true);
    CHECK(stage_named(ui, "Inbound").probability == 10);
    ui.press_key(ImGuiKey_Z, true);
    CHECK(stage_names(ui).front() == "Lead in");
}

TEST_CASE("a probability over 100 is refused with the store's reason and nothing changes") {
    UiDriver ui(1400, 900);
    open_settings(ui);
    const size_t depth = ui.app.store.undo_depth();
    retype(ui, "Probability of Lead in", "140");
    CHECK(stage_named(ui, "Lead in").probability == 10);
    CHECK(ui.app.store.undo_depth() == depth);
    CHECK_FALSE(ui.app.ui.board.settings.message.empty());
    CHECK(ui.app.ui.board.settings.message.find("probab") != std::string::npos);
}

TEST_CASE("a stage's colour is picked from the swatches") {
    UiDriver ui(1400, 900);
    open_settings(ui);
    REQUIRE(ui.click("Colour of Lead in"));
    REQUIRE(ui.click("Colour 4"));
    CHECK(stage_named(ui, "Lead in").color == 0x3DBB7C);
    ui.press_key(ImGuiKey_Z, true);
    CHECK(stage_named(ui, "Lead in").color == 0x8E8EF5);
}

TEST_CASE("stages are added, reordered by drag and deleted when empty") {
    UiDriver ui(1400, 900);
    open_settings(ui);
    REQUIRE(ui.click("Add stage"));
    CHECK(stage_names(ui) == std::vector<std::string>{"Lead in", "Contact made", "Needs defined", "Proposal sent",
                                                      "Negotiation", "New stage", "Won", "Lost"});
    // Drag "Negotiation" above "Contact made".
    const ItemRecord handle = *ui.find("Reorder Negotiation");
    const ItemRecord onto = *ui.find("Reorder Contact made");
    ui.drag(handle.center_x(), handle.center_y(), onto.center_x(), onto.y + 2.0f);
    CHECK(stage_names(ui) == std::vector<std::string>{"Lead in", "Negotiation", "Contact made", "Needs defined",
                                                      "Proposal sent", "New stage", "Won", "Lost"});
    REQUIRE(ui.click("Delete stage New stage"));
    CHECK(stage_names(ui).size() == 7);
    ui.press_key(ImGuiKey_Z, true);
    CHECK(stage_names(ui).size() == 8);
    ui.press_key(ImGuiKey_Z, true);
    CHECK(stage_names(ui)[1] == "Contact made");
}

TEST_CASE("deleting a stage with deals first asks where they go, then moves them and deletes it") {
    UiDriver ui(1400, 900);
    const Id a = add_deal(ui, stage_named(ui, "Needs defined"), "Umbrella - Pilot");
    ui.frame(2);
    open_settings(ui);
    REQUIRE(ui.click("Delete stage Needs defined"));
    CHECK(stage_names(ui).size() == 7);   // not deleted yet
    REQUIRE(ui.find("Move and delete") != nullptr);
    REQUIRE(ui.click("Move deals to"));
    REQUIRE(ui.click("Move deals to Proposal sent"));
    REQUIRE(ui.click("Move and delete"));
    CHECK(stage_names(ui).size() == 6);
    CHECK(ui.app.store.find_deal(a)->stage == stage_named(ui, "Proposal sent").id);
    ui.press_key(ImGuiKey_Z, true);
    CHECK(stage_names(ui).size() == 7);
    CHECK(ui.app.store.find_deal(a)->stage == stage_named(ui, "Needs defined").id);
}

TEST_CASE("pipelines are created with a first stage plus Won and Lost, renamed, and deleted only when empty") {
    UiDriver ui(1400, 900);
    add_deal(ui, stage_named(ui, "Lead in"), "Initech - Upgrade");
    ui.frame(2);
    open_settings(ui);
    REQUIRE(ui.click("New pipeline name"));
    ui.type("Partners");
    REQUIRE(ui.click("First stage name"));
    ui.press_key(ImGuiKey_A, true);
    ui.type("Intro");
    REQUIRE(ui.click("Create pipeline"));
    const auto& pipelines = ui.app.store.workspace().pipelines;
    REQUIRE(pipelines.size() == 2);
    const Pipeline& partners = pipelines.back();
    CHECK(partners.name == "Partners");
    REQUIRE(partners.stages.size() == 3);
    CHECK(partners.stages[0].name == "Intro");
    CHECK(partners.stages[1].kind == StageKind::Won);
    CHECK(partners.stages[2].kind == StageKind::Lost);

    retype(ui, "Pipeline name Partners", "Channel partners");
    CHECK(ui.app.store.workspace().pipelines.back().name == "Channel partners");
    REQUIRE(ui.click("Move up Channel partners"));
    CHECK(ui.app.store.workspace().pipelines.front().name == "Channel partners");

    // The pipeline with a deal cannot go, and the dialog says why.
    const size_t depth = ui.app.store.undo_depth();
    REQUIRE(ui.click("Delete pipeline Sales pipeline"));
    CHECK(ui.app.store.workspace().pipelines.size() == 2);
    CHECK(ui.app.store.undo_depth() == depth);
    CHECK(ui.app.ui.board.settings.message.find("still has 1 deal") != std::string::npos);
    REQUIRE(ui.click("Delete pipeline Channel partners"));
    CHECK(ui.app.store.workspace().pipelines.size() == 1);
    ui.press_key(ImGuiKey_Z, true);
    CHECK(ui.app.store.workspace().pipelines.size() == 2);
}
