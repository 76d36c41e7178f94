// Persistence of the web app (docs/storage.md): the workspace saved on IDBFS through the core's
// WorkspacePersistence, driven by the page's life cycle.
//
//  * start-up: mount + load IndexedDB, take the writer lock (Web Locks), recover, load the store;
//  * after each frame: journal what the frame changed; flush 400 ms after the first unsaved change,
//    at once when the page is hidden, frozen or closed (pagehide); compact when the journal grew;
//  * the status shown in the top bar (Saved / Saving... / an error with what to do);
//  * several tabs: one writer; the others show a read-only overlay with "Use this tab here";
//  * backup: export the workspace as a JSON download, import one through the validated loader.
#pragma once
#include "ui/app_frame.h"

namespace dd::web {

struct WebApp;
struct WebPersistence;

// Begins loading the saved workspace (asynchronous). When it is loaded (or on a first start, the
// starter workspace is saved), web.data_ready is set and a frame is requested.
void persistence_start(WebApp& web);
// Call after every frame with its output.
void persistence_after_frame(WebApp& web, const ui::FrameOutput& out);
// After a frame was drawn: starts reading the history lines a start left for later, if any
// (persist_history.h), in timer tasks between frames.
void persistence_frame_drawn(WebApp& web);

}  // namespace dd::web
