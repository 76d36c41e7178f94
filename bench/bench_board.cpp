// Board frame timing, native and headless: 100,000 deals in one pipeline, real app frames
// (top bar + board, ImGui::Render included, no GPU). Prints CPU time per frame while scrolling a
// lane and while dragging a card across lanes, and the time to apply a move and read the lane
// figures again. Figures go to docs/benchmarks.md (Board section); targets: <= 4 ms per frame.
#include "core/board_queries.h"
#include "core/sample_data.h"
#include "imgui.h"
#include "ui/app_frame.h"
#include "ui/board_card.h"
#include "ui_driver.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

using namespace dd;
using Clock = std::chrono::steady_clock;

namespace {

struct Figures {
    double median = 0, p95 = 0, max = 0;
};

Figures summarize(std::vector<double> ms) {
    std::sort(ms.begin(), ms.end());
    Figures f;
    if (ms.empty()) return f;
    f.median = ms[ms.size() / 2];
    f.p95 = ms[std::min(ms.size() - 1, size_t(double(ms.size()) * 0.95))];
    f.max = ms.back();
    return f;
}

void print(const char* what, const Figures& f) {
    std::printf("%-44s median %6.3f ms   p95 %6.3f ms   max %6.3f ms\n", what, f.median, f.p95, f.max);
}

// The sample workspace with every deal moved into the first pipeline (same-kind stages).
Workspace one_pipeline(size_t deals, Millis now) {
    Workspace ws = make_sample_workspace(2024, deals, now);
    const Pipeline& main = ws.pipelines.front();
    std::vector<const Stage*> open;
    const Stage *won = nullptr, *lost = nullptr;
    for (const Stage& s : main.stages) {
        if (s.kind == StageKind::Open) open.push_back(&s);
        else if (s.kind == StageKind::Won) won = &s;
        else lost = &s;
    }
    size_t i = 0;
    for (Deal& d : ws.deals) {
        if (d.pipeline == main.meta.id) continue;
        d.pipeline = main.meta.id;
        d.stage = d.status == DealStatus::Won ? won->id : d.status == DealStatus::Lost ? lost->id : open[i++ % open.size()]->id;
    }
    return ws;
}

double frame_ms(ui::test::UiDriver& ui) {
    const auto t0 = Clock::now();
    ui.frame();
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

}  // namespace

int main() {
    const size_t kDeals = 100'000;
    ui::test::UiDriver ui(1440, 900);
    const auto t0 = Clock::now();
    const Status loaded = ui::load_workspace_into(ui.app, one_pipeline(kDeals, ui.now), ui.now, "Loaded");
    if (!loaded.ok()) {
        std::printf("load failed: %s\n", loaded.error().text().c_str());
        return 1;
    }
    std::printf("board: %zu deals in one pipeline (loaded in %.0f ms), 1440x900, fonts %s\n",
                ui.app.store.workspace().deals.size(),
                std::chrono::duration<double, std::milli>(Clock::now() - t0).count(),
                ui.fonts_from_system ? "Inter" : "built-in");
    ui.app.ui.toast = ui::Toast{};
    ui.frame(5);

    const Pipeline& p = *ui.app.store.find_pipeline(ui.app.ui.pipeline);
    const Id first = p.stages.front().id;
    std::printf("first lane: %zu deals\n", ui.app.store.lane_size(first));

    ImGuiIO& io = ImGui::GetIO();
    // Idle frames (nothing moves), for reference.
    std::vector<double> idle;
    for (int i = 0; i < 200; ++i) idle.push_back(frame_ms(ui));
    print("idle frame", summarize(idle));

    // Scrolling the first lane with the wheel, 600 frames (about 30,000 px).
    const ui::LaneLayout lane = ui.app.ui.board.layout.front();
    io.MousePos = ImVec2((lane.list_min.x + lane.list_max.x) * 0.5f, (lane.list_min.y + lane.list_max.y) * 0.5f);
    std::vector<double> scroll;
    for (int i = 0; i < 600; ++i) {
        io.MouseWheel = -1.0f;
        scroll.push_back(frame_ms(ui));
    }
    io.MouseWheel = 0;
    print("scrolling a lane (wheel every frame)", summarize(scroll));
    std::printf("  lane scrolled to y=%.0f px (card %zu of %zu)\n", ui.app.ui.board.layout.front().scroll_y,
                size_t(ui.app.ui.board.layout.front().scroll_y / ui::kCardPitch), ui.app.store.lane_size(first));

    // Dragging a card from the first lane across the board and back, 600 frames, then dropping
    // it outside every lane (so the data stays as it is).
    // Press on the first card drawn (found like a user would: where the registry says it is).
    float x0 = 0, y0 = 0;
    for (const ui::ItemRecord& r : ui.app.items.last)
        if (r.window.find("/cards_") != std::string::npos && !r.label.empty() && r.h > ui::kCardHeight - 1.0f) { x0 = r.center_x(); y0 = r.center_y(); break; }
    io.MousePos = ImVec2(x0, y0);
    ui.frame();
    io.MouseDown[0] = true;
    ui.frame();
    std::printf("  pressing the card at (%.0f, %.0f): %s\n", x0, y0, ui.app.ui.board.pressed_deal ? "pressed" : "NOT pressed");
    std::vector<double> drag;
    for (int i = 0; i < 600; ++i) {
        const float t = float(i % 300) / 300.0f;
        const float x = i < 300 ? x0 + t * 1200.0f : x0 + 1200.0f - t * 1200.0f;
        io.MousePos = ImVec2(x, y0 + 200.0f + 300.0f * t);
        drag.push_back(frame_ms(ui));
    }
    const bool dragging = ui.app.ui.board.drag.active();
    io.MousePos = ImVec2(x0, 10.0f);   // over the top bar: no lane, no move
    ui.frame();
    io.MouseDown[0] = false;
    ui.frame(3);
    print("dragging a card across lanes", summarize(drag));
    std::printf("  (a drag was in progress: %s)\n", dragging ? "yes" : "NO");

    // Applying a move and reading the lane figures again (what the next frame's headers need).
    std::vector<double> moves;
    const Id second = p.stages[1].id;
    const CommandContext cctx{ui.app.store.settings().current_user, ui.now};
    for (int i = 0; i < 2000; ++i) {
        const Id from = i % 2 ? second : first, to = i % 2 ? first : second;
        const size_t n = ui.app.store.lane_size(from);
        const Id deal = ui.app.store.lane_at(from, size_t(i * 7919) % n).meta.id;
        const size_t m = ui.app.store.lane_size(to);
        const Id before = ui.app.store.lane_at(to, size_t(i * 104729) % m).meta.id;
        const auto a = Clock::now();
        auto r = ui.app.store.apply(MoveDeal{deal, to, before, kNoId, {}}, cctx);
        const LaneTotals t1 = lane_totals_for(ui.app.store, from, kAllStatuses);
        const LaneTotals t2 = lane_totals_for(ui.app.store, to, kAllStatuses);
        moves.push_back(std::chrono::duration<double, std::milli>(Clock::now() - a).count());
        if (!r.ok() || t1.count + t2.count == 0) std::printf("move failed\n");
    }
    print("apply MoveDeal + refresh both lane figures", summarize(moves));

    // A search over the whole board: the filtered lanes are rebuilt once, then cached.
    std::snprintf(ui.app.ui.search, sizeof ui.app.ui.search, "%s", "energy");
    const double rebuild = frame_ms(ui);
    std::vector<double> filtered;
    for (int i = 0; i < 100; ++i) filtered.push_back(frame_ms(ui));
    std::printf("%-44s %6.3f ms (once per change of data or filter)\n", "frame that filters 100,000 deals", rebuild);
    print("frames with the search applied", summarize(filtered));
    return 0;
}
