#include "core/ids.h"
#include <chrono>
#include <random>

namespace dd {

namespace {
// splitmix64's output function: a bijection on 64-bit values with good avalanche.
uint64_t mix64(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}
// The multiplicative inverse of an odd number modulo 2^64 (Newton's iteration: each step
// doubles the correct low bits, from the 3 that x * x = 1 (mod 8) gives).
constexpr uint64_t inverse(uint64_t x) {
    uint64_t y = x;
    for (int i = 0; i < 5; ++i) y *= 2 - x * y;
    return y;
}
// mix64 undone, step by step (an xor with a shift of 27 or more undoes in two shifts).
uint64_t unmix64(uint64_t z) {
    z = z ^ (z >> 31) ^ (z >> 62);
    z *= inverse(0x94d049bb133111ebULL);
    z = z ^ (z >> 27) ^ (z >> 54);
    z *= inverse(0xbf58476d1ce4e5b9ULL);
    return z ^ (z >> 30) ^ (z >> 60);
}
}  // namespace

Id IdGenerator::after(Id id) {
    IdGenerator g(0);
    g.state_ = unmix64(id);
    return g.next();
}

IdGenerator::IdGenerator(uint64_t seed) : state_(mix64(seed)) {}

IdGenerator IdGenerator::from_entropy() {
    std::random_device device;
    uint64_t seed = (uint64_t(device()) << 32) ^ uint64_t(device());
    auto now = std::chrono::high_resolution_clock::now().time_since_epoch().count();
    return IdGenerator(seed ^ mix64(uint64_t(now)));
}

Id IdGenerator::next() {
    for (;;) {
        state_ += 0x9e3779b97f4a7c15ULL;  // Weyl sequence: visits every 64-bit value once
        Id id = mix64(state_);
        if (id != kNoId) return id;
    }
}

}  // namespace dd
