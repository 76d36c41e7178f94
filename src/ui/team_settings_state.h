// View state of the team settings view and the first-start "who are you?" dialog.
#pragma once
#include "core/model.h"

#include <string>

namespace dd::ui {

struct TeamSettingsState {
    char name[96] = {};            // the "Add member" row
    char email[96] = {};
    Role role = Role::Manager;
    Id confirm_remove = kNoId;     // the member whose removal waits for confirmation
    Id reassign_to = kNoId;
    std::string error;
    // First start: nobody chose who uses this device yet (asked once per session).
    bool first_start_dismissed = false;
    char first_name[96] = {};
};

}  // namespace dd::ui
