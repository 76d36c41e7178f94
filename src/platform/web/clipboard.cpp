#include "platform/web/clipboard.h"

#include "platform/web/web_app.h"

#define GLFW_INCLUDE_ES3
#include <GLFW/glfw3.h>
#include <emscripten/emscripten.h>

#include <string>

extern "C" int dd_clipboard_js_install(void* clipboard);   // clipboard.js; returns 1 on a Mac
extern "C" void dd_clipboard_js_write(const char* text);

namespace dd::web {

struct WebClipboard {
    WebApp* web = nullptr;
    std::string text;   // what ImGui pastes: the last paste event's text or the last copy
    int shortcut_key = GLFW_KEY_LEFT_CONTROL;   // the modifier ImGui expects with V
};

namespace {

const char* get_text(void* user) { return static_cast<WebClipboard*>(user)->text.c_str(); }

void set_text(void* user, const char* text) {
    static_cast<WebClipboard*>(user)->text = text;
    dd_clipboard_js_write(text);
}

}  // namespace

void clipboard_install(WebApp& web) {
    // Owned by the page, like WebApp itself: main never returns it, the page never unloads it.
    WebClipboard* clipboard = new WebClipboard{&web, {}, GLFW_KEY_LEFT_CONTROL};
    ImGuiIO& io = ImGui::GetIO();
    io.ClipboardUserData = clipboard;
    io.GetClipboardTextFn = get_text;
    io.SetClipboardTextFn = set_text;
    // On a Mac the shortcuts are Cmd+C/V/X/A/Z (and Option+arrow moves by word) in text fields.
    const bool mac = dd_clipboard_js_install(clipboard) != 0;
    io.ConfigMacOSXBehaviors = mac;
    clipboard->shortcut_key = mac ? GLFW_KEY_LEFT_SUPER : GLFW_KEY_LEFT_CONTROL;
}

}  // namespace dd::web

extern "C" {

// The page's 'paste' event (clipboard.js). A real Ctrl+V already reached GLFW as keys in the same
// task, before any frame; a paste from a menu, or dispatched by a test, did not. Pressing the keys
// here covers both: within one frame ImGui sees a single press either way.
EMSCRIPTEN_KEEPALIVE void dd_clipboard_pasted(dd::web::WebClipboard* clipboard, const char* text) {
    clipboard->text = text;
    dd::web::WebApp& web = *clipboard->web;
    web.input.key_pressed[clipboard->shortcut_key] = true;
    web.input.key_pressed[GLFW_KEY_V] = true;
    dd::web::request_frame(web.scheduler);
}

}  // extern "C"
