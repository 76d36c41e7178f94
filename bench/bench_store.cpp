// Focused store benchmark for tuning: N stage moves then N undos on a sample workspace, timed in
// CPU time (the machine is shared: wall time mostly measures the other engineers). Under
// callgrind (`valgrind --tool=callgrind --instr-atstart=no build/bench/bench_store`) only the two
// phases are instrumented and each is dumped on its own, so the instruction counts per phase can
// be compared between commits.
//   bench_store [deals] [moves]      (default: 100000 100000)
#include "core/sample_data.h"
#include "core/store.h"

#include <cstdio>
#include <cstdlib>
#include <limits>
#include <ctime>
#include <new>
#include <vector>
#if !defined(__EMSCRIPTEN__)
#include <sys/resource.h>
#endif

#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#define DD_PHASE_BEGIN() CALLGRIND_START_INSTRUMENTATION
#define DD_PHASE_END(name) \
    do { CALLGRIND_DUMP_STATS_AT(name); CALLGRIND_STOP_INSTRUMENTATION; } while (0)
#else
#define DD_PHASE_BEGIN() ((void)0)
#define DD_PHASE_END(name) ((void)0)
#endif

// Heap allocations counted (each costs ~100+ instructions plus its free later: the figure to
// watch in the move/undo path, and stable on a shared machine, unlike times).
namespace {
size_t g_allocations = 0;
}
void* operator new(size_t size) {
    ++g_allocations;
    if (void* p = std::malloc(size ? size : 1)) return p;
    throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, size_t) noexcept { std::free(p); }

namespace {

constexpr dd::Millis kNow = 1'773'576'000'000;  // the same fixed instant as bench_core

// CLOCK_MONOTONIC in seconds: printed at the phase boundaries so that a sampling profile taken
// with `perf record -k CLOCK_MONOTONIC` can be cut to one phase (`perf report --time a,b`).
double mono_s() {
    timespec t{};
    clock_gettime(CLOCK_MONOTONIC, &t);
    return double(t.tv_sec) + double(t.tv_nsec) / 1e9;
}

// Process CPU time where there is such a clock; Emscripten has none (it read 0, so the WASM run
// printed 0 us): there, wall time (see `clock` in the output).
bool g_cpu_clock = true;
double cpu_ms() {
    timespec t{};
    if (g_cpu_clock && clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t) == 0 && (t.tv_sec != 0 || t.tv_nsec != 0))
        return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
    g_cpu_clock = false;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

// The same choice of moves as bench_core: another open stage of the deal's pipeline.
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

// Minor page faults so far (first touches of fresh memory: the history and the undo stack grow
// into new pages during the moves, each fault costing about a microsecond of kernel time).
long minor_faults() {
#if !defined(__EMSCRIPTEN__)
    rusage u{};
    if (getrusage(RUSAGE_SELF, &u) == 0) return u.ru_minflt;
#endif
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    const size_t deals = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 100'000;
    const size_t n = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 100'000;

    dd::Store store;
    if (dd::Status s = store.load(dd::make_sample_workspace(20260315, deals, kNow)); !s) {
        std::printf("load refused: %s\n", s.error().text().c_str());
        return 1;
    }
    const dd::Workspace& live = store.workspace();
    dd::CommandContext ctx;
    ctx.actor = live.team[1].meta.id;
    ctx.now = kNow;
    store.set_undo_budget(std::numeric_limits<size_t>::max() / 2);   // every step kept (size_t is 32-bit in WASM)
    std::vector<dd::Command> moves;
    moves.reserve(n);
    for (size_t i = 0; i < n; ++i) {
        const dd::Deal& d = live.deals[(i * 7919) % live.deals.size()];
        dd::MoveDeal m;
        m.deal = d.meta.id;
        m.to_stage = other_open_stage(live, d, i);
        moves.push_back(m);
    }

    // The history grows by a line or more per move: its size and room say whether the moves
    // pay for a regrowth of the line storage inside the timed phase.
    std::printf("history lines at start %zu (room for %zu), tombstones %zu\n", live.history.size(),
                live.history.capacity(), live.tombstones.size());
    size_t allocations = g_allocations;
    long faults = minor_faults();
    const double moves_from = mono_s();
    DD_PHASE_BEGIN();
    double t0 = cpu_ms();
    for (const dd::Command& c : moves)
        if (!store.apply(c, ctx)) { std::printf("move refused\n"); return 1; }
    const double move_ms = cpu_ms() - t0;
    DD_PHASE_END("moves");
    const double moves_to = mono_s();
    const size_t move_allocations = g_allocations - allocations;
    allocations = g_allocations;
    const long move_faults = minor_faults() - faults;
    faults = minor_faults();
    const size_t undo_bytes_after_moves = store.undo_bytes();
    std::printf("history lines after the moves %zu (room for %zu)\n", live.history.size(), live.history.capacity());

    const double undos_from = mono_s();
    DD_PHASE_BEGIN();
    t0 = cpu_ms();
    for (size_t i = 0; i < n; ++i)
        if (!store.undo(ctx)) { std::printf("undo refused\n"); return 1; }
    const double undo_ms = cpu_ms() - t0;
    DD_PHASE_END("undos");
    const double undos_to = mono_s();
    const size_t undo_allocations = g_allocations - allocations;
    const long undo_faults = minor_faults() - faults;
    std::printf("history lines after the undos %zu, tombstones %zu\n", live.history.size(), live.tombstones.size());

    double load[1] = {-1};
    if (FILE* f = std::fopen("/proc/loadavg", "r")) {   // the machine is shared: say how busy it was
        if (std::fscanf(f, "%lf", &load[0]) != 1) load[0] = -1;
        std::fclose(f);
    }
    std::printf("deals %zu, moves %zu, load average (1 min) at the end %.2f\n", deals, n, load[0]);
    std::printf("clock: %s\n", g_cpu_clock ? "process CPU time" : "wall (no process CPU clock here)");
    std::printf("move_cpu_us %.3f\n", move_ms * 1000.0 / double(n));
    std::printf("undo_cpu_us %.3f\n", undo_ms * 1000.0 / double(n));
    std::printf("move_allocations %.2f per command\n", double(move_allocations) / double(n));
    std::printf("undo_allocations %.2f per command\n", double(undo_allocations) / double(n));
    std::printf("minor page faults: moves %ld, undos %ld (0 where the platform does not count them)\n", move_faults,
                undo_faults);
    std::printf("monotonic seconds: moves %.6f,%.6f undos %.6f,%.6f\n", moves_from, moves_to, undos_from, undos_to);
    std::printf("undo_bytes_per_step %zu (after the moves), redo %zu (after the undos)\n",
                undo_bytes_after_moves / n, store.undo_bytes() / n);
    return 0;
}
