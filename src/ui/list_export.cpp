#include "ui/list_export.h"

#include "core/csv_deal_export.h"
#include "core/store.h"

#include <chrono>

namespace dd::ui {
namespace {

// Rows written between two looks at the clock (a row takes microseconds).
constexpr size_t kRowsPerCheck = 512;

}  // namespace

void list_start_export(ListState& ls, Day today) {
    if (ls.export_job.busy() || !ls.table) return;
    ListExportJob job;
    job.download = ++ls.exports_started;
    job.file_name = "deals-" + day_to_string(today) + ".csv";
    for (const ColumnLayout& c : ls.layout.columns)
        if (c.visible) job.columns.push_back(c);
    job.deals.reserve(ls.rows.size());
    for (uint32_t row : ls.rows) job.deals.push_back(ls.table->deal(row).meta.id);
    job.bom = ls.export_bom;
    ls.export_job = std::move(job);   // app_frame writes the first part after this frame's draw
}

void list_export_step(ListState& ls, const Store& store, double budget_ms) {
    ListExportJob& job = ls.export_job;
    if (!job.busy()) return;
    const auto start = std::chrono::steady_clock::now();
    const DealCsvColumns columns = deal_csv_columns(store, job.columns);
    DownloadPart part;
    part.download = job.download;
    part.file_name = job.file_name;
    if (job.written == 0) write_deals_csv_header(part.bytes, store, columns, job.bom);
    while (job.written < job.deals.size()) {
        const size_t end = std::min(job.deals.size(), job.written + kRowsPerCheck);
        for (; job.written < end; ++job.written)
            if (const Deal* d = store.find_deal(job.deals[job.written])) write_deal_csv_row(part.bytes, store, *d, columns);
        const std::chrono::duration<double, std::milli> spent = std::chrono::steady_clock::now() - start;
        if (spent.count() >= budget_ms) break;
    }
    part.last = job.written == job.deals.size();
    ls.downloads.push_back(std::move(part));
    if (ls.downloads.back().last) job = ListExportJob{};
}

}  // namespace dd::ui
