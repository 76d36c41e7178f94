// A deal's timeline: notes, activities and history lines (stage moves, status changes, field
// edits) merged newest first, each with who and when. build_timeline is plain data (tested
// without drawing); draw_timeline draws it with its kind filter.
#pragma once
#include "core/store.h"
#include "ui/deal_page_state.h"
#include "ui/view_context.h"

#include <string>
#include <vector>

namespace dd::ui {

enum class TimelineKind : uint8_t { Note, Activity, Stage, Status, Field, Created };

struct TimelineEntry {
    TimelineKind kind = TimelineKind::Note;
    Millis at = 0;
    Id actor = kNoId;
    Id record = kNoId;        // the note, activity or history line
    std::string title;        // "Stage: Lead in -> Proposal sent", "Call: intro"
    std::string body;         // a note's text, an activity's outcome
};

uint8_t timeline_bit(TimelineKind);
// Every entry of the deal whose kind is in `filter` (TimelineKindBit mask), newest first.
std::vector<TimelineEntry> build_timeline(const Store&, Id deal, uint8_t filter);

void draw_timeline(ViewContext& ctx, const Deal& deal, float width);

}  // namespace dd::ui
