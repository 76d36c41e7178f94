// View state of the pipeline settings dialog (a member of BoardState).
#pragma once
#include "core/model.h"

#include <string>

namespace dd::ui {

struct PipelineSettingsState {
    bool open_requested = false;
    Id pipeline = kNoId;            // the pipeline whose stages are edited (default: the board's)
    std::string scratch;            // the text of the field being edited (one at a time)
    int scratch_int = 0;
    std::string message;            // why the last change was refused (the store's words)
    Id deleting_stage = kNoId;      // a stage with deals being deleted: where should they go?
    Id move_to = kNoId;
    Id dragging_stage = kNoId;      // reorder by drag
    int drag_target = -1;
    char new_pipeline[96] = {};
    char first_stage[96] = "Lead in";
};

}  // namespace dd::ui
