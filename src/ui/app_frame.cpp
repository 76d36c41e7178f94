#include "ui/app_frame.h"

#include "core/sample_data.h"
#include "core/starter_workspace.h"
#include "imgui.h"
#include "ui/app_dialogs.h"
#include "ui/app_history.h"
#include "ui/csv_import.h"
#include "ui/csv_import_apply.h"
#include "ui/list_rows.h"
#include "ui/list_export.h"
#include "ui/top_bar.h"
#include "ui/views.h"
#include "ui/widgets.h"

#include <algorithm>

namespace dd::ui {
namespace {

constexpr Millis kToastMillis = 4000;
constexpr int kSampleDeals = 240;

void show_toast(UiState& ui, std::string text, bool error, Millis now) {
    ui.toast = Toast{std::move(text), error, now + kToastMillis};
}

// The shown pipeline must exist: after a load or a delete fall back to the first one.
void keep_pipeline_valid(App& app) {
    const auto& pipelines = app.store.workspace().pipelines;
    if (app.ui.pipeline && app.store.find_pipeline(app.ui.pipeline)) return;
    app.ui.pipeline = pipelines.empty() ? kNoId : pipelines.front().meta.id;
}

void handle_shortcuts(FrameIntents& intents) {
    ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput) return;   // text fields keep Ctrl+Z for themselves
    const bool command = io.KeyCtrl || io.KeySuper;
    if (!command) return;
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Z), false)) {
        if (io.KeyShift) intents.redo = true;
        else intents.undo = true;
    }
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Y), false)) intents.redo = true;
}

constexpr ImGuiWindowFlags kPanelFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                         ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;

// A quiet strip under the views: room for the page's backup buttons (HTML, over the canvas).
void draw_footer(const Palette& p, float w, float h) {
    const float top = std::max(kTopBarHeight, h - kFooterHeight);
    ImGui::SetNextWindowPos(ImVec2(0, top));
    ImGui::SetNextWindowSize(ImVec2(w, h - top));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, to_vec4(p.surface));
    ImGui::Begin("Footer", nullptr, kPanelFlags);
    ImGui::PopStyleColor();
    ImGui::PopStyleVar();
    ImGui::PushClipRect(ImVec2(0, top), ImVec2(w, h), false);   // past the padding
    ImGui::GetWindowDrawList()->AddLine(ImVec2(0, top + 0.5f), ImVec2(w, top + 0.5f), p.border);
    ImGui::PopClipRect();
    ImGui::End();
}

// Steps touching more records than this are undone and redone after a frame that says so.
constexpr size_t kBigHistoryStep = 50'000;

// In place of the view while a huge undo or redo waits for its frame: what is about to happen.
void draw_history_notice(ViewContext& ctx) {
    const bool undo = ctx.ui.history_asked == UiState::HistoryAsk::Undo;
    const std::string label = undo ? ctx.store.undo_label() : ctx.store.redo_label();
    const std::string title = std::string(undo ? "Undoing: " : "Redoing: ") + label + "...";
    text_item(title.c_str(), nullptr, ctx.palette.text, 560);
    text_item("This changes every record of that step at once and takes a few seconds; the page does not respond meanwhile.",
              nullptr, ctx.palette.text_muted, 560);
}

void draw_frame(ViewContext& ctx) {
    const Palette& p = ctx.palette;
    const float w = ctx.ui.width, h = ctx.ui.height;

    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(w, kTopBarHeight));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, to_vec4(p.surface));
    ImGui::Begin("Top bar", nullptr, kPanelFlags);
    ImGui::PopStyleColor();
    ImGui::PushClipRect(ImVec2(0, 0), ImVec2(w, kTopBarHeight), false);   // past the padding
    ImGui::GetWindowDrawList()->AddLine(ImVec2(0, kTopBarHeight - 0.5f), ImVec2(w, kTopBarHeight - 0.5f), p.border);
    ImGui::PopClipRect();
    draw_top_bar(ctx, w);
    ImGui::End();

    draw_footer(p, w, h);

    ImGui::SetNextWindowPos(ImVec2(0, kTopBarHeight));
    ImGui::SetNextWindowSize(ImVec2(w, std::max(0.0f, h - kTopBarHeight - kFooterHeight)));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(space::lg, space::lg));
    ImGui::Begin("Main", nullptr, kPanelFlags & ~ImGuiWindowFlags_NoScrollbar);
    ImGui::PopStyleVar(2);
    // While an import is applied in slices the store is half-way through it: the views wait.
    if (ctx.store.staged_open()) draw_import_backdrop(ctx);
    else if (ctx.ui.history_asked != UiState::HistoryAsk::None) draw_history_notice(ctx);
    else view_info(ctx.ui.view).draw(ctx);
    ImGui::End();

    draw_dialogs(ctx);
    draw_first_start(ctx);
    draw_toast(ctx);
}

// A command's outcome: its label (or the refusal) in the toast, its changes for the views.
void report(App& app, Result<Applied> r, Millis now, FrameOutput& out) {
    if (r.ok()) {
        show_toast(app.ui, r.value().label, false, now);
        out.data_changed = true;
        out.changes.push_back(std::move(r.value().changes));
    } else {
        show_toast(app.ui, r.error().text(), true, now);
    }
}

// Undoes (or redoes) the top step and reports it like a command.
void step_history(App& app, bool undo, const CommandContext& cmd_ctx, Millis now, FrameOutput& out) {
    report(app, undo ? app.store.undo(cmd_ctx) : app.store.redo(cmd_ctx), now, out);
}

void apply_intents(App& app, FrameIntents& intents, Millis now, FrameOutput& out) {
    // A change needs every history line (a delete erases a deal's, an undo may restore some):
    // those a start left to read between frames are read now, in this frame, if any remain.
    UiState& ui = app.ui;
    if (app.pending_history && (!intents.commands.empty() || intents.undo || intents.redo ||
                                ui.history_asked != UiState::HistoryAsk::None ||
                                ui.list.import.step == CsvImportState::Step::Applying))
        finish_pending_history(app);
    const CommandContext cmd_ctx{app.store.settings().current_user, now};
    for (const Command& command : intents.commands) report(app, app.store.apply(command, cmd_ctx), now, out);
    // A CSV import applies a slice per frame; its outcome is reported like a command's when done.
    if (auto outcome = csv_import_advance(app.ui.list.import, app.store, cmd_ctx, &out.snapshot)) report(app, std::move(*outcome), now, out);
    // A huge undo or redo (a whole import) runs two frames after it was asked for: the frame in
    // between shows the notice (draw_history_notice), so the screen says why the page stalls.
    if (ui.history_asked != UiState::HistoryAsk::None) {
        if (ui.history_notice_shown) {
            const bool undo = ui.history_asked == UiState::HistoryAsk::Undo;
            ui.history_asked = UiState::HistoryAsk::None;
            ui.history_notice_shown = false;
            step_history(app, undo, cmd_ctx, now, out);
        } else {
            ui.history_notice_shown = true;   // this frame drew it
        }
    } else if (intents.undo || intents.redo) {
        const size_t records = intents.undo ? app.store.undo_records() : app.store.redo_records();
        if (records > kBigHistoryStep && !app.store.staged_open()) {
            ui.history_asked = intents.undo ? UiState::HistoryAsk::Undo : UiState::HistoryAsk::Redo;
            ui.history_notice_shown = false;
        } else {
            step_history(app, intents.undo, cmd_ctx, now, out);
        }
    }
    if (intents.load_sample && !app.store.workspace().deals.empty()) {
        app.ui.confirm_sample = true;   // ask first: this replaces the workspace
    } else if (intents.load_sample || intents.replace_with_sample) {
        Workspace ws = make_sample_workspace(app.ids.next(), kSampleDeals, now);
        if (load_workspace_into(app, std::move(ws), now, "Loaded sample data").ok()) out.data_changed = true;
    }
    if (out.data_changed) ++app.ui.data_version;
}

}  // namespace

void init_app_ui(App& app) {
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;                 // layout is code, not a saved file
    io.ConfigInputTextCursorBlink = false;    // a blinking caret would keep the loop awake
    io.ConfigWindowsMoveFromTitleBarOnly = true;
    attach_item_registry(ImGui::GetCurrentContext(), &app.items);
}

void load_starter_workspace(App& app, Millis now) {
    app.store.load(make_starter_workspace(app.ids, now));
    app.pending_history.reset();
    ++app.ui.data_version;
    keep_pipeline_valid(app);
}

namespace {
// What follows Store::load of a whole workspace: views reset to it, a toast either way.
Status after_workspace_load(App& app, Status s, Millis now, const char* what) {
    if (s.ok()) {
        app.pending_history.reset();   // lines of the workspace it replaced
        ++app.loads;
        ++app.ui.data_version;
        app.ui.pipeline = kNoId;
        keep_pipeline_valid(app);
        show_toast(app.ui, what, false, now);
    } else {
        show_toast(app.ui, s.error().text(), true, now);
    }
    return s;
}
}  // namespace

Status load_workspace_into(App& app, Workspace ws, Millis now, const char* what) {
    return after_workspace_load(app, app.store.load(std::move(ws)), now, what);
}

Status load_workspace_into(App& app, CheckedWorkspace ws, Millis now, const char* what) {
    return after_workspace_load(app, app.store.load(std::move(ws)), now, what);
}

FrameOutput app_frame(App& app, Millis now) {
    ImGuiIO& io = ImGui::GetIO();
    if (app.ui.applied_theme != int(app.ui.theme)) {
        apply_theme(app.ui.theme, ImGui::GetStyle());
        app.ui.applied_theme = int(app.ui.theme);
    }
    app.ui.width = io.DisplaySize.x;
    app.ui.height = io.DisplaySize.y;
    keep_pipeline_valid(app);

    FrameIntents intents;
    ViewContext ctx{app.store, app.ui, intents, app.ids, palette_of(app.ui.theme), now};
    app.items.begin_frame();
    ImGui::NewFrame();
    if (app.ui.fonts.body) ImGui::PushFont(app.ui.fonts.body);
    handle_shortcuts(intents);
    draw_frame(ctx);
    if (app.ui.fonts.body) ImGui::PopFont();
    ImGui::Render();
    app.items.end_frame();

    FrameOutput out;
    const uint64_t version_before = app.ui.data_version, loads_before = app.loads;
    apply_intents(app, intents, now, out);
    // The list's table follows the store's changes instead of being rebuilt (not across a load).
    if (out.data_changed && app.loads == loads_before) note_list_changes(app.ui.list, out.changes, version_before, app.ui.data_version);
    if (!app.ui.toast.text.empty()) {
        if (now >= app.ui.toast.until) app.ui.toast.text.clear();
        else out.wake_after_ms = double(app.ui.toast.until - now);
    }
    // A changed theme or data shows on the next frame: ask for it.
    if (out.data_changed || app.ui.applied_theme != int(app.ui.theme)) out.wake_after_ms = 0.0;
    // A CSV export writes a part per frame, in any view (list_export.h).
    list_export_step(app.ui.list, app.store);
    // A CSV import parses in slices, one per frame, an export writes in parts: keep frames coming until done.
    if (app.ui.list.import.busy() || app.ui.list.export_job.busy()) out.wake_after_ms = 0.0;
    // The list takes a huge change set a part per frame (list_rows.h): the next part comes next frame.
    if (app.ui.view == View::List && list_rows_pending(app.ui.list, app.ui.data_version)) out.wake_after_ms = 0.0;
    // A huge undo or redo asked for: the frame showing the notice, then the one doing it.
    if (app.ui.history_asked != UiState::HistoryAsk::None) out.wake_after_ms = 0.0;
    return out;
}

}  // namespace dd::ui
