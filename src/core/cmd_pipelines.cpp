// Pipelines and their stages.
#include "core/cmd_handlers.h"
#include "core/cmd_saved_views.h"
#include "core/saved_view.h"
#include <algorithm>

namespace dd::cmd {

namespace {

Status validate_stage_fields(const Stage& s, const std::string& prefix) {
    if (auto st = require_name(s.name, (prefix + "name").c_str()); !st) return st;
    if (s.probability > 100) return field_error(prefix + "probability", "must be between 0 and 100");
    if (s.idle_days < 0) return field_error(prefix + "idle_days", "must not be negative");
    if (s.color > 0xffffff) return field_error(prefix + "color", "must be an 0xRRGGBB colour");
    return ok_status();
}

size_t open_count(const Pipeline& p) {
    return size_t(std::count_if(p.stages.begin(), p.stages.end(), [](const Stage& s) { return s.kind == StageKind::Open; }));
}

size_t deals_in_lane(const StoreIndexes& ix, Id stage) {
    const Lane* lane = ix.lane(stage);
    return lane ? lane->order.size() : 0;
}

size_t stage_index(const Pipeline& p, Id stage) {
    for (size_t i = 0; i < p.stages.size(); ++i)
        if (p.stages[i].id == stage) return i;
    return p.stages.size();
}

}  // namespace

// ---- CreatePipeline ----
Status validate(const StoreIndexes& ix, const CreatePipeline& c, const Ctx&) {
    if (auto s = new_id(ix.pipeline(c.id) != nullptr, c.id, "id"); !s) return s;
    if (auto s = require_name(c.name, "name"); !s) return s;
    if (c.stages.empty()) return field_error("stages", "a pipeline needs at least one open stage");
    std::vector<Id> ids;
    for (size_t i = 0; i < c.stages.size(); ++i) {
        const std::string prefix = "stages[" + std::to_string(i) + "].";
        if (auto s = validate_stage_fields(c.stages[i], prefix); !s) return s;
        ids.push_back(c.stages[i].id);
    }
    ids.push_back(c.won_stage_id);
    ids.push_back(c.lost_stage_id);
    for (size_t i = 0; i < ids.size(); ++i) {
        const std::string field = i < c.stages.size() ? "stages[" + std::to_string(i) + "].id"
                                  : i == c.stages.size() ? std::string("won_stage_id") : std::string("lost_stage_id");
        bool dup = ix.stage_info(ids[i]) != nullptr || std::count(ids.begin(), ids.end(), ids[i]) > 1;
        if (auto s = new_id(dup, ids[i], field.c_str()); !s) return s;
    }
    return ok_status();
}

std::string run(Tx& tx, const CreatePipeline& c, const Ctx& ctx) {
    Pipeline p;
    p.meta.id = c.id;
    init_meta(p.meta, ctx);
    p.name = trim(c.name);
    p.position = int32_t(tx.ix().ws.pipelines.size());
    for (Stage s : c.stages) {
        s.kind = StageKind::Open;
        s.name = trim(s.name);
        p.stages.push_back(std::move(s));
    }
    p.stages.push_back(Stage{c.won_stage_id, "Won", 100, 0x2e9e5b, 0, StageKind::Won});
    p.stages.push_back(Stage{c.lost_stage_id, "Lost", 0, 0xd64545, 0, StageKind::Lost});
    std::string label = "Created pipeline " + p.name;
    tx.put(std::move(p));
    return label;
}

// ---- RenamePipeline ----
Status validate(const StoreIndexes& ix, const RenamePipeline& c, const Ctx&) {
    if (!ix.pipeline(c.pipeline)) return field_error("pipeline", "does not exist");
    return require_name(c.name, "name");
}

std::string run(Tx& tx, const RenamePipeline& c, const Ctx& ctx) {
    Pipeline p = *tx.ix().pipeline(c.pipeline);
    p.name = trim(c.name);
    bump(p.meta, ctx);
    std::string label = "Renamed pipeline to " + p.name;
    tx.put(std::move(p));
    return label;
}

// ---- MovePipeline ----
Status validate(const StoreIndexes& ix, const MovePipeline& c, const Ctx&) {
    if (!ix.pipeline(c.pipeline)) return field_error("pipeline", "does not exist");
    if (c.new_position < 0 || size_t(c.new_position) >= ix.ws.pipelines.size())
        return field_error("new_position", "must be between 0 and " + std::to_string(ix.ws.pipelines.size() - 1));
    return ok_status();
}

std::string run(Tx& tx, const MovePipeline& c, const Ctx& ctx) {
    std::vector<Id> order;
    for (const Pipeline& p : tx.ix().ws.pipelines) order.push_back(p.meta.id);   // sorted by position
    order.erase(std::find(order.begin(), order.end(), c.pipeline));
    order.insert(order.begin() + c.new_position, c.pipeline);
    std::string label = "Moved pipeline " + tx.ix().pipeline(c.pipeline)->name;
    for (size_t i = 0; i < order.size(); ++i) {
        Pipeline p = *tx.ix().pipeline(order[i]);
        if (p.position == int32_t(i)) continue;
        p.position = int32_t(i);
        bump(p.meta, ctx);
        tx.put(std::move(p));
    }
    return label;
}

// ---- DeletePipeline ----
Status validate(const StoreIndexes& ix, const DeletePipeline& c, const Ctx&) {
    const Pipeline* p = ix.pipeline(c.pipeline);
    if (!p) return field_error("pipeline", "does not exist");
    size_t deals = 0;
    for (const Stage& s : p->stages) deals += deals_in_lane(ix, s.id);
    if (deals > 0)
        return field_error("pipeline", p->name + " still has " + plural(deals, "deal", "deals") + "; move or delete them first");
    if (ix.ws.pipelines.size() == 1) return field_error("pipeline", "the workspace needs at least one pipeline");
    return ok_status();
}

std::string run(Tx& tx, const DeletePipeline& c, const Ctx& ctx) {
    std::string label = "Deleted pipeline " + tx.ix().pipeline(c.pipeline)->name;
    std::vector<Id> stage_ids;
    for (const Stage& s : tx.ix().pipeline(c.pipeline)->stages) stage_ids.push_back(s.id);
    update_views(tx, ctx, [&](SavedView& v) { return forget_pipeline(v, c.pipeline, stage_ids); });
    tx.erase(RecordKind::Pipeline, c.pipeline);
    return label;
}

// ---- AddStage ----
Status validate(const StoreIndexes& ix, const AddStage& c, const Ctx&) {
    const Pipeline* p = ix.pipeline(c.pipeline);
    if (!p) return field_error("pipeline", "does not exist");
    if (auto s = new_id(ix.stage_info(c.stage.id) != nullptr, c.stage.id, "stage.id"); !s) return s;
    if (auto s = validate_stage_fields(c.stage, "stage."); !s) return s;
    if (c.index < -1 || c.index > int32_t(open_count(*p)))
        return field_error("index", "must be between 0 and " + std::to_string(open_count(*p)) + " (or -1 for the end)");
    return ok_status();
}

std::string run(Tx& tx, const AddStage& c, const Ctx& ctx) {
    Pipeline p = *tx.ix().pipeline(c.pipeline);
    Stage s = c.stage;
    s.kind = StageKind::Open;
    s.name = trim(s.name);
    size_t at = c.index < 0 ? open_count(p) : size_t(c.index);
    std::string label = "Added stage " + s.name;
    p.stages.insert(p.stages.begin() + ptrdiff_t(at), std::move(s));
    bump(p.meta, ctx);
    tx.put(std::move(p));
    return label;
}

// ---- UpdateStage ----
Status validate(const StoreIndexes& ix, const UpdateStage& c, const Ctx&) {
    const Stage* s = ix.stage(c.stage);
    if (!s) return field_error("stage", "does not exist");
    if (c.name) {
        if (auto st = require_name(*c.name, "name"); !st) return st;
    }
    if (c.probability) {
        if (*c.probability > 100) return field_error("probability", "must be between 0 and 100");
        if (s->kind == StageKind::Won && *c.probability != 100) return field_error("probability", "the Won stage is always 100 %");
        if (s->kind == StageKind::Lost && *c.probability != 0) return field_error("probability", "the Lost stage is always 0 %");
    }
    if (c.idle_days && *c.idle_days < 0) return field_error("idle_days", "must not be negative");
    if (c.color && *c.color > 0xffffff) return field_error("color", "must be an 0xRRGGBB colour");
    return ok_status();
}

std::string run(Tx& tx, const UpdateStage& c, const Ctx& ctx) {
    Pipeline p = *tx.ix().pipeline(tx.ix().stage_info(c.stage)->pipeline);
    Stage& s = p.stages[stage_index(p, c.stage)];
    if (c.name) s.name = trim(*c.name);
    if (c.probability) s.probability = *c.probability;
    if (c.color) s.color = *c.color;
    if (c.idle_days) s.idle_days = *c.idle_days;
    std::string label = "Updated stage " + s.name;
    bump(p.meta, ctx);
    tx.put(std::move(p));
    return label;
}

// ---- MoveStage ----
Status validate(const StoreIndexes& ix, const MoveStage& c, const Ctx&) {
    const Stage* s = ix.stage(c.stage);
    if (!s) return field_error("stage", "does not exist");
    if (s->kind != StageKind::Open) return field_error("stage", "the Won and Lost stages stay at the end");
    const Pipeline* p = ix.pipeline(ix.stage_info(c.stage)->pipeline);
    if (c.new_index < 0 || size_t(c.new_index) >= open_count(*p))
        return field_error("new_index", "must be between 0 and " + std::to_string(open_count(*p) - 1));
    return ok_status();
}

std::string run(Tx& tx, const MoveStage& c, const Ctx& ctx) {
    Pipeline p = *tx.ix().pipeline(tx.ix().stage_info(c.stage)->pipeline);
    size_t from = stage_index(p, c.stage);
    Stage s = p.stages[from];
    p.stages.erase(p.stages.begin() + ptrdiff_t(from));
    p.stages.insert(p.stages.begin() + c.new_index, s);
    bump(p.meta, ctx);
    tx.put(std::move(p));
    return "Moved stage " + s.name;
}

// ---- DeleteStage ----
Status validate(const StoreIndexes& ix, const DeleteStage& c, const Ctx&) {
    const Stage* s = ix.stage(c.stage);
    if (!s) return field_error("stage", "does not exist");
    if (s->kind != StageKind::Open) return field_error("stage", "the Won and Lost stages cannot be deleted");
    const Pipeline* p = ix.pipeline(ix.stage_info(c.stage)->pipeline);
    if (open_count(*p) == 1) return field_error("stage", "a pipeline needs at least one open stage");
    size_t deals = deals_in_lane(ix, c.stage);
    if (c.move_deals_to == kNoId) {
        if (deals > 0)
            return field_error("stage", plural(deals, "deal is", "deals are") + " in " + s->name +
                                            "; move them first or choose a stage to move them to");
        return ok_status();
    }
    if (c.move_deals_to == c.stage) return field_error("move_deals_to", "must be another stage");
    if (!ix.stage(c.move_deals_to)) return field_error("move_deals_to", "does not exist");
    return ok_status();
}

std::string run(Tx& tx, const DeleteStage& c, const Ctx& ctx) {
    const StoreIndexes& ix = tx.ix();
    const std::string name = ix.stage(c.stage)->name;
    std::vector<Id> moving;
    if (const Lane* lane = ix.lane(c.stage)) lane->order.for_each([&](uint32_t slot) { moving.push_back(ix.ws.deals[slot].meta.id); });
    if (!moving.empty()) {
        const std::string target = stage_name(ix, c.move_deals_to);
        int64_t rank = place_rank(tx, ctx, c.move_deals_to, kNoId, kNoId);
        for (Id id : moving) {
            Deal d = *ix.deal(id);
            const DealStatus old_status = d.status;
            enter_stage(ix, d, c.move_deals_to, ctx, kNoId, "");
            d.rank = rank;
            rank += kRankGap;
            d.last_activity_at = ctx.now;
            bump(d.meta, ctx);
            record_change(tx, ctx, id, ChangeKind::Stage, line_texts().stage, name, target);
            if (d.status != old_status) record_status_change(tx, ctx, id, old_status, d.status);
            tx.put(std::move(d));
        }
    }
    Pipeline p = *ix.pipeline(ix.stage_info(c.stage)->pipeline);
    p.stages.erase(p.stages.begin() + ptrdiff_t(stage_index(p, c.stage)));
    bump(p.meta, ctx);
    tx.put(std::move(p));
    update_views(tx, ctx, [&](SavedView& v) { return forget_stage(v, c.stage); });
    if (moving.empty()) return "Deleted stage " + name;
    return "Deleted stage " + name + " and moved " + plural(moving.size(), "deal", "deals") + " to " + stage_name(ix, c.move_deals_to);
}

}  // namespace dd::cmd
