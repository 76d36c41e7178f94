// Saved views of the list: create, update with what is shown, rename, reorder, delete.
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
Status check_name(const StoreIndexes& ix, const std::string& name, Id owner, Id self) {
    if (auto s = require_name(name, "name"); !s) return s;
    for (const SavedView& v : ix.ws.saved_views)
        if (v.meta.id != self && v.owner == owner && same_view_name(v.name, name))
            return field_error("name", "you already have a view named \"" + v.name + "\"");
    return ok_status();
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

// ---- CreateSavedView ----
Status validate(const StoreIndexes& ix, const CreateSavedView& c, const Ctx& ctx) {
    if (auto s = new_id(ix.view(c.view.meta.id) != nullptr, c.view.meta.id, "id"); !s) return s;
    if (auto s = check_name(ix, c.view.name, ctx.actor, kNoId); !s) return s;
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
Status validate(const StoreIndexes& ix, const UpdateSavedView& c, const Ctx&) {
    if (!ix.view(c.view)) return field_error("view", "does not exist");
    SavedView probe;
    probe.search = c.search;
    probe.filters = c.filters;
    probe.sort = c.sort;
    probe.layout = c.layout;
    return check_view_content(probe, store_refs(ix));
}

std::string run(Tx& tx, const UpdateSavedView& c, const Ctx& ctx) {
    SavedView v = *tx.ix().view(c.view);
    v.search = c.search;
    v.filters = c.filters;
    v.sort = c.sort;
    v.layout = c.layout;
    bump(v.meta, ctx);
    std::string label = "Updated view " + v.name;
    tx.put(std::move(v));
    return label;
}

// ---- RenameSavedView ----
Status validate(const StoreIndexes& ix, const RenameSavedView& c, const Ctx&) {
    const SavedView* v = ix.view(c.view);
    if (!v) return field_error("view", "does not exist");
    return check_name(ix, c.name, v->owner, v->meta.id);
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
Status validate(const StoreIndexes& ix, const MoveSavedView& c, const Ctx&) {
    if (!ix.view(c.view)) return field_error("view", "does not exist");
    if (c.new_position < 0 || size_t(c.new_position) >= ix.ws.saved_views.size())
        return field_error("new_position", "must be between 0 and " + std::to_string(ix.ws.saved_views.size() - 1));
    return ok_status();
}

std::string run(Tx& tx, const MoveSavedView& c, const Ctx& ctx) {
    std::vector<const SavedView*> order = in_order(tx.ix());
    auto it = std::find_if(order.begin(), order.end(), [&](const SavedView* v) { return v->meta.id == c.view; });
    const SavedView* moving = *it;
    order.erase(it);
    order.insert(order.begin() + c.new_position, moving);
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
Status validate(const StoreIndexes& ix, const DeleteSavedView& c, const Ctx&) {
    if (!ix.view(c.view)) return field_error("view", "does not exist");
    return ok_status();
}

std::string run(Tx& tx, const DeleteSavedView& c, const Ctx&) {
    std::string label = "Deleted view " + tx.ix().view(c.view)->name;
    tx.erase(RecordKind::SavedView, c.view);
    return label;
}

}  // namespace dd::cmd
