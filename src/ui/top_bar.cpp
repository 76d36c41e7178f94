#include "ui/top_bar.h"

#include "imgui.h"
#include "imgui_internal.h"
#include "ui/deal_form.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/team_settings.h"
#include "ui/views.h"
#include "ui/widgets.h"

#include <algorithm>
#include <string>

namespace dd::ui {
namespace {

void draw_logo(const Palette& p, const UiFonts& fonts, bool wordmark) {
    const float side = 28.0f;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 pos = ImGui::GetCursorScreenPos();
    pos.y += (ImGui::GetFrameHeight() - side) * 0.5f;
    dl->AddRectFilled(pos, ImVec2(pos.x + side, pos.y + side), p.accent, 7.0f);
    ImVec2 isz = ImGui::CalcTextSize(icons::kClone);
    dl->AddText(ImVec2(IM_ROUND(pos.x + (side - isz.x) * 0.5f), IM_ROUND(pos.y + (side - isz.y) * 0.5f)), p.on_accent, icons::kClone);
    ImGui::Dummy(ImVec2(side, ImGui::GetFrameHeight()));
    if (!wordmark) return;
    ImGui::SameLine(0, 10.0f);
    if (fonts.heading) ImGui::PushFont(fonts.heading);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Dealdeck");
    if (fonts.heading) ImGui::PopFont();
}

// A button showing the current pipeline; a click opens the list of pipelines below it.
void draw_pipeline_picker(ViewContext& ctx, float width) {
    const Palette& p = ctx.palette;
    const Pipeline* current = ctx.ui.pipeline ? ctx.store.find_pipeline(ctx.ui.pipeline) : nullptr;
    const char* preview = current ? current->name.c_str() : "No pipeline";
    const float h = ImGui::GetFrameHeight();
    bool pressed = ImGui::InvisibleButton("##pipeline", ImVec2(width, h));
    name_last_item("Pipeline");
    bool hovered = ImGui::IsItemHovered();
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(min, max, hovered ? p.surface_hover : p.surface, kControlRounding);
    dl->AddRect(min, max, p.border, kControlRounding);
    const float pad = 12.0f;
    ImVec2 caret = ImGui::CalcTextSize(icons::kCaretDown);
    ImGui::RenderTextClipped(ImVec2(min.x + pad, min.y), ImVec2(max.x - pad - caret.x - 6.0f, max.y), preview, nullptr,
                             nullptr, ImVec2(0.0f, 0.5f));
    dl->AddText(ImVec2(max.x - pad - caret.x, IM_ROUND((min.y + max.y - caret.y) * 0.5f)), p.text_muted, icons::kCaretDown);
    if (pressed) ImGui::OpenPopup("Pipelines");

    ImGui::SetNextWindowSizeConstraints(ImVec2(width, 0), ImVec2(std::max(width, 320.0f), 400.0f));
    place_popup_below_last_item("Pipelines");   // after the constraints: it measures the popup with them
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(space::xs, space::xs));
    if (ImGui::BeginPopup("Pipelines")) {
        // Pipelines are kept in picker order (position) by the store.
        for (const Pipeline& pipeline : ctx.store.workspace().pipelines) {
            push_id(pipeline.meta.id);
            const bool selected = pipeline.meta.id == ctx.ui.pipeline;
            ImGui::PushStyleVar(ImGuiStyleVar_SelectableTextAlign, ImVec2(0.0f, 0.5f));
            if (ImGui::Selectable(pipeline.name.c_str(), selected, 0, ImVec2(0, h))) ctx.ui.pipeline = pipeline.meta.id;
            ImGui::PopStyleVar();
            ImGui::PopID();
        }
        ImGui::EndPopup();
    }
    ImGui::PopStyleVar();
}

void draw_view_switcher(ViewContext& ctx, float segment_w, bool with_icons) {
    const Palette& p = ctx.palette;
    int count = 0;
    for (const ViewInfo* v = views_begin(); v != views_end(); ++v) count += v->in_switcher ? 1 : 0;
    ImVec2 pos = ImGui::GetCursorScreenPos();
    ImVec2 size(segment_w * float(count) + 6.0f, ImGui::GetFrameHeight());
    ImGui::GetWindowDrawList()->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y), p.surface_sunken, kControlRounding);
    ImGui::GetWindowDrawList()->AddRect(pos, ImVec2(pos.x + size.x, pos.y + size.y), p.border, kControlRounding);
    ImGui::SetCursorScreenPos(ImVec2(pos.x + 3.0f, pos.y + 3.0f));
    bool first = true;
    for (const ViewInfo* v = views_begin(); v != views_end(); ++v) {
        if (!v->in_switcher) continue;
        if (!first) ImGui::SameLine(0, 0);
        first = false;
        if (segment_button(v->name, with_icons ? v->icon : nullptr, ctx.ui.view == v->view, segment_w, p))
            ctx.ui.view = v->view;
    }
    ImGui::SetCursorScreenPos(ImVec2(pos.x + size.x, pos.y));
    ImGui::Dummy(ImVec2(0, size.y));
}

void draw_search(ViewContext& ctx, float width) {
    const Palette& p = ctx.palette;
    ImGui::SetNextItemWidth(width);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(34.0f, ImGui::GetStyle().FramePadding.y));
    ImGui::PushStyleColor(ImGuiCol_FrameBg, to_vec4(p.surface_sunken));
    ImGui::InputTextWithHint("##search", "Search deals", ctx.ui.search, sizeof ctx.ui.search);
    ImGui::PopStyleColor();
    ImGui::PopStyleVar();
    name_last_item("Search");
    ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    ImVec2 isz = ImGui::CalcTextSize(icons::kSearch);
    ImGui::GetWindowDrawList()->AddText(ImVec2(min.x + 12.0f, IM_ROUND((min.y + max.y - isz.y) * 0.5f)), p.text_muted, icons::kSearch);
}

std::string tooltip_for(const char* verb, const std::string& label, const char* shortcut) {
    if (label.empty()) return std::string("Nothing to ") + verb;
    std::string t = label;
    t += "   ";
    t += shortcut;
    return t;
}

// Persistence status (set by the platform): "Saved", "Saving...", or an error saying what to do.
// Shown in what room is left between the view switcher and the search; the full text is the
// item's name (bridge, tests) and its tooltip.
void draw_save_status(ViewContext& ctx, float from_x, float to_x) {
    if (ctx.ui.save_status.empty() || to_x - from_x < 40.0f) return;
    ImGui::SameLine(from_x);
    ImGui::AlignTextToFramePadding();
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float room = to_x - from_x;
    ImGui::PushStyleColor(ImGuiCol_Text, ctx.ui.save_error ? ctx.palette.danger : ctx.palette.text_muted);
    ImGui::PushClipRect(pos, ImVec2(pos.x + room, pos.y + ImGui::GetFrameHeight()), true);
    ImGui::TextUnformatted(ctx.ui.save_status.c_str());
    ImGui::PopClipRect();
    ImGui::PopStyleColor();
    const std::string name = "Save status: " + ctx.ui.save_status;
    name_last_item(name.c_str());
    if (ImGui::IsItemHovered() && ImGui::CalcTextSize(ctx.ui.save_status.c_str()).x > room)
        ImGui::SetTooltip("%s", ctx.ui.save_status.c_str());
}

// "New deal" opens the deal form (disabled for viewers: they cannot create anything).
void draw_new_deal_button(ViewContext& ctx, bool wide, float w) {
    const bool editable = can_edit_data(ctx.store);
    if (wide) {
        ImGui::BeginDisabled(!editable);
        if (styled_button("New deal", icons::kPlus, ButtonKind::Primary, ctx.palette, ImVec2(w, 0))) open_deal_form_new(ctx);
        ImGui::EndDisabled();
    } else if (icon_button(icons::kPlus, "New deal", ctx.palette, editable, "New deal")) {
        open_deal_form_new(ctx);
    }
}

// Contacts, companies and the team: pages outside the switcher, one menu away.
void draw_people_menu(ViewContext& ctx) {
    if (icon_button(icons::kAddressBook, "People", ctx.palette, true, "Contacts, companies and team"))
        ImGui::OpenPopup("People menu");
    place_popup_below_last_item("People menu", /*right_aligned=*/true);   // a few buttons from the right edge
    if (ImGui::BeginPopup("People menu")) {
        struct Row { const char* label; const char* icon; View view; };
        const Row rows[] = {{"Contacts", icons::kUser, View::Contacts}, {"Companies", icons::kBuilding, View::Companies},
                            {"Team and permissions", icons::kUsers, View::Team}};
        for (const Row& r : rows) {
            const std::string text = std::string(r.icon) + "   " + r.label;
            if (ImGui::Selectable(text.c_str(), ctx.ui.view == r.view, 0, ImVec2(220.0f, 28.0f))) {
                if (r.view == View::Contacts) ctx.ui.contacts.open = kNoId;
                if (r.view == View::Companies) ctx.ui.companies.open = kNoId;
                ctx.ui.view = r.view;
            }
            name_last_item(r.label);
        }
        ImGui::EndPopup();
    }
}

}  // namespace

void draw_top_bar(ViewContext& ctx, float width) {
    const Palette& p = ctx.palette;
    const UiFonts& fonts = ctx.ui.fonts;
    const bool wide = width >= 1000.0f;
    const bool roomy = width >= 720.0f;
    const float margin = space::md;
    const float gap = space::sm;
    const float button = ImGui::GetFrameHeight();

    // Right group first (it is measured, the left group takes what remains).
    // The sample-data action is the least used: it keeps its label only when everything fits.
    const bool sample_label = width >= 1400.0f;
    const float sample_w = sample_label ? ImGui::CalcTextSize("Load sample data").x + 28.0f + 24.0f : button;
    const float search_w = wide ? 240.0f : roomy ? 150.0f : 100.0f;
    const float new_deal_w = wide ? ImGui::CalcTextSize("New deal").x + 28.0f + 24.0f : button;
    const float badge_w = wide ? space::xs + button : 0.0f;   // who you are: only where it fits
    const float right_w = new_deal_w + gap + search_w + gap + 4 * button + 3 * space::xs + badge_w + gap + sample_w;

    ImGui::SetCursorPos(ImVec2(margin, (kTopBarHeight - button) * 0.5f));
    draw_logo(p, fonts, wide);
    ImGui::SameLine(0, wide ? space::lg : space::md);
    draw_pipeline_picker(ctx, wide ? 200.0f : 140.0f);
    ImGui::SameLine(0, wide ? space::lg : space::md);
    draw_view_switcher(ctx, wide ? 104.0f : roomy ? 78.0f : 64.0f, roomy);

    float left_end = ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x;
    float right_x = std::max(left_end + gap, width - margin - right_w);
    draw_save_status(ctx, left_end + gap, right_x - gap);
    ImGui::SameLine(right_x);
    draw_new_deal_button(ctx, wide, new_deal_w);
    ImGui::SameLine(0, gap);
    draw_search(ctx, search_w);

    ImGui::SameLine(0, gap);
    std::string undo_tip = tooltip_for("undo", ctx.store.undo_label(), "Ctrl+Z");
    if (icon_button(icons::kUndo, "Undo", p, ctx.store.can_undo(), undo_tip.c_str())) ctx.intents.undo = true;
    ImGui::SameLine(0, space::xs);
    std::string redo_tip = tooltip_for("redo", ctx.store.redo_label(), "Ctrl+Shift+Z");
    if (icon_button(icons::kRedo, "Redo", p, ctx.store.can_redo(), redo_tip.c_str())) ctx.intents.redo = true;
    ImGui::SameLine(0, space::xs);
    const bool dark = ctx.ui.theme == ThemeKind::Dark;
    if (icon_button(dark ? icons::kSun : icons::kMoon, "Toggle theme", p, true,
                    dark ? "Switch to the light theme" : "Switch to the dark theme"))
        ctx.ui.theme = dark ? ThemeKind::Light : ThemeKind::Dark;
    ImGui::SameLine(0, space::xs);
    draw_people_menu(ctx);
    if (wide) {
        ImGui::SameLine(0, space::xs);
        draw_current_user_badge(ctx, button);
    }

    ImGui::SameLine(0, gap);
    if (sample_label) {
        if (styled_button("Load sample data", icons::kDatabase, ButtonKind::Secondary, p, ImVec2(sample_w, 0)))
            ctx.intents.load_sample = true;
    } else if (icon_button(icons::kDatabase, "Load sample data", p, true, "Load sample data")) {
        ctx.intents.load_sample = true;
    }
}

}  // namespace dd::ui
