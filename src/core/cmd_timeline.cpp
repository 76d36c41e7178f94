// Activities and notes. Adding one to a deal (or completing an activity) refreshes the deal's
// last_activity_at, which is what "rotting" is measured from.
#include "core/cmd_handlers.h"

namespace dd::cmd {

namespace {

void touch_deal(Tx& tx, const Ctx& ctx, Id deal) {
    const Deal* current = deal != kNoId ? tx.ix().deal(deal) : nullptr;
    if (!current || current->last_activity_at >= ctx.now) return;
    Deal d = *current;
    d.last_activity_at = ctx.now;
    bump(d.meta, ctx);
    tx.put(std::move(d));
}

Status validate_links(const StoreIndexes& ix, Id deal, const std::vector<Id>& contacts, Id owner) {
    if (deal != kNoId && !ix.deal(deal)) return field_error("deal", "does not exist");
    if (auto s = validate_contact_ids(ix, contacts); !s) return s;
    if (owner != kNoId && !ix.member(owner)) return field_error("owner", "is not a team member");
    return ok_status();
}

}  // namespace

// ---- CreateActivity ----
Status validate(const StoreIndexes& ix, const CreateActivity& c, const Ctx&) {
    const Activity& a = c.activity;
    if (auto s = new_id(ix.activity(a.meta.id) != nullptr, a.meta.id, "id"); !s) return s;
    if (auto s = require_name(a.subject, "subject"); !s) return s;
    if (a.duration_min < 0) return field_error("duration_min", "must not be negative");
    return validate_links(ix, a.deal, a.contacts, a.owner);
}

std::string run(Tx& tx, const CreateActivity& c, const Ctx& ctx) {
    Activity a = c.activity;
    a.subject = trim(a.subject);
    init_meta(a.meta, ctx);
    a.done_at = a.done ? ctx.now : 0;
    touch_deal(tx, ctx, a.deal);
    std::string label = std::string("Added ") + to_string(a.kind) + " " + a.subject;
    tx.put(std::move(a));
    return label;
}

// ---- UpdateActivity ----
Status validate(const StoreIndexes& ix, const UpdateActivity& c, const Ctx&) {
    const Activity* a = ix.activity(c.activity);
    if (!a) return field_error("activity", "does not exist");
    const ActivityPatch& p = c.patch;
    if (auto s = require_name(p.subject, "subject"); !s) return s;
    if (p.duration_min && *p.duration_min < 0) return field_error("duration_min", "must not be negative");
    return validate_links(ix, p.deal.value_or(kNoId), p.contacts.value_or(std::vector<Id>{}), p.owner.value_or(kNoId));
}

std::string run(Tx& tx, const UpdateActivity& c, const Ctx& ctx) {
    Activity a = *tx.ix().activity(c.activity);
    const ActivityPatch& p = c.patch;
    const bool was_done = a.done;
    set_if(a.kind, p.kind);
    set_name_if(a.subject, p.subject);
    set_if(a.due_at, p.due_at);
    set_if(a.done, p.done);
    set_if(a.duration_min, p.duration_min);
    set_if(a.outcome, p.outcome);
    set_if(a.deal, p.deal);
    set_if(a.contacts, p.contacts);
    set_if(a.owner, p.owner);
    std::string label = "Edited " + a.subject;
    if (a.done && !was_done) {
        a.done_at = ctx.now;
        touch_deal(tx, ctx, a.deal);
        label = "Completed " + a.subject;
    } else if (!a.done) {
        a.done_at = 0;
    }
    bump(a.meta, ctx);
    tx.put(std::move(a));
    return label;
}

// ---- DeleteActivity ----
Status validate(const StoreIndexes& ix, const DeleteActivity& c, const Ctx&) {
    if (!ix.activity(c.activity)) return field_error("activity", "does not exist");
    return ok_status();
}

std::string run(Tx& tx, const DeleteActivity& c, const Ctx&) {
    std::string label = "Deleted " + tx.ix().activity(c.activity)->subject;
    tx.erase(RecordKind::Activity, c.activity);
    return label;
}

// ---- AddNote ----
Status validate(const StoreIndexes& ix, const AddNote& c, const Ctx&) {
    const Note& n = c.note;
    if (auto s = new_id(ix.note(n.meta.id) != nullptr, n.meta.id, "id"); !s) return s;
    if (blank(n.text)) return field_error("text", "must not be empty");
    if (n.deal == kNoId && n.contact == kNoId) return field_error("deal", "a note belongs to a deal or a contact");
    if (n.deal != kNoId && !ix.deal(n.deal)) return field_error("deal", "does not exist");
    if (n.contact != kNoId && !ix.contact(n.contact)) return field_error("contact", "does not exist");
    return ok_status();
}

std::string run(Tx& tx, const AddNote& c, const Ctx& ctx) {
    Note n = c.note;
    init_meta(n.meta, ctx);
    if (n.author == kNoId) n.author = ctx.actor;
    touch_deal(tx, ctx, n.deal);
    tx.put(std::move(n));
    return "Added a note";
}

// ---- UpdateNote ----
Status validate(const StoreIndexes& ix, const UpdateNote& c, const Ctx&) {
    if (!ix.note(c.note)) return field_error("note", "does not exist");
    if (blank(c.text)) return field_error("text", "must not be empty");
    return ok_status();
}

std::string run(Tx& tx, const UpdateNote& c, const Ctx& ctx) {
    Note n = *tx.ix().note(c.note);
    n.text = c.text;
    bump(n.meta, ctx);
    tx.put(std::move(n));
    return "Edited a note";
}

// ---- DeleteNote ----
Status validate(const StoreIndexes& ix, const DeleteNote& c, const Ctx&) {
    if (!ix.note(c.note)) return field_error("note", "does not exist");
    return ok_status();
}

std::string run(Tx& tx, const DeleteNote& c, const Ctx&) {
    tx.erase(RecordKind::Note, c.note);
    return "Deleted a note";
}

}  // namespace dd::cmd
