// CPU time of the last frames (ms), for window.dealdeck.frameStats() and the benchmarks.
#pragma once
#include <cstddef>
#include <vector>

namespace dd::web {

struct FrameStats {
    static constexpr size_t kWindow = 240;   // the last 4 s at 60 fps
    double ms[kWindow] = {};
    size_t count = 0;   // frames recorded in the window (<= kWindow)
    size_t next = 0;    // ring position
    double last = 0;
};

struct FrameStatsSummary {
    size_t count = 0;
    double last = 0, avg = 0, median = 0, p95 = 0, max = 0;
};

void record_frame(FrameStats& s, double ms);
// Forgets the recorded frames: a benchmark starts counting after its set-up (e.g. the frames that
// built a 100,000-deal workspace), so the window holds only the phase it measures.
void reset_frames(FrameStats& s);
FrameStatsSummary summarize(const FrameStats& s);
// The recorded frames, oldest first (a benchmark computes its own percentiles over several windows).
std::vector<double> recent_frames(const FrameStats& s);

}  // namespace dd::web
