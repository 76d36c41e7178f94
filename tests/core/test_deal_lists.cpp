// The deal's compact lists (model.h): InlineIds for its contacts (one id inline, more on the
// heap) and CompactVector for its custom values (one pointer wide). Each agrees with a
// std::vector through random edits, copies and moves, and reads and writes like one.
#include "core/model.h"
#include <doctest/doctest.h>
#include <algorithm>
#include <random>
#include <vector>

using namespace dd;

TEST_CASE("InlineIds agrees with std::vector<Id> through pushes, erases, copies and moves") {
    std::mt19937_64 rng(11);
    InlineIds ids;
    std::vector<Id> model;
    for (int step = 0; step < 20000; ++step) {
        const int roll = int(rng() % 10);
        if (roll < 5 || model.empty()) {
            const Id id = rng() | 1;
            ids.push_back(id);
            model.push_back(id);
        } else if (roll < 7) {
            const size_t at = size_t(rng() % model.size());
            ids.erase(ids.begin() + at);
            model.erase(model.begin() + long(at));
        } else if (roll == 7) {
            InlineIds copy = ids;   // a copy is equal and independent
            REQUIRE(copy == ids);
            copy.push_back(1);
            REQUIRE(copy != ids);
            ids = std::move(copy);
            model.push_back(1);
        } else if (roll == 8) {
            if (rng() % 4 == 0) {
                ids.clear();
                model.clear();
            }
        } else {
            ids = std::vector<Id>(model);   // assignment from a vector, sizes 0..n
        }
        REQUIRE(ids.size() == model.size());
        REQUIRE(ids == model);
        REQUIRE(std::vector<Id>(ids) == model);
        if (!model.empty()) CHECK(ids.front() == model.front());
    }
}

TEST_CASE("InlineIds keeps one id without heap and spills to one block for more") {
    InlineIds one{42};
    CHECK(one.size() == 1);
    CHECK(one[0] == 42);
    CHECK(one.heap_bytes() == 0);
    InlineIds two = one;
    two.push_back(43);
    CHECK(two == std::vector<Id>{42, 43});
    CHECK(two.heap_bytes() == 2 * sizeof(Id));
    CHECK(one == std::vector<Id>{42});   // the copy did not share storage
    InlineIds moved = std::move(two);
    CHECK(moved == std::vector<Id>{42, 43});
    CHECK(two.empty());
    two.push_back(7);   // a moved-from list is usable
    CHECK(two == std::vector<Id>{7});
    static_assert(sizeof(InlineIds) == 16, "two counts and one id or pointer");
}

TEST_CASE("CompactVector<CustomValue> agrees with std::vector through pushes, erases and copies") {
    std::mt19937_64 rng(13);
    CompactVector<CustomValue> values;
    std::vector<CustomValue> model;
    auto same = [&]() {
        if (values.size() != model.size()) return false;
        for (size_t i = 0; i < model.size(); ++i)
            if (values[i].field != model[i].field || values[i].text != model[i].text || values[i].number != model[i].number)
                return false;
        return true;
    };
    for (int step = 0; step < 20000; ++step) {
        const int roll = int(rng() % 10);
        if (roll < 5 || model.empty()) {
            CustomValue v{rng() | 1, rng() % 2 ? CompactString("text " + std::to_string(step)) : CompactString(), int64_t(rng() % 1000)};
            values.push_back(v);
            model.push_back(v);
        } else if (roll < 7) {   // the remove_if idiom the commands use
            const Id field = model[size_t(rng() % model.size())].field;
            values.erase(std::remove_if(values.begin(), values.end(), [&](const CustomValue& v) { return v.field == field; }),
                         values.end());
            model.erase(std::remove_if(model.begin(), model.end(), [&](const CustomValue& v) { return v.field == field; }),
                        model.end());
        } else if (roll == 7) {
            CompactVector<CustomValue> copy = values;
            copy.push_back(values.empty() ? CustomValue{} : values[0]);   // an element of itself
            values = copy;
            model.push_back(model.empty() ? CustomValue{} : model[0]);
        } else if (roll == 8) {
            if (rng() % 4 == 0) {
                values.clear();
                model.clear();
            }
        } else {
            values = std::vector<CustomValue>(model);
        }
        REQUIRE(same());
        REQUIRE(values.heap_bytes() == (values.capacity() ? 8 + values.capacity() * sizeof(CustomValue) : 0));
    }
    static_assert(sizeof(CompactVector<CustomValue>) == sizeof(void*), "one pointer");
}

TEST_CASE("CompactVector grows one at a time while short: a few values take exactly their room") {
    CompactVector<CustomValue> v;
    CHECK(v.heap_bytes() == 0);
    for (int i = 0; i < 3; ++i) v.push_back(CustomValue{Id(i + 1), {}, i});
    CHECK(v.capacity() == 3);
    Deal d;
    d.custom = std::vector<CustomValue>{CustomValue{9, "Gold", 0}};
    Deal e = d;   // a deal copies its values
    e.custom[0].text = "Silver";
    CHECK(d.custom[0].text == "Gold");
    CHECK(e.custom.size() == 1);
}

TEST_CASE("CompactVector::resize adds default values and destroys the ones beyond the new size") {
    // As the undo code uses it (store_undo.cpp's restore_kind): room for images filled back to
    // front, the unused front part erased.
    CompactVector<CustomValue> v;
    v.resize(0);
    CHECK(v.empty());
    CHECK(v.heap_bytes() == 0);
    v.push_back(CustomValue{7, "kept", 1});
    v.resize(4);
    REQUIRE(v.size() == 4);
    CHECK(v[0].field == 7);
    CHECK(v[0].text == "kept");
    for (size_t i = 1; i < 4; ++i) {
        CHECK(v[i].field == kNoId);
        CHECK(v[i].text.empty());
        CHECK(v[i].number == 0);
    }
    v[3] = CustomValue{9, "a text long enough to need a block of its own", 2};
    v.erase(v.begin() + 1, v.begin() + 3);
    REQUIRE(v.size() == 2);
    CHECK(v[1].text == "a text long enough to need a block of its own");
    v.resize(1);
    REQUIRE(v.size() == 1);
    CHECK(v[0].text == "kept");
    CHECK(v.capacity() >= 4);   // shrinking keeps the block, as std::vector does
}
