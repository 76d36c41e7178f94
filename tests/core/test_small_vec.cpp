// SmallVec (the inline lists of an undo step): order, the spill to the heap past N, erase and
// moves keep every element exactly once, and no element's heap memory outlives it.
#include "core/small_vec.h"
#include <doctest/doctest.h>
#include <algorithm>
#include <string>
#include <vector>

using dd::SmallVec;

namespace {
std::vector<std::string> items(const SmallVec<std::string, 2>& v) { return {v.begin(), v.end()}; }
const std::string kLong = "a string long enough to live on the heap, not in the object";
}  // namespace

TEST_CASE("SmallVec keeps order inline, then on the heap past N") {
    SmallVec<std::string, 2> v;
    CHECK(v.empty());
    v.push_back("a");
    v.push_back(kLong);
    CHECK(!v.spilled());
    CHECK(v.heap_bytes() == 0);
    CHECK(items(v) == std::vector<std::string>{"a", kLong});
    v.push_back("c");
    CHECK(v.spilled());
    CHECK(v.heap_bytes() >= 3 * sizeof(std::string));
    CHECK(items(v) == std::vector<std::string>{"a", kLong, "c"});
    CHECK(v.back() == "c");
    CHECK(v[1] == kLong);
}

TEST_CASE("SmallVec erase keeps the others in order, inline and spilled") {
    for (size_t n : {2u, 5u}) {
        CAPTURE(n);
        SmallVec<std::string, 2> v;
        std::vector<std::string> expected;
        for (size_t i = 0; i < n; ++i) {
            v.push_back(kLong + std::to_string(i));
            expected.push_back(kLong + std::to_string(i));
        }
        v.erase(v.begin());
        expected.erase(expected.begin());
        CHECK(items(v) == expected);
        // The erase-remove idiom (restore drops placements of deals that are gone this way).
        v.erase(std::remove_if(v.begin(), v.end(), [](const std::string& s) { return s.back() == '1'; }), v.end());
        expected.erase(std::remove_if(expected.begin(), expected.end(), [](const std::string& s) { return s.back() == '1'; }),
                       expected.end());
        CHECK(items(v) == expected);
    }
}

TEST_CASE("SmallVec moves hand every element over and leave the source empty") {
    for (size_t n : {1u, 2u, 3u}) {
        CAPTURE(n);
        SmallVec<std::string, 2> a;
        for (size_t i = 0; i < n; ++i) a.push_back(kLong + std::to_string(i));
        const std::vector<std::string> expected = items(a);
        SmallVec<std::string, 2> b(std::move(a));
        CHECK(items(b) == expected);
        CHECK(a.empty());
        SmallVec<std::string, 2> c;
        c.push_back("old");
        c = std::move(b);
        CHECK(items(c) == expected);
        CHECK(b.empty());
        b.push_back("reused");   // a moved-from SmallVec is usable again
        CHECK(items(b) == std::vector<std::string>{"reused"});
    }
}
