#include "ui/widgets.h"

#include "imgui_internal.h"
#include "ui/item_registry.h"

#include <algorithm>
#include <string>

namespace dd::ui {
namespace {

struct ButtonColors {
    ImU32 bg, bg_hover, bg_active, border, text, icon;
};

ButtonColors colors_for(ButtonKind kind, const Palette& p) {
    switch (kind) {
    case ButtonKind::Primary:
        return {p.accent, p.accent_hover, p.accent_hover, 0, p.on_accent, p.on_accent};
    case ButtonKind::Secondary:
        return {p.surface, p.surface_hover, p.surface_sunken, p.border, p.text, p.text_muted};
    case ButtonKind::Ghost:
    default:
        return {0, p.surface_hover, p.surface_sunken, 0, p.text, p.text_muted};
    }
}

// Draws icon + gap + text centred in [min, max].
void draw_content(ImDrawList* dl, ImVec2 min, ImVec2 max, const char* icon, const char* text_end_label,
                  const char* text_end, ImU32 icon_col, ImU32 text_col) {
    const float gap = 8.0f;
    ImVec2 icon_size = icon ? ImGui::CalcTextSize(icon) : ImVec2(0, 0);
    ImVec2 text_size = ImGui::CalcTextSize(text_end_label, text_end);
    float total = icon_size.x + (icon && text_size.x > 0 ? gap : 0.0f) + text_size.x;
    float x = (min.x + max.x - total) * 0.5f;
    float cy = (min.y + max.y) * 0.5f;
    if (icon) {
        dl->AddText(ImVec2(IM_ROUND(x), IM_ROUND(cy - icon_size.y * 0.5f)), ImGui::GetColorU32(icon_col), icon);
        x += icon_size.x + gap;
    }
    if (text_size.x > 0)
        dl->AddText(ImVec2(IM_ROUND(x), IM_ROUND(cy - text_size.y * 0.5f)), ImGui::GetColorU32(text_col),
                    text_end_label, text_end);
}

}  // namespace

float css_size(const ImFont* font) { return font->FontSize * ImGui::GetIO().FontGlobalScale; }

bool begin_dialog(const char* title, float display_width, float top, float width) {
    ImGui::SetNextWindowPos(ImVec2(display_width * 0.5f, top), ImGuiCond_Always, ImVec2(0.5f, 0.0f));
    ImGuiWindowFlags flags = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                             ImGuiWindowFlags_NoSavedSettings;
    if (width > 0) ImGui::SetNextWindowSize(ImVec2(width, 0.0f));
    else flags |= ImGuiWindowFlags_AlwaysAutoResize;
    // The padding is read when the window begins; popping it right after keeps the body's
    // own widgets (popups, combos) on the normal style.
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(space::lg, space::lg));
    const bool open = ImGui::BeginPopupModal(title, nullptr, flags);
    ImGui::PopStyleVar();
    return open;
}

bool styled_button(const char* label, const char* icon, ButtonKind kind, const Palette& p, ImVec2 size) {
    const char* text_end = ImGui::FindRenderedTextEnd(label);
    ImVec2 text = ImGui::CalcTextSize(label, text_end);
    ImVec2 icon_size = icon ? ImGui::CalcTextSize(icon) : ImVec2(0, 0);
    float content = text.x + icon_size.x + (icon && text.x > 0 ? 8.0f : 0.0f);
    if (size.x <= 0) size.x = content + 2 * 14.0f;
    if (size.y <= 0) size.y = ImGui::GetFrameHeight();

    bool pressed = ImGui::InvisibleButton(label, size);
    std::string name(label, text_end);
    name_last_item(name.c_str());
    bool hovered = ImGui::IsItemHovered();
    bool held = ImGui::IsItemActive();
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);

    ButtonColors c = colors_for(kind, p);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    ImU32 bg = held ? c.bg_active : hovered ? c.bg_hover : c.bg;
    if (bg) dl->AddRectFilled(min, max, ImGui::GetColorU32(bg), kControlRounding);
    if (c.border) dl->AddRect(min, max, ImGui::GetColorU32(c.border), kControlRounding);
    draw_content(dl, min, max, icon, label, text_end, c.icon, c.text);
    return pressed;
}

bool icon_button(const char* icon, const char* name, const Palette& p, bool enabled, const char* tooltip) {
    const float side = ImGui::GetFrameHeight();
    ImGui::BeginDisabled(!enabled);
    ImGui::PushID(name);
    bool pressed = ImGui::InvisibleButton("##icon", ImVec2(side, side));
    ImGui::PopID();
    name_last_item(name);
    bool hovered = ImGui::IsItemHovered();
    bool held = ImGui::IsItemActive();
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    if (held || hovered)
        dl->AddRectFilled(min, max, ImGui::GetColorU32(held ? p.surface_sunken : p.surface_hover), kControlRounding);
    draw_content(dl, min, max, icon, "", nullptr, hovered ? p.text : p.text_muted, p.text);
    ImGui::EndDisabled();
    if (tooltip && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
        ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(10, 6));
        ImGui::SetTooltip("%s", tooltip);
        ImGui::PopStyleVar();
    }
    return pressed && enabled;
}

bool segment_button(const char* label, const char* icon, bool selected, float width, const Palette& p) {
    const float h = ImGui::GetFrameHeight() - 6.0f;
    bool pressed = ImGui::InvisibleButton(label, ImVec2(width, h));
    name_last_item(label);
    bool hovered = ImGui::IsItemHovered();
    if (hovered && !selected) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    if (selected) {
        dl->AddRectFilled(ImVec2(min.x, min.y + 1), ImVec2(max.x, max.y + 1), ImGui::GetColorU32(p.border), kControlRounding - 1);
        dl->AddRectFilled(min, max, ImGui::GetColorU32(p.surface_raised), kControlRounding - 1);
    } else if (hovered) {
        dl->AddRectFilled(min, max, ImGui::GetColorU32(p.surface_hover), kControlRounding - 1);
    }
    ImU32 text = selected ? p.text : p.text_muted;
    draw_content(dl, min, max, icon, label, nullptr, selected ? p.accent : p.text_muted, text);
    return pressed;
}

void text_item(const char* text, ImFont* font, ImU32 color, float wrap_width) {
    if (font) ImGui::PushFont(font);
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    ImVec2 pos = window->DC.CursorPos;
    ImVec2 size = ImGui::CalcTextSize(text, nullptr, false, wrap_width > 0 ? wrap_width : -1.0f);
    ImRect bb(pos, ImVec2(pos.x + size.x, pos.y + size.y));
    ImGui::ItemSize(size);
    ImGuiID id = window->GetID(text);
    if (ImGui::ItemAdd(bb, id)) {
        window->DrawList->AddText(ImGui::GetFont(), ImGui::GetFontSize(), pos, ImGui::GetColorU32(color), text,
                                  nullptr, wrap_width > 0 ? wrap_width : 0.0f);
        name_last_item(text);
    }
    if (font) ImGui::PopFont();
}

void named_text(const std::string& text, const std::string& name, ImU32 color, float wrap) {
    text_item(text.c_str(), nullptr, color, wrap > 0.0f ? wrap : ImGui::GetContentRegionAvail().x);
    name_last_item(name.c_str());
}

void place_popup_below_last_item(const char* popup, bool right_aligned) {
    ImGuiContext& g = *ImGui::GetCurrentContext();
    const ImGuiID id = ImGui::GetID(popup);   // the ID BeginPopup(popup) gives it, in this same ID scope
    ImGuiWindow* window = nullptr;
    bool open = false;
    for (const ImGuiPopupData& d : g.OpenPopupStack)
        if (d.PopupId == id) open = true, window = d.Window;
    if (!open) return;   // leave the next window's data alone: BeginPopup clears it anyway
    const ImRect item(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    // The size it will have this frame; unknown on the frame it opens (ImGui hides it that frame
    // while it measures its content, so where it goes then shows nowhere).
    const ImVec2 size = window && window->WasActive ? ImGui::CalcWindowNextAutoFitSize(window) : ImVec2(0, 0);
    // Where it may go: the display less ImGui's safe padding and less the footer strip, where the
    // page's HTML backup buttons sit above the canvas (they would cover the popup's bottom).
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const ImVec2 pad = g.Style.DisplaySafeAreaPadding;
    const ImRect outer(pad, ImVec2(display.x - pad.x, std::max(pad.y, display.y - std::max(pad.y, kFooterHeight))));
    // ImGui neither moves nor clamps a popup whose position is set, so the fitting is done here:
    // below the control if it fits there, else above it (a control near the bottom: a calendar, a
    // menu of stages), else wherever it is wholly on screen (taller than both: it covers the control).
    float y = item.Max.y + space::xs;
    if (y + size.y > outer.Max.y) {
        const float above = item.Min.y - space::xs - size.y;
        y = above >= outer.Min.y ? above : std::max(outer.Min.y, outer.Max.y - size.y);
    }
    // Aligned with the control's left edge, or its right edge near the window's right side; then
    // moved in so that no part is off screen.
    float x = right_aligned ? item.Max.x - size.x : item.Min.x;
    x = std::max(outer.Min.x, std::min(x, outer.Max.x - size.x));
    // Every frame, not only when it appears: it follows its control, and a popup that grows (an
    // error line, a filter's field) moves above once it no longer fits below.
    ImGui::SetNextWindowPos(ImVec2(x, y));
}

void chip(const char* text, ImU32 dot_color, const Palette& p) {
    ImVec2 ts = ImGui::CalcTextSize(text);
    const float pad_x = 10.0f, dot = 8.0f, gap = 6.0f, h = ts.y + 8.0f;
    ImVec2 size(pad_x * 2 + dot + gap + ts.x, h);
    ImVec2 min = ImGui::GetCursorScreenPos();
    ImGui::Dummy(size);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 max(min.x + size.x, min.y + size.y);
    dl->AddRectFilled(min, max, ImGui::GetColorU32(p.surface_sunken), h * 0.5f);
    dl->AddRect(min, max, ImGui::GetColorU32(p.border), h * 0.5f);
    dl->AddCircleFilled(ImVec2(min.x + pad_x + dot * 0.5f, min.y + h * 0.5f), dot * 0.5f, ImGui::GetColorU32(dot_color), 12);
    dl->AddText(ImVec2(min.x + pad_x + dot + gap, min.y + 4.0f), ImGui::GetColorU32(p.text), text);
}

void draw_card(ImDrawList* dl, ImVec2 min, ImVec2 max, const Palette& p) {
    // A soft shadow: a few translucent layers growing outward and downward.
    for (int i = 1; i <= 4; ++i) {
        float s = float(i) * 2.0f;
        dl->AddRectFilled(ImVec2(min.x - s * 0.5f, min.y - s * 0.25f + 2), ImVec2(max.x + s * 0.5f, max.y + s),
                          IM_COL32(0, 0, 0, 6), kCardRounding + s);
    }
    dl->AddRectFilled(min, max, ImGui::GetColorU32(p.surface), kCardRounding);
    dl->AddRect(min, max, ImGui::GetColorU32(p.border), kCardRounding);
}

}  // namespace dd::ui
