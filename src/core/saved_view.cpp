#include "core/saved_view.h"
#include "core/text_fold.h"

#include <algorithm>

namespace dd {

TableLayout default_table_layout(const std::vector<CustomFieldDef>& custom_fields) {
    TableLayout layout;
    for (int c = int(DealColumn::Title); c < int(DealColumn::Custom); ++c) {
        ColumnLayout col;
        col.column = DealColumn(c);
        // Less used columns start hidden: the table stays readable, the header menu shows them.
        col.visible = !(col.column == DealColumn::Currency || col.column == DealColumn::Pipeline ||
                        col.column == DealColumn::Created || col.column == DealColumn::Updated ||
                        col.column == DealColumn::Reference || col.column == DealColumn::Probability);
        layout.columns.push_back(col);
    }
    for (const CustomFieldDef& f : custom_fields) {
        ColumnLayout col;
        col.column = DealColumn::Custom;
        col.custom_field = f.meta.id;
        col.visible = false;
        layout.columns.push_back(col);
    }
    return layout;
}

namespace {

std::string at(const char* list, size_t i) { return std::string(list) + "[" + std::to_string(i) + "]"; }
Error missing(std::string path, const char* what, Id id) {
    return field_error(std::move(path), "no " + std::string(what) + " with id " + id_to_string(id));
}

// A column or sort key: a known column, and a custom one names an existing custom field.
Status check_column(DealColumn column, Id field, const std::string& path, const ViewRefs& refs) {
    if (uint8_t(column) > uint8_t(DealColumn::Custom)) return field_error(path + ".column", "unknown column");
    if (column == DealColumn::Custom && !refs.custom_field(field))
        return missing(path + ".custom_field", "custom field", field);
    return ok_status();
}

template <typename T>
bool erase_if(std::vector<T>& v, const std::function<bool(const T&)>& gone) {
    const size_t before = v.size();
    v.erase(std::remove_if(v.begin(), v.end(), gone), v.end());
    return v.size() != before;
}

}  // namespace

Status check_view_content(const SavedView& view, const ViewRefs& refs) {
    const DealQuery& q = view.filters;
    if (q.pipeline != kNoId && !refs.pipeline(q.pipeline)) return missing("filters.pipeline", "pipeline", q.pipeline);
    for (size_t i = 0; i < q.stages.size(); ++i)
        if (!refs.stage(q.stages[i])) return missing(at("filters.stages", i), "stage", q.stages[i]);
    for (size_t i = 0; i < q.owners.size(); ++i)   // kNoId in the list = unowned deals
        if (q.owners[i] != kNoId && !refs.member(q.owners[i])) return missing(at("filters.owners", i), "team member", q.owners[i]);
    if (q.status_mask == 0 || q.status_mask > kAllStatuses)
        return field_error("filters.statuses", "must name at least one status");
    if (q.value_min && q.value_max && *q.value_min > *q.value_max)
        return field_error("filters.value_max", "must not be below value_min");
    for (size_t i = 0; i < q.custom.size(); ++i)
        if (!refs.custom_field(q.custom[i].field))
            return missing(at("filters.custom", i) + ".field", "custom field", q.custom[i].field);
    for (size_t i = 0; i < view.sort.size(); ++i)
        if (auto s = check_column(view.sort[i].column, view.sort[i].custom_field, at("sort", i), refs); !s) return s;
    for (size_t i = 0; i < view.layout.columns.size(); ++i) {
        const ColumnLayout& c = view.layout.columns[i];
        if (auto s = check_column(c.column, c.custom_field, at("columns", i), refs); !s) return s;
        if (!(c.width >= 0.0f && c.width <= 10000.0f))
            return field_error(at("columns", i) + ".width", "must be between 0 and 10000");
    }
    return ok_status();
}

bool forget_pipeline(SavedView& view, Id pipeline, const std::vector<Id>& its_stages) {
    bool changed = false;
    if (view.filters.pipeline == pipeline) {
        view.filters.pipeline = kNoId;
        changed = true;
    }
    for (Id s : its_stages) changed = forget_stage(view, s) || changed;
    return changed;
}

bool forget_stage(SavedView& view, Id stage) {
    return erase_if<Id>(view.filters.stages, [&](const Id& s) { return s == stage; });
}

bool forget_custom_field(SavedView& view, Id field) {
    bool changed = erase_if<CustomFilter>(view.filters.custom, [&](const CustomFilter& f) { return f.field == field; });
    changed = erase_if<SortKey>(view.sort, [&](const SortKey& k) {
                  return k.column == DealColumn::Custom && k.custom_field == field;
              }) || changed;
    changed = erase_if<ColumnLayout>(view.layout.columns, [&](const ColumnLayout& c) {
                  return c.column == DealColumn::Custom && c.custom_field == field;
              }) || changed;
    return changed;
}

bool forget_member(SavedView& view, Id member) {
    bool changed = erase_if<Id>(view.filters.owners, [&](const Id& m) { return m == member; });
    if (view.owner == member) {
        // The view stays, for the team (nobody's): a private one becomes shared, or nobody could
        // ever see or delete it again; managers and admins may then tidy it up.
        view.owner = kNoId;
        view.shared = true;
        changed = true;
    }
    return changed;
}

bool view_visible_to(const SavedView& view, Id member) { return view.shared || view.owner == member; }

std::vector<const SavedView*> visible_views(const std::vector<const SavedView*>& views, Id member) {
    std::vector<const SavedView*> out;
    for (const SavedView* v : views)
        if (view_visible_to(*v, member)) out.push_back(v);
    return out;
}

Status may_change_view(const SavedView& view, Id member, Role role) {
    if (view.owner == member) return ok_status();
    // Someone else's private view is not shown to this member at all: say so rather than "no right".
    if (!view.shared) return field_error("view", "is private to the member who saved it");
    if (role == Role::Viewer)
        return field_error("view", "is shared: only its owner, a manager or an admin can change or delete it");
    return ok_status();
}

Status may_share_view(bool shared, Role role) {
    if (shared && role == Role::Viewer)
        return field_error("shared", "viewers cannot share views with the team; ask a manager or an admin");
    return ok_status();
}

bool same_view_name(const std::string& a, const std::string& b) {
    auto trimmed = [](const std::string& s) {
        const size_t from = s.find_first_not_of(" \t\r\n");
        if (from == std::string::npos) return std::string_view();
        const size_t to = s.find_last_not_of(" \t\r\n");
        return std::string_view(s).substr(from, to - from + 1);
    };
    const std::string_view x = trimmed(a), y = trimmed(b);
    if (x.size() != y.size()) return false;
    for (size_t i = 0; i < x.size(); ++i)
        if (fold_char(x[i]) != fold_char(y[i])) return false;
    return true;
}

}  // namespace dd
