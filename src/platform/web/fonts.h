// The UI fonts in the browser: files preloaded into Emscripten's virtual file system under
// /fonts (the build copies them from Debian's packages into dealdeck.data, never the wasm),
// rasterized at the current devicePixelRatio and uploaded as the renderer's font texture.
#pragma once
#include "platform/web/renderer_webgl2.h"
#include "ui/ui_fonts.h"

namespace dd::web {

// Builds the atlas for `dpr` (CPU only: no WebGL2 context needed) and sets
// io.FontGlobalScale = 1 / dpr. The renderer's texture is then made by renderer_upload_fonts.
void build_fonts_for_dpr(ui::UiFonts& fonts, double dpr);
// Both: a new devicePixelRatio (the window moved to another screen, the page was zoomed).
void load_fonts_for_dpr(Renderer& r, ui::UiFonts& fonts, double dpr);

}  // namespace dd::web
