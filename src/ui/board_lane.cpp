#include "ui/board_lane.h"

#include "imgui_internal.h"
#include "ui/board_card.h"
#include "ui/board_drag.h"
#include "ui/board_quick_add.h"
#include "ui/deal_page.h"
#include "ui/item_registry.h"
#include "ui/widgets.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace dd::ui {
namespace {

ImU32 lane_tint(const Stage& s, const Palette& p) {
    // The lane background: the canvas with a faint wash of the stage colour.
    const uint32_t c = s.color ? s.color : 0x8E8E9A;
    ImVec4 bg = ImGui::ColorConvertU32ToFloat4(p.background);
    ImVec4 sc(float((c >> 16) & 0xff) / 255.f, float((c >> 8) & 0xff) / 255.f, float(c & 0xff) / 255.f, 1.f);
    const float t = 0.05f;
    ImVec4 sunk = ImGui::ColorConvertU32ToFloat4(p.surface_sunken);
    return ImGui::ColorConvertFloat4ToU32(ImVec4((bg.x + sunk.x) * 0.5f * (1 - t) + sc.x * t,
                                                 (bg.y + sunk.y) * 0.5f * (1 - t) + sc.y * t,
                                                 (bg.z + sunk.z) * 0.5f * (1 - t) + sc.z * t, 1.f));
}

// The card list: only the cards inside the scroll window are submitted.
void draw_cards(ViewContext& ctx, const ShownLane& lane, float width, float height, LaneLayout& layout) {
    BoardState& board = ctx.ui.board;
    const Store& store = ctx.store;
    const size_t n = lane.size(store);
    const float pad = space::sm;
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::BeginChild("cards", ImVec2(width, height), false, ImGuiWindowFlags_NoBackground);
    ImGui::PopStyleVar();

    const float card_w = width - 2 * pad - 6.0f;   // room for the scrollbar's gutter
    const ImVec2 top = ImGui::GetCursorScreenPos();
    const float scroll = ImGui::GetScrollY();
    layout.list_min = ImGui::GetWindowPos();
    layout.list_max = ImVec2(layout.list_min.x + width, layout.list_min.y + height);
    layout.scroll_y = scroll;
    layout.shown = n;

    // Keyboard selection: bring the selected card into view.
    if (board.scroll_to_selected && board.selected != kNoId) {
        const size_t at = lane.index_of(store, board.selected);
        if (at < n) {
            const float y = float(at) * kCardPitch;
            if (y < scroll) ImGui::SetScrollY(y);
            else if (y + kCardPitch > scroll + height) ImGui::SetScrollY(y + kCardPitch - height + pad);
            board.scroll_to_selected = false;
        }
    }

    const size_t first = size_t(std::max(0.0f, std::floor(scroll / kCardPitch)));
    const size_t last = std::min(n, size_t(std::ceil((scroll + height) / kCardPitch)) + 1);
    for (size_t i = first; i < last; ++i) {
        const Deal* deal = lane.at(store, i);
        if (!deal || deal->stage != lane.stage->id) {   // a stale cached list: rebuild next frame
            board.cache_dirty = true;
            continue;
        }
        ImGui::SetCursorScreenPos(ImVec2(top.x + pad, top.y + float(i) * kCardPitch));
        const bool ghost = board.drag.deal == deal->meta.id;
        CardEvents ev = board_card(ctx, *deal, card_w, board.selected == deal->meta.id, ghost);
        if (ev.pressed) {
            board.pressed_deal = deal->meta.id;
            board.drag.grab_offset = ImVec2(ImGui::GetIO().MousePos.x - ImGui::GetItemRectMin().x,
                                            ImGui::GetIO().MousePos.y - ImGui::GetItemRectMin().y);
        }
        // A click (press and release without dragging) opens the deal, as in Pipedrive; the card
        // stays selected for the keyboard when the user comes back to the board.
        if (ev.clicked && !board.drag.active()) {
            board.selected = deal->meta.id;
            open_deal(ctx.ui, deal->meta.id);
        }
        if (ev.right_clicked) {
            board.selected = deal->meta.id;
            board.menu_deal = deal->meta.id;
            board.open_menu = true;
        }
        if (ev.hovered && !board.drag.active() && !ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
            ImGui::SetNextWindowPos(ImVec2(ImGui::GetItemRectMax().x + space::sm, ImGui::GetItemRectMin().y));
            ImGui::BeginTooltip();
            card_details(ctx, *deal);
            ImGui::EndTooltip();
        }
    }
    // The full height of the list, so the scrollbar spans every card (none is left out).
    ImGui::SetCursorScreenPos(ImVec2(top.x, top.y + float(n) * kCardPitch));
    ImGui::Dummy(ImVec2(1, space::sm));

    track_drop_target(ctx, lane, layout, top);
    ImGui::EndChild();
}

}  // namespace

void draw_lane(ViewContext& ctx, const ShownLane& lane, float width, float height, LaneLayout& layout) {
    const Palette& p = ctx.palette;
    const Stage& stage = *lane.stage;
    const bool collapsed = is_collapsed(ctx.ui.board, stage.id);
    layout = LaneLayout{};
    layout.stage = stage.id;
    layout.collapsed = collapsed;

    push_id(stage.id);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::BeginChild("lane", ImVec2(width, height), false,
                      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoBackground);
    ImGui::PopStyleVar();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    layout.min = ImGui::GetWindowPos();
    layout.max = ImVec2(layout.min.x + width, layout.min.y + height);
    dl->AddRectFilled(layout.min, layout.max, lane_tint(stage, p), kCardRounding);
    const bool target = ctx.ui.board.drag.active() && ctx.ui.board.drag.target_stage == stage.id;
    if (target) dl->AddRect(layout.min, layout.max, p.accent, kCardRounding, 0, 1.5f);

    float used = draw_lane_header(ctx, lane, width, collapsed);
    if (!collapsed) {
        if (stage.kind == StageKind::Open) {
            ImGui::SetCursorScreenPos(ImVec2(layout.min.x + space::sm, layout.min.y + used));
            used += draw_quick_add(ctx, stage, width - 2 * space::sm);
        }
        ImGui::SetCursorScreenPos(ImVec2(layout.min.x, layout.min.y + used));
        draw_cards(ctx, lane, width, std::max(0.0f, height - used), layout);
    } else {
        layout.list_min = ImVec2(layout.min.x, layout.min.y + used);
        layout.list_max = layout.max;
        layout.shown = lane.size(ctx.store);
        ImGui::SetCursorScreenPos(ImVec2(layout.min.x + 12.0f, layout.min.y + used));
        text_item("Drop here", ctx.ui.fonts.small, p.text_muted);
        track_drop_target(ctx, lane, layout, layout.list_min);
    }
    ImGui::EndChild();
    ImGui::PopID();
}

}  // namespace dd::ui
