#include "ui/list_row_actions.h"

#include "core/store.h"
#include "imgui.h"
#include "ui/deal_page.h"
#include "ui/item_registry.h"
#include "ui/widgets.h"

#include <cstring>
#include <string>

namespace dd::ui {
namespace {

constexpr const char* kActivityPopup = "Log activity##list-activity";

bool menu_item(const char* label) {
    const bool chosen = ImGui::MenuItem(label);
    name_last_item(label);
    return chosen;
}

}  // namespace

void draw_row_context_menu(ViewContext& ctx, const Deal& deal) {
    ListState& ls = ctx.ui.list;
    if (!ImGui::BeginPopupContextItem("row-menu")) return;
    if (menu_item("Open")) open_deal(ctx.ui, deal.meta.id);   // the deal page, like the board
    if (menu_item("Duplicate")) ctx.intents.commands.push_back(DuplicateDeal{deal.meta.id, ctx.ids.next()});
    if (menu_item("Log activity")) {
        ls.log_activity_deal = deal.meta.id;
        std::snprintf(ls.activity_subject, sizeof ls.activity_subject, "Follow up: %s", deal.title.c_str());
    }
    ImGui::EndPopup();
}

void draw_row_dialogs(ViewContext& ctx) {
    ListState& ls = ctx.ui.list;
    const Palette& p = ctx.palette;
    if (ls.log_activity_deal != kNoId && !ImGui::IsPopupOpen(kActivityPopup)) ImGui::OpenPopup(kActivityPopup);

    ImGui::SetNextWindowSize(ImVec2(440, 0));
    if (ImGui::BeginPopupModal(kActivityPopup, nullptr, ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::TextUnformatted("Subject");
        ImGui::SetNextItemWidth(-1);
        ImGui::InputText("##activity-subject", ls.activity_subject, sizeof ls.activity_subject);
        name_last_item("Activity subject");
        ImGui::Spacing();
        const bool can_save = std::strlen(ls.activity_subject) > 0;
        ImGui::BeginDisabled(!can_save);
        if (styled_button("Save activity", nullptr, ButtonKind::Primary, p)) {
            Activity a;
            a.meta.id = ctx.ids.next();
            a.kind = ActivityKind::Task;
            a.subject = ls.activity_subject;
            a.deal = ls.log_activity_deal;
            a.done = true;
            a.owner = ctx.store.settings().current_user;
            if (const Deal* d = ctx.store.find_deal(a.deal)) a.contacts = d->contacts;
            ctx.intents.commands.push_back(CreateActivity{a});
            ls.log_activity_deal = kNoId;
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndDisabled();
        ImGui::SameLine();
        if (styled_button("Cancel##activity", nullptr, ButtonKind::Secondary, p)) {
            ls.log_activity_deal = kNoId;
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
}

}  // namespace dd::ui
