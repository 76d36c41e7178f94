// Opening and leaving the deal page (deal_page.h): the only entry points other views call.
#include "ui/deal_page.h"

namespace dd::ui {

void open_deal(UiState& ui, Id deal) {
    if (ui.view != View::Deal) ui.deal_page.back = ui.view;
    // A fresh page for another deal: no half-finished edits or dialogs carried over.
    if (ui.deal_page.deal != deal) {
        const View back = ui.deal_page.back;
        const uint8_t filter = ui.deal_page.timeline_filter;
        ui.deal_page = DealPageState{};
        ui.deal_page.back = back;
        ui.deal_page.timeline_filter = filter;
    }
    ui.deal_page.deal = deal;
    ui.view = View::Deal;
}

void close_deal_page(UiState& ui) {
    ui.view = ui.deal_page.back == View::Deal ? View::Board : ui.deal_page.back;
    ui.deal_page.deal = kNoId;
}

}  // namespace dd::ui
