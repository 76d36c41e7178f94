// The List view's filter popup driven like a user: checkboxes clicked, ranges and custom fields
// typed. Each filter is checked against a recount over the store's deals (not against the query
// engine the list itself uses), and a field that does not parse says so and filters nothing.
#include <doctest/doctest.h>

#include "core/store.h"
#include "imgui.h"
#include "list_fixture.h"
#include "ui/list_filters.h"
#include "ui_driver.h"

#include <functional>
#include <string>

using dd::ui::test::UiDriver;

namespace {

struct FiltersFixture {
    UiDriver ui{1400.0f, 900.0f};
    FiltersFixture() { dd::ui::test::open_list_with_sample(ui, 400); }
    dd::ui::ListState& ls() { return ui.app.ui.list; }
    const dd::Store& store() { return ui.app.store; }

    void open_filters() {
        if (ui.find("Clear filters") == nullptr) REQUIRE(ui.click("Filters"));
        REQUIRE(ui.find("Clear filters") != nullptr);
    }
    // Clicks a text field of the popup, replaces its text with `text`.
    void type_into(const char* field, const std::string& text) {
        open_filters();
        REQUIRE_MESSAGE(ui.click(field), field);
        ui.press_key(ImGuiKey_A, /*ctrl=*/true);
        ui.press_key(ImGuiKey_Backspace);
        ui.type(text);
        ui.frame(2);
    }
    // The rows shown equal the deals that pass `keep`, counted over the store.
    void check_rows(const std::function<bool(const dd::Deal&)>& keep, const char* what) {
        ui.frame(2);
        size_t expected = 0;
        for (const dd::Deal& d : store().workspace().deals) expected += keep(d) ? 1 : 0;
        INFO(std::string(what));
        CHECK(expected > 0);
        CHECK(expected < store().workspace().deals.size());
        CHECK(ls().rows.size() == expected);
        for (uint32_t row : ls().rows) CHECK(keep(ls().table->deal(row)));
    }
    const dd::CustomFieldDef& field(const char* name) {
        for (const dd::CustomFieldDef& f : store().workspace().custom_fields)
            if (f.name == name) return f;
        FAIL("no custom field " << name);
        return store().workspace().custom_fields.front();
    }
    static const dd::CustomValue* value_of(const dd::Deal& d, dd::Id field) {
        for (const dd::CustomValue& v : d.custom)
            if (v.field == field) return &v;
        return nullptr;
    }
};

}  // namespace

TEST_CASE("list filters: status, stage and owner checkboxes combine, and the button counts them") {
    FiltersFixture f;
    f.open_filters();
    for (const char* status : {"Won", "Lost", "Abandoned"}) REQUIRE(f.ui.click(status));
    f.check_rows([](const dd::Deal& d) { return d.status == dd::DealStatus::Open; }, "open deals only");

    // An owner and a stage that hold open deals: those of an open deal in the first pipeline, in a
    // stage whose name no other pipeline uses (the checkboxes are found by their visible names).
    const dd::Workspace& ws = f.store().workspace();
    const auto unique_stage_name = [&](dd::Id stage) {
        const dd::Stage* s = f.store().find_stage(stage);
        int n = 0;
        for (const dd::Pipeline& p : ws.pipelines)
            for (const dd::Stage& other : p.stages) n += other.name == s->name ? 1 : 0;
        return n == 1;
    };
    const dd::Deal* sample = nullptr;
    for (const dd::Deal& d : ws.deals)
        if (d.status == dd::DealStatus::Open && d.pipeline == ws.pipelines.front().meta.id && d.owner != dd::kNoId &&
            unique_stage_name(d.stage)) { sample = &d; break; }
    REQUIRE(sample != nullptr);
    const dd::Id owner = sample->owner, stage = sample->stage;
    REQUIRE(f.ui.click(f.store().find_member(owner)->name));
    f.check_rows([&](const dd::Deal& d) { return d.status == dd::DealStatus::Open && d.owner == owner; },
                 "open deals of one owner");

    REQUIRE(f.ui.click(f.store().find_stage(stage)->name));
    f.check_rows([&](const dd::Deal& d) {
        return d.status == dd::DealStatus::Open && d.owner == owner && d.stage == stage;
    }, "open deals of one owner in one stage");
    CHECK(dd::ui::active_filter_count(f.ls().filters) == 3);   // the button says "Filters (3)"

    REQUIRE(f.ui.click("Clear filters"));
    f.ui.frame(2);
    CHECK(f.ls().rows.size() == f.store().workspace().deals.size());
}

TEST_CASE("list filters: value range in the base currency, as the locale writes it") {
    FiltersFixture f;
    f.type_into("Minimum value", "20,000");
    f.check_rows([&](const dd::Deal& d) { return f.store().to_base(d.value, d.currency) >= 2'000'000; }, "value >= 20,000");
    f.type_into("Maximum value", "60000.50");
    f.check_rows([&](const dd::Deal& d) {
        const dd::Money v = f.store().to_base(d.value, d.currency);
        return v >= 2'000'000 && v <= 6'000'050;
    }, "20,000 <= value <= 60,000.50");
    CHECK(f.ls().filter_inputs.errors.empty());
}

TEST_CASE("list filters: expected close and created date ranges, inclusive") {
    FiltersFixture f;
    // The middle of the sample's expected close dates, so both sides hold deals.
    std::vector<dd::Day> days;
    for (const dd::Deal& d : f.store().workspace().deals)
        if (d.expected_close != dd::kNoDay) days.push_back(d.expected_close);
    REQUIRE(days.size() > 10);
    std::sort(days.begin(), days.end());
    const dd::Day from = days[days.size() / 4], to = days[days.size() * 3 / 4];
    f.type_into("Close from", dd::day_to_string(from));
    f.type_into("Close to", dd::day_to_string(to));
    f.check_rows([&](const dd::Deal& d) { return d.expected_close >= from && d.expected_close <= to; }, "close range");

    f.type_into("Close from", "");
    f.type_into("Close to", "");
    std::vector<dd::Millis> created;
    for (const dd::Deal& d : f.store().workspace().deals) created.push_back(d.meta.created_at);
    std::sort(created.begin(), created.end());
    const dd::Day since = dd::Day(created[created.size() / 2] / 86'400'000);
    f.type_into("Created from", dd::day_to_string(since));
    f.check_rows([&](const dd::Deal& d) { return d.meta.created_at >= dd::Millis(since) * 86'400'000; }, "created since");
}

TEST_CASE("list filters: custom fields of each type") {
    FiltersFixture f;
    const dd::CustomFieldDef& score = f.field("Lead score");
    f.type_into("Lead score", "50..");
    f.check_rows([&](const dd::Deal& d) {
        const dd::CustomValue* v = f.value_of(d, score.meta.id);
        return v && v->number >= 50;
    }, "lead score at least 50");
    f.type_into("Lead score", "");

    const dd::CustomFieldDef& nda = f.field("Signed NDA");
    f.type_into("Signed NDA", "yes");
    f.check_rows([&](const dd::Deal& d) {
        const dd::CustomValue* v = f.value_of(d, nda.meta.id);
        return v && v->number == 1;
    }, "NDA signed");
    f.type_into("Signed NDA", "");

    const dd::CustomFieldDef& segment = f.field("Segment");
    f.type_into("Segment", "Enterprise");
    f.check_rows([&](const dd::Deal& d) {
        const dd::CustomValue* v = f.value_of(d, segment.meta.id);
        return v && std::string(v->text.view()) == "Enterprise";
    }, "segment Enterprise");
}

TEST_CASE("list filters: what does not parse is named under the fields and filters nothing") {
    FiltersFixture f;
    const size_t all = f.store().workspace().deals.size();
    const auto shows_error = [&](const std::string& text) { return f.ui.find("Error " + text) != nullptr; };

    f.type_into("Minimum value", "lots");
    CHECK(f.ls().rows.size() == all);
    CHECK(!f.ls().filters.value_min);
    REQUIRE(f.ls().filter_inputs.errors.size() == 1);
    CHECK(f.ls().filter_inputs.errors[0].rfind("Minimum value: ", 0) == 0);
    CHECK(shows_error(f.ls().filter_inputs.errors[0]));

    f.type_into("Minimum value", "900");
    f.type_into("Maximum value", "100");
    CHECK(shows_error("Value: the start is after the end"));
    CHECK(f.ls().rows.size() == all);

    f.type_into("Minimum value", "");
    f.type_into("Maximum value", "");
    f.type_into("Close from", "2026-02-30");
    CHECK(shows_error("Close from: must be a date (YYYY-MM-DD)"));
    CHECK(f.ls().filters.close_from == dd::kNoDay);

    f.type_into("Close from", "");
    f.type_into("Lead score", "ten");
    CHECK(shows_error("Lead score: must be a whole number"));
    f.type_into("Lead score", "");
    f.type_into("Signed NDA", "maybe");
    CHECK(shows_error("Signed NDA: yes or no"));
    CHECK(f.ls().filters.custom.empty());
    CHECK(f.ls().rows.size() == all);

    f.type_into("Signed NDA", "");
    CHECK(f.ls().filter_inputs.errors.empty());
}

TEST_CASE("list rows: Duplicate and Log activity from a row's context menu, each one undo step") {
    UiDriver ui{1400.0f, 900.0f};
    dd::ui::test::open_list_with_sample(ui, 50);
    dd::ui::ListState& ls = ui.app.ui.list;
    const dd::Deal& first = ls.table->deal(ls.rows[0]);
    const dd::Id id = first.meta.id;
    const std::string title = first.title;
    const size_t deals = ui.app.store.workspace().deals.size();
    const auto right_click_first_row = [&] {
        const dd::ui::ItemRecord* row = ui.find(title);
        REQUIRE(row != nullptr);
        ui.right_click_at(row->x + 20, row->center_y());
        ui.frame();
    };

    right_click_first_row();
    REQUIRE(ui.click("Duplicate"));
    ui.frame(2);
    CHECK(ui.app.store.workspace().deals.size() == deals + 1);
    size_t same_title = 0;
    for (const dd::Deal& d : ui.app.store.workspace().deals) same_title += d.title.rfind(title, 0) == 0 ? 1 : 0;
    CHECK(same_title >= 2);
    REQUIRE(ui.click("Undo"));
    ui.frame(2);
    CHECK(ui.app.store.workspace().deals.size() == deals);

    const size_t activities = ui.app.store.workspace().activities.size();
    right_click_first_row();
    REQUIRE(ui.click("Log activity"));
    ui.frame(2);
    REQUIRE(ui.find("Activity subject") != nullptr);
    REQUIRE(ui.click("Activity subject"));
    ui.press_key(ImGuiKey_A, /*ctrl=*/true);
    ui.press_key(ImGuiKey_Backspace);
    ui.type("Called about the renewal");
    REQUIRE(ui.click("Save activity"));
    ui.frame(2);
    REQUIRE(ui.app.store.workspace().activities.size() == activities + 1);
    bool found = false;
    for (const dd::Activity& a : ui.app.store.workspace().activities)
        found |= a.deal == id && a.subject == "Called about the renewal" && a.done;
    CHECK(found);
    REQUIRE(ui.click("Undo"));
    ui.frame(2);
    CHECK(ui.app.store.workspace().activities.size() == activities);
}
