// The deal page through a user's path: highlights, the stage bar, won/lost/reopen, notes,
// activities, timeline, clone and delete with undo, and viewers who cannot change anything.
#include "imgui.h"
#include "ui/deal_page.h"
#include "ui_driver.h"

#include <doctest/doctest.h>

using namespace dd;
using namespace dd::ui;
using dd::ui::test::UiDriver;

namespace {

const ItemRecord* find_prefix(const UiDriver& ui, const std::string& prefix) {
    for (const ItemRecord& r : ui.app.items.last)
        if (r.label.rfind(prefix, 0) == 0) return &r;
    return nullptr;
}

// A deal made through the store (setup), then its page opened like the board would.
Id open_sample_deal(UiDriver& ui) {
    const Store& store = ui.app.store;
    const Pipeline& p = store.workspace().pipelines.front();
    CreateDeal c;
    c.deal.meta.id = ui.app.ids.next();
    c.deal.title = "Acme renewal";
    c.deal.value = 500000;
    c.deal.pipeline = p.meta.id;
    c.deal.stage = p.stages[0].id;
    c.deal.owner = store.settings().current_user;
    Contact ct;
    ct.meta.id = ui.app.ids.next();
    ct.name = "Grace Hopper";
    c.new_contact = ct;
    REQUIRE(ui.app.store.apply(c, CommandContext{store.settings().current_user, ui.now}).ok());
    open_deal(ui.app.ui, c.deal.meta.id);
    ui.frame(2);
    return c.deal.meta.id;
}

}  // namespace

TEST_CASE("deal page: highlights show the deal, the stage bar moves it, Back returns") {
    UiDriver ui;
    const Id id = open_sample_deal(ui);
    CHECK(ui.find("Acme renewal") != nullptr);
    CHECK(ui.find("Stage: Lead in") != nullptr);
    CHECK(ui.find("Probability: 10%") != nullptr);
    CHECK(ui.find("Value: $5,000.00") != nullptr);
    CHECK(ui.find("Owner: You") != nullptr);
    CHECK(ui.find("Status: Open") != nullptr);
    REQUIRE(ui.click("Stage Proposal sent"));
    CHECK(ui.app.store.find_stage(ui.app.store.find_deal(id)->stage)->name == "Proposal sent");
    CHECK(ui.find("Probability: 60%") != nullptr);
    CHECK(find_prefix(ui, "Stage: Lead in \xe2\x86\x92 Proposal sent") != nullptr);   // the timeline
    REQUIRE(ui.click("Back"));
    CHECK(ui.app.ui.view == View::Board);
}

TEST_CASE("deal page: a value edited in place, Esc cancels, a bad amount is refused in place") {
    UiDriver ui;
    const Id id = open_sample_deal(ui);
    REQUIRE(ui.click("Value: $5,000.00"));
    REQUIRE(ui.find("Edit value") != nullptr);
    ui.press_key(ImGuiKey_A, true);
    ui.type("abc");
    ui.press_key(ImGuiKey_Enter);
    CHECK(find_prefix(ui, "Error: ") != nullptr);
    CHECK(ui.app.store.find_deal(id)->value == 500000);
    ui.press_key(ImGuiKey_A, true);
    ui.type("7,250");
    ui.press_key(ImGuiKey_Enter);
    CHECK(ui.app.store.find_deal(id)->value == 725000);
    CHECK(ui.find("Value: $7,250.00") != nullptr);
    CHECK(find_prefix(ui, "Value: 5,000.00 USD \xe2\x86\x92 7,250.00 USD") != nullptr);   // the history line
}

TEST_CASE("deal page: lost with a reason and details, reopen, won, abandon, all undoable") {
    UiDriver ui;
    const Id id = open_sample_deal(ui);
    REQUIRE(ui.click("Lost"));
    REQUIRE(ui.click("Reason Price"));
    REQUIRE(ui.click("Lost details"));
    ui.type("Went with the cheaper plan");
    REQUIRE(ui.click("Mark as lost"));
    const Deal* d = ui.app.store.find_deal(id);
    REQUIRE(d->status == DealStatus::Lost);
    REQUIRE(ui.app.store.find_lost_reason(d->lost_reason));
    CHECK(ui.app.store.find_lost_reason(d->lost_reason)->text == "Price");
    CHECK(d->lost_reason_text == "Went with the cheaper plan");
    CHECK(ui.find("This deal is Lost: Price - Went with the cheaper plan") != nullptr);
    REQUIRE(ui.click("Reopen"));
    CHECK(ui.app.store.find_deal(id)->status == DealStatus::Open);
    REQUIRE(ui.click("Won"));
    CHECK(ui.app.store.find_deal(id)->status == DealStatus::Won);
    REQUIRE(ui.click("Toast Undo"));
    CHECK(ui.app.store.find_deal(id)->status == DealStatus::Open);
    REQUIRE(ui.click("Abandon"));
    CHECK(ui.app.store.find_deal(id)->status == DealStatus::Abandoned);
    ui.click("Show Status");
    CHECK(find_prefix(ui, "Status: open \xe2\x86\x92 abandoned") != nullptr);
    CHECK(find_prefix(ui, "Deal created") == nullptr);   // filtered out
}

TEST_CASE("deal page: a note with Ctrl+Enter, an activity logged, a task done, the timeline filtered") {
    UiDriver ui;
    const Id id = open_sample_deal(ui);
    REQUIRE(ui.click("Take a note"));
    REQUIRE(ui.click("Note text"));
    ui.type("Budget approved for Q3");
    ui.press_key(ImGuiKey_Enter, true);
    REQUIRE(ui.app.store.notes_of(id).size() == 1);
    CHECK(ui.app.store.notes_of(id).front()->text == "Budget approved for Q3");
    CHECK(ui.find("Budget approved for Q3") == nullptr);   // bodies are plain text, the title is "Note"
    CHECK(ui.find("Note") != nullptr);

    REQUIRE(ui.click("Log activity"));
    REQUIRE(ui.click("Task"));
    REQUIRE(ui.click("Activity subject"));
    ui.type("Send the contract");
    REQUIRE(ui.click("Activity date"));
    // Yesterday: the task is overdue at once.
    const Day yesterday = Day(ui.now / 86'400'000) - 1;
    REQUIRE(ui.click("Day " + day_to_string(yesterday)));
    REQUIRE(ui.click("With Grace Hopper"));
    REQUIRE(ui.click("Save activity"));
    REQUIRE(ui.app.store.activities_of(id).size() == 1);
    const Activity* a = ui.app.store.activities_of(id).front();
    CHECK(a->kind == ActivityKind::Task);
    CHECK(a->subject == "Send the contract");
    CHECK_FALSE(a->done);
    CHECK(a->contacts.size() == 1);
    CHECK(ui.find("Overdue Send the contract") != nullptr);
    REQUIRE(ui.click("Done Send the contract"));
    CHECK(ui.app.store.find_activity(a->meta.id)->done);
    CHECK(ui.find("Overdue Send the contract") == nullptr);

    REQUIRE(ui.click("Show Notes"));
    CHECK(ui.find("Note") != nullptr);
    CHECK(find_prefix(ui, "Task: Send the contract") == nullptr);
    REQUIRE(ui.click("Show Activities"));
    CHECK(find_prefix(ui, "Task: Send the contract (done)") != nullptr);
    CHECK(ui.find("Note") == nullptr);
}

TEST_CASE("deal page: clone and delete (confirmed), both undone") {
    UiDriver ui;
    const Id id = open_sample_deal(ui);
    REQUIRE(ui.click("Clone"));
    CHECK(ui.app.store.workspace().deals.size() == 2);
    CHECK(ui.app.ui.deal_page.deal != id);
    CHECK(ui.find("Acme renewal (copy)") != nullptr);
    REQUIRE(ui.click("Toast Undo"));
    CHECK(ui.app.store.workspace().deals.size() == 1);

    open_deal(ui.app.ui, id);
    ui.frame(2);
    REQUIRE(ui.click("Delete"));
    REQUIRE(ui.find("Delete this deal?") != nullptr);
    CHECK(ui.app.store.find_deal(id) != nullptr);   // not before the confirmation
    REQUIRE(ui.click("Delete deal"));
    CHECK(ui.app.store.find_deal(id) == nullptr);
    CHECK(ui.app.ui.view == View::Board);
    REQUIRE(ui.click("Undo"));
    CHECK(ui.app.store.find_deal(id) != nullptr);
}

TEST_CASE("deal page: a viewer sees everything but every editing control is disabled, and the core refuses too") {
    UiDriver ui;
    const Id id = open_sample_deal(ui);
    TeamMember v;
    v.meta.id = ui.app.ids.next();
    v.name = "Victor Viewer";
    v.role = Role::Viewer;
    const CommandContext admin{ui.app.store.settings().current_user, ui.now};
    REQUIRE(ui.app.store.apply(AddTeamMember{v}, admin).ok());
    REQUIRE(ui.app.store.apply(SetCurrentUser{v.meta.id}, admin).ok());
    ui.frame(2);
    CHECK(ui.find("Read only") != nullptr);
    REQUIRE(ui.click("Won"));
    REQUIRE(ui.click("Stage Proposal sent"));
    REQUIRE(ui.click("Clone"));
    REQUIRE(ui.click("Value: $5,000.00"));
    CHECK(ui.find("Edit value") == nullptr);
    CHECK(ui.app.store.find_deal(id)->status == DealStatus::Open);
    CHECK(ui.app.store.workspace().deals.size() == 1);
    CHECK(ui.app.store.find_stage(ui.app.store.find_deal(id)->stage)->name == "Lead in");
    // The core refuses the viewer's commands even when a UI would send them.
    SetDealStatus won;
    won.deal = id;
    won.status = DealStatus::Won;
    CHECK_FALSE(ui.app.store.apply(won, CommandContext{v.meta.id, ui.now}).ok());
}
