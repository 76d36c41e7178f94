// The web app's entry: creates the one WebApp (everything the app owns), the GLFW window with a
// WebGL2 context, and starts drawing on demand. No main loop runs continuously: frames come from
// input events and request_frame() (frame_scheduler.h), so an idle tab draws nothing.
#include "platform/web/bridge.h"
#include "platform/web/clipboard.h"
#include "platform/web/download.h"
#include "platform/web/fonts.h"
#include "platform/web/persistence_web.h"
#include "platform/web/prefs_web.h"
#include "platform/web/web_app.h"
#include "ui/app_frame.h"

#define GLFW_INCLUDE_ES3
#include <GLFW/glfw3.h>
#include <emscripten/emscripten.h>
#include <emscripten/html5.h>

#include <cstdio>

namespace {

using dd::web::WebApp;

// Page-side preference at first start: follow the system's light/dark setting.
EM_JS(int, dd_prefers_dark, (), {
    return (window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches) ? 1 : 0;
});
// A performance mark for the cold-start benchmark's phases (bench/browser/cold_start.mjs).
EM_JS(void, dd_mark, (const char* name), {
    if (typeof performance !== "undefined" && performance.mark) performance.mark(UTF8ToString(name));
});
// Tell the page the module failed in a way it cannot see (web/boot.js shows #dd-error).
EM_JS(void, dd_show_fatal, (const char* message), {
    if (Module['ddFatal']) Module['ddFatal'](UTF8ToString(message));
});

uint32_t clear_color(const WebApp& web) {
    ImU32 c = dd::ui::palette_of(web.app.ui.theme).background;   // ABGR in memory
    return ((c & 0xff) << 16) | (c & 0xff00) | ((c >> 16) & 0xff);
}

void draw_frame(void* user) {
    WebApp& web = *static_cast<WebApp*>(user);
    const double start = emscripten_get_now();
    ImGuiIO& io = ImGui::GetIO();

    dd::web::CanvasChange change = dd::web::canvas_sync(web.canvas);
    if (change.dpr_changed) {
        const bool restored = dd::web::load_fonts_for_dpr(web.renderer, web.app.ui.fonts, web.canvas.dpr).from_cache;
        ++(restored ? web.fonts_restored : web.fonts_rasterized);
    }
    io.DisplaySize = ImVec2(float(web.canvas.css_w), float(web.canvas.css_h));
    io.DisplayFramebufferScale = ImVec2(float(web.canvas.dpr), float(web.canvas.dpr));
    // After an idle stretch the gap is long: cap it so ImGui's timers do not jump.
    const double dt = web.last_frame_time > 0 ? (start - web.last_frame_time) / 1000.0 : 1.0 / 60.0;
    io.DeltaTime = float(dt < 0.001 ? 0.001 : dt > 0.25 ? 0.25 : dt);
    web.last_frame_time = start;

    dd::web::input_new_frame(web);
    dd::ui::FrameOutput out = dd::ui::app_frame(web.app, dd::Millis(emscripten_date_now()));
    dd::web::persistence_after_frame(web, out);
    dd::web::list_files_after_frame(web);   // downloads the list asked for (CSV export)
    dd::web::renderer_draw(web.renderer, *ImGui::GetDrawData(), web.canvas.fb_w, web.canvas.fb_h, clear_color(web));
    dd::web::input_end_frame(web);

    if (change.resized) dd::web::request_frame(web.scheduler);   // settle the new layout
    if (out.wake_after_ms >= 0) dd::web::request_frame_after(web.scheduler, out.wake_after_ms);
    dd::web::record_frame(web.stats, emscripten_get_now() - start);
    dd::web::bridge_frame_drawn(web);
    dd::web::persistence_frame_drawn(web);
}

bool create_window(WebApp& web) {
    if (!glfwInit()) return false;
    glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    glfwWindowHint(GLFW_ALPHA_BITS, 0);   // an opaque canvas: no blending with the page
    glfwWindowHint(GLFW_DEPTH_BITS, 0);
    glfwWindowHint(GLFW_STENCIL_BITS, 0);
    web.window = glfwCreateWindow(1280, 800, "Dealdeck", nullptr, nullptr);
    if (!web.window) return false;
    glfwMakeContextCurrent(web.window);
    return true;
}

}  // namespace

int main() {
    // Lives as long as the page: returning from main keeps the runtime (no EXIT_RUNTIME).
    WebApp* web = new WebApp(dd::IdGenerator::from_entropy(), dd::IdGenerator::from_entropy().next());
    ImGui::CreateContext();
    dd::ui::init_app_ui(web->app);
    web->app.ui.theme = dd_prefers_dark() ? dd::ui::ThemeKind::Dark : dd::ui::ThemeKind::Light;
    dd::web::prefs_load(*web);   // this device's list layout (localStorage)

    // The saved workspace (or, on a first start, the starter one): loaded from IndexedDB, then
    // data_ready is set (persistence_web.h). Before the WebGL2 context: when web/boot.js's early
    // read is in (main() waits for it) and the tab holds the writer lock, recovery and
    // Store::load run inside this call, while Chromium's GPU process comes up, instead of after
    // a context creation that waits for it (~0.2-0.3 s at a cold start, docs/storage.md).
    dd::web::persistence_start(*web);

    if (!create_window(*web) || !dd::web::renderer_init(web->renderer)) {
        dd_show_fatal("Dealdeck could not start WebGL2 drawing in this browser.");
        return 1;
    }
    dd_mark("dd-context-made");
    dd::web::input_install(*web);
    dd::web::clipboard_install(*web);
    dd::web::bridge_install(*web);

    dd::web::scheduler_start(web->scheduler, draw_frame, web);
    return 0;
}
