// One deal card of the board: drawn with the draw list (rounded rectangle, palette colours) over
// an InvisibleButton labelled with the deal's title (hit testing; the bridge finds it by title).
#pragma once
#include "core/model.h"
#include "ui/view_context.h"

namespace dd::ui {

// Card metrics (CSS pixels, on the 8 px grid). Every card has the same height, so a lane knows
// where its i-th card is without measuring: what makes per-lane clipping O(visible cards).
inline constexpr float kCardHeight = 88.0f;
inline constexpr float kCardGap = 8.0f;
inline constexpr float kCardPitch = kCardHeight + kCardGap;

struct CardEvents {
    bool hovered = false;
    bool pressed = false;        // the left button went down on it this frame
    bool clicked = false;        // left button released on it without a drag
    bool right_clicked = false;
};

// Submits the card at the cursor (PushID(deal id) inside). `ghost`: the card is being dragged
// (its place is drawn as a dashed slot).
CardEvents board_card(ViewContext& ctx, const Deal& deal, float width, bool selected, bool ghost);

// Draws the card's face at `min` (also used for the preview that follows the mouse in a drag).
void draw_card_face(ViewContext& ctx, ImDrawList* dl, ImVec2 min, float width, const Deal& deal,
                    bool selected, bool hovered, bool lifted);

// The details a hover shows (the deal page comes in a later issue).
void card_details(ViewContext& ctx, const Deal& deal);

}  // namespace dd::ui
