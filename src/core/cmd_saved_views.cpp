// Saved views of the list: create, update with what is shown, rename, reorder, share, delete.
// Who may do which is saved_view.h's may_change_view / may_share_view, checked in every validate.
#include "core/cmd_saved_views.h"
#include "core/cmd_handlers.h"
#include "core/saved_view.h"

#include <algorithm>

namespace dd::cmd {

namespace {

ViewRefs store_refs(const StoreIndexes& ix) {
    return ViewRefs{[&ix](Id id) { return ix.pipeline(id) != nullptr; },
                    [&ix](Id id) { return ix.stage(id) != nullptr; },
                    [&ix](Id id) { return ix.member(id) != nullptr; },
                    [&ix](Id id) { return ix.field(id) != nullptr; }};
}

// Names are unique per owner: two people may both have "My open deals".
// A manager renaming someone else's shared view is told the clash is its owner's.
Status check_name(const StoreIndexes& ix, const std::string& name, Id owner, Id self, Id actor) {
    if (auto s = require_name(name, "name"); !s) return s;
    for (const SavedView& v : ix.ws.saved_views)
        if (v.meta.id != self && v.owner == owner && same_view_name(v.name, name))
            return field_error("name", std::string(owner == actor ? "you already have" : "its owner already has") +
                                           " a view named \"" + v.name + "\"");
    return ok_status();
}

// The actor's role. These commands need no data rights (viewers save views too), so the actor
// must at least be a team member; a workspace with no team yet (first start) acts as an admin.
Result<Role> actor_role(const StoreIndexes& ix, Id actor) {
    if (ix.ws.team.empty()) return Role::Admin;
    const TeamMember* m = ix.member(actor);
    if (!m) return field_error("actor", "choose who you are (a team member) before saving views");
    return m->role;
}

// The view `id`, when it exists and the actor may change it: the store's answer for every command
// that touches one existing view.
Result<const SavedView*> changeable_view(const StoreIndexes& ix, Id id, const Ctx& ctx) {
    const SavedView* v = ix.view(id);
    if (!v) return field_error("view", "does not exist");
    Result<Role> role = actor_role(ix, ctx.actor);
    if (!role) return role.error();
    if (auto s = may_change_view(*v, ctx.actor, role.value()); !s) return s.error();
    return v;
}

// What "Update view" replaces: the search, filters, sort and columns (checked on a probe first).
void set_content(SavedView& v, const UpdateSavedView& c) {
    v.search = c.search;
    v.filters = c.filters;
    v.sort = c.sort;
    v.layout = c.layout;
}

// The views in bar order (position, then id for equal positions).
std::vector<const SavedView*> in_order(const StoreIndexes& ix) {
    std::vector<const SavedView*> v;
    for (const SavedView& s : ix.ws.saved_views) v.push_back(&s);
    std::sort(v.begin(), v.end(), [](const SavedView* a, const SavedView* b) {
        return a->position != b->position ? a->position < b->position : a->meta.id < b->meta.id;
    });
    return v;
}

// Moving one view renumbers the others' positions (theirs included, private or shared): a step
// that only did that to a view changes nothing its owner cares about.
bool only_position_differs(const SavedView& a, const SavedView& b) {
    return a.name == b.name && a.owner == b.owner && a.shared == b.shared && a.search == b.search &&
           a.filters == b.filters && a.sort == b.sort && a.layout == b.layout;
}

}  // namespace

void update_views(Tx& tx, const Ctx& ctx, const std::function<bool(SavedView&)>& forget) {
    std::vector<SavedView> changed;
    for (const SavedView& v : tx.ix().ws.saved_views) {
        SavedView copy = v;
        if (forget(copy)) changed.push_back(std::move(copy));
    }
    for (SavedView& v : changed) {
        bump(v.meta, ctx);
        tx.put(std::move(v));
    }
}

Status may_restore_views(const StoreIndexes& ix, const Images& images, Id actor) {
    const bool touches_views = std::any_of(images.order.begin(), images.order.end(),
                                           [](const Touched& t) { return t.kind == RecordKind::SavedView; });
    if (!touches_views || ix.ws.team.empty()) return ok_status();   // first start: no rights yet
    Result<Role> role = actor_role(ix, actor);
    if (!role) return role.error();
    auto may_change = [&](const SavedView& v) { return may_change_view(v, actor, role.value()); };
    if (images.other)
        for (const Image<SavedView>& image : images.other->saved_views) {
            const SavedView* now = ix.view(image.id);
            if (now && image.record && only_position_differs(*now, *image.record)) continue;
            if (now)
                if (auto s = may_change(*now); !s) return s;
            if (!image.record) continue;
            if (auto s = may_change(*image.record); !s) return s;
            if (auto s = may_share_view(image.record->shared && !(now && now->shared), role.value()); !s) return s;
        }
    // Views the step created have no image: undoing it deletes them.
    for (const Touched& t : images.order)
        if (t.kind == RecordKind::SavedView && t.created)
            if (const SavedView* now = ix.view(t.id))
                if (auto s = may_change(*now); !s) return s;
    return ok_status();
}

// ---- CreateSavedView ----
Status validate(const StoreIndexes& ix, const CreateSavedView& c, const Ctx& ctx) {
    if (auto s = new_id(ix.view(c.view.meta.id) != nullptr, c.view.meta.id, "id"); !s) return s;
    Result<Role> role = actor_role(ix, ctx.actor);
    if (!role) return role.error();
    if (auto s = may_share_view(c.view.shared, role.value()); !s) return s;
    if (auto s = check_name(ix, c.view.name, ctx.actor, kNoId, ctx.actor); !s) return s;
    return check_view_content(c.view, store_refs(ix));
}

std::string run(Tx& tx, const CreateSavedView& c, const Ctx& ctx) {
    SavedView v = c.view;
    v.name = trim(v.name);
    v.owner = ctx.actor;
    init_meta(v.meta, ctx);
    int32_t last = -1;
    for (const SavedView& o : tx.ix().ws.saved_views) last = std::max(last, o.position);
    v.position = last + 1;
    std::string label = "Saved view " + v.name;
    tx.put(std::move(v));
    return label;
}

// ---- UpdateSavedView ----
Status validate(const StoreIndexes& ix, const UpdateSavedView& c, const Ctx& ctx) {
    if (auto v = changeable_view(ix, c.view, ctx); !v) return v.error();
    SavedView probe;
    set_content(probe, c);
    return check_view_content(probe, store_refs(ix));
}

std::string run(Tx& tx, const UpdateSavedView& c, const Ctx& ctx) {
    SavedView v = *tx.ix().view(c.view);
    set_content(v, c);
    bump(v.meta, ctx);
    std::string label = "Updated view " + v.name;
    tx.put(std::move(v));
    return label;
}

// ---- RenameSavedView ----
Status validate(const StoreIndexes& ix, const RenameSavedView& c, const Ctx& ctx) {
    Result<const SavedView*> v = changeable_view(ix, c.view, ctx);
    if (!v) return v.error();
    return check_name(ix, c.name, v.value()->owner, c.view, ctx.actor);
}

std::string run(Tx& tx, const RenameSavedView& c, const Ctx& ctx) {
    SavedView v = *tx.ix().view(c.view);
    const std::string old_name = v.name;
    v.name = trim(c.name);
    bump(v.meta, ctx);
    std::string label = "Renamed view " + old_name + " to " + v.name;
    tx.put(std::move(v));
    return label;
}

// ---- MoveSavedView ----
Status validate(const StoreIndexes& ix, const MoveSavedView& c, const Ctx& ctx) {
    if (auto v = changeable_view(ix, c.view, ctx); !v) return v.error();
    const size_t seen = visible_views(in_order(ix), ctx.actor).size();
    if (c.new_position < 0 || size_t(c.new_position) >= seen)
        return field_error("new_position", "must be between 0 and " + std::to_string(seen - 1));
    return ok_status();
}

std::string run(Tx& tx, const MoveSavedView& c, const Ctx& ctx) {
    std::vector<const SavedView*> order = in_order(tx.ix());
    // The index is in the bar the actor sees: the view goes just before the one shown at that
    // index (or just after the last shown), so every other view keeps its order relative to the
    // rest, in every member's bar, others' private views included.
    auto it = std::find_if(order.begin(), order.end(), [&](const SavedView* v) { return v->meta.id == c.view; });
    const SavedView* moving = *it;
    order.erase(it);
    const std::vector<const SavedView*> seen = visible_views(order, ctx.actor);
    const SavedView* anchor = size_t(c.new_position) < seen.size() ? seen[size_t(c.new_position)] : nullptr;
    auto at = anchor ? std::find(order.begin(), order.end(), anchor)
                     : (seen.empty() ? order.end() : std::find(order.begin(), order.end(), seen.back()) + 1);
    order.insert(at, moving);
    // Positions become 0..n-1; only the views whose position changes are touched (a handful).
    std::vector<SavedView> changed;
    for (size_t i = 0; i < order.size(); ++i)
        if (order[i]->position != int32_t(i)) {
            changed.push_back(*order[i]);
            changed.back().position = int32_t(i);
        }
    std::string label = "Moved view " + moving->name;
    for (SavedView& v : changed) {
        bump(v.meta, ctx);
        tx.put(std::move(v));
    }
    return label;
}

// ---- DeleteSavedView ----
Status validate(const StoreIndexes& ix, const DeleteSavedView& c, const Ctx& ctx) {
    if (auto v = changeable_view(ix, c.view, ctx); !v) return v.error();
    return ok_status();
}

std::string run(Tx& tx, const DeleteSavedView& c, const Ctx&) {
    std::string label = "Deleted view " + tx.ix().view(c.view)->name;
    tx.erase(RecordKind::SavedView, c.view);
    return label;
}

// ---- ShareSavedView ----
Status validate(const StoreIndexes& ix, const ShareSavedView& c, const Ctx& ctx) {
    Result<const SavedView*> v = changeable_view(ix, c.view, ctx);
    if (!v) return v.error();
    // A view left by a removed member is nobody's: private, nobody could see or delete it again.
    if (!c.shared && v.value()->owner == kNoId && !ix.ws.team.empty())
        return field_error("shared", "a view without an owner stays shared with the team");
    return may_share_view(c.shared, actor_role(ix, ctx.actor).value());
}

std::string run(Tx& tx, const ShareSavedView& c, const Ctx& ctx) {
    SavedView v = *tx.ix().view(c.view);
    v.shared = c.shared;
    bump(v.meta, ctx);
    std::string label = (c.shared ? "Shared view " : "Made view private: ") + v.name;
    tx.put(std::move(v));
    return label;
}

}  // namespace dd::cmd
