// Shared by the persistence tests (test_persist_workspace.cpp, test_persist_follow.cpp): a sample
// workspace saved by a writer on an in-memory storage, the edits the tests journal, and one
// comparison of workspaces that ignores the order of records.
#pragma once
#include "core/json_io.h"
#include "core/persist_workspace.h"
#include "core/sample_data.h"
#include "core/storage_memory.h"
#include "core/store.h"

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <utility>

namespace dd::test {

constexpr Millis kPersistNow = 1'790'000'000'000;   // 2026-09-21

// Every record of the workspace by kind and id, as JSON: equal maps = equal workspaces, whatever
// the order of the vectors (replay appends new records at the end).
inline std::map<std::pair<int, Id>, std::string> records_of(const Workspace& ws) {
    std::map<std::pair<int, Id>, std::string> out;
    auto add = [&](const auto& v, RecordKind kind) {
        for (const auto& r : v) out[{int(kind), r.meta.id}] = record_to_json(r);
    };
    add(ws.pipelines, RecordKind::Pipeline);
    add(ws.deals, RecordKind::Deal);
    add(ws.contacts, RecordKind::Contact);
    add(ws.companies, RecordKind::Company);
    add(ws.team, RecordKind::TeamMember);
    add(ws.activities, RecordKind::Activity);
    add(ws.notes, RecordKind::Note);
    add(ws.history, RecordKind::DealChange);
    add(ws.custom_fields, RecordKind::CustomField);
    add(ws.lost_reasons, RecordKind::LostReason);
    out[{int(RecordKind::Settings), 0}] = record_to_json(ws.settings);
    for (const Tombstone& t : ws.tombstones) out[{100 + int(t.kind), t.id}] = tombstone_to_json(t);
    return out;
}

// A command's effect done by hand, the way the store reports it: change a deal's title.
inline ChangeSet rename_deal(Workspace& ws, size_t index, const std::string& title, Millis now) {
    Deal& d = ws.deals[index];
    d.title = title;
    d.meta.revision += 1;
    d.meta.updated_at = now;
    ChangeSet c;
    c.upserted.push_back(RecordRef{RecordKind::Deal, d.meta.id});
    return c;
}

// A sample workspace saved as snapshot generation 1 by a writer that opened an empty storage:
// where every persistence test starts. `ws` is the writer's idea of the workspace; tests change
// it through rename() and the like, and compare what a reopen recovers with it.
struct SavedWorkspace {
    MemoryStorage storage;
    Workspace ws;
    WorkspacePersistence writer;

    SavedWorkspace(uint64_t seed, size_t deals, JournalOptions options = {})
        : ws(make_sample_workspace(seed, deals, kPersistNow)), writer(storage, options) {
        writer.open();
        REQUIRE(writer.save_all(ws, kPersistNow).ok());
    }

    // One deal renamed at `at` and journaled (buffered until flush() or a compaction).
    void rename(size_t index, const std::string& title, Millis at) {
        writer.on_applied(ws, rename_deal(ws, index, title, at), at);
    }
    // The same, written at once as its own journal segment.
    void rename_flushed(size_t index, const std::string& title, Millis at) {
        rename(index, title, at);
        REQUIRE(writer.flush(at).ok());
    }

    // Recovery by a new WorkspacePersistence on the same files, as at the next start.
    OpenedWorkspace reopen(JournalOptions options = {}) {
        WorkspacePersistence again(storage, options);
        return again.open();
    }
};

}  // namespace dd::test
