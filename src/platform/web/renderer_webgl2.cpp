#include "platform/web/renderer_webgl2.h"

#include "imgui.h"
#include "platform/web/shaders_embedded.h"   // generated from shaders/ by CMake

#include <cstddef>
#include <cstdio>

namespace dd::web {
namespace {

GLuint compile(GLenum kind, const char* source) {
    GLuint shader = glCreateShader(kind);
    glShaderSource(shader, 1, &source, nullptr);
    glCompileShader(shader);
    GLint ok = 0;
    glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        char log[1024] = {};
        glGetShaderInfoLog(shader, sizeof log, nullptr, log);
        std::fprintf(stderr, "dealdeck: %s shader: %s\n", kind == GL_VERTEX_SHADER ? "vertex" : "fragment", log);
        glDeleteShader(shader);
        return 0;
    }
    return shader;
}

}  // namespace

bool renderer_init(Renderer& r) {
    GLuint vs = compile(GL_VERTEX_SHADER, shaders::kImguiVert);
    GLuint fs = compile(GL_FRAGMENT_SHADER, shaders::kImguiFrag);
    if (!vs || !fs) return false;
    r.program = glCreateProgram();
    glAttachShader(r.program, vs);
    glAttachShader(r.program, fs);
    glLinkProgram(r.program);
    glDeleteShader(vs);
    glDeleteShader(fs);
    GLint ok = 0;
    glGetProgramiv(r.program, GL_LINK_STATUS, &ok);
    if (!ok) {
        char log[1024] = {};
        glGetProgramInfoLog(r.program, sizeof log, nullptr, log);
        std::fprintf(stderr, "dealdeck: shader link: %s\n", log);
        return false;
    }
    r.u_projection = glGetUniformLocation(r.program, "u_projection");
    r.u_texture = glGetUniformLocation(r.program, "u_texture");

    glGenVertexArrays(1, &r.vao);
    glGenBuffers(1, &r.vbo);
    glGenBuffers(1, &r.ibo);
    glBindVertexArray(r.vao);
    glBindBuffer(GL_ARRAY_BUFFER, r.vbo);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, r.ibo);   // recorded in the VAO
    glEnableVertexAttribArray(0);
    glEnableVertexAttribArray(1);
    glEnableVertexAttribArray(2);
    const GLsizei stride = sizeof(ImDrawVert);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(offsetof(ImDrawVert, pos)));
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(offsetof(ImDrawVert, uv)));
    glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride, reinterpret_cast<void*>(offsetof(ImDrawVert, col)));
    glBindVertexArray(0);
    return true;
}

void renderer_upload_fonts(Renderer& r, ImFontAtlas& atlas) {
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    atlas.GetTexDataAsAlpha8(&pixels, &w, &h);
    if (!r.font_texture) glGenTextures(1, &r.font_texture);
    glBindTexture(GL_TEXTURE_2D, r.font_texture);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, w, h, 0, GL_RED, GL_UNSIGNED_BYTE, pixels);
    atlas.SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(r.font_texture)));
    atlas.ClearTexData();   // the GPU has it now; free the CPU copy
}

void renderer_draw(Renderer& r, const ImDrawData& data, int fb_w, int fb_h, unsigned clear_rgb) {
    glViewport(0, 0, fb_w, fb_h);
    glDisable(GL_SCISSOR_TEST);
    glClearColor(float((clear_rgb >> 16) & 0xff) / 255.0f, float((clear_rgb >> 8) & 0xff) / 255.0f,
                 float(clear_rgb & 0xff) / 255.0f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    if (fb_w <= 0 || fb_h <= 0) return;

    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glDisable(GL_CULL_FACE);
    glDisable(GL_DEPTH_TEST);
    glEnable(GL_SCISSOR_TEST);

    // Orthographic projection of the display rectangle (CSS pixels) to clip space, y down.
    const float l = data.DisplayPos.x, rgt = data.DisplayPos.x + data.DisplaySize.x;
    const float t = data.DisplayPos.y, b = data.DisplayPos.y + data.DisplaySize.y;
    const float projection[16] = {
        2.0f / (rgt - l), 0, 0, 0,
        0, 2.0f / (t - b), 0, 0,
        0, 0, -1.0f, 0,
        (rgt + l) / (l - rgt), (t + b) / (b - t), 0, 1.0f,
    };
    glUseProgram(r.program);
    glUniformMatrix4fv(r.u_projection, 1, GL_FALSE, projection);
    glUniform1i(r.u_texture, 0);
    glActiveTexture(GL_TEXTURE0);
    glBindVertexArray(r.vao);

    const ImVec2 clip_off = data.DisplayPos;
    const ImVec2 scale = data.FramebufferScale;   // CSS pixels -> backing-store pixels
    for (int n = 0; n < data.CmdListsCount; ++n) {
        const ImDrawList* list = data.CmdLists[n];
        glBindBuffer(GL_ARRAY_BUFFER, r.vbo);
        glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(list->VtxBuffer.Size) * GLsizeiptr(sizeof(ImDrawVert)),
                     list->VtxBuffer.Data, GL_STREAM_DRAW);
        glBufferData(GL_ELEMENT_ARRAY_BUFFER, GLsizeiptr(list->IdxBuffer.Size) * GLsizeiptr(sizeof(ImDrawIdx)),
                     list->IdxBuffer.Data, GL_STREAM_DRAW);
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            if (cmd.UserCallback) {
                cmd.UserCallback(list, &cmd);
                continue;
            }
            const float x0 = (cmd.ClipRect.x - clip_off.x) * scale.x, y0 = (cmd.ClipRect.y - clip_off.y) * scale.y;
            const float x1 = (cmd.ClipRect.z - clip_off.x) * scale.x, y1 = (cmd.ClipRect.w - clip_off.y) * scale.y;
            if (x1 <= x0 || y1 <= y0) continue;
            glScissor(int(x0), int(float(fb_h) - y1), int(x1 - x0), int(y1 - y0));
            glBindTexture(GL_TEXTURE_2D, GLuint(reinterpret_cast<intptr_t>(cmd.GetTexID())));
            // WebGL2 has no base-vertex draws: ImGui splits lists past 64K vertices instead
            // (we do not set ImGuiBackendFlags_RendererHasVtxOffset), so VtxOffset is always 0.
            glDrawElements(GL_TRIANGLES, GLsizei(cmd.ElemCount), sizeof(ImDrawIdx) == 2 ? GL_UNSIGNED_SHORT : GL_UNSIGNED_INT,
                           reinterpret_cast<void*>(size_t(cmd.IdxOffset) * sizeof(ImDrawIdx)));
        }
    }
    glDisable(GL_SCISSOR_TEST);
    glBindVertexArray(0);
}

}  // namespace dd::web
