// Contacts and companies, with their cascades onto deals, notes and activities.
#include "core/cmd_handlers.h"
#include <algorithm>

namespace dd::cmd {

namespace {

Status validate_email(const std::string& email) {
    if (!email.empty() && (email.find('@') == std::string::npos || email.find(' ') != std::string::npos))
        return field_error("email", "is not an e-mail address");
    return ok_status();
}

}  // namespace

// ---- CreateContact ----
Status validate(const StoreIndexes& ix, const CreateContact& c, const Ctx&) {
    if (auto s = new_id(ix.contact(c.contact.meta.id) != nullptr, c.contact.meta.id, "id"); !s) return s;
    if (auto s = require_name(c.contact.name, "name"); !s) return s;
    if (auto s = validate_email(c.contact.email); !s) return s;
    if (c.contact.company != kNoId && !ix.company(c.contact.company)) return field_error("company", "does not exist");
    return ok_status();
}

std::string run(Tx& tx, const CreateContact& c, const Ctx& ctx) {
    Contact ct = c.contact;
    ct.name = trim(ct.name);
    init_meta(ct.meta, ctx);
    std::string label = "Added contact " + ct.name;
    tx.put(std::move(ct));
    return label;
}

// ---- UpdateContact ----
Status validate(const StoreIndexes& ix, const UpdateContact& c, const Ctx&) {
    if (!ix.contact(c.contact)) return field_error("contact", "does not exist");
    if (auto s = require_name(c.patch.name, "name"); !s) return s;
    if (auto s = validate_email(c.patch.email.value_or("")); !s) return s;
    if (c.patch.company && *c.patch.company != kNoId && !ix.company(*c.patch.company))
        return field_error("company", "does not exist");
    return ok_status();
}

std::string run(Tx& tx, const UpdateContact& c, const Ctx& ctx) {
    Contact ct = *tx.ix().contact(c.contact);
    set_name_if(ct.name, c.patch.name);
    set_if(ct.email, c.patch.email);
    set_if(ct.phone, c.patch.phone);
    set_if(ct.company, c.patch.company);
    bump(ct.meta, ctx);
    std::string label = "Edited contact " + ct.name;
    tx.put(std::move(ct));
    return label;
}

// ---- DeleteContact ----
Status validate(const StoreIndexes& ix, const DeleteContact& c, const Ctx&) {
    if (!ix.contact(c.contact)) return field_error("contact", "does not exist");
    return ok_status();
}

std::string run(Tx& tx, const DeleteContact& c, const Ctx& ctx) {
    const StoreIndexes& ix = tx.ix();
    const std::string name = ix.contact(c.contact)->name;
    size_t deleted_deals = 0;
    for (Id id : ix.deals_of_contact(c.contact)) {
        const Deal before = *ix.deal(id);
        if (before.contacts.size() == 1) {   // its only contact: the deal goes too
            delete_deal_cascade(tx, ctx, id);
            ++deleted_deals;
            continue;
        }
        Deal d = before;
        d.contacts.erase(std::remove(d.contacts.begin(), d.contacts.end(), c.contact), d.contacts.end());
        bump(d.meta, ctx);
        record_field_changes(tx, ctx, before, d);
        tx.put(std::move(d));
    }
    // Notes and activities have no by-contact index (a rare, settings-like operation): scan.
    std::vector<Id> notes, activities;
    for (const Note& n : ix.ws.notes)
        if (n.contact == c.contact) notes.push_back(n.meta.id);
    for (const Activity& a : ix.ws.activities)
        if (std::find(a.contacts.begin(), a.contacts.end(), c.contact) != a.contacts.end()) activities.push_back(a.meta.id);
    for (Id id : notes) {
        Note n = *ix.note(id);
        if (n.deal == kNoId) {
            tx.erase(RecordKind::Note, id);
            continue;
        }
        n.contact = kNoId;
        bump(n.meta, ctx);
        tx.put(std::move(n));
    }
    for (Id id : activities) {
        Activity a = *ix.activity(id);
        a.contacts.erase(std::remove(a.contacts.begin(), a.contacts.end(), c.contact), a.contacts.end());
        if (a.deal == kNoId && a.contacts.empty()) {
            tx.erase(RecordKind::Activity, id);
            continue;
        }
        bump(a.meta, ctx);
        tx.put(std::move(a));
    }
    tx.erase(RecordKind::Contact, c.contact);
    if (deleted_deals == 0) return "Deleted contact " + name;
    return "Deleted contact " + name + " and " + plural(deleted_deals, "deal", "deals");
}

// ---- CreateCompany ----
Status validate(const StoreIndexes& ix, const CreateCompany& c, const Ctx&) {
    if (auto s = new_id(ix.company(c.company.meta.id) != nullptr, c.company.meta.id, "id"); !s) return s;
    if (auto s = require_name(c.company.name, "name"); !s) return s;
    if (c.company.employees < 0) return field_error("employees", "must not be negative");
    return ok_status();
}

std::string run(Tx& tx, const CreateCompany& c, const Ctx& ctx) {
    Company co = c.company;
    co.name = trim(co.name);
    init_meta(co.meta, ctx);
    std::string label = "Added company " + co.name;
    tx.put(std::move(co));
    return label;
}

// ---- UpdateCompany ----
Status validate(const StoreIndexes& ix, const UpdateCompany& c, const Ctx&) {
    if (!ix.company(c.company)) return field_error("company", "does not exist");
    if (auto s = require_name(c.patch.name, "name"); !s) return s;
    if (c.patch.employees && *c.patch.employees < 0) return field_error("employees", "must not be negative");
    return ok_status();
}

std::string run(Tx& tx, const UpdateCompany& c, const Ctx& ctx) {
    Company co = *tx.ix().company(c.company);
    set_name_if(co.name, c.patch.name);
    set_if(co.domain, c.patch.domain);
    set_if(co.employees, c.patch.employees);
    bump(co.meta, ctx);
    std::string label = "Edited company " + co.name;
    tx.put(std::move(co));
    return label;
}

// ---- DeleteCompany ----
Status validate(const StoreIndexes& ix, const DeleteCompany& c, const Ctx&) {
    if (!ix.company(c.company)) return field_error("company", "does not exist");
    return ok_status();
}

std::string run(Tx& tx, const DeleteCompany& c, const Ctx& ctx) {
    const StoreIndexes& ix = tx.ix();
    const std::string name = ix.company(c.company)->name;
    for (Id id : ix.deals_of_company(c.company)) {
        const Deal before = *ix.deal(id);
        Deal d = before;
        d.company = kNoId;
        bump(d.meta, ctx);
        record_field_changes(tx, ctx, before, d);
        tx.put(std::move(d));
    }
    for (Id id : ix.contacts_of_company(c.company)) {
        Contact ct = *ix.contact(id);
        ct.company = kNoId;
        bump(ct.meta, ctx);
        tx.put(std::move(ct));
    }
    tx.erase(RecordKind::Company, c.company);
    return "Deleted company " + name;
}

}  // namespace dd::cmd
