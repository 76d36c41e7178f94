// A built ImFontAtlas as bytes, and back.
//
// Why: rasterizing the UI's fonts (four sizes of Inter, a CFF font, ~1,300 codepoints each, plus
// icons) takes ~150 ms of a cold start in WASM, on the page's only thread, before the first frame.
// A start that finds the bytes of an earlier build of the very same fonts copies them instead
// (platform/web/fonts.cpp keeps them in IndexedDB).
//
// The bytes carry a fingerprint of everything a build reads (the font files' bytes, sizes, glyph
// ranges, options, the atlas's settings, ImGui's version) and a CRC-32 of themselves: bytes made
// for other fonts, another pixel scale or another ImGui, or damaged ones, are refused whole and the
// caller rasterizes as before. Never half-used.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

struct ImFontAtlas;

namespace dd::ui {

// The fingerprint of the atlas's inputs: its fonts as added (AddFont*), built or not.
uint32_t font_atlas_fingerprint(const ImFontAtlas& atlas);

// `atlas` built (Alpha8 pixels). Empty when it holds what these bytes do not describe (colored
// glyphs, glyphs of custom rectangles): such an atlas is never cached.
std::string save_font_atlas(const ImFontAtlas& atlas);

// `atlas` holds its fonts as added, not yet built. True: it is now built from `bytes`, exactly
// as Build() would have built it. False: `bytes` are not for these fonts or are damaged, and the
// atlas is still unbuilt (its default rectangles may be registered, which Build() does first
// anyway), so Build() then makes the same atlas as without the attempt.
bool restore_font_atlas(ImFontAtlas& atlas, std::string_view bytes);

}  // namespace dd::ui
