#include "platform/web/frame_scheduler.h"

#include <emscripten/emscripten.h>
#include <emscripten/eventloop.h>
#include <emscripten/html5.h>

namespace dd::web {
namespace {

EM_BOOL on_animation_frame(double, void* user) {
    FrameScheduler& s = *static_cast<FrameScheduler*>(user);
    s.raf_pending = false;
    if (s.frames_left > 0) --s.frames_left;
    s.draw(s.user);
    ++s.frames_drawn;
    if (s.frames_left > 0 && !s.raf_pending) {
        s.raf_pending = true;
        emscripten_request_animation_frame(on_animation_frame, &s);
    }
    return EM_FALSE;
}

void on_timer(void* user) {
    FrameScheduler& s = *static_cast<FrameScheduler*>(user);
    s.timer_id = 0;
    request_frame(s);
}

}  // namespace

void scheduler_start(FrameScheduler& s, FrameScheduler::DrawFn draw, void* user) {
    s.draw = draw;
    s.user = user;
    request_frame(s);
}

void request_frame(FrameScheduler& s) {
    if (s.frames_left < kSettleFrames) s.frames_left = kSettleFrames;
    if (s.raf_pending) return;
    s.raf_pending = true;
    emscripten_request_animation_frame(on_animation_frame, &s);
}

void request_frame_after(FrameScheduler& s, double ms) {
    if (ms <= 0) {
        request_frame(s);
        return;
    }
    const double due = emscripten_get_now() + ms;
    if (s.timer_id) {
        if (s.timer_due <= due) return;
        emscripten_clear_timeout(s.timer_id);
    }
    s.timer_due = due;
    s.timer_id = emscripten_set_timeout(on_timer, ms, &s);
}

}  // namespace dd::web
