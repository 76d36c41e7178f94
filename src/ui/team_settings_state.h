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
    // First start (app_dialogs_first_start.cpp): nobody chose who uses this device yet.
    bool first_start_dismissed = false;   // "Not now": not asked again this session
    bool first_start_new = false;         // "I'm new here": the name field is shown
    bool first_start_focus = false;       // put the caret in the name field next frame
    char first_name[96] = {};
    std::string first_error;
};

}  // namespace dd::ui
