// The page half of the font atlas cache (font_cache.h). Linked with --js-library.
// web/boot.js reads the cache beside the workspace, before main() runs, and owns its database:
// Module.ddFontCache = {entries: {key: Uint8Array} once read, store(key, bytes)}.
mergeInto(LibraryManager.library, {
  // The cached bytes for `key`, copied into a malloc'ed block (the caller frees it), their length
  // at `sizePtr`; 0 when there are none. The page's copy is dropped: it is used once.
  dd_font_cache_js_take: function (keyPtr, sizePtr) {
    var cache = Module['ddFontCache'];
    var key = UTF8ToString(keyPtr);
    var bytes = cache && cache.entries ? cache.entries[key] : null;
    HEAPU32[sizePtr >>> 2] = 0;
    if (!bytes || !bytes.length) return 0;
    delete cache.entries[key];
    var ptr = _malloc(bytes.length);
    if (!ptr) return 0;
    HEAPU8.set(bytes, ptr >>> 0);
    HEAPU32[sizePtr >>> 2] = bytes.length;
    return ptr;
  },

  // Keeps `size` bytes at `ptr` under `key` for the next start (copied now; written later).
  dd_font_cache_js_store: function (keyPtr, ptr, size) {
    var cache = Module['ddFontCache'];
    if (!cache || !cache.store) return;
    cache.store(UTF8ToString(keyPtr), HEAPU8.slice(ptr >>> 0, (ptr >>> 0) + size));
  },
});
