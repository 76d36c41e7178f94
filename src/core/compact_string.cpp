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

namespace {
size_t hash_text(std::string_view s) noexcept {
    uint64_t h = 1469598103934665603ull;   // FNV-1a: the texts are short
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    return size_t(h ^ (h >> 29));
}
}  // namespace

void TextInterner::assign(CompactString& out, std::string_view s) {
    if (s.empty() || s.size() > kMaxLength) {
        out = s;
        return;
    }
    // The table starts small (a load with a few history lines pays for a few slots) and doubles
    // while it is at most half full, up to twice kMaxEntries.
    if (slots_.empty()) slots_.resize(64);
    size_t mask = slots_.size() - 1;
    size_t i = hash_text(s) & mask;
    for (; !slots_[i].empty(); i = (i + 1) & mask)
        if (slots_[i].view() == s) {
            out = slots_[i];   // a reference more on the kept block
            return;
        }
    if (size_ == kMaxEntries) {   // full: this text gets a block of its own
        out = s;
        return;
    }
    slots_[i] = s;
    out = slots_[i];
    ++size_;
    if (size_ * 2 > slots_.size()) {
        std::vector<CompactString> old(slots_.size() * 2);
        old.swap(slots_);
        mask = slots_.size() - 1;
        for (CompactString& t : old) {
            if (t.empty()) continue;
            size_t j = hash_text(t.view()) & mask;
            while (!slots_[j].empty()) j = (j + 1) & mask;
            slots_[j] = std::move(t);
        }
    }
}

}  // namespace dd
