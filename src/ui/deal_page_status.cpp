// The stage bar (click a stage to move the deal there), Won / Lost / Abandon on an open deal,
// a banner with Reopen on a closed one, the "mark as lost" dialog and the delete confirmation.
#include "imgui.h"
#include "imgui_internal.h"
#include "ui/deal_page.h"
#include "ui/deal_page_parts.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/lost_reason_picker.h"
#include "ui/widgets.h"

#include <algorithm>
#include <string>

namespace dd::ui {
namespace {

constexpr const char* kLostDialog = "Mark this deal as lost";
constexpr const char* kDeleteDialog = "Delete this deal?";

ImU32 with_alpha(ImU32 c, int alpha) { return (c & ~IM_COL32_A_MASK) | (ImU32(alpha) << IM_COL32_A_SHIFT); }

// One chevron segment of the bar; returns true when clicked.
bool stage_segment(const Stage& s, ImVec2 size, bool first, bool reached, bool current, bool clickable, const ViewContext& ctx) {
    const Palette& p = ctx.palette;
    push_id(s.id);
    const bool pressed = ImGui::InvisibleButton("##stage", size) && clickable;
    name_last_item(("Stage " + s.name).c_str());
    const bool hovered = clickable && ImGui::IsItemHovered();
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s (%d%%)", s.name.c_str(), int(s.probability));
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    const float tip = 10.0f, mid = (a.y + b.y) * 0.5f;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 pts[] = {ImVec2(a.x, a.y), ImVec2(b.x - tip, a.y), ImVec2(b.x, mid), ImVec2(b.x - tip, b.y),
                          ImVec2(a.x, b.y), ImVec2(a.x + (first ? 0 : tip), mid)};
    const ImU32 fill = current ? p.accent : reached ? with_alpha(p.accent, 90) : hovered ? p.surface_hover : p.surface_sunken;
    dl->AddConvexPolyFilled(pts, 6, fill);
    const ImU32 text = current ? p.on_accent : reached ? p.text : p.text_muted;
    ImGui::RenderTextClipped(ImVec2(a.x + tip + 6, a.y), ImVec2(b.x - tip - 4, b.y), s.name.c_str(), nullptr, nullptr,
                             ImVec2(0.5f, 0.5f));
    (void)text;
    ImGui::PopID();
    return pressed;
}

}  // namespace

void draw_deal_stage_bar(ViewContext& ctx, const Deal& deal, bool editable, float width) {
    const Palette& p = ctx.palette;
    const Pipeline* pipeline = nullptr;
    ctx.store.find_stage(deal.stage, &pipeline);
    if (!pipeline) pipeline = ctx.store.find_pipeline(deal.pipeline);
    if (!pipeline) return;
    const bool open = deal.status == DealStatus::Open;
    const float buttons_w = open ? 3 * 104.0f + 2 * space::sm : 0.0f;
    std::vector<const Stage*> stages;
    for (const Stage& s : pipeline->stages)
        if (s.kind == StageKind::Open) stages.push_back(&s);
    // The deal's position: its stage, or (closed in Won/Lost) past every open stage.
    int current = -1;
    for (size_t i = 0; i < stages.size(); ++i)
        if (stages[i]->id == deal.stage) current = int(i);
    const int reached = current >= 0 ? current : int(stages.size());
    const float bar_w = std::max(200.0f, width - buttons_w - (open ? space::md : 0.0f));
    const float seg_w = std::floor((bar_w + 2.0f * float(stages.size() - 1)) / float(std::max<size_t>(1, stages.size())));
    ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(p.text));
    for (size_t i = 0; i < stages.size(); ++i) {
        if (i) {
            // Each arrow overlaps the next segment by 2 px. (SameLine's spacing cannot be
            // negative: a negative value means "the default spacing", which pushed Abandon off.)
            ImGui::SameLine(0, 0);
            ImGui::SetCursorPosX(ImGui::GetCursorPosX() - 2.0f);
        }
        ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(int(i) == current ? p.on_accent : (int(i) < reached ? p.text : p.text_muted)));
        const bool clicked = stage_segment(*stages[i], ImVec2(seg_w, 36.0f), i == 0, int(i) < reached, int(i) == current,
                                           editable && int(i) != current, ctx);
        ImGui::PopStyleColor();
        if (clicked) ctx.intents.commands.push_back(MoveDeal{deal.meta.id, stages[i]->id, kNoId, kNoId, {}});
    }
    ImGui::PopStyleColor();

    ImGui::BeginDisabled(!editable);
    if (open) {
        ImGui::SameLine(0, space::md);
        ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(p.on_accent));
        if (styled_button("Won", icons::kTrophy, ButtonKind::Primary, p, ImVec2(104.0f, 36.0f))) {
            SetDealStatus cmd;
            cmd.deal = deal.meta.id;
            cmd.status = DealStatus::Won;
            ctx.intents.commands.push_back(cmd);
        }
        ImGui::PopStyleColor();
        ImGui::SameLine(0, space::sm);
        if (styled_button("Lost", icons::kBan, ButtonKind::Secondary, p, ImVec2(104.0f, 36.0f))) ctx.ui.deal_page.lost_requested = true;
        ImGui::SameLine(0, space::sm);
        if (styled_button("Abandon", nullptr, ButtonKind::Secondary, p, ImVec2(104.0f, 36.0f))) {
            SetDealStatus cmd;
            cmd.deal = deal.meta.id;
            cmd.status = DealStatus::Abandoned;
            ctx.intents.commands.push_back(cmd);
        }
    } else {
        // A banner saying how it closed, with Reopen.
        ImGui::Dummy(ImVec2(0, space::sm));
        const ImVec2 min = ImGui::GetCursorScreenPos();
        const ImU32 tone = deal.status == DealStatus::Won ? p.success : deal.status == DealStatus::Lost ? p.danger : p.warning;
        const ImVec2 max(min.x + width, min.y + 48.0f);
        ImGui::GetWindowDrawList()->AddRectFilled(min, max, with_alpha(tone, 28), kCardRounding);
        ImGui::GetWindowDrawList()->AddRect(min, max, with_alpha(tone, 120), kCardRounding);
        ImGui::SetCursorScreenPos(ImVec2(min.x + space::md, min.y + (48.0f - ImGui::GetFrameHeight()) * 0.5f));
        ImGui::AlignTextToFramePadding();
        std::string text = std::string("This deal is ") + status_label(deal.status);
        if (deal.status == DealStatus::Lost) {
            const LostReason* r = ctx.store.find_lost_reason(deal.lost_reason);
            if (r || !deal.lost_reason_text.empty())
                text += ": " + (r ? r->text : std::string()) + (r && !deal.lost_reason_text.empty() ? " - " : "") + deal.lost_reason_text;
        }
        text_item(text.c_str(), ctx.ui.fonts.strong, tone);
        ImGui::SameLine(width - 120.0f);
        if (styled_button("Reopen", icons::kHistory, ButtonKind::Secondary, p, ImVec2(104.0f, 0))) {
            SetDealStatus cmd;
            cmd.deal = deal.meta.id;
            cmd.status = DealStatus::Open;
            ctx.intents.commands.push_back(cmd);
        }
        ImGui::SetCursorScreenPos(ImVec2(min.x, max.y));
        ImGui::Dummy(ImVec2(0, 0));
    }
    ImGui::EndDisabled();
}

void draw_deal_dialogs(ViewContext& ctx, const Deal& deal) {
    const Palette& p = ctx.palette;
    DealPageState& page = ctx.ui.deal_page;
    if (page.lost_requested) {
        page.lost_requested = false;
        page.lost_reason = kNoId;
        page.lost_text[0] = 0;
        ImGui::OpenPopup(kLostDialog);
    }
    if (page.confirm_delete) {
        page.confirm_delete = false;
        ImGui::OpenPopup(kDeleteDialog);
    }
    if (begin_dialog(kLostDialog, ctx.ui.width, ctx.ui.height * 0.25f, 0.0f)) {
        text_item(kLostDialog, ctx.ui.fonts.heading, p.text);
        text_item("Why was it lost? Pick a reason, add details, or both.", nullptr, p.text_muted);
        ImGui::Spacing();
        const bool enter = lost_reason_picker(ctx, page.lost_reason, page.lost_text, sizeof page.lost_text, 360.0f);
        ImGui::Dummy(ImVec2(0, space::sm));
        const bool cancel = styled_button("Cancel", nullptr, ButtonKind::Secondary, p) ||
                            ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape));
        ImGui::SameLine(0, space::sm);
        if (styled_button("Mark as lost##confirm", icons::kBan, ButtonKind::Primary, p) || enter) {
            SetDealStatus cmd;
            cmd.deal = deal.meta.id;
            cmd.status = DealStatus::Lost;
            cmd.lost_reason = page.lost_reason;
            cmd.lost_reason_text = page.lost_text;
            ctx.intents.commands.push_back(cmd);
            ImGui::CloseCurrentPopup();
        } else if (cancel) {
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
    if (begin_dialog(kDeleteDialog, ctx.ui.width, ctx.ui.height * 0.3f, 420.0f)) {
        const float wrap = ImGui::GetContentRegionAvail().x;
        text_item(kDeleteDialog, ctx.ui.fonts.heading, p.text, wrap);
        const std::string body = "\"" + deal.title + "\" goes away with its notes, activities and history. "
                                 "You can undo this right after.";
        text_item(body.c_str(), nullptr, p.text_muted, wrap);
        ImGui::Dummy(ImVec2(0, space::sm));
        const bool cancel = styled_button("Cancel", nullptr, ButtonKind::Secondary, p) ||
                            ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape));
        ImGui::SameLine(0, space::sm);
        if (styled_button("Delete deal", icons::kTrash, ButtonKind::Primary, p)) {
            ctx.intents.commands.push_back(DeleteDeals{{deal.meta.id}});
            close_deal_page(ctx.ui);
            ImGui::CloseCurrentPopup();
        } else if (cancel) {
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
}

}  // namespace dd::ui
