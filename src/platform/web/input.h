// Browser input -> ImGui io. Emscripten's GLFW gives mouse buttons, cursor, keys and text;
// html5.h gives the wheel (GLFW's is unreliable in 3.1.6), window resize and focus. Every event
// requests a frame: that is what wakes the on-demand loop.
#pragma once
#include "imgui.h"

struct GLFWwindow;

namespace dd::web {

struct WebApp;

struct InputState {
    // A press and its release can both arrive between two frames (a fast click, Playwright's
    // mouse.click): the press is remembered so one frame sees the button down.
    bool mouse_pressed[ImGuiMouseButton_COUNT] = {};
    bool key_pressed[512] = {};
    // Shift/Ctrl/Alt/Super (GLFW_MOD_*) held at a mouse press or release. ImGui acts on a click at
    // the frame that sees the release, which comes after the press frame; by then the key may be up
    // already (a quick Shift-click, or a slow frame). They count until a frame sees every button up.
    int click_mods = 0;
    // Modifiers held at a key press (GLFW_MOD_*), for the frame that sees that press. A shortcut
    // whose key and modifier are both let go before the next frame (Shift+Right, Ctrl+Z on a slow
    // frame or a busy machine) otherwise reaches ImGui as the bare key when a frame ran between the
    // modifier's press and the key's: the modifier's own latch was used up by that frame.
    int key_mods = 0;
    ImGuiMouseCursor cursor = ImGuiMouseCursor_Arrow;
};

void input_install(WebApp& web);
// Before ImGui::NewFrame: buttons and keys from GLFW state plus remembered presses.
void input_new_frame(WebApp& web);
// After the frame: the mouse cursor ImGui asked for, on the canvas.
void input_end_frame(WebApp& web);

}  // namespace dd::web
