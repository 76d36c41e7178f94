#include "ui/board_drag.h"

#include "core/board_queries.h"
#include "imgui_internal.h"
#include "ui/board_card.h"
#include "ui/board_lane.h"

#include <algorithm>
#include <cmath>

namespace dd::ui {
namespace {

constexpr float kEdge = 48.0f;        // auto-scroll zone at the edges of a scroller
constexpr float kMaxSpeed = 900.0f;   // CSS px per second at the very edge

float edge_speed(float pos, float lo, float hi) {
    if (pos < lo + kEdge) return -kMaxSpeed * std::min(1.0f, (lo + kEdge - pos) / kEdge);
    if (pos > hi - kEdge) return kMaxSpeed * std::min(1.0f, (pos - (hi - kEdge)) / kEdge);
    return 0.0f;
}

void info_toast(ViewContext& ctx, std::string text) {
    ctx.ui.toast = Toast{std::move(text), false, ctx.now + 4000};
}

}  // namespace

void begin_drag_frame(ViewContext& ctx) {
    BoardState& board = ctx.ui.board;
    board.drag.target_stage = kNoId;
    if (!ImGui::IsMouseDown(ImGuiMouseButton_Left) && !board.drag.active()) board.pressed_deal = kNoId;
    if (board.pressed_deal != kNoId && !board.drag.active() && ImGui::IsMouseDragging(ImGuiMouseButton_Left)) {
        if (const Deal* d = ctx.store.find_deal(board.pressed_deal)) {
            board.drag.deal = d->meta.id;
            board.drag.from_stage = d->stage;
            board.selected = d->meta.id;
        }
        board.pressed_deal = kNoId;
    }
    // Escape cancels a drag.
    if (board.drag.active() && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) board.drag = BoardDrag{};
}

void track_drop_target(ViewContext& ctx, const ShownLane& lane, LaneLayout& layout, ImVec2 top) {
    BoardDrag& drag = ctx.ui.board.drag;
    if (!drag.active()) return;
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    if (mouse.x < layout.min.x || mouse.x >= layout.max.x || mouse.y < layout.min.y || mouse.y >= layout.max.y) return;

    drag.target_stage = lane.stage->id;
    const size_t n = lane.size(ctx.store);
    const bool whole_lane = layout.collapsed || lane.sort != LaneSort::Manual;
    if (whole_lane) {
        drag.target_index = n;
        return;
    }
    // Insert before the first card whose middle is below the mouse.
    const float rel = mouse.y - top.y - kCardHeight * 0.5f;
    const float slots = std::floor(rel / kCardPitch) + 1.0f;
    drag.target_index = size_t(std::clamp(slots, 0.0f, float(n)));

    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float y = top.y + float(drag.target_index) * kCardPitch - kCardGap * 0.5f;
    const float x0 = layout.min.x + space::sm, x1 = layout.max.x - space::sm - 6.0f;
    const ImU32 c = ctx.palette.accent;
    dl->AddLine(ImVec2(x0 + 4.0f, y), ImVec2(x1, y), c, 2.0f);
    dl->AddCircleFilled(ImVec2(x0 + 3.0f, y), 4.0f, c, 12);

    // Auto-scroll the list when the mouse nears its top or bottom edge.
    const float speed = edge_speed(mouse.y, layout.list_min.y, layout.list_max.y);
    if (speed != 0.0f && mouse.y >= layout.list_min.y) {
        const float dt = std::max(ImGui::GetIO().DeltaTime, 1.0f / 120.0f);
        ImGui::SetScrollY(std::clamp(ImGui::GetScrollY() + speed * dt, 0.0f, ImGui::GetScrollMaxY()));
    }
}

void autoscroll_board(ViewContext& ctx, ImVec2 view_min, ImVec2 view_max) {
    if (!ctx.ui.board.drag.active()) return;
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    if (mouse.y < view_min.y || mouse.y > view_max.y) return;
    const float speed = edge_speed(mouse.x, view_min.x, view_max.x);
    if (speed == 0.0f) return;
    const float dt = std::max(ImGui::GetIO().DeltaTime, 1.0f / 120.0f);
    ImGui::SetScrollX(std::clamp(ImGui::GetScrollX() + speed * dt, 0.0f, ImGui::GetScrollMaxX()));
}

void drop_deal(ViewContext& ctx, Id deal_id, const ShownLane& lane, size_t index) {
    const Store& store = ctx.store;
    const Deal* deal = store.find_deal(deal_id);
    if (!deal) return;
    const Stage& to = *lane.stage;
    const bool same = deal->stage == to.id;
    if (lane.sort != LaneSort::Manual || is_collapsed(ctx.ui.board, to.id)) {
        if (same) {
            // A sorted lane shows its own order; the manual one is kept for when it is unsorted.
            if (lane.sort != LaneSort::Manual)
                info_toast(ctx, std::string("This lane is sorted by ") + to_string(lane.sort) +
                                    ": choose Manual order to reorder it");
            return;
        }
        index = lane.size(store);   // the end of the manual order
    }
    Id before = kNoId;
    if (index < lane.size(store))
        if (const Deal* b = lane.at(store, index)) before = b->meta.id;
    if (is_noop_drop(store, deal_id, to.id, before)) return;
    if (to.kind == StageKind::Lost && deal->status != DealStatus::Lost) {
        PendingLost& lost = ctx.ui.board.lost;
        lost = PendingLost{};
        lost.deal = deal_id;
        lost.to_stage = to.id;
        lost.before = before;
        lost.open_requested = true;
        return;
    }
    ctx.intents.commands.push_back(MoveDeal{deal_id, to.id, before, kNoId, {}});
}

void end_drag_frame(ViewContext& ctx, const std::vector<ShownLane>& lanes) {
    BoardDrag& drag = ctx.ui.board.drag;
    if (!drag.active()) return;
    const Deal* deal = ctx.store.find_deal(drag.deal);
    if (!deal) { drag = BoardDrag{}; return; }

    if (ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
        // The card follows the mouse, lifted, above everything.
        const ImVec2 mouse = ImGui::GetIO().MousePos;
        float width = kLaneMinWidth - 2 * space::sm - 6.0f;
        for (const LaneLayout& l : ctx.ui.board.layout)
            if (l.stage == drag.from_stage) width = l.max.x - l.min.x - 2 * space::sm - 6.0f;
        ImVec2 min(mouse.x - drag.grab_offset.x, mouse.y - drag.grab_offset.y);
        draw_card_face(ctx, ImGui::GetForegroundDrawList(), min, width, *deal, true, false, true);
        ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeAll);
        return;
    }
    // Released: drop where the indicator was (outside every lane: nothing happens).
    for (const ShownLane& lane : lanes)
        if (lane.stage->id == drag.target_stage) drop_deal(ctx, drag.deal, lane, drag.target_index);
    drag = BoardDrag{};
}

}  // namespace dd::ui
