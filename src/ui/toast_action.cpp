#include "ui/toast_action.h"

#include "imgui_internal.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/widgets.h"

namespace dd::ui {

ToastLayout toast_layout(const ViewContext& ctx, const Toast& toast) {
    ToastLayout l;
    l.icon = toast.error ? icons::kExclamation : icons::kCheck;
    l.pad = ImVec2(16.0f, 10.0f);
    const float gap = 10.0f;
    const ImVec2 ts = ImGui::CalcTextSize(toast.text.c_str());
    const ImVec2 is = ImGui::CalcTextSize(l.icon);
    const ImVec2 size(l.pad.x * 2 + is.x + gap + ts.x, l.pad.y * 2 + ts.y);
    l.min = ImVec2(IM_ROUND((ctx.ui.width - size.x) * 0.5f), IM_ROUND(ctx.ui.height - size.y - space::lg));
    l.max = ImVec2(l.min.x + size.x, l.min.y + size.y);
    l.icon_pos = ImVec2(l.min.x + l.pad.x, l.min.y + l.pad.y);
    l.text_pos = ImVec2(l.icon_pos.x + is.x + gap, l.icon_pos.y);
    return l;
}

void draw_toast_undo(ViewContext& ctx) {
    const Toast& toast = ctx.ui.toast;
    if (toast.text.empty() || toast.error || ctx.now >= toast.until) return;
    if (!ctx.store.can_undo() || ctx.store.undo_label() != toast.text) return;
    const Palette& p = ctx.palette;
    const ToastLayout t = toast_layout(ctx, toast);

    const char* label = "Undo";
    const ImVec2 us = ImGui::CalcTextSize(label);
    const ImVec2 size(us.x + 2 * t.pad.x, t.max.y - t.min.y);
    ImGui::SetNextWindowPos(ImVec2(t.max.x + space::sm, t.min.y));
    ImGui::SetNextWindowSize(size);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, kCardRounding);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, to_vec4(p.text));
    ImGui::Begin("##toast_undo", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav);
    ImGui::PopStyleColor();
    ImGui::PopStyleVar(3);
    const bool pressed = ImGui::InvisibleButton("Undo##toast", size);
    name_last_item("Toast Undo");
    const bool hovered = ImGui::IsItemHovered();
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 min = ImGui::GetItemRectMin();
    const ImVec2 text(min.x + t.pad.x, min.y + t.pad.y);
    dl->AddText(text, hovered ? p.accent_soft : p.surface, label);
    if (hovered) dl->AddLine(ImVec2(text.x, text.y + us.y), ImVec2(text.x + us.x, text.y + us.y), p.surface);
    ImGui::End();
    if (pressed) ctx.intents.undo = true;
}

}  // namespace dd::ui
