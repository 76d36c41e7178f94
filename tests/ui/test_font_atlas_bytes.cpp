// The font atlas cache (ui/font_atlas_bytes.h): an atlas restored from the bytes of an earlier
// build must be the very atlas the rasterizer builds, and bytes that are not for these fonts
// must never be used.
#include "doctest/doctest.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "ui/font_atlas_bytes.h"
#include "ui/ui_fonts.h"

#include <cstring>
#include <string>
#include <vector>

namespace {

using dd::ui::FontsAdded;
using dd::ui::UiFonts;

void check_same_glyph(const ImFontGlyph& a, const ImFontGlyph& b) {
    CHECK(a.Codepoint == b.Codepoint);
    CHECK(a.Visible == b.Visible);
    CHECK(a.Colored == b.Colored);
    CHECK(a.AdvanceX == b.AdvanceX);
    CHECK(a.X0 == b.X0);
    CHECK(a.Y0 == b.Y0);
    CHECK(a.X1 == b.X1);
    CHECK(a.Y1 == b.Y1);
    CHECK(a.U0 == b.U0);
    CHECK(a.V0 == b.V0);
    CHECK(a.U1 == b.U1);
    CHECK(a.V1 == b.V1);
}

// Every output of a build that drawing reads.
void check_same_atlas(const ImFontAtlas& a, const ImFontAtlas& b) {
    CHECK(b.TexReady);
    REQUIRE(a.TexWidth == b.TexWidth);
    REQUIRE(a.TexHeight == b.TexHeight);
    REQUIRE(b.TexPixelsAlpha8 != nullptr);
    CHECK(std::memcmp(a.TexPixelsAlpha8, b.TexPixelsAlpha8, size_t(a.TexWidth) * size_t(a.TexHeight)) == 0);
    CHECK(a.TexUvScale.x == b.TexUvScale.x);
    CHECK(a.TexUvScale.y == b.TexUvScale.y);
    CHECK(a.TexUvWhitePixel.x == b.TexUvWhitePixel.x);
    CHECK(a.TexUvWhitePixel.y == b.TexUvWhitePixel.y);
    for (int i = 0; i <= IM_DRAWLIST_TEX_LINES_WIDTH_MAX; ++i) {
        CHECK(a.TexUvLines[i].x == b.TexUvLines[i].x);
        CHECK(a.TexUvLines[i].y == b.TexUvLines[i].y);
        CHECK(a.TexUvLines[i].z == b.TexUvLines[i].z);
        CHECK(a.TexUvLines[i].w == b.TexUvLines[i].w);
    }
    REQUIRE(a.CustomRects.Size == b.CustomRects.Size);
    for (int i = 0; i < a.CustomRects.Size; ++i) {
        CHECK(a.CustomRects[i].X == b.CustomRects[i].X);
        CHECK(a.CustomRects[i].Y == b.CustomRects[i].Y);
    }
    REQUIRE(a.Fonts.Size == b.Fonts.Size);
    for (int f = 0; f < a.Fonts.Size; ++f) {
        const ImFont& fa = *a.Fonts[f];
        const ImFont& fb = *b.Fonts[f];
        CAPTURE(f);
        CHECK(fa.FontSize == fb.FontSize);
        CHECK(fa.Ascent == fb.Ascent);
        CHECK(fa.Descent == fb.Descent);
        CHECK(fa.ConfigDataCount == fb.ConfigDataCount);
        CHECK(fa.FallbackChar == fb.FallbackChar);
        CHECK(fa.EllipsisChar == fb.EllipsisChar);
        CHECK(fa.DotChar == fb.DotChar);
        CHECK(fa.FallbackAdvanceX == fb.FallbackAdvanceX);
        CHECK(fa.MetricsTotalSurface == fb.MetricsTotalSurface);
        CHECK(std::memcmp(fa.Used4kPagesMap, fb.Used4kPagesMap, sizeof fa.Used4kPagesMap) == 0);
        REQUIRE(fa.Glyphs.Size == fb.Glyphs.Size);
        for (int g = 0; g < fa.Glyphs.Size; ++g) check_same_glyph(fa.Glyphs[g], fb.Glyphs[g]);
        REQUIRE(fa.IndexAdvanceX.Size == fb.IndexAdvanceX.Size);
        CHECK(std::memcmp(fa.IndexAdvanceX.Data, fb.IndexAdvanceX.Data, size_t(fa.IndexAdvanceX.size_in_bytes())) == 0);
        REQUIRE(fa.IndexLookup.Size == fb.IndexLookup.Size);
        CHECK(std::memcmp(fa.IndexLookup.Data, fb.IndexLookup.Data, size_t(fa.IndexLookup.size_in_bytes())) == 0);
        REQUIRE(fb.FallbackGlyph != nullptr);
        CHECK(fa.FallbackGlyph - fa.Glyphs.Data == fb.FallbackGlyph - fb.Glyphs.Data);
    }
}

// The vertices ImGui draws for `text` in `font`: what the user sees of a font.
std::vector<ImDrawVert> drawn_text(const ImFontAtlas& atlas, ImFont* font, const char* text) {
    ImDrawListSharedData shared;
    shared.TexUvWhitePixel = atlas.TexUvWhitePixel;
    shared.TexUvLines = atlas.TexUvLines;
    shared.Font = font;
    shared.FontSize = font->FontSize;
    ImDrawList list(&shared);
    list._ResetForNewFrame();
    list.PushClipRect(ImVec2(0, 0), ImVec2(4000, 400));
    list.AddText(font, font->FontSize, ImVec2(10.5f, 20.25f), IM_COL32(20, 30, 40, 255), text);
    list.AddText(font, font->FontSize, ImVec2(10, 60), IM_COL32_WHITE, text, nullptr, 120.0f);   // wrapped
    return std::vector<ImDrawVert>(list.VtxBuffer.begin(), list.VtxBuffer.end());
}

bool same_vertices(const std::vector<ImDrawVert>& a, const std::vector<ImDrawVert>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (a[i].pos.x != b[i].pos.x || a[i].pos.y != b[i].pos.y || a[i].uv.x != b[i].uv.x ||
            a[i].uv.y != b[i].uv.y || a[i].col != b[i].col)
            return false;
    return true;
}

// A sample of what the app writes: Latin with diacritics, Cyrillic, Greek, Vietnamese, a tab, a
// currency sign, an ellipsis, icons (Font Awesome, merged in), and a codepoint no font has.
const char* const kSampleText =
    "Acme Łukasz Dvořák Ș Ж ω Việt\t€1,234.50 \xe2\x80\xa6 \xef\x80\x87 \xef\x83\x89 \xe4\xb8\xad";

FontsAdded add_fonts(ImFontAtlas& atlas, float scale, UiFonts& out, std::string_view cached = {}) {
    return dd::ui::add_ui_fonts(atlas, dd::ui::system_font_files(), scale, out, cached);
}

}  // namespace

TEST_CASE("a font atlas restored from its bytes is the atlas the rasterizer built, and draws the same") {
    for (float scale : {1.0f, 2.0f}) {
        CAPTURE(scale);
        ImFontAtlas built;
        UiFonts built_fonts;
        const FontsAdded first = add_fonts(built, scale, built_fonts);
        REQUIRE(first.all_found);
        CHECK_FALSE(first.from_cache);
        const std::string bytes = dd::ui::save_font_atlas(built);
        REQUIRE_FALSE(bytes.empty());

        ImFontAtlas restored;
        UiFonts restored_fonts;
        const FontsAdded second = add_fonts(restored, scale, restored_fonts, bytes);
        CHECK(second.all_found);
        REQUIRE(second.from_cache);
        check_same_atlas(built, restored);
        // Saved again, the restored atlas gives the same bytes.
        CHECK(dd::ui::save_font_atlas(restored) == bytes);

        for (auto [a, b] : {std::pair{built_fonts.body, restored_fonts.body}, {built_fonts.strong, restored_fonts.strong},
                            {built_fonts.heading, restored_fonts.heading}, {built_fonts.small, restored_fonts.small}}) {
            const std::vector<ImDrawVert> drawn = drawn_text(built, a, kSampleText);
            CHECK(drawn.size() > 100);
            CHECK(same_vertices(drawn, drawn_text(restored, b, kSampleText)));
            const ImVec2 size_a = a->CalcTextSizeA(a->FontSize, 1e9f, 150.0f, kSampleText);
            const ImVec2 size_b = b->CalcTextSizeA(b->FontSize, 1e9f, 150.0f, kSampleText);
            CHECK(size_a.x == size_b.x);
            CHECK(size_a.y == size_b.y);
        }
    }
}

TEST_CASE("font atlas bytes for another scale or other fonts are refused: the atlas is rasterized instead") {
    ImFontAtlas at_one;
    UiFonts fonts;
    add_fonts(at_one, 1.0f, fonts);
    const std::string bytes = dd::ui::save_font_atlas(at_one);
    REQUIRE_FALSE(bytes.empty());

    // Another devicePixelRatio: the cached atlas is refused and the new one is built at its scale.
    ImFontAtlas at_two;
    UiFonts fonts_two;
    const FontsAdded added = add_fonts(at_two, 2.0f, fonts_two, bytes);
    CHECK_FALSE(added.from_cache);
    CHECK(at_two.TexReady);
    ImFontAtlas fresh_two;
    UiFonts fonts_fresh;
    add_fonts(fresh_two, 2.0f, fonts_fresh);
    check_same_atlas(fresh_two, at_two);

    // Other font files (regular and semibold swapped): same sizes, other glyphs.
    dd::ui::FontFiles swapped = dd::ui::system_font_files();
    std::swap(swapped.regular, swapped.semibold);
    ImFontAtlas other;
    UiFonts other_fonts;
    CHECK_FALSE(dd::ui::add_ui_fonts(other, swapped, 1.0f, other_fonts, bytes).from_cache);

    // Another option (a glyph padding): refused too.
    ImFontAtlas padded;
    padded.TexGlyphPadding = 2;
    UiFonts padded_fonts;
    CHECK_FALSE(add_fonts(padded, 1.0f, padded_fonts, bytes).from_cache);
}

// Bytes broken in each part the reader checks: a pixel, the version, the length.
std::vector<std::string> damaged_copies(const std::string& bytes) {
    std::vector<std::string> bad;
    std::string flipped = bytes;
    flipped[bytes.size() / 2] = char(flipped[bytes.size() / 2] ^ 0x10);
    bad.push_back(flipped);
    std::string header = bytes;
    header[5] = char(header[5] ^ 1);
    bad.push_back(header);
    bad.push_back(bytes.substr(0, bytes.size() - 1));
    bad.push_back(bytes.substr(0, 11));
    bad.push_back(std::string());
    bad.push_back(bytes + "x");
    return bad;
}

TEST_CASE("damaged or truncated font atlas bytes are refused: the UI fonts are rasterized instead") {
    ImFontAtlas built;
    UiFonts fonts;
    add_fonts(built, 1.0f, fonts);
    const std::string bytes = dd::ui::save_font_atlas(built);
    REQUIRE(bytes.size() > 1000);
    for (const std::string& b : damaged_copies(bytes)) {
        CAPTURE(b.size());
        ImFontAtlas again;
        UiFonts again_fonts;
        CHECK_FALSE(add_fonts(again, 1.0f, again_fonts, b).from_cache);
        check_same_atlas(built, again);
    }
}

TEST_CASE("restore_font_atlas leaves an atlas it refuses unbuilt, and builds it from good bytes") {
    ImFontConfig cfg;
    cfg.SizePixels = 14.0f;
    ImFontAtlas built;
    built.AddFontDefault(&cfg);
    built.Build();
    const std::string bytes = dd::ui::save_font_atlas(built);
    REQUIRE_FALSE(bytes.empty());
    for (const std::string& b : damaged_copies(bytes)) {
        CAPTURE(b.size());
        ImFontAtlas atlas;
        atlas.AddFontDefault(&cfg);
        CHECK_FALSE(dd::ui::restore_font_atlas(atlas, b));
        CHECK_FALSE(atlas.TexReady);
        CHECK(atlas.TexPixelsAlpha8 == nullptr);
        CHECK(atlas.Fonts[0]->Glyphs.Size == 0);
    }
    ImFontAtlas atlas;
    atlas.AddFontDefault(&cfg);
    REQUIRE(dd::ui::restore_font_atlas(atlas, bytes));
    check_same_atlas(built, atlas);
}

TEST_CASE("an atlas not built has no bytes to save") {
    ImFontAtlas atlas;
    ImFontConfig cfg;
    cfg.SizePixels = 14.0f;
    atlas.AddFontDefault(&cfg);
    CHECK(dd::ui::save_font_atlas(atlas).empty());
    atlas.Build();
    CHECK_FALSE(dd::ui::save_font_atlas(atlas).empty());
}
