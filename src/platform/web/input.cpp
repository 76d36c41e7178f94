#include "platform/web/input.h"

#include "platform/web/web_app.h"

#define GLFW_INCLUDE_ES3
#include <GLFW/glfw3.h>
#include <emscripten/emscripten.h>
#include <emscripten/html5.h>

#include <cfloat>

namespace dd::web {
namespace {

// A CSS cursor name for the canvas.
EM_JS(void, dd_set_canvas_cursor, (const char* name), {
    var canvas = Module['canvas'];
    if (canvas) canvas.style.cursor = UTF8ToString(name);
});

WebApp& web_of(GLFWwindow* w) { return *static_cast<WebApp*>(glfwGetWindowUserPointer(w)); }

void on_mouse_button(GLFWwindow* w, int button, int action, int mods) {
    WebApp& web = web_of(w);
    if (action == GLFW_PRESS && button >= 0 && button < ImGuiMouseButton_COUNT) web.input.mouse_pressed[button] = true;
    web.input.click_mods |= mods;   // GLFW's modifier keys at this event (input.h)
    request_frame(web.scheduler);
}

void on_cursor_pos(GLFWwindow* w, double x, double y) {
    WebApp& web = web_of(w);
    // GLFW reports backing-store pixels; ImGui works in CSS pixels.
    const double scale = web.canvas.dpr > 0 ? web.canvas.dpr : 1.0;
    ImGui::GetIO().MousePos = ImVec2(float(x / scale), float(y / scale));
    request_frame(web.scheduler);
}

void on_cursor_enter(GLFWwindow* w, int entered) {
    WebApp& web = web_of(w);
    if (!entered) ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    request_frame(web.scheduler);
}

void on_key(GLFWwindow* w, int key, int, int action, int mods) {
    WebApp& web = web_of(w);
    if (action == GLFW_PRESS && key >= 0 && key < 512) {
        web.input.key_pressed[key] = true;
        web.input.key_mods |= mods;   // GLFW's modifier keys at this press (input.h)
    }
    request_frame(web.scheduler);
}

void on_char(GLFWwindow* w, unsigned int c) {
    WebApp& web = web_of(w);
    ImGui::GetIO().AddInputCharacter(c);
    request_frame(web.scheduler);
}

EM_BOOL on_wheel(int, const EmscriptenWheelEvent* e, void* user) {
    WebApp& web = *static_cast<WebApp*>(user);
    // deltaMode: 0 pixels, 1 lines, 2 pages. ImGui scrolls ~5 lines per unit.
    const double unit = e->deltaMode == DOM_DELTA_PIXEL ? 100.0 : e->deltaMode == DOM_DELTA_LINE ? 3.0 : 1.0;
    ImGuiIO& io = ImGui::GetIO();
    io.MouseWheelH -= float(e->deltaX / unit);
    io.MouseWheel -= float(e->deltaY / unit);
    request_frame(web.scheduler);
    return EM_TRUE;   // the page itself never scrolls
}

EM_BOOL on_resize(int, const EmscriptenUiEvent*, void* user) {
    request_frame(static_cast<WebApp*>(user)->scheduler);   // the frame syncs the canvas size
    return EM_FALSE;
}

EM_BOOL on_focus(int type, const EmscriptenFocusEvent*, void* user) {
    WebApp& web = *static_cast<WebApp*>(user);
    if (type == EMSCRIPTEN_EVENT_BLUR) {
        for (bool& p : web.input.mouse_pressed) p = false;
        for (bool& p : web.input.key_pressed) p = false;
        web.input.key_mods = 0;
    }
    request_frame(web.scheduler);
    return EM_FALSE;
}

const char* css_cursor(ImGuiMouseCursor c) {
    switch (c) {
    case ImGuiMouseCursor_None: return "none";
    case ImGuiMouseCursor_TextInput: return "text";
    case ImGuiMouseCursor_ResizeAll: return "move";
    case ImGuiMouseCursor_ResizeNS: return "ns-resize";
    case ImGuiMouseCursor_ResizeEW: return "ew-resize";
    case ImGuiMouseCursor_ResizeNESW: return "nesw-resize";
    case ImGuiMouseCursor_ResizeNWSE: return "nwse-resize";
    case ImGuiMouseCursor_Hand: return "pointer";
    case ImGuiMouseCursor_NotAllowed: return "not-allowed";
    default: return "default";
    }
}

void map_keys(ImGuiIO& io) {
    io.KeyMap[ImGuiKey_Tab] = GLFW_KEY_TAB;
    io.KeyMap[ImGuiKey_LeftArrow] = GLFW_KEY_LEFT;
    io.KeyMap[ImGuiKey_RightArrow] = GLFW_KEY_RIGHT;
    io.KeyMap[ImGuiKey_UpArrow] = GLFW_KEY_UP;
    io.KeyMap[ImGuiKey_DownArrow] = GLFW_KEY_DOWN;
    io.KeyMap[ImGuiKey_PageUp] = GLFW_KEY_PAGE_UP;
    io.KeyMap[ImGuiKey_PageDown] = GLFW_KEY_PAGE_DOWN;
    io.KeyMap[ImGuiKey_Home] = GLFW_KEY_HOME;
    io.KeyMap[ImGuiKey_End] = GLFW_KEY_END;
    io.KeyMap[ImGuiKey_Insert] = GLFW_KEY_INSERT;
    io.KeyMap[ImGuiKey_Delete] = GLFW_KEY_DELETE;
    io.KeyMap[ImGuiKey_Backspace] = GLFW_KEY_BACKSPACE;
    io.KeyMap[ImGuiKey_Space] = GLFW_KEY_SPACE;
    io.KeyMap[ImGuiKey_Enter] = GLFW_KEY_ENTER;
    io.KeyMap[ImGuiKey_Escape] = GLFW_KEY_ESCAPE;
    io.KeyMap[ImGuiKey_KeyPadEnter] = GLFW_KEY_KP_ENTER;
    io.KeyMap[ImGuiKey_A] = GLFW_KEY_A;
    io.KeyMap[ImGuiKey_C] = GLFW_KEY_C;
    io.KeyMap[ImGuiKey_V] = GLFW_KEY_V;
    io.KeyMap[ImGuiKey_X] = GLFW_KEY_X;
    io.KeyMap[ImGuiKey_Y] = GLFW_KEY_Y;
    io.KeyMap[ImGuiKey_Z] = GLFW_KEY_Z;
}

}  // namespace

void input_install(WebApp& web) {
    ImGuiIO& io = ImGui::GetIO();
    io.BackendPlatformName = "dealdeck_glfw_html5";
    io.BackendFlags |= ImGuiBackendFlags_HasMouseCursors;
    map_keys(io);
    GLFWwindow* w = web.window;
    glfwSetWindowUserPointer(w, &web);
    glfwSetMouseButtonCallback(w, on_mouse_button);
    glfwSetCursorPosCallback(w, on_cursor_pos);
    glfwSetCursorEnterCallback(w, on_cursor_enter);
    glfwSetKeyCallback(w, on_key);
    glfwSetCharCallback(w, on_char);
    emscripten_set_wheel_callback(kCanvasSelector, &web, EM_TRUE, on_wheel);
    emscripten_set_resize_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, &web, EM_FALSE, on_resize);
    emscripten_set_focus_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, &web, EM_FALSE, on_focus);
    emscripten_set_blur_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, &web, EM_FALSE, on_focus);
}

void input_new_frame(WebApp& web) {
    ImGuiIO& io = ImGui::GetIO();
    GLFWwindow* w = web.window;
    bool any_button = false;
    for (int b = 0; b < ImGuiMouseButton_COUNT; ++b) {
        io.MouseDown[b] = web.input.mouse_pressed[b] || glfwGetMouseButton(w, b) == GLFW_PRESS;
        web.input.mouse_pressed[b] = false;
        any_button |= io.MouseDown[b];
    }
    for (int k = 0; k < 512; ++k) {
        io.KeysDown[k] = web.input.key_pressed[k] || glfwGetKey(w, k) == GLFW_PRESS;
        web.input.key_pressed[k] = false;
    }
    // Modifiers held at a mouse click or at a key press this frame sees count as held now.
    const int mods = web.input.click_mods | web.input.key_mods;
    web.input.key_mods = 0;
    io.KeyCtrl = io.KeysDown[GLFW_KEY_LEFT_CONTROL] || io.KeysDown[GLFW_KEY_RIGHT_CONTROL] || (mods & GLFW_MOD_CONTROL);
    io.KeyShift = io.KeysDown[GLFW_KEY_LEFT_SHIFT] || io.KeysDown[GLFW_KEY_RIGHT_SHIFT] || (mods & GLFW_MOD_SHIFT);
    io.KeyAlt = io.KeysDown[GLFW_KEY_LEFT_ALT] || io.KeysDown[GLFW_KEY_RIGHT_ALT] || (mods & GLFW_MOD_ALT);
    io.KeySuper = io.KeysDown[GLFW_KEY_LEFT_SUPER] || io.KeysDown[GLFW_KEY_RIGHT_SUPER] || (mods & GLFW_MOD_SUPER);
    // The release frame (every button up) was the last to need them.
    if (!any_button) web.input.click_mods = 0;
}

void input_end_frame(WebApp& web) {
    ImGuiMouseCursor c = ImGui::GetMouseCursor();
    if (c == web.input.cursor) return;
    web.input.cursor = c;
    dd_set_canvas_cursor(css_cursor(c));
}

}  // namespace dd::web
