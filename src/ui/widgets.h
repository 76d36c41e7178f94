// Small styled widgets shared by the top bar and the views. Each registers a plain-text label
// with the item registry (name_last_item), so tests and the bridge find "Undo", not a glyph.
#pragma once
#include "imgui.h"
#include "core/model.h"
#include "ui/theme.h"

#include <string>

namespace dd::ui {

// ImGui ID scope of a record: its id, never a row index or an address, so a widget keeps its
// identity (hover, drag, open popup) while records move between lanes, rows and vector slots.
inline void push_id(Id id) { ImGui::PushID(static_cast<int>(id ^ (id >> 32))); }

enum class ButtonKind { Primary, Secondary, Ghost };

// A button with an optional icon before its text. `label` is the visible text and the item name;
// pass "Text##id" to disambiguate two buttons with the same text. size.x = 0: fit the content.
bool styled_button(const char* label, const char* icon, ButtonKind kind, const Palette& p, ImVec2 size = ImVec2(0, 0));

// A square ghost button showing only an icon; `name` is its item label ("Undo"). The tooltip
// shows on hover, also while the button is disabled (pass enabled = false).
bool icon_button(const char* icon, const char* name, const Palette& p, bool enabled, const char* tooltip);

// One segment of a segmented control (the view switcher): accent-tinted when selected.
bool segment_button(const char* label, const char* icon, bool selected, float width, const Palette& p);

// Text that is also an item (with its text as label), so it shows in the registry: headings
// and empty-state messages that tests look for. wrap_width <= 0: no wrapping.
void text_item(const char* text, ImFont* font, ImU32 color, float wrap_width = 0.0f);
// Text that is an item named `name` (the registry finds "Error title: must not be empty"),
// drawn in `color`, wrapped at `wrap` (<= 0: the window's width).
void named_text(const std::string& text, const std::string& name, ImU32 color, float wrap = 0.0f);
// Places the popup `popup` (the str_id its BeginPopup is given, in the same ID scope) just below
// the last item, the control that opens it: its button, tile or field and what it says stay in
// view (ImGui opens a popup at the pointer, over the control). Call it every frame right before
// that BeginPopup. `right_aligned` for a control near the window's right edge: the popup's right
// edge lines up with the control's. A popup that does not fit below opens above the control, and
// one never leaves the screen. Context menus (right click) stay at the pointer: don't use it there.
void place_popup_below_last_item(const char* popup, bool right_aligned = false);

// A rounded pill with a coloured dot: stage names, statuses.
void chip(const char* text, ImU32 dot_color, const Palette& p);

// Size in CSS pixels of a font rasterized at the device pixel ratio (see ui_fonts.h).
float css_size(const ImFont* font);

// Opens the body of a modal dialog the app's way: no title bar, centred horizontally on a display
// `display_width` wide with its top edge at `top`, roomy padding, not movable or resizable.
// width <= 0 fits the content. Returns true while open; the caller then ends it with EndPopup.
bool begin_dialog(const char* title, float display_width, float top, float width);

// A soft drop shadow and a rounded surface: the card every view draws on.
void draw_card(ImDrawList* dl, ImVec2 min, ImVec2 max, const Palette& p);

}  // namespace dd::ui
