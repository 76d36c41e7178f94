// Moving deals between stages and changing their status (won / lost / abandoned / reopened).
#include "core/cmd_handlers.h"
#include "core/prefetch.h"
#include <algorithm>
#include <cstring>
#include <string_view>

namespace dd::cmd {

namespace {

// Moves one deal into `to_stage` at `rank`, applies the stage's status rules and records the
// stage, status and field changes in the deal's history. Only the deal's placement is put (a
// move changes nothing else): no copy of its title, contacts or custom values, and a small undo
// image.
void move_one(Tx& tx, const Ctx& ctx, const Deal& before, Id to_stage, int64_t rank, Id lost_reason,
              const std::string& lost_text) {
    const StoreIndexes& ix = tx.ix();
    const DealPlacement was = placement_of(before);   // `before` may be the live record: read it once
    DealPlacement d = was;
    // Reordering inside Lost without a new reason keeps the old one.
    const bool keep_reason = was.status == DealStatus::Lost && ix.stage_info(to_stage)->kind == StageKind::Lost &&
                             lost_reason == kNoId && lost_text.empty();
    enter_stage(ix, d, to_stage, ctx, lost_reason, lost_text);
    if (keep_reason) {
        d.lost_reason = was.lost_reason;
        d.lost_reason_text = was.lost_reason_text;
    }
    d.rank = rank;
    bump(d.meta, ctx);
    // The lines' texts are shared blocks (the field names and status words of line_texts, the
    // stage names of the stage index): a line costs no allocation for its text.
    if (d.stage != was.stage) {
        d.last_activity_at = ctx.now;
        if (d.pipeline != was.pipeline) {   // rare: the pipelines' names are copied
            const Pipeline* a = ix.pipeline(was.pipeline);
            const Pipeline* b = ix.pipeline(d.pipeline);
            record_change(tx, ctx, d.meta.id, ChangeKind::Field, line_texts().pipeline,
                          a ? std::string_view(a->name) : std::string_view(), b ? std::string_view(b->name) : std::string_view());
        }
        record_stage_change(tx, ctx, d.meta.id, was.stage, d.stage);
    }
    if (d.status != was.status) record_status_change(tx, ctx, d.meta.id, was.status, d.status);
    record_placement_changes(tx, ctx, was, d);
    tx.put_placement(std::move(d));
}

Id stage_of_kind(const StoreIndexes& ix, Id pipeline, StageKind kind) {
    const Pipeline* p = ix.pipeline(pipeline);
    if (!p) return kNoId;
    Id found = kNoId;
    for (const Stage& s : p->stages)
        if (s.kind == kind) found = s.id;   // for Open: the last open stage
    return found;
}

// "Moved <title> to <stage>", "Reordered <title>", "Marked <title> as won/lost", "Reopened
// <title>", after `prefix`,
// built in one buffer sized up front: one allocation, not one per `+` (the hot path of dragging
// cards), its pieces copied in with memcpy (five append calls cost ~280 instructions).
std::string label_text(std::string_view prefix, MoveLabel::Form form, std::string_view title, std::string_view stage) {
    std::string_view head = "Moved ", tail = " to ";
    if (form == MoveLabel::Reordered) head = "Reordered ", tail = "", stage = {};
    else if (form == MoveLabel::MarkedWon) head = "Marked ", tail = " as won", stage = {};
    else if (form == MoveLabel::MarkedLost) head = "Marked ", tail = " as lost", stage = {};
    else if (form == MoveLabel::Reopened) head = "Reopened ", tail = "", stage = {};
    const std::string_view parts[] = {prefix, head, title, tail, stage};
    std::string label(prefix.size() + head.size() + title.size() + tail.size() + stage.size(), '\0');
    char* out = &label[0];
    for (std::string_view p : parts) {
        if (p.empty()) continue;
        std::memcpy(out, p.data(), p.size());
        out += p.size();
    }
    return label;
}

Status validate_reason(const StoreIndexes& ix, Id reason) {
    if (reason != kNoId && !ix.reason(reason)) return field_error("lost_reason", "is not in the list of lost reasons");
    return ok_status();
}

}  // namespace

// ---- MoveDeal ----
Status validate(const StoreIndexes& ix, const MoveDeal& c, const Ctx&) {
    // The command's first look at the deal: all of it requested at once (run reads it all over).
    if (!ix.deal_fetching(c.deal)) return field_error("deal", "does not exist");
    if (!ix.stage_info(c.to_stage)) return field_error("to_stage", "does not exist");
    if (c.before != kNoId) {
        const Deal* b = ix.deal(c.before);
        if (!b || b->stage != c.to_stage) return field_error("before", "is not a deal of the target stage");
        if (c.before == c.deal) return field_error("before", "a deal cannot be placed above itself");
    }
    return validate_reason(ix, c.lost_reason);
}

std::string run(Tx& tx, const MoveDeal& c, const Ctx& ctx) {
    const StoreIndexes& ix = tx.ix();
    // The live record, not a copy: move_one reads it only before its put replaces it (the slot
    // stays the same, nothing in between inserts or erases deals). The label is built first.
    const Deal& before = *ix.deal(c.deal);
    // The title's characters live elsewhere on the heap (a cache miss of its own in a large
    // workspace): start fetching them now, so the wait overlaps place_rank's lane reads.
    dd_prefetch(before.title.data());
    // Likewise the id-map entries of the history lines the move will add (their ids are the
    // generator's next ones: read from a copy, the sequence itself is untouched) and the deal's
    // newest line, which the first new line links to.
    IdGenerator upcoming = tx.ids();
    ix.change_slot.prefetch(upcoming.next());
    ix.change_slot.prefetch(upcoming.next());
    dd_prefetch(&ix.history_head[ix.deal_slot.find(c.deal)]);
    // And the old lane's block, which move_one's put erases the deal from after its history lines.
    ix.prefetch_lane(before.stage, ix.key_of(before));
    const int64_t rank = place_rank(tx, ctx, c.to_stage, c.before, c.deal);
    const StageKind kind = ix.stage_info(c.to_stage)->kind;
    MoveLabel parts;
    parts.form = c.to_stage == before.stage ? MoveLabel::Reordered
                 : kind == StageKind::Won   ? MoveLabel::MarkedWon
                 : kind == StageKind::Lost  ? MoveLabel::MarkedLost
                                            : MoveLabel::MovedTo;
    parts.deal = c.deal;
    parts.stage = c.to_stage;
    std::string label = label_text({}, parts.form, quoted(before.title),
                                   parts.form == MoveLabel::MovedTo ? std::string_view(ix.stage(c.to_stage)->name)
                                                                    : std::string_view());
    tx.set_move_label(parts);   // the undo step keeps these, not a copy of the text
    move_one(tx, ctx, before, c.to_stage, rank, c.lost_reason, c.lost_reason_text);
    return label;
}

std::string move_label(const StoreIndexes& ix, const MoveLabel& m, std::string_view prefix) {
    const Deal* d = ix.deal(m.deal);
    return label_text(prefix, m.form, d ? std::string_view(quoted(d->title)) : std::string_view(),
                      m.form == MoveLabel::MovedTo ? stage_name_view(ix, m.stage) : std::string_view());
}

// ---- BulkMoveDeals ----
Status validate(const StoreIndexes& ix, const BulkMoveDeals& c, const Ctx&) {
    if (c.deals.empty()) return field_error("deals", "no deal selected");
    for (size_t i = 0; i < c.deals.size(); ++i) {
        if (!ix.deal(c.deals[i])) return field_error("deals", "deal " + id_to_string(c.deals[i]) + " does not exist");
        if (std::count(c.deals.begin(), c.deals.end(), c.deals[i]) > 1) return field_error("deals", "lists the same deal twice");
    }
    if (!ix.stage_info(c.to_stage)) return field_error("to_stage", "does not exist");
    return ok_status();
}

std::string run(Tx& tx, const BulkMoveDeals& c, const Ctx& ctx) {
    int64_t rank = place_rank(tx, ctx, c.to_stage, kNoId, kNoId);
    for (Id id : c.deals) {
        const Deal& before = *tx.ix().deal(id);   // read only until move_one's put replaces it
        move_one(tx, ctx, before, c.to_stage, rank, kNoId, "");
        rank += kRankGap;
    }
    return "Moved " + plural(c.deals.size(), "deal", "deals") + " to " + stage_name(tx.ix(), c.to_stage);
}

// ---- SetDealStatus ----
Status validate(const StoreIndexes& ix, const SetDealStatus& c, const Ctx&) {
    const Deal* d = ix.deal(c.deal);
    if (!d) return field_error("deal", "does not exist");
    if (c.status == d->status) return field_error("status", std::string("the deal is already ") + to_string(c.status));
    if (c.status == DealStatus::Lost) return validate_reason(ix, c.lost_reason);
    if (c.status == DealStatus::Abandoned && d->status != DealStatus::Open)
        return field_error("status", "reopen the deal before marking it abandoned");
    if (c.status == DealStatus::Open && c.reopen_stage != kNoId) {
        const StageInfo* info = ix.stage_info(c.reopen_stage);
        if (!info || info->kind != StageKind::Open || info->pipeline != d->pipeline)
            return field_error("reopen_stage", "must be an open stage of the deal's pipeline");
    }
    return ok_status();
}

std::string run(Tx& tx, const SetDealStatus& c, const Ctx& ctx) {
    const StoreIndexes& ix = tx.ix();
    const Deal before = *ix.deal(c.deal);
    const std::string title = quoted(before.title);
    const StageKind kind = ix.stage_info(before.stage)->kind;
    // The undo step keeps the label's parts (the text comes out the same: label_text). Abandoned
    // keeps its text: its step is a whole deal, never the compact form of a move.
    MoveLabel parts;
    parts.form = c.status == DealStatus::Won ? MoveLabel::MarkedWon
                 : c.status == DealStatus::Lost ? MoveLabel::MarkedLost
                 : c.status == DealStatus::Open ? MoveLabel::Reopened
                                                : MoveLabel::None;
    parts.deal = c.deal;
    tx.set_move_label(parts);
    switch (c.status) {
    case DealStatus::Won:
    case DealStatus::Lost: {
        Id target = stage_of_kind(ix, before.pipeline, c.status == DealStatus::Won ? StageKind::Won : StageKind::Lost);
        move_one(tx, ctx, before, target, place_rank(tx, ctx, target, kNoId, c.deal), c.lost_reason, c.lost_reason_text);
        return "Marked " + title + (c.status == DealStatus::Won ? " as won" : " as lost");
    }
    case DealStatus::Abandoned: {
        Deal d = before;
        close_as(d, DealStatus::Abandoned, ctx);
        bump(d.meta, ctx);
        record_status_change(tx, ctx, d.meta.id, before.status, d.status);
        record_field_changes(tx, ctx, before, d);
        tx.put(std::move(d));
        return "Marked " + title + " as abandoned";
    }
    case DealStatus::Open:
        if (kind == StageKind::Open) {   // abandoned -> open, stays in its stage
            Deal d = before;
            reopen(d);
            bump(d.meta, ctx);
            record_status_change(tx, ctx, d.meta.id, before.status, d.status);
            record_field_changes(tx, ctx, before, d);
            tx.put(std::move(d));
        } else {
            Id target = c.reopen_stage != kNoId ? c.reopen_stage : stage_of_kind(ix, before.pipeline, StageKind::Open);
            move_one(tx, ctx, before, target, place_rank(tx, ctx, target, kNoId, c.deal), kNoId, "");
        }
        return "Reopened " + title;
    }
    return title;
}

}  // namespace dd::cmd
