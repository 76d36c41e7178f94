// Everything the running web app owns, in one struct created by main (main_web.cpp). Event
// callbacks receive a pointer to it as their user data: there are no globals.
#pragma once
#include "platform/web/canvas.h"
#include "platform/web/frame_scheduler.h"
#include "platform/web/frame_stats.h"
#include "platform/web/input.h"
#include "platform/web/renderer_webgl2.h"
#include "ui/app_state.h"

#include <string>

struct GLFWwindow;

namespace dd::web {

struct WebPersistence;   // persistence_web.cpp

struct WebApp {
    ui::App app;
    GLFWwindow* window = nullptr;
    Canvas canvas;
    Renderer renderer;
    FrameScheduler scheduler;
    FrameStats stats;
    InputState input;
    double last_frame_time = 0;     // emscripten_get_now() of the last frame
    int fonts_rasterized = 0;       // font atlases built by rasterizing, and restored from the
    int fonts_restored = 0;         // font cache (fonts.h), since the page loaded
    bool data_ready = false;        // the workspace is loaded: bridge `ready` may resolve
    std::string bridge_out;         // the last string handed to JS (valid until the next call)
    WebPersistence* persistence = nullptr;   // saving to IndexedDB (persistence_web.h)

    explicit WebApp(IdGenerator ids, uint64_t store_seed) : app(ids, store_seed) {}
};

}  // namespace dd::web
