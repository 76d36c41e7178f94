#include "platform/web/frame_stats.h"

#include <algorithm>
#include <vector>

namespace dd::web {

void record_frame(FrameStats& s, double ms) {
    s.ms[s.next] = ms;
    s.next = (s.next + 1) % FrameStats::kWindow;
    s.count = std::min(s.count + 1, FrameStats::kWindow);
    s.last = ms;
}

void reset_frames(FrameStats& s) { s = FrameStats{}; }

std::vector<double> recent_frames(const FrameStats& s) {
    std::vector<double> out;
    out.reserve(s.count);
    const size_t oldest = s.count < FrameStats::kWindow ? 0 : s.next;
    for (size_t i = 0; i < s.count; ++i) out.push_back(s.ms[(oldest + i) % FrameStats::kWindow]);
    return out;
}

FrameStatsSummary summarize(const FrameStats& s) {
    FrameStatsSummary out;
    out.count = s.count;
    out.last = s.last;
    if (s.count == 0) return out;
    std::vector<double> sorted(s.ms, s.ms + s.count);   // the ring is full or filled from 0
    std::sort(sorted.begin(), sorted.end());
    double sum = 0;
    for (double v : sorted) sum += v;
    out.avg = sum / double(sorted.size());
    out.median = sorted[sorted.size() / 2];
    out.max = sorted.back();
    out.p95 = sorted[std::min(sorted.size() - 1, size_t(double(sorted.size()) * 0.95))];
    return out;
}

}  // namespace dd::web
