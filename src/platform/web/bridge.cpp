#include "platform/web/bridge.h"

#include "core/json_io.h"
#include "core/sample_data.h"
#include "platform/web/web_app.h"
#include "ui/app_frame.h"
#include "ui/app_history.h"

#include <emscripten/emscripten.h>
#include <emscripten/html5.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <string>

// Implemented in bridge.js.
extern "C" void dd_bridge_js_install(void* web);
extern "C" void dd_bridge_js_frame_drawn(int ready);

namespace dd::web {

void bridge_install(WebApp& web) { dd_bridge_js_install(&web); }

void bridge_frame_drawn(WebApp& web) { dd_bridge_js_frame_drawn(web.data_ready ? 1 : 0); }

}  // namespace dd::web

// ---- Called from bridge.js (exported) --------------------------------------------------------
// Each returns a pointer into WebApp::bridge_out, valid until the next bridge call.
using dd::web::WebApp;

namespace {

void append_json_string(std::string& out, const std::string& text) {
    out += '"';
    for (unsigned char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += char(c);
        } else if (c < 0x20) {
            char esc[8];
            std::snprintf(esc, sizeof esc, "\\u%04x", unsigned(c));
            out += esc;
        } else {
            out += char(c);
        }
    }
    out += '"';
}

}  // namespace

extern "C" {

// Items of the last drawn frame, in CSS pixels of the canvas (bridge.js adds the canvas offset).
// Written by hand, not through nlohmann::json: labels are arbitrary bytes (a view may cut a
// title mid-character) and must never make the bridge fail; JS decodes bad bytes as U+FFFD.
EMSCRIPTEN_KEEPALIVE const char* dd_bridge_items(WebApp* web) {
    std::string& out = web->bridge_out;
    out.clear();
    out += '[';
    char number[160];
    for (const dd::ui::ItemRecord& item : web->app.items.last) {
        if (out.size() > 1) out += ',';
        std::snprintf(number, sizeof number, "{\"id\":%u,\"x\":%.2f,\"y\":%.2f,\"w\":%.2f,\"h\":%.2f,\"label\":",
                      unsigned(item.id), double(item.x), double(item.y), double(item.w), double(item.h));
        out += number;
        append_json_string(out, item.label);
        out += ",\"path\":";
        append_json_string(out, item.full_label);
        out += ",\"window\":";
        append_json_string(out, item.window);
        out += '}';
    }
    out += ']';
    return out.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* dd_bridge_snapshot(WebApp* web) {
    // The whole workspace, as an export gives it: history lines still to read are read first.
    dd::ui::finish_pending_history(web->app);
    web->bridge_out = dd::save_workspace_json(web->app.store.workspace());
    return web->bridge_out.c_str();
}

// Through the normal validated path: parse + check once (load_checked_workspace_json), then
// Store::load, which takes the checked workspace without checking it again.
EMSCRIPTEN_KEEPALIVE const char* dd_bridge_load(WebApp* web, const char* text) {
    nlohmann::json out;
    dd::Result<dd::CheckedWorkspace> parsed = dd::load_checked_workspace_json(text ? text : "");
    if (!parsed.ok()) {
        out = {{"ok", false}, {"error", parsed.error().text()}};
    } else {
        dd::Status s = dd::ui::load_workspace_into(web->app, std::move(parsed.value()),
                                                   dd::Millis(emscripten_date_now()), "Workspace loaded");
        out = s.ok() ? nlohmann::json{{"ok", true}} : nlohmann::json{{"ok", false}, {"error", s.error().text()}};
    }
    dd::web::request_frame(web->scheduler);
    web->bridge_out = out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return web->bridge_out.c_str();
}

// A generated sample workspace of any size, built inside the page (a 100,000-deal JSON text would
// cost the test seconds to pass in): for the browser benchmarks. Replaces the workspace like
// "Load sample data" does, so persistence saves it as a new snapshot.
EMSCRIPTEN_KEEPALIVE const char* dd_bridge_load_sample(WebApp* web, double deals, double seed) {
    const dd::Millis now = dd::Millis(emscripten_date_now());
    dd::Workspace ws = dd::make_sample_workspace(uint64_t(seed), size_t(deals), now);
    dd::Status s = dd::ui::load_workspace_into(web->app, std::move(ws), now, "Loaded sample data");
    nlohmann::json out = s.ok() ? nlohmann::json{{"ok", true}, {"deals", web->app.store.workspace().deals.size()}}
                                : nlohmann::json{{"ok", false}, {"error", s.error().text()}};
    dd::web::request_frame(web->scheduler);
    web->bridge_out = out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return web->bridge_out.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* dd_bridge_frame_stats(WebApp* web) {
    dd::web::FrameStatsSummary s = dd::web::summarize(web->stats);
    nlohmann::json out = {{"count", s.count}, {"last", s.last}, {"avg", s.avg}, {"median", s.median}, {"p95", s.p95},
                          {"max", s.max}, {"ms", dd::web::recent_frames(web->stats)}};
    web->bridge_out = out.dump();
    return web->bridge_out.c_str();
}

// How this page got its font atlases (fonts.h): rasterized, or restored from the font cache.
EMSCRIPTEN_KEEPALIVE const char* dd_bridge_font_atlas(WebApp* web) {
    nlohmann::json out = {{"rasterized", web->fonts_rasterized}, {"restored", web->fonts_restored}};
    web->bridge_out = out.dump();
    return web->bridge_out.c_str();
}

// The store's history lines (persist_history.h): "complete", "pending" (a start left the
// snapshot's to read after the first frame) or "unavailable", and how many the store holds.
EMSCRIPTEN_KEEPALIVE const char* dd_bridge_history(WebApp* web) {
    using State = dd::Store::HistoryState;
    const State s = web->app.store.history_state();
    nlohmann::json out = {{"state", s == State::Complete ? "complete" : s == State::Pending ? "pending" : "unavailable"},
                          {"lines", web->app.store.workspace().history.size()}};
    web->bridge_out = out.dump();
    return web->bridge_out.c_str();
}

EMSCRIPTEN_KEEPALIVE void dd_bridge_reset_frame_stats(WebApp* web) { dd::web::reset_frames(web->stats); }

EMSCRIPTEN_KEEPALIVE double dd_bridge_frames(WebApp* web) { return double(web->scheduler.frames_drawn); }

EMSCRIPTEN_KEEPALIVE void dd_bridge_request_frame(WebApp* web) { dd::web::request_frame(web->scheduler); }

}  // extern "C"
