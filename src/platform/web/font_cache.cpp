#include "platform/web/font_cache.h"

#include <cstdio>

extern "C" {
char* dd_font_cache_js_take(const char* key, unsigned* size);
void dd_font_cache_js_store(const char* key, const char* bytes, unsigned size);
}

namespace dd::web {

std::string font_cache_key(double dpr) {
    char key[40];
    std::snprintf(key, sizeof key, "atlas@%.4g", dpr);
    return key;
}

CachedBytes font_cache_take(const std::string& key) {
    unsigned size = 0;
    CachedBytes out;
    out.data.reset(dd_font_cache_js_take(key.c_str(), &size));
    out.size = size;
    return out;
}

void font_cache_store(const std::string& key, std::string_view bytes) {
    if (!bytes.empty()) dd_font_cache_js_store(key.c_str(), bytes.data(), unsigned(bytes.size()));
}

}  // namespace dd::web
