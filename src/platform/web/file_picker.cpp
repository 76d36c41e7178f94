#include "platform/web/file_picker.h"

#include "platform/web/web_app.h"
#include "ui/csv_import.h"

#include <emscripten/emscripten.h>

#include <cstddef>
#include <string>

namespace {

// One file being read: owned by the JS reading loop between open and the last chunk (a heap
// object handed to JS as a number, so nothing here is global).
struct PickedFile {
    dd::web::WebApp* web = nullptr;
    std::string text;
};

// Reads the file slice by slice (a whole 100 MB file is never one JS string); each slice is
// copied into the heap and handed to dd_picked_chunk; dd_picked_done ends it, also when the
// dialog is dismissed (the input's cancel event) so the PickedFile is freed.
EM_JS(void, dd_open_file_picker, (void* picked), {
    var input = document.createElement('input');
    input.type = 'file';
    input.accept = '.csv,text/csv,text/plain';
    input.style.display = 'none';
    input.id = 'dd-import-file';
    document.body.appendChild(input);
    input.addEventListener('cancel', function () { input.remove(); _dd_picked_done(picked, 0); });
    input.addEventListener('change', function () {
        var file = input.files && input.files[0];
        input.remove();
        if (!file) { _dd_picked_done(picked, 0); return; }
        var slice = 1 << 20;
        var at = 0;
        _dd_picked_size(picked, file.size);
        function next() {
            if (at >= file.size) {
                var len = lengthBytesUTF8(file.name) + 1;
                var name = _malloc(len) >>> 0;
                stringToUTF8(file.name, name, len);
                _dd_picked_done(picked, name);
                _free(name);
                return;
            }
            file.slice(at, at + slice).arrayBuffer().then(function (buf) {
                var bytes = new Uint8Array(buf);
                var ptr = _malloc(bytes.length) >>> 0;   // unsigned: the heap may grow past 2 GB
                HEAPU8.set(bytes, ptr);
                _dd_picked_chunk(picked, ptr, bytes.length);
                _free(ptr);
                at += slice;
                next();
            }, function () { _dd_picked_done(picked, 0); });
        }
        next();
    });
    input.click();
});

}  // namespace

extern "C" {

// The whole file is kept (the user may go back and map the columns again): room for it at once,
// so a 200 MB file is not copied on every doubling of the buffer.
EMSCRIPTEN_KEEPALIVE void dd_picked_size(void* picked, double bytes) {
    static_cast<PickedFile*>(picked)->text.reserve(size_t(bytes));
}

EMSCRIPTEN_KEEPALIVE void dd_picked_chunk(void* picked, const char* bytes, size_t length) {
    static_cast<PickedFile*>(picked)->text.append(bytes, length);
}

// name == nullptr: nothing was read (the read failed).
EMSCRIPTEN_KEEPALIVE void dd_picked_done(void* picked, const char* name) {
    PickedFile* file = static_cast<PickedFile*>(picked);
    if (name) {
        dd::ui::open_csv_import(file->web->app.ui.list.import, name, std::move(file->text));
        dd::web::request_frame(file->web->scheduler);
    }
    delete file;
}

}  // extern "C"

namespace dd::web {

void open_file_picker_if_asked(WebApp& web) {
    if (!web.app.ui.list.pick_import_file) return;
    web.app.ui.list.pick_import_file = false;
    dd_open_file_picker(new PickedFile{&web, {}});
}

}  // namespace dd::web
