#include "ui/item_registry.h"

#include "imgui.h"
#include "imgui_internal.h"

namespace dd::ui {
namespace {

ItemRegistry* registry_of(ImGuiContext* ctx) {
    return ctx ? static_cast<ItemRegistry*>(ctx->TestEngine) : nullptr;
}

// The item was added a moment ago: search from the end (ItemInfo follows ItemAdd directly).
ItemRecord* latest_with_id(ItemRegistry& r, ImGuiID id) {
    for (auto it = r.building.rbegin(); it != r.building.rend(); ++it)
        if (it->id == id) return &*it;
    return nullptr;
}

}  // namespace

const ItemRecord* ItemRegistry::find(std::string_view label) const {
    for (const ItemRecord& item : last)
        if (item.label == label) return &item;
    return nullptr;
}

std::vector<const ItemRecord*> ItemRegistry::find_all(std::string_view label) const {
    std::vector<const ItemRecord*> out;
    for (const ItemRecord& item : last)
        if (item.label == label) out.push_back(&item);
    return out;
}

const ItemRecord* ItemRegistry::find_id(uint32_t id) const {
    for (const ItemRecord& item : last)
        if (item.id == id) return &item;
    return nullptr;
}

void attach_item_registry(ImGuiContext* ctx, ItemRegistry* registry) {
    ctx->TestEngine = registry;
    ctx->TestEngineHookItems = registry != nullptr;
}

std::string_view visible_label(std::string_view label) {
    size_t hashes = label.find("##");
    return hashes == std::string_view::npos ? label : label.substr(0, hashes);
}

void name_last_item(const char* label) {
    ImGuiContext& g = *GImGui;
    ImGuiTestEngineHook_ItemInfo(&g, g.LastItemData.ID, label, g.LastItemData.StatusFlags);
}

}  // namespace dd::ui

// ---- ImGui's test-engine hooks (declared in imgui_internal.h) ------------------------------------

void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, const ImRect& bb, ImGuiID id) {
    dd::ui::ItemRegistry* r = dd::ui::registry_of(ctx);
    if (!r || !ctx->CurrentWindow) return;
    const ImGuiWindow* window = ctx->CurrentWindow;
    // Not on screen: ImGui's implicit "Debug" window, or a window in its measuring frames.
    if (window->IsFallbackWindow || window->Hidden || window->HiddenFramesCannotSkipItems > 0 ||
        window->HiddenFramesCanSkipItems > 0)
        return;
    // Only what can be seen (and so clicked): clip to the window's visible area.
    ImRect visible = bb;
    visible.ClipWithFull(window->ClipRect);
    if (visible.GetWidth() <= 0.0f || visible.GetHeight() <= 0.0f) return;
    dd::ui::ItemRecord rec;
    rec.id = id;
    rec.x = visible.Min.x;
    rec.y = visible.Min.y;
    rec.w = visible.GetWidth();
    rec.h = visible.GetHeight();
    rec.window = window->Name;
    r->building.push_back(std::move(rec));
}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext* ctx, ImGuiID id, const char* label, ImGuiItemStatusFlags) {
    dd::ui::ItemRegistry* r = dd::ui::registry_of(ctx);
    if (!r || !label) return;
    if (dd::ui::ItemRecord* rec = dd::ui::latest_with_id(*r, id)) {
        rec->full_label = label;
        rec->label = std::string(dd::ui::visible_label(label));
    }
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext* ctx, ImGuiID id) {
    dd::ui::ItemRegistry* r = dd::ui::registry_of(ctx);
    if (!r) return nullptr;
    if (const dd::ui::ItemRecord* rec = r->find_id(id)) return rec->full_label.c_str();
    return nullptr;
}
