// The contact-delete preview (contact_impact.h) agrees with what DeleteContact then does.
#include "core/contact_impact.h"
#include "test_store_fixture.h"

#include <algorithm>

using namespace dd;
using namespace dd::test;

TEST_CASE("the contact-delete preview lists the deals the delete removes and those it unlinks") {
    World w;
    Id solo = w.deal("Solo", w.lead, 100000, {w.bob});
    Id shared = w.deal("Shared", w.lead, 100000, {w.alice, w.bob});
    Id other = w.deal("Other", w.lead, 100000, {w.alice});
    Note bob_note{{w.ids.next()}, kNoId, w.bob, "likes golf", kNoId};
    w.ok(AddNote{bob_note});

    const ContactDeleteImpact impact = contact_delete_impact(w.store, w.bob);
    CHECK(impact.deals_deleted == std::vector<Id>{solo});
    CHECK(impact.deals_unlinked == std::vector<Id>{shared});
    CHECK(impact.notes == 1);

    w.ok(DeleteContact{w.bob});
    for (Id id : impact.deals_deleted) CHECK(w.store.find_deal(id) == nullptr);
    for (Id id : impact.deals_unlinked) CHECK(w.store.find_deal(id) != nullptr);
    CHECK(w.store.find_deal(other) != nullptr);
    // Bob is gone, so "Shared" now has Alice alone: deleting her would remove both deals.
    std::vector<Id> alice_only = contact_delete_impact(w.store, w.alice).deals_deleted;
    std::sort(alice_only.begin(), alice_only.end());
    std::vector<Id> expected{shared, other};
    std::sort(expected.begin(), expected.end());
    CHECK(alice_only == expected);
}
