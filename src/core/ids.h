// Record ids: random 64-bit numbers, collision-free in practice across devices (no central
// counter, so two offline devices can create records and merge later).
//
// One IdGenerator is owned by the app and passed to whoever creates records (no global).
// Commands carry the ids of the records they create, so applying a command is deterministic;
// the store owns a second generator only for the records it derives itself (history lines).
#pragma once
#include "core/model.h"
#include <cstdint>

namespace dd {

class IdGenerator {
public:
    // A deterministic sequence (tests, sample data, benchmarks).
    explicit IdGenerator(uint64_t seed);
    // Seeded from std::random_device mixed with the current time: what the app uses.
    static IdGenerator from_entropy();

    // The next id. Never returns kNoId. The sequence is a bijection of a 64-bit counter
    // (splitmix64), so one generator never repeats an id within 2^64 draws.
    Id next();
    // The id a generator returns right after it returned `id`: splitmix64's output function is a
    // bijection, so the state is known from the output. A stage move's undo step keeps the ids of
    // its history lines (drawn one after the other) as the first and a count (store_undo.h).
    static Id after(Id id);

private:
    uint64_t state_;
};

}  // namespace dd
