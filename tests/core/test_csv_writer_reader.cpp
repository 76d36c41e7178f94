// CSV writing (RFC 4180 quoting, BOM, formula neutralising) and the streaming reader (quotes,
// embedded line breaks, CRLF, BOM, ragged rows, bad UTF-8), including a round trip through both.
#include "core/csv_reader.h"
#include "core/csv_writer.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {

std::vector<dd::CsvRecord> read_all(const std::string& text, size_t chunk = 0) {
    std::vector<dd::CsvRecord> out;
    dd::CsvReader reader([&](dd::CsvRecord& r) { out.push_back(r); });
    if (chunk == 0) reader.feed(text);
    else
        for (size_t i = 0; i < text.size(); i += chunk) reader.feed(std::string_view(text).substr(i, chunk));
    reader.finish();
    return out;
}

std::string one_row(std::initializer_list<const char*> cells) {
    std::string out;
    dd::CsvWriter w(out);
    for (const char* c : cells) w.append_text(c);
    w.end_row();
    return out;
}

}  // namespace

TEST_CASE("csv writer: quotes only what needs quoting, doubles quotes, ends rows with CRLF") {
    CHECK(one_row({"plain", "with, comma", "say \"hi\"", "two\nlines", "cr\rhere", ""}) ==
          "plain,\"with, comma\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\",\r\n");
}

TEST_CASE("csv writer: UTF-8 text passes through; the BOM is written only when asked") {
    std::string out;
    dd::CsvWriter w(out, true);
    w.append_text("Café Müller – 東京");
    w.end_row();
    CHECK(out == std::string("\xEF\xBB\xBF") + "Café Müller – 東京\r\n");
    std::string plain;
    dd::CsvWriter w2(plain, false);
    w2.append_text("x");
    CHECK(plain == "x");
}

TEST_CASE("csv writer: cells starting with = + - @ tab CR LF get a single quote, numbers do not") {
    CHECK(one_row({"=SUM(A1:A9)", "+1", "-2+3", "@cmd", "\tx", "a=b"}) == "'=SUM(A1:A9),'+1,'-2+3,'@cmd,'\tx,a=b\r\n");
    // A trigger inside a quoted cell: the quote prefix goes inside the quotes.
    CHECK(one_row({"=HYPERLINK(\"http://x\",\"y\")"}) == "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\r\n");
    CHECK(one_row({"\r\n=1"}) == "\"'\r\n=1\"\r\n");
    std::string out;
    dd::CsvWriter w(out);
    w.append_number("-12.50");
    w.end_row();
    CHECK(out == "-12.50\r\n");
    CHECK(dd::csv_formula_trigger("\t=1"));
    CHECK_FALSE(dd::csv_formula_trigger("'=1"));
}

TEST_CASE("csv reader: plain rows, CRLF, LF and CR line ends, blank lines skipped, line numbers") {
    const auto rows = read_all("a,b\r\n1,2\n\n3,4\r5,6");
    REQUIRE(rows.size() == 4);
    CHECK(rows[0].fields == std::vector<std::string>{"a", "b"});
    CHECK(rows[1].line == 2);
    CHECK(rows[2].fields == std::vector<std::string>{"3", "4"});
    CHECK(rows[2].line == 4);
    CHECK(rows[3].fields == std::vector<std::string>{"5", "6"});
    CHECK(rows[3].line == 5);
    for (const auto& r : rows) CHECK(r.problem.empty());
}

TEST_CASE("csv reader: quoted fields with commas, doubled quotes and embedded line breaks") {
    const std::string text = "title,notes\r\n\"Acme, Inc\",\"He said \"\"yes\"\"\r\nthen left\"\r\nnext,row\r\n";
    for (size_t chunk : {size_t(0), size_t(1), size_t(2), size_t(7)}) {
        CAPTURE(chunk);
        const auto rows = read_all(text, chunk);
        REQUIRE(rows.size() == 3);
        CHECK(rows[1].fields == std::vector<std::string>{"Acme, Inc", "He said \"yes\"\r\nthen left"});
        CHECK(rows[1].line == 2);
        CHECK(rows[2].line == 4);   // the embedded line break counts
        CHECK(rows[2].fields == std::vector<std::string>{"next", "row"});
    }
}

// The import streams a file in slices (platform/web/file_picker.cpp): whatever byte a slice ends
// on, the records are the ones the whole text gives.
namespace {

std::vector<dd::CsvRecord> read_split(const std::string& text, size_t at) {
    std::vector<dd::CsvRecord> out;
    dd::CsvReader reader([&](dd::CsvRecord& r) { out.push_back(r); });
    reader.feed(std::string_view(text).substr(0, at));
    reader.feed(std::string_view(text).substr(at));
    reader.finish();
    return out;
}

void check_every_split(const std::string& text, const std::vector<std::vector<std::string>>& want) {
    for (size_t at = 0; at <= text.size(); ++at) {
        CAPTURE(at);
        const auto rows = read_split(text, at);
        REQUIRE(rows.size() == want.size());
        for (size_t i = 0; i < rows.size(); ++i) {
            CHECK(rows[i].fields == want[i]);
            CHECK(rows[i].problem.empty());
        }
    }
}

}  // namespace

TEST_CASE("csv reader streamed: a row split across two slices, at every byte, CRLF included") {
    check_every_split("title,value\r\nGlobex rollout,1250\r\nInitech,99\r\n",
                      {{"title", "value"}, {"Globex rollout", "1250"}, {"Initech", "99"}});
    // A CR ending one slice and its LF starting the next is one line end, not a blank line.
    const auto rows = read_split("a\r\nb\r\nc", 2);
    REQUIRE(rows.size() == 3);
    CHECK(rows[2].line == 3);
}

TEST_CASE("csv reader streamed: a quoted field with line breaks and doubled quotes split across slices") {
    check_every_split("title,notes\n\"Acme, Inc\",\"said \"\"yes\"\"\r\nthen\nleft\"\nnext,row\n",
                      {{"title", "notes"}, {"Acme, Inc", "said \"yes\"\r\nthen\nleft"}, {"next", "row"}});
    const auto rows = read_split("t,n\n\"a\nb\",c\nd,e\n", 6);   // the slice ends inside the quotes
    REQUIRE(rows.size() == 3);
    CHECK(rows[2].line == 4);   // the embedded line break still counts
}

TEST_CASE("csv reader streamed: a UTF-8 sequence split across slices is whole and valid") {
    // Two-, three- and four-byte sequences: every split falls inside one of them somewhere.
    check_every_split("name,city\nZo\xC3\xAB,K\xC3\xB6ln\n\xE2\x82\xAC 5,\xF0\x9F\x98\x80\n",
                      {{"name", "city"}, {"Zo\xC3\xAB", "K\xC3\xB6ln"}, {"\xE2\x82\xAC 5", "\xF0\x9F\x98\x80"}});
    // A truncated sequence is still reported when its bytes come in two slices.
    const auto bad = read_split("a\nx\xE2\x82,y\n", 4);
    REQUIRE(bad.size() == 2);
    CHECK(bad[1].problem.find("invalid UTF-8 in field 1") != std::string::npos);
}

TEST_CASE("csv reader: a UTF-8 BOM is dropped, even split across chunks; UTF-16 is reported") {
    const auto rows = read_all("\xEF\xBB\xBFtitle\r\nx\r\n", 1);
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].fields[0] == "title");
    std::vector<dd::CsvRecord> out;
    dd::CsvReader reader([&](dd::CsvRecord& r) { out.push_back(r); });
    reader.feed("\xFF\xFEt\0i\0");
    reader.finish();
    CHECK(reader.file_problem().find("UTF-16") != std::string::npos);
}

TEST_CASE("csv reader: ragged rows keep their fields (the importer judges the count); a trailing comma is an empty field") {
    const auto rows = read_all("a,b,c\n1,2\n1,2,3,4\n1,2,\n");
    REQUIRE(rows.size() == 4);
    CHECK(rows[1].fields.size() == 2);
    CHECK(rows[2].fields.size() == 4);
    CHECK(rows[3].fields == std::vector<std::string>{"1", "2", ""});
}

TEST_CASE("csv reader: quoting problems and bad UTF-8 are reported with their line, reading goes on") {
    const auto rows = read_all("a,b\nx\"y,2\n\"ok\"tail,3\ngood,\xC3\x28\nfine,4\n\"never closed,5\nmore\n");
    REQUIRE(rows.size() == 6);
    CHECK(rows[1].problem.find("quote inside an unquoted field 1") != std::string::npos);
    CHECK(rows[1].line == 2);
    CHECK(rows[2].problem.find("after the closing quote") != std::string::npos);
    CHECK(rows[3].problem.find("invalid UTF-8 in field 2") != std::string::npos);
    CHECK(rows[3].line == 4);
    CHECK(rows[4].problem.empty());
    CHECK(rows[5].problem.find("opened on line 6 is never closed") != std::string::npos);
}

TEST_CASE("csv: what the writer writes, the reader reads back cell for cell") {
    const std::vector<std::vector<std::string>> cells = {
        {"Title", "Notes", "Value"},
        {"Acme, \"the\" deal", "line1\r\nline2\nline3", "1234.50"},
        {"", "Ünïcödé ✓", "0"},
        {"=1+2", "@x", "-5"},
    };
    std::string text;
    dd::CsvWriter w(text, true);
    for (const auto& row : cells) {
        for (const auto& c : row) w.append_text(c);
        w.end_row();
    }
    const auto rows = read_all(text, 3);
    REQUIRE(rows.size() == cells.size());
    for (size_t i = 0; i < 3; ++i) CHECK(rows[i].fields == cells[i]);
    // Neutralised cells come back with their quote prefix: the formula is not live.
    CHECK(rows[3].fields == std::vector<std::string>{"'=1+2", "'@x", "'-5"});
}

TEST_CASE("utf-8 validation: overlong forms, surrogates and truncated sequences are invalid") {
    CHECK(dd::invalid_utf8_at("plain ascii") == std::string_view::npos);
    CHECK(dd::invalid_utf8_at("\xE2\x9C\x93 ok") == std::string_view::npos);
    CHECK(dd::invalid_utf8_at("ab\xC0\xAF") == 2);
    CHECK(dd::invalid_utf8_at("\xED\xA0\x80") == 0);
    CHECK(dd::invalid_utf8_at("x\xE2\x9C") == 1);
    CHECK(dd::invalid_utf8_at("\xFF") == 0);
}
