// dd_prefetch(address): asks the CPU to start loading a cache line that the code will read soon,
// so that independent cache misses overlap instead of waiting one after another. A hint only (no
// effect on results); used on the stage-move and undo paths, whose time in a workspace of
// 100,000 deals is mostly such misses (hash entries, the deal, its title, history lines).
#pragma once

#if defined(__GNUC__) || defined(__clang__)
#define dd_prefetch(p) __builtin_prefetch(static_cast<const void*>(p))
#else
#define dd_prefetch(p) ((void)(p))
#endif

#include <cstddef>
#include <cstdint>

// Every cache line of [p, p + n): a record or a block that will be read all over soon.
inline void dd_prefetch_range(const void* p, size_t n) {
    const uintptr_t first = reinterpret_cast<uintptr_t>(p);
    for (uintptr_t line = first & ~uintptr_t(63); line < first + n; line += 64)
        dd_prefetch(reinterpret_cast<const void*>(line));
}
