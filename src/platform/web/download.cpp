#include "platform/web/download.h"

#include "platform/web/file_picker.h"
#include "platform/web/web_app.h"

#include <emscripten/emscripten.h>

#include <cstddef>
#include <cstdint>

namespace {

// The bytes are copied out of the wasm heap (slice), so the C++ side may free them at once.
EM_JS(void, dd_download_bytes, (const char* name, const uint8_t* bytes, size_t length, const char* mime), {
    var data = HEAPU8.slice(bytes, bytes + length);
    var blob = new Blob([data], {type: UTF8ToString(mime)});
    var url = URL.createObjectURL(blob);
    var link = document.createElement('a');
    link.href = url;
    link.download = UTF8ToString(name);
    link.style.display = 'none';
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
});

}  // namespace

namespace dd::web {

void list_files_after_frame(WebApp& web) {
    auto& downloads = web.app.ui.list.downloads;
    for (const ui::DownloadRequest& d : downloads)
        dd_download_bytes(d.file_name.c_str(), reinterpret_cast<const uint8_t*>(d.bytes.data()), d.bytes.size(),
                          "text/csv;charset=utf-8");
    downloads.clear();
    open_file_picker_if_asked(web);
}

}  // namespace dd::web
