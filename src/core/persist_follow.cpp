#include "core/persist_follow.h"

#include "core/journal_format.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace dd {

FollowPosition follow_position(const WorkspacePersistence& reader, const OpenedWorkspace& opened) {
    FollowPosition pos;
    pos.valid = opened.recovery.warnings.empty() && opened.recovery.set_aside.empty();
    pos.generation = opened.recovery.snapshot_generation;
    pos.last_seq = reader.journal().last_seq();
    return pos;
}

FollowResult follow_journal_tail(Storage& storage, FollowPosition& pos, Workspace& ws) {
    if (!pos.valid) return FollowResult::FullReload;
    auto listed = storage.list();
    if (!listed.ok()) return FollowResult::FullReload;
    uint64_t newest_generation = 0;
    std::vector<std::pair<uint64_t, std::string>> tail;   // first seq, name
    for (const std::string& name : listed.value()) {
        uint64_t n = 0;
        if (journal::parse_snapshot_name(name, n)) newest_generation = std::max(newest_generation, n);
        else if (journal::parse_segment_name(name, n) && n > pos.last_seq) tail.emplace_back(n, name);
    }
    // A compaction since: the segments before the new snapshot may be gone; start over from it.
    if (newest_generation != pos.generation) return FollowResult::FullReload;
    if (tail.empty()) return FollowResult::Unchanged;
    std::sort(tail.begin(), tail.end());

    std::vector<journal::Entry> entries;
    uint64_t expected = pos.last_seq + 1;
    for (const auto& [first, name] : tail) {
        auto bytes = storage.read(name);
        if (!bytes.ok() || first != expected) return FollowResult::FullReload;   // unreadable, or a gap
        journal::DecodedSegment seg = journal::decode_segment(bytes.value());
        if (!seg.complete || seg.first_seq != first || seg.entries.empty()) return FollowResult::FullReload;
        expected = seg.entries.back().seq + 1;
        for (journal::Entry& e : seg.entries) entries.push_back(std::move(e));
    }
    std::vector<std::string> warnings;
    if (!replay_entries(ws, entries, warnings)) return FollowResult::FullReload;
    pos.last_seq = expected - 1;
    return FollowResult::Applied;
}

}  // namespace dd
