// A headless driver for the app's ImGui frames: no window, no GPU. It owns an App and an ImGui
// context, builds the font atlas in memory (Inter from Debian's package when present), runs
// frames of app_frame and acts like a user through io: move the mouse to an item's centre
// (found by label in the item registry), press and release across frames, type text.
//
// Reuse it for every view's tests:
//   UiDriver ui;                       // starter workspace loaded, one frame drawn
//   REQUIRE(ui.click("List"));
//   CHECK(ui.app.ui.view == dd::ui::View::List);
#pragma once
#include "ui/app_frame.h"
#include "ui/app_state.h"

#include <optional>
#include <string>
#include <string_view>

struct ImGuiContext;

namespace dd::ui::test {

class UiDriver {
public:
    explicit UiDriver(float width = 1280.0f, float height = 800.0f);
    ~UiDriver();
    UiDriver(const UiDriver&) = delete;
    UiDriver& operator=(const UiDriver&) = delete;

    App app;
    Millis now = 1'780'000'000'000;   // a fixed clock; advanced by frame_time_ms per frame
    Millis frame_time_ms = 16;
    FrameOutput last_output;

    void frame(int count = 1);                      // draw `count` frames
    void resize(float width, float height);         // next frames use this display size

    const ItemRecord* find(std::string_view label) const;   // in the last frame
    // The window of the innermost open popup as the last frame drew it (x, y, w, h and its ImGui
    // name in `window`); nullopt when no popup is open or it was not drawn.
    std::optional<ItemRecord> open_popup() const;
    void move_mouse(float x, float y);                      // and draw a frame
    // Moves to the item's centre, presses, releases (a frame for each), then settles.
    // Returns false (doing nothing) when no item has that label.
    bool click(std::string_view label);
    bool click_at(float x, float y);
    // Presses at (x0, y0), moves to (x1, y1) in `steps` frames, releases there, then settles:
    // a drag like a user's (past ImGui's drag threshold on the first step).
    void drag(float x0, float y0, float x1, float y1, int steps = 6);
    // Like drag, but keeps the button down at (x1, y1) for `hold_frames` more frames first.
    void drag_hold(float x0, float y0, float x1, float y1, int steps, int hold_frames);
    void scroll_wheel(float x, float y, float wheel_y);   // wheel notches at (x, y), one frame
    void right_click_at(float x, float y);
    void type(std::string_view text);                // characters into the focused text field
    void press_key(int imgui_key, bool ctrl = false, bool shift = false);   // ImGuiKey_*
    bool fonts_from_system = false;                  // Inter and Font Awesome were found

private:
    ImGuiContext* ctx_ = nullptr;
};

}  // namespace dd::ui::test
