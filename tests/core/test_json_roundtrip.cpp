// Save then load gives the identical workspace: every field of every record, tombstones and settings.
#include "core/json_io.h"
#include "core/json_io_codecs.h"
#include "core/json_io_reader.h"
#include "core/json_io_writer.h"
#include "core/sample_data.h"
#include "test_json_equal.h"

#include <doctest/doctest.h>

#include <limits>

using namespace dd;

namespace {

const Millis kNow = Millis(day_from_civil(2026, 3, 15)) * 86'400'000 + 12 * 3'600'000;

// A sample workspace plus what sample data never holds: tombstones, awkward text, extreme numbers.
Workspace awkward_workspace() {
    Workspace ws = make_sample_workspace(7, 300, kNow);
    ws.tombstones.push_back(Tombstone{RecordKind::Deal, 0x0123456789abcdefULL, 4, kNow - 1000});
    ws.tombstones.push_back(Tombstone{RecordKind::LostReason, 0xfedcba9876543210ULL, 1, kNow});
    Deal& d = ws.deals[5];
    d.title = "Quote \" backslash \\ tab\t newline\n control \x01 \x1f del \x7f é 日本 🚀";
    d.description = std::string("nul \0 inside", 13);
    d.value = std::numeric_limits<int64_t>::max();
    d.rank = std::numeric_limits<int64_t>::max();
    d.meta.revision = std::numeric_limits<uint32_t>::max();
    d.meta.created_at = -86'400'000LL * 365 + 1;  // before 1970
    d.probability_override = 0;
    ws.deals[6].value = 0;
    ws.settings.name = "Ünïcode \u2028 workspace";
    ws.companies[0].employees = std::numeric_limits<int32_t>::max();
    ws.pipelines[0].stages[0].color = 0xffffff;
    ws.pipelines[0].stages[1].color = 0;
    return ws;
}

}  // namespace

TEST_CASE("save -> load -> save gives the same bytes and the same workspace, field by field") {
    const Workspace original = awkward_workspace();
    const std::string saved = save_workspace_json(original);
    Result<Workspace> loaded = load_workspace_json(saved);
    REQUIRE_MESSAGE(loaded.ok(), loaded.error().text());
    CHECK_SAME_WORKSPACE(original, loaded.value());
    CHECK(save_workspace_json(loaded.value()) == saved);
}

TEST_CASE("the snapshot starts with its header and holds one record per line") {
    Workspace ws = make_sample_workspace(3, 20, kNow);
    const std::string saved = save_workspace_json(ws);
    CHECK(saved.rfind("{\"format\":\"dealdeck\",\"version\":1,\n\"settings\":{", 0) == 0);
    size_t deal_lines = 0;
    for (size_t at = saved.find("\n{\"id\":"); at != std::string::npos; at = saved.find("\n{\"id\":", at + 1)) ++deal_lines;
    const size_t records = ws.team.size() + ws.pipelines.size() + ws.lost_reasons.size() + ws.custom_fields.size() +
                           ws.companies.size() + ws.contacts.size() + ws.deals.size() + ws.activities.size() +
                           ws.notes.size() + ws.history.size();
    CHECK(deal_lines == records);
    // Money is an integer of minor units, ids 16 hex digits, dates and instants strings.
    const Deal& d = ws.deals[0];
    CHECK(saved.find("\"id\":\"" + id_to_string(d.meta.id) + "\"") != std::string::npos);
    CHECK(saved.find("\"value\":" + std::to_string(d.value) + ",") != std::string::npos);
    CHECK(saved.find("\"created_at\":\"" + millis_to_string(d.meta.created_at) + "\"") != std::string::npos);
}

TEST_CASE("an empty workspace round-trips") {
    Workspace empty;
    const std::string saved = save_workspace_json(empty);
    Result<Workspace> loaded = load_workspace_json(saved);
    REQUIRE_MESSAGE(loaded.ok(), loaded.error().text());
    CHECK_SAME_WORKSPACE(empty, loaded.value());
    CHECK(save_workspace_json(loaded.value()) == saved);
}

TEST_CASE("check_workspace accepts the sample and names what a broken one breaks") {
    Workspace ws = make_sample_workspace(11, 50, kNow);
    CHECK(check_workspace(ws).ok());
    ws.deals[3].owner = 42;
    Status s = check_workspace(ws);
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().text() == "deals[3].owner: no team member with id 000000000000002a");
    ws.deals[3].owner = kNoId;
    ws.notes[0].deal = ws.notes[0].contact = kNoId;
    s = check_workspace(ws);
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().text() == "notes[0]: a note belongs to a deal or a contact");
}

TEST_CASE("the writer spells ids, dates and instants exactly like the model's helpers") {
    json_io::Writer w;
    uint64_t x = 0x9e3779b97f4a7c15ULL;
    for (int i = 0; i < 20000; ++i) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        const Millis t = static_cast<Millis>(x % 8'000'000'000'000ULL) - 1'000'000'000'000LL;  // 1938 .. 2223
        const Day d = static_cast<Day>(t / 86'400'000);
        w.clear();
        w.id(x);
        REQUIRE(w.view() == "\"" + id_to_string(x) + "\"");
        w.clear();
        w.day(d);
        REQUIRE(w.view() == "\"" + day_to_string(d) + "\"");
        w.clear();
        w.instant(t);
        REQUIRE(w.view() == "\"" + millis_to_string(t) + "\"");
    }
    for (const Millis t : {Millis(0), Millis(-1), Millis(951'782'400'000), Millis(253'402'300'799'999)}) {
        w.clear();
        w.instant(t);
        CHECK(w.view() == "\"" + millis_to_string(t) + "\"");
    }
}

TEST_CASE("strings come back exactly whatever sits at any byte of the reader's 8-byte scan") {
    const std::string specials[] = {"\"", "\\", "\n", std::string(1, '\x01'), "\x1f", "\x7f", "é", "日", "🚀", "/"};
    for (const std::string& special : specials) {
        for (size_t before = 0; before < 20; ++before) {
            const std::string text = std::string(before, 'a') + special + std::string(before % 9, 'b');
            json_io::Writer w;
            w.string(text);
            json_io::Reader r(w.view());
            std::string back;
            REQUIRE(r.read_string(back));
            REQUIRE(r.expect_end());
            CHECK(back == text);
        }
    }
    // A raw control character inside a string is refused wherever it is.
    for (size_t before = 0; before < 20; ++before) {
        const std::string doc = "\"" + std::string(before, 'a') + "\x02" + "zzzzzzzzzz\"";
        json_io::Reader r(doc);
        std::string back;
        CHECK_FALSE(r.read_string(back));
    }
}

TEST_CASE("the reader's fixed-width fast paths for ids, dates and instants agree with the model's parsers") {
    // Written by the writer, read back through the codecs (fast path): the same values.
    uint64_t x = 0x2545f4914f6cdd1dULL;
    for (int i = 0; i < 20000; ++i) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        const Millis t = static_cast<Millis>(x % 8'000'000'000'000ULL) - 1'000'000'000'000LL;
        const Day d = static_cast<Day>(t / 86'400'000);
        json_io::Writer w;
        w.put('[');
        w.id(x | 1);
        w.put(',');
        w.day(d);
        w.put(',');
        w.instant(t);
        w.put(']');
        json_io::Reader r(w.view());
        Id id = 0;
        Day day = 0;
        Millis instant = 0;
        REQUIRE(r.read_array([&](size_t k) {
            return k == 0 ? json_io::read_id(r, id) : k == 1 ? json_io::read_day(r, day) : json_io::read_instant(r, instant);
        }));
        REQUIRE(id == (x | 1));
        REQUIRE(day == d);
        REQUIRE(instant == t);
    }
    // Text of the same width that the model refuses is refused (by the general path, with its words).
    const auto day_ok = [](const std::string& text) {
        json_io::Reader r(text);
        Day d;
        return json_io::read_day(r, d);
    };
    const auto instant_ok = [](const std::string& text) {
        json_io::Reader r(text);
        Millis t;
        return json_io::read_instant(r, t);
    };
    const auto id_ok = [](const std::string& text) {
        json_io::Reader r(text);
        Id id;
        return json_io::read_id(r, id);
    };
    CHECK(day_ok("\"2024-02-29\""));
    CHECK_FALSE(day_ok("\"2026-02-29\""));
    CHECK_FALSE(day_ok("\"2026-13-01\""));
    CHECK_FALSE(day_ok("\"2026-00-10\""));
    CHECK_FALSE(day_ok("\"2026-04-31\""));
    CHECK_FALSE(day_ok("\"2026/04/30\""));
    CHECK_FALSE(day_ok("\"2026-0a-10\""));
    CHECK(instant_ok("\"2026-01-02T23:59:59.999Z\""));
    CHECK(instant_ok("\"2026-01-02T10:00:00Z\""));   // fewer fraction digits: the general path
    CHECK_FALSE(instant_ok("\"2026-01-02T24:00:00.000Z\""));
    CHECK_FALSE(instant_ok("\"2026-01-02T10:60:00.000Z\""));
    CHECK_FALSE(instant_ok("\"2026-01-02T10:00:60.000Z\""));
    CHECK_FALSE(instant_ok("\"2026-01-02T10:00:00.00xZ\""));
    CHECK_FALSE(instant_ok("\"2026-01-02T10:00:00.000+\""));
    CHECK_FALSE(instant_ok("\"2026-02-30T10:00:00.000Z\""));
    CHECK(id_ok("\"0123456789abcdef\""));
    CHECK_FALSE(id_ok("\"0123456789ABCDEF\""));
    CHECK_FALSE(id_ok("\"0000000000000000\""));
    CHECK_FALSE(id_ok("\"0123456789abcdeg\""));
    CHECK_FALSE(id_ok("\"0123456789abcde\""));
}

namespace {
// JSON's escapes spelled one byte at a time, as the writer's slow path does: the reference for its
// 8-byte (native) and 16-byte (WASM SIMD) scans.
std::string escaped_reference(const std::string& s) {
    std::string out = "\"";
    for (unsigned char c : s) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
            if (c < 0x20) {
                const char hex[] = "0123456789abcdef";
                out += "\\u00";
                out += hex[c >> 4];
                out += hex[c & 15];
            } else {
                out += char(c);
            }
        }
    }
    return out + "\"";
}
}  // namespace

TEST_CASE("the writer escapes exactly what JSON requires at every byte of its word scans") {
    // Strings of 0..48 bytes (three 16-byte words and the overlapping tails) with one or two
    // characters to escape, or a byte just outside the escaped set, at every position.
    const char specials[] = {'"', '\\', '\n', '\x01', '\x1f', '\t', '\x7f', ' ', '!', '#', '[', ']'};
    for (size_t n = 0; n <= 48; ++n) {
        for (size_t at = 0; at <= n; ++at) {
            for (char special : specials) {
                std::string text(n, 'x');
                for (size_t k = 0; k < n; ++k) text[k] = char('a' + (k * 7) % 26);
                if (at < n) text[at] = special;
                if (at + 17 < n) text[at + 17] = '"';   // a second escape in a later word
                json_io::Writer w;
                w.string(text);
                REQUIRE(w.view() == escaped_reference(text));
            }
        }
    }
    // Bytes of UTF-8 (high bit set) are copied as they are.
    const std::string utf8 = "d\xc3\xa9j\xc3\xa0 vu \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x9a\x80 and a longer tail";
    json_io::Writer w;
    w.string(utf8);
    CHECK(w.view() == "\"" + utf8 + "\"");
}

TEST_CASE("the writer's output is exact across its buffer steps, for values of every size") {
    // The writer opens its reserved buffer 64 KB at a time: values that straddle a step, and one
    // value bigger than a step, must come out whole.
    for (const size_t reserve : {size_t(0), size_t(16), size_t(100'000), size_t(1'000'000)}) {
        json_io::Writer w(reserve);
        std::string expected;
        for (int i = 0; i < 30'000; ++i) {
            const std::string text(static_cast<size_t>(i % 37), static_cast<char>('a' + i % 26));
            w.string(text);
            w.put(',');
            w.integer(-i * 7919LL);
            w.raw(",\"k\":");
            expected += "\"" + text + "\"," + std::to_string(-i * 7919LL) + ",\"k\":";
        }
        const std::string big(200'000, 'z');
        w.string(big + "\n");
        expected += "\"" + big + "\\n\"";
        REQUIRE(w.size() == expected.size());
        CHECK(w.view() == expected);
        CHECK(w.take() == expected);
        CHECK(w.size() == 0);
        w.string("after take");
        CHECK(w.view() == "\"after take\"");
    }
}

TEST_CASE("dates and instants outside years 0..9999 are spelled like the model's helpers") {
    // The writer's date cache covers 4-digit years; other years take the model's helper.
    json_io::Writer w;
    const Day far_future = day_from_civil(12000, 2, 29), far_past = day_from_civil(-5, 1, 1);
    for (const Day d : {far_future, far_past, day_from_civil(9999, 12, 31), day_from_civil(0, 1, 1)}) {
        w.clear();
        w.day(d);
        CHECK(w.view() == "\"" + day_to_string(d) + "\"");
        w.clear();
        w.instant(Millis(d) * 86'400'000 + 3'723'004);
        CHECK(w.view() == "\"" + millis_to_string(Millis(d) * 86'400'000 + 3'723'004) + "\"");
        // The same slot of the cache, another day: no stale text.
        w.clear();
        w.day(d + 1024);
        CHECK(w.view() == "\"" + day_to_string(d + 1024) + "\"");
    }
}
