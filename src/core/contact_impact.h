// What deleting a contact will do, before it is confirmed: the deals it deletes (it is their
// only contact) and the deals it is unlinked from, plus its notes and activities. The same rule
// DeleteContact applies (commands.h), read-only, so the dialog can list them.
#pragma once
#include "core/store.h"

#include <vector>

namespace dd {

struct ContactDeleteImpact {
    std::vector<Id> deals_deleted;    // the contact is their only contact
    std::vector<Id> deals_unlinked;   // they keep their other contacts
    size_t notes = 0;                 // notes on the contact page (deleted)
    size_t activities = 0;            // activities linked to the contact (deleted or unlinked)
};

ContactDeleteImpact contact_delete_impact(const Store&, Id contact);

}  // namespace dd
