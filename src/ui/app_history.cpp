#include "ui/app_history.h"

#include <limits>

namespace dd::ui {

bool read_pending_history(App& app, size_t lines) {
    if (!app.pending_history) return false;
    if (!app.store.history_pending()) {   // a workspace loaded whole since: those lines are not its
        app.pending_history.reset();
        return false;
    }
    std::string problem;
    const HistoryProgress p = advance_history(app.store, *app.pending_history, lines, &problem);
    if (p == HistoryProgress::Reading) return true;
    app.pending_history.reset();
    ++app.ui.data_version;
    // No toast: the page's notice says it and stays (no new snapshot is written from now on: the
    // store's history is Unavailable, so what is stored keeps the lines), and a toast beside it
    // said the same twice.
    if (p == HistoryProgress::Failed) app.history_problem = problem;
    return false;
}

void finish_pending_history(App& app) {
    read_pending_history(app, std::numeric_limits<size_t>::max());
}

}  // namespace dd::ui
