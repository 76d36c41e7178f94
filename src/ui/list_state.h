// View state of the List view (one member of UiState): filters, sort, columns, selection, open
// dialogs, and the cached query result. Never workspace data: rows are deal ids / row indexes
// into the cached DealTable, rebuilt when the data changes.
#pragma once
#include "core/deal_table.h"
#include "core/query.h"
#include "core/saved_view.h"
#include "core/store.h"
#include "ui/csv_import_state.h"

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

namespace dd::ui {

// A piece of a file the view hands to the platform as a browser download (platform/web/download):
// a big export comes in several parts over several frames; the platform joins the parts of one
// `download` and starts the download with the `last` one. A small file is one part.
struct DownloadPart {
    uint64_t download = 0;
    std::string file_name;
    std::string bytes;
    bool last = true;
};

// "Export CSV" in progress (list_export.h): the slice as it was when the button was clicked,
// written a part per frame so a million rows never freeze the app nor sit in memory as one string.
struct ListExportJob {
    uint64_t download = 0;             // 0 = no export running
    std::string file_name;
    std::vector<Id> deals;             // the rows to write, in order (a deal deleted meanwhile is skipped)
    std::vector<ColumnLayout> columns; // the visible columns, in order
    size_t written = 0;                // deals done so far
    bool bom = true;
    bool busy() const { return download != 0; }
};

// The filter popup's text fields (parsed into ListState::filters each frame they change).
struct ListFilterInputs {
    char value_min[24] = {};      // in the base currency, as the locale writes it ("1,500.50")
    char value_max[24] = {};
    char close_from[11] = {};     // YYYY-MM-DD
    char close_to[11] = {};
    char created_from[11] = {};
    char created_to[11] = {};
    std::vector<std::string> custom_text;   // per custom field (workspace order): text or option
    std::vector<std::string> errors;        // fields that did not parse, shown under them ("Close from: ...")
};

struct ListState {
    // ---- what is shown --------------------------------------------------------------------------
    DealQuery filters;                 // the filter bar (the top bar's search text is added on top)
    std::vector<SortKey> sort;         // from the table's sort specs (Shift-click adds keys)
    TableLayout layout;                // column order, widths, visibility (read back from the table)
    TableLayout declared;              // the layout the ImGui table was created from (its column indexes)
    TableLayout prefs_layout;          // the layout last saved to (or restored from) the device prefs (list_prefs.h)
    int table_generation = 0;          // part of the table's ImGui id: +1 re-creates it from `layout`
    bool sort_pending = false;         // push `sort` into the table's sort specs (a saved view was chosen)
    ListFilterInputs filter_inputs;

    // ---- saved views (workspace records in the store; list_saved_views.h) ------------------------
    Id active_view = kNoId;            // the view last chosen or saved (kNoId: none, "All deals")
    // The device prefs' memory of the view chosen in each workspace (list_prefs.h), newest first.
    std::vector<Id> remembered_views;
    std::vector<Id> prefs_views;       // as last saved to (or restored from) the prefs
    bool view_restore_pending = false; // restored from the prefs, not yet applied to a loaded workspace
    char new_view_name[64] = {};       // the "Save view" / "Save as new" name field
    bool new_view_shared = false;      // its "Only me" / "Shared" choice (private unless chosen)
    Id renaming_view = kNoId;          // the view whose name field shows in the views menu
    char rename_view_name[64] = {};
    std::string view_error;            // why the last save or rename was refused, shown by its field

    // ---- selection ------------------------------------------------------------------------------
    std::unordered_set<Id> selected;   // deal ids
    Id anchor = kNoId;                 // the last plainly clicked or ctrl-clicked row (Shift ranges)
    bool confirm_delete = false;
    // Bulk "Set status: Lost": the reason is asked once for the whole selection.
    bool ask_bulk_lost = false;
    Id bulk_lost_reason = kNoId;
    char bulk_lost_text[160] = {};
    Id log_activity_deal = kNoId;      // the deal the "log activity" popup is for
    char activity_subject[128] = {};

    // ---- cache (rebuilt when data, filters, sort or search change) --------------------------------
    std::shared_ptr<DealTable> table;  // indexes over the store, kept up to date from ChangeSets
    uint64_t table_data_version = ~0ull;
    std::vector<ChangeSet> table_changes;   // applied to the store since table_data_version (note_list_changes)
    uint64_t table_changes_to = ~0ull;      // the data_version they bring the table to
    std::vector<uint32_t> rows;        // the current slice: DealTable row numbers in display order
    std::string rows_key;              // what `rows` was computed for (filters+sort+search)
    Money selected_total = 0;          // base currency, of the selected deals
    size_t selected_total_count = ~size_t(0);
    bool selection_dirty = true;       // the selection changed: recompute its total

    // ---- files ---------------------------------------------------------------------------------
    std::vector<DownloadPart> downloads;      // taken by the platform after the frame
    ListExportJob export_job;
    uint64_t exports_started = 0;             // numbers the downloads
    bool pick_import_file = false;            // the platform opens a file picker after the frame
    CsvImportState import;                    // the import dialog (csv_import.h)
    bool export_bom = true;                   // a UTF-8 BOM first, for Excel (the export options)
};

}  // namespace dd::ui
