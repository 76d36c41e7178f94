// Pipeline settings, a modal opened from the board's filter row ("Pipeline settings").
// Pipelines: create (a first stage plus the fixed Won and Lost), rename, reorder, delete when
// empty. Stages of the chosen pipeline: add, rename, probability, colour, idle threshold, reorder
// by drag, delete (with its deals moved to another stage first when it has some).
// Every change is a command (so undoable); a change the store would refuse is checked first
// (Store::check) and its reason shown in the dialog instead of being recorded.
#pragma once
#include "core/commands.h"
#include "ui/view_context.h"

#include <string>

namespace dd::ui {

inline constexpr const char* kPipelineSettingsTitle = "Pipeline settings";

void draw_pipeline_settings(ViewContext& ctx);

// Records `cmd` if the store would accept it, else keeps its reason in the dialog's message.
bool record_checked(ViewContext& ctx, Command cmd);

// A text field that hands back its text once the user is done (Enter, or focus left after an
// edit). `name` is the item label tests find it by.
bool edit_text_field(ViewContext& ctx, const char* id, const char* name, const std::string& current, float width,
                     std::string& out);
bool edit_int_field(ViewContext& ctx, const char* id, const char* name, int current, float width, int& out);

// The stages part of the dialog (pipeline_settings_stages.cpp).
void draw_stage_settings(ViewContext& ctx, const Pipeline& pipeline, float width);

}  // namespace dd::ui
