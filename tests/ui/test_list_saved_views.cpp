// Saved views in the List view, driven headless like a user: filter and sort, "Save view", the
// chip that restores it in one click, the views menu (All deals, rename, delete), the modified
// state with "Update view" / "Save as new", a refused name, and a view that outlives a reload
// (the workspace saved and loaded into a new app, as the browser does).
#include <doctest/doctest.h>

#include "core/json_io.h"
#include "core/sample_data.h"
#include "core/store.h"
#include "ui/app_frame.h"
#include "ui/list_saved_views.h"
#include "ui_driver.h"

using dd::ui::View;
using dd::ui::test::UiDriver;

namespace {

struct ViewsFixture {
    UiDriver ui{1400.0f, 900.0f};
    explicit ViewsFixture(dd::Workspace ws) {
        REQUIRE(dd::ui::load_workspace_into(ui.app, std::move(ws), ui.now, "Sample").ok());
        ui.frame();
        REQUIRE(ui.click("List"));
        REQUIRE(ui.app.ui.view == View::List);
    }
    ViewsFixture() : ViewsFixture(dd::make_sample_workspace(5, 300, 1'780'000'000'000)) {}
    dd::ui::ListState& ls() { return ui.app.ui.list; }
    const dd::Store& store() { return ui.app.store; }
    std::string views_button() {
        for (const auto& item : ui.app.items.last)
            if (item.label == "Views") return item.full_label.substr(item.full_label.find("##") + 2);
        return "";
    }
    // A click on the deal count closes an open popup (as a click outside does for a person).
    void click_outside() {
        for (const auto& item : ui.app.items.last) {
            const std::string& l = item.label;
            if (l.size() > 6 && l.compare(l.size() - 6, 6, " deals") == 0 && item.window.find("Main") != std::string::npos) {
                ui.click_at(item.x + 4, item.center_y());
                ui.frame();
                return;
            }
        }
        FAIL("no deal count drawn");
    }
    // Filter to open deals through the filter popup, sort by value (a header click).
    void open_by_value() {
        REQUIRE(ui.click("Filters"));
        REQUIRE(ui.click("Won"));
        REQUIRE(ui.click("Lost"));
        REQUIRE(ui.click("Abandoned"));
        click_outside();
        REQUIRE(ui.click("Value"));
        ui.frame();
    }
    void save_view(const char* name) {
        REQUIRE(ui.click("Save view"));
        ui.type(name);
        REQUIRE(ui.click("Save"));
        ui.frame(2);
    }
};

}  // namespace

TEST_CASE("list views: a view saved from the filters and sort is a workspace record, one click restores it") {
    ViewsFixture f;
    f.open_by_value();
    REQUIRE(f.ls().filters.status_mask == dd::status_bit(dd::DealStatus::Open));
    const size_t open_rows = f.ls().rows.size();
    REQUIRE(open_rows < 300);
    const dd::Id first_open = f.ls().table->deal(f.ls().rows[0]).meta.id;
    f.save_view("Open by value");

    REQUIRE(f.store().saved_views().size() == 1);
    const dd::SavedView& v = *f.store().saved_views()[0];
    CHECK(v.name == "Open by value");
    CHECK(v.owner == f.store().settings().current_user);
    CHECK(v.filters.status_mask == dd::status_bit(dd::DealStatus::Open));
    REQUIRE(v.sort.size() == 1);
    CHECK(v.sort[0].column == dd::DealColumn::Value);
    CHECK(f.views_button() == "Open by value");
    CHECK(f.store().undo_label() == "Saved view Open by value");

    // Back to every deal through the menu, then the chip: one click and it is all back.
    REQUIRE(f.ui.click("Views"));
    REQUIRE(f.ui.click("All deals"));
    f.ui.frame();
    CHECK(f.ls().rows.size() == 300);
    CHECK(f.views_button() == "All deals");
    REQUIRE(f.ui.click("Open by value"));
    f.ui.frame(2);
    CHECK(f.ls().rows.size() == open_rows);
    CHECK(f.ls().table->deal(f.ls().rows[0]).meta.id == first_open);
    REQUIRE(f.ls().sort.size() == 1);
    CHECK(f.ls().sort[0].descending == v.sort[0].descending);
    CHECK(f.views_button() == "Open by value");
    CHECK(f.ui.find("Update view") == nullptr);   // nothing changed since it was chosen
}

TEST_CASE("list views: changed filters mark the view modified; Update view and Save as new") {
    ViewsFixture f;
    f.open_by_value();
    f.save_view("Open by value");
    const dd::Id id = f.store().saved_views()[0]->meta.id;
    f.ui.frame();
    CHECK(f.ui.find("Update view") == nullptr);

    REQUIRE(f.ui.click("Filters"));
    REQUIRE(f.ui.click("Won"));   // open and won now
    f.click_outside();
    CHECK(f.views_button() == "Open by value (modified)");
    REQUIRE(f.ui.find("Update view") != nullptr);
    const uint8_t both = dd::status_bit(dd::DealStatus::Open) | dd::status_bit(dd::DealStatus::Won);

    REQUIRE(f.ui.click("Save as new"));
    f.ui.type("Open and won");
    REQUIRE(f.ui.click("Save"));
    f.ui.frame(2);
    REQUIRE(f.store().saved_views().size() == 2);
    CHECK(f.store().saved_views()[1]->filters.status_mask == both);
    CHECK(f.store().find_saved_view(id)->filters.status_mask == dd::status_bit(dd::DealStatus::Open));
    CHECK(f.views_button() == "Open and won");

    REQUIRE(f.ui.click("Open by value"));
    f.ui.frame();
    REQUIRE(f.ui.click("Filters"));
    REQUIRE(f.ui.click("Lost"));
    f.click_outside();
    REQUIRE(f.ui.click("Update view"));
    f.ui.frame(2);
    CHECK(f.store().find_saved_view(id)->filters.status_mask ==
          (dd::status_bit(dd::DealStatus::Open) | dd::status_bit(dd::DealStatus::Lost)));
    CHECK(f.store().undo_label() == "Updated view Open by value");
    CHECK(f.views_button() == "Open by value");
}

TEST_CASE("list views: a name already used is refused next to the field; nothing is saved") {
    ViewsFixture f;
    f.save_view("Everything");
    REQUIRE(f.store().saved_views().size() == 1);
    REQUIRE(f.ui.click("Save view"));
    f.ui.type("everything");
    REQUIRE(f.ui.click("Save"));
    f.ui.frame(2);
    CHECK(f.store().saved_views().size() == 1);
    CHECK(f.ui.find("you already have a view named \"Everything\"") != nullptr);
}

TEST_CASE("list views: renamed and deleted from the menu; undo brings a deleted view back") {
    ViewsFixture f;
    f.save_view("First");
    f.save_view("Second");
    REQUIRE(f.ui.click("Views"));
    REQUIRE(f.ui.click("Rename view First"));
    f.ui.frame();
    REQUIRE(f.ui.find("New view name") != nullptr);
    REQUIRE(f.ui.click("New view name"));
    for (int i = 0; i < 5; ++i) f.ui.press_key(ImGuiKey_Backspace);
    f.ui.type("Renamed");
    REQUIRE(f.ui.click("Save name"));
    f.ui.frame(2);
    REQUIRE(f.store().saved_views().size() == 2);
    CHECK(f.store().saved_views()[0]->name == "Renamed");

    REQUIRE(f.ui.click("Move view Second up"));
    f.ui.frame(2);
    CHECK(f.store().saved_views()[0]->name == "Second");

    REQUIRE(f.ui.click("Delete view Second"));
    f.ui.frame(2);
    REQUIRE(f.store().saved_views().size() == 1);
    CHECK(f.views_button() == "All deals");   // the deleted view was the active one
    f.click_outside();                          // the menu stays open for more edits: close it
    REQUIRE(f.ui.click("Undo"));
    f.ui.frame(2);
    REQUIRE(f.store().saved_views().size() == 2);
    CHECK(f.store().saved_views()[0]->name == "Second");
}

TEST_CASE("list views: after a reload (the workspace saved and opened again) one click restores rows, sort and columns") {
    std::string saved;
    size_t open_rows = 0;
    std::vector<dd::Id> first_rows;
    dd::TableLayout layout;
    {
        ViewsFixture f;
        f.open_by_value();
        // Hide a column through the table's own header menu state: the layout is part of the view.
        f.ls().layout.columns[2].visible = !f.ls().layout.columns[2].visible;
        f.ls().declared.columns.clear();
        ++f.ls().table_generation;
        f.ls().sort_pending = true;
        f.ui.frame(2);
        layout = f.ls().layout;
        open_rows = f.ls().rows.size();
        for (size_t i = 0; i < 5; ++i) first_rows.push_back(f.ls().table->deal(f.ls().rows[i]).meta.id);
        f.save_view("Open by value");
        saved = dd::save_workspace_json(f.store().workspace());
    }
    dd::Result<dd::Workspace> ws = dd::load_workspace_json(saved);
    REQUIRE(ws.ok());
    ViewsFixture again(std::move(ws.value()));
    CHECK(again.ls().rows.size() == 300);
    REQUIRE(again.ui.click("Open by value"));
    again.ui.frame(2);
    CHECK(again.ls().rows.size() == open_rows);
    for (size_t i = 0; i < first_rows.size(); ++i) CHECK(again.ls().table->deal(again.ls().rows[i]).meta.id == first_rows[i]);
    REQUIRE(again.ls().layout.columns.size() == layout.columns.size());
    for (size_t i = 0; i < layout.columns.size(); ++i) {
        CHECK(again.ls().layout.columns[i].column == layout.columns[i].column);
        CHECK(again.ls().layout.columns[i].visible == layout.columns[i].visible);
    }
    CHECK(again.ui.find("Update view") == nullptr);
}
