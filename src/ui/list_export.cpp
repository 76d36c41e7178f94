#include "ui/list_export.h"

#include "core/csv_deal_export.h"

namespace dd::ui {

DownloadRequest list_export_csv(const ListState& ls, const Store& store, Day today) {
    std::vector<ColumnLayout> visible;
    for (const ColumnLayout& c : ls.layout.columns)
        if (c.visible) visible.push_back(c);
    DownloadRequest req;
    req.file_name = "deals-" + day_to_string(today) + ".csv";
    if (ls.table) write_deals_csv(req.bytes, store, ls.table->deals_of(ls.rows), visible, ls.export_bom);
    return req;
}

}  // namespace dd::ui
