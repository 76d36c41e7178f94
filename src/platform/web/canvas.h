// The canvas fills the window (CSS) and its backing store follows the CSS size times the
// devicePixelRatio, so text is crisp at DPR 2. Emscripten 3.1.6's GLFW knows nothing of DPR,
// so we size the backing store ourselves and give ImGui CSS pixels + a framebuffer scale.
#pragma once

namespace dd::web {

inline constexpr const char* kCanvasSelector = "#canvas";

struct Canvas {
    double css_w = 0, css_h = 0;   // CSS pixels
    int fb_w = 0, fb_h = 0;        // backing-store pixels
    double dpr = 0;                // 0 until the first sync
};

struct CanvasChange {
    bool resized = false;
    bool dpr_changed = false;      // fonts must be rasterized again
};

// Reads the CSS size and the DPR and resizes the backing store when they changed. Cheap.
CanvasChange canvas_sync(Canvas& c);

}  // namespace dd::web
