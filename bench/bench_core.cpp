// Core benchmarks: snapshot save/load, stage moves + undo, memory per deal, with 100,000 and
// 1,000,000 deals. Prints human-readable lines and "figure <name> <deals> <value>" lines that
// scripts/bench.sh turns into docs/benchmarks.md. Runs native and as WASM under Node.
//   bench_core [deal counts...]     (default: 100000 1000000)
//   bench_core --snapshot [counts]  only the snapshot save/load (for perf stat / callgrind)
#include "core/json_io.h"
#include "core/sample_data.h"
#include "core/store.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <limits>
#include <new>
#include <string>
#include <vector>

#if defined(__EMSCRIPTEN__)
#include <emscripten.h>
#endif
#if defined(__GLIBC__)
#include <malloc.h>
#endif

// ---- a counting allocator: live heap bytes, for the memory figures ------------------------------
// The one global of the program: operator new cannot be given state any other way.
namespace {
size_t g_live_bytes = 0;
}
void* operator new(size_t size) {
    // A header in front of each block remembers its size for operator delete.
    void* block = std::malloc(size + 16);
    if (!block) std::abort();
    *static_cast<size_t*>(block) = size;
    g_live_bytes += size;
    return static_cast<char*>(block) + 16;
}
void operator delete(void* p) noexcept {
    if (!p) return;
    char* block = static_cast<char*>(p) - 16;
    g_live_bytes -= *reinterpret_cast<size_t*>(block);
    std::free(block);
}
void operator delete(void* p, size_t) noexcept { operator delete(p); }
void* operator new[](size_t size) { return operator new(size); }
void operator delete[](void* p) noexcept { operator delete(p); }
void operator delete[](void* p, size_t) noexcept { operator delete(p); }

namespace {

using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

constexpr dd::Millis kNow = 1'773'576'000'000;  // 2026-03-15T12:00:00Z: fixed, so runs are comparable
constexpr size_t kMoves = 100'000;

void figure(const char* name, size_t deals, double value, const char* unit) {
    std::printf("  %-34s %12.2f %s\n", name, value, unit);
    std::printf("figure %s %zu %.2f\n", name, deals, value);
}

// "AMD EPYC 7B13, 2 cores" from /proc/cpuinfo (readable from Node too, through NODERAWFS).
std::string machine() {
    std::ifstream in("/proc/cpuinfo");
    std::string line, model = "unknown cpu";
    int cores = 0;
    while (std::getline(in, line)) {
        if (line.rfind("model name", 0) == 0 && model == "unknown cpu") model = line.substr(line.find(':') + 2);
        if (line.rfind("processor", 0) == 0) ++cores;
    }
    return model + ", " + std::to_string(cores) + " cores";
}

std::string compiler() {
#if defined(__EMSCRIPTEN__)
    return "em++ (Emscripten " + std::to_string(__EMSCRIPTEN_major__) + "." + std::to_string(__EMSCRIPTEN_minor__) +
           "." + std::to_string(__EMSCRIPTEN_tiny__) + ", clang " + __clang_version__ + ")";
#elif defined(__clang__)
    return std::string("clang ") + __clang_version__;
#else
    return std::string("g++ ") + __VERSION__;
#endif
}

// Heap bytes of a string beyond the object itself (0 while it fits in the small-string buffer).
size_t heap_of(const std::string& s) {
    const std::string empty;
    return s.capacity() > empty.capacity() ? s.capacity() + 1 : 0;
}
size_t heap_of(const dd::CompactString& s) { return s.heap_bytes(); }

size_t string_heap(const dd::Deal& d) {
    size_t n = heap_of(d.title) + heap_of(d.lost_reason_text) + heap_of(d.external_ref) + heap_of(d.description) +
               heap_of(d.source);
    for (const dd::CustomValue& v : d.custom) n += heap_of(v.text);
    return n;
}

// CPU time of this process in ms. Native: std::clock (user + system time of the process).
// Under Node, Emscripten's std::clock follows the wall clock, which on a shared machine counts
// the time spent waiting for a core; process.cpuUsage() is the process's user + system time, as
// natively (it also counts Node's own helper threads: garbage collector, compiler).
#if defined(__EMSCRIPTEN__)
EM_JS(double, node_cpu_ms, (), {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
});
double cpu_ms_now() { return node_cpu_ms(); }
constexpr const char* kCpuClock = "process.cpuUsage() (user + system, Node)";
#else
double cpu_ms_now() { return 1000.0 * double(std::clock()) / CLOCKS_PER_SEC; }
constexpr const char* kCpuClock = "std::clock (user + system)";
#endif

// Wall time and CPU time of one step. The machine is shared: wall time includes the time spent
// waiting for a core, CPU time does not, so the targets are judged on CPU time.
struct Timing { double wall_ms = 0, cpu_ms = 0; };
struct Stopwatch {
    Clock::time_point wall0 = Clock::now();
    double cpu0 = cpu_ms_now();
    Timing stop() const { return Timing{ms_since(wall0), cpu_ms_now() - cpu0}; }
};
// The median; of an even count the lower middle (of two runs the faster: the first save of a
// process pays for fresh memory, printed apart).
Timing median(std::vector<Timing> t) {
    Timing m;
    std::sort(t.begin(), t.end(), [](const Timing& a, const Timing& b) { return a.wall_ms < b.wall_ms; });
    m.wall_ms = t[(t.size() - 1) / 2].wall_ms;
    std::sort(t.begin(), t.end(), [](const Timing& a, const Timing& b) { return a.cpu_ms < b.cpu_ms; });
    m.cpu_ms = t[(t.size() - 1) / 2].cpu_ms;
    return m;
}

// Saves `runs` times into `text`. The previous text is freed before each timed save, so the
// peak is one text, not two (1,000,000 deals: 1.5 GB each, in a 4 GB WASM heap). `first` is the
// first save of the process: its buffer is memory the process never touched before.
Timing time_saves(const dd::Workspace& ws, int runs, std::string& text, Timing& first) {
    std::vector<Timing> t;
    for (int i = 0; i < runs; ++i) {
        std::string().swap(text);
        const Stopwatch watch;
        text = dd::save_workspace_json(ws);
        t.push_back(watch.stop());
    }
    first = t.front();
    return median(t);
}

// load_workspace_json `runs` times; each loaded workspace is freed outside the timed part (freeing
// is not loading). Returns false (after saying why) if the text is refused.
bool time_loads(const std::string& text, int runs, Timing& out) {
    std::vector<Timing> t;
    for (int i = 0; i < runs; ++i) {
        const Stopwatch watch;
        dd::Result<dd::Workspace> r = dd::load_workspace_json(text);
        t.push_back(watch.stop());
        if (!r) { std::printf("load refused: %s\n", r.error().text().c_str()); return false; }
    }
    out = median(t);
    return true;
}

// save_ms / save_cpu_ms / save_mb_per_s (on CPU time), and the same for load.
void snapshot_figures(const char* step, size_t deals, const Timing& t, size_t bytes) {
    const std::string name(step);
    figure((name + "_ms").c_str(), deals, t.wall_ms, "ms wall");
    figure((name + "_cpu_ms").c_str(), deals, t.cpu_ms, "ms CPU");
    figure((name + "_mb_per_s").c_str(), deals, double(bytes) / 1e3 / t.cpu_ms, "MB/s of JSON per CPU second");
}

// The open stages of the deal's pipeline other than its own, for the moves.
dd::Id other_open_stage(const dd::Workspace& ws, const dd::Deal& d, size_t k) {
    for (const dd::Pipeline& p : ws.pipelines) {
        if (p.meta.id != d.pipeline) continue;
        const size_t open = p.stages.size() - 2;
        for (size_t step = 0; step < open; ++step) {
            const dd::Stage& s = p.stages[(k + step) % open];
            if (s.id != d.stage) return s.id;
        }
    }
    return d.stage;
}

// Bytes of the snapshot per record kind, per deal: each array from its "\n\"name\":[" to the next.
void snapshot_bytes_by_kind(const std::string& text, size_t deal_count) {
    static const char* const kArrays[] = {"team", "pipelines", "lost_reasons", "custom_fields", "companies",
                                          "contacts", "deals", "activities", "notes", "history", "tombstones"};
    std::vector<std::pair<size_t, const char*>> starts;
    for (const char* name : kArrays) {
        const size_t at = text.find("\n\"" + std::string(name) + "\":[");
        if (at != std::string::npos) starts.emplace_back(at, name);
    }
    std::sort(starts.begin(), starts.end());
    for (size_t i = 0; i < starts.size(); ++i) {
        const size_t end = i + 1 < starts.size() ? starts[i + 1].first : text.size();
        const double per_deal = double(end - starts[i].first) / double(deal_count);
        if (per_deal < 1.0) continue;
        const std::string name = std::string("snapshot_bytes_") + starts[i].second;
        figure(name.c_str(), deal_count, per_deal, "bytes/deal of the snapshot");
    }
}

// Save and load only, each `runs` times: the figures of the JSON format alone.
int run_snapshot(size_t deal_count, int runs) {
    const dd::Workspace ws = dd::make_sample_workspace(20260315, deal_count, kNow);
    std::string text;
    Timing first_save;
    const Timing save = time_saves(ws, runs, text, first_save);
    snapshot_figures("save", deal_count, save, text.size());
    figure("save_first_cpu_ms", deal_count, first_save.cpu_ms, "ms CPU (the first save: fresh memory)");
    figure("snapshot_mb", deal_count, double(text.size()) / 1e6, "MB of JSON");
    figure("snapshot_bytes_per_deal", deal_count, double(text.size()) / double(deal_count), "bytes/deal (all records)");
    snapshot_bytes_by_kind(text, deal_count);
    Timing load;
    if (!time_loads(text, runs, load)) return 1;
    snapshot_figures("load", deal_count, load, text.size());
    std::vector<Timing> checks;
    dd::Status checked = dd::ok_status();
    for (int i = 0; i < runs; ++i) {
        const Stopwatch watch;
        checked = dd::check_workspace(ws);
        checks.push_back(watch.stop());
    }
    figure("check_cpu_ms", deal_count, median(checks).cpu_ms, "ms CPU (check_workspace alone, part of load)");
    return checked ? 0 : 1;
}

int run(size_t deal_count) {
    std::printf("\n== %zu deals ==\n", deal_count);
    // Fewer runs for the large counts: 1,000,000 deals take minutes of CPU in WASM.
    const int runs = deal_count <= 200'000 ? 5 : 2;
    const int open_runs = deal_count <= 200'000 ? 3 : 1;

    auto t0 = Clock::now();
    const size_t heap_before_sample = g_live_bytes;
    dd::Workspace ws = dd::make_sample_workspace(20260315, deal_count, kNow);
    figure("generate_ms", deal_count, ms_since(t0), "ms (make_sample_workspace)");
    figure("workspace_heap_mb", deal_count, double(g_live_bytes - heap_before_sample) / 1e6, "MB (whole sample workspace)");

    // Memory per deal: the record itself and its vectors, without the characters of its strings.
    size_t vectors = 0, strings = 0;
    for (const dd::Deal& d : ws.deals) {
        vectors += d.contacts.heap_bytes() + d.custom.heap_bytes();   // their heap blocks (none while inline or empty)
        strings += string_heap(d);
    }
    const double deal_record = double(ws.deals.capacity() * sizeof(dd::Deal) + vectors) / double(deal_count);
    std::printf("  sizeof(Deal) = %zu bytes\n", sizeof(dd::Deal));
    figure("deal_record_bytes", deal_count, deal_record, "bytes/deal (sizeof + contact and custom vectors)");
    figure("deal_string_bytes", deal_count, double(strings) / double(deal_count), "bytes/deal (string characters on the heap)");

    // Save.
    std::string text;
    Timing first_save;
    const Timing save = time_saves(ws, runs, text, first_save);
    snapshot_figures("save", deal_count, save, text.size());
    figure("save_first_cpu_ms", deal_count, first_save.cpu_ms, "ms CPU (the first save: fresh memory)");
    figure("snapshot_mb", deal_count, double(text.size()) / 1e6, "MB of JSON");
    snapshot_bytes_by_kind(text, deal_count);

    // The store: its indexes are the live heap it adds on top of the workspace it takes.
    dd::Store store;
    const size_t heap_before_store = g_live_bytes;
    const Stopwatch store_watch;
    dd::Status loaded_store = store.load(std::move(ws));
    const Timing store_load = store_watch.stop();
    if (!loaded_store) { std::printf("Store::load refused the sample: %s\n", loaded_store.error().text().c_str()); return 1; }
    figure("store_load_ms", deal_count, store_load.wall_ms, "ms wall (Store::load: check + build indexes)");
    figure("store_load_cpu_ms", deal_count, store_load.cpu_ms, "ms CPU (Store::load: check + build indexes)");
    const double index_bytes = double(g_live_bytes - heap_before_store) / double(deal_count);
    figure("store_index_bytes", deal_count, index_bytes, "bytes/deal (all store indexes / deals)");
    figure("deal_memory_bytes", deal_count, deal_record + index_bytes, "bytes/deal beyond strings (record + indexes)");

    // 100,000 stage moves, then undo them all.
    const dd::Workspace& live = store.workspace();
    dd::CommandContext ctx;
    ctx.actor = live.team[1].meta.id;  // a manager
    ctx.now = kNow;
    store.set_undo_budget(std::numeric_limits<size_t>::max() / 2);  // keep every step (size_t is 32-bit in WASM)
    std::vector<dd::Command> moves;
    moves.reserve(kMoves);
    for (size_t i = 0; i < kMoves; ++i) {
        const dd::Deal& d = live.deals[(i * 7919) % live.deals.size()];
        dd::MoveDeal m;
        m.deal = d.meta.id;
        m.to_stage = d.status == dd::DealStatus::Open || d.status == dd::DealStatus::Abandoned
                         ? other_open_stage(live, d, i) : d.stage;
        if (m.to_stage == d.stage) m.to_stage = other_open_stage(live, d, i);
        moves.push_back(m);
    }
    const Stopwatch move_watch;
    for (const dd::Command& c : moves) {
        dd::Result<dd::Applied> r = store.apply(c, ctx);
        if (!r) { std::printf("move refused: %s\n", r.error().text().c_str()); return 1; }
    }
    const Timing apply = move_watch.stop();
    const Stopwatch undo_watch;
    for (size_t i = 0; i < kMoves; ++i) {
        dd::Result<dd::Applied> r = store.undo(ctx);
        if (!r) { std::printf("undo refused after %zu: %s\n", i, r.error().text().c_str()); return 1; }
    }
    const Timing undo = undo_watch.stop();
    figure("move_us", deal_count, apply.cpu_ms * 1000.0 / kMoves, "us CPU per stage move (Store::apply MoveDeal)");
    figure("undo_us", deal_count, undo.cpu_ms * 1000.0 / kMoves, "us CPU per undo");
    figure("move_wall_us", deal_count, apply.wall_ms * 1000.0 / kMoves, "us wall per stage move");
    figure("undo_wall_us", deal_count, undo.wall_ms * 1000.0 / kMoves, "us wall per undo");

    // Load (the store is done with: free it first so the peak stays at one workspace + text).
    store = dd::Store();
    Timing load;
    if (!time_loads(text, runs, load)) return 1;
    snapshot_figures("load", deal_count, load, text.size());

    // Opening a file in the app: parse + check, then the store's indexes. The checked workspace
    // goes to Store::load without a second check; the plain path (load_workspace_json, then
    // Store::load(Workspace)) checks twice. Each store is freed outside the timed part.
    std::vector<Timing> opens, opens_twice;
    for (int i = 0; i < open_runs; ++i) {
        {
            dd::Store fresh;
            const Stopwatch watch;
            dd::Result<dd::CheckedWorkspace> r = dd::load_checked_workspace_json(text);
            const bool ok = r && fresh.load(std::move(r.value()));
            opens.push_back(watch.stop());
            if (!ok) { std::printf("open refused\n"); return 1; }
        }
        {
            dd::Store fresh;
            const Stopwatch watch;
            dd::Result<dd::Workspace> r = dd::load_workspace_json(text);
            const bool ok = r && fresh.load(std::move(r.value()));
            opens_twice.push_back(watch.stop());
            if (!ok) { std::printf("open refused\n"); return 1; }
        }
    }
    figure("open_cpu_ms", deal_count, median(opens).cpu_ms, "ms CPU (load_checked_workspace_json + Store::load: one check)");
    figure("open_twice_checked_cpu_ms", deal_count, median(opens_twice).cpu_ms,
           "ms CPU (load_workspace_json + Store::load(Workspace): two checks)");
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<size_t> counts;
    bool snapshot_only = false;
    for (int i = 1; i < argc; ++i) {
        if (std::string(argv[i]) == "--snapshot") snapshot_only = true;
        else counts.push_back(std::strtoull(argv[i], nullptr, 10));
    }
    if (counts.empty()) counts = {100'000, 1'000'000};

#if defined(__GLIBC__)
    // Freed memory stays in the process, as it does in the WASM heap (which never shrinks) and in
    // a long-running app: glibc would otherwise hand every block over 128 KB back to the kernel
    // (mmap/munmap), so each 150 MB snapshot would be faulted in page by page again, which on this
    // virtual machine costs about as much as writing the JSON. The first save of the process still
    // pays it: it is printed too (save_first_cpu_ms).
    mallopt(M_MMAP_MAX, 0);
    mallopt(M_TRIM_THRESHOLD, std::numeric_limits<int>::max());
    const char* heap_note = "freed memory kept in the process (glibc mallopt: no mmap, no trim), like the WASM heap";
#elif defined(__EMSCRIPTEN__)
    const char* heap_note = "the WASM heap (grows, never shrinks: freed memory is reused)";
#else
    const char* heap_note = "the C library's default";
#endif

    const std::time_t now = std::time(nullptr);
    char date[32];
    std::strftime(date, sizeof date, "%Y-%m-%d %H:%M UTC", std::gmtime(&now));
    std::printf("machine: %s\n", machine().c_str());
    std::printf("compiler: %s\n", compiler().c_str());
    std::printf("date: %s\n", date);
    std::printf("cpu clock: %s\n", kCpuClock);
    std::printf("heap: %s\n", heap_note);
    // The machine is shared: the load average says how much of it this run had.
    std::ifstream loadavg("/proc/loadavg");
    std::string load1;
    loadavg >> load1;
    std::printf("load average at start: %s\n", load1.c_str());
    for (size_t n : counts) {
        if (snapshot_only) std::printf("\n== %zu deals (snapshot only) ==\n", n);
        if (int rc = snapshot_only ? run_snapshot(n, n <= 200'000 ? 5 : 3) : run(n)) return rc;
    }
    return 0;
}
