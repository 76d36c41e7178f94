// The board driven headless like a user: lanes and cards on screen, drag and drop between lanes
// and within a lane, the lost-reason dialog, the undo toast and shortcuts.
#include <doctest/doctest.h>

#include "board_fixture.h"
#include "core/board_queries.h"
#include "imgui.h"
#include "ui/board_lanes.h"

using namespace dd;
using namespace dd::ui;
using namespace dd::ui::test;

namespace {

const Deal& deal(const UiDriver& ui, Id id) { return *ui.app.store.find_deal(id); }

// A copy of an item of the last frame (the registry's records are replaced every frame).
ItemRecord item(const UiDriver& ui, const char* label) {
    const ItemRecord* r = ui.find(label);
    REQUIRE_MESSAGE(r != nullptr, label);
    return *r;
}

}  // namespace

TEST_CASE("the board shows one lane per stage, Won and Lost last, with the lane figures") {
    UiDriver ui(1800, 900);
    fill_starter(ui, 3);
    const Pipeline& p = shown_pipeline(ui);
    for (const Stage& s : p.stages) CHECK_MESSAGE(ui.find(s.name) != nullptr, s.name);
    CHECK(ui.find("Won")->x > ui.find("Negotiation")->x);
    CHECK(ui.find("Lost")->x > ui.find("Won")->x);
    // Lead in holds $1,000 + $2,000 + $3,000 = $6,000 at 10 %: "$6,000 · $600 weighted".
    CHECK(ui.find("$6,000  \xc2\xb7  $600 weighted") != nullptr);
    // Every card is an item labelled with its title.
    CHECK(ui.find("Lead in 1") != nullptr);
    CHECK(ui.find("Negotiation 3") != nullptr);
}

TEST_CASE("dragging a card to another lane moves the deal there, above the card it was dropped on") {
    UiDriver ui(1800, 900);
    fill_starter(ui, 3);
    const Stage& lead = stage_named(ui, "Lead in");
    const Stage& contact = stage_named(ui, "Contact made");
    const Id moved = lane_ids(ui, lead.id)[0];
    const ItemRecord from = item(ui, "Lead in 1");
    const ItemRecord onto = item(ui, "Contact made 2");
    // Drop on the upper part of "Contact made 2": the deal lands between 1 and 2.
    ui.drag(from.center_x(), from.center_y(), onto.center_x(), onto.y + 10.0f);
    CHECK(deal(ui, moved).stage == contact.id);
    const std::vector<Id> order = lane_ids(ui, contact.id);
    REQUIRE(order.size() == 4);
    CHECK(order[1] == moved);
    CHECK(lane_ids(ui, lead.id).size() == 2);
    // The move is announced with an Undo action, which undoes it.
    CHECK(ui.app.ui.toast.text == "Moved Lead in 1 to Contact made");
    REQUIRE(ui.find("Toast Undo") != nullptr);
    REQUIRE(ui.click("Toast Undo"));
    CHECK(deal(ui, moved).stage == lead.id);
    CHECK(lane_ids(ui, lead.id)[0] == moved);
}

TEST_CASE("dragging within a lane reorders it, and Ctrl+Z / Ctrl+Shift+Z undo and redo the move") {
    UiDriver ui(1800, 900);
    fill_starter(ui, 4);
    const Stage& lead = stage_named(ui, "Lead in");
    const std::vector<Id> before = lane_ids(ui, lead.id);
    const ItemRecord first = item(ui, "Lead in 1");
    const ItemRecord last = item(ui, "Lead in 4");
    // Below the last card's middle: the end of the lane.
    ui.drag(first.center_x(), first.center_y(), last.center_x(), last.y + last.h - 4.0f);
    const std::vector<Id> after = lane_ids(ui, lead.id);
    CHECK(after == std::vector<Id>{before[1], before[2], before[3], before[0]});

    ui.press_key(ImGuiKey_Z, true);
    CHECK(lane_ids(ui, lead.id) == before);
    ui.press_key(ImGuiKey_Z, true, true);
    CHECK(lane_ids(ui, lead.id) == after);
}

TEST_CASE("dropping a card on its own place records nothing") {
    UiDriver ui(1800, 900);
    fill_starter(ui, 3);
    const size_t depth = ui.app.store.undo_depth();
    const ItemRecord card = item(ui, "Lead in 2");
    ui.drag(card.center_x(), card.center_y(), card.center_x() + 4.0f, card.center_y() + 8.0f);
    CHECK(ui.app.store.undo_depth() == depth);
}

TEST_CASE("dropping a card on Lost asks for the reason; Cancel leaves the deal, confirming loses it") {
    UiDriver ui(1800, 900);
    fill_starter(ui, 2);
    const Stage& lost = stage_named(ui, "Lost");
    const Id id = lane_ids(ui, stage_named(ui, "Proposal sent").id)[0];
    const ItemRecord card = item(ui, "Proposal sent 1");
    const ItemRecord lane = item(ui, "Lost");
    ui.drag(card.center_x(), card.center_y(), lane.center_x(), lane.y + 200.0f);
    REQUIRE(ui.find("Why was this deal lost?") != nullptr);
    CHECK(deal(ui, id).status == DealStatus::Open);
    REQUIRE(ui.click("Cancel"));
    CHECK(ui.find("Why was this deal lost?") == nullptr);
    CHECK(deal(ui, id).status == DealStatus::Open);

    ui.drag(card.center_x(), card.center_y(), lane.center_x(), lane.y + 200.0f);
    REQUIRE(ui.click("Price"));
    REQUIRE(ui.click("Mark as lost"));
    CHECK(deal(ui, id).status == DealStatus::Lost);
    CHECK(deal(ui, id).stage == lost.id);
    const LostReason* reason = ui.app.store.find_lost_reason(deal(ui, id).lost_reason);
    REQUIRE(reason);
    CHECK(reason->text == "Price");
    ui.press_key(ImGuiKey_Z, true);
    CHECK(deal(ui, id).status == DealStatus::Open);
}

TEST_CASE("a sorted lane shows its sort, keeps the manual order, and a drag inside it opens no dialog") {
    UiDriver ui(1800, 900);
    fill_starter(ui, 3);   // values 1000, 2000, 3000 in manual order 1, 2, 3
    const Stage& lead = stage_named(ui, "Lead in");
    const std::vector<Id> manual = lane_ids(ui, lead.id);
    const size_t depth = ui.app.store.undo_depth();
    REQUIRE(ui.click("Sort Lead in"));
    REQUIRE(ui.click("Value"));
    CHECK(sort_of(ui.app.ui.board, lead.id) == LaneSort::Value);
    // Highest value on top now.
    CHECK(ui.find("Lead in 3")->y < ui.find("Lead in 1")->y);
    const ItemRecord top = item(ui, "Lead in 3");
    const ItemRecord bottom = item(ui, "Lead in 1");
    ui.drag(top.center_x(), top.center_y(), bottom.center_x(), bottom.y + bottom.h - 2.0f);
    CHECK(ui.app.store.undo_depth() == depth);       // nothing recorded
    CHECK(ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId) == false);
    CHECK(lane_ids(ui, lead.id) == manual);
    REQUIRE(ui.click("Sort Lead in"));
    REQUIRE(ui.click("Manual order"));
    CHECK(ui.find("Lead in 1")->y < ui.find("Lead in 3")->y);
}

TEST_CASE("every card of a long lane is reachable by scrolling, and only visible cards are submitted") {
    UiDriver ui(1800, 900);
    const Stage& lead = stage_named(ui, "Lead in");
    for (int i = 1; i <= 400; ++i) add_deal(ui, lead, "Bulk " + std::to_string(i));
    ui.frame(2);
    CHECK(ui.find("Bulk 1") != nullptr);
    CHECK(ui.find("Bulk 400") == nullptr);
    size_t cards = 0;
    for (const ItemRecord& r : ui.app.items.last)
        if (r.label.rfind("Bulk ", 0) == 0) ++cards;
    CHECK(cards < 20);   // a screenful, not 400
    const ItemRecord first = item(ui, "Bulk 1");
    for (int i = 0; i < 200 && !ui.find("Bulk 400"); ++i) ui.scroll_wheel(first.center_x(), first.center_y(), -10.0f);
    CHECK(ui.find("Bulk 400") != nullptr);
}

TEST_CASE("quick add creates a deal at the end of the lane with a contact named after the organisation") {
    UiDriver ui(1800, 900);
    fill_starter(ui, 1);
    const Stage& lead = stage_named(ui, "Lead in");
    REQUIRE(ui.click("Add deal to Lead in"));
    ui.type("Globex - Expansion");
    REQUIRE(ui.click("Deal value"));
    ui.type("12,400");
    ui.press_key(ImGuiKey_Enter);
    const std::vector<Id> ids = lane_ids(ui, lead.id);
    REQUIRE(ids.size() == 2);
    const Deal& d = deal(ui, ids[1]);
    CHECK(d.title == "Globex - Expansion");
    CHECK(d.value == 1240000);
    REQUIRE(d.contacts.size() == 1);
    CHECK(ui.app.store.find_contact(d.contacts[0])->name == "Globex");
    // An empty title is refused with a message, nothing is created.
    ui.press_key(ImGuiKey_Enter);
    CHECK(lane_ids(ui, lead.id).size() == 2);
    CHECK(ui.find("A deal needs a title") != nullptr);
}

TEST_CASE("arrows move the selection and Shift+Right / Shift+Left move the deal between stages") {
    UiDriver ui(1800, 900);
    fill_starter(ui, 2);
    REQUIRE(ui.click("Lead in 1"));
    const Id id = ui.app.ui.board.selected;
    REQUIRE(id == lane_ids(ui, stage_named(ui, "Lead in").id)[0]);
    ui.press_key(ImGuiKey_DownArrow);
    CHECK(ui.app.ui.board.selected == lane_ids(ui, stage_named(ui, "Lead in").id)[1]);
    ui.press_key(ImGuiKey_RightArrow);
    CHECK(deal(ui, ui.app.ui.board.selected).stage == stage_named(ui, "Contact made").id);
    ui.press_key(ImGuiKey_UpArrow);
    ui.press_key(ImGuiKey_LeftArrow);
    CHECK(ui.app.ui.board.selected == id);

    ui.press_key(ImGuiKey_RightArrow, false, true);
    CHECK(deal(ui, id).stage == stage_named(ui, "Contact made").id);
    ui.press_key(ImGuiKey_LeftArrow, false, true);
    CHECK(deal(ui, id).stage == stage_named(ui, "Lead in").id);
    ui.press_key(ImGuiKey_Enter);
    CHECK(ui.app.ui.view == View::Deal);
    CHECK(ui.app.ui.deal_page.deal == id);
}

TEST_CASE("right-click offers duplicate, won and delete, each undoable") {
    UiDriver ui(1800, 900);
    fill_starter(ui, 1);
    const Stage& lead = stage_named(ui, "Lead in");
    const Id id = lane_ids(ui, lead.id)[0];
    const ItemRecord card = item(ui, "Lead in 1");
    ui.right_click_at(card.center_x(), card.center_y());
    REQUIRE(ui.click("Duplicate"));
    CHECK(lane_ids(ui, lead.id).size() == 2);
    ui.press_key(ImGuiKey_Z, true);
    CHECK(lane_ids(ui, lead.id).size() == 1);

    ui.right_click_at(card.center_x(), card.center_y());
    REQUIRE(ui.click("Mark as won"));
    CHECK(deal(ui, id).status == DealStatus::Won);
    ui.press_key(ImGuiKey_Z, true);
    CHECK(deal(ui, id).status == DealStatus::Open);

    ui.right_click_at(card.center_x(), card.center_y());
    REQUIRE(ui.click("Delete"));
    CHECK(ui.app.store.find_deal(id) == nullptr);
    ui.press_key(ImGuiKey_Z, true);
    CHECK(ui.app.store.find_deal(id) != nullptr);
}
