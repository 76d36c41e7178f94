#include "core/journal.h"

#include <algorithm>

namespace dd {

size_t SnapshotPayload::read(char* out, size_t n) {
    if (!storage_ || !error_.empty() || pos_ >= size_) return 0;
    if (n > size_ - pos_) n = size_t(size_ - pos_);
    auto part = storage_->read_part(name_, offset_ + pos_, out, n);
    if (!part.ok()) {
        error_ = "unreadable: " + part.error().text();
        return 0;
    }
    if (part.value().file_size != offset_ + size_) {   // the file changed since its frame was read
        error_ = "changed while it was read";
        return 0;
    }
    const size_t got = part.value().got;
    crc_ = journal::crc32(std::string_view(out, got), crc_);
    pos_ += got;
    return got;
}

std::string SnapshotPayload::finish() {
    if (pos_ < size_) {   // what the loader left (it failed early): read only for the checksum
        std::string rest(size_t(std::min<uint64_t>(size_ - pos_, 256 << 10)), '\0');
        while (pos_ < size_ && read(&rest[0], rest.size()) > 0) {
        }
    }
    if (!error_.empty()) return error_;
    if (pos_ != size_) return "truncated (" + std::to_string(pos_) + " of " + std::to_string(size_) + " bytes)";
    if (crc_ != expected_crc_) return "checksum mismatch";
    return "";
}

Result<std::string> SnapshotPayload::read_all() {
    std::string bytes(size_t(size_ - pos_), '\0');
    size_t got = 0;
    while (got < bytes.size()) {
        const size_t n = read(&bytes[got], bytes.size() - got);
        if (n == 0) break;
        got += n;
    }
    bytes.resize(got);
    const std::string problem = finish();
    if (!problem.empty()) return field_error(name_, problem);
    return bytes;
}

namespace {

using journal::DecodedSegment;
using journal::Entry;

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string plural(uint64_t n, const char* word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

std::string damaged_snapshot(const std::string& name, const std::string& problem) {
    return "The saved snapshot " + name + " is damaged (" + problem + "); it is kept as " + name +
           std::string(journal::kBadSuffix) + " and an older save is used.";
}

// One segment file as recovery sees it.
struct ScannedSegment {
    std::string name;
    uint64_t name_seq = 0;    // from the file name: trusted for ordering even when the content is damaged
    DecodedSegment decoded;
    uint64_t bytes = 0;
    bool damaged() const { return !decoded.complete; }
    uint64_t last_seq() const { return decoded.entries.empty() ? name_seq - 1 : decoded.entries.back().seq; }
};

// The entries a candidate snapshot (covering seq <= covered) needs, and what is missing.
struct Replay {
    std::vector<Entry> entries;
    size_t contiguous = 0;                 // entries[0..contiguous) follow the snapshot with no gap
    std::vector<std::string> warnings;
    std::vector<std::string> damaged;      // damaged segment files that held changes after the snapshot
};

Replay plan_replay(const std::vector<ScannedSegment>& segments, uint64_t covered) {
    Replay r;
    uint64_t expected = covered + 1;
    bool gap = false;
    bool after_damage = false;   // the next hole is the one a damaged file (already reported) left
    for (size_t i = 0; i < segments.size(); ++i) {
        const ScannedSegment& s = segments[i];
        const uint64_t next_start = i + 1 < segments.size() ? segments[i + 1].name_seq : UINT64_MAX;
        if (s.damaged()) {
            // What it should have held: its declared entries, or (header unreadable) up to the next file.
            const uint64_t held_last = s.decoded.header_ok && s.decoded.declared_count > 0
                                           ? s.name_seq + s.decoded.declared_count - 1
                                           : next_start - 1;
            if (held_last <= covered) continue;   // everything it held is inside the snapshot
            r.damaged.push_back(s.name);
            const uint64_t lost_from = std::max<uint64_t>(covered + 1, s.name_seq + s.decoded.entries.size());
            std::string what = next_start == UINT64_MAX && !s.decoded.header_ok
                                   ? std::string("the last changes")
                                   : plural(held_last - lost_from + 1, "change");
            std::string when = s.decoded.entries.empty()
                                   ? std::string()
                                   : " saved after " + millis_to_string(s.decoded.entries.back().saved_at);
            r.warnings.push_back("Could not read " + what + when + " (journal file " + s.name + ": " +
                                 s.decoded.problem + "); they are lost. The damaged file is kept as " +
                                 s.name + std::string(journal::kBadSuffix) + ".");
        }
        for (const Entry& e : s.decoded.entries) {
            if (e.seq < expected) continue;   // already in the snapshot (or a duplicate)
            if (e.seq > expected) {
                if (!gap) r.contiguous = r.entries.size();
                gap = true;
                if (!after_damage)   // a hole no damaged file explains: a segment file went missing
                    r.warnings.push_back(plural(e.seq - expected, "saved change") + " before " +
                                         millis_to_string(e.saved_at) + " are missing from the journal.");
            }
            r.entries.push_back(e);
            expected = e.seq + 1;
            after_damage = false;
        }
        if (s.damaged() && !r.damaged.empty() && r.damaged.back() == s.name) after_damage = true;
    }
    if (!gap) r.contiguous = r.entries.size();
    return r;
}

}  // namespace

Journal::Journal(Storage& storage, JournalOptions options) : storage_(storage), options_(options) {}

void Journal::set_aside(const std::string& name, Recovery& out) {
    std::string target = name + std::string(journal::kBadSuffix);
    if (storage_.read(target).ok()) {   // an older damaged copy is kept too: never overwrite one
        for (int n = 2;; ++n) {
            std::string candidate = name + "." + std::to_string(n) + std::string(journal::kBadSuffix);
            if (!storage_.read(candidate).ok()) { target = candidate; break; }
        }
    }
    if (storage_.rename(name, target).ok()) out.set_aside.push_back(target);
}

Recovery Journal::recover(const LoadCandidate& load) {
    Recovery out;
    auto listed = storage_.list();
    std::vector<std::string> names = listed.ok() ? listed.value() : std::vector<std::string>{};
    if (!listed.ok()) out.warnings.push_back("Could not list the stored files (" + listed.error().text() + ").");

    std::map<uint64_t, std::string> snapshot_files;   // generation -> name
    std::vector<ScannedSegment> segments;
    uint64_t max_generation = 0;
    uint64_t max_seq = 0;
    for (const std::string& name : names) {
        uint64_t n = 0;
        if (ends_with(name, ".tmp")) {
            storage_.remove(name);   // a write that never got renamed into place: never visible, never needed
        } else if (journal::parse_snapshot_name(name, n)) {
            snapshot_files[n] = name;
            max_generation = std::max(max_generation, n);
        } else if (journal::parse_segment_name(name, n) && n > 0) {
            ScannedSegment s;
            s.name = name;
            s.name_seq = n;
            auto bytes = storage_.read(name);
            if (bytes.ok()) {
                s.bytes = bytes.value().size();
                s.decoded = journal::decode_segment(bytes.value());
                if (s.decoded.header_ok && s.decoded.first_seq != n) {
                    s.decoded.complete = false;
                    s.decoded.entries.clear();
                    s.decoded.problem = "its header names another sequence number";
                }
            } else {
                s.decoded.problem = "unreadable: " + bytes.error().text();
            }
            // The last sequence number it holds (or promised to hold, if damaged): the next
            // append continues right after it, leaving no hole a later recovery would report.
            const uint64_t declared_last = s.decoded.declared_count > 0 ? n + s.decoded.declared_count - 1 : 0;
            max_seq = std::max({max_seq, declared_last, s.last_seq()});
            segments.push_back(std::move(s));
        }
    }
    std::sort(segments.begin(), segments.end(),
              [](const ScannedSegment& a, const ScannedSegment& b) { return a.name_seq < b.name_seq; });

    // Candidates, newest first; generation 0 stands for "no snapshot": an empty workspace.
    std::vector<uint64_t> candidates;
    for (auto it = snapshot_files.rbegin(); it != snapshot_files.rend(); ++it) candidates.push_back(it->first);
    candidates.push_back(0);

    std::vector<std::string> bad;
    bool loaded = false;
    Replay chosen;
    uint64_t covered_seq = 0;   // the last sequence number the snapshot being tried holds
    // Reads and checks generation `gen`'s frame, and points `payload` at its payload (read by the
    // loader as it decodes); "" when it cannot be used.
    auto open_snapshot = [&](uint64_t gen, SnapshotPayload& payload, size_t& file_bytes) -> std::string {
        const std::string& name = snapshot_files[gen];
        char head[journal::kSnapshotFrameBytes];
        auto read = storage_.read_part(name, 0, head, sizeof head);
        if (!read.ok()) return "unreadable: " + read.error().text();
        journal::SnapshotFrame frame =
            journal::decode_snapshot_frame(std::string_view(head, read.value().got), read.value().file_size);
        if (!frame.ok) return frame.problem;
        file_bytes = size_t(read.value().file_size);
        max_seq = std::max(max_seq, frame.header.last_seq);
        covered_seq = frame.header.last_seq;
        payload = SnapshotPayload(storage_, name, journal::kSnapshotFrameBytes, frame.payload_size, frame.payload_crc);
        return "";
    };
    for (uint64_t gen : candidates) {
        SnapshotPayload payload;
        size_t file_bytes = 0;
        covered_seq = 0;
        if (gen != 0 && !storage_.bytes_ready(snapshot_files[gen])) {
            // Only reached when every newer candidate failed. Nothing has been renamed, written
            // or committed yet (the files set aside are renamed after this loop): the caller
            // fetches the bytes and recovers again, and that run decides as if they had been here.
            Recovery wait;
            wait.needs_bytes = snapshot_files[gen];
            return wait;
        }
        if (gen != 0) {
            const std::string& name = snapshot_files[gen];
            const std::string problem = open_snapshot(gen, payload, file_bytes);
            if (!problem.empty()) {
                out.warnings.push_back(damaged_snapshot(name, problem));
                bad.push_back(name);
                continue;
            }
        }
        const uint64_t covered = covered_seq;
        Replay replay = plan_replay(segments, covered);
        // The loader reads the payload as it decodes and must refuse it if finish() fails; a
        // successful load whose bytes turn out damaged is refused here all the same.
        auto load_checked = [&](const std::vector<Entry>& entries) -> Status {
            Status loaded = load(payload, entries);
            if (loaded.ok() && gen != 0) {
                const std::string problem = payload.finish();
                if (!problem.empty()) return field_error(snapshot_files[gen], problem);
            }
            return loaded;
        };
        Status st = load_checked(replay.entries);
        if (!st.ok() && replay.contiguous < replay.entries.size() && payload.finish().empty()) {
            std::vector<Entry> prefix(replay.entries.begin(), replay.entries.begin() + long(replay.contiguous));
            const size_t dropped = replay.entries.size() - replay.contiguous;
            // The bytes are read again from the file (they passed a moment ago); if they no longer
            // read, the candidate keeps its failure: loading the prefix without its snapshot would
            // be a workspace missing everything the snapshot held.
            payload.rewind();
            st = load_checked(prefix);
            if (st.ok()) {
                replay.warnings.push_back(plural(dropped, "later change") +
                                          " could not be applied after the missing ones and were dropped.");
                replay.entries = std::move(prefix);
            }
        }
        if (!st.ok()) {
            if (gen != 0) {
                const std::string& name = snapshot_files[gen];
                // A file that does not read whole or fails its checksum is damaged, whatever its
                // decode said; one that is intact but does not load is refused as such.
                const std::string problem = payload.finish();
                out.warnings.push_back(
                    !problem.empty() ? damaged_snapshot(name, problem)
                                     : "The saved snapshot " + name + " could not be loaded (" + st.error().text() +
                                           "); it is kept as " + name + std::string(journal::kBadSuffix) +
                                           " and an older save is used.");
                bad.push_back(name);
            } else {
                out.warnings.push_back("The saved changes could not be loaded (" + st.error().text() + ").");
            }
            continue;
        }
        loaded = true;
        out.loaded_snapshot = gen != 0;
        out.snapshot_generation = gen;
        out.entries_replayed = replay.entries.size();
        newest_generation_ = gen;
        newest_snapshot_seq_ = covered;
        newest_snapshot_bytes_ = file_bytes;
        chosen = std::move(replay);
        break;
    }
    if (!loaded) {
        // Every candidate failed: start empty, keep every file (set aside below) for export.
        SnapshotPayload none;
        load(none, {});
        out.warnings.push_back("Nothing saved could be recovered; the workspace starts empty. "
                               "The stored files are kept aside for export.");
        for (const ScannedSegment& s : segments) chosen.damaged.push_back(s.name);
    }
    out.warnings.insert(out.warnings.end(), chosen.warnings.begin(), chosen.warnings.end());
    bad.insert(bad.end(), chosen.damaged.begin(), chosen.damaged.end());
    for (const std::string& name : bad) set_aside(name, out);

    // The live files from here on: every snapshot and segment not set aside.
    auto is_bad = [&](const std::string& name) { return std::find(bad.begin(), bad.end(), name) != bad.end(); };
    for (const auto& [gen, name] : snapshot_files)
        if (!is_bad(name)) snapshots_[gen] = name;
    for (const ScannedSegment& s : segments)
        if (!is_bad(s.name)) segments_[s.name_seq] = SegmentInfo{s.name, s.name_seq, s.last_seq(), s.bytes};
    next_seq_ = max_seq + 1;
    next_generation_ = max_generation + 1;
    // After damage, write the recovered state as a snapshot of its own: it no longer depends on
    // files that were set aside.
    compaction_requested_ = !out.warnings.empty() && loaded;
    if (!out.set_aside.empty()) last_commit_ticket_ = storage_.commit();
    return out;
}

void Journal::append(std::string payload, Millis now) {
    if (buffer_.empty()) first_buffered_at_ = now;
    buffer_.push_back(Entry{next_seq_++, now, std::move(payload)});
}

bool Journal::needs_flush(Millis now) const {
    if (buffer_.empty()) return false;
    if (!write_error_.empty()) return now - last_failed_at_ >= options_.retry_delay_ms;
    return now - first_buffered_at_ >= options_.flush_delay_ms;
}

Status Journal::flush(Millis now) {
    if (buffer_.empty()) return ok_status();
    const std::string bytes = journal::encode_segment(buffer_);
    const uint64_t first = buffer_.front().seq;
    const std::string name = journal::segment_name(first);
    Status st = storage_.write_atomic(name, bytes);
    if (!st.ok()) {
        write_error_ = st.error().text();
        last_failed_at_ = now;
        return st;
    }
    segments_[first] = SegmentInfo{name, first, buffer_.back().seq, bytes.size()};
    buffer_.clear();
    write_error_.clear();
    last_commit_ticket_ = storage_.commit();
    return ok_status();
}

uint64_t Journal::journal_bytes() const {
    uint64_t total = 0;
    for (const auto& [first, s] : segments_)
        if (s.last_seq > newest_snapshot_seq_) total += s.bytes;
    return total;
}

bool Journal::wants_compaction() const {
    if (compaction_requested_) return true;
    size_t count = 0;
    for (const auto& [first, s] : segments_)
        if (s.last_seq > newest_snapshot_seq_) ++count;
    // A snapshot rewrite costs the whole workspace: wait for enough journal that, spread over the
    // flushes since the last one, it costs at most snapshot_bytes_per_segment per flush (and the
    // journal is at least an eighth of the snapshot). A small workspace compacts at the fixed marks.
    const size_t segments_due = std::max<size_t>(options_.compact_after_segments,
                                                 size_t(newest_snapshot_bytes_ / std::max<uint64_t>(1, options_.snapshot_bytes_per_segment)));
    const uint64_t bytes_due = std::max<uint64_t>(options_.compact_after_bytes, newest_snapshot_bytes_ / 8);
    return count >= segments_due || journal_bytes() >= bytes_due;
}

Status Journal::compact(std::string_view payload, Millis now) {
    return compact_framed(journal::with_frame_room(payload), journal::crc32(payload), now);
}

Status Journal::compact_framed(std::string file, uint32_t payload_crc, Millis now) {
    Status flushed = flush(now);
    if (!flushed.ok()) return flushed;
    const uint64_t gen = next_generation_;
    const std::string name = journal::snapshot_name(gen);
    journal::frame_snapshot(file, {gen, last_seq(), now}, payload_crc);
    Status st = storage_.write_atomic(name, file);
    if (!st.ok()) {
        write_error_ = st.error().text();
        last_failed_at_ = now;
        return st;
    }
    ++next_generation_;
    const uint64_t previous_generation = newest_generation_;
    const uint64_t previous_seq = newest_snapshot_seq_;
    snapshots_[gen] = name;
    newest_snapshot_bytes_ = file.size();
    newest_generation_ = gen;
    newest_snapshot_seq_ = last_seq();
    // Keep the previous generation and every segment after it: if the new snapshot turns out
    // damaged, recovery falls back to the previous one and replays them, losing nothing.
    if (previous_generation != 0) forget_files_older_than(previous_generation, previous_seq);
    compaction_requested_ = false;
    last_commit_ticket_ = storage_.commit();
    return ok_status();
}

void Journal::forget_files_older_than(uint64_t keep_generation, uint64_t keep_after_seq) {
    for (auto it = snapshots_.begin(); it != snapshots_.end();) {
        if (it->first >= keep_generation) break;
        storage_.remove(it->second);
        it = snapshots_.erase(it);
    }
    for (auto it = segments_.begin(); it != segments_.end();) {
        if (it->second.last_seq <= keep_after_seq) {
            storage_.remove(it->second.name);
            it = segments_.erase(it);
        } else {
            ++it;
        }
    }
}

SaveStatus Journal::status() const {
    if (!write_error_.empty())
        return {SaveState::Error, "Not saved: " + write_error_ + ". Retrying; export a backup to be safe.", false};
    const bool committed = storage_.durable_ticket() >= last_commit_ticket_;
    const std::string commit_error = storage_.commit_error();
    if (!committed && !commit_error.empty()) {
        if (storage_.quota_exceeded())
            return {SaveState::Error,
                    "Storage full: changes are kept in this tab only. Export a backup, then free disk space.", true};
        return {SaveState::Error, "Not saved: " + commit_error + ". Retrying; export a backup to be safe.", false};
    }
    if (!buffer_.empty()) return {SaveState::Unsaved, "Saving...", false};
    if (!committed) return {SaveState::Saving, "Saving...", false};
    return {SaveState::Saved, "Saved", false};
}

}  // namespace dd
