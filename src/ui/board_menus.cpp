#include "ui/board_menus.h"

#include "imgui_internal.h"
#include "ui/item_registry.h"
#include "ui/lost_reason_picker.h"
#include "ui/widgets.h"

#include <algorithm>
#include <string>

namespace dd::ui {
namespace {

constexpr const char* kMenu = "Deal actions";
constexpr const char* kLostDialog = "Why was this deal lost?";

bool menu_item(const char* label, bool enabled = true) {
    bool chosen = ImGui::MenuItem(label, nullptr, false, enabled);
    name_last_item(label);
    return chosen;
}

}  // namespace

void ask_lost_reason(ViewContext& ctx, Id deal_id, Id before) {
    const Deal* deal = ctx.store.find_deal(deal_id);
    const Stage* lost = deal ? ctx.store.lost_stage(deal->pipeline) : nullptr;
    if (!lost) return;
    PendingLost& p = ctx.ui.board.lost;
    p = PendingLost{};
    p.deal = deal_id;
    p.to_stage = lost->id;
    p.before = before;
    p.open_requested = true;
}

void draw_deal_menu(ViewContext& ctx) {
    BoardState& board = ctx.ui.board;
    if (board.open_menu) {
        ImGui::OpenPopup(kMenu);
        board.open_menu = false;
    }
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(space::sm, space::sm));
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(space::sm, space::sm));
    const bool open = ImGui::BeginPopup(kMenu);
    ImGui::PopStyleVar(2);
    if (!open) return;
    const Deal* deal = ctx.store.find_deal(board.menu_deal);
    const Pipeline* pipeline = deal ? ctx.store.find_pipeline(deal->pipeline) : nullptr;
    if (!deal || !pipeline) {
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        return;
    }
    const Id id = deal->meta.id;
    ImGui::TextDisabled("%s", deal->title.c_str());
    ImGui::Separator();
    if (ImGui::BeginMenu("Move to")) {
        name_last_item("Move to");
        for (const Stage& s : pipeline->stages) {
            if (s.kind != StageKind::Open) continue;
            if (menu_item(s.name.c_str(), s.id != deal->stage))
                ctx.intents.commands.push_back(MoveDeal{id, s.id, kNoId, kNoId, {}});
        }
        ImGui::EndMenu();
    } else {
        name_last_item("Move to");
    }
    if (menu_item("Mark as won", deal->status != DealStatus::Won))
        ctx.intents.commands.push_back(SetDealStatus{id, DealStatus::Won, kNoId, {}, kNoId});
    if (menu_item("Mark as lost", deal->status != DealStatus::Lost)) ask_lost_reason(ctx, id);
    if (deal->status != DealStatus::Open && menu_item("Reopen"))
        ctx.intents.commands.push_back(SetDealStatus{id, DealStatus::Open, kNoId, {}, kNoId});
    ImGui::Separator();
    if (menu_item("Duplicate")) ctx.intents.commands.push_back(DuplicateDeal{id, ctx.ids.next()});
    ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(ctx.palette.danger));
    if (menu_item("Delete")) {
        ctx.intents.commands.push_back(DeleteDeals{{id}});
        if (board.selected == id) board.selected = kNoId;
    }
    ImGui::PopStyleColor();
    ImGui::EndPopup();
}

void draw_lost_dialog(ViewContext& ctx) {
    PendingLost& lost = ctx.ui.board.lost;
    const Palette& p = ctx.palette;
    if (lost.open_requested) {
        ImGui::OpenPopup(kLostDialog);
        lost.open_requested = false;
    }
    if (!begin_dialog(kLostDialog, ctx.ui.width, ctx.ui.height * 0.25f, 420.0f)) return;
    const Deal* deal = ctx.store.find_deal(lost.deal);
    const float wrap = ImGui::GetContentRegionAvail().x;
    text_item(kLostDialog, ctx.ui.fonts.heading, p.text, wrap);
    if (deal) text_item(deal->title.c_str(), ctx.ui.fonts.body, p.text_muted, wrap);
    ImGui::Dummy(ImVec2(0, space::xs));

    lost_reason_picker(ctx, lost.reason, lost.text, sizeof lost.text, wrap);
    ImGui::Dummy(ImVec2(0, space::sm));

    const float cancel_w = ImGui::CalcTextSize("Cancel").x + 28.0f;
    const float ok_w = ImGui::CalcTextSize("Mark as lost").x + 28.0f;
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + wrap - cancel_w - ok_w - space::sm);
    const bool escape = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape));
    if (styled_button("Cancel", nullptr, ButtonKind::Secondary, p, ImVec2(cancel_w, 0)) || escape || !deal) {
        lost = PendingLost{};
        ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine(0, space::sm);
    const std::string confirm = "Mark as lost##confirm";
    if (styled_button(confirm.c_str(), nullptr, ButtonKind::Primary, p, ImVec2(ok_w, 0)) && deal) {
        ctx.intents.commands.push_back(MoveDeal{lost.deal, lost.to_stage, lost.before, lost.reason, lost.text});
        lost = PendingLost{};
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

}  // namespace dd::ui
