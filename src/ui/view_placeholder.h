// The friendly empty-state card of a view that is not built yet: an icon, a plain sentence
// saying it comes later, what it will do, and a glimpse of the data it will show.
#pragma once
#include "ui/view_context.h"

namespace dd::ui {

struct PlaceholderText {
    const char* icon;
    const char* title;     // "The board arrives in the next release": also the item label
    const char* body;
};

void draw_placeholder(ViewContext& ctx, const PlaceholderText& text);

}  // namespace dd::ui
