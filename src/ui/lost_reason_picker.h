// What every "why was it lost?" dialog shows: the workspace's lost reasons as radio buttons, in
// their order (named "Reason <text>" for the item registry), and a comment field ("Lost comment").
// The board's drop on Lost, the deal page's "Mark as lost" and the list's bulk status all use it.
#pragma once
#include "ui/view_context.h"

#include <cstddef>

namespace dd::ui {

// Edits `reason` (kNoId: none picked) and `text`. Returns true when Enter was pressed in the comment.
bool lost_reason_picker(ViewContext& ctx, Id& reason, char* text, size_t text_size, float width);

}  // namespace dd::ui
