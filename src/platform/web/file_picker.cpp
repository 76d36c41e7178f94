#include "platform/web/file_picker.h"

#include "platform/web/web_app.h"
#include "ui/csv_import.h"
#include "ui/csv_import_state.h"

#include <emscripten/emscripten.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace {

// The picked File is kept on the Module (Module.ddImportFile: a handle to the file, not its
// bytes) so the dialog can read it slice by slice, and read it again after "Back". Its first
// bytes open the dialog (dd_picked_open) with the header. A slice that arrives after another
// file was picked is dropped. Pointers are taken unsigned (>>> 0): the heap may grow past 2 GB.
EM_JS(void, dd_open_file_picker, (void* web, double head_bytes), {
    var input = document.createElement('input');
    input.type = 'file';
    input.accept = '.csv,text/csv,text/plain';
    input.style.display = 'none';
    input.id = 'dd-import-file';
    document.body.appendChild(input);
    input.addEventListener('cancel', function () { input.remove(); });
    input.addEventListener('change', function () {
        var file = input.files && input.files[0];
        input.remove();
        if (!file) return;
        Module['ddImportFile'] = file;
        file.slice(0, head_bytes).arrayBuffer().then(function (buf) {
            if (Module['ddImportFile'] !== file) return;
            var bytes = new Uint8Array(buf);
            var ptr = _malloc(Math.max(1, bytes.length)) >>> 0;
            HEAPU8.set(bytes, ptr);
            var len = lengthBytesUTF8(file.name) + 1;
            var name = _malloc(len) >>> 0;
            stringToUTF8(file.name, name, len);
            _dd_picked_open(web, name, file.size, ptr, bytes.length);
            _free(name);
            _free(ptr);
        }, function (e) { console.warn('Import CSV: cannot read ' + file.name + ': ' + e); });
    });
    input.click();
});

// The slice [offset, offset + length) of the picked file, handed to dd_import_slice (ok = 0:
// the read failed).
EM_JS(void, dd_read_import_slice, (void* web, double offset, double length), {
    var file = Module['ddImportFile'];
    if (!file) { _dd_import_slice(web, offset, 0, 0, 0); return; }
    file.slice(offset, offset + length).arrayBuffer().then(function (buf) {
        if (Module['ddImportFile'] !== file) return;
        var bytes = new Uint8Array(buf);
        var ptr = _malloc(Math.max(1, bytes.length)) >>> 0;
        HEAPU8.set(bytes, ptr);
        _dd_import_slice(web, offset, ptr, bytes.length, 1);
        _free(ptr);
    }, function () {
        if (Module['ddImportFile'] === file) _dd_import_slice(web, offset, 0, 0, 0);
    });
});

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE void dd_picked_open(void* web_ptr, const char* name, double size, const char* head, size_t length) {
    auto* web = static_cast<dd::web::WebApp*>(web_ptr);
    dd::ui::open_csv_import(web->app.ui.list.import, name, size_t(size), std::string_view(head, length));
    dd::web::request_frame(web->scheduler);
}

EMSCRIPTEN_KEEPALIVE void dd_import_slice(void* web_ptr, double offset, const char* bytes, size_t length, int ok) {
    auto* web = static_cast<dd::web::WebApp*>(web_ptr);
    dd::ui::CsvImportState& s = web->app.ui.list.import;
    if (size_t(offset) != s.read_bytes) return;   // not the slice the dialog waits for
    if (ok) dd::ui::csv_import_feed(s, std::string_view(bytes, length));
    else dd::ui::csv_import_read_failed(s, "The file could not be read: pick it again.");
    dd::web::request_frame(web->scheduler);   // the progress (or the plan) shows
}

}  // extern "C"

namespace dd::web {

void file_picker_after_frame(WebApp& web) {
    ui::ListState& list = web.app.ui.list;
    if (list.pick_import_file) {
        list.pick_import_file = false;
        dd_open_file_picker(&web, double(ui::kImportHeaderBytes));
    }
    ui::CsvImportState& s = list.import;
    if (ui::csv_import_wants_bytes(s)) {
        s.read_pending = true;
        dd_read_import_slice(&web, double(s.read_bytes), double(ui::kImportSliceBytes));
    }
}

}  // namespace dd::web
