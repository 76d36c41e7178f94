// OverlayStorage (storage_overlay.h): a read-only tab recovers through it, so every write, rename
// and removal must land over the base and never in it, while reads see the result.
#include "core/journal_format.h"
#include "core/storage_overlay.h"
#include "persist_fixture.h"

#include <doctest/doctest.h>

#include <algorithm>

using namespace dd;
using namespace dd::test;

namespace {

std::vector<std::string> sorted_names(Storage& s) {
    auto names = s.list();
    REQUIRE(names.ok());
    std::vector<std::string> out = names.value();
    std::sort(out.begin(), out.end());
    return out;
}

std::string read_of(Storage& s, const std::string& name) {
    auto bytes = s.read(name);
    return bytes.ok() ? bytes.value() : "<" + bytes.error().text() + ">";
}

}  // namespace

TEST_CASE("overlay storage: writes, renames and removals are seen through it and never reach the base") {
    MemoryStorage base;
    REQUIRE(base.write_atomic("a", "base a").ok());
    REQUIRE(base.write_atomic("b", "base b").ok());
    REQUIRE(base.write_atomic("c", "base c").ok());
    const std::map<std::string, std::string> stored = base.files();
    OverlayStorage over(base);

    CHECK(sorted_names(over) == std::vector<std::string>{"a", "b", "c"});
    CHECK(read_of(over, "b") == "base b");
    char part[4] = {};
    auto got = over.read_part("c", 5, part, sizeof part);
    REQUIRE(got.ok());
    CHECK(got.value().got == 1);
    CHECK(got.value().file_size == 6);
    CHECK(part[0] == 'c');

    REQUIRE(over.write_atomic("a", "new a").ok());        // hides the base's
    REQUIRE(over.write_atomic("d", "new d").ok());
    REQUIRE(over.rename("b", "b.bad").ok());              // a base file set aside
    REQUIRE(over.remove("c").ok());
    CHECK_FALSE(over.remove("c").ok());                   // gone already
    CHECK_FALSE(over.remove("never").ok());
    CHECK_FALSE(over.rename("b", "x").ok());              // renamed away already
    CHECK(sorted_names(over) == std::vector<std::string>{"a", "b.bad", "d"});
    CHECK(read_of(over, "a") == "new a");
    CHECK(read_of(over, "b.bad") == "base b");
    CHECK_FALSE(over.read("b").ok());
    CHECK_FALSE(over.read("c").ok());
    CHECK_FALSE(over.read_part("c", 0, part, sizeof part).ok());

    REQUIRE(over.rename("d", "e").ok());                  // a file of its own
    REQUIRE(over.rename("a", "c").ok());                  // written here, over a removed base name
    CHECK(sorted_names(over) == std::vector<std::string>{"b.bad", "c", "e"});
    CHECK(read_of(over, "c") == "new a");
    CHECK_FALSE(over.read("a").ok());                     // neither the moved copy nor the base's
    REQUIRE(over.remove("c").ok());
    CHECK(sorted_names(over) == std::vector<std::string>{"b.bad", "e"});

    const uint64_t ticket = over.commit();   // done at once, in memory
    CHECK(over.durable_ticket() == ticket);
    CHECK(base.files() == stored);                        // the base never changed
    CHECK(base.commits_done() == 0);
}

TEST_CASE("overlay storage: a base file whose bytes are not in yet stays refused, a file written over it is ready") {
    MemoryStorage base;
    REQUIRE(base.write_atomic("old.snap", "bytes").ok());
    base.hold_bytes("old.snap");
    OverlayStorage over(base);
    CHECK_FALSE(over.bytes_ready("old.snap"));
    CHECK_FALSE(over.read("old.snap").ok());
    CHECK_FALSE(over.rename("old.snap", "old.snap.bad").ok());   // never set aside as if damaged
    CHECK(sorted_names(over) == std::vector<std::string>{"old.snap"});
    REQUIRE(over.write_atomic("old.snap", "replaced").ok());
    CHECK(over.bytes_ready("old.snap"));
    CHECK(read_of(over, "old.snap") == "replaced");
    CHECK_FALSE(base.bytes_ready("old.snap"));
}

TEST_CASE("recovery through an overlay: a damaged newest snapshot falls back and is set aside there, the stored files unchanged") {
    SavedWorkspace saved(31, 60);
    saved.rename(0, "Between snapshots", kPersistNow + 1);
    REQUIRE(saved.writer.compact(saved.ws, kPersistNow + 2).ok());
    saved.rename_flushed(1, "After the second snapshot", kPersistNow + 3);
    const std::string newest = journal::snapshot_name(2);
    std::string& bytes = saved.storage.files()[newest];
    bytes[bytes.size() / 2] ^= 0x5a;
    const std::map<std::string, std::string> stored = saved.storage.files();

    OverlayStorage over(saved.storage);
    WorkspacePersistence reader(over);
    const OpenedWorkspace opened = reader.open();
    REQUIRE(opened.found);
    CHECK(opened.recovery.snapshot_generation == 1);
    REQUIRE_FALSE(opened.recovery.warnings.empty());
    CHECK(opened.recovery.warnings[0].find(newest) != std::string::npos);
    CHECK(records_of(opened.workspace()) == records_of(saved.ws));
    const std::vector<std::string> seen = sorted_names(over);
    CHECK(std::count(seen.begin(), seen.end(), newest + ".bad") == 1);
    CHECK(std::count(seen.begin(), seen.end(), newest) == 0);
    CHECK(saved.storage.files() == stored);   // nothing reached the stored files
}
