#include "ui/list_saved_views.h"

#include "imgui.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/list_filters.h"
#include "ui/widgets.h"

#include <cmath>
#include <cstdio>
#include <cstring>

namespace dd::ui {
namespace {

// At most this many chips in the toolbar; the menu lists every view.
constexpr size_t kMaxChips = 5;

bool same_layout(const TableLayout& shown, const TableLayout& saved) {
    if (shown.columns.size() != saved.columns.size()) return false;
    for (size_t i = 0; i < shown.columns.size(); ++i) {
        const ColumnLayout &a = shown.columns[i], &b = saved.columns[i];
        if (a.column != b.column || a.custom_field != b.custom_field || a.visible != b.visible) return false;
        if (b.width > 0 && std::fabs(a.width - b.width) > 1.0f) return false;
    }
    return true;
}

Id current_user(const ViewContext& ctx) { return ctx.store.settings().current_user; }

// The store's rule for the current user (saved_view.h); a workspace with no team yet acts as admin.
Role current_role(const ViewContext& ctx) {
    const TeamMember* m = ctx.store.find_member(current_user(ctx));
    return m ? m->role : ctx.store.workspace().team.empty() ? Role::Admin : Role::Viewer;
}
bool may_change(const ViewContext& ctx, const SavedView& v) {
    return may_change_view(v, current_user(ctx), current_role(ctx)).ok();
}

// Refusals are shown next to the field before anything is sent (the store's own check).
bool accepted(ViewContext& ctx, const Command& c) {
    Status s = ctx.store.check(c, CommandContext{ctx.store.settings().current_user, ctx.now});
    ctx.ui.list.view_error = s.ok() ? std::string() : s.error().message;
    return s.ok();
}

void choose(ViewContext& ctx, const SavedView& v) {
    apply_saved_view(ctx.ui, v, ctx.store.workspace());
    ctx.ui.list.active_view = v.meta.id;
}

// Back to every deal: no search, no filter (sort and columns stay as they are).
void choose_all(ViewContext& ctx) {
    ListState& ls = ctx.ui.list;
    ctx.ui.search[0] = '\0';
    ls.filters = DealQuery{};
    ls.filter_inputs = ListFilterInputs{};
    ls.active_view = kNoId;
}

// The name field and its Save button, in the "Save view" popup (new view or "Save as new").
void draw_save_form(ViewContext& ctx) {
    ListState& ls = ctx.ui.list;
    const Palette& p = ctx.palette;
    ImGui::TextUnformatted("Name this view");
    ImGui::SetNextItemWidth(220);
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    const bool enter = ImGui::InputText("##view-name", ls.new_view_name, sizeof ls.new_view_name,
                                        ImGuiInputTextFlags_EnterReturnsTrue);
    name_last_item("View name");
    ImGui::SameLine();
    const bool save = styled_button("Save##view", nullptr, ButtonKind::Primary, p);
    // Who sees it: private by default, as in Pipedrive and HubSpot; viewers cannot share.
    const bool can_share = may_share_view(true, current_role(ctx)).ok();
    if (!can_share) ls.new_view_shared = false;
    if (ImGui::RadioButton("Only me", !ls.new_view_shared)) ls.new_view_shared = false;
    name_last_item("Only me");
    ImGui::SameLine();
    ImGui::BeginDisabled(!can_share);
    if (ImGui::RadioButton("Shared", ls.new_view_shared)) ls.new_view_shared = true;
    name_last_item("Shared");
    ImGui::EndDisabled();
    if (!can_share && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip("Viewers keep their views to themselves; a manager or an admin can share");
    if (!ls.view_error.empty()) text_item(ls.view_error.c_str(), nullptr, p.danger);
    if (!enter && !save) return;
    CreateSavedView c{capture_saved_view(ctx.ui, ls.new_view_name)};
    c.view.meta.id = ctx.ids.next();
    c.view.shared = ls.new_view_shared;
    if (!accepted(ctx, c)) return;
    ls.active_view = c.view.meta.id;
    ctx.intents.commands.push_back(std::move(c));
    ls.new_view_name[0] = '\0';
    ls.new_view_shared = false;   // the next new view starts private again
    ImGui::CloseCurrentPopup();
}

// One view in the menu: its name (choose), or its name field while it is being renamed; then
// rename, move up and delete.
void draw_menu_row(ViewContext& ctx, const SavedView& v, size_t index) {
    ListState& ls = ctx.ui.list;
    const Palette& p = ctx.palette;
    push_id(v.meta.id);
    if (ls.renaming_view == v.meta.id) {
        ImGui::SetNextItemWidth(200);
        const bool enter = ImGui::InputText("##rename", ls.rename_view_name, sizeof ls.rename_view_name,
                                            ImGuiInputTextFlags_EnterReturnsTrue);
        name_last_item("New view name");
        ImGui::SameLine();
        if (styled_button("Save name", nullptr, ButtonKind::Primary, p) || enter) {
            RenameSavedView c{v.meta.id, ls.rename_view_name};
            if (accepted(ctx, c)) {
                ctx.intents.commands.push_back(std::move(c));
                ls.renaming_view = kNoId;
            }
        }
        if (!ls.view_error.empty()) text_item(ls.view_error.c_str(), nullptr, p.danger);
        ImGui::PopID();
        return;
    }
    const TeamMember* owner = ctx.store.find_member(v.owner);
    // The marker and the name are text, the buttons framed: the text goes down by the frame's
    // padding so all of the row reads on one line (each item placed at its own height).
    const float row_y = ImGui::GetCursorPosY(), text_y = row_y + ImGui::GetStyle().FramePadding.y;
    auto next = [](float y) {
        ImGui::SameLine();
        ImGui::SetCursorPosY(y);
    };
    // The marker: who sees this view (the team, or only the current user).
    ImGui::SetCursorPosY(text_y);
    text_item(v.shared ? icons::kUsers : icons::kLock, nullptr, p.text_muted);
    name_last_item((std::string(v.shared ? "Shared: " : "Only me: ") + v.name).c_str());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip(v.shared ? "Shared with the team" : "Only you see this view");
    next(text_y);
    if (ImGui::Selectable(v.name.c_str(), ls.active_view == v.meta.id, 0, ImVec2(220, 0))) choose(ctx, v);
    name_last_item(v.name.c_str());
    if (owner && ImGui::IsItemHovered()) ImGui::SetTooltip("Saved by %s", owner->name.c_str());
    // Rename, share, move and delete only where the store would accept them (the owner; a shared
    // view also a manager or an admin); shown disabled otherwise, so the rule is visible.
    const bool mine = may_change(ctx, v);
    next(row_y);
    if (icon_button(icons::kPencil, ("Rename view " + v.name).c_str(), p, mine, "Rename")) {
        ls.renaming_view = v.meta.id;
        ls.view_error.clear();
        std::snprintf(ls.rename_view_name, sizeof ls.rename_view_name, "%s", v.name.c_str());
    }
    next(row_y);
    const bool can_share = may_share_view(!v.shared, current_role(ctx)).ok();
    if (icon_button(v.shared ? icons::kLock : icons::kUsers,
                    ((v.shared ? "Make view private " : "Share view ") + v.name).c_str(), p, mine && can_share,
                    v.shared ? "Only me (the team no longer sees it)" : "Share with the team"))
        ctx.intents.commands.push_back(ShareSavedView{v.meta.id, !v.shared});
    next(row_y);
    if (icon_button(icons::kChevronUp, ("Move view " + v.name + " up").c_str(), p, mine && index > 0, "Move up"))
        ctx.intents.commands.push_back(MoveSavedView{v.meta.id, int32_t(index) - 1});
    next(row_y);
    if (icon_button(icons::kTrash, ("Delete view " + v.name).c_str(), p, mine, "Delete (Undo brings it back)")) {
        ctx.intents.commands.push_back(DeleteSavedView{v.meta.id});
        if (ls.active_view == v.meta.id) ls.active_view = kNoId;
    }
    ImGui::PopID();
}

void draw_views_menu(ViewContext& ctx, const std::vector<const SavedView*>& views) {
    ListState& ls = ctx.ui.list;
    if (!ImGui::BeginPopup("saved-views")) {
        ls.renaming_view = kNoId;
        return;
    }
    if (ImGui::Selectable("All deals", ls.active_view == kNoId, 0, ImVec2(220, 0))) choose_all(ctx);
    name_last_item("All deals");
    if (views.empty()) ImGui::TextDisabled("No saved views yet: filter, sort, then Save view");
    for (size_t i = 0; i < views.size(); ++i) draw_menu_row(ctx, *views[i], i);
    ImGui::EndPopup();
}

}  // namespace

SavedView capture_saved_view(const UiState& ui, const char* name) {
    SavedView v;
    v.name = name;
    v.search = ui.search;
    v.filters = ui.list.filters;
    v.sort = ui.list.sort;
    v.layout = ui.list.layout;
    for (ColumnLayout& c : v.layout.columns) c.width = std::round(c.width);   // the formats keep whole pixels
    return v;
}

void apply_saved_view(UiState& ui, const SavedView& view, const Workspace& ws) {
    ListState& ls = ui.list;
    std::snprintf(ui.search, sizeof ui.search, "%s", view.search.c_str());
    ls.filters = view.filters;
    fill_filter_inputs(ls, ws);
    ls.sort = view.sort;
    ls.layout = view.layout;
    ls.declared.columns.clear();   // the table is re-created from the layout, fitted to today's columns
    ++ls.table_generation;
    ls.sort_pending = true;
}

void choose_remembered_view(UiState& ui, const Store& store) {
    ListState& ls = ui.list;
    if (!ls.view_restore_pending) return;
    ls.view_restore_pending = false;
    for (Id id : ls.remembered_views) {
        const SavedView* v = store.find_saved_view(id);
        if (!v) continue;   // another workspace's (or a deleted view's)
        // The first of this workspace's views is its entry: shown, unless made private since or
        // the device's user changed (then "All deals").
        if (view_visible_to(*v, store.settings().current_user)) {
            apply_saved_view(ui, *v, store.workspace());
            ls.active_view = id;
        }
        return;
    }
}

bool view_is_modified(const UiState& ui, const SavedView& view) {
    const ListState& ls = ui.list;
    return view.search != ui.search || !(view.filters == ls.filters) || !(view.sort == ls.sort) ||
           !same_layout(ls.layout, view.layout);
}

void draw_list_saved_views(ViewContext& ctx) {
    ListState& ls = ctx.ui.list;
    const Palette& p = ctx.palette;
    // Only the views the current user sees: the team's and their own.
    const std::vector<const SavedView*> views = visible_views(ctx.store.saved_views(), current_user(ctx));
    const SavedView* active = ctx.store.find_saved_view(ls.active_view);
    if (active && !view_visible_to(*active, current_user(ctx))) active = nullptr;   // made private, or another user
    if (!active) ls.active_view = kNoId;   // deleted (here, by undo, or refused when saved)
    const bool modified = active && view_is_modified(ctx.ui, *active);

    // The menu button names what is shown: "All deals", a view, or a view changed since chosen.
    const std::string shown = active ? active->name + (modified ? " (modified)" : "") : std::string("All deals");
    if (styled_button((shown + "###Views").c_str(), icons::kCaretDown, ButtonKind::Secondary, p)) {
        ls.view_error.clear();
        ImGui::OpenPopup("saved-views");
    }
    name_last_item(("Views##" + shown).c_str());   // found as "Views"; what it shows after the ##
    place_popup_below_last_item("saved-views");
    draw_views_menu(ctx, views);

    for (size_t i = 0; i < views.size() && i < kMaxChips; ++i) {
        const SavedView& v = *views[i];
        ImGui::SameLine();
        const bool on = v.meta.id == ls.active_view;
        push_id(v.meta.id);
        if (styled_button((v.name + "##chip").c_str(), nullptr, on ? ButtonKind::Primary : ButtonKind::Ghost, p)) choose(ctx, v);
        ImGui::PopID();
    }

    ImGui::SameLine();
    bool open_save = false;
    if (modified && may_change(ctx, *active)) {
        if (styled_button("Update view", nullptr, ButtonKind::Primary, p)) {
            const SavedView now = capture_saved_view(ctx.ui, active->name.c_str());
            ctx.intents.commands.push_back(UpdateSavedView{active->meta.id, now.search, now.filters, now.sort, now.layout});
        }
        ImGui::SameLine();
        open_save = styled_button("Save as new", nullptr, ButtonKind::Ghost, p);
    } else if (modified) {   // someone else's shared view: it stays as it is; a copy is the user's
        open_save = styled_button("Save as new", nullptr, ButtonKind::Ghost, p);
    } else {
        open_save = styled_button("Save view", nullptr, ButtonKind::Ghost, p);
    }
    if (open_save) {
        ls.view_error.clear();
        ImGui::OpenPopup("save-view");
    }
    place_popup_below_last_item("save-view");
    if (ImGui::BeginPopup("save-view")) {
        draw_save_form(ctx);
        ImGui::EndPopup();
    }
}

}  // namespace dd::ui
