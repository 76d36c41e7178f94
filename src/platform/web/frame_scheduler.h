// Frames on demand, so an idle app draws nothing (no continuous main loop). Input callbacks and
// later code (a finished save, a toast timer) call request_frame(); the scheduler then draws on
// the next animation frame, and a few more after it (ImGui needs 2-3 frames to settle hover
// states and layout), then stops until the next request.
#pragma once
#include <cstdint>

namespace dd::web {

struct FrameScheduler {
    using DrawFn = void (*)(void* user);
    DrawFn draw = nullptr;
    void* user = nullptr;

    bool raf_pending = false;     // an animation frame is requested
    int frames_left = 0;          // frames still to draw before going idle
    long timer_id = 0;            // a pending wake-up timer (0: none)
    double timer_due = 0;         // when it fires (emscripten_get_now() ms)
    uint64_t frames_drawn = 0;
};

// Frames to draw after any request: enough for ImGui's hover/active states to settle.
inline constexpr int kSettleFrames = 3;

void scheduler_start(FrameScheduler& s, FrameScheduler::DrawFn draw, void* user);
// Draw soon (next animation frame) and settle afterwards. Cheap to call many times.
void request_frame(FrameScheduler& s);
// Draw once `ms` from now (a toast expiring). An earlier pending wake-up wins over a later one.
void request_frame_after(FrameScheduler& s, double ms);

}  // namespace dd::web
