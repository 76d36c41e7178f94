// Saved views of the deal list: a named set of filters, sort keys and column layout, one click
// away. Plain data, kept in the list's view state; to keep them across sessions they need a place
// in the persisted workspace or device settings.
#pragma once
#include "core/query.h"

#include <string>
#include <vector>

namespace dd {

// One column of the list: which data it shows, its width in CSS pixels (0 = automatic), shown or not.
struct ColumnLayout {
    DealColumn column = DealColumn::Title;
    Id custom_field = kNoId;   // for DealColumn::Custom
    float width = 0.0f;
    bool visible = true;
    bool operator==(const ColumnLayout& o) const {
        return column == o.column && custom_field == o.custom_field && width == o.width && visible == o.visible;
    }
};

// The columns in display order (left to right).
struct TableLayout {
    std::vector<ColumnLayout> columns;
    bool operator==(const TableLayout& o) const { return columns == o.columns; }
};

struct SavedView {
    std::string name;
    std::string search;         // the search text (the top bar's box)
    DealQuery filters;
    std::vector<SortKey> sort;
    TableLayout layout;
};

// Every column the list can show, in the default order: the fixed ones, then one per custom field.
TableLayout default_table_layout(const std::vector<CustomFieldDef>& custom_fields);

}  // namespace dd
