// Deals as CSV: the current slice of the list (its rows in order, its visible columns in order).
// Cell text is plain and re-importable: values as decimals in the deal's currency ("1234.50"),
// dates as YYYY-MM-DD, instants as RFC 3339, several contacts joined with "; ".
#pragma once
#include "core/csv_writer.h"
#include "core/saved_view.h"

#include <string>
#include <vector>

namespace dd {

class Store;

// The column's header ("Title", "Expected close", a custom field's name).
std::string deal_column_title(const Store&, DealColumn, Id custom_field = kNoId);
// A deal's value in that column as plain text (what the CSV holds; the list formats some further).
std::string deal_cell_text(const Store&, const Deal&, DealColumn, Id custom_field = kNoId);
// Whether the column holds numbers (right-aligned in the list, never neutralised in CSV).
bool deal_column_is_numeric(const Store&, DealColumn, Id custom_field = kNoId);
// "1234.50" for 123450 minor units of USD; "1234" for JPY.
std::string decimal_amount(Money amount, Currency currency);

// The same file written piece by piece (a big export streams over several frames, appending
// each piece to a fresh string): the header once, then the rows in any number of calls.
struct DealCsvColumns {
    std::vector<ColumnLayout> columns;   // the visible ones, in display order
    std::vector<bool> numeric;           // per column: numbers are never neutralised
};
DealCsvColumns deal_csv_columns(const Store&, std::vector<ColumnLayout> columns);
void write_deals_csv_header(std::string& out, const Store&, const DealCsvColumns&, bool bom);
void write_deal_csv_row(std::string& out, const Store&, const Deal&, const DealCsvColumns&);

// Writes the header and one record per deal. `columns`: the visible ones, in display order.
void write_deals_csv(std::string& out, const Store&, const std::vector<const Deal*>& deals,
                     const std::vector<ColumnLayout>& columns, bool bom);

}  // namespace dd
