// The UI fonts in the browser: files preloaded into Emscripten's virtual file system under
// /fonts (the build copies them from Debian's packages into dealdeck.data, never the wasm),
// rasterized at the current devicePixelRatio (or restored from the font cache, font_cache.h)
// and uploaded as the renderer's font texture.
#pragma once
#include "platform/web/renderer_webgl2.h"
#include "ui/ui_fonts.h"

namespace dd::web {

// Rebuilds the atlas for `dpr`, uploads it and sets io.FontGlobalScale = 1 / dpr.
ui::FontsAdded load_fonts_for_dpr(Renderer& r, ui::UiFonts& fonts, double dpr);

}  // namespace dd::web
