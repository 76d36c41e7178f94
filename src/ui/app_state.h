// The whole app state, explicit: the data (Store), the id source, and view-only state (UiState)
// apart from data. One App lives in main (web) or in the test driver; nothing here is global.
#pragma once
#include "core/ids.h"
#include "core/model.h"
#include "core/persist_history.h"
#include "core/store.h"
#include "ui/board_state.h"
#include "ui/contacts_state.h"
#include "ui/deal_form_state.h"
#include "ui/deal_page_state.h"
#include "ui/item_registry.h"
#include "ui/team_settings_state.h"
#include "ui/list_state.h"
#include "ui/theme.h"
#include "ui/ui_fonts.h"

#include <memory>
#include <string>

namespace dd::ui {

// The views of the main area. To add one: a value here, a row in views.cpp, a draw function.
// Deal and Team are pages outside the switcher (ViewInfo::in_switcher).
enum class View { Board, List, Forecast, Contacts, Companies, Deal, Team };

// A short message at the bottom of the window ("Undid: Moved Acme to Proposal").
struct Toast {
    std::string text;
    bool error = false;
    Millis until = 0;   // hidden from this instant on
};

// View state only: what is shown and how, never workspace data.
struct UiState {
    View view = View::Board;
    ThemeKind theme = ThemeKind::Light;
    int applied_theme = -1;        // the ThemeKind the ImGui style was last built for (-1: none)
    Id pipeline = kNoId;           // the pipeline shown (picker); kept valid by app_frame
    char search[128] = {};         // the top bar's search text (views filter by it)
    bool confirm_sample = false;   // open the "replace with sample data?" dialog next frame
    Toast toast;
    BoardState board;              // the board view's state (board_state.h)
    DealPageState deal_page;       // deal_page_state.h
    DealFormState deal_form;       // the create/edit deal dialog (deal_form_state.h)
    ContactsState contacts;        // contacts_state.h
    CompaniesState companies;
    TeamSettingsState team;        // team_settings_state.h
    ListState list;                // the list view's state (list_state.h)
    uint64_t data_version = 0;     // +1 whenever the store changed (views rebuild their caches on it)
    UiFonts fonts;                 // set by whoever builds the font atlas
    std::string save_status;       // persistence: "Saved", "Saving...", or an error (set by the platform)
    bool save_error = false;
    float width = 0, height = 0;   // the display size of the current frame (CSS pixels)
    // Undo or redo of a huge step (a whole CSV import: seconds of work in one frame), said on
    // screen first: asked in one frame, the notice shown in the next, done in the one after.
    enum class HistoryAsk { None, Undo, Redo };
    HistoryAsk history_asked = HistoryAsk::None;
    bool history_notice_shown = false;   // a frame showing the notice was drawn
};

struct App {
    Store store;
    IdGenerator ids;
    UiState ui;
    ItemRegistry items;   // what the last frame drew (bridge, tests)
    uint64_t loads = 0;   // workspaces loaded whole (sample, import): persistence saves a snapshot
    // The snapshot's history lines a start left to read after the first frame (persist_history.h,
    // app_history.h): set while the store's history is Pending.
    std::unique_ptr<PendingHistory> pending_history;
    std::string history_problem;   // why they could not be read (the store's history is Unavailable)

    App(IdGenerator id_source, uint64_t store_seed) : store(store_seed), ids(id_source) {}
};

}  // namespace dd::ui
