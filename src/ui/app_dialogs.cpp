#include "ui/app_dialogs.h"

#include "imgui.h"
#include "imgui_internal.h"
#include "ui/deal_form.h"
#include "ui/toast_action.h"
#include "ui/widgets.h"

namespace dd::ui {
namespace {
constexpr const char* kConfirmSample = "Replace with sample data?";
}

void draw_dialogs(ViewContext& ctx) {
    const Palette& p = ctx.palette;
    draw_deal_form(ctx);   // the create/edit deal dialog, opened from any view
    if (ctx.ui.confirm_sample) {
        ImGui::OpenPopup(kConfirmSample);
        ctx.ui.confirm_sample = false;
    }
    if (begin_dialog(kConfirmSample, ctx.ui.width, ctx.ui.height * 0.3f, 420.0f)) {
        const float wrap = ImGui::GetContentRegionAvail().x;
        text_item(kConfirmSample, ctx.ui.fonts.heading, p.text, wrap);
        text_item("Sample data replaces every deal, contact and pipeline in this workspace. "
                  "This cannot be undone.",
                  ctx.ui.fonts.body, p.text_muted, wrap);
        ImGui::Dummy(ImVec2(0, space::sm));
        const float cancel_w = ImGui::CalcTextSize("Cancel").x + 28.0f;
        const float replace_w = ImGui::CalcTextSize("Replace workspace").x + 28.0f;
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + wrap - cancel_w - replace_w - space::sm);
        if (styled_button("Cancel", nullptr, ButtonKind::Secondary, p, ImVec2(cancel_w, 0)) ||
            ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))
            ImGui::CloseCurrentPopup();
        ImGui::SameLine(0, space::sm);
        if (styled_button("Replace workspace", nullptr, ButtonKind::Primary, p, ImVec2(replace_w, 0))) {
            ctx.intents.replace_with_sample = true;
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
}

void draw_toast(ViewContext& ctx) {
    const Toast& toast = ctx.ui.toast;
    if (toast.text.empty() || ctx.now >= toast.until) return;
    const Palette& p = ctx.palette;
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    const ToastLayout l = toast_layout(ctx, toast);
    // Inverted colours (dark pill on light, light pill on dark): readable over any view.
    const ImU32 bg = p.text, fg = p.surface;
    dl->AddRectFilled(ImVec2(l.min.x, l.min.y + 2), ImVec2(l.max.x, l.max.y + 4), IM_COL32(0, 0, 0, 30), kCardRounding + 2);
    dl->AddRectFilled(l.min, l.max, bg, kCardRounding);
    dl->AddText(l.icon_pos, toast.error ? p.danger : p.success, l.icon);
    dl->AddText(l.text_pos, fg, toast.text.c_str());
}

}  // namespace dd::ui
