// Light and dark themes: one palette of named colours per theme (what views draw cards and
// chips with) and the ImGui style derived from it. Calm neutrals, one accent colour, 8 px grid.
#pragma once
#include "imgui.h"

namespace dd::ui {

enum class ThemeKind { Light, Dark };

struct Palette {
    ImU32 background;     // the canvas behind everything
    ImU32 surface;        // cards, top bar, popups
    ImU32 surface_hover;  // a hovered row or ghost button
    ImU32 surface_sunken; // inputs, segmented-control track
    ImU32 surface_raised; // the selected segment, a card lifted while dragged
    ImU32 border;         // 1 px separators and card outlines
    ImU32 text;
    ImU32 text_muted;     // secondary text, placeholders, icons at rest
    ImU32 accent;         // the one brand colour: primary buttons, selection, focus
    ImU32 accent_hover;
    ImU32 accent_soft;    // tinted backgrounds of selected things
    ImU32 on_accent;      // text on an accent fill
    ImU32 success;
    ImU32 warning;
    ImU32 danger;
};

// Spacing scale (CSS pixels): everything snaps to the 8 px grid, 4 for tight spots.
namespace space {
inline constexpr float xs = 4.0f;
inline constexpr float sm = 8.0f;
inline constexpr float md = 16.0f;
inline constexpr float lg = 24.0f;
inline constexpr float xl = 32.0f;
}  // namespace space
inline constexpr float kCardRounding = 8.0f;
inline constexpr float kControlRounding = 6.0f;
inline constexpr float kTopBarHeight = 56.0f;
// The strip along the bottom edge: the page's backup buttons (HTML, web/dealdeck.css) sit in it,
// so they never cover a view's content.
inline constexpr float kFooterHeight = 40.0f;

const Palette& palette_of(ThemeKind);
// Sets every ImGui colour and size for the theme (sizes are in CSS pixels).
void apply_theme(ThemeKind, ImGuiStyle&);
ImVec4 to_vec4(ImU32);

}  // namespace dd::ui
