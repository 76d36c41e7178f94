#include "ui/list_bulk.h"

#include "core/store.h"
#include "imgui.h"
#include "ui/item_registry.h"
#include "ui/list_selection.h"
#include "ui/lost_reason_picker.h"
#include "ui/widgets.h"

#include <string>

namespace dd::ui {
namespace {

constexpr const char* kConfirmDelete = "Delete deals?##list";
constexpr const char* kBulkLost = "Mark deals as lost##list";

bool menu_item(const std::string& label) {
    const bool chosen = ImGui::MenuItem(label.c_str());
    name_last_item(label.c_str());
    return chosen;
}

// The selected deals (display order) whose status is not `s` yet: setting a status a deal
// already has is no change, so those are left out rather than refused.
std::vector<Id> deals_to_change(const ListState& ls, const Store& store, DealStatus s) {
    std::vector<Id> out;
    for (Id id : list_selected_in_order(ls))
        if (const Deal* d = store.find_deal(id); d && d->status != s) out.push_back(id);
    return out;
}

}  // namespace

void draw_list_bulk_bar(ViewContext& ctx) {
    ListState& ls = ctx.ui.list;
    const Palette& p = ctx.palette;
    const Workspace& ws = ctx.store.workspace();

    if (styled_button("Move to stage", nullptr, ButtonKind::Secondary, p)) ImGui::OpenPopup("bulk-stage");
    place_popup_below_last_item("bulk-stage");
    if (ImGui::BeginPopup("bulk-stage")) {
        for (const Pipeline& pipe : ws.pipelines) {
            ImGui::TextDisabled("%s", pipe.name.c_str());
            for (const Stage& st : pipe.stages) {
                if (menu_item(st.name + "##move" + id_to_string(st.id)))
                    ctx.intents.commands.push_back(BulkMoveDeals{list_selected_in_order(ls), st.id});
            }
        }
        ImGui::EndPopup();
    }
    ImGui::SameLine();
    if (styled_button("Set owner", nullptr, ButtonKind::Secondary, p)) ImGui::OpenPopup("bulk-owner");
    place_popup_below_last_item("bulk-owner");
    if (ImGui::BeginPopup("bulk-owner")) {
        auto set_owner = [&](Id owner) {
            BulkUpdateDeals cmd;
            cmd.deals = list_selected_in_order(ls);
            cmd.patch.owner = owner;
            ctx.intents.commands.push_back(std::move(cmd));
        };
        for (const TeamMember& m : ws.team)
            if (m.role != Role::Viewer && menu_item(m.name + "##owner-to")) set_owner(m.meta.id);
        if (menu_item("Nobody##owner-to")) set_owner(kNoId);
        ImGui::EndPopup();
    }
    ImGui::SameLine();
    if (styled_button("Set status", nullptr, ButtonKind::Secondary, p)) ImGui::OpenPopup("bulk-status");
    place_popup_below_last_item("bulk-status");
    if (ImGui::BeginPopup("bulk-status")) {
        for (DealStatus s : {DealStatus::Open, DealStatus::Won, DealStatus::Lost, DealStatus::Abandoned}) {
            std::string name = to_string(s);
            name[0] = char(name[0] - 32);
            if (menu_item(name + "##status-to")) {
                if (s == DealStatus::Lost) {
                    ls.ask_bulk_lost = true;   // the reason first (draw_list_bulk_lost_dialog)
                } else if (std::vector<Id> deals = deals_to_change(ls, ctx.store, s); !deals.empty()) {
                    ctx.intents.commands.push_back(BulkSetDealStatus{std::move(deals), s, kNoId, {}});
                }
            }
        }
        ImGui::EndPopup();
    }
    ImGui::SameLine();
    if (styled_button("Delete", nullptr, ButtonKind::Secondary, p)) ls.confirm_delete = true;
    ImGui::SameLine();
    if (ls.selected.size() < ls.rows.size()) {
        const std::string all = "Select all " + std::to_string(ls.rows.size()) + "###Select all";
        if (styled_button(all.c_str(), nullptr, ButtonKind::Ghost, p)) list_select_all(ls);
        name_last_item("Select all");
        ImGui::SameLine();
    }
    if (styled_button("Clear selection", nullptr, ButtonKind::Ghost, p)) list_clear_selection(ls);
}

void draw_list_delete_confirm(ViewContext& ctx) {
    ListState& ls = ctx.ui.list;
    if (ls.confirm_delete && !ImGui::IsPopupOpen(kConfirmDelete)) ImGui::OpenPopup(kConfirmDelete);
    ImGui::SetNextWindowSize(ImVec2(420, 0));
    if (!ImGui::BeginPopupModal(kConfirmDelete, nullptr, ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize)) return;
    const size_t n = ls.selected.size();
    const std::string text = "Delete " + std::to_string(n) + (n == 1 ? " deal" : " deals") +
                             " with their notes and activities? You can undo this.";
    ImGui::PushTextWrapPos(400);
    text_item(text.c_str(), nullptr, ctx.palette.text, 400);
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    if (styled_button("Delete deals", nullptr, ButtonKind::Primary, ctx.palette)) {
        ctx.intents.commands.push_back(DeleteDeals{list_selected_in_order(ls)});
        list_clear_selection(ls);
        ls.confirm_delete = false;
        ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (styled_button("Cancel##delete", nullptr, ButtonKind::Secondary, ctx.palette)) {
        ls.confirm_delete = false;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

void draw_list_bulk_lost_dialog(ViewContext& ctx) {
    ListState& ls = ctx.ui.list;
    const Palette& p = ctx.palette;
    if (ls.ask_bulk_lost) {
        ls.ask_bulk_lost = false;
        ls.bulk_lost_reason = kNoId;
        ls.bulk_lost_text[0] = '\0';
        ImGui::OpenPopup(kBulkLost);
    }
    ImGui::SetNextWindowSize(ImVec2(440, 0));
    if (!ImGui::BeginPopupModal(kBulkLost, nullptr, ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize)) return;
    const std::vector<Id> deals = deals_to_change(ls, ctx.store, DealStatus::Lost);
    const std::string text = "Why were " + std::to_string(deals.size()) + (deals.size() == 1 ? " deal" : " deals") +
                             " lost? One reason for all of them; pick one, add a comment, or both.";
    text_item(text.c_str(), nullptr, p.text, 420);
    ImGui::Spacing();
    const bool enter = lost_reason_picker(ctx, ls.bulk_lost_reason, ls.bulk_lost_text, sizeof ls.bulk_lost_text, 420);
    ImGui::Spacing();
    ImGui::BeginDisabled(deals.empty());
    const bool confirm = styled_button("Mark as lost##bulk", nullptr, ButtonKind::Primary, p) || (enter && !deals.empty());
    ImGui::EndDisabled();
    if (confirm) {
        ctx.intents.commands.push_back(BulkSetDealStatus{deals, DealStatus::Lost, ls.bulk_lost_reason, ls.bulk_lost_text});
        ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (styled_button("Cancel##bulk-lost", nullptr, ButtonKind::Secondary, p)) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

}  // namespace dd::ui
