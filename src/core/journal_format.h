// The bytes of the persistence files: journal segments and snapshots, each checksummed.
//
// Why binary frames around opaque payloads: the journal does not need to know what a record is
// (the payload is the JSON of one ChangeSet, see persist_workspace.h); it only needs to tell a
// whole, intact entry from a torn or damaged one, and to order entries by sequence number.
//
// All integers little-endian. CRC-32 is the IEEE/zlib one (poly 0xEDB88320).
//
//   segment  "j-<first seq, 16 hex>.seg"
//     header  "DDJ1" | u32 version=1 | u64 first_seq | u32 entry_count | u32 crc(previous 20 bytes)
//     entry   u32 payload_len | u64 seq | i64 saved_at_ms | payload | u32 crc(len..payload)
//   snapshot "s-<generation, 16 hex>.snap"
//     header  "DDS1" | u32 version=1 | u64 generation | u64 last_seq | i64 saved_at_ms |
//             u64 payload_len | u32 crc(payload) | u32 crc(previous 44 bytes)
//     payload (the workspace JSON)
//
// A snapshot with last_seq = S holds the effect of every journal entry with seq <= S.
#pragma once
#include "core/model.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dd::journal {

uint32_t crc32(std::string_view bytes, uint32_t crc = 0);
// The CRC-32 of A followed by B from crc32(A), crc32(B) and B's length, without reading either:
// a snapshot whose encoder checksummed its body as it wrote it needs no second pass over ~43 MB.
uint32_t crc32_combine(uint32_t crc_a, uint32_t crc_b, uint64_t size_b);

struct Entry {
    uint64_t seq = 0;
    Millis saved_at = 0;
    std::string payload;
};

// ---- file names ----
std::string segment_name(uint64_t first_seq);
std::string snapshot_name(uint64_t generation);
bool parse_segment_name(std::string_view name, uint64_t& first_seq);
bool parse_snapshot_name(std::string_view name, uint64_t& generation);
constexpr std::string_view kBadSuffix = ".bad";   // files set aside after failing their checksum

// ---- segments ----
std::string encode_segment(const std::vector<Entry>& entries);   // entries non-empty, seqs ascending

struct DecodedSegment {
    uint64_t first_seq = 0;
    uint32_t declared_count = 0;   // what the header promised (0 if the header itself is bad)
    std::vector<Entry> entries;    // the intact entries, in order, up to the first damaged one
    bool header_ok = false;
    bool complete = false;         // every declared entry intact, nothing after them
    std::string problem;           // why not complete: "torn after 2 of 5 entries", ...
};
DecodedSegment decode_segment(std::string_view bytes);

// ---- snapshots ----
struct SnapshotHeader {
    uint64_t generation = 0;
    uint64_t last_seq = 0;
    Millis saved_at = 0;
};
std::string encode_snapshot(const SnapshotHeader&, std::string_view payload);
// The same in place, with the payload's CRC-32 already known (BinarySnapshotWriter::payload_crc):
// `file` holds kSnapshotFrameBytes bytes of room, then the payload; the frame's header is written
// into that room (no copy of the payload).
void frame_snapshot(std::string& file, const SnapshotHeader&, uint32_t payload_crc);
// kSnapshotFrameBytes zero bytes, then `payload`: a file for frame_snapshot.
std::string with_frame_room(std::string_view payload);

struct DecodedSnapshot {
    SnapshotHeader header;
    std::string_view payload;   // a view into the decoded bytes
    bool ok = false;
    std::string problem;        // "checksum mismatch", "truncated (12 of 40,000 bytes)", ...
};
DecodedSnapshot decode_snapshot(std::string_view bytes);

// A snapshot file's frame without its payload: the header, from the file's first
// kSnapshotFrameBytes bytes, checked against the file's size. The payload's checksum is left to
// whoever reads the payload (journal.h, SnapshotPayload: a slice at a time, as it passes).
constexpr size_t kSnapshotFrameBytes = 48;
struct SnapshotFrame {
    SnapshotHeader header;
    uint64_t payload_size = 0;   // the bytes after the frame's header
    uint32_t payload_crc = 0;    // their CRC-32, as written
    bool ok = false;
    std::string problem;         // as DecodedSnapshot's, except "checksum mismatch" of the payload
};
SnapshotFrame decode_snapshot_frame(std::string_view head, uint64_t file_size);

}  // namespace dd::journal
