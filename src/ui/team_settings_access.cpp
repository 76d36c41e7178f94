// Permission checks for views (team_settings.h): the same rule the store enforces.
#include "ui/team_settings.h"

namespace dd::ui {

bool can_edit_data(const Store& store) {
    return store.permission_of(store.settings().current_user) >= Permission::Data;
}

bool can_edit_settings(const Store& store) {
    return store.permission_of(store.settings().current_user) >= Permission::Settings;
}

const char* member_name(const Store& store, Id member) {
    if (member == kNoId) return "Nobody";
    const TeamMember* m = store.find_member(member);
    return m ? m->name.c_str() : "(removed)";
}

}  // namespace dd::ui
