#include "ui/app_history.h"

#include <limits>

namespace dd::ui {

bool read_pending_history(App& app, size_t lines, Millis now) {
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
    if (p == HistoryProgress::Failed) {
        // Said for longer than a command's toast: no new snapshot is written from now on (the
        // store's history is Unavailable), so what is stored keeps the lines.
        app.ui.toast = Toast{"The deals' history could not be read (" + problem + "). It stays stored; export a backup.",
                             true, now + 12000};
    }
    return false;
}

void finish_pending_history(App& app, Millis now) {
    read_pending_history(app, std::numeric_limits<size_t>::max(), now);
}

}  // namespace dd::ui
