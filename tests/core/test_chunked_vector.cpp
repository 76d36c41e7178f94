// ChunkedVector (the workspace's history lines): indexing and iteration follow insertion order
// across chunk boundaries, growth never moves an element, and the vector-like operations the
// persistence code uses (erase-remove, resize, copy, ==) behave as std::vector's.
#include "core/chunked_vector.h"
#include <doctest/doctest.h>
#include <algorithm>
#include <string>
#include <vector>

using dd::ChunkedVector;

namespace {
using Small = ChunkedVector<std::string, 2>;   // chunks of 4: every case crosses boundaries
std::string item(size_t i) { return "line " + std::to_string(i) + " with text long enough for the heap"; }
std::vector<std::string> items(const Small& v) { return {v.begin(), v.end()}; }
}  // namespace

TEST_CASE("ChunkedVector indexes and iterates in insertion order across chunks") {
    Small v;
    std::vector<std::string> expected;
    for (size_t i = 0; i < 11; ++i) {
        v.push_back(item(i));
        expected.push_back(item(i));
    }
    REQUIRE(v.size() == 11);
    CHECK(v.capacity() == 12);   // three chunks of four: the last one is the only slack
    for (size_t i = 0; i < v.size(); ++i) CHECK(v[i] == expected[i]);
    CHECK(items(v) == expected);
    CHECK(v.front() == item(0));
    CHECK(v.back() == item(10));
    CHECK(std::vector<std::string>(v.end() - 3, v.end()) == std::vector<std::string>(expected.end() - 3, expected.end()));
    CHECK((v.begin() + 5)->size() == expected[5].size());
    CHECK(std::find(v.begin(), v.end(), item(7)) - v.begin() == 7);
}

TEST_CASE("ChunkedVector growth never moves an element") {
    Small v;
    v.push_back(item(0));
    const std::string* first = &v[0];
    const char* text = v[0].data();
    for (size_t i = 1; i < 40; ++i) v.emplace_back(item(i));
    CHECK(&v[0] == first);
    CHECK(v[0].data() == text);   // not even moved-from and back: the same string buffer
    CHECK(v[0] == item(0));
}

TEST_CASE("ChunkedVector pop, erase-remove, resize and clear") {
    Small v;
    std::vector<std::string> expected;
    for (size_t i = 0; i < 10; ++i) {
        v.push_back(item(i));
        expected.push_back(item(i));
    }
    v.pop_back();
    expected.pop_back();
    CHECK(items(v) == expected);
    auto odd = [](const std::string& s) { return (s[5] - '0') % 2 == 1; };
    v.erase(std::remove_if(v.begin(), v.end(), odd), v.end());
    expected.erase(std::remove_if(expected.begin(), expected.end(), odd), expected.end());
    CHECK(items(v) == expected);
    v.erase(v.begin());
    expected.erase(expected.begin());
    CHECK(items(v) == expected);
    v.resize(7);
    expected.resize(7);
    CHECK(items(v) == expected);
    v.resize(2);
    expected.resize(2);
    CHECK(items(v) == expected);
    v.clear();
    CHECK(v.empty());
    CHECK(v.capacity() >= 8);   // like std::vector::clear, the room stays
    v.push_back("again");
    CHECK(items(v) == std::vector<std::string>{"again"});
}

TEST_CASE("ChunkedVector copies, moves and compares by content") {
    Small a;
    for (size_t i = 0; i < 9; ++i) a.push_back(item(i));
    Small b = a;
    CHECK(b == a);
    b[8] += "!";
    CHECK(b != a);
    b = a;
    CHECK(b == a);
    Small c = std::move(b);
    CHECK(c == a);
    CHECK(b.empty());
    b.push_back(item(0));
    CHECK(b != a);
    Small d;
    d.reserve(9);
    CHECK(d.capacity() == 12);
    CHECK(d.empty());
}
