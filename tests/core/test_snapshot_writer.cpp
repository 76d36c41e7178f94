// BinarySnapshotWriter (snapshot_binary.h): the binary snapshot written a part at a time, in parts
// of any size, is byte for byte what save_workspace_binary writes in one go, and loads back.
#include "core/journal_format.h"
#include "core/persist_workspace.h"
#include "core/sample_data.h"
#include "core/snapshot_binary.h"
#include "core/storage_memory.h"

#include <doctest/doctest.h>

#include <random>

namespace {

constexpr dd::Millis kNow = 1'780'000'000'000;

std::string written_in_parts(const dd::Workspace& ws, std::mt19937& rng, size_t max_part, size_t& steps) {
    dd::BinarySnapshotWriter writer(ws);
    steps = 0;
    while (!writer.step(1 + rng() % max_part)) {
        ++steps;
        REQUIRE(steps < 1'000'000);
    }
    CHECK(writer.done());
    const uint32_t crc = writer.payload_crc();
    std::string bytes = writer.take();
    CHECK(crc == dd::journal::crc32(bytes));   // computed from the body's, with no second pass
    return bytes;
}

}  // namespace

TEST_CASE("binary snapshot writer: in parts of any size, the same bytes as save_workspace_binary") {
    for (uint32_t seed = 1; seed <= 4; ++seed) {
        CAPTURE(seed);
        std::mt19937 rng(seed);
        const dd::Workspace ws = dd::make_sample_workspace(seed, 150 + rng() % 200, kNow);
        REQUIRE(!ws.history.empty());
        const std::string whole = dd::save_workspace_binary(ws);
        for (size_t max_part : {size_t(1), size_t(7), size_t(100), size_t(1) << 30}) {
            CAPTURE(max_part);
            size_t steps = 0;
            const std::string parts = written_in_parts(ws, rng, max_part, steps);
            CHECK(parts == whole);
            if (max_part == 1) CHECK(steps > ws.deals.size());
            if (max_part > 1000) CHECK(steps == 0);
        }
        size_t steps = 0;
        auto back = dd::load_workspace_binary(written_in_parts(ws, rng, 13, steps));
        REQUIRE(back.ok());
        CHECK(back.value().deals.size() == ws.deals.size());
    }
    // An empty workspace: every section's count, nothing else.
    size_t steps = 0;
    std::mt19937 rng(9);
    CHECK(written_in_parts(dd::Workspace{}, rng, 3, steps) == dd::save_workspace_binary(dd::Workspace{}));
}

TEST_CASE("binary snapshot writer: with room in front (a file's frame), the same encoding after it") {
    const dd::Workspace ws = dd::make_sample_workspace(6, 90, kNow);
    dd::BinarySnapshotWriter writer(ws, dd::journal::kSnapshotFrameBytes);
    while (!writer.step(37)) {}
    const uint32_t crc = writer.payload_crc();
    CHECK(writer.bytes() == dd::save_workspace_binary(ws).size());
    const std::string file = writer.take();
    REQUIRE(file.size() > dd::journal::kSnapshotFrameBytes);
    CHECK(file.substr(0, dd::journal::kSnapshotFrameBytes) == std::string(dd::journal::kSnapshotFrameBytes, '\0'));
    const std::string payload = file.substr(dd::journal::kSnapshotFrameBytes);
    CHECK(payload == dd::save_workspace_binary(ws));
    CHECK(crc == dd::journal::crc32(payload));
}

TEST_CASE("binary snapshot writer: saved through save_encoded, recovery opens the same workspace") {
    const dd::Workspace ws = dd::make_sample_workspace(5, 120, kNow);
    dd::MemoryStorage storage;
    {
        dd::WorkspacePersistence persist(storage);
        dd::BinarySnapshotWriter writer(ws);
        while (!writer.step(50)) {}
        REQUIRE(persist.save_encoded(writer.take(), kNow).ok());
    }
    dd::WorkspacePersistence reopened(storage);
    dd::OpenedWorkspace opened = reopened.open();
    REQUIRE(opened.found);
    CHECK(dd::save_workspace_binary(opened.workspace()) == dd::save_workspace_binary(ws));
}
