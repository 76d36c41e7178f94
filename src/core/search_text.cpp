#include "core/search_text.h"

#include "core/text_fold.h"

#include <algorithm>
#include <cstddef>
#include <cstring>

namespace dd {
namespace {

constexpr uint64_t kOnes = 0x0101010101010101ull;
constexpr uint64_t kHighs = 0x8080808080808080ull;

// High bit set in every byte of v that is zero (and possibly in bytes above a zero byte, through
// the borrow: candidates are always verified, so a false positive costs a compare, never a miss).
inline uint64_t zero_bytes(uint64_t v) { return (v - kOnes) & ~v & kHighs; }

inline uint64_t load8(const char* p) {
    uint64_t v;
    std::memcpy(&v, p, 8);
    return v;   // little-endian on x86 and WebAssembly: byte i of p is bits 8i..8i+7
}

inline int lowest_byte(uint64_t m) { return __builtin_ctzll(m) >> 3; }

}  // namespace

void SearchText::set(uint32_t entry, std::initializer_list<std::string_view> fields) {
    erase(entry);
    if (entry >= entry_seg_.size()) entry_seg_.resize(size_t(entry) + 1, kNone);
    entry_seg_[entry] = uint32_t(seg_start_.size());
    seg_start_.push_back(uint32_t(buf_.size()));
    seg_entry_.push_back(entry);
    for (std::string_view f : fields) {
        size_t at = buf_.size();
        buf_.resize(at + f.size() + 1);
        for (char c : f) buf_[at++] = fold_char(c);
        buf_[at] = '\n';
    }
}

void SearchText::erase(uint32_t entry) {
    if (entry >= entry_seg_.size() || entry_seg_[entry] == kNone) return;
    const uint32_t seg = entry_seg_[entry];
    const size_t begin = seg_start_[seg];
    const size_t end = seg + 1 < seg_start_.size() ? seg_start_[seg + 1] : buf_.size();
    std::fill(buf_.begin() + std::ptrdiff_t(begin), buf_.begin() + std::ptrdiff_t(end), '\n');
    seg_entry_[seg] = kNone;
    entry_seg_[entry] = kNone;
    blank_bytes_ += end - begin;
    if (blank_bytes_ > 4096 && blank_bytes_ * 2 > buf_.size()) compact();
}

void SearchText::clear() {
    buf_.clear();
    seg_start_.clear();
    seg_entry_.clear();
    entry_seg_.clear();
    blank_bytes_ = 0;
}

void SearchText::compact() {
    std::string buf;
    buf.reserve(buf_.size() - blank_bytes_);
    std::vector<uint32_t> start, entry;
    for (size_t seg = 0; seg < seg_start_.size(); ++seg) {
        if (seg_entry_[seg] == kNone) continue;
        const size_t end = seg + 1 < seg_start_.size() ? seg_start_[seg + 1] : buf_.size();
        entry_seg_[seg_entry_[seg]] = uint32_t(start.size());
        start.push_back(uint32_t(buf.size()));
        entry.push_back(seg_entry_[seg]);
        buf.append(buf_, seg_start_[seg], end - seg_start_[seg]);
    }
    buf_.swap(buf);
    seg_start_.swap(start);
    seg_entry_.swap(entry);
    blank_bytes_ = 0;
}

void SearchText::find(std::string_view needle, std::vector<uint8_t>& hit) const {
    const char* const p = buf_.data();
    const size_t size = buf_.size(), len = needle.size();
    if (len == 0 || len > size) return;
    // One hit per entry is enough: after a match, go on from the start of the next segment.
    auto on_match = [&](size_t at) {
        const size_t next = size_t(std::upper_bound(seg_start_.begin(), seg_start_.end(), uint32_t(at)) - seg_start_.begin());
        const uint32_t e = seg_entry_[next - 1];
        if (e != kNone) hit[e] = 1;
        return next < seg_start_.size() ? size_t(seg_start_[next]) : size;
    };
    size_t i = 0;
    if (len == 1) {
        while (i < size) {
            const void* f = std::memchr(p + i, needle[0], size - i);
            if (!f) break;
            i = on_match(size_t(static_cast<const char*>(f) - p));
        }
        return;
    }
    // Eight positions at a time: where the first two needle bytes both appear, compare the rest.
    const uint64_t b0 = kOnes * uint8_t(needle[0]), b1 = kOnes * uint8_t(needle[1]);
    while (i + 9 <= size) {
        uint64_t m = zero_bytes(load8(p + i) ^ b0) & zero_bytes(load8(p + i + 1) ^ b1);
        size_t next = i + 8;
        while (m) {
            const size_t at = i + size_t(lowest_byte(m));
            m &= m - 1;
            if (at + len <= size && std::memcmp(p + at, needle.data(), len) == 0) {
                next = on_match(at);
                break;
            }
        }
        i = next;
    }
    for (; i + len <= size; ++i)
        if (p[i] == needle[0] && std::memcmp(p + i, needle.data(), len) == 0) i = on_match(i) - 1;
}

}  // namespace dd
