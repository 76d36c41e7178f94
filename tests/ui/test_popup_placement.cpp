// Popups opened by a click on a button, tile or field open just below that control (ImGui 1.86
// opens them at the pointer, over the control and what it says), above it when there is no room
// below, and always wholly on screen. Each control is clicked away from its bottom-left corner, so
// a popup at the pointer would start inside the control and fail the checks.
#include <doctest/doctest.h>

#include "board_fixture.h"
#include "list_fixture.h"
#include "imgui.h"
#include "people_fixture.h"
#include "ui/board_lanes.h"
#include "ui/theme.h"

#include <optional>
#include <string>

using namespace dd;
using namespace dd::ui;
using namespace dd::ui::test;

namespace {

// Clicks the control named `label` in its upper right part, where a user may well click; returns
// its rectangle as it was clicked.
ItemRecord click_off_corner(UiDriver& ui, const std::string& label) {
    const ItemRecord* found = ui.find(label);
    REQUIRE_MESSAGE(found != nullptr, "no control " << label);
    const ItemRecord control = *found;
    ui.click_at(control.x + control.w * 0.75f, control.y + control.h * 0.3f);
    return control;
}

// The item named `label` in the open popup's window (a stage name also shows in the rows).
const ItemRecord* in_popup(const UiDriver& ui, const std::string& label) {
    const std::optional<ItemRecord> popup = ui.open_popup();
    if (!popup) return nullptr;
    for (const ItemRecord& item : ui.app.items.last)
        if (item.label == label && item.window == popup->window) return &item;
    return nullptr;
}

// The open popup, checked to hold the item `inside` (so it is the control's popup, not another).
ItemRecord popup_holding(const UiDriver& ui, const std::string& inside) {
    const std::optional<ItemRecord> popup = ui.open_popup();
    REQUIRE_MESSAGE(popup.has_value(), "no popup open");
    REQUIRE_MESSAGE(in_popup(ui, inside) != nullptr, "no " << inside << " in the popup");
    return *popup;
}

void click_in_popup(UiDriver& ui, const std::string& label) {
    const ItemRecord* item = in_popup(ui, label);
    REQUIRE_MESSAGE(item != nullptr, "no " << label << " in the popup");
    ui.click_at(item->center_x(), item->center_y());
}

bool overlap(const ItemRecord& a, const ItemRecord& b) {
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

// Wholly on the display, and clear of the footer strip (the page's HTML buttons sit over it).
void check_on_screen(const UiDriver& ui, const ItemRecord& popup) {
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    CHECK(popup.x >= 0.0f);
    CHECK(popup.y >= 0.0f);
    CHECK(popup.x + popup.w <= display.x);
    CHECK(popup.y + popup.h <= display.y - kFooterHeight);
    (void)ui;
}

void check_below(const UiDriver& ui, const ItemRecord& popup, const ItemRecord& control) {
    CHECK(popup.y >= control.y + control.h);   // its top at or below the control's bottom
    CHECK_FALSE(overlap(popup, control));
    check_on_screen(ui, popup);
}

}  // namespace

TEST_CASE("popups: the top bar's pipeline picker opens below it, left-aligned with it") {
    UiDriver ui;
    load_sample(ui, 40);
    REQUIRE(ui.app.store.workspace().pipelines.size() >= 2);
    const ItemRecord picker = click_off_corner(ui, "Pipeline");
    const ItemRecord popup = popup_holding(ui, ui.app.store.workspace().pipelines[1].name);
    check_below(ui, popup, picker);
    CHECK(popup.x == doctest::Approx(picker.x));
}

TEST_CASE("popups: the People menu opens below its button, right-aligned, inside a narrow window too") {
    for (const float width : {1280.0f, 800.0f}) {
        CAPTURE(width);
        UiDriver ui(width, 700.0f);
        const ItemRecord button = click_off_corner(ui, "People");
        const ItemRecord popup = popup_holding(ui, "Team and permissions");
        check_below(ui, popup, button);
        CHECK(popup.x + popup.w == doctest::Approx(button.x + button.w));   // a few buttons from the right edge
        click_in_popup(ui, "Contacts");   // and it still works
        CHECK(ui.app.ui.view == View::Contacts);
    }
}

TEST_CASE("popups: a deal page tile's editor opens below the tile, which keeps showing its value") {
    UiDriver ui;
    open_sample_deal(ui);
    const ItemRecord stage = click_off_corner(ui, "Stage: Lead in");
    check_below(ui, popup_holding(ui, "Move to Proposal sent"), stage);
    click_in_popup(ui, "Move to Proposal sent");
    CHECK(ui.find("Stage: Proposal sent") != nullptr);

    // The last tile, at the right edge: right-aligned with it, and on screen.
    const ItemRecord status = click_off_corner(ui, "Status: Open");
    const ItemRecord popup = popup_holding(ui, "Status Won");
    check_below(ui, popup, status);
    CHECK(popup.x + popup.w == doctest::Approx(status.x + status.w));
}

TEST_CASE("popups: a board lane's sort menu opens below its button") {
    UiDriver ui(1800, 900);
    fill_starter(ui, 2);
    const ItemRecord button = click_off_corner(ui, "Sort Lead in");
    check_below(ui, popup_holding(ui, "Close date"), button);
    click_in_popup(ui, "Value");
    CHECK(sort_of(ui.app.ui.board, stage_named(ui, "Lead in").id) == LaneSort::Value);
}

TEST_CASE("popups: the list's bulk Move to stage opens below its button") {
    UiDriver ui(1400.0f, 900.0f);
    open_list_with_sample(ui, 60);
    const Deal& first = ui.app.ui.list.table->deal(ui.app.ui.list.rows[0]);
    const ItemRecord* row = nullptr;
    for (const ItemRecord& item : ui.app.items.last)
        if (item.full_label == first.title + "##" + id_to_string(first.meta.id)) row = &item;
    REQUIRE(row != nullptr);
    ui.click_at(row->x + 20, row->center_y());   // select it: the bulk bar shows
    ui.frame();
    REQUIRE(ui.app.ui.list.selected.size() == 1);
    const Stage& target = ui.app.store.workspace().pipelines[0].stages[2];
    const ItemRecord button = click_off_corner(ui, "Move to stage");
    check_below(ui, popup_holding(ui, target.name), button);
    click_in_popup(ui, target.name);
    CHECK(ui.app.store.find_deal(first.meta.id)->stage == target.id);
}

TEST_CASE("popups: near the bottom of the window a popup that does not fit below opens above its control") {
    UiDriver ui;
    open_sample_deal(ui);
    const ItemRecord* tile = ui.find("Owner: You");
    REQUIRE(tile != nullptr);
    // A window that ends just under the tiles (its footer strip included): no room below them.
    ui.resize(1280.0f, tile->y + tile->h + kFooterHeight + 30.0f);
    ui.frame(2);
    const ItemRecord owner = click_off_corner(ui, "Owner: You");
    const ItemRecord popup = popup_holding(ui, "Owner Nobody");
    CHECK(popup.y + popup.h <= owner.y);   // its bottom at or above the tile's top
    CHECK_FALSE(overlap(popup, owner));
    check_on_screen(ui, popup);
    click_in_popup(ui, "Owner Nobody");
    CHECK(ui.find("Owner: Nobody") != nullptr);
}
