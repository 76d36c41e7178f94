#include "platform/web/download.h"

#include "platform/web/file_picker.h"
#include "platform/web/prefs_web.h"
#include "platform/web/web_app.h"

#include <emscripten/emscripten.h>

#include <cstddef>
#include <cstdint>

namespace {

// Each part is copied out of the wasm heap (slice) into a list kept on the Module under the
// download's number, so the C++ side frees it at once; the last part makes one Blob of the list
// (the browser may keep a big Blob on disk) and clicks a temporary <a download>. Pointers are
// taken unsigned (>>> 0): the heap may grow past 2 GB.
EM_JS(void, dd_download_part, (double download, const char* name, const uint8_t* bytes, size_t length, int last,
                               const char* mime), {
    var pending = Module['ddDownloads'] || (Module['ddDownloads'] = {});
    var parts = pending[download] || (pending[download] = []);
    bytes >>>= 0;
    length >>>= 0;
    parts.push(HEAPU8.slice(bytes, bytes + length));
    if (!last) return;
    delete pending[download];
    var blob = new Blob(parts, {type: UTF8ToString(mime)});
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
    for (const ui::DownloadPart& d : downloads)
        dd_download_part(double(d.download), d.file_name.c_str(), reinterpret_cast<const uint8_t*>(d.bytes.data()),
                         d.bytes.size(), d.last ? 1 : 0, "text/csv;charset=utf-8");
    downloads.clear();
    file_picker_after_frame(web);   // the import file picker, and the next slice of the file being read
    prefs_after_frame(web);   // the column layout and the chosen view, when this frame changed them
}

}  // namespace dd::web
