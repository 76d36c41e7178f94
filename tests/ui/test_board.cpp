// The board driven headless like a user: lanes and cards on screen, drag and drop between lanes
// and within a lane, the lost-reason dialog, the undo toast and shortcuts.
#include <doctest/doctest.h>

#include "board_fixture.h"
#include "core/board_queries.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "ui/board_card.h"
#include "ui/board_lane.h"
#include "ui/board_lanes.h"

#include <algorithm>

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
    REQUIRE(ui.click("Reason Price"));
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

// The quick add reads the value with the core's parser, as the deal form does: in the workspace's
// locale, and a bad value is refused with the parser's reason, the form kept as typed.
TEST_CASE("quick add reads the value as the workspace's locale writes it, and refuses a bad one") {
    UiDriver ui(1800, 900);
    fill_starter(ui, 1);
    REQUIRE(ui.app.store.apply(SetLocale{"de-DE"}, {ui.app.store.settings().current_user, ui.now}).ok());
    const Stage& lead = stage_named(ui, "Lead in");
    ui.frame(2);
    REQUIRE(ui.click("Add deal to Lead in"));
    ui.type("Initech: Rollout");
    REQUIRE(ui.click("Deal value"));
    ui.type("12.400,5");
    ui.press_key(ImGuiKey_Enter);
    std::vector<Id> ids = lane_ids(ui, lead.id);
    REQUIRE(ids.size() == 2);
    CHECK(deal(ui, ids[1]).value == 1240050);

    // Three decimals in a two-decimal currency: refused, named, nothing created.
    REQUIRE(ui.click("Deal title"));
    ui.type("Umbrella - Pilot");
    REQUIRE(ui.click("Deal value"));
    ui.type("7,125");
    ui.press_key(ImGuiKey_Enter);
    CHECK(lane_ids(ui, lead.id).size() == 2);
    CHECK(ui.find("Value takes at most 2 decimals") != nullptr);
    // Letters: refused with an example in the locale's own writing.
    REQUIRE(ui.click("Deal value"));
    ui.press_key(ImGuiKey_A, true);
    ui.press_key(ImGuiKey_Backspace);
    ui.type("twelve");
    ui.press_key(ImGuiKey_Enter);
    CHECK(lane_ids(ui, lead.id).size() == 2);
    CHECK(ui.find("Value must be an amount such as 1.250,50") != nullptr);
}

TEST_CASE("arrows move the selection and Shift+Right / Shift+Left move the deal between stages") {
    UiDriver ui(1800, 900);
    fill_starter(ui, 2);
    ui.press_key(ImGuiKey_DownArrow);   // nothing selected yet: the first card of the first lane
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

namespace {

// Where a lane was drawn in the last frame (the board's own record of it).
LaneLayout layout_of(const UiDriver& ui, Id stage) {
    for (const LaneLayout& l : ui.app.ui.board.layout)
        if (l.stage == stage) return l;
    FAIL("the lane was not drawn");
    return {};
}

// Presses on (x0, y0), moves to (x1, y1) in a few frames and keeps the button down there for
// `hold` frames: a drag in progress, to look at the board before the drop.
void press_and_hold(UiDriver& ui, float x0, float y0, float x1, float y1, int hold) {
    ui.move_mouse(x0, y0);
    ImGuiIO& io = ImGui::GetIO();
    io.MouseDown[0] = true;
    ui.frame();
    for (int i = 1; i <= 6; ++i) {
        io.MousePos = ImVec2(x0 + (x1 - x0) * float(i) / 6.0f, y0 + (y1 - y0) * float(i) / 6.0f);
        ui.frame();
    }
    ui.frame(hold);
}

void release(UiDriver& ui) {
    ImGui::GetIO().MouseDown[0] = false;
    ui.frame(3);
}

// The figures line of a lane's header (total, and weighted for open stages): the text item right
// under the lane's name.
std::string figures_of(const UiDriver& ui, const char* lane) {
    const ItemRecord name = item(ui, lane);
    for (const ItemRecord& r : ui.app.items.last)
        if (r.window == name.window && r.x == name.x && r.y > name.y && r.y < name.y + 40.0f) return r.label;
    return "(no figures)";
}

const char* const kDot = "  \xc2\xb7  ";

}  // namespace

TEST_CASE("holding a dragged card near a lane's bottom edge scrolls the lane down, near its top edge up") {
    UiDriver ui(1800, 900);
    const Stage& lead = stage_named(ui, "Lead in");
    for (int i = 1; i <= 40; ++i) add_deal(ui, lead, "Long " + std::to_string(i));
    add_deal(ui, stage_named(ui, "Contact made"), "Mover");
    ui.frame(2);
    const Id mover_id = lane_ids(ui, stage_named(ui, "Contact made").id)[0];
    const LaneLayout lane = layout_of(ui, lead.id);
    REQUIRE(lane.scroll_y == 0.0f);
    REQUIRE(ui.find("Long 40") == nullptr);
    const float x = (lane.list_min.x + lane.list_max.x) * 0.5f;

    // Just above the bottom edge: the lane scrolls until its last card shows.
    const ItemRecord mover = item(ui, "Mover");
    press_and_hold(ui, mover.center_x(), mover.center_y(), x, lane.list_max.y - 8.0f, 30);
    const float part_way = layout_of(ui, lead.id).scroll_y;
    CHECK(part_way > 0.0f);
    CHECK(ui.app.ui.board.drag.target_stage == lead.id);   // the drop indicator is in this lane
    ui.frame(300);
    CHECK(layout_of(ui, lead.id).scroll_y > part_way);
    CHECK(ui.find("Long 40") != nullptr);
    CHECK(ui.find("Long 1") == nullptr);
    // The drop lands where the scrolled lane shows the indicator: among the last cards.
    release(ui);
    std::vector<Id> order = lane_ids(ui, lead.id);
    REQUIRE(order.size() == 41);
    const size_t at = size_t(std::find(order.begin(), order.end(), mover_id) - order.begin());
    CHECK(at < order.size());
    CHECK(at >= 36);

    // Just below the top edge of the list: back up to the first card.
    const ItemRecord last = item(ui, "Long 40");
    press_and_hold(ui, last.center_x(), last.center_y(), x, lane.list_min.y + 8.0f, 330);
    CHECK(layout_of(ui, lead.id).scroll_y == 0.0f);
    CHECK(ui.find("Long 1") != nullptr);
    release(ui);
    order = lane_ids(ui, lead.id);
    CHECK(deal(ui, order[0]).title == "Long 40");
}

TEST_CASE("holding a dragged card near the board's right or left edge scrolls the board sideways") {
    UiDriver ui(900, 800);   // seven lanes of at least 240 px: the board is wider than the window
    fill_starter(ui, 2);
    REQUIRE(ui.find("Lead in") != nullptr);
    REQUIRE(ui.find("Lost") == nullptr);   // off to the right
    const size_t depth = ui.app.store.undo_depth();
    const ItemRecord card = item(ui, "Lead in 1");

    press_and_hold(ui, card.center_x(), card.center_y(), 900.0f - 12.0f, 400.0f, 120);
    CHECK(ui.find("Lost") != nullptr);
    CHECK(ui.find("Lead in") == nullptr);
    CHECK(ui.app.ui.board.drag.active());

    ImGui::GetIO().MousePos = ImVec2(12.0f, 400.0f);
    ui.frame(120);
    CHECK(ui.find("Lead in") != nullptr);
    CHECK(ui.find("Lost") == nullptr);

    // Escape cancels the drag: releasing afterwards records nothing.
    ui.press_key(ImGuiKey_Escape);
    release(ui);
    CHECK(!ui.app.ui.board.drag.active());
    CHECK(ui.app.store.undo_depth() == depth);
}

TEST_CASE("lane figures show what the search and the owner and status filters leave, and come back when cleared") {
    UiDriver ui(1800, 900);
    fill_starter(ui, 3);   // each open lane: $1,000, $2,000, $3,000
    const std::string all = std::string("$6,000") + kDot + "$600 weighted";   // Lead in is at 10 %
    REQUIRE(ui.find("Lead in: 3 deals") != nullptr);
    CHECK(figures_of(ui, "Lead in") == all);

    SUBCASE("the search in the top bar") {
        REQUIRE(ui.click("Search"));
        ui.type("Lead in 2");
        CHECK(ui.find("Lead in: 1 deal") != nullptr);
        CHECK(figures_of(ui, "Lead in") == std::string("$2,000") + kDot + "$200 weighted");
        CHECK(ui.find("Contact made: 0 deals") != nullptr);
        CHECK(ui.find("Lead in 1") == nullptr);
        CHECK(ui.find("Lead in 2") != nullptr);
        REQUIRE(ui.click("Clear filters"));
        CHECK(ui.app.ui.search[0] == '\0');
    }
    SUBCASE("the owner filter") {
        AddTeamMember add;
        add.member.meta.id = ui.app.ids.next();
        add.member.name = "Bea Lopez";
        REQUIRE(ui.app.store.apply(add, {ui.app.store.settings().current_user, ui.now}).ok());
        DealPatch patch;
        patch.owner = add.member.meta.id;
        REQUIRE(ui.app.store.apply(UpdateDeal{lane_ids(ui, stage_named(ui, "Lead in").id)[2], patch},
                                   {ui.app.store.settings().current_user, ui.now}).ok());
        ui.frame(2);
        REQUIRE(ui.click("Owner filter"));
        REQUIRE(ui.click("Bea Lopez"));
        CHECK(ui.find("Lead in: 1 deal") != nullptr);
        CHECK(figures_of(ui, "Lead in") == std::string("$3,000") + kDot + "$300 weighted");
        CHECK(ui.find("Negotiation: 0 deals") != nullptr);
        REQUIRE(ui.click("Owner filter"));
        REQUIRE(ui.click("Anyone"));
    }
    SUBCASE("the status filter") {
        const Id won = lane_ids(ui, stage_named(ui, "Contact made").id)[0];
        REQUIRE(ui.app.store.apply(SetDealStatus{won, DealStatus::Won, kNoId, {}, kNoId},
                                   {ui.app.store.settings().current_user, ui.now}).ok());
        ui.frame(2);
        CHECK(ui.find("Won: 1 deal") != nullptr);
        REQUIRE(ui.click("Open deals"));   // open deals hidden: only Won shows
        CHECK(ui.find("Lead in: 0 deals") != nullptr);
        CHECK(figures_of(ui, "Lead in") == std::string("$0") + kDot + "$0 weighted");
        CHECK(ui.find("Won: 1 deal") != nullptr);
        CHECK(figures_of(ui, "Won") == "$1,000");
        CHECK(ui.find("Lead in 1") == nullptr);
        REQUIRE(ui.click("Open deals"));
    }
    CHECK(ui.find("Lead in: 3 deals") != nullptr);
    CHECK(figures_of(ui, "Lead in") == all);
    CHECK(ui.find("Lead in 1") != nullptr);
}

TEST_CASE("the Won and Lost lanes collapse to a narrow column without cards, take drops, and expand again") {
    UiDriver ui(1800, 900);
    fill_starter(ui, 2);
    const Stage& won = stage_named(ui, "Won");
    const Id id = lane_ids(ui, stage_named(ui, "Lead in").id)[0];
    REQUIRE(ui.app.store.apply(SetDealStatus{id, DealStatus::Won, kNoId, {}, kNoId},
                               {ui.app.store.settings().current_user, ui.now}).ok());
    ui.frame(2);
    const float wide = layout_of(ui, won.id).max.x - layout_of(ui, won.id).min.x;
    const float lost_x = item(ui, "Lost").x;
    CHECK(wide >= kLaneMinWidth);
    REQUIRE(ui.find("Lead in 1") != nullptr);   // its card, in the Won lane

    REQUIRE(ui.click("Collapse Won"));
    CHECK(layout_of(ui, won.id).max.x - layout_of(ui, won.id).min.x == kCollapsedLaneWidth);
    CHECK(ui.find("Lead in 1") == nullptr);
    CHECK(ui.find("Won: 1 deal") != nullptr);      // the figures stay
    CHECK(item(ui, "Lost").x < lost_x);             // the lanes after it move left
    REQUIRE(ui.find("Expand Won") != nullptr);

    // A card dropped on the collapsed lane is won, at the end of the lane.
    const ItemRecord card = item(ui, "Negotiation 1");
    const LaneLayout folded = layout_of(ui, won.id);
    ui.drag(card.center_x(), card.center_y(), (folded.min.x + folded.max.x) * 0.5f, folded.min.y + 200.0f);
    const Id moved = lane_ids(ui, won.id).back();
    CHECK(deal(ui, moved).title == "Negotiation 1");
    CHECK(deal(ui, moved).status == DealStatus::Won);
    CHECK(ui.find("Won: 2 deals") != nullptr);

    REQUIRE(ui.click("Expand Won"));
    CHECK(layout_of(ui, won.id).max.x - layout_of(ui, won.id).min.x == wide);
    CHECK(ui.find("Lead in 1") != nullptr);
    CHECK(ui.find("Negotiation 1") != nullptr);
    CHECK(ui.find("Collapse Won") != nullptr);
}

TEST_CASE("every card of a searched lane is reachable by scrolling to its end") {
    UiDriver ui(1800, 900);
    const Stage& lead = stage_named(ui, "Lead in");
    for (int i = 1; i <= 400; ++i) add_deal(ui, lead, "Bulk " + std::to_string(i));
    ui.frame(2);
    REQUIRE(ui.click("Search"));
    ui.type("Bulk 3");   // Bulk 3, 30-39, 300-399: 111 cards
    CHECK(ui.find("Lead in: 111 deals") != nullptr);
    const ItemRecord first = item(ui, "Bulk 3");
    for (int i = 0; i < 200 && !ui.find("Bulk 399"); ++i) ui.scroll_wheel(first.center_x(), first.center_y(), -10.0f);
    REQUIRE(ui.find("Bulk 399") != nullptr);
    const ItemRecord last = item(ui, "Bulk 399");
    const LaneLayout lane = layout_of(ui, lead.id);
    CHECK(last.h == doctest::Approx(kCardHeight));   // whole, not cut by the lane's bottom
    CHECK(last.y + last.h <= lane.list_max.y);
}

TEST_CASE("right-click Move to moves the deal to the chosen stage, and Mark as lost asks for the reason") {
    UiDriver ui(1800, 900);
    fill_starter(ui, 1);
    const Id id = lane_ids(ui, stage_named(ui, "Lead in").id)[0];
    const ItemRecord card = item(ui, "Lead in 1");
    ui.right_click_at(card.center_x(), card.center_y());
    REQUIRE(ui.find("Move to") != nullptr);
    ui.move_mouse(item(ui, "Move to").center_x(), item(ui, "Move to").center_y());
    ui.frame(2);
    // The submenu's entry, not the lane header of the same name (popups are submitted last).
    const ItemRecord entry = *ui.app.items.find_all("Negotiation").back();
    REQUIRE(entry.window.find("##Menu") != std::string::npos);
    ui.click_at(entry.center_x(), entry.center_y());
    CHECK(deal(ui, id).stage == stage_named(ui, "Negotiation").id);
    CHECK(ui.app.ui.toast.text == "Moved Lead in 1 to Negotiation");

    const ItemRecord moved = item(ui, "Lead in 1");
    ui.right_click_at(moved.center_x(), moved.center_y());
    REQUIRE(ui.click("Mark as lost"));
    REQUIRE(ui.find("Why was this deal lost?") != nullptr);
    REQUIRE(ui.click("Reason Price"));
    REQUIRE(ui.click("Mark as lost"));
    CHECK(deal(ui, id).status == DealStatus::Lost);
    CHECK(deal(ui, id).stage == stage_named(ui, "Lost").id);
}

TEST_CASE("Cmd+Z and Cmd+Shift+Z undo and redo a board move too (Mac)") {
    UiDriver ui(1800, 900);
    fill_starter(ui, 2);
    const Stage& lead = stage_named(ui, "Lead in");
    const Id id = lane_ids(ui, lead.id)[0];
    const ItemRecord from = item(ui, "Lead in 1");
    const ItemRecord onto = item(ui, "Proposal sent 1");
    ui.drag(from.center_x(), from.center_y(), onto.center_x(), onto.y + 10.0f);
    REQUIRE(deal(ui, id).stage == stage_named(ui, "Proposal sent").id);
    ImGuiIO& io = ImGui::GetIO();
    io.KeySuper = true;   // held across both presses (press_key sets Ctrl and Shift only)
    ui.press_key(ImGuiKey_Z);
    CHECK(deal(ui, id).stage == lead.id);
    ui.press_key(ImGuiKey_Z, false, true);
    io.KeySuper = false;
    ui.frame();
    CHECK(deal(ui, id).stage == stage_named(ui, "Proposal sent").id);
}

TEST_CASE("a click on a card opens the deal; hovering shows its details; a drag does not open") {
    UiDriver ui(1800, 900);
    fill_starter(ui, 1);
    const Id id = lane_ids(ui, stage_named(ui, "Lead in").id)[0];
    const ItemRecord card = item(ui, "Lead in 1");
    ui.move_mouse(card.center_x(), card.center_y());
    ui.frame(2);
    const ImGuiWindow* tooltip = ImGui::FindWindowByName("##Tooltip_00");
    REQUIRE(tooltip != nullptr);
    CHECK(tooltip->Active);
    CHECK(ui.app.ui.view == View::Board);
    ui.click_at(card.center_x(), card.center_y());
    ui.frame(2);
    CHECK(ui.app.ui.view == View::Deal);
    CHECK(ui.app.ui.deal_page.deal == id);
    CHECK(ui.app.ui.board.selected == id);

    // Back on the board, dragging the card into the next lane moves it and opens nothing.
    ui.app.ui.view = View::Board;
    ui.frame(2);
    const ItemRecord again = item(ui, "Lead in 1");
    const ItemRecord onto = item(ui, "Contact made 1");
    ui.drag(again.center_x(), again.center_y(), onto.center_x(), onto.y + 10.0f);
    ui.frame(2);
    CHECK(ui.app.ui.view == View::Board);
    CHECK(deal(ui, id).stage == stage_named(ui, "Contact made").id);
}
