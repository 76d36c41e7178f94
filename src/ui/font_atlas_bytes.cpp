#include "ui/font_atlas_bytes.h"

#include "core/byte_io.h"
#include "core/journal_format.h"
#include "imgui.h"
#include "imgui_internal.h"

#include <cstring>
#include <vector>

// The bytes, all integers little-endian, floats as their IEEE bits:
//   "DDFA" | u32 version | u32 fingerprint | u32 width | u32 height
//   u32 rects   | per custom rectangle: u16 width, height, x, y
//   u32 fonts   | per font: f32 ascent, descent | u32 glyphs | per glyph: u32 codepoint, f32 advance,
//                 x0, y0, x1, y1, u0, v0, u1, v1
//   width * height Alpha8 pixels | u32 CRC-32 of everything before it
// What ImFontAtlasBuildFinish() derives (lookup tables, white pixel and line UVs, the tab glyph)
// is not stored: restore_font_atlas runs it, as every builder of ImGui does.

namespace dd::ui {
namespace {

constexpr char kMagic[4] = {'D', 'D', 'F', 'A'};
constexpr uint32_t kVersion = 1;

void put_f32(std::string& out, float v) {
    uint32_t bits;
    std::memcpy(&bits, &v, 4);
    bytes::put_u32(out, bits);
}

float get_f32(bytes::ByteReader& in) {
    const uint32_t bits = in.u32();
    float v;
    std::memcpy(&v, &bits, 4);
    return v;
}

void put_u16(std::string& out, unsigned v) {
    out.push_back(char(v & 0xff));
    out.push_back(char((v >> 8) & 0xff));
}

unsigned get_u16(bytes::ByteReader& in) {
    const unsigned lo = in.u8();
    return lo | unsigned(in.u8()) << 8;
}

int font_index(const ImFontAtlas& atlas, const ImFont* font) {
    for (int i = 0; i < atlas.Fonts.Size; ++i)
        if (atlas.Fonts[i] == font) return i;
    return -1;
}

// Every font's configurations set it up once each (ImFontAtlasBuildSetupFont), as the stb_truetype
// builder does for a source with glyphs; a source without any would break that count.
bool every_source_set_up(const ImFontAtlas& atlas) {
    for (const ImFont* font : atlas.Fonts) {
        int sources = 0;
        for (const ImFontConfig& cfg : atlas.ConfigData) sources += cfg.DstFont == font ? 1 : 0;
        if (font->ConfigDataCount != sources) return false;
    }
    return true;
}

// The tab glyph is appended by BuildLookupTable (restore runs it again): not stored.
int stored_glyph_count(const ImFont& font) {
    const int n = font.Glyphs.Size;
    return n > 0 && font.Glyphs[n - 1].Codepoint == '\t' ? n - 1 : n;
}

struct StoredFont {
    float ascent = 0, descent = 0;
    std::vector<ImFontGlyph> glyphs;
};

}  // namespace

uint32_t font_atlas_fingerprint(const ImFontAtlas& atlas) {
    std::string in;
    bytes::put_u32(in, IMGUI_VERSION_NUM);
    bytes::put_u32(in, uint32_t(sizeof(ImWchar)));
    bytes::put_u32(in, uint32_t(atlas.Flags));
    bytes::put_u32(in, uint32_t(atlas.TexDesiredWidth));
    bytes::put_u32(in, uint32_t(atlas.TexGlyphPadding));
    bytes::put_u32(in, uint32_t(atlas.Fonts.Size));
    for (const ImFontConfig& cfg : atlas.ConfigData) {
        const char* data = static_cast<const char*>(cfg.FontData);
        bytes::put_u32(in, journal::crc32(std::string_view(data, data ? size_t(cfg.FontDataSize) : 0)));
        bytes::put_u32(in, uint32_t(cfg.FontDataSize));
        bytes::put_u32(in, uint32_t(cfg.FontNo));
        put_f32(in, cfg.SizePixels);
        bytes::put_u32(in, uint32_t(cfg.OversampleH));
        bytes::put_u32(in, uint32_t(cfg.OversampleV));
        bytes::put_u32(in, cfg.PixelSnapH ? 1 : 0);
        put_f32(in, cfg.GlyphExtraSpacing.x);
        put_f32(in, cfg.GlyphExtraSpacing.y);
        put_f32(in, cfg.GlyphOffset.x);
        put_f32(in, cfg.GlyphOffset.y);
        put_f32(in, cfg.GlyphMinAdvanceX);
        put_f32(in, cfg.GlyphMaxAdvanceX);
        bytes::put_u32(in, cfg.MergeMode ? 1 : 0);
        bytes::put_u32(in, cfg.FontBuilderFlags);
        put_f32(in, cfg.RasterizerMultiply);
        bytes::put_u32(in, uint32_t(cfg.EllipsisChar));
        bytes::put_u32(in, uint32_t(font_index(atlas, cfg.DstFont)));
        // No ranges means ImGui's default ones (AddFont* always sets them; kept distinct anyway).
        for (const ImWchar* r = cfg.GlyphRanges; r && *r; ++r) bytes::put_u32(in, uint32_t(*r));
        bytes::put_u32(in, 0);
    }
    for (const ImFontAtlasCustomRect& r : atlas.CustomRects) {
        put_u16(in, r.Width);
        put_u16(in, r.Height);
        bytes::put_u32(in, r.GlyphID);
        bytes::put_u32(in, uint32_t(font_index(atlas, r.Font)));
    }
    return journal::crc32(in);
}

std::string save_font_atlas(const ImFontAtlas& atlas) {
    if (!atlas.TexReady || !atlas.TexPixelsAlpha8 || atlas.TexWidth <= 0 || atlas.TexHeight <= 0) return {};
    if (!every_source_set_up(atlas)) return {};
    for (const ImFontAtlasCustomRect& r : atlas.CustomRects)
        if (r.Font != nullptr || !r.IsPacked()) return {};
    for (const ImFont* font : atlas.Fonts)
        for (const ImFontGlyph& g : font->Glyphs)
            if (g.Colored) return {};

    std::string out(kMagic, 4);
    bytes::put_u32(out, kVersion);
    bytes::put_u32(out, font_atlas_fingerprint(atlas));
    bytes::put_u32(out, uint32_t(atlas.TexWidth));
    bytes::put_u32(out, uint32_t(atlas.TexHeight));
    bytes::put_u32(out, uint32_t(atlas.CustomRects.Size));
    for (const ImFontAtlasCustomRect& r : atlas.CustomRects) {
        put_u16(out, r.Width);
        put_u16(out, r.Height);
        put_u16(out, r.X);
        put_u16(out, r.Y);
    }
    bytes::put_u32(out, uint32_t(atlas.Fonts.Size));
    for (const ImFont* font : atlas.Fonts) {
        put_f32(out, font->Ascent);
        put_f32(out, font->Descent);
        const int count = stored_glyph_count(*font);
        bytes::put_u32(out, uint32_t(count));
        for (int i = 0; i < count; ++i) {
            const ImFontGlyph& g = font->Glyphs[i];
            bytes::put_u32(out, g.Codepoint);
            for (float v : {g.AdvanceX, g.X0, g.Y0, g.X1, g.Y1, g.U0, g.V0, g.U1, g.V1}) put_f32(out, v);
        }
    }
    out.append(reinterpret_cast<const char*>(atlas.TexPixelsAlpha8), size_t(atlas.TexWidth) * size_t(atlas.TexHeight));
    bytes::put_u32(out, journal::crc32(out));
    return out;
}

bool restore_font_atlas(ImFontAtlas& atlas, std::string_view stored) {
    if (stored.size() < 12 || std::memcmp(stored.data(), kMagic, 4) != 0) return false;
    const std::string_view body = stored.substr(0, stored.size() - 4);
    if (journal::crc32(body) != bytes::get_u32(stored.data() + body.size())) return false;
    if (atlas.ConfigData.Size == 0 || atlas.Locked) return false;
    // The default rectangles (white pixel, mouse cursors, baked lines) are registered first, as
    // Build() does: the fingerprint covers them.
    ImFontAtlasBuildInit(&atlas);
    for (const ImFontConfig& cfg : atlas.ConfigData)
        if (font_index(atlas, cfg.DstFont) < 0) return false;

    // Everything is read and checked before the atlas is changed.
    bytes::ByteReader in(body.substr(4));
    if (in.u32() != kVersion || in.u32() != font_atlas_fingerprint(atlas)) return false;
    const uint32_t width = in.u32(), height = in.u32();
    if (width == 0 || height == 0 || width > 16384 || height > 16384) return false;
    if (in.u32() != uint32_t(atlas.CustomRects.Size)) return false;
    std::vector<unsigned> rect_xy;
    for (const ImFontAtlasCustomRect& r : atlas.CustomRects) {
        const unsigned w = get_u16(in), h = get_u16(in), x = get_u16(in), y = get_u16(in);
        if (w != r.Width || h != r.Height || x + w > width || y + h > height) return false;
        rect_xy.push_back(x);
        rect_xy.push_back(y);
    }
    if (in.u32() != uint32_t(atlas.Fonts.Size)) return false;
    std::vector<StoredFont> fonts(size_t(atlas.Fonts.Size));
    for (StoredFont& font : fonts) {
        font.ascent = get_f32(in);
        font.descent = get_f32(in);
        const uint32_t count = in.u32();
        if (in.failed() || uint64_t(count) * 40 > in.remaining()) return false;
        font.glyphs.resize(count);
        for (ImFontGlyph& g : font.glyphs) {
            g.Codepoint = in.u32() & 0x3fffffffu;
            g.AdvanceX = get_f32(in);
            for (float* v : {&g.X0, &g.Y0, &g.X1, &g.Y1, &g.U0, &g.V0, &g.U1, &g.V1}) *v = get_f32(in);
        }
    }
    const std::string_view pixels = in.take(uint64_t(width) * height);
    if (in.failed() || in.remaining() != 0) return false;

    // What ImFontAtlasBuildWithStbTruetype does, with the rasterizer's results read back.
    atlas.TexID = nullptr;
    atlas.ClearTexData();
    atlas.TexWidth = int(width);
    atlas.TexHeight = int(height);
    atlas.TexUvScale = ImVec2(1.0f / float(width), 1.0f / float(height));
    atlas.TexPixelsAlpha8 = static_cast<unsigned char*>(IM_ALLOC(pixels.size()));
    std::memcpy(atlas.TexPixelsAlpha8, pixels.data(), pixels.size());
    for (int i = 0; i < atlas.CustomRects.Size; ++i) {
        atlas.CustomRects[i].X = static_cast<unsigned short>(rect_xy[size_t(i) * 2]);
        atlas.CustomRects[i].Y = static_cast<unsigned short>(rect_xy[size_t(i) * 2 + 1]);
    }
    for (ImFontConfig& cfg : atlas.ConfigData) {
        const StoredFont& font = fonts[size_t(font_index(atlas, cfg.DstFont))];
        ImFontAtlasBuildSetupFont(&atlas, cfg.DstFont, &cfg, font.ascent, font.descent);
    }
    for (int i = 0; i < atlas.Fonts.Size; ++i) {
        ImFont* font = atlas.Fonts[i];
        // No config: the stored glyphs already have its clamping, snapping and spacing applied.
        for (const ImFontGlyph& g : fonts[size_t(i)].glyphs)
            font->AddGlyph(nullptr, ImWchar(g.Codepoint), g.X0, g.Y0, g.X1, g.Y1, g.U0, g.V0, g.U1, g.V1, g.AdvanceX);
    }
    ImFontAtlasBuildFinish(&atlas);
    return true;
}

}  // namespace dd::ui
