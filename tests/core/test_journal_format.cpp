// The journal's file format: CRC-32, segment and snapshot frames, and how damage is detected.
#include "core/journal_format.h"

#include <doctest/doctest.h>

#include <random>
#include <string>

using namespace dd;
using namespace dd::journal;

namespace {
std::vector<Entry> three_entries() {
    return {Entry{7, 1000, "first"}, Entry{8, 2000, std::string("se\0cond", 7)}, Entry{9, 3000, ""}};
}
}  // namespace

TEST_CASE("crc32 is the IEEE/zlib one, also across the 8-byte fast path") {
    CHECK(crc32("123456789") == 0xCBF43926u);
    CHECK(crc32("") == 0u);
    const std::string text = "The quick brown fox jumps over the lazy dog";
    CHECK(crc32(text) == 0x414FA339u);
    // Incremental use gives the same result as one call.
    CHECK(crc32(text.substr(13), crc32(text.substr(0, 13))) == crc32(text));
}

TEST_CASE("crc32_combine gives the CRC-32 of two parts joined, from theirs and the second's length") {
    CHECK(crc32_combine(crc32("12345"), crc32("6789"), 4) == 0xCBF43926u);
    CHECK(crc32_combine(crc32(""), crc32("123456789"), 9) == 0xCBF43926u);
    CHECK(crc32_combine(crc32("123456789"), crc32(""), 0) == 0xCBF43926u);
    std::mt19937_64 rng(42);
    std::string bytes(70'000, '\0');
    for (char& c : bytes) c = char(rng());
    for (size_t cut : {size_t(0), size_t(1), size_t(7), size_t(8), size_t(4096), size_t(65'537), bytes.size()}) {
        CAPTURE(cut);
        const std::string_view all(bytes), a = all.substr(0, cut), b = all.substr(cut);
        CHECK(crc32_combine(crc32(a), crc32(b), b.size()) == crc32(all));
    }
}

TEST_CASE("file names carry the sequence number or generation in 16 hex digits") {
    CHECK(segment_name(0x2a) == "j-000000000000002a.seg");
    CHECK(snapshot_name(3) == "s-0000000000000003.snap");
    uint64_t n = 0;
    CHECK(parse_segment_name("j-000000000000002a.seg", n));
    CHECK(n == 0x2a);
    CHECK(parse_snapshot_name("s-0000000000000003.snap", n));
    CHECK(n == 3);
    CHECK_FALSE(parse_segment_name("j-000000000000002a.seg.bad", n));
    CHECK_FALSE(parse_segment_name("j-00000000000002A.seg", n));
    CHECK_FALSE(parse_snapshot_name("j-0000000000000003.seg", n));
}

TEST_CASE("a segment round-trips its entries, binary payloads included") {
    const auto entries = three_entries();
    const DecodedSegment d = decode_segment(encode_segment(entries));
    REQUIRE(d.complete);
    CHECK(d.problem.empty());
    CHECK(d.first_seq == 7);
    REQUIRE(d.entries.size() == 3);
    for (size_t i = 0; i < 3; ++i) {
        CHECK(d.entries[i].seq == entries[i].seq);
        CHECK(d.entries[i].saved_at == entries[i].saved_at);
        CHECK(d.entries[i].payload == entries[i].payload);
    }
}

TEST_CASE("a segment torn at any length keeps exactly its whole leading entries") {
    const std::string bytes = encode_segment(three_entries());
    // Where each entry ends: header 24 bytes, entry = 24 bytes + payload.
    const size_t end1 = 24 + 24 + 5, end2 = end1 + 24 + 7, end3 = end2 + 24;
    REQUIRE(bytes.size() == end3);
    for (size_t len = 0; len < bytes.size(); ++len) {
        CAPTURE(len);
        const DecodedSegment d = decode_segment(std::string_view(bytes).substr(0, len));
        CHECK_FALSE(d.complete);
        CHECK_FALSE(d.problem.empty());
        const size_t whole = len >= end2 ? 2 : len >= end1 ? 1 : 0;
        CHECK(d.entries.size() == whole);
    }
}

TEST_CASE("flipping any byte of a segment is detected") {
    const std::string bytes = encode_segment(three_entries());
    for (size_t i = 0; i < bytes.size(); ++i) {
        CAPTURE(i);
        std::string damaged = bytes;
        damaged[i] = char(damaged[i] ^ 0x40);
        const DecodedSegment d = decode_segment(damaged);
        CHECK_FALSE(d.complete);
        CHECK(d.entries.size() < 3);
    }
    CHECK_FALSE(decode_segment(bytes + "x").complete);   // trailing garbage
    CHECK(decode_segment(bytes + "x").entries.size() == 3);
}

TEST_CASE("a snapshot round-trips and any damage is reported, never accepted") {
    const std::string payload(10000, 'w');
    const std::string bytes = encode_snapshot({4, 99, 123456}, payload);
    const DecodedSnapshot ok = decode_snapshot(bytes);
    REQUIRE(ok.ok);
    CHECK(ok.header.generation == 4);
    CHECK(ok.header.last_seq == 99);
    CHECK(ok.header.saved_at == 123456);
    CHECK(ok.payload == payload);

    for (size_t i : {size_t(0), size_t(10), size_t(47), size_t(48), size_t(5000), bytes.size() - 1}) {
        std::string damaged = bytes;
        damaged[i] = char(damaged[i] ^ 1);
        const DecodedSnapshot d = decode_snapshot(damaged);
        CHECK_FALSE(d.ok);
        CHECK_FALSE(d.problem.empty());
        CHECK(d.payload.empty());
    }
    const DecodedSnapshot torn = decode_snapshot(std::string_view(bytes).substr(0, 6000));
    CHECK_FALSE(torn.ok);
    CHECK(torn.problem.find("truncated") != std::string::npos);
    CHECK_FALSE(decode_snapshot("").ok);
}
