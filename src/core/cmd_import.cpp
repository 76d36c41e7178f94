// ImportDeals: a whole CSV import as one command, so it is validated completely before anything
// changes (all-or-nothing) and undone in one step.
#include "core/cmd_handlers.h"
#include "core/import_steps.h"
#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace dd::cmd {

namespace {

// Ids the command itself creates, so deals may refer to them before they exist.
using Pending = ImportCheck;

Status deal_error(const Status& s, const std::string& title) {
    return field_error(s.error().field, (title.empty() ? std::string("a deal") : quoted(title)) + ": " + s.error().message);
}

// validate_deal_fields with the records this import creates counted as existing: references to
// them are taken out of a copy first (at most one of each kind can be passed as pending).
Status check_deal(const StoreIndexes& ix, const Pending& p, Deal d) {
    if (p.members.count(d.owner)) d.owner = kNoId;
    Id pending_contact = kNoId;
    std::vector<Id> kept;
    for (Id c : d.contacts) {
        if (!p.contacts.count(c)) kept.push_back(c);
        else if (std::count(d.contacts.begin(), d.contacts.end(), c) > 1) return field_error("contacts", "lists the same contact twice");
        else if (pending_contact == kNoId) pending_contact = c;
    }
    if (pending_contact != kNoId) kept.push_back(pending_contact);
    d.contacts = std::move(kept);
    const Id pending_company = p.companies.count(d.company) ? d.company : kNoId;
    return validate_deal_fields(ix, d, pending_contact, pending_company);
}

Id pipeline_of_stage(const StoreIndexes& ix, const Pending& p, Id stage) {
    if (const StageInfo* info = ix.stage_info(stage)) return info->pipeline;
    auto it = p.stage_pipeline.find(stage);
    return it == p.stage_pipeline.end() ? kNoId : it->second;
}

Status check_member(const StoreIndexes& ix, Pending& p, const TeamMember& m) {
    if (auto s = new_id(ix.member(m.meta.id) || p.members.count(m.meta.id), m.meta.id, "new_members.id"); !s) return s;
    if (auto s = require_name(m.name, "new_members.name"); !s) return s;
    p.members.insert(m.meta.id);
    return ok_status();
}

Status check_stage(const StoreIndexes& ix, Pending& p, const ImportNewStage& st) {
    if (!ix.pipeline(st.pipeline)) return field_error("new_stages.pipeline", "does not exist");
    if (auto s = new_id(ix.stage_info(st.stage.id) || p.stages.count(st.stage.id), st.stage.id, "new_stages.id"); !s) return s;
    if (auto s = require_name(st.stage.name, "new_stages.name"); !s) return s;
    if (st.stage.probability > 100) return field_error("new_stages.probability", "must be between 0 and 100");
    p.stages.insert(st.stage.id);
    p.stage_pipeline[st.stage.id] = st.pipeline;
    return ok_status();
}

Status check_company(const StoreIndexes& ix, Pending& p, const Company& co) {
    if (auto s = new_id(ix.company(co.meta.id) || p.companies.count(co.meta.id), co.meta.id, "new_companies.id"); !s) return s;
    if (auto s = require_name(co.name, "new_companies.name"); !s) return s;
    p.companies.insert(co.meta.id);
    return ok_status();
}

Status check_contact(const StoreIndexes& ix, Pending& p, const Contact& ct) {
    if (auto s = new_id(ix.contact(ct.meta.id) || p.contacts.count(ct.meta.id), ct.meta.id, "new_contacts.id"); !s) return s;
    if (auto s = require_name(ct.name, "new_contacts.name"); !s) return s;
    if (ct.company != kNoId && !ix.company(ct.company) && !p.companies.count(ct.company))
        return field_error("new_contacts.company", "does not exist");
    p.contacts.insert(ct.meta.id);
    return ok_status();
}

// A reference may name one deal only, counting the deals this import creates and updates.
Status check_create(const StoreIndexes& ix, Pending& p, const Deal& d) {
    if (auto s = new_id(ix.deal(d.meta.id) || p.deal_ids.count(d.meta.id), d.meta.id, "creates.id"); !s) return s;
    p.deal_ids.insert(d.meta.id);
    const Id pipeline = pipeline_of_stage(ix, p, d.stage);
    if (pipeline == kNoId) return deal_error(field_error("stage", "does not exist"), d.title);
    if (d.pipeline != kNoId && d.pipeline != pipeline)
        return deal_error(field_error("stage", "is not a stage of the chosen pipeline"), d.title);
    Deal shaped = d;
    shaped.title = trim(shaped.title);
    shaped.external_ref = trim(shaped.external_ref);
    if (auto s = check_deal(ix, p, shaped); !s) return deal_error(s, d.title);
    if (!shaped.external_ref.empty() && !p.refs.insert(shaped.external_ref).second)
        return deal_error(field_error("external_ref", "\"" + shaped.external_ref + "\" is used twice in the import"), d.title);
    return ok_status();
}

Status check_update(const StoreIndexes& ix, Pending& p, const ImportDealUpdate& u) {
    const Deal* d = ix.deal(u.deal);
    if (!d) return field_error("updates.deal", "does not exist");
    if (!p.deal_ids.insert(u.deal).second) return deal_error(field_error("deal", "is updated twice"), d->title);
    if (auto s = validate_patch(u.patch); !s) return deal_error(s, d->title);
    if (u.to_stage != kNoId && pipeline_of_stage(ix, p, u.to_stage) == kNoId)
        return deal_error(field_error("stage", "does not exist"), d->title);
    Deal after = patched(*d, u.patch);
    if (auto s = check_deal(ix, p, after); !s) return deal_error(s, d->title);
    if (!after.external_ref.empty() && !p.refs.insert(after.external_ref).second)
        return deal_error(field_error("external_ref", "\"" + after.external_ref + "\" is used twice in the import"), d->title);
    return ok_status();
}

void put_member(Tx& tx, TeamMember m, const Ctx& ctx) {
    m.name = trim(m.name);
    init_meta(m.meta, ctx);
    tx.put(std::move(m));
}

void put_stage(Tx& tx, const ImportNewStage& st, const Ctx& ctx) {
    Pipeline p = *tx.ix().pipeline(st.pipeline);
    Stage s = st.stage;
    s.kind = StageKind::Open;
    s.name = trim(s.name);
    // After the last open stage: before Won and Lost, which always close the pipeline.
    auto at = std::find_if(p.stages.begin(), p.stages.end(), [](const Stage& x) { return x.kind != StageKind::Open; });
    p.stages.insert(at, std::move(s));
    bump(p.meta, ctx);
    tx.put(std::move(p));
}

void put_company(Tx& tx, Company co, const Ctx& ctx) {
    co.name = trim(co.name);
    init_meta(co.meta, ctx);
    tx.put(std::move(co));
}

void put_contact(Tx& tx, Contact ct, const Ctx& ctx) {
    ct.name = trim(ct.name);
    init_meta(ct.meta, ctx);
    tx.put(std::move(ct));
}

void put_create(Tx& tx, Deal d, const Ctx& ctx) {
    d.title = trim(d.title);
    d.external_ref = trim(d.external_ref);
    init_meta(d.meta, ctx);
    d.last_activity_at = ctx.now;
    d.closed_at = 0;
    d.closed_by = kNoId;
    const StageInfo* info = tx.ix().stage_info(d.stage);
    d.pipeline = info->pipeline;
    if (info->kind == StageKind::Won) close_as(d, DealStatus::Won, ctx);
    else if (info->kind == StageKind::Lost) close_as(d, DealStatus::Lost, ctx);
    else if (d.status == DealStatus::Abandoned) close_as(d, DealStatus::Abandoned, ctx);
    else d.status = DealStatus::Open;
    d.rank = place_rank(tx, ctx, d.stage, kNoId, d.meta.id);
    record_change(tx, ctx, d.meta.id, ChangeKind::Created, "", "", d.title);
    tx.put(std::move(d));
}

void put_update(Tx& tx, const ImportDealUpdate& u, const Ctx& ctx) {
    const Deal before = *tx.ix().deal(u.deal);
    Deal d = patched(before, u.patch);
    if (u.to_stage != kNoId && u.to_stage != before.stage) {
        enter_stage(tx.ix(), d, u.to_stage, ctx, kNoId, "");
        d.rank = place_rank(tx, ctx, d.stage, kNoId, d.meta.id);
        record_stage_change(tx, ctx, d.meta.id, before.stage, d.stage);
        if (before.status != d.status) record_status_change(tx, ctx, d.meta.id, before.status, d.status);
    }
    bump(d.meta, ctx);
    record_field_changes(tx, ctx, before, d);
    tx.put(std::move(d));
}

size_t part_size(const ImportDeals& c, int part) {
    switch (part) {
    case 0: return c.new_members.size();
    case 1: return c.new_stages.size();
    case 2: return c.new_companies.size();
    case 3: return c.new_contacts.size();
    case 4: return c.creates.size();
    case 5: return c.updates.size();
    }
    return 0;
}

// Calls item(part, index) for up to `budget` items from `at` on, in the walk's order; stops early
// (at the failing item) when item returns false.
template <typename Item>
bool walk(const ImportDeals& c, ImportCursor& at, size_t budget, const Item& item) {
    while (!at.done() && budget > 0) {
        if (at.index >= part_size(c, at.part)) {
            ++at.part;
            at.index = 0;
            continue;
        }
        if (!item(at.part, at.index)) return false;
        ++at.index;
        ++at.items;
        --budget;
    }
    return true;
}

}  // namespace

size_t import_items(const ImportDeals& c) {
    size_t n = 0;
    for (int part = 0; part < 6; ++part) n += part_size(c, part);
    return n;
}

size_t import_deals(const ImportDeals& c) { return c.creates.size() + c.updates.size(); }

Status validate_import_items(const StoreIndexes& ix, const ImportDeals& c, ImportCheck& p, size_t budget) {
    if (c.creates.empty() && c.updates.empty()) return field_error("deals", "nothing to import");
    Status error = ok_status();
    walk(c, p.at, budget, [&](int part, size_t i) {
        switch (part) {
        case 0: error = check_member(ix, p, c.new_members[i]); break;
        case 1: error = check_stage(ix, p, c.new_stages[i]); break;
        case 2: error = check_company(ix, p, c.new_companies[i]); break;
        case 3: error = check_contact(ix, p, c.new_contacts[i]); break;
        case 4: error = check_create(ix, p, c.creates[i]); break;
        case 5: error = check_update(ix, p, c.updates[i]); break;
        }
        return error.ok();
    });
    return error;
}

namespace {
// Copies records out of a const command, moves them out of one the caller owns.
template <typename T>
T take(const T& record) { return record; }
template <typename T>
T take(T& record) { return std::move(record); }

template <typename Command>
void run_items(Tx& tx, Command& c, ImportCursor& at, size_t budget, const Ctx& ctx) {
    walk(c, at, budget, [&](int part, size_t i) {
        switch (part) {
        case 0: put_member(tx, take(c.new_members[i]), ctx); break;
        case 1: put_stage(tx, c.new_stages[i], ctx); break;
        case 2: put_company(tx, take(c.new_companies[i]), ctx); break;
        case 3: put_contact(tx, take(c.new_contacts[i]), ctx); break;
        case 4: put_create(tx, take(c.creates[i]), ctx); break;
        case 5: put_update(tx, c.updates[i], ctx); break;
        }
        return true;
    });
}
}  // namespace

void run_import_items(Tx& tx, const ImportDeals& c, ImportCursor& at, size_t budget, const Ctx& ctx) {
    run_items(tx, c, at, budget, ctx);
}

void consume_import_items(Tx& tx, ImportDeals& c, ImportCursor& at, size_t budget, const Ctx& ctx) {
    run_items(tx, c, at, budget, ctx);
}

std::string import_label(const ImportDeals& c) {
    std::string label = "Imported " + plural(c.creates.size() + c.updates.size(), "deal", "deals");
    if (!c.updates.empty()) label += " (" + std::to_string(c.creates.size()) + " new, " + std::to_string(c.updates.size()) + " updated)";
    return label;
}

Status validate(const StoreIndexes& ix, const ImportDeals& c, const Ctx&) {
    ImportCheck check;
    return validate_import_items(ix, c, check, SIZE_MAX);
}

std::string run(Tx& tx, const ImportDeals& c, const Ctx& ctx) {
    ImportCursor at;
    run_import_items(tx, c, at, SIZE_MAX, ctx);
    return import_label(c);
}

}  // namespace dd::cmd
