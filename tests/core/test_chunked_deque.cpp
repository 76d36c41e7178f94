// ChunkedDeque (the undo and redo stacks): order is kept across chunk boundaries whichever end
// elements are pushed or popped at, elements never move, and clearing releases every element.
#include "core/chunked_deque.h"
#include <doctest/doctest.h>
#include <deque>
#include <string>
#include <vector>

using dd::ChunkedDeque;

namespace {
using Small = ChunkedDeque<std::string, 2>;   // chunks of 4: every case crosses boundaries
std::string item(size_t i) { return "step " + std::to_string(i) + " with a label long enough for the heap"; }
std::vector<std::string> items(const Small& d) { return {d.begin(), d.end()}; }
}  // namespace

TEST_CASE("ChunkedDeque keeps order through pushes and pops at both ends") {
    Small d;
    std::deque<std::string> expected;
    size_t next = 0;
    // A pattern like the undo stacks': commands push, undos pop the back, the budget pops the front.
    for (int round = 0; round < 40; ++round) {
        for (int k = 0; k < 3 + round % 5; ++k) {
            d.emplace_back(item(next));
            expected.push_back(item(next++));
        }
        for (int k = 0; k < round % 4 && !expected.empty(); ++k) {
            d.pop_back();
            expected.pop_back();
        }
        for (int k = 0; k < round % 3 && !expected.empty(); ++k) {
            d.pop_front();
            expected.pop_front();
        }
        REQUIRE(d.size() == expected.size());
        CHECK(items(d) == std::vector<std::string>(expected.begin(), expected.end()));
        if (!expected.empty()) {
            CHECK(d.front() == expected.front());
            CHECK(d.back() == expected.back());
        }
    }
    while (!expected.empty()) {   // drained from the front, then used again
        d.pop_front();
        expected.pop_front();
    }
    CHECK(d.empty());
    d.emplace_back(item(1));
    CHECK(items(d) == std::vector<std::string>{item(1)});
}

TEST_CASE("ChunkedDeque elements never move and clear empties it") {
    Small d;
    d.emplace_back(item(0));
    const std::string* first = &d.front();
    for (size_t i = 1; i < 30; ++i) d.emplace_back(item(i));
    d.pop_front();
    d.pop_front();
    CHECK(&d[0] != first);
    const std::string* third = &d.front();
    for (size_t i = 30; i < 60; ++i) d.emplace_back(item(i));
    CHECK(&d.front() == third);
    CHECK(d.front() == item(2));
    Small moved = std::move(d);
    CHECK(d.empty());
    CHECK(moved.size() == 58);
    CHECK(&moved.front() == third);
    moved.clear();
    CHECK(moved.empty());
    moved.emplace_back(item(7));
    CHECK(moved.back() == item(7));
}
