#include "ui/contacts_parts.h"

#include "core/format.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "ui/deal_page.h"
#include "ui/deal_page_parts.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/widgets.h"

#include <algorithm>
#include <cctype>

namespace dd::ui {


bool matches_filter(const std::string& text, const char* filter) {
    if (!filter[0]) return true;
    auto lower = [](std::string s) {
        for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
        return s;
    };
    return lower(text).find(lower(filter)) != std::string::npos;
}

bool draw_record_header(ViewContext& ctx, const char* back_label, const char* icon, const std::string& name,
                        const std::string& subtitle) {
    const Palette& p = ctx.palette;
    const bool back = styled_button(back_label, icons::kArrowLeft, ButtonKind::Ghost, p);
    ImGui::Dummy(ImVec2(0, space::xs));
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float r = 24.0f;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddCircleFilled(ImVec2(pos.x + r, pos.y + r), r, p.accent_soft, 32);
    const ImVec2 is = ImGui::CalcTextSize(icon);
    dl->AddText(ImVec2(IM_ROUND(pos.x + r - is.x * 0.5f), IM_ROUND(pos.y + r - is.y * 0.5f)), p.accent, icon);
    ImGui::Dummy(ImVec2(2 * r, 2 * r));
    ImGui::SameLine(0, space::md);
    ImGui::BeginGroup();
    text_item(name.c_str(), ctx.ui.fonts.heading, p.text);
    if (!subtitle.empty()) text_item(subtitle.c_str(), nullptr, p.text_muted);
    ImGui::EndGroup();
    return back;
}

void draw_deal_summary_and_table(ViewContext& ctx, const std::vector<Id>& ids, float width) {
    const Store& store = ctx.store;
    const Palette& p = ctx.palette;
    const std::string& locale = store.settings().locale;
    std::vector<const Deal*> deals;
    for (Id id : ids)
        if (const Deal* d = store.find_deal(id)) deals.push_back(d);
    std::stable_sort(deals.begin(), deals.end(), [](const Deal* a, const Deal* b) {
        const bool ao = a->status == DealStatus::Open, bo = b->status == DealStatus::Open;
        if (ao != bo) return ao;
        return a->meta.created_at > b->meta.created_at;
    });
    size_t open = 0, closed = 0;
    Money won = 0;
    for (const Deal* d : deals) {
        if (d->status == DealStatus::Open) ++open;
        else ++closed;
        if (d->status == DealStatus::Won) won += store.to_base(d->value, d->currency);
    }
    // Three figures side by side.
    const struct { const char* label; std::string value; } figures[] = {
        {"Open deals", format_integer(int64_t(open), locale)},
        {"Closed deals", format_integer(int64_t(closed), locale)},
        {"Won total", format_money(won, store.settings().base_currency, locale, true)},
    };
    const float fw = std::min(200.0f, (width - 2 * space::sm) / 3.0f);
    for (int i = 0; i < 3; ++i) {
        if (i) ImGui::SameLine(0, space::sm);
        const ImVec2 min = ImGui::GetCursorScreenPos();
        const ImVec2 max(min.x + fw, min.y + 60.0f);
        draw_card(ImGui::GetWindowDrawList(), min, max, p);
        ImGui::GetWindowDrawList()->AddText(ImVec2(min.x + 14, min.y + 10), p.text_muted, figures[i].label);
        ImGui::SetCursorScreenPos(ImVec2(min.x + 14, min.y + 30));
        const std::string name = std::string(figures[i].label) + ": " + figures[i].value;
        text_item(figures[i].value.c_str(), ctx.ui.fonts.strong, p.text);
        name_last_item(name.c_str());
        ImGui::SetCursorScreenPos(ImVec2(max.x, min.y));
        ImGui::Dummy(ImVec2(0, 60.0f));
    }
    ImGui::Dummy(ImVec2(0, space::md));
    if (deals.empty()) {
        text_item("No deals yet.", nullptr, p.text_muted);
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_PadOuterX;
    if (!ImGui::BeginTable("deals", 5, flags, ImVec2(width, 0))) return;
    ImGui::TableSetupColumn("Deal", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn("Stage", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("Status", ImGuiTableColumnFlags_WidthFixed, 90.0f);
    ImGui::TableSetupColumn("Value", ImGuiTableColumnFlags_WidthFixed, 120.0f);
    ImGui::TableSetupColumn("Expected close", ImGuiTableColumnFlags_WidthFixed, 120.0f);
    ImGui::TableHeadersRow();
    for (const Deal* d : deals) {
        push_id(d->meta.id);
        ImGui::TableNextRow(0, 30.0f);
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        if (ImGui::Selectable(d->title.c_str(), false, ImGuiSelectableFlags_SpanAllColumns)) open_deal(ctx.ui, d->meta.id);
        name_last_item(("Open deal " + d->title).c_str());
        ImGui::TableNextColumn();
        const Stage* s = store.find_stage(d->stage);
        ImGui::TextUnformatted(s ? s->name.c_str() : "-");
        ImGui::TableNextColumn();
        const ImU32 tone = d->status == DealStatus::Won ? p.success : d->status == DealStatus::Lost ? p.danger
                           : d->status == DealStatus::Abandoned ? p.warning : p.text_muted;
        ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(tone));
        ImGui::TextUnformatted(status_label(d->status));
        ImGui::PopStyleColor();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(format_money(d->value, d->currency, locale).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(d->expected_close == kNoDay ? "-" : format_day(d->expected_close, locale).c_str());
        ImGui::PopID();
    }
    ImGui::EndTable();
}

}  // namespace dd::ui
