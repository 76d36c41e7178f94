// CSV import apply, measured by parts: a file of N new deals (a new person per 10 rows, a new
// company per 50) planned as the dialog does, then applied
//   one-shot: Store::apply(ImportDeals) in one call (validation + Tx puts, indexes, undo images,
//             history lines + the change set), the command freed after it (as the app did);
//   staged:   StagedImport (staged_import.h) stepped 256 items at a time: validation, apply,
//             commit, with the slowest step (what one frame would hold without the time check)
//             and the committing step; the snapshot encoded before the commit as the app asks
//             for it, the commit frame's save of it, the list's DealTable taking the change set
//             in parts of 4,096 records (the slowest part) and the first query after;
// then what follows in the app: the list's DealTable update, the journal entry persistence would
// write for the change set (every record as JSON) vs the binary snapshot written instead, the undo
// of the whole import, and a cancel's rollback from the end of the apply.
// Figures: CPU time of the process (the machine is shared) and heap bytes (a counting allocator):
// peak above the level before the part, and retained after it.
//   bench_import [rows...]        default: 100000 1000000
#include "core/csv_import.h"
#include "core/deal_table.h"
#include "core/persist_workspace.h"
#include "core/snapshot_binary.h"
#include "core/staged_import.h"
#include "core/starter_workspace.h"
#include "core/storage_memory.h"
#include "core/store.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#endif

// ---- a counting allocator: live and peak heap bytes -------------------------------------------
// The one global of the program: operator new cannot be given state any other way.
namespace {
size_t g_live = 0, g_peak = 0;
}
void* operator new(size_t size) {
    void* block = std::malloc(size + 16);
    if (!block) std::abort();
    *static_cast<size_t*>(block) = size;
    g_live += size;
    g_peak = std::max(g_peak, g_live);
    return static_cast<char*>(block) + 16;
}
void operator delete(void* p) noexcept {
    if (!p) return;
    char* block = static_cast<char*>(p) - 16;
    g_live -= *reinterpret_cast<size_t*>(block);
    std::free(block);
}
void operator delete(void* p, size_t) noexcept { operator delete(p); }
void* operator new[](size_t size) { return operator new(size); }
void operator delete[](void* p) noexcept { operator delete(p); }
void operator delete[](void* p, size_t) noexcept { operator delete(p); }

namespace {

using namespace dd;

constexpr Millis kNow = 1'773'576'000'000;   // fixed, so runs are comparable

#ifdef __EMSCRIPTEN__
EM_JS(double, cpu_ms, (), {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
});
#else
double cpu_ms() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}
#endif

// One part: CPU time, heap peak above the level at its start, heap retained after it.
struct Part {
    const char* name;
    double t0;
    size_t live0;
    size_t rows;
    Part(const char* n, size_t r) : name(n), t0(cpu_ms()), live0(g_live), rows(r) { g_peak = g_live; }
    void done(const char* note = "") const {
        const double ms = cpu_ms() - t0;
        const double peak = double(g_peak - live0) / 1e6;
        const double kept = (double(g_live) - double(live0)) / 1e6;
        std::printf("  %-44s %10.1f ms CPU %9.1f MB peak %9.1f MB retained %s\n", name, ms, peak, kept, note);
        std::string key = name;   // one word for scripts: "staged.validate (cancel run)" -> "staged.validate_(cancel_run)"
        std::replace(key.begin(), key.end(), ' ', '_');
        std::printf("figure import.%s %zu %.1f %.1f %.1f\n", key.c_str(), rows, ms, peak, kept);
    }
};

std::string csv_of(size_t rows) {
    std::string csv = "Title,Value,Stage,Contacts,Organization,Reference\n";
    csv.reserve(rows * 64);
    const char* stages[] = {"Lead in", "Contact made", "Proposal sent"};
    for (size_t i = 0; i < rows; ++i) {
        csv += "Deal " + std::to_string(i) + "," + std::to_string(100 + i % 9000) + "," + stages[i % 3] + ",Person " +
               std::to_string(i / 10) + ",Org " + std::to_string(i / 50) + ",R-" + std::to_string(i) + "\n";
    }
    return csv;
}

struct Setup {
    IdGenerator ids{42};
    Store store{7};
    ImportDeals command;
    CommandContext ctx{kNoId, kNow};
    explicit Setup(size_t rows) {
        store.load(make_starter_workspace(ids, kNow - 1000));
        ctx.actor = store.workspace().team.empty() ? kNoId : store.workspace().team.front().meta.id;
        std::string csv = csv_of(rows);
        ImportRun run = import_csv_text(store, csv, ids);
        if (!run.plan.problems.empty()) {
            std::printf("plan problem: %s\n", run.plan.problems[0].text().c_str());
            std::exit(1);
        }
        command = std::move(run.plan.command);
        store.set_undo_budget(size_t(-1) / 2);   // the import is one step; keep it
    }
};

void one_shot(size_t rows) {
    std::printf("one-shot Store::apply, %zu rows:\n", rows);
    Setup s(rows);
    auto table = std::make_unique<DealTable>(s.store);
    std::optional<Applied> applied;
    {
        Part p("oneshot.apply_incl_command_copy_freed", rows);
        Command c{std::move(s.command)};
        auto r = s.store.apply(c, s.ctx);
        if (!r) {
            std::printf("refused: %s\n", r.error().text().c_str());
            std::exit(1);
        }
        applied = std::move(r.value());
        c = Command{};
        p.done("(validation + puts + indexes + undo images + history + change set)");
    }
    std::printf("  undo step estimated %.1f MB, change set %zu records\n", double(s.store.undo_bytes()) / 1e6,
                applied->changes.upserted.size());
    {
        Part p("dealtable.apply_changes", rows);
        table->apply(applied->changes);
        p.done();
    }
    {
        MemoryStorage storage;
        WorkspacePersistence persist(storage);
        Part p("journal_entry_json (before: what was saved)", rows);
        persist.on_applied(s.store, applied->changes, kNow);
        p.done();
    }
    {
        Part p("snapshot_binary.encode_only", rows);
        const std::string bytes = save_workspace_binary(s.store.workspace());
        p.done(("(" + std::to_string(bytes.size() / 1000000) + " MB)").c_str());
    }
    {
        MemoryStorage storage;
        WorkspacePersistence persist(storage);
        Part p("snapshot_binary (after: saved instead)", rows);
        persist.save_all(s.store.workspace(), kNow);
        p.done();
    }
    {
        Part p("undo_whole_import", rows);
        auto r = s.store.undo(CommandContext{s.ctx.actor, kNow + 1});
        if (!r) std::printf("  undo refused: %s\n", r.error().text().c_str());
        p.done();
    }
}

void staged(size_t rows) {
    std::printf("staged (StagedImport, 256 items per step), %zu rows:\n", rows);
    for (int cancel = 0; cancel < 2; ++cancel) {
        Setup s(rows);
        auto table = std::make_unique<DealTable>(s.store);   // the list's, built before the import
        std::unique_ptr<StagedImport> run;
        double slowest_validate = 0, slowest_apply = 0;
        {
            Part p(cancel ? "staged.validate (cancel run)" : "staged.validate", rows);
            auto begun = StagedImport::begin(s.store, std::move(s.command), s.ctx);
            if (!begun) {
                std::printf("refused: %s\n", begun.error().text().c_str());
                std::exit(1);
            }
            run = std::move(begun.value());
            // As the app asks for an import saved as a snapshot: encoded before the commit.
            if (!cancel) run->encode_snapshot_before_commit();
            while (run->phase() == StagedImport::Phase::Validating) {
                const double t = cpu_ms();
                run->step(256);
                slowest_validate = std::max(slowest_validate, cpu_ms() - t);
            }
            p.done();
        }
        std::printf("  slowest validation step: %.2f ms CPU\n", slowest_validate);
        double last_step = 0;   // the step that committed (what the commit's frame holds)
        {
            Part p(cancel ? "staged.apply (cancel run, to the last step)" : "staged.apply_and_commit", rows);
            while (!run->finished()) {
                if (cancel && run->applied() + 256 >= run->items()) break;
                const double t = cpu_ms();
                run->step(256);
                last_step = cpu_ms() - t;
                slowest_apply = std::max(slowest_apply, last_step);
            }
            p.done("(puts + indexes + undo images + history + change set; command records moved in)");
        }
        std::printf("  slowest apply step: %.2f ms CPU\n", slowest_apply);
        if (!cancel) {
            std::printf("  the committing step: %.2f ms CPU\n", last_step);
            std::printf("figure import.staged.commit_step %zu %.1f 0 0\n", rows, last_step);
            std::printf("figure import.staged.slowest_step %zu %.1f 0 0\n", rows, slowest_apply);
        }
        if (!cancel) {
            Result<Applied> r = run->take_result();
            std::printf("  %s: undo step estimated %.1f MB, change set %zu records\n", r.ok() ? r.value().label.c_str() : "refused",
                        double(s.store.undo_bytes()) / 1e6, r.ok() ? r.value().changes.upserted.size() : 0);
            const std::string snapshot = run->take_snapshot();
            {
                // What the commit's frame still does in the app: hand the encoded bytes to the journal.
                MemoryStorage storage;
                WorkspacePersistence persist(storage);
                Part p("staged.save_encoded (the commit frame's save)", rows);
                persist.save_encoded(snapshot, kNow);
                p.done(("(" + std::to_string(snapshot.size() / 1000000) + " MB, encoded before the commit)").c_str());
            }
            if (r.ok()) {
                // The list's table takes the change set a part per frame (4,096 records between two
                // looks at the clock), then the first query after it.
                double slowest_part = 0;
                size_t parts = 0;
                {
                    Part p("dealtable.apply_in_parts", rows);
                    for (bool done = false; !done; ++parts) {
                        const double t = cpu_ms();
                        done = table->apply_some(r.value().changes, 4096);
                        slowest_part = std::max(slowest_part, cpu_ms() - t);
                    }
                    p.done();
                }
                std::printf("  %zu parts of 4,096 records, the slowest %.2f ms CPU\n", parts, slowest_part);
                std::printf("figure import.dealtable.slowest_part %zu %.1f 0 0\n", rows, slowest_part);
                Part p("dealtable.first_query_after (board order)", rows);
                const size_t shown = table->query(DealQuery{}, {}).size();
                p.done(("(" + std::to_string(shown) + " rows)").c_str());
            }
            continue;
        }
        {
            Part p("staged.cancel_rollback", rows);
            run->cancel();
            double slowest = 0;
            while (!run->finished()) {
                const double t = cpu_ms();
                run->step(256);
                slowest = std::max(slowest, cpu_ms() - t);
            }
            p.done();
            std::printf("  slowest rollback step: %.2f ms CPU; deals after rollback: %zu\n", slowest,
                        s.store.workspace().deals.size());
        }
    }
}

}  // namespace

int main(int argc, char** argv) {
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    std::vector<size_t> sizes;
    for (int i = 1; i < argc; ++i) sizes.push_back(size_t(std::strtoull(argv[i], nullptr, 10)));
    if (sizes.empty()) sizes = {100'000, 1'000'000};
    std::printf("bench_import: CPU ms of this process; heap MB from a counting allocator (peak above the part's start, retained after it)\n");
    for (size_t n : sizes) {
        one_shot(n);
        staged(n);
    }
}
