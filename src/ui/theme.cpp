#include "ui/theme.h"

#include <cstdint>

namespace dd::ui {
namespace {

constexpr ImU32 rgb(uint32_t hex, uint8_t alpha = 255) {
    // ImU32 is ABGR in memory order; hex is written 0xRRGGBB like a designer would.
    return (ImU32(alpha) << 24) | ((hex & 0xff) << 16) | (hex & 0xff00) | ((hex >> 16) & 0xff);
}

const Palette kLight = {
    rgb(0xF6F6F8),  // background
    rgb(0xFFFFFF),  // surface
    rgb(0xF0F0F3),  // surface_hover
    rgb(0xF3F3F6),  // surface_sunken
    rgb(0xFFFFFF),  // surface_raised
    rgb(0xE3E3E8),  // border
    rgb(0x1C1C21),  // text
    rgb(0x6E6E7A),  // text_muted
    rgb(0x5B5BD6),  // accent (indigo)
    rgb(0x4B4BC4),  // accent_hover
    rgb(0xEDEDFC),  // accent_soft
    rgb(0xFFFFFF),  // on_accent
    rgb(0x2F9E66),  // success
    rgb(0xD9822B),  // warning
    rgb(0xDC3E42),  // danger
};

const Palette kDark = {
    rgb(0x111114),  // background
    rgb(0x1B1B20),  // surface
    rgb(0x25252C),  // surface_hover
    rgb(0x16161A),  // surface_sunken
    rgb(0x2A2A33),  // surface_raised
    rgb(0x2C2C34),  // border
    rgb(0xECECF0),  // text
    rgb(0x9A9AA6),  // text_muted
    rgb(0x7C7CF0),  // accent
    rgb(0x8E8EF5),  // accent_hover
    rgb(0x272749),  // accent_soft
    rgb(0xFFFFFF),  // on_accent
    rgb(0x3DBB7C),  // success
    rgb(0xE89B45),  // warning
    rgb(0xEE5D61),  // danger
};

}  // namespace

ImVec4 to_vec4(ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); }

const Palette& palette_of(ThemeKind kind) { return kind == ThemeKind::Dark ? kDark : kLight; }

void apply_theme(ThemeKind kind, ImGuiStyle& s) {
    const Palette& p = palette_of(kind);
    s = ImGuiStyle();
    s.WindowPadding = ImVec2(space::md, space::md);
    s.FramePadding = ImVec2(12.0f, 7.0f);
    s.ItemSpacing = ImVec2(space::sm, space::sm);
    s.ItemInnerSpacing = ImVec2(6.0f, space::xs);
    s.CellPadding = ImVec2(space::sm, 6.0f);
    s.IndentSpacing = space::md;
    s.ScrollbarSize = 10.0f;
    s.GrabMinSize = 24.0f;
    s.WindowBorderSize = 0.0f;
    s.ChildBorderSize = 1.0f;
    s.PopupBorderSize = 1.0f;
    s.FrameBorderSize = 1.0f;
    s.WindowRounding = kCardRounding;
    s.ChildRounding = kCardRounding;
    s.PopupRounding = kCardRounding;
    s.FrameRounding = kControlRounding;
    s.ScrollbarRounding = 8.0f;
    s.GrabRounding = kControlRounding;
    s.TabRounding = kControlRounding;
    s.WindowTitleAlign = ImVec2(0.0f, 0.5f);
    s.ButtonTextAlign = ImVec2(0.5f, 0.5f);
    s.SelectableTextAlign = ImVec2(0.0f, 0.5f);
    s.DisplaySafeAreaPadding = ImVec2(0, 0);

    ImVec4* c = s.Colors;
    const ImVec4 clear(0, 0, 0, 0);
    c[ImGuiCol_Text] = to_vec4(p.text);
    c[ImGuiCol_TextDisabled] = to_vec4(p.text_muted);
    c[ImGuiCol_WindowBg] = to_vec4(p.background);
    c[ImGuiCol_ChildBg] = clear;
    c[ImGuiCol_PopupBg] = to_vec4(p.surface);
    c[ImGuiCol_Border] = to_vec4(p.border);
    c[ImGuiCol_BorderShadow] = clear;
    c[ImGuiCol_FrameBg] = to_vec4(p.surface);
    c[ImGuiCol_FrameBgHovered] = to_vec4(p.surface_hover);
    c[ImGuiCol_FrameBgActive] = to_vec4(p.surface);
    c[ImGuiCol_TitleBg] = to_vec4(p.surface);
    c[ImGuiCol_TitleBgActive] = to_vec4(p.surface);
    c[ImGuiCol_TitleBgCollapsed] = to_vec4(p.surface);
    c[ImGuiCol_MenuBarBg] = to_vec4(p.surface);
    c[ImGuiCol_ScrollbarBg] = clear;
    c[ImGuiCol_ScrollbarGrab] = to_vec4(p.border);
    c[ImGuiCol_ScrollbarGrabHovered] = to_vec4(p.text_muted);
    c[ImGuiCol_ScrollbarGrabActive] = to_vec4(p.text_muted);
    c[ImGuiCol_CheckMark] = to_vec4(p.accent);
    c[ImGuiCol_SliderGrab] = to_vec4(p.accent);
    c[ImGuiCol_SliderGrabActive] = to_vec4(p.accent_hover);
    c[ImGuiCol_Button] = to_vec4(p.surface);
    c[ImGuiCol_ButtonHovered] = to_vec4(p.surface_hover);
    c[ImGuiCol_ButtonActive] = to_vec4(p.surface_sunken);
    c[ImGuiCol_Header] = to_vec4(p.accent_soft);
    c[ImGuiCol_HeaderHovered] = to_vec4(p.surface_hover);
    c[ImGuiCol_HeaderActive] = to_vec4(p.accent_soft);
    c[ImGuiCol_Separator] = to_vec4(p.border);
    c[ImGuiCol_SeparatorHovered] = to_vec4(p.accent);
    c[ImGuiCol_SeparatorActive] = to_vec4(p.accent);
    c[ImGuiCol_ResizeGrip] = clear;
    c[ImGuiCol_ResizeGripHovered] = to_vec4(p.accent);
    c[ImGuiCol_ResizeGripActive] = to_vec4(p.accent);
    c[ImGuiCol_Tab] = to_vec4(p.surface);
    c[ImGuiCol_TabHovered] = to_vec4(p.surface_hover);
    c[ImGuiCol_TabActive] = to_vec4(p.accent_soft);
    c[ImGuiCol_TabUnfocused] = to_vec4(p.surface);
    c[ImGuiCol_TabUnfocusedActive] = to_vec4(p.accent_soft);
    c[ImGuiCol_PlotLines] = to_vec4(p.accent);
    c[ImGuiCol_PlotLinesHovered] = to_vec4(p.accent_hover);
    c[ImGuiCol_PlotHistogram] = to_vec4(p.accent);
    c[ImGuiCol_PlotHistogramHovered] = to_vec4(p.accent_hover);
    c[ImGuiCol_TableHeaderBg] = to_vec4(p.surface_sunken);
    c[ImGuiCol_TableBorderStrong] = to_vec4(p.border);
    c[ImGuiCol_TableBorderLight] = to_vec4(p.border);
    c[ImGuiCol_TableRowBg] = clear;
    c[ImGuiCol_TableRowBgAlt] = to_vec4(p.surface_hover);
    c[ImGuiCol_TextSelectedBg] = ImVec4(to_vec4(p.accent).x, to_vec4(p.accent).y, to_vec4(p.accent).z, 0.30f);
    c[ImGuiCol_DragDropTarget] = to_vec4(p.accent);
    c[ImGuiCol_NavHighlight] = to_vec4(p.accent);
    c[ImGuiCol_NavWindowingHighlight] = to_vec4(p.accent);
    c[ImGuiCol_NavWindowingDimBg] = ImVec4(0, 0, 0, 0.2f);
    c[ImGuiCol_ModalWindowDimBg] = kind == ThemeKind::Dark ? ImVec4(0, 0, 0, 0.55f) : ImVec4(0.07f, 0.07f, 0.1f, 0.35f);
}

}  // namespace dd::ui
