// Saved views of the deal list: a named set of filters, sort keys and column layout, one click
// away. The record (SavedView), ColumnLayout and TableLayout are plain data in model.h, part of the
// workspace; the commands that change them are in commands.h (cmd_saved_views.cpp).
#pragma once
#include "core/query.h"
#include "core/result.h"

#include <functional>
#include <string>
#include <vector>

namespace dd {

// Every column the list can show, in the default order: the fixed ones, then one per custom field.
TableLayout default_table_layout(const std::vector<CustomFieldDef>& custom_fields);

// Which ids exist, asked by the view checks: the store answers for commands, the file check for a
// loaded workspace, so both refuse the same views with the same field paths.
struct ViewRefs {
    std::function<bool(Id)> pipeline, stage, member, custom_field;
};

// The first problem in what a view shows (search, filters, sort, columns), named by its path in
// the view: "filters.stages[1]: no stage with id ...". Name and owner are checked by the callers
// (a command trims and de-duplicates names; the file check only requires one).
Status check_view_content(const SavedView& view, const ViewRefs& refs);

// What a view still shows when something it names is deleted: the filter on it is dropped (the
// view then shows more, never an error), a sort key or column of a removed custom field goes.
// Each returns true when the view changed. Used by the deleting commands, in the same undo step.
bool forget_pipeline(SavedView& view, Id pipeline, const std::vector<Id>& its_stages);
bool forget_stage(SavedView& view, Id stage);
bool forget_custom_field(SavedView& view, Id field);
bool forget_member(SavedView& view, Id member);

// ---- Who sees and who changes a view (as in Pipedrive and HubSpot) ----------------------------
// A shared view is seen by the whole team, a private one only by its owner. `role` is the acting
// member's (a workspace with no team yet acts as an admin).

bool view_visible_to(const SavedView& view, Id member);
// The views `member` sees, keeping the order of `views`.
std::vector<const SavedView*> visible_views(const std::vector<const SavedView*>& views, Id member);
// Rename, update, move, share or delete: the owner always; a shared view also a manager or an admin.
// The refusal names "view" and says why.
Status may_change_view(const SavedView& view, Id member, Role role);
// Viewers keep their views to themselves: making a view shared needs a manager or an admin.
Status may_share_view(bool shared, Role role);

// Case-insensitive (ASCII) name equality after trimming: "Q4 big deals" and " q4 BIG deals" clash.
bool same_view_name(const std::string& a, const std::string& b);

}  // namespace dd
