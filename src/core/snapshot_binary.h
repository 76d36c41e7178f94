// The compact binary encoding of a whole Workspace, for the persistence snapshots on IndexedDB.
//
// Why not the JSON: at 100,000 deals the JSON is 147 MB (keys repeated per record, ids as quoted
// hex, instants as ISO text) and parsing it alone takes seconds, far over the 1.5 s cold-start
// budget. This encoding holds the same data in about a sixth of the bytes and reads at memory
// speed. The JSON (json_io.h) stays the format of export/import, the bridge and the docs; the
// persistence layer reads either (old profiles hold a JSON snapshot) and writes this one.
//
// Layout (docs/storage.md, "Binary snapshot"), all integers little-endian:
//   header  "DDWB" | u32 version (2; 1 is read too) | u64 body length | u32 CRC-32 of the body
//   body    settings, then one section per record kind: varint count, then the records, in the
//           order of Workspace's members; each record its fields in model.h's order.
//   fields  ids raw u64; unsigned numbers LEB128 varints; signed numbers zigzag varints;
//           updated_at as a delta from created_at; strings varint length + UTF-8 bytes;
//           enums and bools one byte; currencies their 3 letters.
//
// Loading refuses, without touching anything, a wrong magic or version, a length or checksum
// mismatch, a truncated or overlong body, an enum or bool out of range, and then runs
// check_workspace (the same referential checks as the JSON loader).
#pragma once
#include "core/byte_io.h"
#include "core/model.h"
#include "core/result.h"

#include <memory>
#include <string>
#include <string_view>

namespace dd {

// Version 2 added the saved views (a section after the tombstones); version 1 files, which have
// none, still load. Version 3 added a view's "shared" flag (after its owner); version 2 views load
// as shared.
constexpr uint32_t kBinarySnapshotVersion = 3;
constexpr uint32_t kOldestBinarySnapshotVersion = 1;

std::string save_workspace_binary(const Workspace&);
Result<Workspace> load_workspace_binary(std::string_view bytes);

// save_workspace_binary written a part at a time: a million-deal workspace takes most of a second
// to encode, too long for one frame. step(n) encodes up to n more records (and checksums them);
// the workspace must not change between the first step and the last. take() then gives exactly
// the bytes save_workspace_binary(ws) gives.
class BinarySnapshotWriter {
public:
    // `prefix` zero bytes come before the encoding in take()'s string: room for the snapshot
    // file's frame (journal::kSnapshotFrameBytes), so that the 43 MB of a 100,000-deal workspace
    // are not copied once more behind a header.
    explicit BinarySnapshotWriter(const Workspace& ws, size_t prefix = 0);
    bool step(size_t records);   // true once the whole workspace is written
    bool done() const { return section_ > kLastSection; }
    size_t bytes() const { return out_.size() - prefix_; }
    // The CRC-32 of take()'s bytes after the prefix (after done()), from the body's, which step() computed as it
    // wrote: a snapshot file's frame needs it, and a second pass over the bytes would cost as
    // much as the encoding's whole last step (~55 ms in WASM at 100,000 deals).
    uint32_t payload_crc() const { return payload_crc_; }
    std::string take();          // after done()

private:
    static constexpr int kLastSection = 11;   // pipelines (0) ... saved_views (11)
    const Workspace& ws_;
    size_t prefix_ = 0;
    std::string out_;
    int section_ = -1;          // -1: the settings; then Workspace's record kinds in order
    size_t index_ = 0;          // the next record of the section
    bool counted_ = false;      // the section's count is written
    uint32_t crc_ = 0;          // of the body written so far
    size_t crc_to_ = 0;         // bytes of out_ the crc covers
    uint32_t payload_crc_ = 0;  // of the header and the body, once done()
};
// Where a snapshot's history lines are, when a start decoded the rest first (below): the deal
// pages' timelines are not on the first screen, and the lines are ~a quarter of a snapshot's bytes
// and half of Store::load's work (docs/storage.md, "Start-up").
struct DeferredHistory {
    uint64_t offset = 0;   // of the first line's first byte, from the payload's first byte (the header's)
    uint64_t count = 0;    // lines
};

// The same without the final check_workspace, for a caller that checks the workspace itself after
// changing it further (recovery replays the journal onto it, then checks once).
Result<Workspace> decode_workspace_binary(std::string_view bytes);
// The same read a window at a time from `source`, `size` bytes in all (header included), so that
// the whole encoding is never in memory beside the workspace it becomes: recovery streams the
// snapshot file (journal.h, SnapshotPayload). The body's own CRC-32 is not computed here: the
// caller checks the same bytes as they pass (the snapshot file's CRC-32, journal_format.h) and
// discards the result if that fails; computing both cost ~75 ms of a WASM start at 100,000
// deals. Every other check (magic, version, length, structure) runs.
// With `deferred`, the history lines are read and checked like the rest but not kept: the
// workspace has none, `deferred` says where they are, and HistoryLineDecoder reads them later.
Result<Workspace> decode_workspace_binary_stream(bytes::ByteSource source, uint64_t size, size_t window = 256 << 10,
                                                 DeferredHistory* deferred = nullptr);

// Decodes deferred history lines a batch at a time: `source` gives the payload's bytes from
// DeferredHistory::offset (`first_line_at`) on, `size` of them at most. Bytes a start already
// checked (its CRC-32 and every value), so a failure here means the file changed since:
// problem() says where, as a byte of the body.
class HistoryLineDecoder {
public:
    HistoryLineDecoder(bytes::ByteSource source, uint64_t size, uint64_t count, uint64_t first_line_at,
                       size_t window = 256 << 10);
    ~HistoryLineDecoder();
    HistoryLineDecoder(const HistoryLineDecoder&) = delete;
    HistoryLineDecoder& operator=(const HistoryLineDecoder&) = delete;

    bool step(size_t lines, ChunkedVector<DealChange>& out);   // up to `lines` more; false once failed
    bool done() const;
    bool failed() const;
    std::string problem() const;

private:
    struct State;   // the reader and the decoder (snapshot_binary.cpp)
    std::unique_ptr<State> s_;
};

// True when `bytes` start with this encoding's magic (whatever its version): tells a binary
// snapshot from an older JSON one.
bool is_binary_workspace(std::string_view bytes);

}  // namespace dd
