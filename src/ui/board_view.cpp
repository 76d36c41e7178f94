#include "ui/board_view.h"

#include "imgui_internal.h"
#include "ui/board_card.h"
#include "ui/board_drag.h"
#include "ui/board_filters.h"
#include "ui/board_keyboard.h"
#include "ui/board_lane.h"
#include "ui/board_lanes.h"
#include "ui/board_menus.h"
#include "ui/pipeline_settings.h"
#include "ui/toast_action.h"
#include "ui/icons.h"
#include "ui/widgets.h"

#include <algorithm>
#include <cmath>

namespace dd::ui {
namespace {

// Lanes share the width; below kLaneMinWidth each the board scrolls sideways.
float lane_width(const std::vector<ShownLane>& lanes, const BoardState& board, float avail) {
    int open = 0;
    float fixed = 0;
    for (const ShownLane& l : lanes) {
        if (is_collapsed(board, l.stage->id)) fixed += kCollapsedLaneWidth + kLaneGap;
        else { ++open; fixed += kLaneGap; }
    }
    if (open == 0) return kLaneMinWidth;
    const float share = (avail - fixed + kLaneGap) / float(open);
    return std::clamp(std::floor(share), kLaneMinWidth, kLaneMaxWidth);
}

}  // namespace

void draw_board(ViewContext& ctx) {
    const Pipeline* pipeline = ctx.store.find_pipeline(ctx.ui.pipeline);
    BoardState& board = ctx.ui.board;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    draw_board_filters(ctx, avail.x);
    if (!pipeline) {
        text_item("No pipeline yet: create one in Pipeline settings", ctx.ui.fonts.heading, ctx.palette.text_muted);
        draw_pipeline_settings(ctx);
        return;
    }

    const std::vector<ShownLane> lanes = shown_lanes(ctx.store, ctx.ui, *pipeline);
    begin_drag_frame(ctx);
    handle_board_keys(ctx, lanes);

    const float height = std::max(120.0f, ImGui::GetContentRegionAvail().y);
    const float width = lane_width(lanes, board, avail.x);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_ScrollbarSize, 10.0f);
    ImGui::BeginChild("board", ImVec2(avail.x, height), false,
                      ImGuiWindowFlags_HorizontalScrollbar | ImGuiWindowFlags_NoBackground);
    const ImVec2 view_min = ImGui::GetWindowPos();
    const ImVec2 view_max(view_min.x + avail.x, view_min.y + height);
    const float lane_h = height - (ImGui::GetScrollMaxX() > 0 ? 14.0f : 0.0f);
    board.layout.resize(lanes.size());
    for (size_t i = 0; i < lanes.size(); ++i) {
        if (i > 0) ImGui::SameLine(0, kLaneGap);
        const float w = is_collapsed(board, lanes[i].stage->id) ? kCollapsedLaneWidth : width;
        draw_lane(ctx, lanes[i], w, lane_h, board.layout[i]);
    }
    autoscroll_board(ctx, view_min, view_max);
    ImGui::EndChild();
    ImGui::PopStyleVar(2);

    end_drag_frame(ctx, lanes);
    draw_deal_menu(ctx);
    draw_lost_dialog(ctx);
    draw_pipeline_settings(ctx);
    draw_toast_undo(ctx);
}

}  // namespace dd::ui
