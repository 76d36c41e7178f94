// Our small WebGL2 renderer for ImGui's draw lists (GLSL ES 3.00 shaders in shaders/, embedded
// at build time). Only one texture exists: the font atlas, uploaded as R8 (coverage).
#pragma once
#include <GLES3/gl3.h>

struct ImDrawData;
struct ImFontAtlas;

namespace dd::web {

struct Renderer {
    GLuint program = 0;
    GLuint vao = 0;
    GLuint vbo = 0;
    GLuint ibo = 0;
    GLuint font_texture = 0;
    GLint u_projection = -1;
    GLint u_texture = -1;
};

// Compiles the shaders and creates the buffers. False (with a console message) on failure.
bool renderer_init(Renderer& r);
// (Re)uploads the font atlas (after a DPR change) and hands its texture id to ImGui.
void renderer_upload_fonts(Renderer& r, ImFontAtlas& atlas);
// Clears to `clear_rgb` (0xRRGGBB) and draws; fb_w/fb_h are the canvas backing-store size.
void renderer_draw(Renderer& r, const ImDrawData& data, int fb_w, int fb_h, unsigned clear_rgb);

}  // namespace dd::web
