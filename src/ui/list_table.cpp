#include "ui/list_table.h"

#include "core/csv_deal_export.h"
#include "imgui_internal.h"
#include "ui/deal_page.h"
#include "ui/item_registry.h"
#include "ui/list_prefs.h"
#include "ui/list_row_actions.h"
#include "ui/list_rows.h"
#include "ui/list_selection.h"
#include "ui/widgets.h"

#include <cstdio>
#include <string>

namespace dd::ui {
namespace {

constexpr float kRowHeight = 32.0f;

float default_width(DealColumn c) {
    switch (c) {
    case DealColumn::Title: return 240.0f;
    case DealColumn::Value: return 120.0f;
    case DealColumn::Currency: case DealColumn::Probability: return 80.0f;
    case DealColumn::Status: return 96.0f;
    case DealColumn::Contact: case DealColumn::Company: case DealColumn::Stage: return 150.0f;
    default: return 120.0f;
    }
}

const char* month_name(int m) {
    static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    return kMonths[(m - 1) % 12];
}

std::string day_text(Day day) {
    if (day == kNoDay) return std::string();
    int y = 0, m = 0, d = 0;
    civil_from_day(day, y, m, d);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%s %d, %d", month_name(m), d, y);
    return buf;
}

Day day_of(Millis t) { return Day(t >= 0 ? t / 86'400'000 : (t - 86'399'999) / 86'400'000); }

std::string money_display(Money v, Currency c) {
    std::string plain = decimal_amount(v, c);   // "12345.50"
    const size_t dot = plain.find('.');
    std::string whole = plain.substr(0, dot), grouped;
    for (size_t i = 0; i < whole.size(); ++i) {
        if (i > 0 && (whole.size() - i) % 3 == 0) grouped += ',';
        grouped += whole[i];
    }
    if (dot != std::string::npos && plain.substr(dot + 1).find_first_not_of('0') != std::string::npos) grouped += plain.substr(dot);
    return grouped + ' ' + std::string(c.view());
}

// What a cell shows: the CSV's plain text, with dates and amounts made friendlier.
std::string display_text(const Store& store, const Deal& d, const ColumnLayout& col) {
    switch (col.column) {
    case DealColumn::Value: return money_display(d.value, d.currency);
    case DealColumn::Probability: return std::to_string(store.effective_probability(d)) + "%";
    case DealColumn::ExpectedClose: return day_text(d.expected_close);
    case DealColumn::Created: return day_text(day_of(d.meta.created_at));
    case DealColumn::Updated: return day_text(day_of(d.meta.updated_at));
    case DealColumn::LastActivity: return d.last_activity_at ? day_text(day_of(d.last_activity_at)) : std::string();
    default: return deal_cell_text(store, d, col.column, col.custom_field);
    }
}

ImU32 status_color(DealStatus s, const Palette& p) {
    switch (s) {
    case DealStatus::Open: return p.accent;
    case DealStatus::Won: return p.success;
    case DealStatus::Lost: return p.danger;
    case DealStatus::Abandoned: return p.text_muted;
    }
    return p.text_muted;
}

ImU32 with_alpha(ImU32 c, int alpha) { return (c & 0x00ffffffu) | (ImU32(alpha) << 24); }

// Text vertically centred in the row, optionally right-aligned, clipped to the cell.
void cell_text(const std::string& text, bool right, ImU32 color) {
    const float avail = ImGui::GetContentRegionAvail().x;
    const ImVec2 size = ImGui::CalcTextSize(text.c_str());
    ImVec2 pos = ImGui::GetCursorScreenPos();
    pos.y += (kRowHeight - size.y) * 0.5f;
    if (right && size.x < avail) pos.x += avail - size.x;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec4 clip(pos.x, pos.y - 8, pos.x + avail, pos.y + size.y + 8);
    dl->AddText(nullptr, 0.0f, pos, color, text.c_str(), nullptr, 0.0f, &clip);
}

void status_pill(DealStatus s, const Palette& p) {
    const char* text = to_string(s);
    char label[16];
    std::snprintf(label, sizeof label, "%c%s", text[0] - 32, text + 1);
    const ImVec2 size = ImGui::CalcTextSize(label);
    ImVec2 min = ImGui::GetCursorScreenPos();
    min.y += (kRowHeight - size.y - 6.0f) * 0.5f;
    const ImVec2 max(min.x + size.x + 16.0f, min.y + size.y + 6.0f);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImU32 c = status_color(s, p);
    dl->AddRectFilled(min, max, with_alpha(c, 36), (max.y - min.y) * 0.5f);
    dl->AddText(ImVec2(min.x + 8.0f, min.y + 3.0f), c, label);
}

// The ImGui table's column index -> the declared layout; ImGui keeps order/width/visibility itself.
void read_layout_back(ListState& ls, ImGuiTable* table) {
    if (!table || table->ColumnsCount != int(ls.declared.columns.size())) return;
    TableLayout now;
    now.columns.resize(ls.declared.columns.size());
    for (int i = 0; i < table->ColumnsCount; ++i) {
        const ImGuiTableColumn& c = table->Columns[i];
        ColumnLayout col = ls.declared.columns[size_t(i)];
        col.visible = c.IsUserEnabled;
        if (c.WidthRequest > 0) col.width = c.WidthRequest;
        const int order = c.DisplayOrder >= 0 ? c.DisplayOrder : i;
        now.columns[size_t(order)] = col;
    }
    ls.layout = std::move(now);
}

void read_sort_back(ListState& ls) {
    ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs();
    if (!specs) return;
    if (ls.sort_pending) {
        // A saved view chose the sort: tell the table (its arrows) instead of reading it.
        for (size_t k = 0; k < ls.sort.size(); ++k) {
            for (size_t i = 0; i < ls.declared.columns.size(); ++i) {
                const ColumnLayout& c = ls.declared.columns[i];
                if (c.column == ls.sort[k].column && c.custom_field == ls.sort[k].custom_field)
                    ImGui::TableSetColumnSortDirection(int(i), ls.sort[k].descending ? ImGuiSortDirection_Descending
                                                                                      : ImGuiSortDirection_Ascending, k > 0);
            }
        }
        if (ls.sort.empty()) specs->SpecsDirty = false;
        ls.sort_pending = false;
        return;
    }
    if (!specs->SpecsDirty) return;
    ls.sort.clear();
    for (int i = 0; i < specs->SpecsCount; ++i) {
        const ImGuiTableColumnSortSpecs& s = specs->Specs[i];
        if (s.ColumnIndex < 0 || size_t(s.ColumnIndex) >= ls.declared.columns.size()) continue;
        const ColumnLayout& c = ls.declared.columns[size_t(s.ColumnIndex)];
        ls.sort.push_back(SortKey{c.column, c.custom_field, s.SortDirection == ImGuiSortDirection_Descending});
    }
    specs->SpecsDirty = false;
}

}  // namespace

void draw_list_table(ViewContext& ctx, float height) {
    ListState& ls = ctx.ui.list;
    const Store& store = ctx.store;
    const Palette& p = ctx.palette;
    if (ls.declared.columns.empty()) {
        // A layout restored from the device prefs or a saved view, fitted to this workspace's columns.
        const TableLayout defaults = default_table_layout(store.workspace().custom_fields);
        ls.declared = ls.layout.columns.empty() ? defaults : fit_layout(ls.layout, defaults);
        ls.layout = ls.declared;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_Resizable | ImGuiTableFlags_Reorderable | ImGuiTableFlags_Hideable |
                                  ImGuiTableFlags_Sortable | ImGuiTableFlags_SortMulti | ImGuiTableFlags_SortTristate |
                                  ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_BordersOuter | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_RowBg;
    const int columns = int(ls.declared.columns.size());
    ImGui::PushID(ls.table_generation);
    ImGui::PushStyleColor(ImGuiCol_TableRowBg, 0);
    ImGui::PushStyleColor(ImGuiCol_TableRowBgAlt, with_alpha(p.surface_sunken, 110));
    ImGui::PushStyleColor(ImGuiCol_TableBorderLight, p.border);
    ImGui::PushStyleColor(ImGuiCol_TableBorderStrong, p.border);
    ImGui::PushStyleColor(ImGuiCol_TableHeaderBg, p.surface);
    ImGui::PushStyleColor(ImGuiCol_Header, p.accent_soft);
    ImGui::PushStyleColor(ImGuiCol_HeaderHovered, p.surface_hover);
    ImGui::PushStyleColor(ImGuiCol_HeaderActive, p.accent_soft);
    ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(12.0f, 0.0f));
    const bool open = ImGui::BeginTable("deals", columns, flags, ImVec2(0, height));
    ImGui::PopStyleVar();
    if (!open) {
        ImGui::PopStyleColor(8);
        ImGui::PopID();
        return;
    }
    for (int i = 0; i < columns; ++i) {
        const ColumnLayout& c = ls.declared.columns[size_t(i)];
        ImGuiTableColumnFlags cf = c.visible ? 0 : ImGuiTableColumnFlags_DefaultHide;
        if (c.column == DealColumn::Title) cf |= ImGuiTableColumnFlags_NoHide;
        if (deal_column_is_numeric(store, c.column, c.custom_field)) cf |= ImGuiTableColumnFlags_PreferSortDescending;
        const std::string name = deal_column_title(store, c.column, c.custom_field);
        ImGui::TableSetupColumn(name.c_str(), cf | ImGuiTableColumnFlags_WidthFixed,
                                c.width > 0 ? c.width : default_width(c.column), ImGuiID(i));
    }
    ImGui::TableSetupScrollFreeze(1, 1);   // the header and the title column stay put
    read_sort_back(ls);
    // A header click changed the sort: show the new order in this very frame.
    refresh_list_rows(ls, store, ctx.ui.data_version, ctx.ui.search);

    // Header row: TableHeader per column, named for the item registry ("Value" is what tests click).
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers, 36.0f);
    for (int i = 0; i < columns; ++i) {
        if (!ImGui::TableSetColumnIndex(i)) continue;
        const char* name = ImGui::TableGetColumnName(i);
        ImGui::PushStyleColor(ImGuiCol_Text, p.text_muted);
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 9.0f);
        ImGui::TableHeader(name);
        ImGui::PopStyleColor();
        name_last_item(name);
    }

    ImGui::PushStyleVar(ImGuiStyleVar_SelectableTextAlign, ImVec2(0.0f, 0.5f));
    ImGuiListClipper clipper;
    clipper.Begin(int(ls.rows.size()), kRowHeight);
    while (clipper.Step()) {
        for (int pos = clipper.DisplayStart; pos < clipper.DisplayEnd; ++pos) {
            const Deal& d = ls.table->deal(ls.rows[size_t(pos)]);
            ImGui::TableNextRow(0, kRowHeight);
            push_id(d.meta.id);
            const bool selected = ls.selected.count(d.meta.id) > 0;
            for (int i = 0; i < columns; ++i) {
                if (!ImGui::TableSetColumnIndex(i)) continue;
                const ColumnLayout& c = ls.declared.columns[size_t(i)];
                if (c.column == DealColumn::Title) {
                    std::string label = d.title + "##" + id_to_string(d.meta.id);
                    ImGui::PushStyleColor(ImGuiCol_Text, p.text);
                    if (ImGui::Selectable(label.c_str(), selected,
                                          ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap,
                                          ImVec2(0, kRowHeight))) {
                        const ImGuiIO& io = ImGui::GetIO();
                        list_click_row(ls, size_t(pos), io.KeyCtrl || io.KeySuper, io.KeyShift);
                    }
                    ImGui::PopStyleColor();
                    if (ImGui::IsItemHovered() && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) open_deal(ctx.ui, d.meta.id);
                    draw_row_context_menu(ctx, d);
                    continue;
                }
                if (c.column == DealColumn::Status) { status_pill(d.status, p); continue; }
                if (c.column == DealColumn::Stage) {
                    const Stage* st = store.find_stage(d.stage);
                    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 5.0f);
                    if (st) chip(st->name.c_str(), 0xff000000u | ((st->color & 0xff) << 16) | (st->color & 0xff00) | ((st->color >> 16) & 0xff), p);
                    continue;
                }
                const bool numeric = deal_column_is_numeric(store, c.column, c.custom_field);
                cell_text(display_text(store, d, c), numeric, c.column == DealColumn::Value ? p.text : p.text_muted);
            }
            ImGui::PopID();
        }
    }
    ImGui::PopStyleVar();
    read_layout_back(ls, ImGui::GetCurrentTable());
    ImGui::EndTable();
    ImGui::PopStyleColor(8);
    ImGui::PopID();
}

}  // namespace dd::ui
