// The deal page through a user's path: highlights, the stage bar, won/lost/reopen, notes,
// activities, timeline, clone and delete with undo, and viewers who cannot change anything.
#include "imgui.h"
#include "people_fixture.h"
#include "ui/deal_page.h"
#include "ui_driver.h"

#include <doctest/doctest.h>

using namespace dd;
using namespace dd::ui;
using dd::ui::test::UiDriver;

using dd::ui::test::find_prefix;
using dd::ui::test::open_sample_deal;

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
    REQUIRE(ui.click("Lost comment"));
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
    const CommandContext admin = test::as_current_user(ui);
    REQUIRE(ui.app.store.apply(AddTeamMember{v}, admin).ok());
    Activity task;
    task.meta.id = ui.app.ids.next();
    task.subject = "Prepare the demo";
    task.deal = id;
    REQUIRE(ui.app.store.apply(CreateActivity{task}, admin).ok());
    REQUIRE(ui.app.store.apply(SetCurrentUser{v.meta.id}, admin).ok());
    ui.frame(2);
    CHECK(ui.find("Read only") != nullptr);
    REQUIRE(ui.click("Won"));
    REQUIRE(ui.click("Stage Proposal sent"));
    REQUIRE(ui.click("Clone"));
    REQUIRE(ui.click("Value: $5,000.00"));
    CHECK(ui.find("Edit value") == nullptr);
    CHECK(ui.find("Task: Prepare the demo (open)") != nullptr);   // the timeline shows the activity
    CHECK(ui.find("Edit Prepare the demo") == nullptr);           // but offers no editing
    CHECK(ui.find("Edit planned Prepare the demo") == nullptr);
    CHECK(ui.app.store.find_deal(id)->status == DealStatus::Open);
    CHECK(ui.app.store.workspace().deals.size() == 1);
    CHECK(ui.app.store.find_stage(ui.app.store.find_deal(id)->stage)->name == "Lead in");
    // The core refuses the viewer's commands even when a UI would send them.
    SetDealStatus won;
    won.deal = id;
    won.status = DealStatus::Won;
    CHECK_FALSE(ui.app.store.apply(won, CommandContext{v.meta.id, ui.now}).ok());
}

TEST_CASE("deal page: stage, probability, expected close, owner and status edited in place, each undone") {
    UiDriver ui;
    const Id id = open_sample_deal(ui);
    const Store& store = ui.app.store;
    TeamMember olga;
    olga.meta.id = ui.app.ids.next();
    olga.name = "Olga Owner";
    olga.role = Role::Manager;
    REQUIRE(ui.app.store.apply(AddTeamMember{olga}, test::as_current_user(ui)).ok());
    ui.frame(2);
    auto deal = [&]() -> const Deal& { return *store.find_deal(id); };

    // Stage: the tile's popup lists the open stages.
    REQUIRE(ui.click("Stage: Lead in"));
    REQUIRE(ui.click("Move to Needs defined"));
    CHECK(store.find_stage(deal().stage)->name == "Needs defined");
    CHECK(ui.find("Stage: Needs defined") != nullptr);
    REQUIRE(ui.click("Undo"));
    CHECK(store.find_stage(deal().stage)->name == "Lead in");

    // Probability: typed, Enter saves an override; a bad number is refused in place.
    REQUIRE(ui.click("Probability: 10%"));
    REQUIRE(ui.find("Edit probability") != nullptr);
    ui.press_key(ImGuiKey_A, true);
    ui.type("140");
    ui.press_key(ImGuiKey_Enter);
    CHECK(test::find_prefix(ui, "Error: ") != nullptr);
    CHECK(deal().probability_override == -1);
    ui.press_key(ImGuiKey_A, true);
    ui.type("35");
    ui.press_key(ImGuiKey_Enter);
    CHECK(deal().probability_override == 35);
    CHECK(ui.find("Probability: 35% (set)") != nullptr);
    CHECK(test::find_prefix(ui, "Probability: (none) \xe2\x86\x92 35 %") != nullptr);   // the history line
    REQUIRE(ui.click("Undo"));
    CHECK(deal().probability_override == -1);
    CHECK(ui.find("Probability: 10%") != nullptr);

    // Expected close: a day picked in the calendar, then cleared by the undo.
    const Day today = Day(ui.now / 86'400'000);
    REQUIRE(ui.click("Expected close: No date"));
    REQUIRE(ui.click("Day " + day_to_string(today)));
    CHECK(deal().expected_close == today);
    CHECK(ui.find("Expected close: No date") == nullptr);
    REQUIRE(ui.click("Undo"));
    CHECK(deal().expected_close == kNoDay);

    // Owner: any team member, or nobody.
    REQUIRE(ui.click("Owner: You"));
    REQUIRE(ui.click("Owner Olga Owner"));
    CHECK(deal().owner == olga.meta.id);
    CHECK(ui.find("Owner: Olga Owner") != nullptr);
    CHECK(test::find_prefix(ui, "Owner: You \xe2\x86\x92 Olga Owner") != nullptr);
    REQUIRE(ui.click("Undo"));
    CHECK(deal().owner == store.settings().current_user);

    // Status: Won from the tile (Lost asks for the reason first).
    REQUIRE(ui.click("Status: Open"));
    REQUIRE(ui.click("Status Won"));
    CHECK(deal().status == DealStatus::Won);
    CHECK(ui.find("Status: Won") != nullptr);
    REQUIRE(ui.click("Undo"));
    CHECK(deal().status == DealStatus::Open);
    REQUIRE(ui.click("Status: Open"));
    REQUIRE(ui.click("Status Lost"));
    CHECK(ui.find("Mark as lost") != nullptr);
    CHECK(deal().status == DealStatus::Open);   // not before the reason dialog is confirmed
}

TEST_CASE("deal page: an activity edited from the timeline (every field), the planned list follows, undo restores") {
    UiDriver ui;
    const Id id = open_sample_deal(ui);
    const Store& store = ui.app.store;
    const Id grace = store.find_deal(id)->contacts.front();
    const Day today = Day(ui.now / 86'400'000);
    Activity call;
    call.meta.id = ui.app.ids.next();
    call.kind = ActivityKind::Call;
    call.subject = "Intro call";
    call.due_at = Millis(today) * 86'400'000 + 9 * 3'600'000;   // 09:00 today
    call.done = true;
    call.duration_min = 15;
    call.deal = id;
    REQUIRE(ui.app.store.apply(CreateActivity{call}, test::as_current_user(ui)).ok());
    ui.frame(2);

    REQUIRE(ui.click("Edit Intro call"));
    CHECK(ui.find("Edit activity") != nullptr);
    CHECK(std::string(ui.app.ui.deal_page.activity.time) == "09:00");   // filled from the activity
    REQUIRE(ui.click("Meeting"));
    REQUIRE(ui.click("Activity subject"));
    ui.press_key(ImGuiKey_A, true);
    ui.type("Site visit");
    REQUIRE(ui.click("Activity date"));
    REQUIRE(ui.click("Day " + day_to_string(today + 1)));
    REQUIRE(ui.click("Activity duration"));
    ui.press_key(ImGuiKey_A, true);
    ui.type("90");
    REQUIRE(ui.click("Activity outcome"));
    ui.type("Signed the pilot");
    REQUIRE(ui.click("With Grace Hopper"));
    REQUIRE(ui.click("Activity done"));   // not done yet: it is planned for tomorrow
    REQUIRE(ui.click("Save activity"));

    REQUIRE(store.activities_of(id).size() == 1);   // edited, not added
    const Activity* a = store.find_activity(call.meta.id);
    CHECK(a->kind == ActivityKind::Meeting);
    CHECK(a->subject == "Site visit");
    CHECK(a->due_at == Millis(today + 1) * 86'400'000 + 9 * 3'600'000);
    CHECK(a->duration_min == 90);
    CHECK(a->outcome == "Signed the pilot");
    CHECK(a->contacts == std::vector<Id>{grace});
    CHECK_FALSE(a->done);
    CHECK(ui.find("Planned Site visit") != nullptr);   // open again: in the planned list
    CHECK(ui.find("Edit planned Site visit") != nullptr);
    CHECK(ui.find("Edit activity") == nullptr);       // the editor closed

    // From the planned list: marked done again there, then both edits undone in turn.
    REQUIRE(ui.click("Edit planned Site visit"));
    REQUIRE(ui.click("Activity done"));
    REQUIRE(ui.click("Save activity"));
    CHECK(store.find_activity(call.meta.id)->done);
    REQUIRE(ui.click("Undo"));
    CHECK_FALSE(store.find_activity(call.meta.id)->done);
    REQUIRE(ui.click("Undo"));
    a = store.find_activity(call.meta.id);
    CHECK(a->kind == ActivityKind::Call);
    CHECK(a->subject == "Intro call");
    CHECK(a->due_at == call.due_at);
    CHECK(a->duration_min == 15);
    CHECK(a->contacts.empty());
    CHECK(a->done);
}
