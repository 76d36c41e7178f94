// The team settings page: members with roles (admin: everything, settings included; manager:
// deals, contacts, notes; viewer: read only), add / edit role / remove (with the deals' new
// owner), and who uses this device. Only admins change the team; anyone picks who they are.
#include "ui/team_settings.h"

#include "core/format.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "ui/contacts_parts.h"
#include "ui/deal_page_parts.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/toast_action.h"
#include "ui/widgets.h"

#include <string>

namespace dd::ui {
namespace {

constexpr const char* kRemoveDialog = "Remove team member?";

const char* role_label(Role r) {
    switch (r) {
    case Role::Admin: return "Admin";
    case Role::Manager: return "Manager";
    case Role::Viewer: return "Viewer";
    }
    return "Viewer";
}
const char* role_help(Role r) {
    switch (r) {
    case Role::Admin: return "Everything, settings included";
    case Role::Manager: return "Create, edit and move deals";
    case Role::Viewer: return "Read only";
    }
    return "";
}

bool role_combo(const char* id, Role& role, float width) {
    bool changed = false;
    ImGui::SetNextItemWidth(width);
    if (ImGui::BeginCombo(id, role_label(role))) {
        for (Role r : {Role::Admin, Role::Manager, Role::Viewer}) {
            const std::string text = std::string(role_label(r)) + "  -  " + role_help(r);
            if (ImGui::Selectable(text.c_str(), r == role)) role = r, changed = true;
            name_last_item((std::string("Role ") + role_label(r)).c_str());
        }
        ImGui::EndCombo();
    }
    return changed;
}

void remove_dialog(ViewContext& ctx) {
    TeamSettingsState& s = ctx.ui.team;
    const Palette& p = ctx.palette;
    const TeamMember* m = ctx.store.find_member(s.confirm_remove);
    if (m && !ImGui::IsPopupOpen(kRemoveDialog)) ImGui::OpenPopup(kRemoveDialog);
    if (begin_dialog(kRemoveDialog, ctx.ui.width, ctx.ui.height * 0.25f, 440.0f)) {
        const float wrap = ImGui::GetContentRegionAvail().x;
        text_item(kRemoveDialog, ctx.ui.fonts.heading, p.text, wrap);
        if (m) {
            const size_t owned = ctx.store.deals_of_owner(m->meta.id).size();
            const std::string body = m->name + " owns " + std::to_string(owned) + " deal(s). Give them to:";
            text_item(body.c_str(), nullptr, p.text_muted, wrap);
            const TeamMember* to = ctx.store.find_member(s.reassign_to);
            ImGui::SetNextItemWidth(wrap);
            if (ImGui::BeginCombo("##reassign", to ? to->name.c_str() : "Nobody")) {
                if (ImGui::Selectable("Nobody", s.reassign_to == kNoId)) s.reassign_to = kNoId;
                for (const TeamMember& o : ctx.store.workspace().team) {
                    if (o.meta.id == m->meta.id) continue;
                    push_id(o.meta.id);
                    if (ImGui::Selectable(o.name.c_str(), s.reassign_to == o.meta.id)) s.reassign_to = o.meta.id;
                    ImGui::PopID();
                }
                ImGui::EndCombo();
            }
            name_last_item("Reassign deals to");
        }
        ImGui::Dummy(ImVec2(0, space::sm));
        const bool cancel = !m || styled_button("Cancel", nullptr, ButtonKind::Secondary, p) ||
                            ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape));
        if (m) ImGui::SameLine(0, space::sm);
        if (m && styled_button("Remove member", icons::kTrash, ButtonKind::Primary, p)) {
            ctx.intents.commands.push_back(RemoveTeamMember{m->meta.id, s.reassign_to});
            s.confirm_remove = kNoId;
            ImGui::CloseCurrentPopup();
        } else if (cancel) {
            s.confirm_remove = kNoId;
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
}

// "Ada Lovelace" -> "AL", "Zoë" -> "Z": the first letter of the first two words (a whole UTF-8
// sequence; ASCII upper-cased).
std::string initials(const std::string& name) {
    std::string out;
    int letters = 0;
    for (size_t i = 0; i < name.size() && letters < 2; ++i) {
        if (name[i] == ' ' || (i > 0 && name[i - 1] != ' ')) continue;   // only where a word starts
        const unsigned char c = static_cast<unsigned char>(name[i]);
        std::string letter = name.substr(i, c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4);
        if (c >= 'a' && c <= 'z') letter[0] = char(c - 'a' + 'A');
        out += letter;
        ++letters;
    }
    return out.empty() ? "?" : out;
}

}  // namespace

void draw_current_user_badge(ViewContext& ctx, float size) {
    const Palette& p = ctx.palette;
    const TeamMember* me = ctx.store.current_user();
    if (ImGui::InvisibleButton("##current_user_badge", ImVec2(size, size))) ctx.ui.view = View::Team;
    name_last_item(me ? ("Current user: " + me->name).c_str() : "Current user: nobody");
    const ImVec2 min = ImGui::GetItemRectMin();
    const ImVec2 c(min.x + size * 0.5f, min.y + size * 0.5f);
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddCircleFilled(c, size * 0.5f - 1.0f, hovered ? p.accent : p.accent_soft, 32);
    const std::string text = me ? initials(me->name) : std::string(icons::kUser);
    const ImVec2 ts = ImGui::CalcTextSize(text.c_str());
    dl->AddText(ImVec2(IM_ROUND(c.x - ts.x * 0.5f), IM_ROUND(c.y - ts.y * 0.5f)), hovered ? p.surface : p.accent, text.c_str());
    if (hovered) {
        const std::string tip = me ? "You are " + me->name + " (" + role_label(me->role) + "). Change in Team and permissions."
                                   : std::string("Nobody chosen: pick yourself in Team and permissions.");
        ImGui::SetTooltip("%s", tip.c_str());
    }
}

void draw_team_settings(ViewContext& ctx) {
    TeamSettingsState& s = ctx.ui.team;
    const Palette& p = ctx.palette;
    const Store& store = ctx.store;
    const bool admin = can_edit_settings(store);
    const float width = std::min(ImGui::GetContentRegionAvail().x, 900.0f);
    if (styled_button("Back to the board", icons::kArrowLeft, ButtonKind::Ghost, p)) ctx.ui.view = View::Board;
    ImGui::Spacing();
    text_item("Team and permissions", ctx.ui.fonts.heading, p.text);
    text_item("Admins change everything, settings included. Managers create, edit and move deals. "
              "Viewers see every view but cannot change anything.",
              nullptr, p.text_muted, width);
    ImGui::Dummy(ImVec2(0, space::md));

    // Who uses this device: anyone may choose (it is a device choice, not a data change).
    text_item("You are", ctx.ui.fonts.strong, p.text);
    const TeamMember* me = store.current_user();
    ImGui::SetNextItemWidth(280.0f);
    if (ImGui::BeginCombo("##current_user", me ? me->name.c_str() : "Choose who you are")) {
        for (const TeamMember& m : store.workspace().team) {
            push_id(m.meta.id);
            const std::string text = m.name + "  (" + role_label(m.role) + ")";
            if (ImGui::Selectable(text.c_str(), me && me->meta.id == m.meta.id))
                ctx.intents.commands.push_back(SetCurrentUser{m.meta.id});
            name_last_item(("Be " + m.name).c_str());
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }
    name_last_item("Current user");
    ImGui::Dummy(ImVec2(0, space::md));

    text_item("Members", ctx.ui.fonts.strong, p.text);
    if (!admin) text_item("Only admins can change the team.", nullptr, p.text_muted);
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_PadOuterX;
    if (ImGui::BeginTable("team", 5, flags, ImVec2(width, 0))) {
        ImGui::TableSetupColumn("Name", ImGuiTableColumnFlags_WidthStretch, 1.2f);
        ImGui::TableSetupColumn("Email", ImGuiTableColumnFlags_WidthStretch, 1.5f);
        ImGui::TableSetupColumn("Role", ImGuiTableColumnFlags_WidthFixed, 160.0f);
        ImGui::TableSetupColumn("Deals", ImGuiTableColumnFlags_WidthFixed, 60.0f);
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, 90.0f);
        ImGui::TableHeadersRow();
        for (const TeamMember& m : store.workspace().team) {
            push_id(m.meta.id);
            ImGui::TableNextRow(0, 34.0f);
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            text_item(m.name.c_str(), nullptr, p.text);
            if (me && me->meta.id == m.meta.id) {
                ImGui::SameLine();
                ImGui::TextColored(to_vec4(p.text_muted), "(you)");
            }
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(m.email.c_str());
            ImGui::TableNextColumn();
            ImGui::BeginDisabled(!admin);
            Role role = m.role;
            if (role_combo("##role", role, 150.0f)) {
                TeamMemberPatch patch;
                patch.role = role;
                ctx.intents.commands.push_back(UpdateTeamMember{m.meta.id, patch});
            }
            name_last_item(("Role of " + m.name).c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%d", int(store.deals_of_owner(m.meta.id).size()));
            ImGui::TableNextColumn();
            if (styled_button("Remove", nullptr, ButtonKind::Ghost, p)) {
                s.confirm_remove = m.meta.id;
                s.reassign_to = kNoId;
            }
            name_last_item(("Remove " + m.name).c_str());
            ImGui::EndDisabled();
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    ImGui::Dummy(ImVec2(0, space::md));
    ImGui::BeginDisabled(!admin);
    text_item("Add a member", ctx.ui.fonts.strong, p.text);
    ImGui::SetNextItemWidth(220.0f);
    ImGui::InputTextWithHint("##name", "Name", s.name, sizeof s.name);
    name_last_item("Member name");
    ImGui::SameLine(0, space::sm);
    ImGui::SetNextItemWidth(260.0f);
    ImGui::InputTextWithHint("##email", "Email (optional)", s.email, sizeof s.email);
    name_last_item("Member email");
    ImGui::SameLine(0, space::sm);
    role_combo("##new_role", s.role, 150.0f);
    name_last_item("Member role");
    ImGui::SameLine(0, space::sm);
    if (styled_button("Add member", icons::kPlus, ButtonKind::Primary, p)) {
        TeamMember m;
        m.meta.id = ctx.ids.next();
        m.name = s.name;
        m.email = s.email;
        m.role = s.role;
        if (record_checked(ctx, AddTeamMember{m}, s.error)) s.name[0] = s.email[0] = 0;
    }
    ImGui::EndDisabled();
    if (!s.error.empty()) {
        named_text(s.error, "Error: " + s.error, p.danger);
    }
    remove_dialog(ctx);
    draw_toast_undo(ctx);
}

}  // namespace dd::ui
