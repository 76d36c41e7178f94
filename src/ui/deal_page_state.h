// View state of the deal page (one member of UiState): which deal is shown, where "Back" returns
// to, the field being edited in place, the open dialogs and the note/activity composers.
// Nothing here is workspace data; the deal is referred to by id.
#pragma once
#include "core/model.h"

#include <cstdint>
#include <string>
#include <vector>

namespace dd::ui {

enum class View;   // app_state.h (an opaque declaration: a complete type, value 0 = Board)

// The highlight being edited in place (one at a time).
enum class DealHighlight : uint8_t { None, Value, Probability, ExpectedClose, Owner };

// Which kinds of entries the timeline shows (a bit each).
enum TimelineKindBit : uint8_t {
    kTimelineNotes = 1, kTimelineActivities = 2, kTimelineStages = 4, kTimelineStatus = 8, kTimelineFields = 16,
    kTimelineAll = 31,
};

struct ActivityComposer {
    bool open = false;
    Id editing = kNoId;          // the activity being edited (UpdateActivity); kNoId = a new one
    bool scroll_into_view = false;   // opened from further down the page: bring the composer up
    ActivityKind kind = ActivityKind::Call;
    char subject[160] = {};
    char date[11] = {};          // "YYYY-MM-DD" (due date for tasks, when it happened otherwise)
    char time[6] = {};           // "HH:MM", optional
    int duration_min = 0;
    char outcome[256] = {};
    std::vector<Id> contacts;    // linked contacts (of the deal)
    bool done = false;           // calls/meetings/emails logged after the fact are done
    std::string error;
};

struct DealPageState {
    Id deal = kNoId;             // the deal shown; kNoId = none
    View back{};                 // the view "Back" returns to
    DealHighlight editing = DealHighlight::None;
    char edit_text[64] = {};     // the in-place editor's buffer (value, probability, date)
    bool focus_edit = false;
    std::string edit_error;
    int close_year = 0, close_month = 0;   // the month the expected-close calendar shows

    bool lost_requested = false; // open the "mark as lost" dialog next frame
    Id lost_reason = kNoId;
    char lost_text[160] = {};
    bool confirm_delete = false;

    bool note_open = false;
    bool focus_note = false;
    char note[4096] = {};
    ActivityComposer activity;
    uint8_t timeline_filter = kTimelineAll;
};

}  // namespace dd::ui
