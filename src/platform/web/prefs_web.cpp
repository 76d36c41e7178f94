#include "platform/web/prefs_web.h"

#include "platform/web/web_app.h"
#include "ui/list_prefs.h"
#include "ui/list_saved_views.h"

#include <emscripten/emscripten.h>

#include <cstdlib>
#include <optional>
#include <string>

namespace {

constexpr const char* kPrefsKey = "dealdeck.prefs";

// The stored text in a malloc'ed C string (the caller frees it), or null when there is none or
// localStorage is not available (it throws when the browser blocks site data).
EM_JS(char*, dd_prefs_read, (const char* key), {
    var text = null;
    try { text = window.localStorage.getItem(UTF8ToString(key)); } catch (e) { return 0; }
    if (text === null) return 0;
    var size = lengthBytesUTF8(text) + 1;
    var out = _malloc(size);
    stringToUTF8(text, out, size);
    return out;
});

EM_JS(void, dd_prefs_write, (const char* key, const char* text), {
    try { window.localStorage.setItem(UTF8ToString(key), UTF8ToString(text)); } catch (e) { /* defaults next time */ }
});

}  // namespace

namespace dd::web {

void prefs_load(WebApp& web) {
    char* text = dd_prefs_read(kPrefsKey);
    if (!text) return;
    ui::restore_list_prefs(web.app.ui.list, text);
    std::free(text);
}

void prefs_after_frame(WebApp& web) {
    ui::ListState& ls = web.app.ui.list;
    if (!web.data_ready) return;   // the store is still empty: nothing to choose from, nor to forget
    if (ls.view_restore_pending) {
        ui::choose_remembered_view(web.app.ui, web.app.store);
        request_frame(web.scheduler);   // draw the list with it
    }
    ui::remember_chosen_view(ls, web.app.store.workspace());
    if (std::optional<std::string> text = ui::take_list_prefs(ls)) dd_prefs_write(kPrefsKey, text->c_str());
}

}  // namespace dd::web
