// Persistence benchmark (docs/storage.md, docs/benchmarks.md "Persistence"): what an edit costs
// in bytes sent to storage and in time, what a snapshot costs, and how long a start-up replay
// takes, at 1,000 and 100,000 deals. Prints figures; asserts nothing.
//
// The storage here counts what IDBFS would send to IndexedDB: on each commit, every file written
// since the previous commit, whole. An edit = one UpdateDeal through the Store, journaled and
// flushed on its own (the worst case: one segment per edit); compaction runs when the journal asks,
// as the app does when idle, and its snapshot is counted in the edits' amortized cost.
//
//   bench_persist [deal counts...]      default: 1000 100000
#include "core/json_io.h"
#include "core/persist_replay.h"
#include "core/persist_workspace.h"
#include "core/sample_data.h"
#include "core/snapshot_binary.h"
#include "core/store.h"

#include <ctime>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

constexpr dd::Millis kNow = 1'790'000'000'000;

void figure(const char* name, size_t deals, double value, const char* unit) {
    std::printf("persist %-26s deals=%-7zu %14.3f  %s\n", name, deals, value, unit);
}

// Files in memory; commit() sends every file written since the previous commit, whole (IDBFS).
class CountingStorage final : public dd::Storage {
public:
    dd::Result<std::vector<std::string>> list() override {
        std::vector<std::string> names;
        for (const auto& [n, b] : files_) names.push_back(n);
        return names;
    }
    dd::Result<std::string> read(const std::string& name) override {
        auto it = files_.find(name);
        if (it == files_.end()) return dd::field_error(name, "no such file");
        return it->second;
    }
    dd::Result<Part> read_part(const std::string& name, uint64_t offset, char* out, size_t n) override {
        auto it = files_.find(name);
        if (it == files_.end()) return dd::field_error(name, "no such file");
        return dd::part_of(it->second, offset, out, n);
    }
    dd::Status write_atomic(const std::string& name, std::string_view bytes) override {
        files_[name] = std::string(bytes);
        dirty_.insert(name);
        return dd::ok_status();
    }
    dd::Status rename(const std::string& from, const std::string& to) override {
        auto it = files_.find(from);
        if (it == files_.end()) return dd::field_error(from, "no such file");
        files_[to] = std::move(it->second);
        files_.erase(from);
        dirty_.erase(from);
        dirty_.insert(to);
        return dd::ok_status();
    }
    dd::Status remove(const std::string& name) override {
        files_.erase(name);
        dirty_.erase(name);
        return dd::ok_status();
    }
    uint64_t commit() override {
        for (const std::string& n : dirty_) bytes_ += files_[n].size();
        dirty_.clear();
        return ++ticket_;
    }
    uint64_t durable_ticket() const override { return ticket_; }
    std::string commit_error() const override { return {}; }

    uint64_t bytes_committed() const { return bytes_; }
    size_t file_count() const { return files_.size(); }

private:
    std::map<std::string, std::string> files_;
    std::set<std::string> dirty_;
    uint64_t bytes_ = 0;
    uint64_t ticket_ = 0;
};

int run(size_t deal_count) {
    dd::Workspace ws = dd::make_sample_workspace(42, deal_count, kNow);
    dd::Store store;
    if (dd::Status st = store.load(ws); !st) {
        std::printf("Store::load refused the sample: %s\n", st.error().text().c_str());
        return 1;
    }

    // Snapshot: serialize + frame + write (what save_all / compact cost).
    CountingStorage storage;
    dd::WorkspacePersistence persist(storage);
    auto t0 = Clock::now();
    if (!persist.save_all(store.workspace(), kNow)) return 1;
    const double snapshot_ms = ms_since(t0);
    const double snapshot_bytes = double(storage.bytes_committed());
    figure("snapshot_mb", deal_count, snapshot_bytes / 1e6, "MB per snapshot file");
    figure("snapshot_bytes_per_deal", deal_count, snapshot_bytes / double(deal_count), "bytes of snapshot per deal (all records / deals)");
    figure("snapshot_write_ms", deal_count, snapshot_ms, "ms to write a snapshot (serialize + frame + store)");

    // Edits: each a rename through the Store, journaled, flushed as its own segment.
    dd::CommandContext ctx;
    ctx.actor = store.workspace().team[0].meta.id;   // the admin
    const size_t edits = deal_count >= 50'000 ? 8000 : 2000;
    std::vector<dd::Id> ids;
    for (size_t i = 0; i < edits; ++i) ids.push_back(store.workspace().deals[(i * 7919) % deal_count].meta.id);
    const uint64_t bytes_before = storage.bytes_committed();
    double edit_ms = 0, compact_ms = 0;
    uint64_t compact_bytes = 0;
    size_t compactions = 0;
    for (size_t i = 0; i < edits; ++i) {
        ctx.now = kNow + dd::Millis(i) * 1000;
        dd::UpdateDeal u;
        u.deal = ids[i];
        u.patch.title = "Renamed deal " + std::to_string(i);
        t0 = Clock::now();
        dd::Result<dd::Applied> r = store.apply(u, ctx);
        if (!r) { std::printf("edit refused: %s\n", r.error().text().c_str()); return 1; }
        persist.on_applied(store, r.value().changes, ctx.now);
        if (!persist.flush(ctx.now)) return 1;
        edit_ms += ms_since(t0);
        if (persist.wants_compaction()) {
            t0 = Clock::now();
            const uint64_t b = storage.bytes_committed();
            if (!persist.compact(store.workspace(), ctx.now)) return 1;
            compact_ms += ms_since(t0);
            compact_bytes += storage.bytes_committed() - b;
            ++compactions;
        }
    }
    const double edit_bytes = double(storage.bytes_committed() - bytes_before);
    figure("edits", deal_count, double(edits), "edits, each flushed on its own");
    figure("compactions", deal_count, double(compactions), "snapshots rewritten during those edits");
    figure("segment_bytes_per_edit", deal_count, (edit_bytes - double(compact_bytes)) / double(edits), "bytes written per edit: its journal segment");
    figure("bytes_per_edit", deal_count, edit_bytes / double(edits), "bytes written per edit, snapshots amortized");
    figure("edit_us", deal_count, edit_ms * 1000.0 / double(edits), "us per edit (apply + journal + flush)");
    figure("edit_us_amortized", deal_count, (edit_ms + compact_ms) * 1000.0 / double(edits), "us per edit with compactions amortized");
    figure("files_stored", deal_count, double(storage.file_count()), "files after the edits");

    // Replay: a snapshot then a full journal's worth of edits, reopened (start-up recovery).
    CountingStorage replay_storage;
    dd::JournalOptions no_compaction;
    no_compaction.compact_after_segments = SIZE_MAX;
    no_compaction.compact_after_bytes = UINT64_MAX;
    dd::WorkspacePersistence writer(replay_storage, no_compaction);
    if (!writer.save_all(store.workspace(), kNow)) return 1;
    const size_t replayed_edits = 4000;
    std::vector<std::string> records;
    for (size_t i = 0; i < replayed_edits; ++i) {
        ctx.now = kNow + dd::Millis(edits + i) * 1000;
        dd::UpdateDeal u;
        u.deal = ids[i % ids.size()];
        u.patch.title = "Replayed " + std::to_string(i);
        dd::Result<dd::Applied> r = store.apply(u, ctx);
        if (!r) return 1;
        writer.on_applied(store, r.value().changes, ctx.now);
        if (!writer.flush(ctx.now)) return 1;
        for (const dd::RecordRef& ref : r.value().changes.upserted)
            records.push_back(dd::record_to_json(store.workspace(), ref.kind, ref.id));
    }
    dd::WorkspacePersistence reader(replay_storage, no_compaction);
    t0 = Clock::now();
    dd::OpenedWorkspace opened = reader.open();
    const double open_ms = ms_since(t0);
    if (!opened.found || !opened.recovery.warnings.empty()) {
        std::printf("reopen failed: %s\n", opened.recovery.warnings.empty() ? "nothing found" : opened.recovery.warnings[0].c_str());
        return 1;
    }
    figure("open_ms", deal_count, open_ms, "ms to recover: load snapshot + replay 4,000 edits + check");

    // Cold start's parts with a fresh snapshot (no journal): decode the binary snapshot (with its
    // checksum and the workspace check), the same through the old JSON snapshot, then the store.
    const std::string binary = dd::save_workspace_binary(store.workspace());
    const std::string json = dd::save_workspace_json(store.workspace());
    t0 = Clock::now();
    dd::Result<dd::Workspace> decoded = dd::load_workspace_binary(binary);
    const double decode_ms = ms_since(t0);
    if (!decoded) { std::printf("binary decode failed: %s\n", decoded.error().text().c_str()); return 1; }
    t0 = Clock::now();
    dd::Result<dd::Workspace> parsed = dd::load_workspace_json(json);
    const double json_ms = ms_since(t0);
    if (!parsed) return 1;
    dd::Store cold;
    t0 = Clock::now();
    if (!cold.load(std::move(decoded.value()))) return 1;
    const double store_ms = ms_since(t0);
    figure("binary_snapshot_mb", deal_count, double(binary.size()) / 1e6, "MB of binary workspace");
    figure("json_snapshot_mb", deal_count, double(json.size()) / 1e6, "MB of the same as JSON (the old snapshot)");
    figure("binary_load_ms", deal_count, decode_ms, "ms to load the binary snapshot (checksum + decode + check)");
    figure("json_load_ms", deal_count, json_ms, "ms to load the JSON one (parse + check), for comparison");
    figure("store_load_ms", deal_count, store_ms, "ms for Store::load of the decoded workspace");

    // What the history lines cost a cold start (docs/storage.md, "Not done yet": the history in a
    // file of its own, read after the first frame). CPU time (std::clock): comparable on a loaded
    // machine. The same snapshot encoded without its history, decoded and loaded the same way.
    dd::Workspace slim_ws = store.workspace();
    slim_ws.history = decltype(slim_ws.history){};
    const std::string slim = dd::save_workspace_binary(slim_ws);
    const auto cpu_ms = [](std::clock_t c0) { return 1000.0 * double(std::clock() - c0) / CLOCKS_PER_SEC; };
    std::clock_t c0 = std::clock();
    dd::Result<dd::Workspace> full_again = dd::load_workspace_binary(binary);
    const double full_decode_cpu = cpu_ms(c0);
    c0 = std::clock();
    dd::Result<dd::Workspace> slim_decoded = dd::load_workspace_binary(slim);
    const double slim_decode_cpu = cpu_ms(c0);
    if (!full_again || !slim_decoded) return 1;
    dd::Store full_store, slim_store;
    c0 = std::clock();
    if (!full_store.load(std::move(full_again.value()))) return 1;
    const double full_store_cpu = cpu_ms(c0);
    c0 = std::clock();
    if (!slim_store.load(std::move(slim_decoded.value()))) return 1;
    const double slim_store_cpu = cpu_ms(c0);
    figure("history_lines", deal_count, double(store.workspace().history.size()), "history lines (DealChange) in the workspace");
    figure("history_share_pct", deal_count, 100.0 * double(binary.size() - slim.size()) / double(binary.size()),
           "% of the binary snapshot's bytes that are history lines");
    figure("binary_load_cpu_ms", deal_count, full_decode_cpu, "CPU ms to load the binary snapshot (checksum + decode + check)");
    figure("binary_load_nohist_cpu_ms", deal_count, slim_decode_cpu, "CPU ms for the same without its history lines");
    figure("store_load_cpu_ms", deal_count, full_store_cpu, "CPU ms for Store::load of the decoded workspace");
    figure("store_load_nohist_cpu_ms", deal_count, slim_store_cpu, "CPU ms for Store::load without the history lines");

    // The replay alone, batched with the id index vs one apply_record_json (linear search) each.
    dd::Workspace base = dd::make_sample_workspace(42, deal_count, kNow);
    dd::Workspace batched = base;
    t0 = Clock::now();
    dd::RecordReplay replay(batched);
    for (const std::string& r : records)
        if (!replay.apply(r)) return 1;
    replay.finish();
    const double batch_ms = ms_since(t0);
    figure("replay_records", deal_count, double(records.size()), "records in 4,000 edits");
    figure("replay_batch_ms", deal_count, batch_ms, "ms to replay them with the id index (RecordReplay)");
    if (deal_count <= 20'000) {   // quadratic: 38 s at 100,000 deals, measured once (docs/benchmarks.md)
        dd::Workspace linear = base;
        t0 = Clock::now();
        for (const std::string& r : records)
            if (!dd::apply_record_json(linear, r)) return 1;
        figure("replay_linear_ms", deal_count, ms_since(t0), "ms with apply_record_json one by one (linear search)");
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<size_t> counts;
    for (int i = 1; i < argc; ++i) counts.push_back(size_t(std::strtoull(argv[i], nullptr, 10)));
    if (counts.empty()) counts = {1000, 100000};
    for (size_t n : counts)
        if (int rc = run(n); rc != 0) return rc;
    return 0;
}
