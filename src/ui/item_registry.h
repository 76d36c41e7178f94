// The item registry: every widget ImGui submitted in a frame, with its on-screen rectangle and
// label, learned through ImGui's test-engine hooks (IMGUI_ENABLE_TEST_ENGINE, see imgui_config.h).
// It feeds window.dealdeck.items() in the browser and the headless UI tests.
//
// The registry is reached from the hooks through ImGuiContext::TestEngine (no global): attach
// it once per context. Rectangles are in ImGui coordinates (CSS pixels of the canvas), already
// clipped to what is visible; fully clipped items are not listed.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

struct ImGuiContext;

namespace dd::ui {

struct ItemRecord {
    uint32_t id = 0;          // ImGuiID
    float x = 0, y = 0, w = 0, h = 0;
    std::string label;        // visible text: the label before any "##" / "###"
    std::string full_label;   // the label as submitted ("Board##view"), empty if none was given
    std::string window;       // name of the ImGui window holding it
    float center_x() const { return x + w * 0.5f; }
    float center_y() const { return y + h * 0.5f; }
    bool contains(float px, float py) const { return px >= x && py >= y && px < x + w && py < y + h; }
};

struct ItemRegistry {
    std::vector<ItemRecord> building;   // the frame being drawn
    std::vector<ItemRecord> last;       // the last completed frame: what queries read

    void begin_frame() { building.clear(); }
    void end_frame() { last.swap(building); building.clear(); }

    const ItemRecord* find(std::string_view label) const;             // first with that label
    std::vector<const ItemRecord*> find_all(std::string_view label) const;
    const ItemRecord* find_id(uint32_t id) const;
};

// Route the hooks of `ctx` to `registry` (nullptr detaches).
void attach_item_registry(ImGuiContext* ctx, ItemRegistry* registry);

// The visible part of an ImGui label: up to the first "##" ("###" included).
std::string_view visible_label(std::string_view label);

// Give the last submitted item a label (icon-only buttons, text inputs with a hint, custom
// widgets): "Undo" instead of an icon glyph, so tests and the bridge can find it by name.
void name_last_item(const char* label);

}  // namespace dd::ui
