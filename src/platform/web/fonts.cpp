#include "platform/web/fonts.h"

#include "imgui.h"

#include <cstdio>

namespace dd::web {

void load_fonts_for_dpr(Renderer& r, ui::UiFonts& fonts, double dpr) {
    ImGuiIO& io = ImGui::GetIO();
    const ui::FontFiles files{"/fonts/Inter-Regular.otf", "/fonts/Inter-SemiBold.otf", "/fonts/fontawesome-webfont.ttf"};
    if (!ui::add_ui_fonts(*io.Fonts, files, float(dpr), fonts))
        std::fprintf(stderr, "dealdeck: a UI font is missing from /fonts; using ImGui's built-in font\n");
    io.FontGlobalScale = 1.0f / float(dpr);
    renderer_upload_fonts(r, *io.Fonts);
}

}  // namespace dd::web
