// The first-start "who are you?" dialog (app_dialogs.h).
//
// Where "chosen on this device" lives: WorkspaceSettings::current_user. The workspace is kept in
// this browser's IndexedDB only (no sync; a backup or sample load replaces it whole), so the
// setting is per device in practice, and choosing goes through SetCurrentUser like any change
// (journaled, so a reload does not ask again). If sync arrives, current_user has to move to a
// device-local record that sync skips; the dialog only needs `first_start_needed` to follow it.
#include "ui/app_dialogs.h"

#include "imgui.h"
#include "ui/contacts_parts.h"
#include "ui/deal_page_parts.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/team_settings.h"
#include "ui/widgets.h"

#include <algorithm>
#include <string>

namespace dd::ui {
namespace {

constexpr const char* kDialog = "Who are you?";

const char* role_word(Role r) {
    switch (r) {
    case Role::Admin: return "Admin";
    case Role::Manager: return "Manager";
    case Role::Viewer: return "Viewer";
    }
    return "";
}

// One row per team member: a click says "this is me".
void member_rows(ViewContext& ctx, float width) {
    const Palette& p = ctx.palette;
    const auto& team = ctx.store.workspace().team;
    const float row_h = 30.0f;
    const float pitch = row_h + ImGui::GetStyle().ItemSpacing.y;
    // A big team scrolls inside the dialog instead of pushing its buttons off the screen.
    const float list_h = std::min(pitch * float(team.size()), std::max(pitch * 3, ctx.ui.height * 0.45f));
    ImGui::BeginChild("first_start_team", ImVec2(width, list_h), false);
    for (const TeamMember& m : team) {
        push_id(m.meta.id);
        const ImVec2 at = ImGui::GetCursorScreenPos();
        if (ImGui::Selectable("##member", false, 0, ImVec2(width - 4.0f, row_h)))
            ctx.intents.commands.push_back(SetCurrentUser{m.meta.id});
        name_last_item(("I am " + m.name).c_str());
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const float text_y = at.y + (row_h - ImGui::GetTextLineHeight()) * 0.5f;
        dl->AddText(ImVec2(at.x + 10.0f, text_y), p.accent, icons::kUser);
        dl->AddText(ImVec2(at.x + 34.0f, text_y), p.text, m.name.c_str());
        const char* role = role_word(m.role);
        dl->AddText(ImVec2(at.x + width - 14.0f - ImGui::CalcTextSize(role).x, text_y), p.text_muted, role);
        ImGui::PopID();
    }
    ImGui::EndChild();
}

// "I'm new here" (or, with no team yet, the only choice): a name, then the member is added and
// chosen. A newcomer joins a team as a viewer (the core allows nothing more without an admin);
// the first member of an empty team is its admin.
void newcomer_row(ViewContext& ctx, float width, bool first_member) {
    TeamSettingsState& s = ctx.ui.team;
    const Palette& p = ctx.palette;
    const char* button = first_member ? "Create me as the admin" : "Join as a viewer";
    const float button_w = ImGui::CalcTextSize(button).x + 32.0f;
    if (s.first_start_focus) {
        ImGui::SetKeyboardFocusHere();
        s.first_start_focus = false;
    }
    ImGui::SetNextItemWidth(width - button_w - space::sm);
    const bool enter = ImGui::InputTextWithHint("##first_name", "Your name", s.first_name, sizeof s.first_name,
                                                ImGuiInputTextFlags_EnterReturnsTrue);
    name_last_item("Your name");
    ImGui::SameLine(0, space::sm);
    if (styled_button(button, nullptr, ButtonKind::Primary, p, ImVec2(button_w, 0)) || enter) {
        TeamMember m;
        m.meta.id = ctx.ids.next();
        m.name = s.first_name;
        m.role = first_member ? Role::Admin : Role::Viewer;
        if (record_checked(ctx, AddTeamMember{m}, s.first_error)) {
            ctx.intents.commands.push_back(SetCurrentUser{m.meta.id});   // applied after the member exists
            s.first_name[0] = 0;
            s.first_start_new = false;
        } else {
            s.first_start_focus = true;
        }
    }
    if (!s.first_error.empty()) named_text(s.first_error, "Error: " + s.first_error, p.danger, width);
    if (!first_member)
        text_item("An admin can give you more rights later in Team and permissions.", nullptr, p.text_muted, width);
}

}  // namespace

bool first_start_needed(const Store& store, const UiState& ui) {
    if (ui.team.first_start_dismissed) return false;
    const Workspace& ws = store.workspace();
    // Before the saved workspace is loaded the store is empty (not even a pipeline): not yet.
    if (ws.pipelines.empty()) return false;
    return ws.team.empty() || store.current_user() == nullptr;
}

void draw_first_start(ViewContext& ctx) {
    TeamSettingsState& s = ctx.ui.team;
    const Palette& p = ctx.palette;
    const bool needed = first_start_needed(ctx.store, ctx.ui);
    if (needed && !ImGui::IsPopupOpen(kDialog)) ImGui::OpenPopup(kDialog);
    if (begin_dialog(kDialog, ctx.ui.width, ctx.ui.height * 0.16f, std::min(480.0f, ctx.ui.width - 2 * space::lg))) {
        if (!needed) {   // chosen (or the workspace replaced): gone this frame, nothing stale drawn
            ImGui::CloseCurrentPopup();
            ImGui::EndPopup();
            return;
        }
        const float width = ImGui::GetContentRegionAvail().x;
        const bool no_team = ctx.store.workspace().team.empty();
        text_item(no_team ? "Welcome! Who are you?" : kDialog, ctx.ui.fonts.heading, p.text, width);
        if (no_team) {
            text_item("This workspace has no team yet. Create yourself as its admin; you can add your "
                      "colleagues later in Team and permissions.",
                      nullptr, p.text_muted, width);
            ImGui::Dummy(ImVec2(0, space::xs));
            newcomer_row(ctx, width, true);
        } else {
            text_item("Dealdeck remembers who uses this device: new deals, notes and the history carry "
                      "your name. Pick yourself:",
                      nullptr, p.text_muted, width);
            ImGui::Dummy(ImVec2(0, space::xs));
            member_rows(ctx, width);
            ImGui::Dummy(ImVec2(0, space::xs));
            if (!s.first_start_new) {
                if (styled_button("I'm new here", icons::kPlus, ButtonKind::Secondary, p)) {
                    s.first_start_new = true;
                    s.first_start_focus = true;
                    s.first_error.clear();
                }
            } else {
                newcomer_row(ctx, width, false);
            }
        }
        ImGui::Dummy(ImVec2(0, space::sm));
        // Looking around without choosing is fine: without a team member nothing can be changed
        // (the core refuses), and Team and permissions still offers the choice.
        const float later_w = ImGui::CalcTextSize("Not now").x + 28.0f;
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + width - later_w);
        if (styled_button("Not now", nullptr, ButtonKind::Ghost, p, ImVec2(later_w, 0))) {
            s.first_start_dismissed = true;
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
}

}  // namespace dd::ui
