// Older versions are migrated on load: the pre-release "version 0" fixture becomes version 1.
#include "core/json_io.h"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

using namespace dd;

namespace {

std::string read_fixture(const char* name) {
    std::ifstream in(std::string(DEALDECK_SOURCE_DIR) + "/tests/core/fixtures/" + name, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), name);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string replaced(std::string doc, const std::string& from, const std::string& to) {
    const size_t at = doc.find(from);
    REQUIRE_MESSAGE(at != std::string::npos, from);
    return doc.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("a version 0 file loads: amounts become integer minor units, records get revision 1") {
    Result<Workspace> r = load_workspace_json(read_fixture("workspace_v0.json"));
    REQUIRE_MESSAGE(r.ok(), r.error().text());
    const Workspace& ws = r.value();
    REQUIRE(ws.deals.size() == 3);
    CHECK(ws.deals[0].value == 123450);           // "1234.50" USD -> cents
    CHECK(ws.deals[1].value == 980000);           // "980000" JPY has no minor unit
    CHECK(ws.deals[1].currency.view() == "JPY");
    CHECK(ws.deals[2].value == 1250);             // "12.5" EUR -> euro cents
    for (const Deal& d : ws.deals) CHECK(d.meta.revision == 1);
    CHECK(ws.team[0].meta.revision == 1);
    CHECK(ws.notes[0].meta.revision == 1);
    CHECK(ws.settings.revision == 1);
    REQUIRE(ws.tombstones.size() == 1);
    CHECK(ws.tombstones[0].revision == 1);
    // Everything else came through unchanged.
    CHECK(ws.settings.locale == "en-GB");
    CHECK(ws.deals[2].lost_reason == ws.lost_reasons[0].meta.id);
    CHECK(ws.pipelines[0].stages[1].name == "Proposal");
}

TEST_CASE("a migrated file is saved as the current version and loads again unchanged") {
    Result<Workspace> first = load_workspace_json(read_fixture("workspace_v0.json"));
    REQUIRE(first.ok());
    const std::string saved = save_workspace_json(first.value());
    CHECK(saved.rfind("{\"format\":\"dealdeck\",\"version\":1,", 0) == 0);
    Result<Workspace> again = load_workspace_json(saved);
    REQUIRE_MESSAGE(again.ok(), again.error().text());
    CHECK(save_workspace_json(again.value()) == saved);
}

TEST_CASE("a version 0 amount that cannot be converted is refused with its path") {
    const std::string v0 = read_fixture("workspace_v0.json");
    Result<Workspace> r = load_workspace_json(replaced(v0, "\"amount\": \"1234.50\"", "\"amount\": \"1234.505\""));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().text() ==
          "deals[0].amount: \"1234.505\" has more decimals than the currency has (2) (while migrating from format version 0)");
    r = load_workspace_json(replaced(v0, "\"amount\": \"980000\"", "\"amount\": 980000"));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().text() ==
          "deals[1].amount: expected a decimal string like \"1234.50\" (while migrating from format version 0)");
    r = load_workspace_json(replaced(v0, "\"amount\": \"980000\"", "\"amount\": \"98O000\""));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().text() ==
          "deals[1].amount: expected a decimal string like \"1234.50\", got \"98O000\" (while migrating from format version 0)");
}

TEST_CASE("after migration the current version's checks still apply, with paths") {
    const std::string v0 = read_fixture("workspace_v0.json");
    Result<Workspace> r = load_workspace_json(replaced(v0, "\"stage\": \"3c00000000000002\"", "\"stage\": \"3c00000000000009\""));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().text() == "deals[0].stage: no stage with id 3c00000000000009");
    // Broken JSON in an old file is reported with its position like any other.
    r = load_workspace_json(v0.substr(0, v0.size() / 2));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("unexpected end of input (truncated JSON)") == 0);
}

TEST_CASE("a negative version is refused") {
    Result<Workspace> r = load_workspace_json(R"({"format":"dealdeck","version":-1})");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().text() == "version: must be 0 or more");
}
