// The List view driven headless like a user: the mouse on the item registry's rectangles (header
// clicks sort, row clicks select with Ctrl/Shift), typed search text, bulk actions through their
// menus, and the store (one undo step per bulk action).
#include <doctest/doctest.h>

#include "core/csv_deal_export.h"
#include "core/csv_reader.h"
#include "core/sample_data.h"
#include "core/store.h"
#include "imgui.h"
#include "ui/list_rows.h"
#include "ui_driver.h"

#include <algorithm>

using dd::ui::View;
using dd::ui::test::UiDriver;

namespace {

struct ListFixture {
    UiDriver ui{1400.0f, 900.0f};
    ListFixture() {
        REQUIRE(dd::ui::load_workspace_into(ui.app, dd::make_sample_workspace(5, 300, ui.now), ui.now, "Sample").ok());
        ui.frame();
        REQUIRE(ui.click("List"));
        REQUIRE(ui.app.ui.view == View::List);
    }
    dd::ui::ListState& ls() { return ui.app.ui.list; }
    const dd::Deal& row(size_t i) { return ls().table->deal(ls().rows[i]); }
    // Rows drawn now (the Selectable of each row carries the deal's title as its label).
    const dd::ui::ItemRecord* row_item(size_t i) {
        for (const auto& item : ui.app.items.last)
            if (item.full_label == row(i).title + "##" + dd::id_to_string(row(i).meta.id)) return &item;
        return nullptr;
    }
    void click_row(size_t i, bool ctrl = false, bool shift = false) {
        const dd::ui::ItemRecord* item = row_item(i);
        REQUIRE(item != nullptr);
        const float x = item->x + 20, y = item->center_y();
        ImGuiIO& io = ImGui::GetIO();
        io.KeyCtrl = ctrl;
        io.KeyShift = shift;
        ui.click_at(x, y);
        io.KeyCtrl = io.KeyShift = false;
        ui.frame();
    }
};

}  // namespace

TEST_CASE("list: every deal is a row, with the count shown, and only visible rows are drawn") {
    ListFixture f;
    CHECK(f.ls().rows.size() == 300);
    CHECK(f.ui.find("300 deals") != nullptr);
    CHECK(f.ui.find("No deals selected") != nullptr);
    CHECK(f.row_item(0) != nullptr);
    CHECK(f.row_item(299) == nullptr);   // virtualized: far rows are not submitted
    for (const char* header : {"Title", "Value", "Stage", "Status", "Owner", "Company", "Expected close"})
        CHECK_MESSAGE(f.ui.find(header) != nullptr, header);
}

TEST_CASE("list: clicking a header sorts by it, again reverses, Shift-click adds a second key") {
    ListFixture f;
    REQUIRE(f.ui.click("Value"));
    REQUIRE(f.ls().sort.size() == 1);
    CHECK(f.ls().sort[0].column == dd::DealColumn::Value);
    const bool first_desc = f.ls().sort[0].descending;   // numbers start descending (PreferSortDescending)
    for (size_t i = 1; i < f.ls().rows.size(); ++i) {
        const auto a = f.ls().table->base_value(f.ls().rows[i - 1]), b = f.ls().table->base_value(f.ls().rows[i]);
        CHECK(first_desc ? a >= b : a <= b);
    }
    REQUIRE(f.ui.click("Value"));
    CHECK(f.ls().sort[0].descending != first_desc);

    ImGui::GetIO().KeyShift = true;
    REQUIRE(f.ui.click("Owner"));
    ImGui::GetIO().KeyShift = false;
    f.ui.frame();
    REQUIRE(f.ls().sort.size() == 2);
    CHECK(f.ls().sort[1].column == dd::DealColumn::Owner);
    // The rows are exactly what the core's query gives for those keys.
    const auto expected = dd::query_deals(f.ui.app.store, {}, f.ls().sort);
    REQUIRE(expected.size() == f.ls().rows.size());
    for (size_t i = 0; i < expected.size(); ++i) CHECK(expected[i]->meta.id == f.row(i).meta.id);
}

TEST_CASE("list: typing in the top bar's search box filters the rows") {
    ListFixture f;
    const dd::Deal& target = f.ui.app.store.workspace().deals[17];
    REQUIRE(f.ui.click("Search"));
    f.ui.type(target.title);
    CHECK(std::string(f.ui.app.ui.search) == target.title);
    REQUIRE(!f.ls().rows.empty());
    CHECK(f.ls().rows.size() < 300);
    bool found = false;
    for (size_t i = 0; i < f.ls().rows.size(); ++i) found |= f.row(i).meta.id == target.meta.id;
    CHECK(found);
    CHECK(f.ui.find(std::to_string(f.ls().rows.size()) + (f.ls().rows.size() == 1 ? " deal" : " deals")) != nullptr);
}

TEST_CASE("list: click, Ctrl-click and Shift-click select; the selection's total is shown") {
    ListFixture f;
    f.click_row(1);
    CHECK(f.ls().selected.size() == 1);
    CHECK(f.ls().selected.count(f.row(1).meta.id));
    f.click_row(4, false, true);   // Shift: rows 1..4
    CHECK(f.ls().selected.size() == 4);
    f.click_row(2, true);          // Ctrl: toggles row 2 off
    CHECK(f.ls().selected.size() == 3);
    CHECK_FALSE(f.ls().selected.count(f.row(2).meta.id));
    dd::Money total = 0;
    for (size_t i : {1, 3, 4}) total += f.ls().table->base_value(f.ls().rows[i]);
    CHECK(f.ls().selected_total == total);
    const std::string shown = "3 selected, worth " + dd::decimal_amount(total, f.ui.app.store.settings().base_currency) + " " +
                              std::string(f.ui.app.store.settings().base_currency.view());
    CHECK(f.ui.find(shown) != nullptr);
    REQUIRE(f.ui.click("Select all"));
    CHECK(f.ls().selected.size() == 300);
}

TEST_CASE("list: shift-selected rows move to a stage in one undo step") {
    ListFixture f;
    f.click_row(0);
    f.click_row(5, false, true);
    REQUIRE(f.ls().selected.size() == 6);
    const std::vector<dd::Id> moved(f.ls().selected.begin(), f.ls().selected.end());
    const dd::Pipeline& pipe = f.ui.app.store.workspace().pipelines[0];
    const dd::Stage& target = pipe.stages[2];
    const size_t depth = f.ui.app.store.undo_depth();
    REQUIRE(f.ui.click("Move to stage"));
    REQUIRE(f.ui.click(target.name));
    for (dd::Id id : moved) CHECK(f.ui.app.store.find_deal(id)->stage == target.id);
    CHECK(f.ui.app.store.undo_depth() == depth + 1);
    REQUIRE(f.ui.click("Undo"));
    CHECK(f.ui.app.store.undo_depth() == depth);
}

TEST_CASE("list: bulk delete asks first and is one undo step; set owner updates every selected deal") {
    ListFixture f;
    f.click_row(0);
    f.click_row(2, false, true);
    const std::vector<dd::Id> chosen(f.ls().selected.begin(), f.ls().selected.end());
    const dd::TeamMember& owner = f.ui.app.store.workspace().team[2];
    REQUIRE(f.ui.click("Set owner"));
    REQUIRE(f.ui.click(owner.name));
    for (dd::Id id : chosen) CHECK(f.ui.app.store.find_deal(id)->owner == owner.meta.id);

    REQUIRE(f.ui.click("Delete"));
    CHECK(f.ui.app.store.find_deal(chosen[0]) != nullptr);   // not yet: a confirmation first
    REQUIRE(f.ui.click("Delete deals"));
    for (dd::Id id : chosen) CHECK(f.ui.app.store.find_deal(id) == nullptr);
    f.ui.frame();
    CHECK(f.ls().rows.size() == 297);
    CHECK(f.ls().selected.empty());
    REQUIRE(f.ui.click("Undo"));
    for (dd::Id id : chosen) CHECK(f.ui.app.store.find_deal(id) != nullptr);
}

TEST_CASE("list: export writes the filtered, sorted slice with the visible columns in order") {
    ListFixture f;
    REQUIRE(f.ui.click("Value"));
    f.ls().downloads.clear();
    REQUIRE(f.ui.click("Export CSV"));
    REQUIRE(f.ls().downloads.size() == 1);
    const std::string& csv = f.ls().downloads[0].bytes;
    CHECK(f.ls().downloads[0].file_name.find(".csv") != std::string::npos);
    std::vector<dd::CsvRecord> records;
    dd::CsvReader reader([&](dd::CsvRecord& r) { records.push_back(r); });
    reader.feed(csv);
    reader.finish();
    REQUIRE(records.size() == 301);
    std::vector<std::string> header;
    for (const auto& c : f.ls().layout.columns)
        if (c.visible) header.push_back(dd::deal_column_title(f.ui.app.store, c.column, c.custom_field));
    CHECK(records[0].fields == header);
    CHECK(records[1].fields[0] == f.row(0).title);
    CHECK(records[300].fields[0] == f.row(299).title);
}

TEST_CASE("list: a saved view restores its search, filters and sort") {
    ListFixture f;
    REQUIRE(f.ui.click("Value"));
    f.ls().filters.status_mask = dd::status_bit(dd::DealStatus::Open);
    f.ui.frame();
    const size_t open_rows = f.ls().rows.size();
    REQUIRE(f.ui.click("Save view"));
    f.ui.type("Open by value");
    REQUIRE(f.ui.click("Save"));
    REQUIRE(f.ls().saved_views.size() == 1);
    f.ls().filters = dd::DealQuery{};
    f.ls().sort.clear();
    f.ui.frame();
    CHECK(f.ls().rows.size() == 300);
    REQUIRE(f.ui.click("Open by value"));
    f.ui.frame(2);
    CHECK(f.ls().rows.size() == open_rows);
    REQUIRE(f.ls().sort.size() == 1);
    CHECK(f.ls().sort[0].column == dd::DealColumn::Value);
}

TEST_CASE("list: a row's Open (context menu) shows the deal page, which goes back to the list") {
    ListFixture f;
    const dd::Id first = f.row(0).meta.id;
    const dd::ui::ItemRecord* item = f.row_item(0);
    REQUIRE(item != nullptr);
    f.ui.right_click_at(item->x + 20, item->center_y());
    f.ui.frame(2);
    REQUIRE(f.ui.click("Open"));
    CHECK(f.ui.app.ui.view == View::Deal);
    CHECK(f.ui.app.ui.deal_page.deal == first);
    CHECK(f.ui.app.ui.deal_page.back == View::List);
}
