#include "core/persist_workspace.h"

#include "core/json_io.h"
#include "core/persist_replay.h"
#include "core/snapshot_binary.h"
#include "core/store.h"   // ChangeSet

#include <algorithm>

namespace dd {

std::string frame_records(const std::vector<std::string>& records) {
    std::string out;
    size_t size = 0;
    for (const auto& r : records) size += r.size() + 12;
    out.reserve(size);
    for (const auto& r : records) {
        out += std::to_string(r.size());
        out += ':';
        out += r;
    }
    return out;
}

bool unframe_records(std::string_view entry, std::vector<std::string_view>& records) {
    records.clear();
    size_t pos = 0;
    while (pos < entry.size()) {
        size_t len = 0;
        size_t digits = 0;
        while (pos < entry.size() && entry[pos] >= '0' && entry[pos] <= '9' && digits < 12) {
            len = len * 10 + size_t(entry[pos] - '0');
            ++pos;
            ++digits;
        }
        if (digits == 0 || pos >= entry.size() || entry[pos] != ':') return false;
        ++pos;
        if (entry.size() - pos < len) return false;
        records.push_back(entry.substr(pos, len));
        pos += len;
    }
    return true;
}

bool replay_entries(Workspace& ws, const std::vector<journal::Entry>& entries, std::vector<std::string>& warnings,
                    std::vector<Id>* history_ids) {
    const size_t warnings_before = warnings.size();
    std::vector<std::string_view> records;
    RecordReplay replay(ws);   // an id index per kind: O(records), not O(records x deals)
    replay.collect_history_ids(history_ids);
    for (const journal::Entry& e : entries) {
        // Checksums passed, so a record that does not apply is a bug, not damage: skip that
        // change alone, say so, and let the caller's workspace check decide.
        if (!unframe_records(e.payload, records)) {
            warnings.push_back("A saved change from " + millis_to_string(e.saved_at) + " is malformed and was skipped.");
            continue;
        }
        for (std::string_view record : records) {
            Status st = replay.apply(record);
            if (!st.ok())
                warnings.push_back("A saved change from " + millis_to_string(e.saved_at) + " could not be applied (" +
                                   st.error().text() + ") and was skipped.");
        }
    }
    replay.finish();
    if (history_ids) {
        std::sort(history_ids->begin(), history_ids->end());
        history_ids->erase(std::unique(history_ids->begin(), history_ids->end()), history_ids->end());
    }
    return warnings.size() == warnings_before;
}

WorkspacePersistence::WorkspacePersistence(Storage& storage, JournalOptions options)
    : storage_(storage), journal_(storage, options) {}

OpenedWorkspace WorkspacePersistence::open(bool defer_history) {
    OpenedWorkspace out;
    std::vector<std::string> entry_warnings;
    bool json_snapshot = false;   // the snapshot recovered from is an old JSON one
    out.recovery = journal_.recover(
        [&](SnapshotPayload& payload, const std::vector<journal::Entry>& entries) -> Status {
            entry_warnings.clear();
            json_snapshot = false;
            out.history.reset();   // a candidate before this one was refused
            if (payload.empty() && entries.empty()) {
                out.checked = CheckedWorkspace{};
                return ok_status();
            }
            Workspace ws;
            if (!payload.empty()) {
                // Decoded as it is read, a window at a time (journal.h, SnapshotPayload): the
                // heap never holds the file's bytes and the workspace at once.
                char magic[4] = {};
                const size_t got = payload.read(magic, sizeof magic);
                const std::string_view head(magic, got);
                // Profiles saved before the binary snapshot hold the workspace JSON: still read,
                // and rewritten as binary by the compaction asked for below.
                json_snapshot = !is_binary_workspace(head);
                payload.rewind();
                if (json_snapshot) {
                    Result<std::string> bytes = payload.read_all();
                    if (!bytes.ok()) return bytes.error();
                    auto loaded = load_checked_workspace_json(bytes.value());   // parsed and checked
                    if (!loaded.ok()) return loaded.error();
                    if (entries.empty()) {
                        out.checked = std::move(loaded.value());
                        return ok_status();
                    }
                    ws = std::move(loaded.value()).release();
                } else {
                    DeferredHistory deferred;
                    auto loaded = decode_workspace_binary_stream(payload.source(), payload.size(), 256 << 10,
                                                                 defer_history ? &deferred : nullptr);
                    // Only bytes that passed the file's CRC-32 are used.
                    const std::string problem = payload.finish();
                    if (!problem.empty()) return field_error("snapshot", problem);
                    if (!loaded.ok()) return loaded.error();
                    ws = std::move(loaded.value());
                    if (deferred.count > 0)
                        out.history = std::make_unique<PendingHistory>(payload.tail(deferred.offset), deferred.count, deferred.offset);
                }
            }
            replay_entries(ws, entries, entry_warnings, out.history ? &out.history->superseded : nullptr);
            // One check of the result, handed on with it so that Store::load does not repeat it:
            // a snapshot that fails it, alone or with the journal, is refused as before.
            Result<CheckedWorkspace> checked = CheckedWorkspace::check(std::move(ws));
            if (!checked.ok()) {
                out.history.reset();
                return checked.error();
            }
            out.checked = std::move(checked.value());
            return ok_status();
        });
    if (!out.recovery.needs_bytes.empty()) {   // nothing decided: see Recovery::needs_bytes
        out.checked = CheckedWorkspace{};
        out.history.reset();
        return out;
    }
    out.recovery.warnings.insert(out.recovery.warnings.end(), entry_warnings.begin(), entry_warnings.end());
    out.found = out.recovery.loaded_snapshot || out.recovery.entries_replayed > 0;
    if (out.recovery.loaded_snapshot && json_snapshot) journal_.request_compaction();
    return out;
}

void WorkspacePersistence::drop_part_made_snapshot() {
    if (!writer_) return;
    writer_.reset();
    ++restarts_;
}

Status WorkspacePersistence::save_all(const Workspace& ws, Millis now) {
    writer_.reset();
    restarts_ = 0;
    return journal_.compact(save_workspace_binary(ws), now);
}

Status WorkspacePersistence::save_encoded(std::string_view payload, Millis now) {
    writer_.reset();
    restarts_ = 0;
    return journal_.compact(payload, now);
}

Status WorkspacePersistence::compact(const Workspace& ws, Millis now) {
    writer_.reset();
    restarts_ = 0;
    return journal_.compact(save_workspace_binary(ws), now);
}

Status WorkspacePersistence::compact_step(const Workspace& ws, size_t records, Millis now, bool& done) {
    done = false;
    if (journal_.buffered_entries() > 0) {
        writer_.reset();
        return field_error("compaction", "changes are waiting to be written: flush first");
    }
    // Also a guard for a caller that changed the workspace without telling (on_applied resets).
    if (writer_ && (writer_ws_ != &ws || writer_seq_ != journal_.last_seq())) writer_.reset();
    if (!writer_) {
        writer_ = std::make_unique<BinarySnapshotWriter>(ws, journal::kSnapshotFrameBytes);
        writer_ws_ = &ws;
        writer_seq_ = journal_.last_seq();
    }
    if (!writer_->step(records)) return ok_status();
    const uint32_t crc = writer_->payload_crc();
    std::string file = writer_->take();   // the frame's room, then the payload
    writer_.reset();
    restarts_ = 0;
    done = true;
    return journal_.compact_framed(std::move(file), crc, now);
}

void WorkspacePersistence::on_applied(const Workspace& ws, const ChangeSet& changes, Millis now) {
    if (changes.empty()) return;
    drop_part_made_snapshot();
    std::vector<std::string> records;
    records.reserve(changes.upserted.size() + changes.removed.size() + 1);
    if (changes.settings) records.push_back(record_to_json(ws.settings));
    for (const RecordRef& ref : changes.upserted) {
        std::string json = record_to_json(ws, ref.kind, ref.id);
        if (!json.empty()) records.push_back(std::move(json));
    }
    for (const Tombstone& t : changes.removed) records.push_back(tombstone_to_json(t));
    journal_.append(frame_records(records), now);
}

}  // namespace dd
