// Store: apply / undo / redo, permissions, and read access over the indexes.
#include "core/store.h"
#include "core/cmd_handlers.h"
#include "core/cmd_saved_views.h"
#include "core/store_indexes.h"
#include "core/store_load.h"
#include "core/store_undo.h"
#include <algorithm>

namespace dd {

Money LaneTotals::weighted() const {
    int64_t q = weighted_x100 / 100, r = weighted_x100 % 100;
    if (r >= 50) ++q;
    else if (r <= -50) --q;
    return q;
}

Store::Store(uint64_t id_seed) : ix_(std::make_unique<StoreIndexes>(id_seed)), undo_(std::make_unique<UndoHistory>()) {
    ix_->rebuild();
}
Store::~Store() = default;
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;

namespace {
// What a store in the middle of a staged command answers to anything else.
Status refuse_if_staged(bool staged_open) {
    if (!staged_open) return ok_status();
    return field_error("", "an import is being applied: wait for it to finish or cancel it");
}
}  // namespace

// What a store still waiting for its history lines answers to a change.
Status Store::history_ready() const {
    if (history_ != HistoryState::Pending) return ok_status();
    return field_error("history", "the deals' history is still being read: try again in a moment");
}

Status Store::load(Workspace ws) {
    if (auto s = refuse_if_staged(staged_open_); !s) return s;
    Result<CheckedWorkspace> checked = CheckedWorkspace::check(std::move(ws));
    if (!checked) return checked.error();
    return load(std::move(checked.value()));
}

Status Store::load(CheckedWorkspace ws) {
    if (auto s = refuse_if_staged(staged_open_); !s) return s;
    if (!ws.checked()) return load(std::move(ws).release());
    ix_->ws = std::move(ws).release();
    ix_->rebuild();
    undo_->clear();
    history_ = HistoryState::Complete;
    return ok_status();
}

Permission Store::permission_of(Id actor) const {
    if (ix_->ws.team.empty()) return Permission::Settings;   // first start: anyone may set things up
    const TeamMember* m = ix_->member(actor);
    if (!m) return Permission::Anyone;
    switch (m->role) {
    case Role::Admin: return Permission::Settings;
    case Role::Manager: return Permission::Data;
    case Role::Viewer: return Permission::Anyone;
    }
    return Permission::Anyone;
}

namespace {
Status allowed(const StoreIndexes& ix, Permission held, Permission needed, Id actor) {
    if (held >= needed) return ok_status();
    if (!ix.member(actor)) return field_error("actor", "choose who you are (a team member) before making changes");
    if (needed == Permission::Settings) return field_error("actor", "only admins can change workspace settings");
    return field_error("actor", "viewers can look but not change anything; ask an admin for manager access");
}
// Undo and redo ask again what the step's command asked: its role level, and for the commands
// that need no data rights (saved views) the rights on each view it touches, unless the actor is
// who made the step (those were checked then). Who presses Undo changes with Team settings' "You are".
Status allowed_to_restore(const StoreIndexes& ix, Permission held, const UndoStep& step, Id actor) {
    const Permission needed = step_permission(step);
    if (auto s = allowed(ix, held, needed, actor); !s) return s;
    if (needed != Permission::Anyone || (step.general && step.general->actor == actor)) return ok_status();
    if (!step.general) return ok_status();   // a compact stage move touches no saved view
    return cmd::may_restore_views(ix, step.general->images, actor);
}
// A step's label after `prefix`: its text, or for a stage move built from its parts (MoveLabel).
std::string label_of(const StoreIndexes& ix, const UndoStep& step, std::string_view prefix) {
    if (step.move.form != MoveLabel::None) return cmd::move_label(ix, move_label_of(ix, step), prefix);
    std::string out;   // a general step (a compact one always has a label form)
    out.reserve(prefix.size() + step.general->label.size());
    return out.append(prefix).append(step.general->label.view());
}
}  // namespace

Status Store::check(const Command& c, const CommandContext& ctx) const {
    if (auto s = refuse_if_staged(staged_open_); !s) return s;
    if (auto s = allowed(*ix_, permission_of(ctx.actor), required_permission(c), ctx.actor); !s) return s;
    return std::visit([&](const auto& x) { return cmd::validate(*ix_, x, ctx); }, c);
}

Result<Applied> Store::apply(const Command& c, const CommandContext& ctx) {
    if (auto s = history_ready(); !s) return s.error();
    if (auto s = check(c, ctx); !s) return s.error();
    Tx tx(*ix_, ctx.now);
    std::string label = std::visit([&](const auto& x) { return cmd::run(tx, x, ctx); }, c);
    ChangeSet changes = change_set(*ix_, tx.images());
    undo_->push_done(label, tx, required_permission(c), ctx.actor);
    return Applied{std::move(label), std::move(changes)};
}

Result<Applied> Store::undo(const CommandContext& ctx) {
    if (auto s = refuse_if_staged(staged_open_); !s) return s.error();
    if (auto s = history_ready(); !s) return s.error();
    if (undo_->done.empty()) return field_error("", "nothing to undo");
    UndoStep& top = undo_->done.back();
    if (auto s = allowed_to_restore(*ix_, permission_of(ctx.actor), top, ctx.actor); !s) return s.error();
    // The step goes over to the other stack in place: its images are restored straight from
    // where they are kept, and only the opposite images are moved in (no move of the whole step).
    undo_->bytes -= top.move.bytes;
    UndoStep& step = undo_->undone.emplace_back();
    restore_step(*ix_, top, ctx.now, step);
    undo_->done.pop_back();
    step.move.bytes = estimated_bytes(step);
    Applied applied{label_of(*ix_, step, "Undid: "), change_set(*ix_, step)};
    undo_->bytes += step.move.bytes;
    undo_->trim_redo();
    return applied;
}

Result<Applied> Store::redo(const CommandContext& ctx) {
    if (auto s = refuse_if_staged(staged_open_); !s) return s.error();
    if (auto s = history_ready(); !s) return s.error();
    if (undo_->undone.empty()) return field_error("", "nothing to redo");
    UndoStep& top = undo_->undone.back();
    if (auto s = allowed_to_restore(*ix_, permission_of(ctx.actor), top, ctx.actor); !s) return s.error();
    // The step goes over to the other stack in place: its images are restored straight from
    // where they are kept, and only the opposite images are moved in (no move of the whole step).
    undo_->bytes -= top.move.bytes;
    UndoStep& step = undo_->done.emplace_back();
    restore_step(*ix_, top, ctx.now, step);
    undo_->undone.pop_back();
    step.move.bytes = estimated_bytes(step);
    Applied applied{label_of(*ix_, step, "Redid: "), change_set(*ix_, step)};
    undo_->bytes += step.move.bytes;
    undo_->trim();
    return applied;
}

bool Store::can_undo() const { return !undo_->done.empty(); }
bool Store::can_redo() const { return !undo_->undone.empty(); }
std::string Store::undo_label() const { return undo_->done.empty() ? std::string() : label_of(*ix_, undo_->done.back(), ""); }
std::string Store::redo_label() const { return undo_->undone.empty() ? std::string() : label_of(*ix_, undo_->undone.back(), ""); }
size_t Store::undo_depth() const { return undo_->done.size(); }
size_t Store::undo_records() const { return undo_->done.empty() ? 0 : touched_count(undo_->done.back()); }
size_t Store::redo_records() const { return undo_->undone.empty() ? 0 : touched_count(undo_->undone.back()); }
void Store::set_undo_budget(size_t bytes) {
    undo_->budget = bytes;
    undo_->trim();
}
size_t Store::undo_bytes() const { return undo_->bytes; }

// ---- Read access ---------------------------------------------------------------------------

const Workspace& Store::workspace() const { return ix_->ws; }
const WorkspaceSettings& Store::settings() const { return ix_->ws.settings; }
const Deal* Store::find_deal(Id id) const { return ix_->deal(id); }
const Pipeline* Store::find_pipeline(Id id) const { return ix_->pipeline(id); }
const Stage* Store::find_stage(Id id, const Pipeline** pipeline) const {
    const Stage* s = ix_->stage(id);
    if (pipeline) *pipeline = s ? ix_->pipeline(ix_->stage_info(id)->pipeline) : nullptr;
    return s;
}
const Contact* Store::find_contact(Id id) const { return ix_->contact(id); }
const Company* Store::find_company(Id id) const { return ix_->company(id); }
const TeamMember* Store::find_member(Id id) const { return ix_->member(id); }
const Activity* Store::find_activity(Id id) const { return ix_->activity(id); }
const Note* Store::find_note(Id id) const { return ix_->note(id); }
const CustomFieldDef* Store::find_custom_field(Id id) const { return ix_->field(id); }
const LostReason* Store::find_lost_reason(Id id) const { return ix_->reason(id); }
const DealChange* Store::find_change(Id id) const { return ix_->change(id); }
const SavedView* Store::find_saved_view(Id id) const { return ix_->view(id); }
std::vector<const SavedView*> Store::saved_views() const {
    std::vector<const SavedView*> out;
    out.reserve(ix_->ws.saved_views.size());
    for (const SavedView& v : ix_->ws.saved_views) out.push_back(&v);
    std::sort(out.begin(), out.end(), [](const SavedView* a, const SavedView* b) {
        return a->position != b->position ? a->position < b->position : a->meta.id < b->meta.id;
    });
    return out;
}
const Deal* Store::find_deal_by_ref(const std::string& ref) const {
    return ix_->deal_by_external_ref(ref);
}
const TeamMember* Store::current_user() const { return ix_->member(ix_->ws.settings.current_user); }

namespace {
const Stage* stage_of_kind(const StoreIndexes& ix, Id pipeline, StageKind kind) {
    const Pipeline* p = ix.pipeline(pipeline);
    if (!p) return nullptr;
    for (const Stage& s : p->stages)
        if (s.kind == kind) return &s;
    return nullptr;
}
}  // namespace

const Stage* Store::won_stage(Id pipeline) const { return stage_of_kind(*ix_, pipeline, StageKind::Won); }
const Stage* Store::lost_stage(Id pipeline) const { return stage_of_kind(*ix_, pipeline, StageKind::Lost); }

size_t Store::lane_size(Id stage) const {
    const Lane* lane = ix_->lane(stage);
    return lane ? lane->order.size() : 0;
}
const Deal& Store::lane_at(Id stage, size_t index) const { return ix_->ws.deals[ix_->lane(stage)->order.at(index)]; }
std::vector<const Deal*> Store::lane(Id stage) const {
    std::vector<const Deal*> out;
    if (const Lane* lane = ix_->lane(stage)) {
        out.reserve(lane->order.size());
        lane->order.for_each([&](uint32_t slot) { out.push_back(&ix_->ws.deals[slot]); });
    }
    return out;
}
size_t Store::lane_index_of(Id deal) const {
    const Deal* d = ix_->deal(deal);
    if (!d) return LaneList::npos;
    return ix_->lane(d->stage)->order.index_of(ix_->key_of(*d), ix_->slot_key());
}
LaneTotals Store::lane_totals(Id stage, DealStatus status) const {
    const Lane* lane = ix_->lane(stage);
    return lane ? lane->totals[size_t(status)] : LaneTotals{};
}
LaneTotals Store::lane_totals(Id stage) const {
    LaneTotals sum;
    if (const Lane* lane = ix_->lane(stage))
        for (const LaneTotals& t : lane->totals) {
            sum.count += t.count;
            sum.total += t.total;
            sum.weighted_x100 += t.weighted_x100;
        }
    return sum;
}

std::vector<Id> Store::deals_of_owner(Id member) const { return ix_->deals_of_owner(member); }
std::vector<Id> Store::deals_of_contact(Id contact) const { return ix_->deals_of_contact(contact); }
std::vector<Id> Store::deals_of_company(Id company) const { return ix_->deals_of_company(company); }
size_t Store::deal_count_of_contact(Id contact) const {
    return ix_->deal_count_of_contact(contact);
}
std::vector<Id> Store::contacts_of_company(Id company) const { return ix_->contacts_of_company(company); }

std::vector<const Activity*> Store::activities_of(Id deal) const {
    std::vector<const Activity*> out;
    for (Id id : ix_->activities_of(deal)) out.push_back(ix_->activity(id));
    std::stable_sort(out.begin(), out.end(), [](const Activity* a, const Activity* b) {
        if ((a->due_at == 0) != (b->due_at == 0)) return b->due_at == 0;
        return a->due_at < b->due_at;
    });
    return out;
}
std::vector<const Note*> Store::notes_of(Id deal) const {
    std::vector<const Note*> out;
    for (Id id : ix_->notes_of(deal)) out.push_back(ix_->note(id));
    std::stable_sort(out.begin(), out.end(), [](const Note* a, const Note* b) { return a->meta.created_at > b->meta.created_at; });
    return out;
}
std::vector<const DealChange*> Store::history_of(Id deal) const {
    std::vector<const DealChange*> out;
    for (uint32_t l = ix_->history_head_of(deal); l != StoreIndexes::kNoLine; l = ix_->history_prev[l])
        out.push_back(&ix_->ws.history[l]);   // newest first
    std::stable_sort(out.begin(), out.end(), [](const DealChange* a, const DealChange* b) { return a->meta.created_at > b->meta.created_at; });
    return out;
}
size_t Store::deals_in_pipeline(Id pipeline) const {
    const Pipeline* p = ix_->pipeline(pipeline);
    size_t n = 0;
    if (p)
        for (const Stage& s : p->stages) n += lane_size(s.id);
    return n;
}

Money Store::to_base(Money amount, Currency currency) const { return ix_->to_base(amount, currency); }
bool Store::has_rate(Currency c) const { return ix_->has_rate(c); }
int Store::effective_probability(const Deal& d) const { return ix_->probability_of(d); }
bool Store::is_rotting(const Deal& d, Millis now) const {
    if (d.status != DealStatus::Open) return false;
    const StageInfo* info = ix_->stage_info(d.stage);
    if (!info || info->idle_days <= 0) return false;
    const Millis since = d.last_activity_at ? d.last_activity_at : d.meta.created_at;
    return now - since > Millis(info->idle_days) * 86'400'000;
}

}  // namespace dd
