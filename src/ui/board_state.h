// The board's view state (one member of UiState): selection, per-lane sort and collapse, the
// filter row, a drag in progress, the open forms and dialogs, and a cache of filtered lanes.
// Nothing here is workspace data; deals are referred to by id only.
#pragma once
#include "core/board_queries.h"
#include "core/model.h"
#include "core/store.h"
#include "imgui.h"
#include "ui/pipeline_settings_state.h"

#include <cstdint>
#include <string>
#include <vector>

namespace dd::ui {

// The filter row under the top bar (the search text lives in UiState::search).
struct BoardFilter {
    Id owner = kNoId;                 // kNoId = every owner
    uint8_t status_mask = kAllStatuses;
    char close_from[11] = {};         // "YYYY-MM-DD" or empty
    char close_to[11] = {};
};

// A card being dragged. It starts when a pressed card moves past ImGui's drag threshold.
struct BoardDrag {
    Id deal = kNoId;
    Id from_stage = kNoId;
    ImVec2 grab_offset{0, 0};         // mouse position inside the card when the drag began
    // Where it would land now (updated every frame while dragging).
    Id target_stage = kNoId;
    size_t target_index = 0;          // among the target lane's shown cards
    bool active() const { return deal != kNoId; }
};

// A drop on a Lost stage waits for the reason in a dialog.
struct PendingLost {
    Id deal = kNoId;
    Id to_stage = kNoId;
    Id before = kNoId;
    Id reason = kNoId;
    char text[160] = {};
    bool open_requested = false;
};

// The quick-add form at the top of a lane (one open at a time).
struct QuickAdd {
    Id stage = kNoId;                 // kNoId = closed
    char title[128] = {};
    char value[24] = {};
    char contact[96] = {};
    bool focus_title = false;
    std::string error;
};

struct LaneSortChoice {
    Id stage = kNoId;
    LaneSort sort = LaneSort::Manual;
};

// Where a lane's card list was drawn this frame: drop targets and auto-scroll use it next frame.
struct LaneLayout {
    Id stage = kNoId;
    ImVec2 min{0, 0}, max{0, 0};      // the whole lane column
    ImVec2 list_min{0, 0}, list_max{0, 0};   // the scrolling card list
    float scroll_y = 0;
    size_t shown = 0;                 // cards shown in the lane (after filters)
    bool collapsed = false;
};

// Filtered or sorted lanes, rebuilt only when their inputs change (see board_lanes.cpp).
struct LaneCache {
    Id stage = kNoId;
    FilteredLane lane;
};
struct LaneCacheKey {
    uint64_t data_version = ~0ull;    // UiState::data_version when built
    Id pipeline = kNoId;
    std::string query;                // the filter and sorts, serialized
    bool operator==(const LaneCacheKey& o) const {
        return data_version == o.data_version && pipeline == o.pipeline && query == o.query;
    }
};

struct BoardState {
    Id selected = kNoId;
    bool scroll_to_selected = false;
    BoardFilter filter;
    std::vector<LaneSortChoice> sorts;   // lanes not listed are in manual order
    std::vector<Id> collapsed;           // collapsed Won/Lost lanes
    BoardDrag drag;
    Id pressed_deal = kNoId;             // a card under a pressed mouse button, before it drags
    PendingLost lost;
    QuickAdd quick_add;
    Id menu_deal = kNoId;                // the card whose context menu is open
    bool open_menu = false;
    bool show_settings = false;          // open the pipeline settings dialog (pipeline_settings.h)
    PipelineSettingsState settings;

    std::vector<LaneLayout> layout;      // last frame's lanes, left to right
    std::vector<LaneCache> cache;
    LaneCacheKey cache_key;
    bool cache_dirty = true;
};

}  // namespace dd::ui
