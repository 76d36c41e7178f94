// Creating, editing, deleting and duplicating deals.
#include "core/cmd_handlers.h"
#include <algorithm>

namespace dd::cmd {

namespace {

Status validate_deal_ids(const StoreIndexes& ix, const std::vector<Id>& ids) {
    if (ids.empty()) return field_error("deals", "no deal selected");
    for (size_t i = 0; i < ids.size(); ++i) {
        if (!ix.deal(ids[i])) return field_error("deals", "deal " + id_to_string(ids[i]) + " does not exist");
        if (std::find(ids.begin(), ids.begin() + ptrdiff_t(i), ids[i]) != ids.begin() + ptrdiff_t(i))
            return field_error("deals", "lists the same deal twice");
    }
    return ok_status();
}

// The deal as CreateDeal would store it (inline contact/company linked, status from the stage).
Deal new_deal(const StoreIndexes& ix, const CreateDeal& c, const Ctx& ctx) {
    Deal d = c.deal;
    d.title = trim(d.title);
    d.external_ref = trim(d.external_ref);
    if (c.new_company && d.company == kNoId) d.company = c.new_company->meta.id;
    if (c.new_contact) d.contacts.push_back(c.new_contact->meta.id);
    init_meta(d.meta, ctx);
    d.last_activity_at = ctx.now;
    d.closed_at = 0;
    d.closed_by = kNoId;
    if (const StageInfo* info = ix.stage_info(d.stage)) {
        d.pipeline = info->pipeline;
        if (info->kind == StageKind::Won) close_as(d, DealStatus::Won, ctx);
        else if (info->kind == StageKind::Lost) close_as(d, DealStatus::Lost, ctx);
        else if (d.status == DealStatus::Abandoned) close_as(d, DealStatus::Abandoned, ctx);
        else d.status = DealStatus::Open;
    }
    return d;
}

}  // namespace

// ---- CreateDeal ----
Status validate(const StoreIndexes& ix, const CreateDeal& c, const Ctx& ctx) {
    if (auto s = new_id(ix.deal(c.deal.meta.id) != nullptr, c.deal.meta.id, "id"); !s) return s;
    const StageInfo* info = ix.stage_info(c.deal.stage);
    if (!info) return field_error("stage", "does not exist");
    if (c.deal.pipeline != kNoId && c.deal.pipeline != info->pipeline)
        return field_error("stage", "is not a stage of the chosen pipeline");
    Id pending_company = kNoId, pending_contact = kNoId;
    if (c.new_company) {
        if (auto s = new_id(ix.company(c.new_company->meta.id) != nullptr, c.new_company->meta.id, "new_company.id"); !s) return s;
        if (auto s = require_name(c.new_company->name, "new_company.name"); !s) return s;
        pending_company = c.new_company->meta.id;
    }
    if (c.new_contact) {
        if (auto s = new_id(ix.contact(c.new_contact->meta.id) != nullptr, c.new_contact->meta.id, "new_contact.id"); !s) return s;
        if (auto s = require_name(c.new_contact->name, "new_contact.name"); !s) return s;
        Id company = c.new_contact->company;
        if (company != kNoId && company != pending_company && !ix.company(company))
            return field_error("new_contact.company", "does not exist");
        pending_contact = c.new_contact->meta.id;
    }
    return validate_deal_fields(ix, new_deal(ix, c, ctx), pending_contact, pending_company);
}

std::string run(Tx& tx, const CreateDeal& c, const Ctx& ctx) {
    if (c.new_company) {
        Company co = *c.new_company;
        co.name = trim(co.name);
        init_meta(co.meta, ctx);
        tx.put(std::move(co));
    }
    if (c.new_contact) {
        Contact ct = *c.new_contact;
        ct.name = trim(ct.name);
        if (ct.company == kNoId && c.new_company) ct.company = c.new_company->meta.id;
        init_meta(ct.meta, ctx);
        tx.put(std::move(ct));
    }
    Deal d = new_deal(tx.ix(), c, ctx);
    d.rank = place_rank(tx, ctx, d.stage, kNoId, d.meta.id);
    record_change(tx, ctx, d.meta.id, ChangeKind::Created, "", "", d.title);
    std::string label = "Added deal " + quoted(d.title);
    tx.put(std::move(d));
    return label;
}

// ---- UpdateDeal ----
Status validate(const StoreIndexes& ix, const UpdateDeal& c, const Ctx&) {
    const Deal* d = ix.deal(c.deal);
    if (!d) return field_error("deal", "does not exist");
    if (auto s = validate_patch(c.patch); !s) return s;
    return validate_deal_fields(ix, patched(*d, c.patch));
}

std::string run(Tx& tx, const UpdateDeal& c, const Ctx& ctx) {
    const Deal before = *tx.ix().deal(c.deal);
    Deal d = patched(before, c.patch);
    bump(d.meta, ctx);
    record_field_changes(tx, ctx, before, d);
    std::string label = "Edited " + quoted(d.title);
    tx.put(std::move(d));
    return label;
}

// ---- BulkUpdateDeals ----
Status validate(const StoreIndexes& ix, const BulkUpdateDeals& c, const Ctx&) {
    if (auto s = validate_deal_ids(ix, c.deals); !s) return s;
    if (auto s = validate_patch(c.patch); !s) return s;
    if (c.patch.external_ref && !c.patch.external_ref->empty() && c.deals.size() > 1)
        return field_error("external_ref", "must be unique; it cannot be set on several deals at once");
    for (Id id : c.deals) {
        if (auto s = validate_deal_fields(ix, patched(*ix.deal(id), c.patch)); !s)
            return field_error(s.error().field, ix.deal(id)->title + ": " + s.error().message);
    }
    return ok_status();
}

std::string run(Tx& tx, const BulkUpdateDeals& c, const Ctx& ctx) {
    for (Id id : c.deals) {
        const Deal before = *tx.ix().deal(id);
        Deal d = patched(before, c.patch);
        bump(d.meta, ctx);
        record_field_changes(tx, ctx, before, d);
        tx.put(std::move(d));
    }
    return "Edited " + plural(c.deals.size(), "deal", "deals");
}

// ---- DeleteDeals ----
Status validate(const StoreIndexes& ix, const DeleteDeals& c, const Ctx&) { return validate_deal_ids(ix, c.deals); }

std::string run(Tx& tx, const DeleteDeals& c, const Ctx& ctx) {
    std::string label = c.deals.size() == 1 ? "Deleted deal " + quoted(tx.ix().deal(c.deals[0])->title)
                                            : "Deleted " + plural(c.deals.size(), "deal", "deals");
    for (Id id : c.deals) delete_deal_cascade(tx, ctx, id);
    return label;
}

// ---- DuplicateDeal ----
Status validate(const StoreIndexes& ix, const DuplicateDeal& c, const Ctx&) {
    if (!ix.deal(c.source)) return field_error("source", "does not exist");
    return new_id(ix.deal(c.new_id) != nullptr, c.new_id, "new_id");
}

std::string run(Tx& tx, const DuplicateDeal& c, const Ctx& ctx) {
    const StoreIndexes& ix = tx.ix();
    const Deal& src = *ix.deal(c.source);
    Deal d = src;
    d.meta = RecordMeta{};
    d.meta.id = c.new_id;
    init_meta(d.meta, ctx);
    d.title = src.title + " (copy)";
    d.external_ref.clear();
    d.last_activity_at = ctx.now;
    reopen(d);
    Id before = kNoId;
    if (ix.stage_info(src.stage)->kind == StageKind::Open) {
        // Right below the source: above the deal that follows it.
        const Lane* lane = ix.lane(src.stage);
        size_t pos = lane->order.index_of(ix.key_of(src), ix.slot_key());
        if (pos + 1 < lane->order.size()) before = ix.ws.deals[lane->order.at(pos + 1)].meta.id;
    } else {
        // A closed deal's copy is open: the last open stage of its pipeline.
        const Pipeline* p = ix.pipeline(src.pipeline);
        for (const Stage& s : p->stages)
            if (s.kind == StageKind::Open) d.stage = s.id;
    }
    d.rank = place_rank(tx, ctx, d.stage, before, d.meta.id);
    std::string label = "Duplicated " + quoted(src.title);
    record_change(tx, ctx, d.meta.id, ChangeKind::Created, "", "", d.title);
    tx.put(std::move(d));   // may reallocate the deals: src is not used after this
    return label;
}

}  // namespace dd::cmd
