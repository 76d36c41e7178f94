#include "core/compact_string.h"
#include <cstring>

namespace dd {

size_t CompactString::size() const noexcept {
    if (!block_) return 0;
    uint32_t n;
    std::memcpy(&n, block_, kHeader);
    return n;
}

void CompactString::assign(std::string_view s) {
    // Allocate before releasing: `s` may view this string's own characters.
    char* block = nullptr;
    if (!s.empty()) {
        const uint32_t n = uint32_t(s.size());
        block = new char[kHeader + s.size() + 1];
        std::memcpy(block, &n, kHeader);
        std::memcpy(block + kHeader, s.data(), s.size());
        block[kHeader + s.size()] = '\0';
    }
    release();
    block_ = block;
}

void CompactString::release() noexcept {
    delete[] block_;
    block_ = nullptr;
}

}  // namespace dd
