#include "platform/web/canvas.h"

#include <cmath>
#include <emscripten/emscripten.h>
#include <emscripten/html5.h>

namespace dd::web {

CanvasChange canvas_sync(Canvas& c) {
    CanvasChange change;
    double w = 0, h = 0;
    emscripten_get_element_css_size(kCanvasSelector, &w, &h);
    double dpr = emscripten_get_device_pixel_ratio();
    if (dpr <= 0) dpr = 1;
    if (dpr != c.dpr) change.dpr_changed = true;
    const int fb_w = int(std::lround(w * dpr)), fb_h = int(std::lround(h * dpr));
    if (w != c.css_w || h != c.css_h || fb_w != c.fb_w || fb_h != c.fb_h) {
        change.resized = true;
        emscripten_set_canvas_element_size(kCanvasSelector, fb_w, fb_h);
    }
    c.css_w = w;
    c.css_h = h;
    c.fb_w = fb_w;
    c.fb_h = fb_h;
    c.dpr = dpr;
    return change;
}

}  // namespace dd::web
