#include "platform/web/fonts.h"

#include "imgui.h"
#include "platform/web/font_cache.h"
#include "ui/font_atlas_bytes.h"

#include <cstdio>

namespace dd::web {

ui::FontsAdded load_fonts_for_dpr(Renderer& r, ui::UiFonts& fonts, double dpr) {
    ImGuiIO& io = ImGui::GetIO();
    const ui::FontFiles files{"/fonts/Inter-Regular.otf", "/fonts/Inter-SemiBold.otf", "/fonts/fontawesome-webfont.ttf"};
    const std::string key = font_cache_key(dpr);
    const CachedBytes cached = font_cache_take(key);
    const ui::FontsAdded added = ui::add_ui_fonts(*io.Fonts, files, float(dpr), fonts, cached.view());
    if (!added.all_found)
        std::fprintf(stderr, "dealdeck: a UI font is missing from /fonts; using ImGui's built-in font\n");
    // Rasterized now: kept for the next start (replacing bytes that were refused). An atlas with a
    // stand-in font is not kept: the next start may find the files.
    else if (!added.from_cache)
        font_cache_store(key, ui::save_font_atlas(*io.Fonts));
    io.FontGlobalScale = 1.0f / float(dpr);
    renderer_upload_fonts(r, *io.Fonts);
    return added;
}

}  // namespace dd::web
