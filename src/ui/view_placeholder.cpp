#include "ui/view_placeholder.h"

#include "imgui.h"
#include "imgui_internal.h"
#include "ui/icons.h"
#include "ui/widgets.h"

#include <algorithm>
#include <cstdio>

namespace dd::ui {
namespace {

const Pipeline* shown_pipeline(const ViewContext& ctx) {
    return ctx.ui.pipeline ? ctx.store.find_pipeline(ctx.ui.pipeline) : nullptr;
}

ImU32 stage_color(const Stage& s) {
    return IM_COL32((s.color >> 16) & 0xff, (s.color >> 8) & 0xff, s.color & 0xff, 255);
}

// The stages of the shown pipeline as chips, wrapping onto new lines within `width`.
void draw_stage_chips(const Pipeline& pipeline, float width, const Palette& p) {
    float line_x = 0.0f;
    for (const Stage& s : pipeline.stages) {
        const float w = ImGui::CalcTextSize(s.name.c_str()).x + 34.0f;   // chip(): padding, dot, gap
        if (line_x > 0.0f && line_x + w > width) {
            line_x = 0.0f;   // wrap: the next chip starts a new line
        } else if (line_x > 0.0f) {
            ImGui::SameLine(0.0f, 8.0f);
        }
        chip(s.name.c_str(), stage_color(s), p);
        line_x += w + 8.0f;
    }
}

}  // namespace

void draw_placeholder(ViewContext& ctx, const PlaceholderText& text) {
    const Palette& p = ctx.palette;
    const UiFonts& fonts = ctx.ui.fonts;
    ImVec2 avail = ImGui::GetContentRegionAvail();
    const float card_w = std::min(560.0f, avail.x - 2 * space::lg);
    const float pad = space::xl;
    const float inner_w = card_w - 2 * pad;
    ImVec2 origin = ImGui::GetCursorScreenPos();
    ImVec2 min(IM_ROUND(origin.x + (avail.x - card_w) * 0.5f), IM_ROUND(origin.y + std::max(space::lg, avail.y * 0.12f)));

    // Draw the content first on the top channel, then the card under it once its height is known.
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->ChannelsSplit(2);
    dl->ChannelsSetCurrent(1);
    ImGui::SetCursorScreenPos(ImVec2(min.x + pad, min.y + pad));
    ImGui::BeginGroup();

    // The icon in a soft accent circle.
    const float badge = 48.0f;
    ImVec2 bpos = ImGui::GetCursorScreenPos();
    dl->AddCircleFilled(ImVec2(bpos.x + badge * 0.5f, bpos.y + badge * 0.5f), badge * 0.5f, p.accent_soft, 32);
    if (fonts.heading) ImGui::PushFont(fonts.heading);
    ImVec2 isz = ImGui::CalcTextSize(text.icon);
    dl->AddText(ImVec2(IM_ROUND(bpos.x + (badge - isz.x) * 0.5f), IM_ROUND(bpos.y + (badge - isz.y) * 0.5f)), p.accent, text.icon);
    if (fonts.heading) ImGui::PopFont();
    ImGui::Dummy(ImVec2(badge, badge + space::xs));

    text_item(text.title, fonts.heading, p.text, inner_w);
    ImGui::Dummy(ImVec2(0, 0));
    text_item(text.body, fonts.body, p.text_muted, inner_w);
    ImGui::Dummy(ImVec2(0, space::sm));

    if (const Pipeline* pipeline = shown_pipeline(ctx)) {
        char caption[160];
        std::snprintf(caption, sizeof caption, "%s \xc2\xb7 %zu deals", pipeline->name.c_str(),
                      ctx.store.deals_in_pipeline(pipeline->meta.id));
        text_item(caption, fonts.strong, p.text, inner_w);
        draw_stage_chips(*pipeline, inner_w, p);
    }
    if (ctx.store.workspace().deals.empty()) {
        ImGui::Dummy(ImVec2(0, space::xs));
        text_item("Your workspace has no deals yet. Load sample data to look around.", fonts.body, p.text_muted, inner_w);
        if (styled_button("Load sample data##empty", icons::kDatabase, ButtonKind::Primary, p))
            ctx.intents.load_sample = true;
    }
    ImGui::EndGroup();
    ImVec2 content_max = ImGui::GetItemRectMax();
    ImVec2 max(min.x + card_w, content_max.y + pad);

    dl->ChannelsSetCurrent(0);
    draw_card(dl, min, max, p);
    dl->ChannelsMerge();
    // Leave the cursor below the card so the window's content size (and scrolling) includes it.
    ImGui::SetCursorScreenPos(ImVec2(min.x, max.y + space::lg));
    ImGui::Dummy(ImVec2(0, 0));
}

}  // namespace dd::ui
