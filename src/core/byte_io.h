// Little-endian integers and LEB128 varints in a byte string: the primitives of the persistence
// files (journal_format.cpp: segment and snapshot frames; snapshot_binary.cpp: the workspace).
//
// Writing appends to a std::string. Reading goes through ByteReader, which never reads past the
// end: a read that does not fit sets failed() and returns 0, and every later read does too, so a
// decoder can read a whole record and check once. A ByteReader reads either bytes already in
// memory or a stream it pulls a window at a time (ByteSource): a 43 MB snapshot is decoded
// without ever being held whole.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace dd::bytes {

inline void put_u32(std::string& out, uint32_t v) {
    const char b[4] = {char(v), char(v >> 8), char(v >> 16), char(v >> 24)};
    out.append(b, 4);
}
inline void put_u64(std::string& out, uint64_t v) {
    const char b[8] = {char(v), char(v >> 8), char(v >> 16), char(v >> 24),
                       char(v >> 32), char(v >> 40), char(v >> 48), char(v >> 56)};
    out.append(b, 8);
}
inline uint32_t get_u32(const char* p) {
    const auto* u = reinterpret_cast<const uint8_t*>(p);
    return uint32_t(u[0]) | uint32_t(u[1]) << 8 | uint32_t(u[2]) << 16 | uint32_t(u[3]) << 24;
}
inline uint64_t get_u64(const char* p) { return uint64_t(get_u32(p)) | uint64_t(get_u32(p + 4)) << 32; }

// Unsigned LEB128: 7 bits a byte, low bits first; small numbers (counts, lengths) take one byte.
inline void put_varint(std::string& out, uint64_t v) {
    char b[10];
    size_t n = 0;
    while (v >= 0x80) {
        b[n++] = char(uint8_t(v) | 0x80);
        v >>= 7;
    }
    b[n++] = char(v);
    out.append(b, n);
}
// Signed numbers zigzag-mapped first (0, -1, 1, -2 ... -> 0, 1, 2, 3 ...), so small negatives stay short.
inline uint64_t zigzag(int64_t v) { return (uint64_t(v) << 1) ^ uint64_t(v >> 63); }
inline int64_t unzigzag(uint64_t v) { return int64_t(v >> 1) ^ -int64_t(v & 1); }

// Where a streaming ByteReader gets its bytes: `read` puts up to `n` more into `out` and returns
// how many (0 at the end or on an error, which the source itself remembers for its caller).
struct ByteSource {
    size_t (*read)(void* context, char* out, size_t n) = nullptr;
    void* context = nullptr;
};

class ByteReader {
public:
    explicit ByteReader(std::string_view bytes)
        : p_(bytes.data()), end_(bytes.data() + bytes.size()), begin_(p_), total_(bytes.size()) {}
    // `total` bytes pulled from `source` into a window of `window` bytes (larger only for a
    // single read that needs more). The reader never asks the source for more than `total`.
    ByteReader(ByteSource source, uint64_t total, size_t window)
        : p_(nullptr), end_(nullptr), begin_(nullptr), total_(total), source_(source), window_size_(window) {}
    // Not copied or moved: its pointers may point into its own window.
    ByteReader(const ByteReader&) = delete;
    ByteReader& operator=(const ByteReader&) = delete;

    bool failed() const { return failed_; }
    uint64_t offset() const { return consumed_ + uint64_t(p_ - begin_); }
    uint64_t remaining() const { return total_ - offset(); }
    // Where the first failed read started (or where fail() was first called).
    uint64_t failed_at() const { return failed_at_; }
    void fail() {
        if (!failed_) failed_at_ = offset();
        failed_ = true;
        p_ = end_;
    }

    uint8_t u8() {
        if (p_ == end_ && !fill(1)) return fail(), 0;
        return uint8_t(*p_++);
    }
    uint32_t u32() {
        if (in_window() < 4 && !fill(4)) return fail(), 0;
        const uint32_t v = get_u32(p_);
        p_ += 4;
        return v;
    }
    uint64_t u64() {
        if (in_window() < 8 && !fill(8)) return fail(), 0;
        const uint64_t v = get_u64(p_);
        p_ += 8;
        return v;
    }
    uint64_t varint() {
        uint64_t v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (p_ == end_ && !fill(1)) return fail(), 0;
            const uint8_t b = uint8_t(*p_++);
            v |= uint64_t(b & 0x7f) << shift;
            if (!(b & 0x80)) {
                if (shift == 63 && b > 1) return fail(), 0;   // more than 64 bits
                return v;
            }
        }
        return fail(), 0;   // an 11th byte: not a varint we write
    }
    int64_t svarint() { return unzigzag(varint()); }
    // `n` bytes as a view into the input (empty, and failed, if fewer remain). From a stream, the
    // view lasts until the next read.
    std::string_view take(uint64_t n) {
        if (in_window() < n && (n > remaining() || !fill(size_t(n)))) return fail(), std::string_view();
        std::string_view v(p_, size_t(n));
        p_ += n;
        return v;
    }

private:
    size_t in_window() const { return size_t(end_ - p_); }
    // The slow path of a stream: at least `need` bytes in the window, the unread rest moved to its
    // front and the window topped up. False (and nothing read) past the end, after a failure, or
    // when the source gives less than it should: the caller fails.
    bool fill(size_t need) {
        if (!source_.read || failed_ || need > remaining()) return false;
        const size_t keep = in_window();
        const size_t from = size_t(p_ - begin_);   // the unread rest starts here in the window
        consumed_ += uint64_t(from);
        if (window_.size() < need || window_.empty()) window_.resize(need > window_size_ ? need : window_size_);
        if (keep) std::memmove(&window_[0], window_.data() + from, keep);
        const uint64_t left = remaining() - keep;   // in the stream, beyond what the window keeps
        size_t want = window_.size() - keep;
        if (want > left) want = size_t(left);
        size_t got = 0;
        while (got < want) {
            const size_t n = source_.read(source_.context, &window_[keep + got], want - got);
            if (n == 0) break;
            got += n;
        }
        begin_ = p_ = window_.data();
        end_ = p_ + keep + got;
        return keep + got >= need;
    }

    const char* p_;
    const char* end_;
    const char* begin_;
    uint64_t total_;
    uint64_t consumed_ = 0;      // stream bytes before begin_ (always 0 for bytes in memory)
    ByteSource source_;
    size_t window_size_ = 0;
    std::string window_;
    uint64_t failed_at_ = 0;
    bool failed_ = false;
};

}  // namespace dd::bytes
