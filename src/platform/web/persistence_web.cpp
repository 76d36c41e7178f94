#include "platform/web/persistence_web.h"

#include "core/json_io.h"
#include "core/persist_follow.h"
#include "core/persist_workspace.h"
#include "core/storage_overlay.h"
#include "platform/web/storage_idbfs.h"
#include "platform/web/web_app.h"
#include "ui/app_history.h"

#include <emscripten/emscripten.h>
#include <emscripten/eventloop.h>
#include <emscripten/html5.h>

#include <memory>

extern "C" {
void dd_persist_js_install(void* ctx);
void dd_persist_js_request_lock(int take_over);
void dd_persist_js_release_lock_when_saved();
void dd_persist_js_reload_from_idb();
void dd_persist_js_set_role(int writer);
void dd_persist_js_compacted(int parts);
int dd_persist_js_page_hidden();
void dd_persist_js_warn(const char* text);
void dd_persist_js_status(const char* text, int error);
void dd_persist_js_download(const char* name, const char* text);
void dd_persist_js_followed(int tail);
void dd_persist_js_mark(const char* name);
}

namespace dd::web {

enum class Role { Starting, Writer, ReadOnly };

struct WebPersistence {
    WebApp* web = nullptr;
    IdbfsStorage storage{"/dealdeck"};
    std::unique_ptr<WorkspacePersistence> persist;
    Role role = Role::Starting;
    bool timer_pending = false;
    bool recovery_started = false;   // the first recovery's mark is set (become_writer)
    uint64_t seen_loads = 0;
    bool lost_edits_in_read_only = false;
    // Read-only tab: where its workspace stands in the stored journal (persist_follow.h), and
    // whether it was edited locally since the last full reload (then the tail is not enough).
    FollowPosition follow;
    bool edited_since_reload = false;
    // Ticks that encoded a part of the compaction under way (reported when it is written).
    size_t compaction_parts = 0;
    // A tick's share of a compaction: up to slice_ms of encoding, in steps of part_records
    // (the test bridge's compactNow sets smaller ones, to get many parts from a small workspace).
    double compaction_slice_ms = 8;
    size_t compaction_part_records = 4000;
    // The snapshot's history lines read after the first frame (app_history.h): a timer is set;
    // the notice that they could not be read is shown.
    bool history_timer_pending = false;
    bool history_warned = false;
};

namespace {

Millis now_ms() { return Millis(emscripten_date_now()); }

void show_status(WebPersistence& p) {
    ui::UiState& ui = p.web->app.ui;
    if (p.role == Role::Starting) {
        ui.save_status = "Loading...";
        ui.save_error = false;
    } else if (p.role == Role::ReadOnly) {
        ui.save_status = p.lost_edits_in_read_only ? "Not saved: open in another tab" : "Read-only: open in another tab";
        ui.save_error = p.lost_edits_in_read_only;
    } else if (p.storage.fenced()) {
        ui.save_status = "Not saved: another tab saved newer data. Reload this tab.";
        ui.save_error = true;
    } else {
        const SaveStatus s = p.persist->status();
        ui.save_status = s.message;
        ui.save_error = s.state == SaveState::Error;
    }
    dd_persist_js_status(ui.save_status.c_str(), ui.save_error ? 1 : 0);
    request_frame(p.web->scheduler);
}

void tick(void* user);

void schedule_tick(WebPersistence& p, double ms) {
    if (p.timer_pending) return;
    p.timer_pending = true;
    emscripten_set_timeout(tick, ms, &p);
}

// The whole workspace was replaced (sample data, a backup import, the bridge's load): a
// snapshot, which also covers whatever the journal still buffers. False when it was not.
bool save_replaced_workspace(WebPersistence& p, Millis now) {
    if (p.web->app.loads == p.seen_loads) return false;
    p.seen_loads = p.web->app.loads;
    p.persist->save_all(p.web->app.store.workspace(), now);
    return true;
}

// Part-made snapshots dropped by edits in a row before a compaction is made in one go.
constexpr size_t kCompactionMaxRestarts = 20;

void flush_and_compact(WebPersistence& p, bool page_hiding) {
    if (p.role != Role::Writer || !p.persist || p.storage.fenced()) return;
    const Millis now = now_ms();
    if (page_hiding) {
        p.storage.set_urgent(true);
        // A workspace replaced outside a frame (the bridge's load) is saved by the next frame,
        // and a closing page draws none.
        save_replaced_workspace(p, now);
        p.persist->flush(now);
        p.storage.set_urgent(false);
    } else {
        if (p.persist->needs_flush(now)) p.persist->flush(now);
        // Compaction serializes the whole workspace: a part per tick (~8 ms), so that frames run
        // between the parts, when nothing waits to be written, and never while an import is
        // half-applied (staged_import.h: it commits or rolls back first; its slices change the
        // workspace without journal entries, so a part-made snapshot is dropped).
        // A workspace replaced outside a frame (the bridge's load) and not saved yet: the store's
        // workspace object is the same, its content is not what the part-made snapshot read.
        if (p.web->app.store.staged_open() || p.web->app.loads != p.seen_loads) {
            p.persist->cancel_compaction();
        } else if (p.web->app.store.history_state() != Store::HistoryState::Complete) {
            // The workspace lacks the snapshot's history lines (still to read, or unreadable):
            // a snapshot of it would lose them. The read's end schedules a tick (read_history).
        } else if (p.persist->journal().buffered_entries() == 0 &&
                   (p.persist->compaction_under_way() || p.persist->wants_compaction())) {
            if (p.persist->compaction_restarts() >= kCompactionMaxRestarts) {
                // Edits never paused long enough: in one go.
                if (p.persist->compact(p.web->app.store.workspace(), now).ok()) dd_persist_js_compacted(1);
                show_status(p);
                return;
            }
            if (!p.persist->compaction_under_way()) p.compaction_parts = 0;
            ++p.compaction_parts;
            // At least one step a tick; more while the tick's slice lasts (~1 ms a step in WASM).
            // A hidden page finishes in this tick: nobody waits for its frames, and the browser
            // throttles its timers (a tick a second, after 5 minutes a tick a minute), which would
            // stretch the ~40 parts of a 100,000-deal workspace over minutes of a growing journal.
            const bool all_now = dd_persist_js_page_hidden() != 0;
            const double until = emscripten_get_now() + p.compaction_slice_ms;
            bool done = false;
            do {
                if (!p.persist->compact_step(p.web->app.store.workspace(), p.compaction_part_records, now, done).ok()) break;
            } while (!done && (all_now || emscripten_get_now() < until));
            if (done) dd_persist_js_compacted(int(p.compaction_parts));
            if (p.persist->compaction_under_way()) schedule_tick(p, 1);
        }
    }
    if (p.persist->journal().buffered_entries() > 0) schedule_tick(p, 100);
    show_status(p);
}

void tick(void* user) {
    auto& p = *static_cast<WebPersistence*>(user);
    p.timer_pending = false;
    flush_and_compact(p, false);
}

// The history lines are in (or could not be read): the views show them, and a compaction that
// waited for them may run.
void history_done(WebPersistence& p) {
    dd_persist_js_mark("dd-history-loaded");
    if (p.role == Role::Writer && p.persist && p.persist->wants_compaction()) schedule_tick(p, 1000);
    request_frame(p.web->scheduler);
}

// A batch of the snapshot's history lines, ~8 ms of them, then the page's other tasks (input,
// frames) run before the next batch: a 100,000-deal start's ~190,000 lines take ~20 ticks.
constexpr double kHistorySliceMs = 8;
constexpr size_t kHistoryLinesPerStep = 2048;

void read_history(void* user) {
    auto& p = *static_cast<WebPersistence*>(user);
    p.history_timer_pending = false;
    ui::App& app = p.web->app;
    const double until = emscripten_get_now() + kHistorySliceMs;
    bool more = true;
    while (more && emscripten_get_now() < until) more = ui::read_pending_history(app, kHistoryLinesPerStep);
    if (more) {
        p.history_timer_pending = true;
        emscripten_set_timeout(read_history, 0, &p);
        return;
    }
    history_done(p);
}

void report_warnings(const Recovery& r) {
    for (const std::string& w : r.warnings) dd_persist_js_warn(w.c_str());
}

// The tab holds the writer lock and IndexedDB's content is in MEMFS: recover and load the store.
void become_writer(WebPersistence& p) {
    WebApp& web = *p.web;
    const Millis now = now_ms();
    p.persist = std::make_unique<WorkspacePersistence>(p.storage);
    // Marked once each (the cold-start benchmark's recovery span): from the first attempt, so a
    // recovery that had to fetch an unread file first is counted whole, to the one that ended.
    if (!p.recovery_started) dd_persist_js_mark("dd-recover-start");
    p.recovery_started = true;
    // The snapshot's history lines are left for after the first frame (persist_history.h).
    OpenedWorkspace opened = p.persist->open(/*defer_history=*/true);
    if (!opened.recovery.needs_bytes.empty()) {
        // The newest snapshot did not load, and the one before it was left unread at start
        // (Storage::bytes_ready): fetch it, then recover again. Recovery changed nothing, and
        // the tab stays Starting meanwhile (nothing saves, the page still says Loading).
        p.persist.reset();
        dd_persist_js_mark("dd-fetch-unread");
        p.storage.fetch_unread(
            [](void* ctx, bool ok) {
                auto& p = *static_cast<WebPersistence*>(ctx);
                if (ok) return become_writer(p);
                // Never recover without it: it would be taken for damaged, set aside, and the
                // previous save lost from IndexedDB. Nothing is written; a reload tries again.
                dd_persist_js_warn(("The previous save could not be read into memory (" + p.storage.commit_error() +
                                    "). Nothing was changed: reload the page to try again.").c_str());
            },
            &p);
        return;
    }
    dd_persist_js_mark("dd-recover-end");
    p.role = Role::Writer;
    report_warnings(opened.recovery);
    bool loaded = false;
    if (opened.found) {
        Status st = web.app.store.load(std::move(opened.checked));   // checked once, by recovery
        dd_persist_js_mark("dd-store-loaded");
        if (st.ok()) {
            loaded = true;
            if (opened.history) {
                web.app.store.defer_history();
                web.app.pending_history = std::move(opened.history);
            }
        } else {
            dd_persist_js_warn(("The saved workspace was refused by the store (" + st.error().text() +
                                "); a new workspace was started. The saved files are kept.").c_str());
        }
    }
    if (!loaded) ui::load_starter_workspace(web.app, now);
    web.app.ui.pipeline = kNoId;
    p.seen_loads = web.app.loads;
    if (!loaded) p.persist->save_all(web.app.store.workspace(), now);
    else if (p.persist->wants_compaction()) schedule_tick(p, 1000);
    web.data_ready = true;
    dd_persist_js_set_role(1);
    show_status(p);
}

// What is stored, recovered without writing anything (recovery's renames and writes stay in
// memory, over the files: storage_overlay.h); the tab follows the journal from there.
OpenedWorkspace read_stored(WebPersistence& p) {
    OverlayStorage scratch(p.storage);
    WorkspacePersistence reader(scratch);
    OpenedWorkspace opened = reader.open();
    p.follow = follow_position(reader, opened);
    p.edited_since_reload = false;
    return opened;
}

// Another tab writes: show what is stored, read-only.
void become_read_only(WebPersistence& p) {
    WebApp& web = *p.web;
    p.role = Role::ReadOnly;
    if (!web.data_ready) {
        OpenedWorkspace opened = read_stored(p);
        if (!(opened.found && web.app.store.load(std::move(opened.checked)).ok()))
            ui::load_starter_workspace(web.app, now_ms());
        web.app.ui.pipeline = kNoId;
        p.seen_loads = web.app.loads;
        web.data_ready = true;
    }
    dd_persist_js_set_role(0);
    show_status(p);
}

// A read-only tab, after the writer announced a durable save (the files were reloaded from
// IndexedDB): show the stored workspace, keeping the view where it is when it still exists.
// Only the journal segments written since the last follow are applied, unless the writer
// compacted (or something is off): then the whole stored state is recovered again.
void follow_writer(WebPersistence& p) {
    if (p.role != Role::ReadOnly) return;
    WebApp& web = *p.web;
    const Id pipeline = web.app.ui.pipeline;
    bool followed = false;
    if (!p.edited_since_reload) {
        Workspace ws = web.app.store.workspace();
        FollowPosition pos = p.follow;
        const FollowResult r = follow_journal_tail(p.storage, pos, ws);
        if (r == FollowResult::Unchanged) return;
        if (r == FollowResult::Applied && web.app.store.load(std::move(ws)).ok()) {
            p.follow = pos;
            followed = true;
            dd_persist_js_followed(1);
        }
    }
    if (!followed) {
        OpenedWorkspace opened = read_stored(p);
        if (!opened.found || !web.app.store.load(std::move(opened.checked)).ok()) {
            p.follow.valid = false;
            return;
        }
        dd_persist_js_followed(0);
    }
    ++web.app.ui.data_version;   // views rebuild what they cached from the store
    if (!web.app.store.find_pipeline(pipeline)) web.app.ui.pipeline = kNoId;
    request_frame(web.scheduler);
}

}  // namespace

void persistence_start(WebApp& web) {
    auto* p = new WebPersistence();   // lives as long as the page, like the WebApp
    p->web = &web;
    web.persistence = p;
    show_status(*p);
    p->storage.on_sync_changed = [](void* ctx) { show_status(*static_cast<WebPersistence*>(ctx)); };
    p->storage.sync_ctx = p;
    dd_persist_js_install(p);
    p->storage.mount(
        [](void* ctx, bool ok) {
            auto& p = *static_cast<WebPersistence*>(ctx);
            if (!ok) {
                dd_persist_js_warn(("Saved data could not be read (" + p.storage.commit_error() +
                                    "). Changes are kept in this tab only: export a backup.").c_str());
            }
            dd_persist_js_request_lock(0);
        },
        p);
}

void persistence_frame_drawn(WebApp& web) {
    WebPersistence* p = web.persistence;
    if (!p) return;
    // Read here or in a frame that needed them (a change asked for first): said once, and for good.
    if (web.app.store.history_state() == Store::HistoryState::Unavailable && !p->history_warned) {
        p->history_warned = true;
        dd_persist_js_warn(("The deals' history could not be read (" + web.app.history_problem +
                            "). It stays stored: no new snapshot is written until the app is reloaded. Export a backup.")
                               .c_str());
    }
    if (!web.app.pending_history || p->history_timer_pending) return;
    // Set from the frame's callback, the timer runs after the browser shows that frame.
    p->history_timer_pending = true;
    emscripten_set_timeout(read_history, 0, p);
}

void persistence_after_frame(WebApp& web, const ui::FrameOutput& out) {
    WebPersistence* p = web.persistence;
    if (!p || p->role == Role::Starting) return;
    if (p->role == Role::ReadOnly) {
        if (!out.changes.empty() || web.app.loads != p->seen_loads) {
            p->lost_edits_in_read_only = true;
            p->edited_since_reload = true;
            p->seen_loads = web.app.loads;
            show_status(*p);
        }
        return;
    }
    const Millis now = now_ms();
    if (save_replaced_workspace(*p, now)) {
        show_status(*p);
        return;
    }
    if (out.changes.empty()) return;
    // A huge change (a 1,000,000-row import or its undo) is saved as a snapshot: its journal entry
    // would be every record as JSON, several times the binary snapshot's size in memory at once.
    size_t records = 0;
    for (const ChangeSet& c : out.changes) records += c.upserted.size() + c.removed.size();
    if (records > kSnapshotInsteadOfEntry) {
        // A huge import alone in its frame comes encoded already (encoded before its commit,
        // over frames, from exactly this workspace); anything else is encoded here.
        if (!out.snapshot.empty() && out.changes.size() == 1) p->persist->save_encoded(out.snapshot, now);
        else p->persist->save_all(web.app.store.workspace(), now);
        show_status(*p);
        return;
    }
    for (const ChangeSet& c : out.changes) p->persist->on_applied(web.app.store, c, now);
    schedule_tick(*p, double(JournalOptions{}.flush_delay_ms));
    show_status(*p);
}

}  // namespace dd::web

// ---- called from persistence_web.js ----------------------------------------------------------
using dd::web::WebPersistence;
extern "C" {

EMSCRIPTEN_KEEPALIVE void dd_persist_lock_result(WebPersistence* p, int got) {
    if (got) dd::web::become_writer(*p);
    else dd::web::become_read_only(*p);
}

// Another tab asks to take over, or took the lock: save what is pending and stop writing.
EMSCRIPTEN_KEEPALIVE void dd_persist_hand_over(WebPersistence* p) {
    // A read-only tab follows the journal from the workspace it holds: a whole one.
    dd::ui::finish_pending_history(p->web->app);
    dd::web::flush_and_compact(*p, true);
    if (p->role == dd::web::Role::Writer) {
        p->role = dd::web::Role::ReadOnly;
        dd_persist_js_release_lock_when_saved();
    }
    dd::web::become_read_only(*p);
}

// The test bridge's compactNow(): a snapshot of the workspace now, made in parts as when due;
// part_records > 0 (tests) makes every tick one step of that many records.
EMSCRIPTEN_KEEPALIVE void dd_persist_request_compaction(WebPersistence* p, int part_records) {
    if (p->role != dd::web::Role::Writer || !p->persist) return;
    if (part_records > 0) {
        p->compaction_slice_ms = 0;
        p->compaction_part_records = size_t(part_records);
    }
    p->persist->request_compaction();
    dd::web::schedule_tick(*p, 0);
}

// Read-only tab: the writer saved and the stored files were reloaded; show them.
EMSCRIPTEN_KEEPALIVE void dd_persist_follow(WebPersistence* p) { dd::web::follow_writer(*p); }

// visibilitychange to hidden, pagehide, freeze: write what is pending now.
EMSCRIPTEN_KEEPALIVE void dd_persist_page_hiding(WebPersistence* p) { dd::web::flush_and_compact(*p, true); }

// The workspace as JSON for the export download.
EMSCRIPTEN_KEEPALIVE void dd_persist_export(WebPersistence* p) {
    dd::ui::finish_pending_history(p->web->app);   // the backup holds every line
    const std::string json = dd::save_workspace_json(p->web->app.store.workspace());
    dd_persist_js_download("dealdeck-backup.json", json.c_str());
}

// Imports a backup through the validated loader. Returns "" or the error (valid until the next call).
EMSCRIPTEN_KEEPALIVE const char* dd_persist_import(WebPersistence* p, const char* text) {
    dd::web::WebApp& web = *p->web;
    auto parsed = dd::load_checked_workspace_json(text);   // checked here once, not again by the store
    if (!parsed.ok()) return (web.bridge_out = "Import refused, nothing changed: " + parsed.error().text()).c_str();
    dd::Status st = dd::ui::load_workspace_into(web.app, std::move(parsed.value()), dd::web::now_ms(), "Imported backup");
    if (!st.ok()) return (web.bridge_out = "Import refused, nothing changed: " + st.error().text()).c_str();
    dd::ui::FrameOutput none;
    dd::web::persistence_after_frame(web, none);   // saves the replaced workspace
    return (web.bridge_out = "").c_str();
}

}  // extern "C"
