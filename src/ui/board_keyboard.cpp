#include "ui/board_keyboard.h"

#include "core/board_queries.h"
#include "imgui.h"
#include "ui/deal_page.h"

namespace dd::ui {
namespace {

bool pressed(ImGuiKey key) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key), true); }

struct Position {
    size_t lane = 0, index = 0;
    bool found = false;
};

Position locate(const Store& store, const std::vector<ShownLane>& lanes, Id deal) {
    for (size_t l = 0; l < lanes.size(); ++l) {
        const size_t i = lanes[l].index_of(store, deal);
        if (i < lanes[l].size(store)) return Position{l, i, true};
    }
    return Position{};
}

void select(BoardState& board, const Store& store, const ShownLane& lane, size_t index) {
    const size_t n = lane.size(store);
    if (n == 0) return;
    if (const Deal* d = lane.at(store, index < n ? index : n - 1)) {
        board.selected = d->meta.id;
        board.scroll_to_selected = true;
    }
}

}  // namespace

void handle_board_keys(ViewContext& ctx, const std::vector<ShownLane>& lanes) {
    ImGuiIO& io = ImGui::GetIO();
    BoardState& board = ctx.ui.board;
    if (io.WantTextInput || ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId) || board.drag.active()) return;
    if (io.KeyCtrl || io.KeySuper || io.KeyAlt) return;
    const Store& store = ctx.store;
    const Position at = locate(store, lanes, board.selected);

    if (!at.found) {
        // Nothing selected yet: any arrow selects the first card of the first non-empty lane.
        if (pressed(ImGuiKey_DownArrow) || pressed(ImGuiKey_RightArrow) || pressed(ImGuiKey_UpArrow) ||
            pressed(ImGuiKey_LeftArrow))
            for (const ShownLane& lane : lanes)
                if (lane.size(store) > 0 && !is_collapsed(board, lane.stage->id)) { select(board, store, lane, 0); break; }
        return;
    }
    const ShownLane& lane = lanes[at.lane];
    if (io.KeyShift && (pressed(ImGuiKey_RightArrow) || pressed(ImGuiKey_LeftArrow))) {
        const int step = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow)) ? 1 : -1;
        if (const Stage* to = adjacent_open_stage(store, lane.stage->id, step))
            ctx.intents.commands.push_back(MoveDeal{board.selected, to->id, kNoId, kNoId, {}});
        board.scroll_to_selected = true;
        return;
    }
    if (pressed(ImGuiKey_DownArrow)) select(board, store, lane, at.index + 1);
    if (pressed(ImGuiKey_UpArrow) && at.index > 0) select(board, store, lane, at.index - 1);
    for (int step : {-1, 1}) {
        if (!pressed(step < 0 ? ImGuiKey_LeftArrow : ImGuiKey_RightArrow)) continue;
        // The nearest lane in that direction with cards shown.
        for (long l = long(at.lane) + step; l >= 0 && l < long(lanes.size()); l += step) {
            const ShownLane& other = lanes[size_t(l)];
            if (other.size(store) == 0 || is_collapsed(board, other.stage->id)) continue;
            select(board, store, other, at.index);
            break;
        }
    }
    if (pressed(ImGuiKey_Enter) || pressed(ImGuiKey_KeyPadEnter)) open_deal(ctx.ui, board.selected);
    if (pressed(ImGuiKey_Escape)) board.selected = kNoId;
    if (pressed(ImGuiKey_Delete)) {
        ctx.intents.commands.push_back(DeleteDeals{{board.selected}});
        board.selected = kNoId;
    }
}

}  // namespace dd::ui
