// View state of the deal form (one member of UiState): the form is a dialog for creating a deal
// or editing one; its buffers hold what the user typed until Save turns them into a command.
#pragma once
#include "core/model.h"

#include <string>
#include <vector>

namespace dd::ui {

// A custom field's editor buffer (by definition id).
struct CustomFieldInput {
    Id field = kNoId;
    char text[128] = {};
    bool checked = false;
};

struct DealFormState {
    bool open_requested = false;   // open the dialog next frame
    bool is_open = false;
    Id editing = kNoId;            // kNoId = a new deal
    bool title_touched = false;    // the user typed a title: choosing a contact no longer fills it
    bool focus_first = false;

    char title[160] = {};
    char value[32] = {};           // as typed, parsed on save ("1,250.50")
    char currency[4] = "USD";
    Id pipeline = kNoId;
    Id stage = kNoId;
    Id owner = kNoId;
    std::vector<Id> contacts;      // chosen existing contacts, the first is the primary one
    char contact_search[96] = {};
    bool new_contact = false;      // create a contact inline
    char new_contact_name[96] = {};
    char new_contact_email[96] = {};
    Id company = kNoId;
    char company_search[96] = {};
    bool new_company = false;
    char new_company_name[96] = {};
    char expected_close[11] = {};  // "YYYY-MM-DD" or empty
    bool date_picker_open = false;
    int picker_year = 0, picker_month = 0;   // the month the date picker shows
    bool override_probability = false;
    int probability = 0;
    bool commit = false;
    char external_ref[64] = {};
    char description[1024] = {};
    std::vector<CustomFieldInput> custom;

    std::string error_field;       // the field the last refusal named ("title", "value", ...)
    std::string error_message;
    bool scroll_to_error = false;  // bring the refused field into view next frame
    float body_height = 0.0f;      // the fields' height last frame (the body scrolls when taller)
};

}  // namespace dd::ui
