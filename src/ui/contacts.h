// The Contacts view (list + a contact's page) and the Companies view (list + a company's page).
// A contact's page shows its open and closed deals, counts and won total, with "New deal for
// this contact"; deleting a contact first lists the deals it deletes and unlinks. A company's
// page shows its contacts, deals, won total and employee count.
#pragma once
#include "ui/view_context.h"

namespace dd::ui {

void open_contact(UiState& ui, Id contact);   // shows the Contacts view on that contact's page
void open_company(UiState& ui, Id company);

void draw_contacts(ViewContext& ctx);    // the View::Contacts row
void draw_companies(ViewContext& ctx);   // the View::Companies row

}  // namespace dd::ui
