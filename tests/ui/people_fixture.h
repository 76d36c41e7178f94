// Setup shared by the deal page, deal form and contacts/companies tests: records made through the
// store (not the path under test), as the current user, and item lookups by label prefix.
#pragma once
#include "core/store.h"
#include "ui/deal_page.h"
#include "ui_driver.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace dd::ui::test {

// The current user acting now (what the app's own frame uses).
inline CommandContext as_current_user(const UiDriver& ui) { return CommandContext{ui.app.store.settings().current_user, ui.now}; }

// The first item of the last frame whose label starts with `prefix` (history lines, errors).
inline const ItemRecord* find_prefix(const UiDriver& ui, const std::string& prefix) {
    for (const ItemRecord& r : ui.app.items.last)
        if (r.label.rfind(prefix, 0) == 0) return &r;
    return nullptr;
}

// A deal in the first stage of the first pipeline, owned by the current user.
struct DealSeed {
    std::string title;
    Money value = 0;
    std::vector<Id> contacts;   // existing contacts
    Id company = kNoId;
    std::string new_contact;    // a contact created with the deal (when not empty)
};

inline Id seed_deal(UiDriver& ui, const DealSeed& seed) {
    const Store& store = ui.app.store;
    const Pipeline& p = store.workspace().pipelines.front();
    CreateDeal c;
    c.deal.meta.id = ui.app.ids.next();
    c.deal.title = seed.title;
    c.deal.value = seed.value;
    c.deal.pipeline = p.meta.id;
    c.deal.stage = p.stages[0].id;
    c.deal.owner = store.settings().current_user;
    c.deal.contacts = seed.contacts;
    c.deal.company = seed.company;
    if (!seed.new_contact.empty()) {
        Contact ct;
        ct.meta.id = ui.app.ids.next();
        ct.name = seed.new_contact;
        c.new_contact = ct;
    }
    REQUIRE(ui.app.store.apply(c, as_current_user(ui)).ok());
    return c.deal.meta.id;
}

// "Acme renewal" ($5,000.00, with a new contact Grace Hopper), its page opened like the board would.
inline Id open_sample_deal(UiDriver& ui) {
    const Id id = seed_deal(ui, DealSeed{"Acme renewal", 500000, {}, kNoId, "Grace Hopper"});
    open_deal(ui.app.ui, id);
    ui.frame(2);
    return id;
}

}  // namespace dd::ui::test
