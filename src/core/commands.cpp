#include "core/commands.h"

namespace dd {

bool DealPatch::empty() const {
    return !title && !value && !currency && !expected_close && !close_date && !owner && !contacts && !company &&
           !probability_override && !commit && !lost_reason && !lost_reason_text && !external_ref && !description &&
           !source && set_custom.empty() && clear_custom.empty();
}

namespace {
struct PermissionOf {
    // Deals, people and the timeline: managers and admins.
    template <typename T>
    Permission operator()(const T&) const { return Permission::Data; }
    // Settings: admins.
    Permission operator()(const CreatePipeline&) const { return Permission::Settings; }
    Permission operator()(const RenamePipeline&) const { return Permission::Settings; }
    Permission operator()(const MovePipeline&) const { return Permission::Settings; }
    Permission operator()(const DeletePipeline&) const { return Permission::Settings; }
    Permission operator()(const AddStage&) const { return Permission::Settings; }
    Permission operator()(const UpdateStage&) const { return Permission::Settings; }
    Permission operator()(const MoveStage&) const { return Permission::Settings; }
    Permission operator()(const DeleteStage&) const { return Permission::Settings; }
    // A newcomer joins as a viewer on their own (cmd_team.cpp: members other than admins cannot);
    // only an admin grants more.
    Permission operator()(const AddTeamMember& c) const {
        return c.member.role == Role::Viewer ? Permission::Anyone : Permission::Settings;
    }
    Permission operator()(const UpdateTeamMember&) const { return Permission::Settings; }
    Permission operator()(const RemoveTeamMember&) const { return Permission::Settings; }
    Permission operator()(const AddCustomField&) const { return Permission::Settings; }
    Permission operator()(const UpdateCustomField&) const { return Permission::Settings; }
    Permission operator()(const RemoveCustomField&) const { return Permission::Settings; }
    Permission operator()(const AddLostReason&) const { return Permission::Settings; }
    Permission operator()(const UpdateLostReason&) const { return Permission::Settings; }
    Permission operator()(const RemoveLostReason&) const { return Permission::Settings; }
    Permission operator()(const SetBaseCurrency&) const { return Permission::Settings; }
    Permission operator()(const SetExchangeRate&) const { return Permission::Settings; }
    Permission operator()(const RenameWorkspace&) const { return Permission::Settings; }
    Permission operator()(const SetLocale&) const { return Permission::Settings; }
    // Saved views: viewers save their own too; who may change which view is checked by the
    // commands themselves (cmd_saved_views.cpp), since it depends on the view's owner and sharing.
    Permission operator()(const CreateSavedView&) const { return Permission::Anyone; }
    Permission operator()(const UpdateSavedView&) const { return Permission::Anyone; }
    Permission operator()(const RenameSavedView&) const { return Permission::Anyone; }
    Permission operator()(const MoveSavedView&) const { return Permission::Anyone; }
    Permission operator()(const DeleteSavedView&) const { return Permission::Anyone; }
    Permission operator()(const ShareSavedView&) const { return Permission::Anyone; }
    // Choosing who uses this device is not a data change.
    Permission operator()(const SetCurrentUser&) const { return Permission::Anyone; }
    Permission operator()(const ImportDeals& c) const {
        return c.new_members.empty() && c.new_stages.empty() ? Permission::Data : Permission::Settings;
    }
};
}  // namespace

Permission required_permission(const Command& c) { return std::visit(PermissionOf{}, c); }

}  // namespace dd
