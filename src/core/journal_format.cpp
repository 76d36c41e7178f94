#include "core/journal_format.h"

#include "core/byte_io.h"

#include <algorithm>
#include <array>
#include <cstring>

namespace dd::journal {
namespace {

// Slicing-by-8 tables, built at compile time: the snapshot of a 100,000-deal workspace is tens
// of megabytes and its checksum sits on the cold-start path.
using CrcTables = std::array<std::array<uint32_t, 256>, 8>;
constexpr CrcTables make_crc_tables() {
    CrcTables t{};
    for (uint32_t i = 0; i < 256; ++i) {
        uint32_t c = i;
        for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        t[0][i] = c;
    }
    for (uint32_t i = 0; i < 256; ++i)
        for (size_t s = 1; s < 8; ++s) t[s][i] = (t[s - 1][i] >> 8) ^ t[0][t[s - 1][i] & 0xff];
    return t;
}
constexpr CrcTables kCrc = make_crc_tables();

using bytes::get_u32;
using bytes::get_u64;
using bytes::put_u32;
using bytes::put_u64;

constexpr size_t kSegmentHeader = 24;
constexpr size_t kEntryOverhead = 4 + 8 + 8 + 4;
constexpr size_t kSnapshotHeader = 48;
constexpr uint32_t kVersion = 1;

std::string hex16(uint64_t v) {
    constexpr std::string_view digits = "0123456789abcdef";
    std::string s(16, '0');
    for (int i = 15; i >= 0; --i, v >>= 4) s[size_t(i)] = digits[v & 0xf];
    return s;
}
bool parse_hex16(std::string_view s, uint64_t& out) {
    if (s.size() != 16) return false;
    uint64_t v = 0;
    for (char c : s) {
        int d = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
        if (d < 0) return false;
        v = (v << 4) | uint64_t(d);
    }
    out = v;
    return true;
}
bool parse_named(std::string_view name, std::string_view prefix, std::string_view suffix, uint64_t& out) {
    if (name.size() != prefix.size() + 16 + suffix.size()) return false;
    if (name.substr(0, prefix.size()) != prefix || name.substr(name.size() - suffix.size()) != suffix) return false;
    return parse_hex16(name.substr(prefix.size(), 16), out);
}

}  // namespace

uint32_t crc32(std::string_view bytes, uint32_t crc) {
    crc = ~crc;
    const auto* p = reinterpret_cast<const uint8_t*>(bytes.data());
    size_t n = bytes.size();
    while (n >= 8) {
        uint32_t lo = crc ^ (uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24);
        crc = kCrc[7][lo & 0xff] ^ kCrc[6][(lo >> 8) & 0xff] ^ kCrc[5][(lo >> 16) & 0xff] ^ kCrc[4][lo >> 24] ^
              kCrc[3][p[4]] ^ kCrc[2][p[5]] ^ kCrc[1][p[6]] ^ kCrc[0][p[7]];
        p += 8;
        n -= 8;
    }
    while (n--) crc = kCrc[0][(crc ^ *p++) & 0xff] ^ (crc >> 8);
    return ~crc;
}

namespace {
// Polynomial arithmetic modulo CRC-32's generator, in the CRC's reflected bit order (bit 31 is
// x^0, bit 0 is x^31): a * b mod P.
uint32_t multiply_mod_p(uint32_t a, uint32_t b) {
    uint32_t product = 0;
    for (uint32_t m = 1u << 31; m != 0; m >>= 1) {
        if (a & m) product ^= b;
        b = (b & 1) ? (b >> 1) ^ 0xEDB88320u : b >> 1;   // b * x
    }
    return product;
}
// x^(8 n) mod P: n zero bytes' worth of shifting, by squaring (x^8, x^16, x^32 ...).
uint32_t x_to_8n_mod_p(uint64_t n) {
    uint32_t result = 1u << 31;   // x^0
    uint32_t power = 1u << 23;    // x^8
    for (; n != 0; n >>= 1) {
        if (n & 1) result = multiply_mod_p(power, result);
        power = multiply_mod_p(power, power);
    }
    return result;
}
}  // namespace

uint32_t crc32_combine(uint32_t crc_a, uint32_t crc_b, uint64_t size_b) {
    // The pre- and post-inversions cancel out in the XOR, so only A's CRC is carried past B's
    // bytes (multiplied by x^(8 |B|)) and added to B's.
    return multiply_mod_p(x_to_8n_mod_p(size_b), crc_a) ^ crc_b;
}

std::string segment_name(uint64_t first_seq) { return "j-" + hex16(first_seq) + ".seg"; }
std::string snapshot_name(uint64_t generation) { return "s-" + hex16(generation) + ".snap"; }
bool parse_segment_name(std::string_view name, uint64_t& first_seq) { return parse_named(name, "j-", ".seg", first_seq); }
bool parse_snapshot_name(std::string_view name, uint64_t& generation) { return parse_named(name, "s-", ".snap", generation); }

std::string encode_segment(const std::vector<Entry>& entries) {
    std::string out;
    size_t size = kSegmentHeader;
    for (const Entry& e : entries) size += kEntryOverhead + e.payload.size();
    out.reserve(size);
    out.append("DDJ1", 4);
    put_u32(out, kVersion);
    put_u64(out, entries.empty() ? 0 : entries.front().seq);
    put_u32(out, uint32_t(entries.size()));
    put_u32(out, crc32(out));
    for (const Entry& e : entries) {
        size_t start = out.size();
        put_u32(out, uint32_t(e.payload.size()));
        put_u64(out, e.seq);
        put_u64(out, uint64_t(e.saved_at));
        out.append(e.payload);
        put_u32(out, crc32(std::string_view(out).substr(start)));
    }
    return out;
}

namespace {
// What is wrong with a file's fixed header of `size` bytes ("" when nothing): too short, another
// magic or version (`what` names the kind of file), or its own CRC-32, kept in its last 4 bytes.
// `available` is how many bytes the file has.
std::string header_problem(std::string_view head, uint64_t available, size_t size, const char* magic, const char* what) {
    if (head.size() < size || available < size)
        return "torn header (" + std::to_string(std::min<uint64_t>(head.size(), available)) + " bytes)";
    if (std::memcmp(head.data(), magic, 4) != 0 || get_u32(head.data() + 4) != kVersion)
        return std::string("not ") + what + " of this version";
    if (crc32(head.substr(0, size - 4)) != get_u32(head.data() + size - 4)) return "header checksum mismatch";
    return "";
}
}  // namespace

DecodedSegment decode_segment(std::string_view bytes) {
    DecodedSegment seg;
    seg.problem = header_problem(bytes, bytes.size(), kSegmentHeader, "DDJ1", "a journal segment");
    if (!seg.problem.empty()) return seg;
    seg.header_ok = true;
    seg.first_seq = get_u64(bytes.data() + 8);
    seg.declared_count = get_u32(bytes.data() + 16);
    size_t pos = kSegmentHeader;
    uint64_t expect_seq = seg.first_seq;
    while (seg.entries.size() < seg.declared_count) {
        const std::string where = " after " + std::to_string(seg.entries.size()) + " of " +
                                  std::to_string(seg.declared_count) + " entries";
        if (bytes.size() - pos < kEntryOverhead) {
            seg.problem = "torn" + where;
            return seg;
        }
        const uint32_t len = get_u32(bytes.data() + pos);
        if (bytes.size() - pos - kEntryOverhead < len) {
            seg.problem = "torn" + where;
            return seg;
        }
        const size_t body = 4 + 8 + 8 + size_t(len);
        if (crc32(bytes.substr(pos, body)) != get_u32(bytes.data() + pos + body)) {
            seg.problem = "checksum mismatch" + where;
            return seg;
        }
        Entry e;
        e.seq = get_u64(bytes.data() + pos + 4);
        e.saved_at = Millis(get_u64(bytes.data() + pos + 12));
        if (e.seq != expect_seq) {
            seg.problem = "out-of-order sequence number" + where;
            return seg;
        }
        e.payload.assign(bytes.data() + pos + 20, len);
        seg.entries.push_back(std::move(e));
        pos += body + 4;
        ++expect_seq;
    }
    if (pos != bytes.size()) {
        seg.problem = std::to_string(bytes.size() - pos) + " unexpected bytes after the last entry";
        return seg;
    }
    seg.complete = true;
    return seg;
}

std::string encode_snapshot(const SnapshotHeader& h, std::string_view payload) {
    std::string out = with_frame_room(payload);
    frame_snapshot(out, h, crc32(payload));
    return out;
}

std::string with_frame_room(std::string_view payload) {
    std::string out;
    out.reserve(kSnapshotHeader + payload.size());
    out.assign(kSnapshotHeader, '\0');
    out.append(payload);
    return out;
}

void frame_snapshot(std::string& file, const SnapshotHeader& h, uint32_t payload_crc) {
    std::string head;
    head.reserve(kSnapshotHeader);
    head.append("DDS1", 4);
    put_u32(head, kVersion);
    put_u64(head, h.generation);
    put_u64(head, h.last_seq);
    put_u64(head, uint64_t(h.saved_at));
    put_u64(head, file.size() - kSnapshotHeader);
    put_u32(head, payload_crc);
    put_u32(head, crc32(head));
    file.replace(0, kSnapshotHeader, head);
}

SnapshotFrame decode_snapshot_frame(std::string_view head, uint64_t file_size) {
    static_assert(kSnapshotFrameBytes == kSnapshotHeader, "one header size");
    SnapshotFrame frame;
    frame.problem = header_problem(head, file_size, kSnapshotHeader, "DDS1", "a snapshot");
    if (!frame.problem.empty()) return frame;
    frame.header.generation = get_u64(head.data() + 8);
    frame.header.last_seq = get_u64(head.data() + 16);
    frame.header.saved_at = Millis(get_u64(head.data() + 24));
    const uint64_t len = get_u64(head.data() + 32);
    if (file_size - kSnapshotHeader != len) {
        frame.problem = "truncated (" + std::to_string(file_size - kSnapshotHeader) + " of " + std::to_string(len) +
                        " bytes)";
        return frame;
    }
    frame.payload_size = len;
    frame.payload_crc = get_u32(head.data() + 40);
    frame.ok = true;
    return frame;
}

DecodedSnapshot decode_snapshot(std::string_view bytes) {
    DecodedSnapshot snap;
    SnapshotFrame frame = decode_snapshot_frame(bytes.substr(0, kSnapshotHeader), bytes.size());
    if (!frame.ok) {
        snap.problem = std::move(frame.problem);
        return snap;
    }
    snap.header = frame.header;
    snap.payload = bytes.substr(kSnapshotHeader);
    if (crc32(snap.payload) != frame.payload_crc) {
        snap.problem = "checksum mismatch";
        snap.payload = {};
        return snap;
    }
    snap.ok = true;
    return snap;
}

}  // namespace dd::journal
