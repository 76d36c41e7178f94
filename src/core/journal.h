// The persistence engine: a snapshot plus an append-only journal of small segment files.
//
// The Journal knows files, sequence numbers and checksums; it does not know what a record is.
// Each entry's payload is opaque (persist_workspace.h makes it the JSON of one ChangeSet).
//
//  * append() buffers an entry; flush() writes every buffered entry as ONE new small segment
//    file and commits it (on the web: one IndexedDB transaction touching only that file), so an
//    edit costs the size of its own change, whatever the size of the workspace.
//  * compact() writes the current state as snapshot generation N+1, then deletes what no
//    snapshot generation still kept needs: snapshots older than N, segments fully inside N.
//    Two generations stay, each with the segments that follow it, so a damaged newest snapshot
//    falls back to the previous one without losing an edit.
//  * recover() picks the newest snapshot that decodes and loads, replays the segments after it in
//    sequence order, skips damaged ones with a warning naming what was lost, and sets damaged files
//    aside as "<name>.bad" (never deleted, never overwritten) so they can be exported.
//
// Nothing here throws or gives up on bad stored data: the worst case is an empty workspace with
// warnings and every damaged file kept aside.
#pragma once
#include "core/byte_io.h"
#include "core/journal_format.h"
#include "core/storage.h"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace dd {

struct JournalOptions {
    Millis flush_delay_ms = 400;                   // an entry is written at most this long after it was appended
    Millis retry_delay_ms = 1000;                  // after a failed write, try again this much later
    uint64_t compact_after_bytes = 4u << 20;       // journal bytes after the newest snapshot
    size_t compact_after_segments = 256;           // or this many segment files
    // ...both raised for a big workspace, so that the snapshot rewrite, spread over the flushes
    // since the previous one, costs at most this many bytes per flush (docs/storage.md).
    uint64_t snapshot_bytes_per_segment = 32u << 10;
};

enum class SaveState { Saved, Unsaved, Saving, Error };

struct SaveStatus {
    SaveState state = SaveState::Saved;
    std::string message;   // "Saved", "Saving...", or what went wrong and what to do
    bool quota = false;    // the browser refused more space
};

struct Recovery {
    bool loaded_snapshot = false;          // false: started from an empty workspace (plus the journal)
    uint64_t snapshot_generation = 0;
    uint64_t entries_replayed = 0;
    std::vector<std::string> warnings;     // human sentences naming what was lost and what was kept
    std::vector<std::string> set_aside;    // names of the files renamed to *.bad
    // Not empty: recovery stopped before trying this snapshot, whose bytes are not in yet
    // (Storage::bytes_ready), and changed nothing. Fetch them, then recover again.
    std::string needs_bytes;
};

// Loads a candidate state into the caller's model: the snapshot payload (empty = no snapshot: an
// empty workspace) then the entries in order. Returns an error if the result is not acceptable
// (the payload does not parse, the workspace breaks the store's rules...): recovery then tries
// without the entries after a gap, then the previous snapshot generation, then nothing.
//
// The snapshot comes as a SnapshotPayload: its file read a window at a time as the loader pulls
// the bytes, never whole. At 100,000 deals the payload is ~43 MB; held whole beside the workspace
// decoded from it, it grew the heap by as much, and on a machine where the first write to a page
// is slow that growth was a large part of a cold start (docs/storage.md). Its CRC-32 is computed
// over the slices as they pass, so a loader learns that the file is damaged only at the end:
// it must call finish() before it uses what it decoded, and refuse the candidate if that fails.
class SnapshotPayload {
public:
    SnapshotPayload() = default;   // no snapshot
    // The `size` bytes of `name` from byte `offset`, whose CRC-32 must be `crc`.
    SnapshotPayload(Storage& storage, std::string name, uint64_t offset, uint64_t size, uint32_t crc)
        : storage_(&storage), name_(std::move(name)), offset_(offset), size_(size), expected_crc_(crc) {}
    bool empty() const { return size_ == 0; }
    uint64_t size() const { return size_; }
    // The payload's bytes from `from` on, as a payload of their own whose checksum is not checked
    // (never call its finish()): a part of bytes this one's finish() already checked, read again
    // later (deferred history lines, persist_history.h).
    SnapshotPayload tail(uint64_t from) const {
        const uint64_t at = from < size_ ? from : size_;
        return SnapshotPayload(*storage_, name_, offset_ + at, size_ - at, 0);
    }
    // The next up to `n` bytes; 0 at the end, or once a read failed (finish() says so).
    size_t read(char* out, size_t n);
    // The same as a ByteSource (byte_io.h), for a ByteReader pulling from this payload.
    bytes::ByteSource source() { return {&SnapshotPayload::read_into, this}; }
    // Reads whatever the loader left, then: "" when every byte was read and the checksum matches,
    // else what is wrong ("checksum mismatch", "unreadable: ...").
    std::string finish();
    // Why a read failed ("unreadable: ...", "changed while it was read"), "" if none has.
    const std::string& read_error() const { return error_; }
    // The whole payload in memory, checked as finish() checks it (an old JSON snapshot; tests).
    Result<std::string> read_all();
    // Back to the first byte: the same candidate loaded again (a retry without some entries).
    void rewind() {
        pos_ = 0;
        crc_ = 0;
        error_.clear();
    }

private:
    static size_t read_into(void* self, char* out, size_t n) { return static_cast<SnapshotPayload*>(self)->read(out, n); }
    Storage* storage_ = nullptr;
    std::string name_;
    uint64_t offset_ = 0;          // of the payload in the file
    uint64_t size_ = 0;
    uint32_t expected_crc_ = 0;
    uint64_t pos_ = 0;             // bytes of the payload read so far
    uint32_t crc_ = 0;             // CRC-32 of those bytes
    std::string error_;            // the read that failed
};
using LoadCandidate = std::function<Status(SnapshotPayload& snapshot, const std::vector<journal::Entry>&)>;

class Journal {
public:
    explicit Journal(Storage& storage, JournalOptions options = {});

    Recovery recover(const LoadCandidate& load);

    void append(std::string payload, Millis now);
    bool needs_flush(Millis now) const;
    Status flush(Millis now);
    // A snapshot is due: the journal grew past the thresholds, or recovery found damage and the
    // recovered state should be made durable on its own.
    bool wants_compaction() const;
    // Makes wants_compaction() true until the next compact(): the state should be rewritten as a
    // snapshot of its own (e.g. the snapshot read was in an older format).
    void request_compaction() { compaction_requested_ = true; }
    // `payload` is the state after every entry appended so far (buffered entries are flushed first).
    Status compact(std::string_view payload, Millis now);
    // The same with the payload already behind journal::kSnapshotFrameBytes bytes of room for
    // the file's frame (BinarySnapshotWriter's prefix) and its CRC-32 known: written as it is,
    // neither copied nor read again.
    Status compact_framed(std::string file, uint32_t payload_crc, Millis now);

    SaveStatus status() const;
    uint64_t last_seq() const { return next_seq_ - 1; }
    uint64_t journal_bytes() const;       // segment bytes after the newest snapshot
    size_t buffered_entries() const { return buffer_.size(); }

private:
    struct SegmentInfo {
        std::string name;
        uint64_t first_seq = 0;
        uint64_t last_seq = 0;
        uint64_t bytes = 0;
    };
    void set_aside(const std::string& name, Recovery& out);
    void forget_files_older_than(uint64_t keep_generation, uint64_t keep_after_seq);

    Storage& storage_;
    JournalOptions options_;
    std::vector<journal::Entry> buffer_;
    Millis first_buffered_at_ = 0;
    Millis last_failed_at_ = 0;
    std::string write_error_;
    uint64_t next_seq_ = 1;
    uint64_t newest_generation_ = 0;    // 0 = no snapshot yet
    uint64_t next_generation_ = 1;
    uint64_t newest_snapshot_seq_ = 0;
    uint64_t newest_snapshot_bytes_ = 0;    // size of the newest snapshot file (compaction thresholds)
    uint64_t last_commit_ticket_ = 0;
    bool compaction_requested_ = false;
    std::map<uint64_t, SegmentInfo> segments_;    // by first_seq: the live segment files
    std::map<uint64_t, std::string> snapshots_;   // by generation: the live snapshot files
};

}  // namespace dd
