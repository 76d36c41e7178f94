#include "ui/ui_fonts.h"

#include "imgui.h"
#include "ui/font_atlas_bytes.h"
#include "ui/icons.h"

#include <cstdio>
#include <vector>

namespace dd::ui {
namespace {

bool file_exists(const std::string& path) {
    if (path.empty()) return false;
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return false;
    std::fclose(f);
    return true;
}

// Latin text plus punctuation we use (en dash, ellipsis, arrows, bullet, euro...).
const ImWchar* text_ranges() {
    static const ImWchar ranges[] = {
        0x0020, 0x00FF,   // Basic Latin + Latin-1
        0x0100, 0x017F,   // Latin Extended-A (names: Łukasz, Dvořák)
        0x0180, 0x024F,   // Latin Extended-B (Romanian Ș Ț, Croatian digraphs)
        0x0370, 0x03FF,   // Greek
        0x0400, 0x052F,   // Cyrillic and its supplement
        0x1E00, 0x1EFF,   // Latin Extended Additional (Vietnamese)
        0x20B9, 0x20B9,   // rupee sign
        0x2013, 0x2026,   // dashes, quotes, bullet, ellipsis
        0x20AC, 0x20AC,   // euro sign
        0x2190, 0x2193,   // arrows
        0,
    };
    return ranges;
}

// Only the icons we use (see icons.h): the whole Font Awesome range would quadruple the atlas.
// The atlas keeps the pointer for as long as it lives (a rebuild and the cache's fingerprint read
// the ranges after add_ui_fonts returned), so the list is built once and never freed.
const ImWchar* icon_ranges() {
    static const std::vector<ImWchar> ranges = [] {
        ImFontGlyphRangesBuilder builder;
        for (const unsigned* cp = icons::kIconCodepoints; *cp; ++cp) builder.AddChar(ImWchar(*cp));
        ImVector<ImWchar> built;
        builder.BuildRanges(&built);
        return std::vector<ImWchar>(built.begin(), built.end());
    }();
    return ranges.data();
}

ImFont* add_one(ImFontAtlas& atlas, const std::string& text_file, const std::string& icon_file,
                float size_px, bool& all_found) {
    ImFontConfig cfg;
    cfg.OversampleH = 2;   // Inter's small sizes look best with a little horizontal oversampling
    cfg.OversampleV = 1;
    cfg.PixelSnapH = false;
    ImFont* font = nullptr;
    if (file_exists(text_file)) {
        font = atlas.AddFontFromFileTTF(text_file.c_str(), size_px, &cfg, text_ranges());
    }
    if (!font) {
        all_found = false;
        ImFontConfig fallback;
        fallback.SizePixels = size_px;
        font = atlas.AddFontDefault(&fallback);
    }
    if (file_exists(icon_file)) {
        ImFontConfig icons;
        icons.MergeMode = true;
        icons.PixelSnapH = true;
        icons.GlyphMinAdvanceX = size_px;   // icons line up in buttons of equal width
        icons.GlyphOffset = ImVec2(0.0f, size_px * 0.04f);
        atlas.AddFontFromFileTTF(icon_file.c_str(), size_px * 0.95f, &icons, icon_ranges());
    } else {
        all_found = false;
    }
    return font;
}

}  // namespace

FontsAdded add_ui_fonts(ImFontAtlas& atlas, const FontFiles& files, float pixel_scale, UiFonts& out,
                        std::string_view cached) {
    atlas.Clear();
    bool all_found = true;
    const float s = pixel_scale > 0.0f ? pixel_scale : 1.0f;
    out.body = add_one(atlas, files.regular, files.icons, kBodySize * s, all_found);
    out.strong = add_one(atlas, files.semibold, files.icons, kBodySize * s, all_found);
    out.heading = add_one(atlas, files.semibold, files.icons, kHeadingSize * s, all_found);
    out.small = add_one(atlas, files.regular, files.icons, kSmallSize * s, all_found);
    FontsAdded added;
    added.all_found = all_found;
    added.from_cache = !cached.empty() && restore_font_atlas(atlas, cached);
    if (!added.from_cache) atlas.Build();
    return added;
}

FontFiles system_font_files() {
    return FontFiles{
        "/usr/share/fonts/opentype/inter/Inter-Regular.otf",
        "/usr/share/fonts/opentype/inter/Inter-SemiBold.otf",
        "/usr/share/fonts/truetype/font-awesome/fontawesome-webfont.ttf",
    };
}

}  // namespace dd::ui
