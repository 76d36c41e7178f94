// CompactString (the deal's rarely set texts): behaves like a std::string value where the model's
// users rely on it, and holds no heap while empty.
#include "core/compact_string.h"
#include "core/model.h"
#include <doctest/doctest.h>
#include <utility>
#include <vector>

using namespace dd;

TEST_CASE("an empty CompactString holds no heap and reads as an empty C string") {
    CompactString s;
    CHECK(s.empty());
    CHECK(s.size() == 0);
    CHECK(s.heap_bytes() == 0);
    CHECK(std::string(s.c_str()).empty());
    CHECK(s == "");
    CHECK(std::string_view(s).empty());
    s = "";
    CHECK(s.empty());   // assigning an empty text frees the block: empty means no heap
    CHECK(s.heap_bytes() == 0);
    CHECK(sizeof(CompactString) == sizeof(void*));
}

TEST_CASE("a CompactString keeps its text, size and terminating zero") {
    CompactString s = "Wants the API plan";
    CHECK_FALSE(s.empty());
    CHECK(s.size() == 18);
    CHECK(s.c_str()[18] == '\0');
    CHECK(s.view() == "Wants the API plan");
    CHECK(s.heap_bytes() == 8 + 18 + 1);
    const std::string with_zero("a\0b", 3);   // embedded zeros survive (size is stored, not searched)
    s = with_zero;
    CHECK(s.size() == 3);
    CHECK(s == with_zero);
}

TEST_CASE("CompactString copies share one block until assigned; moves leave the source empty") {
    CompactString a = std::string("NW-100042");
    CompactString b = a;
    CHECK(b == a);
    CHECK(b.data() == a.data());   // shared, nothing allocated
    b = "NW-7";
    CHECK(a == "NW-100042");
    CHECK(b == "NW-7");
    {
        CompactString c = a, d;
        d = c;
        c = "other";
        CHECK(d == "NW-100042");
        CHECK(d.data() == a.data());
    }   // the copies go; `a` still holds its block
    CHECK(a == "NW-100042");
    CompactString e = a;
    e = "NW-9";   // assigning a shared string leaves the other holder's text alone
    CHECK(a == "NW-100042");
    a = e;
    e = "NW-100042";
    CHECK(a == "NW-9");
    a = e;

    CompactString c = std::move(a);
    CHECK(c == "NW-100042");
    CHECK(a.empty());   // NOLINT: moved-from is defined as empty
    a = std::move(c);
    CHECK(a == "NW-100042");
    CHECK(c.empty());

    a = a;   // self-assignment keeps the text
    CHECK(a == "NW-100042");
    a = a.view().substr(3);   // assigning a view of itself
    CHECK(a == "100042");
    std::swap(a, b);
    CHECK(a == "NW-7");
    CHECK(b == "100042");
    b.clear();
    CHECK(b.empty());
}

TEST_CASE("CompactString compares and concatenates with std::string, string_view and C strings") {
    const CompactString s = "Referral";
    const std::string same = "Referral", other = "Website";
    CHECK(s == same);
    CHECK(same == s);
    CHECK(s != other);
    CHECK(other != s);
    CHECK(s == std::string_view("Referral"));
    CHECK(s != "Referra");
    CHECK("Referral" == s);
    CHECK(CompactString("a") < CompactString("b"));
    CHECK(CompactString() == CompactString(""));

    CHECK("from " + s == "from Referral");
    CHECK(std::string("from ") + s + "!" == "from Referral!");
    CHECK(s + " partner" == "Referral partner");
    std::string out = "source: ";
    out += s;
    CHECK(out == "source: Referral");
    std::string copy = s;
    CHECK(copy == "Referral");
    copy = CompactString("x");
    CHECK(copy == "x");
}

TEST_CASE("Deal's compact fields read and write like strings and copy with the deal") {
    Deal d;
    CHECK(d.description.empty());
    d.description = "Wants the " + std::string("Analytics add-on");
    d.source = "Website";
    d.external_ref = std::string_view("NW-1");
    d.custom.push_back(CustomValue{7, "Gold", 0});
    Deal e = d;
    e.description.clear();
    CHECK(d.description == "Wants the Analytics add-on");
    CHECK(e.description.empty());
    CHECK(e.source == d.source);
    CHECK(e.custom[0].text == "Gold");
    const std::string& title = d.title;   // the common std::string fields stay as they were
    CHECK(title.empty());
}

TEST_CASE("CompactString::substr returns a std::string like std::string::substr") {
    const CompactString s = "NW-100042";
    CHECK(s.substr(0, 2) == "NW");
    CHECK(s.substr(3) == "100042");
    CHECK(CompactString().substr(0, 2).empty());
}
