#include "ui/date_picker.h"

#include "core/format.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/widgets.h"

#include <cstdio>

namespace dd::ui {
namespace {

const char* const kMonthNames[] = {"January", "February", "March", "April", "May", "June", "July",
                                   "August", "September", "October", "November", "December"};

int days_in_month(int y, int m) {
    const int next_y = m == 12 ? y + 1 : y, next_m = m == 12 ? 1 : m + 1;
    return day_from_civil(next_y, next_m, 1) - day_from_civil(y, m, 1);
}

// 0 = Monday ... 6 = Sunday (1970-01-01 was a Thursday).
int weekday_monday0(Day d) { return int(((int64_t(d) % 7) + 7 + 3) % 7); }

}  // namespace

bool month_grid(Day& day, int& year, int& month, Day today, const Palette& p) {
    bool picked = false;
    if (icon_button(icons::kChevronLeft, "Previous month", p, true, "Previous month")) {
        if (--month < 1) month = 12, --year;
    }
    ImGui::SameLine();
    char title[32];
    std::snprintf(title, sizeof title, "%s %d", kMonthNames[month - 1], year);
    const float grid_w = 7 * 34.0f;
    const float tw = ImGui::CalcTextSize(title).x;
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (grid_w - 2 * ImGui::GetFrameHeight() - tw) * 0.5f - ImGui::GetStyle().ItemSpacing.x);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(title);
    ImGui::SameLine(grid_w - ImGui::GetFrameHeight() + ImGui::GetStyle().WindowPadding.x);
    if (icon_button(icons::kChevronRight, "Next month", p, true, "Next month")) {
        if (++month > 12) month = 1, ++year;
    }
    const char* const heads[] = {"Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"};
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 2));
    for (int i = 0; i < 7; ++i) {
        if (i) ImGui::SameLine(0, 0);
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        const float w = ImGui::CalcTextSize(heads[i]).x;
        ImGui::GetWindowDrawList()->AddText(ImVec2(IM_ROUND(pos.x + (34.0f - w) * 0.5f), pos.y), p.text_muted, heads[i]);
        ImGui::Dummy(ImVec2(34.0f, ImGui::GetTextLineHeight()));
    }
    const Day first = day_from_civil(year, month, 1);
    const int lead = weekday_monday0(first), count = days_in_month(year, month);
    for (int cell = 0; cell < 42; ++cell) {
        const int dom = cell - lead + 1;
        if (cell % 7) ImGui::SameLine(0, 0);
        if (dom < 1 || dom > count) {
            ImGui::Dummy(ImVec2(34.0f, 30.0f));
            continue;
        }
        const Day d = first + dom - 1;
        char label[16];
        std::snprintf(label, sizeof label, "%d##day", dom);
        const bool selected = d == day;
        ImGui::PushID(int(d));
        ImGui::PushStyleColor(ImGuiCol_Button, to_vec4(selected ? p.accent : 0));
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, to_vec4(selected ? p.accent_hover : p.surface_hover));
        ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(selected ? p.on_accent : (d == today ? p.accent : p.text)));
        if (ImGui::Button(label, ImVec2(34.0f, 30.0f))) {
            day = d;
            picked = true;
        }
        const std::string name = "Day " + day_to_string(d);
        name_last_item(name.c_str());
        ImGui::PopStyleColor(3);
        ImGui::PopID();
    }
    ImGui::PopStyleVar();
    return picked;
}

bool date_field(const char* name, Day& day, Day today, const std::string& locale, const Palette& p, float width) {
    ImGui::PushID(name);
    const std::string shown = day == kNoDay ? std::string("No date") : format_day(day, locale);
    const bool pressed = ImGui::InvisibleButton("##date", ImVec2(width, ImGui::GetFrameHeight()));
    name_last_item(name);
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(min, max, ImGui::IsItemHovered() ? p.surface_hover : p.surface_sunken, kControlRounding);
    dl->AddRect(min, max, p.border, kControlRounding);
    const float pad = ImGui::GetStyle().FramePadding.x;
    dl->AddText(ImVec2(min.x + pad, min.y + ImGui::GetStyle().FramePadding.y), day == kNoDay ? p.text_muted : p.text, shown.c_str());
    ImGuiStorage* storage = ImGui::GetStateStorage();
    const ImGuiID year_key = ImGui::GetID("year"), month_key = ImGui::GetID("month");
    if (pressed) {
        int y = 0, m = 0, d = 0;
        civil_from_day(day == kNoDay ? today : day, y, m, d);
        storage->SetInt(year_key, y);
        storage->SetInt(month_key, m);
        ImGui::OpenPopup("calendar");
    }
    bool changed = false;
    place_popup_below_last_item("calendar");   // above the field when a form puts it near the bottom
    if (ImGui::BeginPopup("calendar")) {
        int y = storage->GetInt(year_key, 2026), m = storage->GetInt(month_key, 1);
        if (month_grid(day, y, m, today, p)) {
            changed = true;
            ImGui::CloseCurrentPopup();
        }
        storage->SetInt(year_key, y);
        storage->SetInt(month_key, m);
        ImGui::Spacing();
        if (styled_button("Today", nullptr, ButtonKind::Secondary, p)) {
            day = today;
            changed = true;
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (styled_button("Clear date", nullptr, ButtonKind::Ghost, p)) {
            day = kNoDay;
            changed = true;
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
    ImGui::PopID();
    return changed;
}

}  // namespace dd::ui
