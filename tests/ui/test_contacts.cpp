// Contacts and companies through a user's path: list, page, new deal for a contact, delete with
// the preview of deals deleted and unlinked, undo.
#include "people_fixture.h"
#include "ui/contacts.h"
#include "ui_driver.h"

#include <doctest/doctest.h>

using namespace dd;
using namespace dd::ui;
using dd::ui::test::UiDriver;

namespace {

struct People {
    Id acme = 0, grace = 0, alan = 0, solo = 0, shared = 0;
};

People seed(UiDriver& ui) {
    People p;
    const CommandContext ctx = test::as_current_user(ui);
    Company co;
    co.meta.id = p.acme = ui.app.ids.next();
    co.name = "Acme";
    co.employees = 1200;
    REQUIRE(ui.app.store.apply(CreateCompany{co}, ctx).ok());
    for (auto [name, id] : {std::pair<const char*, Id*>{"Grace Hopper", &p.grace}, {"Alan Turing", &p.alan}}) {
        Contact c;
        c.meta.id = *id = ui.app.ids.next();
        c.name = name;
        c.company = p.acme;
        REQUIRE(ui.app.store.apply(CreateContact{c}, ctx).ok());
    }
    p.solo = test::seed_deal(ui, test::DealSeed{"Solo deal", 100000, {p.grace}, p.acme, {}});
    p.shared = test::seed_deal(ui, test::DealSeed{"Shared deal", 250000, {p.alan, p.grace}, p.acme, {}});
    SetDealStatus won;
    won.deal = p.shared;
    won.status = DealStatus::Won;
    REQUIRE(ui.app.store.apply(won, ctx).ok());
    ui.frame(2);
    return p;
}

}  // namespace

TEST_CASE("contacts: the list opens a contact's page with its deals, counts and won total") {
    UiDriver ui;
    const People p = seed(ui);
    REQUIRE(ui.click("People"));
    REQUIRE(ui.click("Contacts"));
    CHECK(ui.app.ui.view == View::Contacts);
    REQUIRE(ui.click("Open contact Grace Hopper"));
    CHECK(ui.find("Grace Hopper") != nullptr);
    CHECK(ui.find("Open deals: 1") != nullptr);
    CHECK(ui.find("Closed deals: 1") != nullptr);
    CHECK(ui.find("Won total: $2,500") != nullptr);
    REQUIRE(ui.click("Open deal Solo deal"));
    CHECK(ui.app.ui.view == View::Deal);
    CHECK(ui.app.ui.deal_page.deal == p.solo);
    REQUIRE(ui.click("Back"));
    CHECK(ui.app.ui.view == View::Contacts);

    REQUIRE(ui.click("New deal for this contact"));
    CHECK(ui.app.ui.deal_form.contacts == std::vector<Id>{p.grace});
    CHECK(std::string(ui.app.ui.deal_form.title) == "Grace Hopper deal");
    REQUIRE(ui.click("Create deal"));
    CHECK(ui.app.store.deals_of_contact(p.grace).size() == 3);
}

TEST_CASE("contacts: delete lists the deals it deletes and unlinks, then undo restores everything") {
    UiDriver ui;
    const People p = seed(ui);
    open_contact(ui.app.ui, p.grace);
    ui.frame(2);
    REQUIRE(ui.click("Delete contact"));
    CHECK(ui.find("Delete this contact?") != nullptr);
    CHECK(ui.find("\xe2\x80\xa2 Solo deal") != nullptr);     // deleted: Grace is its only contact
    CHECK(ui.find("\xe2\x80\xa2 Shared deal") != nullptr);   // unlinked: Alan stays
    CHECK(ui.app.store.find_contact(p.grace) != nullptr);
    // The dialog's button: the last "Delete contact" drawn (the page's own is behind the modal).
    const auto buttons = ui.app.items.find_all("Delete contact");
    REQUIRE(buttons.size() == 2);
    ui.click_at(buttons.back()->center_x(), buttons.back()->center_y());
    CHECK(ui.app.store.find_contact(p.grace) == nullptr);
    CHECK(ui.app.store.find_deal(p.solo) == nullptr);
    CHECK(ui.app.store.find_deal(p.shared)->contacts == std::vector<Id>{p.alan});
    REQUIRE(ui.click("Toast Undo"));
    CHECK(ui.app.store.find_contact(p.grace) != nullptr);
    CHECK(ui.app.store.find_deal(p.solo) != nullptr);
    CHECK(ui.app.store.find_deal(p.shared)->contacts == std::vector<Id>({p.alan, p.grace}));
}

TEST_CASE("companies: the page shows its contacts, deals, won total and employees") {
    UiDriver ui;
    const People p = seed(ui);
    REQUIRE(ui.click("People"));
    REQUIRE(ui.click("Companies"));
    REQUIRE(ui.click("Open company Acme"));
    CHECK(ui.find("Acme") != nullptr);
    CHECK(ui.find("1,200 employees") != nullptr);
    CHECK(ui.find("Open contact Grace Hopper") != nullptr);
    CHECK(ui.find("Open contact Alan Turing") != nullptr);
    CHECK(ui.find("Won total: $2,500") != nullptr);
    REQUIRE(ui.click("Open contact Alan Turing"));
    CHECK(ui.app.ui.view == View::Contacts);
    CHECK(ui.app.ui.contacts.open == p.alan);
}

TEST_CASE("companies: delete asks first, listing the deals and contacts it unlinks; undo relinks them") {
    UiDriver ui;
    const People p = seed(ui);
    open_company(ui.app.ui, p.acme);
    ui.frame(2);
    REQUIRE(ui.click("Delete company"));
    CHECK(ui.find("Delete this company?") != nullptr);
    CHECK(ui.find("These deals stay, without a company:") != nullptr);
    CHECK(ui.find("\xe2\x80\xa2 Solo deal") != nullptr);
    CHECK(ui.find("\xe2\x80\xa2 Shared deal") != nullptr);
    CHECK(ui.find("These contacts stay, without a company:") != nullptr);
    CHECK(ui.find("\xe2\x80\xa2 Grace Hopper") != nullptr);
    CHECK(ui.find("\xe2\x80\xa2 Alan Turing") != nullptr);
    CHECK(ui.app.store.find_company(p.acme) != nullptr);   // nothing before the confirmation

    REQUIRE(ui.click("Cancel"));
    CHECK(ui.find("Delete this company?") == nullptr);
    CHECK(ui.app.store.find_company(p.acme) != nullptr);

    REQUIRE(ui.click("Delete company"));
    // The dialog's button: the last "Delete company" drawn (the page's own is behind the modal).
    const auto buttons = ui.app.items.find_all("Delete company");
    REQUIRE(buttons.size() == 2);
    ui.click_at(buttons.back()->center_x(), buttons.back()->center_y());
    CHECK(ui.app.store.find_company(p.acme) == nullptr);
    CHECK(ui.app.store.find_deal(p.solo)->company == kNoId);
    CHECK(ui.app.store.find_deal(p.shared)->company == kNoId);
    CHECK(ui.app.store.find_contact(p.grace)->company == kNoId);
    CHECK(ui.app.store.find_contact(p.grace) != nullptr);   // unlinked, not deleted
    CHECK(ui.app.ui.companies.open == kNoId);                // back to the list
    REQUIRE(ui.click("Toast Undo"));
    CHECK(ui.app.store.find_company(p.acme) != nullptr);
    CHECK(ui.app.store.find_deal(p.solo)->company == p.acme);
    CHECK(ui.app.store.find_contact(p.alan)->company == p.acme);
}

TEST_CASE("contacts and companies: the inline add rows create records through the store, Cancel closes them") {
    UiDriver ui;
    REQUIRE(ui.click("People"));
    REQUIRE(ui.click("Companies"));
    REQUIRE(ui.click("New company"));
    REQUIRE(ui.click("Add"));   // no name: refused in place, nothing created
    CHECK(test::find_prefix(ui, "Error: name") != nullptr);
    CHECK(ui.app.store.workspace().companies.empty());
    REQUIRE(ui.click("Company name"));
    ui.type("Initech");
    REQUIRE(ui.click("Add"));
    REQUIRE(ui.app.store.workspace().companies.size() == 1);
    CHECK(ui.app.store.workspace().companies.front().name == "Initech");
    CHECK(ui.find("Company name") == nullptr);   // the row closed

    REQUIRE(ui.click("People"));
    REQUIRE(ui.click("Contacts"));
    REQUIRE(ui.click("New contact"));
    REQUIRE(ui.click("Contact name"));
    ui.type("Peter Gibbons");
    REQUIRE(ui.click("Cancel"));
    CHECK(ui.find("Contact name") == nullptr);
    CHECK(ui.app.store.workspace().contacts.empty());
    REQUIRE(ui.click("New contact"));
    REQUIRE(ui.click("Contact name"));
    ui.type("Peter Gibbons");
    REQUIRE(ui.click("Add"));
    REQUIRE(ui.app.store.workspace().contacts.size() == 1);
    CHECK(ui.app.store.workspace().contacts.front().name == "Peter Gibbons");
}

TEST_CASE("team: a viewer chosen in settings sees views read only; the core refuses them too") {
    UiDriver ui;
    const People p = seed(ui);
    REQUIRE(ui.click("People"));
    REQUIRE(ui.click("Team and permissions"));
    REQUIRE(ui.click("Member name"));
    ui.type("Vera");
    REQUIRE(ui.click("Member role"));
    REQUIRE(ui.click("Role Viewer"));
    REQUIRE(ui.click("Add member"));
    REQUIRE(ui.app.store.workspace().team.size() == 2);
    REQUIRE(ui.click("Current user"));
    REQUIRE(ui.click("Be Vera"));
    CHECK(ui.app.store.current_user()->name == "Vera");
    // Every editing control is disabled: clicks do nothing.
    open_contact(ui.app.ui, p.grace);
    ui.frame(2);
    REQUIRE(ui.click("Delete contact"));
    CHECK(ui.find("Delete this contact?") == nullptr);
    REQUIRE(ui.click("New deal"));
    CHECK(ui.find("Create deal") == nullptr);
    CHECK(ui.app.store.find_contact(p.grace) != nullptr);
    CHECK_FALSE(ui.app.store.apply(DeleteContact{p.grace}, test::as_current_user(ui)).ok());
}
