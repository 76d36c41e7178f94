#include "ui/list_view.h"

#include "core/csv_deal_export.h"
#include "core/store.h"
#include "imgui.h"
#include "ui/item_registry.h"
#include "ui/csv_import.h"
#include "ui/icons.h"
#include "ui/list_bulk.h"
#include "ui/list_export.h"
#include "ui/list_filters.h"
#include "ui/list_row_actions.h"
#include "ui/list_rows.h"
#include "ui/list_saved_views.h"
#include "ui/list_table.h"
#include "ui/widgets.h"

#include <string>

namespace dd::ui {
namespace {

std::string grouped(size_t n) {
    std::string s = std::to_string(n), out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (i > 0 && (s.size() - i) % 3 == 0) out += ',';
        out += s[i];
    }
    return out;
}

// "1,204 deals · 3 selected · 45,000 USD": always shown above the table.
void draw_counts(ViewContext& ctx) {
    const ListState& ls = ctx.ui.list;
    const size_t n = ls.rows.size();
    std::string text = grouped(n) + (n == 1 ? " deal" : " deals");
    text_item(text.c_str(), ctx.ui.fonts.strong, ctx.palette.text);
    ImGui::SameLine();
    const Currency base = ctx.store.settings().base_currency;
    std::string sel = ls.selected.empty() ? std::string("No deals selected")
                                          : grouped(ls.selected.size()) + " selected, worth " +
                                                decimal_amount(ls.selected_total, base) + " " + std::string(base.view());
    text_item(sel.c_str(), nullptr, ctx.palette.text_muted);
}

// In place of the Export button while a big export is written: how far it is.
void draw_export_progress(ViewContext& ctx, float right) {
    const ListExportJob& job = ctx.ui.list.export_job;
    const std::string text = "Exporting " + grouped(job.written) + " of " + grouped(job.deals.size()) + " rows";
    ImGui::SameLine(right - 440.0f);
    text_item(text.c_str(), nullptr, ctx.palette.text_muted);
    ImGui::SameLine(right - 250.0f);
    const float done = job.deals.empty() ? 1.0f : float(double(job.written) / double(job.deals.size()));
    ImGui::ProgressBar(done, ImVec2(112.0f, ImGui::GetFrameHeight()), "");
}

// The export's one choice: a byte-order mark first, so Excel reads the file as UTF-8 (its default
// otherwise is the system's code page, which garbles names like "Müller"); other tools are fine
// either way, and some (older scripts, `cut`) trip over it, hence a choice.
void draw_export_options(ViewContext& ctx) {
    ListState& ls = ctx.ui.list;
    if (icon_button(icons::kCaretDown, "Export options", ctx.palette, true, "Export options"))
        ImGui::OpenPopup("export-options");
    place_popup_below_last_item("export-options", /*right_aligned=*/true);
    if (!ImGui::BeginPopup("export-options")) return;
    ImGui::Checkbox("For Excel (UTF-8 with a byte-order mark)", &ls.export_bom);
    name_last_item("Export for Excel");
    ImGui::EndPopup();
}

// While the table takes a huge change set a part per frame (a CSV import of a million rows, its
// undo): how far it is, in place of the toolbar and rows (both read the table, half-way now).
void draw_list_catching_up(ViewContext& ctx) {
    const auto [done, total] = list_rows_progress(ctx.ui.list);
    text_item("Updating the list...", nullptr, ctx.palette.text);
    const std::string figure = "Updated " + grouped(done) + " of " + grouped(total) + " changed records";
    text_item(figure.c_str(), nullptr, ctx.palette.text_muted);
    ImGui::ProgressBar(total ? float(double(done) / double(total)) : 1.0f, ImVec2(560, 0), "");
}

}  // namespace

void draw_list_view(ViewContext& ctx) {
    ListState& ls = ctx.ui.list;
    const Palette& p = ctx.palette;
    refresh_list_rows(ls, ctx.store, ctx.ui.data_version, ctx.ui.search);
    if (list_rows_pending(ls, ctx.ui.data_version)) {
        draw_list_catching_up(ctx);
        return;
    }

    // Toolbar: filters, saved views; export and import on the right.
    draw_list_filters_button(ctx);
    ImGui::SameLine();
    draw_list_saved_views(ctx);
    const float right = ImGui::GetWindowContentRegionMax().x;
    if (ls.export_job.busy()) {
        draw_export_progress(ctx, right);
    } else {
        ImGui::SameLine(right - 250.0f - ImGui::GetFrameHeight() - 2.0f);
        if (styled_button("Export CSV", nullptr, ButtonKind::Secondary, p)) list_start_export(ls, Day(ctx.now / 86'400'000));
        ImGui::SameLine(0.0f, 2.0f);
        draw_export_options(ctx);
    }
    ImGui::SameLine();
    if (styled_button("Import CSV", nullptr, ButtonKind::Secondary, p)) ls.pick_import_file = true;

    // The counts line is drawn after the table: a click in the table (selection, sort) changes
    // them in the same frame, and the app draws only on input (no second frame to catch up).
    ImGui::Spacing();
    const ImVec2 counts_pos = ImGui::GetCursorPos();
    ImGui::Dummy(ImVec2(1.0f, ImGui::GetFrameHeight()));
    ImGui::Spacing();
    const float height = ImGui::GetContentRegionAvail().y;
    draw_list_table(ctx, height);
    const ImVec2 after_table = ImGui::GetCursorPos();
    ImGui::SetCursorPos(ImVec2(counts_pos.x, counts_pos.y + 4.0f));
    draw_counts(ctx);
    if (!ls.selected.empty()) {
        ImGui::SameLine();
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + 16.0f);
        ImGui::SetCursorPosY(counts_pos.y);
        draw_list_bulk_bar(ctx);
    }
    ImGui::SetCursorPos(after_table);
    draw_list_delete_confirm(ctx);
    draw_list_bulk_lost_dialog(ctx);
    draw_csv_import(ctx);
    draw_row_dialogs(ctx);
}

}  // namespace dd::ui
