#include "ui/toast_action.h"

#include "imgui_internal.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/widgets.h"

namespace dd::ui {

void draw_toast_undo(ViewContext& ctx) {
    const Toast& toast = ctx.ui.toast;
    if (toast.text.empty() || toast.error || ctx.now >= toast.until) return;
    if (!ctx.store.can_undo() || ctx.store.undo_label() != toast.text) return;
    const Palette& p = ctx.palette;

    // The toast's geometry, as draw_toast lays it out (centred pill, 24 px above the bottom).
    const char* icon = icons::kCheck;
    const ImVec2 ts = ImGui::CalcTextSize(toast.text.c_str());
    const ImVec2 is = ImGui::CalcTextSize(icon);
    const float pad_x = 16.0f, pad_y = 10.0f, gap = 10.0f;
    const ImVec2 toast_size(pad_x * 2 + is.x + gap + ts.x, pad_y * 2 + ts.y);
    const float toast_x = IM_ROUND((ctx.ui.width - toast_size.x) * 0.5f);
    const float toast_y = IM_ROUND(ctx.ui.height - toast_size.y - space::lg);

    const char* label = "Undo";
    const ImVec2 us = ImGui::CalcTextSize(label);
    const ImVec2 size(us.x + 2 * pad_x, toast_size.y);
    ImGui::SetNextWindowPos(ImVec2(toast_x + toast_size.x + space::sm, toast_y));
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
    ImVec2 min = ImGui::GetItemRectMin();
    dl->AddText(ImVec2(min.x + pad_x, min.y + pad_y), hovered ? p.accent_soft : p.surface, label);
    if (hovered)
        dl->AddLine(ImVec2(min.x + pad_x, min.y + pad_y + us.y), ImVec2(min.x + pad_x + us.x, min.y + pad_y + us.y), p.surface);
    ImGui::End();
    if (pressed) ctx.intents.undo = true;
}

}  // namespace dd::ui
