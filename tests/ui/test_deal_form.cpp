// The deal form through a user's path: the top bar's "New deal", typing, picking, Enter, Esc.
#include "core/sample_data.h"
#include "imgui.h"
#include "people_fixture.h"
#include "ui/deal_page.h"
#include "ui_driver.h"

#include <doctest/doctest.h>

using namespace dd;
using namespace dd::ui;
using dd::ui::test::UiDriver;
using dd::ui::test::find_prefix;

namespace {

Id add_contact(UiDriver& ui, const char* name) {
    Contact c;
    c.meta.id = ui.app.ids.next();
    c.name = name;
    REQUIRE(ui.app.store.apply(CreateContact{c}, test::as_current_user(ui)).ok());
    return c.meta.id;
}

}  // namespace

TEST_CASE("deal form: an empty form cannot be saved and says why next to the field") {
    UiDriver ui;
    REQUIRE(ui.click("New deal"));
    REQUIRE(ui.find("New deal") != nullptr);   // the dialog's heading
    REQUIRE(ui.click("Create deal"));
    // Still open, nothing created, the error shown under its field.
    CHECK(ui.find("Create deal") != nullptr);
    CHECK(ui.app.store.workspace().deals.empty());
    const ItemRecord* error = find_prefix(ui, "Error ");
    REQUIRE(error);
    CHECK(ui.app.ui.deal_form.error_field != "");
    CHECK(error->label.find(ui.app.ui.deal_form.error_field) != std::string::npos);

    // A bad amount is caught before the store, under "value".
    REQUIRE(ui.click("Value"));
    ui.type("12,5x");
    REQUIRE(ui.click("Create deal"));
    CHECK(ui.app.ui.deal_form.error_field == "value");
    CHECK(find_prefix(ui, "Error value:") != nullptr);

    // Esc cancels.
    ui.press_key(ImGuiKey_Escape);
    ui.press_key(ImGuiKey_Escape);
    CHECK(ui.find("Create deal") == nullptr);
    CHECK(ui.app.store.workspace().deals.empty());
}

TEST_CASE("deal form: a new contact inline pre-fills the title, Enter creates the deal and opens its page") {
    UiDriver ui;
    REQUIRE(ui.click("New deal"));
    REQUIRE(ui.click("Contact search"));
    ui.type("Zoë Łukasz");
    REQUIRE(ui.click("Create contact"));
    CHECK(std::string(ui.app.ui.deal_form.title) == "Zoë Łukasz deal");
    REQUIRE(ui.click("Value"));
    ui.type("1,250.50");
    ui.press_key(ImGuiKey_Enter);
    ui.frame(2);
    REQUIRE(ui.app.store.workspace().deals.size() == 1);
    const Deal& d = ui.app.store.workspace().deals.front();
    CHECK(d.title == "Zoë Łukasz deal");
    CHECK(d.value == 125050);
    REQUIRE(d.contacts.size() == 1);
    CHECK(ui.app.store.find_contact(d.contacts[0])->name == "Zoë Łukasz");
    CHECK(ui.app.ui.view == View::Deal);
    CHECK(ui.app.ui.deal_page.deal == d.meta.id);
    CHECK(ui.find("Value: $1,250.50") != nullptr);
    // Every save shows an undo toast.
    CHECK(ui.find("Toast Undo") != nullptr);
    REQUIRE(ui.click("Toast Undo"));
    CHECK(ui.app.store.workspace().deals.empty());
    CHECK(ui.find("This deal no longer exists.") != nullptr);
}

TEST_CASE("deal form: choosing an existing contact, editing a deal keeps its id and records the change") {
    UiDriver ui;
    const Id ada = add_contact(ui, "Ada Lovelace");
    REQUIRE(ui.click("New deal"));
    REQUIRE(ui.click("Contact search"));
    ui.type("ada");
    REQUIRE(ui.click("Choose contact Ada Lovelace"));
    CHECK(std::string(ui.app.ui.deal_form.title) == "Ada Lovelace deal");
    REQUIRE(ui.click("Create deal"));
    REQUIRE(ui.app.store.workspace().deals.size() == 1);
    const Id id = ui.app.store.workspace().deals.front().meta.id;
    CHECK(ui.app.store.find_deal(id)->contacts == std::vector<Id>{ada});

    REQUIRE(ui.click("Edit"));
    CHECK(ui.find("Edit deal") != nullptr);
    REQUIRE(ui.click("Title"));
    ui.press_key(ImGuiKey_A, true);
    ui.type("Analytical engine");
    REQUIRE(ui.click("Save deal"));
    CHECK(ui.app.store.find_deal(id)->title == "Analytical engine");
    CHECK(ui.app.store.workspace().deals.size() == 1);
    ui.click("Show Field edits");
    CHECK(find_prefix(ui, "Title: Ada Lovelace deal") != nullptr);
}

TEST_CASE("the UI fonts carry Latin Extended, Greek and Cyrillic glyphs") {
    UiDriver ui;
    if (!ui.fonts_from_system) return;   // the built-in fallback font has Latin-1 only
    ImFont* font = ui.app.ui.fonts.body;
    REQUIRE(font);
    // Ł (Latin Extended-A), Ș (Extended-B), Ω (Greek), Ж (Cyrillic), ế (Vietnamese): real glyphs,
    // not the fallback "?" box.
    for (ImWchar c : {ImWchar(0x0141), ImWchar(0x0218), ImWchar(0x03A9), ImWchar(0x0416), ImWchar(0x1EBF)}) {
        const ImFontGlyph* g = font->FindGlyphNoFallback(c);
        CHECK_MESSAGE(g != nullptr, "missing glyph " << int(c));
    }
}

TEST_CASE("deal form: with the sample workspace's custom fields at 1280x800 the buttons stay in the window, the fields scroll") {
    UiDriver ui(1280.0f, 800.0f);
    REQUIRE(dd::ui::load_workspace_into(ui.app, dd::make_sample_workspace(5, 40, ui.now), ui.now, "Sample").ok());
    REQUIRE(ui.app.store.workspace().custom_fields.size() == 5);
    const size_t deals = ui.app.store.workspace().deals.size();
    ui.frame(2);
    REQUIRE(ui.click("New deal"));
    ui.frame(3);
    for (const char* label : {"Create deal", "Cancel"}) {
        const ItemRecord* b = ui.find(label);
        REQUIRE_MESSAGE(b != nullptr, label);
        CHECK(b->y >= 0.0f);
        CHECK(b->y + b->h <= 800.0f);
        CHECK(b->x + b->w <= 1280.0f);
    }
    // The last custom field is below the fold: the body scrolls to it under the wheel.
    const ItemRecord* title = ui.find("Title");
    REQUIRE(title);
    const float body_x = title->center_x(), body_y = title->center_y();
    for (int i = 0; i < 20 && !ui.find("Competitor"); ++i) ui.scroll_wheel(body_x, body_y, -3.0f);
    const ItemRecord* last = ui.find("Competitor");
    REQUIRE(last != nullptr);
    CHECK(last->y + last->h <= ui.find("Create deal")->y);   // above the fixed footer
    REQUIRE(ui.click("Competitor"));
    ui.type("Globex");
    // Save with the title empty: the refusal scrolls back up to the title's error.
    REQUIRE(ui.click("Create deal"));
    CHECK(find_prefix(ui, "Error ") != nullptr);
    CHECK(ui.find("Create deal") != nullptr);   // still open
    CHECK(ui.app.store.workspace().deals.size() == deals);
}
