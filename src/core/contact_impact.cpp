#include "core/contact_impact.h"

#include <algorithm>

namespace dd {

ContactDeleteImpact contact_delete_impact(const Store& store, Id contact) {
    ContactDeleteImpact out;
    for (Id id : store.deals_of_contact(contact)) {
        const Deal* d = store.find_deal(id);
        if (!d) continue;
        const bool only = std::all_of(d->contacts.begin(), d->contacts.end(), [&](Id c) { return c == contact; });
        (only ? out.deals_deleted : out.deals_unlinked).push_back(id);
    }
    for (const Note& n : store.workspace().notes)
        if (n.contact == contact) ++out.notes;
    for (const Activity& a : store.workspace().activities)
        if (std::find(a.contacts.begin(), a.contacts.end(), contact) != a.contacts.end()) ++out.activities;
    return out;
}

}  // namespace dd
