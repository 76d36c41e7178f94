// The List view driven headless like a user: the mouse on the item registry's rectangles (header
// clicks sort, row clicks select with Ctrl/Shift), typed search text, bulk actions through their
// menus, and the store (one undo step per bulk action).
#include <doctest/doctest.h>

#include "core/csv_deal_export.h"
#include "core/csv_reader.h"
#include "core/sample_data.h"
#include "core/store.h"
#include "imgui.h"
#include "ui/list_export.h"
#include "ui/list_prefs.h"
#include "ui/list_rows.h"
#include "list_fixture.h"
#include "ui_driver.h"

#include <algorithm>

using dd::ui::View;
using dd::ui::test::UiDriver;

namespace {

struct ListFixture {
    UiDriver ui{1400.0f, 900.0f};
    ListFixture() { dd::ui::test::open_list_with_sample(ui, 300); }
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
    REQUIRE(f.ls().downloads.size() == 1);   // 300 rows: one part, written in the frame of the click
    CHECK(f.ls().downloads[0].last);
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

TEST_CASE("list: bulk set status is one undo step; Lost asks the reason once for the whole selection") {
    ListFixture f;
    dd::Store& store = f.ui.app.store;
    // Four open deals side by side (the sample mixes statuses): filter to open ones first.
    f.ls().filters.status_mask = dd::status_bit(dd::DealStatus::Open);
    f.ui.frame();
    f.click_row(0);
    f.click_row(3, false, true);
    REQUIRE(f.ls().selected.size() == 4);
    const std::vector<dd::Id> chosen(f.ls().selected.begin(), f.ls().selected.end());
    const size_t depth = store.undo_depth();

    REQUIRE(f.ui.click("Set status"));
    REQUIRE(f.ui.click("Won"));
    for (dd::Id id : chosen) CHECK(store.find_deal(id)->status == dd::DealStatus::Won);
    CHECK(store.undo_depth() == depth + 1);
    CHECK(store.undo_label() == "Marked 4 deals as won");
    REQUIRE(f.ui.click("Undo"));
    for (dd::Id id : chosen) CHECK(store.find_deal(id)->status == dd::DealStatus::Open);

    // Lost: a dialog asks why, once; its reason and comment go to every deal.
    const dd::LostReason& reason = store.workspace().lost_reasons.at(0);
    for (dd::Id id : chosen) f.ls().selected.insert(id);   // the undo's data change kept the selection
    f.ui.frame();
    REQUIRE(f.ls().selected.size() == 4);
    REQUIRE(f.ui.click("Set status"));
    REQUIRE(f.ui.click("Lost"));
    CHECK(store.find_deal(chosen[0])->status == dd::DealStatus::Open);   // not before the reason is given
    f.ui.frame();
    REQUIRE(f.ui.click("Reason " + reason.text));
    REQUIRE(f.ui.click("Lost comment"));
    f.ui.type("merged budgets");
    REQUIRE(f.ui.click("Mark as lost"));
    for (dd::Id id : chosen) {
        const dd::Deal* d = store.find_deal(id);
        CHECK(d->status == dd::DealStatus::Lost);
        CHECK(d->lost_reason == reason.meta.id);
        CHECK(d->lost_reason_text == "merged budgets");
    }
    CHECK(store.undo_depth() == depth + 1);   // the undone "won" step was replaced: one step for the set
    CHECK(store.undo_label() == "Marked 4 deals as lost");
    REQUIRE(f.ui.click("Undo"));
    for (dd::Id id : chosen) CHECK(store.find_deal(id)->status == dd::DealStatus::Open);
}

namespace {

float index_of(const dd::TableLayout& layout, dd::DealColumn column) {
    for (size_t i = 0; i < layout.columns.size(); ++i)
        if (layout.columns[i].column == column) return float(i);
    return -1.0f;
}

const dd::ColumnLayout& column_of(const dd::TableLayout& layout, dd::DealColumn column) {
    for (const dd::ColumnLayout& c : layout.columns)
        if (c.column == column) return c;
    FAIL("no such column");
    return layout.columns.front();
}

// An item with that label in a popup (the table's header context menu), not the header itself.
const dd::ui::ItemRecord* popup_item(UiDriver& ui, const std::string& label) {
    for (const auto& item : ui.app.items.last)
        if (item.label == label && item.window.find("Popup") != std::string::npos) return &item;
    return nullptr;
}

}  // namespace

TEST_CASE("list: a column hidden, moved and resized is saved to the device prefs and comes back in a new session") {
    std::string saved;   // the device's prefs store (localStorage on the web)
    dd::TableLayout chosen;
    {
        ListFixture f;
        (void)dd::ui::take_list_prefs(f.ls());   // the first frame may hand over the defaults: saved, like a platform would
        const float value_width = column_of(f.ls().layout, dd::DealColumn::Value).width;
        REQUIRE(f.ui.find("Company") != nullptr);

        // Hide "Company" through the header's context menu (right-click a header).
        const dd::ui::ItemRecord* owner = f.ui.find("Owner");
        REQUIRE(owner != nullptr);
        f.ui.right_click_at(owner->center_x(), owner->center_y());
        f.ui.frame(2);
        const dd::ui::ItemRecord* hide = popup_item(f.ui, "Company");
        REQUIRE(hide != nullptr);
        f.ui.click_at(hide->center_x(), hide->center_y());
        f.ui.frame(2);
        CHECK_FALSE(column_of(f.ls().layout, dd::DealColumn::Company).visible);
        // The menu stays open for more toggles: a click elsewhere (on the row count) closes it.
        REQUIRE(f.ui.click("300 deals"));
        f.ui.frame();
        CHECK(f.ui.find("Company") == nullptr);

        // Widen "Value" by dragging its right border.
        const dd::ui::ItemRecord* value = f.ui.find("Value");
        REQUIRE(value != nullptr);
        const float border = value->x + value->w - 1.0f;
        f.ui.move_mouse(border, value->center_y());
        f.ui.drag(border, value->center_y(), border + 60.0f, value->center_y());
        CHECK(column_of(f.ls().layout, dd::DealColumn::Value).width == doctest::Approx(value_width + 60.0f).epsilon(0.05));

        // Drag "Owner" left over "Status": it moves before it.
        REQUIRE(index_of(f.ls().layout, dd::DealColumn::Owner) > index_of(f.ls().layout, dd::DealColumn::Status));
        owner = f.ui.find("Owner");
        const dd::ui::ItemRecord* status = f.ui.find("Status");
        REQUIRE((owner && status));
        f.ui.move_mouse(owner->center_x(), owner->center_y());
        f.ui.drag(owner->center_x(), owner->center_y(), status->x + 4.0f, status->center_y(), 8);
        CHECK(index_of(f.ls().layout, dd::DealColumn::Owner) < index_of(f.ls().layout, dd::DealColumn::Status));

        // The platform saves what take_list_prefs hands over after a frame.
        std::optional<std::string> text = dd::ui::take_list_prefs(f.ls());
        REQUIRE(text.has_value());
        saved = *text;
        CHECK_FALSE(dd::ui::take_list_prefs(f.ls()).has_value());   // nothing new until the layout changes
        chosen = f.ls().layout;
    }
    // A new session on this device: a fresh app, the prefs restored before the list is drawn.
    ListFixture g;   // (draws the list once with the defaults, as a page loading prefs late would)
    dd::ui::restore_list_prefs(g.ls(), saved);
    g.ui.frame(2);
    CHECK(g.ls().layout == chosen);
    CHECK(g.ui.find("Company") == nullptr);
    const dd::ui::ItemRecord* owner = g.ui.find("Owner");
    const dd::ui::ItemRecord* status = g.ui.find("Status");
    const dd::ui::ItemRecord* value = g.ui.find("Value");
    REQUIRE((owner && status && value));
    CHECK(owner->x < status->x);
    CHECK(value->w == doctest::Approx(column_of(chosen, dd::DealColumn::Value).width + 0.0f).epsilon(0.2));
    CHECK_FALSE(dd::ui::take_list_prefs(g.ls()).has_value());   // restored = already saved
}

TEST_CASE("list prefs: a damaged or foreign record is ignored; a saved layout is fitted to the workspace's columns") {
    CHECK_FALSE(dd::ui::decode_list_prefs("").has_value());
    CHECK_FALSE(dd::ui::decode_list_prefs("{\"format\":\"dealdeck-prefs\",\"version\":1,\"list_columns\":").has_value());
    CHECK_FALSE(dd::ui::decode_list_prefs("{\"format\":\"other\",\"version\":1,\"list_columns\":[]}").has_value());
    CHECK_FALSE(dd::ui::decode_list_prefs("{\"format\":\"dealdeck-prefs\",\"version\":2,\"list_columns\":[{\"column\":\"title\"}]}").has_value());

    dd::TableLayout defaults;
    defaults.columns = {{dd::DealColumn::Title}, {dd::DealColumn::Value}, {dd::DealColumn::Custom, 7}, {dd::DealColumn::Custom, 9}};
    dd::TableLayout saved;
    saved.columns = {{dd::DealColumn::Value, 0, 150.0f, false}, {dd::DealColumn::Custom, 8, 90.0f, true},
                     {dd::DealColumn::Title, 0, 200.0f, false}, {dd::DealColumn::Custom, 9, 70.0f, true}};
    const std::optional<dd::TableLayout> round = dd::ui::decode_list_prefs(dd::ui::encode_list_prefs(saved));
    REQUIRE(round.has_value());
    CHECK(*round == saved);
    const dd::TableLayout fitted = dd::ui::fit_layout(*round, defaults);
    REQUIRE(fitted.columns.size() == 4);
    CHECK(fitted.columns[0] == dd::ColumnLayout{dd::DealColumn::Value, 0, 150.0f, false});
    CHECK(fitted.columns[1] == dd::ColumnLayout{dd::DealColumn::Title, 0, 200.0f, true});   // never hidden
    CHECK(fitted.columns[2] == dd::ColumnLayout{dd::DealColumn::Custom, 9, 70.0f, true});
    CHECK(fitted.columns[3] == dd::ColumnLayout{dd::DealColumn::Custom, 7, 0.0f, true});    // new field: appended
}

TEST_CASE("list: a big export is written in parts over several frames with its progress shown, rows as they were") {
    UiDriver ui{1400.0f, 900.0f};
    dd::ui::test::open_list_with_sample(ui, 20000);
    dd::ui::ListState& ls = ui.app.ui.list;
    REQUIRE(ls.rows.size() == 20000);
    std::vector<dd::Id> order;
    for (uint32_t r : ls.rows) order.push_back(ls.table->deal(r).meta.id);

    // Parts of a tiny time budget: what a slow machine with a million rows would see.
    ls.downloads.clear();
    dd::ui::list_start_export(ls, dd::Day(ui.now / 86'400'000));
    REQUIRE(ls.export_job.busy());
    std::string file;
    size_t parts = 0;
    dd::ui::list_export_step(ls, ui.app.store, 0.0);   // a tiny budget: the first 512 rows only
    REQUIRE(ls.export_job.busy());
    ui.frame();   // draws the progress, then app_frame writes the next part
    CHECK(ui.find("Exporting 512 of 20,000 rows") != nullptr);
    CHECK(ui.find("Export CSV") == nullptr);
    while (ls.export_job.busy()) {
        ui.frame();
        REQUIRE(++parts < 1000);
    }
    ui.frame();
    for (const dd::ui::DownloadPart& part : ls.downloads) {
        CHECK(part.download == ls.downloads.front().download);
        file += part.bytes;
    }
    CHECK(ls.downloads.size() > 1);
    CHECK(ls.downloads.back().last);
    for (size_t i = 0; i + 1 < ls.downloads.size(); ++i) CHECK_FALSE(ls.downloads[i].last);
    CHECK(ui.find("Export CSV") != nullptr);   // the button is back

    std::vector<dd::CsvRecord> records;
    dd::CsvReader reader([&](dd::CsvRecord& r) { records.push_back(r); });
    reader.feed(file);
    reader.finish();
    REQUIRE(records.size() == 20001);
    CHECK(records[0].fields[0] == "Title");
    for (size_t i : {size_t(0), size_t(4321), size_t(19999)})
        CHECK(records[i + 1].fields[0] == ui.app.store.find_deal(order[i])->title);
}

TEST_CASE("list: the export starts with a UTF-8 BOM for Excel unless the export options turn it off") {
    ListFixture f;
    const auto export_once = [&](const char* which) -> std::string {
        f.ls().downloads.clear();
        INFO(std::string(which));
        REQUIRE(f.ui.click("Export CSV"));
        REQUIRE(f.ls().downloads.size() == 1);
        return f.ls().downloads[0].bytes;
    };
    const std::string bom = "\xEF\xBB\xBF";
    const std::string with_bom = export_once("with the BOM");
    CHECK(with_bom.compare(0, 3, bom) == 0);

    REQUIRE(f.ui.click("Export options"));
    REQUIRE(f.ui.click("Export for Excel"));
    CHECK_FALSE(f.ls().export_bom);
    const dd::ui::ItemRecord* count = f.ui.find("300 deals");
    REQUIRE(count != nullptr);
    f.ui.click_at(count->x + 4, count->center_y());   // a click outside closes the options
    f.ui.frame();
    REQUIRE(f.ui.find("Export for Excel") == nullptr);
    const std::string plain = export_once("without");
    CHECK(plain.compare(0, 3, bom) != 0);
    CHECK(plain == with_bom.substr(3));   // the same file, only without the mark
}
