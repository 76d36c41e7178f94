// The font atlas cache in the browser: the bytes of a built atlas (ui/font_atlas_bytes.h) kept in
// IndexedDB (database `dealdeck-cache`, apart from the workspace's) per devicePixelRatio, so a
// start skips rasterizing the fonts (~150 ms at a cold start). web/boot.js reads them before
// main() runs; a miss or bytes for other fonts only mean the atlas is rasterized as before.
#pragma once
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

namespace dd::web {

// The cache's key for an atlas rasterized at `dpr`.
std::string font_cache_key(double dpr);

// Bytes the page handed over (malloc'ed there, freed here), without another copy.
struct CachedBytes {
    std::unique_ptr<char, decltype(&std::free)> data{nullptr, &std::free};
    size_t size = 0;
    std::string_view view() const { return {data.get(), data ? size : 0}; }
};

// The bytes boot.js read for `key` (empty if none). Given once: a second call returns nothing.
CachedBytes font_cache_take(const std::string& key);

// Keeps `bytes` for the next start (written in the background; a failure only costs that start
// its shortcut).
void font_cache_store(const std::string& key, std::string_view bytes);

}  // namespace dd::web
