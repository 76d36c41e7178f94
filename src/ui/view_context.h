// What a view gets to draw one frame: read access to the data, its view state, and a list to
// record intents in. Views never change the store while drawing; app_frame applies the intents
// after the frame (so a whole frame reads one consistent workspace).
#pragma once
#include "core/commands.h"
#include "core/store.h"
#include "ui/app_state.h"
#include "ui/theme.h"

#include <vector>

namespace dd::ui {

struct FrameIntents {
    std::vector<Command> commands;   // applied in order through Store::apply
    bool undo = false;
    bool redo = false;
    bool load_sample = false;        // asked for sample data (confirmed first if there are deals)
    bool replace_with_sample = false;// confirmed: replace the workspace with generated sample data
};

struct ViewContext {
    const Store& store;
    UiState& ui;
    FrameIntents& intents;
    IdGenerator& ids;        // ids for records a command will create
    const Palette& palette;
    Millis now;
};

}  // namespace dd::ui
