#include "core/saved_view.h"

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

}  // namespace dd
