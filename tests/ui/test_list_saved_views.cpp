// Saved views in the List view, driven headless like a user: filter and sort, "Save view", the
// chip that restores it in one click, the views menu (All deals, rename, delete), the modified
// state with "Update view" / "Save as new", a refused name, and a view that outlives a reload
// (the workspace saved and loaded into a new app, as the browser does).
#include <doctest/doctest.h>

#include <algorithm>

#include "core/json_io.h"
#include "core/sample_data.h"
#include "core/store.h"
#include "ui/app_frame.h"
#include "ui/list_prefs.h"
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
    // A click on the empty toolbar left of Export CSV closes an open popup (as a click outside
    // does for a person); the filters popup opens below its button, over the deal count.
    void click_outside() {
        for (const auto& item : ui.app.items.last) {
            if (item.label == "Export CSV" && item.window.find("Main") != std::string::npos) {
                ui.click_at(item.x - 150, item.center_y());
                ui.frame();
                return;
            }
        }
        FAIL("no Export CSV button drawn");
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

namespace {

dd::Id member_named(const dd::Store& store, const char* name) {
    for (const dd::TeamMember& m : store.workspace().team)
        if (m.name == name) return m.meta.id;
    FAIL("no team member " << name);
    return dd::kNoId;
}

// Who uses this device, as the "Who are you?" choice does it.
void become(ViewsFixture& f, dd::Id member) {
    REQUIRE(f.ui.app.store.apply(dd::SetCurrentUser{member}, dd::CommandContext{member, f.ui.now}).ok());
    f.ui.frame(2);
}

}  // namespace

TEST_CASE("list views: Only me or Shared when saving, a marker in the menu; a viewer sees the team's views, saves their own and cannot change or share the team's") {
    ViewsFixture f;
    const dd::Id admin = f.store().settings().current_user;   // the sample's current user: Alex, an admin
    // An admin shares one view and keeps one to themselves (Only me is the default).
    REQUIRE(f.ui.click("Save view"));
    f.ui.type("Team pipeline");
    REQUIRE(f.ui.click("Shared"));
    REQUIRE(f.ui.click("Save"));
    f.ui.frame(2);
    f.save_view("Alex only");
    REQUIRE(f.store().saved_views().size() == 2);
    CHECK(f.store().saved_views()[0]->shared);
    CHECK_FALSE(f.store().saved_views()[1]->shared);
    REQUIRE(f.ui.click("Views"));
    f.ui.frame();
    CHECK(f.ui.find("Shared: Team pipeline") != nullptr);
    CHECK(f.ui.find("Only me: Alex only") != nullptr);
    f.click_outside();

    // Nora is a viewer: the team's view is there, the admin's private one is not.
    become(f, member_named(f.store(), "Nora Lind"));
    CHECK(f.views_button() == "All deals");   // the admin's private view was the one shown
    REQUIRE(f.ui.click("Views"));
    f.ui.frame();
    CHECK(f.ui.find("Team pipeline") != nullptr);
    CHECK(f.ui.find("Alex only") == nullptr);
    // Its rename, share and delete are drawn disabled: clicking them changes nothing.
    REQUIRE(f.ui.click("Delete view Team pipeline"));
    REQUIRE(f.ui.click("Make view private Team pipeline"));
    f.ui.frame(2);
    CHECK(f.store().saved_views().size() == 2);
    CHECK(f.store().saved_views()[0]->shared);
    f.click_outside();

    // Her own view: "Shared" is disabled (viewers cannot share), so it is saved private and hers.
    REQUIRE(f.ui.click("Save view"));
    f.ui.type("Nora's deals");
    REQUIRE(f.ui.click("Shared"));
    REQUIRE(f.ui.click("Save"));
    f.ui.frame(2);
    REQUIRE(f.store().saved_views().size() == 3);
    const dd::SavedView& hers = *f.store().saved_views()[2];
    CHECK(hers.name == "Nora's deals");
    CHECK_FALSE(hers.shared);
    CHECK(hers.owner == member_named(f.store(), "Nora Lind"));
    CHECK(f.views_button() == "Nora's deals");
    // ...and she deletes it herself; Undo brings it back.
    REQUIRE(f.ui.click("Views"));
    REQUIRE(f.ui.click("Delete view Nora's deals"));
    f.ui.frame(2);
    CHECK(f.store().saved_views().size() == 2);
    f.click_outside();
    REQUIRE(f.ui.click("Undo"));
    f.ui.frame(2);
    CHECK(f.store().saved_views().size() == 3);

    // Back to the admin: the viewer's private view is not listed; the admin shares "Alex only".
    become(f, admin);
    REQUIRE(f.ui.click("Views"));
    f.ui.frame();
    CHECK(f.ui.find("Nora's deals") == nullptr);
    REQUIRE(f.ui.click("Share view Alex only"));
    f.ui.frame(2);
    CHECK(f.store().find_saved_view(f.store().saved_views()[1]->meta.id)->shared);
    CHECK(f.store().undo_label() == "Shared view Alex only");
    CHECK(f.ui.find("Shared: Alex only") != nullptr);
}

namespace {

// What the web platform does after each frame (prefs_web.cpp): note the chosen view, hand over
// the prefs text when it changed. Returns the device's stored text.
std::string device_prefs_after_frame(ViewsFixture& f, std::string stored) {
    dd::ui::remember_chosen_view(f.ls(), f.store().workspace());
    if (std::optional<std::string> text = dd::ui::take_list_prefs(f.ls())) stored = *text;
    return stored;
}

// A new session on the device: a fresh app opening `workspace`, the prefs restored at start and
// the remembered view chosen once the workspace is loaded (as prefs_web.cpp does).
void reopen(ViewsFixture& g, const std::string& prefs) {
    dd::ui::restore_list_prefs(g.ls(), prefs);
    CHECK(g.ls().view_restore_pending);
    dd::ui::choose_remembered_view(g.ui.app.ui, g.store());
    CHECK_FALSE(g.ls().view_restore_pending);
    g.ui.frame(2);
}

}  // namespace

TEST_CASE("list views: the view chosen last is shown again after a reload, its chip marked; a view deleted meanwhile falls back to All deals") {
    std::string prefs, saved_ws;
    size_t open_rows = 0;
    dd::Id first_open = dd::kNoId, view_id = dd::kNoId;
    {
        ViewsFixture f;
        f.open_by_value();
        f.save_view("Open by value");
        f.save_view("Everything else");   // saved from the same filters: the newest is the chosen one
        REQUIRE(f.ui.click("Open by value"));   // the chip: this is the view chosen last
        f.ui.frame(2);
        open_rows = f.ls().rows.size();
        first_open = f.ls().table->deal(f.ls().rows[0]).meta.id;
        view_id = f.ls().active_view;
        prefs = device_prefs_after_frame(f, prefs);
        REQUIRE(prefs.find(dd::id_to_string(view_id)) != std::string::npos);
        CHECK_FALSE(dd::ui::take_list_prefs(f.ls()).has_value());   // nothing new until another choice
        saved_ws = dd::save_workspace_json(f.store().workspace());
    }
    SUBCASE("the view is there: its rows, order and chip") {
        dd::Result<dd::Workspace> ws = dd::load_workspace_json(saved_ws);
        REQUIRE(ws.ok());
        ViewsFixture g(std::move(ws.value()));
        reopen(g, prefs);
        CHECK(g.views_button() == "Open by value");
        CHECK(g.ls().active_view == view_id);
        CHECK(g.ls().rows.size() == open_rows);
        CHECK(g.ls().table->deal(g.ls().rows[0]).meta.id == first_open);
        CHECK(g.ui.find("Update view") == nullptr);   // shown exactly as saved
        // Choosing All deals is remembered too: the next session starts there.
        REQUIRE(g.ui.click("Views"));
        REQUIRE(g.ui.click("All deals"));
        g.ui.frame();
        const std::string after = device_prefs_after_frame(g, prefs);
        CHECK(after.find(dd::id_to_string(view_id)) == std::string::npos);
        ViewsFixture h(std::move(dd::load_workspace_json(saved_ws).value()));
        dd::ui::restore_list_prefs(h.ls(), after);
        dd::ui::choose_remembered_view(h.ui.app.ui, h.store());
        h.ui.frame(2);
        CHECK(h.views_button() == "All deals");
        CHECK(h.ls().rows.size() == 300);
    }
    SUBCASE("the view was deleted meanwhile (another tab, undo): All deals, no error") {
        dd::Result<dd::Workspace> ws = dd::load_workspace_json(saved_ws);
        REQUIRE(ws.ok());
        auto& views = ws.value().saved_views;
        views.erase(std::remove_if(views.begin(), views.end(), [&](const dd::SavedView& v) { return v.meta.id == view_id; }),
                    views.end());
        ViewsFixture g(std::move(ws.value()));
        reopen(g, prefs);
        CHECK(g.views_button() == "All deals");
        CHECK(g.ls().active_view == dd::kNoId);
        CHECK(g.ls().rows.size() == 300);
        CHECK(g.ui.find("Everything else") != nullptr);   // the other view's chip is still there
        CHECK_FALSE(g.ui.app.ui.toast.error);
    }
    SUBCASE("another workspace opened on the device keeps its own choice; this one's comes back after it") {
        ViewsFixture other(dd::make_sample_workspace(3, 40, 1'780'000'000'000));
        dd::ui::restore_list_prefs(other.ls(), prefs);
        dd::ui::choose_remembered_view(other.ui.app.ui, other.store());   // none of its views: All deals
        other.ui.frame();
        CHECK(other.views_button() == "All deals");
        // The app draws ids from entropy; the test drivers share one seed: step past the ids
        // the first session used, as two real devices' sessions would never meet.
        for (int i = 0; i < 1000; ++i) (void)other.ui.app.ids.next();
        other.save_view("Theirs");
        const std::string both = device_prefs_after_frame(other, prefs);
        CHECK(dd::ui::decode_remembered_views(both).size() == 2);
        ViewsFixture g(std::move(dd::load_workspace_json(saved_ws).value()));
        reopen(g, both);
        CHECK(g.views_button() == "Open by value");
    }
}

TEST_CASE("list views: a remembered private view is not shown to another user of the device") {
    std::string prefs, saved_ws;
    {
        ViewsFixture f;
        f.open_by_value();
        f.save_view("Alex only");   // private (Only me is the default)
        prefs = device_prefs_after_frame(f, prefs);
        saved_ws = dd::save_workspace_json(f.store().workspace());
    }
    dd::Result<dd::Workspace> ws = dd::load_workspace_json(saved_ws);
    REQUIRE(ws.ok());
    for (const dd::TeamMember& m : ws.value().team)
        if (m.name == "Nora Lind") ws.value().settings.current_user = m.meta.id;
    ViewsFixture g(std::move(ws.value()));
    reopen(g, prefs);
    CHECK(g.views_button() == "All deals");
    CHECK(g.ls().rows.size() == 300);
}
