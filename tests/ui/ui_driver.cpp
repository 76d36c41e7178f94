#include "ui_driver.h"

#include "core/ids.h"
#include "imgui.h"
#include "imgui_internal.h"

namespace dd::ui::test {

// Key codes of this headless "platform": ImGuiKey_* index = its own code (io.KeyMap identity).
UiDriver::UiDriver(float width, float height) : app(IdGenerator(42), 7) {
    ctx_ = ImGui::CreateContext();
    ImGui::SetCurrentContext(ctx_);
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(width, height);
    io.DeltaTime = float(frame_time_ms) / 1000.0f;
    for (int k = 0; k < ImGuiKey_COUNT; ++k) io.KeyMap[k] = k;
    fonts_from_system = add_ui_fonts(*io.Fonts, system_font_files(), 1.0f, app.ui.fonts).all_found;
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);   // builds the atlas on the CPU
    io.Fonts->SetTexID(nullptr);
    init_app_ui(app);
    load_starter_workspace(app, now);
    frame(2);
}

UiDriver::~UiDriver() {
    ImGui::DestroyContext(ctx_);
}

void UiDriver::frame(int count) {
    ImGui::SetCurrentContext(ctx_);
    for (int i = 0; i < count; ++i) {
        now += frame_time_ms;
        ImGui::GetIO().DeltaTime = float(frame_time_ms) / 1000.0f;
        last_output = app_frame(app, now);
    }
}

void UiDriver::resize(float width, float height) {
    ImGui::SetCurrentContext(ctx_);
    ImGui::GetIO().DisplaySize = ImVec2(width, height);
}

const ItemRecord* UiDriver::find(std::string_view label) const { return app.items.find(label); }

std::optional<ItemRecord> UiDriver::open_popup() const {
    const ImGuiContext& g = *ctx_;
    if (g.OpenPopupStack.empty()) return std::nullopt;
    const ImGuiWindow* w = g.OpenPopupStack.back().Window;
    if (!w || !w->Active || w->Hidden) return std::nullopt;   // opened, but not drawn (yet)
    ItemRecord r;
    r.id = w->ID;
    r.x = w->Pos.x, r.y = w->Pos.y, r.w = w->Size.x, r.h = w->Size.y;
    r.window = w->Name;
    return r;
}

void UiDriver::move_mouse(float x, float y) {
    ImGui::SetCurrentContext(ctx_);
    ImGui::GetIO().MousePos = ImVec2(x, y);
    frame();
}

bool UiDriver::click_at(float x, float y) {
    ImGuiIO& io = ImGui::GetIO();
    move_mouse(x, y);
    io.MouseDown[0] = true;
    frame();
    io.MouseDown[0] = false;
    frame(3);   // like the web scheduler: a few frames to settle (popups measure themselves first)
    return true;
}

bool UiDriver::click(std::string_view label) {
    const ItemRecord* item = find(label);
    if (!item) return false;
    const float x = item->center_x(), y = item->center_y();
    return click_at(x, y);
}

void UiDriver::drag(float x0, float y0, float x1, float y1, int steps) { drag_hold(x0, y0, x1, y1, steps, 0); }

void UiDriver::drag_hold(float x0, float y0, float x1, float y1, int steps, int hold_frames) {
    ImGui::SetCurrentContext(ctx_);
    ImGuiIO& io = ImGui::GetIO();
    move_mouse(x0, y0);
    io.MouseDown[0] = true;
    frame();
    for (int i = 1; i <= steps; ++i) {
        const float t = float(i) / float(steps);
        io.MousePos = ImVec2(x0 + (x1 - x0) * t, y0 + (y1 - y0) * t);
        frame();
    }
    frame(hold_frames);
    io.MouseDown[0] = false;
    frame(3);
}

void UiDriver::scroll_wheel(float x, float y, float wheel_y) {
    ImGui::SetCurrentContext(ctx_);
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(x, y);
    io.MouseWheel = wheel_y;
    frame();
    io.MouseWheel = 0;
    frame();
}

void UiDriver::right_click_at(float x, float y) {
    ImGuiIO& io = ImGui::GetIO();
    move_mouse(x, y);
    io.MouseDown[1] = true;
    frame();
    io.MouseDown[1] = false;
    frame(3);
}

void UiDriver::type(std::string_view text) {
    ImGui::SetCurrentContext(ctx_);
    ImGui::GetIO().AddInputCharactersUTF8(std::string(text).c_str());
    frame(2);
}

void UiDriver::press_key(int imgui_key, bool ctrl, bool shift) {
    ImGui::SetCurrentContext(ctx_);
    ImGuiIO& io = ImGui::GetIO();
    io.KeyCtrl = ctrl;
    io.KeyShift = shift;
    io.KeysDown[imgui_key] = true;
    frame();
    io.KeysDown[imgui_key] = false;
    io.KeyCtrl = io.KeyShift = false;
    frame(2);
}

}  // namespace dd::ui::test
