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
#include <cstdio>

namespace dd::ui {

void copy_text(char* dst, size_t n, const std::string& s) { std::snprintf(dst, n, "%s", s.c_str()); }

bool record_checked(ViewContext& ctx, Command cmd, std::string& error) {
    const Status st = ctx.store.check(cmd, CommandContext{ctx.store.settings().current_user, ctx.now});
    if (!st.ok()) {
        error = st.error().text();
        return false;
    }
    error.clear();
    ctx.intents.commands.push_back(std::move(cmd));
    return true;
}

RowAction inline_editor_row(ViewContext& ctx, float width, const char* submit, const char* cancel_id,
                            void (*editors)(ViewContext&, float)) {
    const Palette& p = ctx.palette;
    editors(ctx, width);
    ImGui::SameLine(0, space::sm);
    RowAction action = RowAction::None;
    if (styled_button(submit, nullptr, ButtonKind::Primary, p, ImVec2(80, 0))) action = RowAction::Submit;
    ImGui::SameLine(0, space::xs);
    if (styled_button(cancel_id, nullptr, ButtonKind::Ghost, p, ImVec2(80, 0))) action = RowAction::Cancel;
    ImGui::Dummy(ImVec2(0, space::sm));
    return action;
}

RowAction page_header_with_add_row(ViewContext& ctx, const AddRowPage& page, char* filter, size_t filter_size,
                                   bool& adding, std::string& error, bool editable,
                                   const std::function<void()>& clear_fields) {
    const Palette& p = ctx.palette;
    const float width = ImGui::GetContentRegionAvail().x;
    text_item(page.heading, ctx.ui.fonts.heading, p.text);
    ImGui::SameLine(0, space::md);
    ImGui::SetNextItemWidth(260.0f);
    ImGui::InputTextWithHint("##filter", page.filter_hint, filter, filter_size);
    name_last_item(page.filter_name);
    ImGui::SameLine(width - page.new_width);
    ImGui::BeginDisabled(!editable);
    if (styled_button(page.new_label, icons::kPlus, ButtonKind::Primary, p, ImVec2(page.new_width, 0))) {
        adding = true;
        clear_fields();
        error.clear();
    }
    ImGui::EndDisabled();
    ImGui::Dummy(ImVec2(0, space::sm));
    if (!adding || !editable) return RowAction::None;
    const RowAction action = inline_editor_row(ctx, width - 200.0f, "Add", "Cancel##add", page.editors);
    if (action == RowAction::Cancel) adding = false;
    return action;
}

bool confirm_delete_dialog(ViewContext& ctx, const char* title, bool& request, const char* confirm,
                           const std::function<void(float wrap)>& body) {
    const Palette& p = ctx.palette;
    if (request) {
        request = false;
        ImGui::OpenPopup(title);
    }
    bool confirmed = false;
    if (begin_dialog(title, ctx.ui.width, ctx.ui.height * 0.2f, 480.0f)) {
        const float wrap = ImGui::GetContentRegionAvail().x;
        text_item(title, ctx.ui.fonts.heading, p.text, wrap);
        body(wrap);
        ImGui::Spacing();
        text_item("You can undo this right after.", nullptr, p.text_muted, wrap);
        ImGui::Dummy(ImVec2(0, space::sm));
        const bool cancel = styled_button("Cancel", nullptr, ButtonKind::Secondary, p) ||
                            ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape));
        ImGui::SameLine(0, space::sm);
        if (styled_button(confirm, icons::kTrash, ButtonKind::Primary, p)) {
            confirmed = true;
            ImGui::CloseCurrentPopup();
        } else if (cancel) {
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
    return confirmed;
}

void bullet_list(ViewContext& ctx, const char* heading, const std::vector<NamedRecord>& records, float wrap) {
    if (records.empty()) return;
    ImGui::Spacing();
    text_item(heading, ctx.ui.fonts.strong, ctx.palette.text, wrap);
    // A long list would push the buttons off the screen: the first ones, then how many more.
    constexpr size_t kShown = 8;
    for (size_t i = 0; i < records.size() && i < kShown; ++i) {
        push_id(records[i].id);
        text_item(("\xe2\x80\xa2 " + records[i].name).c_str(), nullptr, ctx.palette.text_muted, wrap);
        ImGui::PopID();
    }
    if (records.size() > kShown)
        text_item(("and " + std::to_string(records.size() - kShown) + " more").c_str(), nullptr, ctx.palette.text_muted, wrap);
}

std::vector<NamedRecord> deal_titles(const Store& store, const std::vector<Id>& deals) {
    std::vector<NamedRecord> out;
    for (Id id : deals)
        if (const Deal* d = store.find_deal(id)) out.push_back({id, d->title});
    return out;
}

std::vector<NamedRecord> contact_names(const Store& store, const std::vector<Id>& contacts) {
    std::vector<NamedRecord> out;
    for (Id id : contacts)
        if (const Contact* c = store.find_contact(id)) out.push_back({id, c->name});
    return out;
}

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
