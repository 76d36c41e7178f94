// View state of the Contacts and Companies views (members of UiState): the list filter, the
// record whose detail page is open, its in-place editors and the delete confirmation.
#pragma once
#include "core/model.h"

#include <string>

namespace dd::ui {

struct ContactsState {
    char filter[96] = {};
    Id open = kNoId;               // the contact whose page is shown; kNoId = the list
    bool adding = false;           // the "New contact" row
    char name[96] = {};
    char email[96] = {};
    char phone[48] = {};
    Id company = kNoId;
    bool editing = false;
    bool confirm_delete = false;   // the dialog listing the deals the delete removes / unlinks
    std::string error;
};

struct CompaniesState {
    char filter[96] = {};
    Id open = kNoId;
    bool adding = false;
    char name[96] = {};
    char domain[96] = {};
    int employees = 0;
    bool editing = false;
    bool confirm_delete = false;
    std::string error;
};

}  // namespace dd::ui
