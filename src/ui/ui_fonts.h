// The UI's fonts: Inter (regular and semibold) with Font Awesome 4.7 icons merged in.
// Rasterized at `pixel_scale` (the devicePixelRatio) for crisp text; sizes below are CSS pixels.
// Callers set io.FontGlobalScale = 1 / pixel_scale so layout stays in CSS pixels.
#pragma once
#include <string>
#include <string_view>

struct ImFont;
struct ImFontAtlas;

namespace dd::ui {

struct FontFiles {
    std::string regular;    // Inter-Regular.otf
    std::string semibold;   // Inter-SemiBold.otf
    std::string icons;      // fontawesome-webfont.ttf
};

struct UiFonts {
    ImFont* body = nullptr;      // 14 px: almost everything
    ImFont* strong = nullptr;    // 14 px semibold: emphasis, buttons of note
    ImFont* heading = nullptr;   // 18 px semibold: card and section titles
    ImFont* small = nullptr;     // 12 px: captions, chips
};

inline constexpr float kBodySize = 14.0f;
inline constexpr float kHeadingSize = 18.0f;
inline constexpr float kSmallSize = 12.0f;

struct FontsAdded {
    bool all_found = true;    // false: a file was missing and ImGui's built-in font stands in
    bool from_cache = false;  // the atlas was restored from `cached`, not rasterized
};

// Clears the atlas, adds the fonts and builds it. A missing file falls back to ImGui's built-in
// font (all_found false, so the caller can log it); the atlas still builds. `cached`: the bytes
// of an earlier build (save_font_atlas, font_atlas_bytes.h); used when they are for these very
// fonts at this scale, else the atlas is rasterized as if they were not there.
FontsAdded add_ui_fonts(ImFontAtlas& atlas, const FontFiles& files, float pixel_scale, UiFonts& out,
                        std::string_view cached = {});

// Where Debian's packages put the fonts (build machine, native tests).
FontFiles system_font_files();

}  // namespace dd::ui
