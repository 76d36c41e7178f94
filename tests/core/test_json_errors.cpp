// Malformed input: every class of error is refused with the JSON path and the reason.
#include "core/json_io.h"
#include "core/store.h"

#include <doctest/doctest.h>

#include <string>

using namespace dd;

namespace {

// A small valid document, written by hand the way a user or another tool would.
const std::string kValid = R"({
  "format": "dealdeck", "version": 1,
  "settings": {"revision": 2, "updated_at": "2026-01-05T09:30:00.000Z", "name": "Test", "base_currency": "USD",
               "rates": [{"currency": "EUR", "rate_ppm": 1085000}], "current_user": "a000000000000001", "locale": "en-US"},
  "team": [{"id": "a000000000000001", "revision": 1, "created_at": "2026-01-01T00:00:00Z",
            "updated_at": "2026-01-01T00:00:00Z", "name": "Alex", "email": "alex@example.com", "role": "admin"}],
  "pipelines": [{"id": "b000000000000001", "revision": 1, "created_at": "2026-01-01T00:00:00Z",
                 "updated_at": "2026-01-01T00:00:00Z", "name": "Sales", "position": 0, "stages": [
      {"id": "c000000000000001", "name": "Lead", "kind": "open", "probability": 10, "color": "#4f8fe8", "idle_days": 7},
      {"id": "c000000000000002", "name": "Won", "kind": "won", "probability": 100},
      {"id": "c000000000000003", "name": "Lost", "kind": "lost", "probability": 0}]}],
  "companies": [{"id": "d000000000000001", "revision": 1, "created_at": "2026-01-01T00:00:00Z",
                 "updated_at": "2026-01-01T00:00:00Z", "name": "Acme"}],
  "contacts": [{"id": "e000000000000001", "revision": 1, "created_at": "2026-01-01T00:00:00Z",
                "updated_at": "2026-01-01T00:00:00Z", "name": "Jo Doe", "company": "d000000000000001"}],
  "deals": [
    {"id": "f000000000000001", "revision": 3, "created_at": "2026-01-02T10:00:00.000Z",
     "updated_at": "2026-01-03T10:00:00.000Z", "title": "Acme pilot", "value": 125000, "currency": "USD",
     "pipeline": "b000000000000001", "stage": "c000000000000001", "status": "open",
     "contacts": ["e000000000000001"], "company": "d000000000000001", "expected_close": "2026-02-28"},
    {"id": "f000000000000002", "revision": 1, "created_at": "2026-01-02T10:00:00.000Z",
     "updated_at": "2026-01-02T10:00:00.000Z", "title": "Acme renewal", "value": 99000, "currency": "EUR",
     "pipeline": "b000000000000001", "stage": "c000000000000002", "status": "won",
     "contacts": ["e000000000000001"]}]
})";

// kValid with the first occurrence of `from` replaced by `to` (which must be there).
std::string with(const std::string& from, const std::string& to, std::string doc = kValid) {
    const size_t at = doc.find(from);
    REQUIRE_MESSAGE(at != std::string::npos, from);
    return doc.replace(at, from.size(), to);
}

std::string error_of(const std::string& doc) {
    Result<Workspace> r = load_workspace_json(doc);
    if (r.ok()) return "(loaded)";
    return r.error().text();
}

}  // namespace

TEST_CASE("the hand-written reference document loads with every value in place") {
    Result<Workspace> r = load_workspace_json(kValid);
    REQUIRE_MESSAGE(r.ok(), r.error().text());
    const Workspace& ws = r.value();
    REQUIRE(ws.deals.size() == 2);
    CHECK(ws.deals[0].title == "Acme pilot");
    CHECK(ws.deals[0].value == 125000);
    CHECK(ws.deals[0].expected_close == day_from_civil(2026, 2, 28));
    CHECK(ws.deals[0].meta.created_at == 1767348000000);  // 2026-01-02T10:00:00Z
    CHECK(ws.deals[1].currency.view() == "EUR");
    CHECK(ws.deals[1].status == DealStatus::Won);
    CHECK(ws.deals[1].probability_override == -1);  // absent optional field: its default
    CHECK(ws.deals[1].expected_close == kNoDay);
    CHECK(ws.pipelines[0].stages[0].color == 0x4f8fe8);
    CHECK(ws.settings.rates[0].rate_ppm == 1085000);
}

TEST_CASE("wrong value types name the path") {
    CHECK(error_of(with("\"value\": 99000", "\"value\": \"99000\"")) == "deals[1].value: expected an integer");
    CHECK(error_of(with("\"value\": 99000", "\"value\": 990.5")) == "deals[1].value: expected an integer");
    CHECK(error_of(with("\"title\": \"Acme pilot\"", "\"title\": 12")) == "deals[0].title: expected a string");
    CHECK(error_of(with("\"contacts\": [\"e000000000000001\"]", "\"contacts\": \"e000000000000001\"")) ==
          "deals[0].contacts: expected an array");
    CHECK(error_of(with("\"deals\": [", "\"deals\": {\"x\": 1}, \"ignored\": [")) == "deals: expected an array");
    CHECK(error_of(with("\"status\": \"open\"", "\"status\": \"pending\"")) ==
          "deals[0].status: unknown value \"pending\"");
    CHECK(error_of(with("\"value\": 125000", "\"value\": -1")) == "deals[0].value: must not be negative");
    CHECK(error_of(with("\"value\": 125000", "\"value\": 99999999999999999999")) ==
          "deals[0].value: integer out of range");
}

TEST_CASE("a missing required field names the field") {
    CHECK(error_of(with("\"title\": \"Acme pilot\", ", "")) == "deals[0].title: missing required field");
    CHECK(error_of(with("\"role\": \"admin\"", "\"x\": 1")) == "team[0].role: missing required field");
    CHECK(error_of(with("\"format\": \"dealdeck\", ", "")) == "format: missing required field (not a Dealdeck file)");
    CHECK(error_of(with("\"version\": 1,", "")) == "version: missing required field");
}

TEST_CASE("bad ids, dates, instants, currencies and colours") {
    CHECK(error_of(with("\"id\": \"f000000000000001\"", "\"id\": \"F00000000000000X\"")) ==
          "deals[0].id: expected an id (16 lowercase hex digits), got \"F00000000000000X\"");
    CHECK(error_of(with("\"stage\": \"c000000000000001\"", "\"stage\": null")) == "deals[0].stage: must be set");
    CHECK(error_of(with("\"2026-02-28\"", "\"2026-02-30\"")) ==
          "deals[0].expected_close: expected a date YYYY-MM-DD, got \"2026-02-30\"");
    CHECK(error_of(with("\"2026-01-02T10:00:00.000Z\"", "\"2026-01-02 10:00\"")) ==
          "deals[0].created_at: expected a UTC time YYYY-MM-DDTHH:MM:SS.sssZ, got \"2026-01-02 10:00\"");
    CHECK(error_of(with("\"currency\": \"USD\"", "\"currency\": \"usd\"")) ==
          "deals[0].currency: expected a currency code of 3 capital letters, got \"usd\"");
    CHECK(error_of(with("\"currency\": \"USD\"", "\"currency\": \"CHF\"")) ==
          "deals[0].currency: no exchange rate for CHF in settings.rates");
    CHECK(error_of(with("\"#4f8fe8\"", "\"blue\"")) == "pipelines[0].stages[0].color: expected a colour \"#rrggbb\", got \"blue\"");
    CHECK(error_of(with("\"probability\": 10", "\"probability\": 120")) ==
          "pipelines[0].stages[0].probability: must be between 0 and 100");
}

TEST_CASE("duplicate ids and fields are refused") {
    CHECK(error_of(with("\"id\": \"f000000000000002\"", "\"id\": \"f000000000000001\"")) ==
          "deals[1].id: duplicate id f000000000000001 (also deals[0])");
    CHECK(error_of(with("\"id\": \"c000000000000002\"", "\"id\": \"c000000000000001\"")) ==
          "pipelines[0].stages[1].id: duplicate stage id c000000000000001");
    CHECK(error_of(with("\"revision\": 3,", "\"revision\": 3, \"revision\": 4,")) == "deals[0].revision: duplicate field");
}

TEST_CASE("dangling references and broken pipelines are refused") {
    CHECK(error_of(with("\"contacts\": [\"e000000000000001\"]", "\"contacts\": [\"e000000000000009\"]")) ==
          "deals[0].contacts[0]: no contact with id e000000000000009");
    CHECK(error_of(with("\"company\": \"d000000000000001\"", "\"company\": \"d000000000000007\"")) ==
          "contacts[0].company: no company with id d000000000000007");
    CHECK(error_of(with("\"pipeline\": \"b000000000000001\"", "\"pipeline\": \"b000000000000002\"")) ==
          "deals[0].pipeline: no pipeline with id b000000000000002");
    CHECK(error_of(with("\"current_user\": \"a000000000000001\"", "\"current_user\": \"a000000000000002\"")) ==
          "settings.current_user: no team member with id a000000000000002");
    // The Won stage with an open deal in it: status and stage disagree.
    CHECK(error_of(with("\"stage\": \"c000000000000001\"", "\"stage\": \"c000000000000002\"")) ==
          "deals[0].status: a open deal cannot be in a won stage");
    // A pipeline whose last stage is not the Lost stage.
    CHECK(error_of(with("\"kind\": \"lost\"", "\"kind\": \"open\"")) ==
          "pipelines[0].stages: must hold the open stages, then one won stage, then one lost stage");
    CHECK(error_of(with("\"probability\": 100", "\"probability\": 90")) ==
          "pipelines[0].stages[1].probability: a won stage has probability 100");
}

TEST_CASE("broken JSON: truncated, not an object, trailing text, bad escapes") {
    CHECK(error_of(kValid.substr(0, kValid.find("\"Acme renewal\""))) ==
          "deals[1].title: unexpected end of input (truncated JSON) (line 22, column 57)");
    CHECK(error_of(kValid.substr(0, kValid.size() - 2)) ==
          "unexpected end of input (truncated JSON) (line 24, column 40)");
    CHECK(error_of("") == "unexpected end of input (truncated JSON) (line 1, column 1)");
    CHECK(error_of("[1, 2]") == "expected an object");
    CHECK(error_of("\"dealdeck\"") == "expected an object");
    CHECK(error_of(kValid + "x") == "unexpected text after the end of the JSON value (line 25, column 2)");
    CHECK(error_of(with("\"Acme pilot\"", "\"Acme \\q pilot\"")) ==
          "deals[0].title: invalid escape in a string (line 18, column 63)");
    CHECK(error_of(with("\"Acme pilot\"", "\"Acme \xff pilot\"")) ==
          "deals[0].title: invalid UTF-8 in a string (line 18, column 63)");
}

TEST_CASE("the format name and the version are checked first") {
    CHECK(error_of(with("\"dealdeck\"", "\"trello\"")) == "format: expected \"dealdeck\", got \"trello\" (not a Dealdeck file)");
    CHECK(error_of(with("\"version\": 1", "\"version\": 2")) ==
          "version: this file was written by a newer Dealdeck (format version 2); this version reads up to 1. "
          "Update Dealdeck to open it.");
    CHECK(error_of(with("\"version\": 1", "\"version\": \"1\"")) == "version: expected an integer");
}

TEST_CASE("unknown fields are ignored at every level (forward compatibility within a version)") {
    std::string doc = with("\"version\": 1,", "\"version\": 1, \"future\": {\"a\": [1, 2.5e3, null, true, \"\\u00e9\"]},");
    doc = with("\"title\": \"Acme pilot\",", "\"title\": \"Acme pilot\", \"colour_theme\": {\"dark\": [false]},", doc);
    doc = with("\"idle_days\": 7", "\"idle_days\": 7, \"emoji\": \"\\ud83d\\ude80\"", doc);
    Result<Workspace> r = load_workspace_json(doc);
    REQUIRE_MESSAGE(r.ok(), r.error().text());
    CHECK(r.value().deals[0].title == "Acme pilot");
}

TEST_CASE("a refused load returns no workspace at all, whatever was read before the error") {
    // The error is in the last deal: nothing of what was read before it comes back.
    Result<Workspace> r = load_workspace_json(with("\"value\": 99000", "\"value\": null"));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().field == "deals[1].value");
    CHECK(r.error().message == "expected an integer");
}

TEST_CASE("opening a broken file keeps the store as it was") {
    Result<Workspace> good = load_workspace_json(kValid);
    REQUIRE(good.ok());
    Store store;
    REQUIRE(store.load(std::move(good.value())).ok());
    const std::string before = save_workspace_json(store.workspace());
    // What the app does when a file is opened: apply the loader's result only if it succeeded.
    Result<Workspace> bad = load_workspace_json(with("\"id\": \"f000000000000002\"", "\"id\": \"f000000000000001\""));
    REQUIRE_FALSE(bad.ok());
    CHECK(save_workspace_json(store.workspace()) == before);
    CHECK(store.find_deal(0xf000000000000002ULL) != nullptr);
}
