#include "core/compact_string.h"
#include <cstring>

namespace dd {

size_t CompactString::size() const noexcept {
    if (!block_) return 0;
    uint32_t n;
    std::memcpy(&n, block_ + sizeof(uint32_t), sizeof n);
    return n;
}

void CompactString::assign(std::string_view s) {
    // Allocate before releasing: `s` may view this string's own characters.
    char* block = nullptr;
    if (!s.empty()) {
        const uint32_t refs = 1, n = uint32_t(s.size());
        block = new char[kHeader + s.size() + 1];   // new[] aligns for the uint32 header
        std::memcpy(block, &refs, sizeof refs);
        std::memcpy(block + sizeof refs, &n, sizeof n);
        std::memcpy(block + kHeader, s.data(), s.size());
        block[kHeader + s.size()] = '\0';
    }
    release();
    block_ = block;
}

void CompactString::release() noexcept {
    if (block_ && __atomic_sub_fetch(reinterpret_cast<uint32_t*>(block_), 1u, __ATOMIC_ACQ_REL) == 0) delete[] block_;
    block_ = nullptr;
}

}  // namespace dd
