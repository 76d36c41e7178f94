// A streaming RFC 4180 CSV reader: feed it the bytes in chunks of any size (a file read piece by
// piece), it hands over each complete record with the line it starts on. Accepts CRLF, LF and
// lone CR line ends, quoted fields with doubled quotes and embedded line breaks, a UTF-8 byte
// order mark at the start. Blank lines are skipped.
//
// It never stops at a bad record: the record is handed over with a problem ("quote inside an
// unquoted field", "invalid UTF-8 in field 3", "quoted field opened on line 7 is never closed"),
// so the importer can list every bad line with its reason and let the user skip them.
#pragma once
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace dd {

struct CsvRecord {
    std::vector<std::string> fields;
    size_t line = 0;        // 1-based physical line where the record starts
    std::string problem;    // empty = well formed
};

class CsvReader {
public:
    using Sink = std::function<void(CsvRecord&)>;
    explicit CsvReader(Sink sink) : sink_(std::move(sink)) {}

    void feed(std::string_view chunk);
    void finish();                       // end of input: hands over the last record
    size_t lines() const { return line_; }
    // A problem with the whole file (UTF-16 text), reported once; records still follow.
    const std::string& file_problem() const { return file_problem_; }

private:
    enum class State { FieldStart, Unquoted, Quoted, QuoteInQuoted, AfterQuoted };
    void consume(std::string_view bytes);
    void end_field();
    void end_record();
    void count_line(char c);   // c is CR or LF
    // A comma ends the field and a line break the record, the same after an unquoted value and
    // after a closing quote: true when `c` was one of those (and was handled).
    bool ends_field(char c);
    void problem(std::string text);

    Sink sink_;
    CsvRecord record_;
    std::string field_;
    State state_ = State::FieldStart;
    size_t line_ = 1;
    size_t quote_line_ = 0;     // where the open quoted field started
    bool after_cr_ = false;     // the last byte was CR (a following LF belongs to it)
    bool field_quoted_ = false;
    bool started_ = false;      // the first bytes (byte order mark) were looked at
    std::string head_;          // the first bytes until we know whether they are a BOM
    std::string file_problem_;
};

// Where the first invalid UTF-8 sequence starts in `s`, or npos.
size_t invalid_utf8_at(std::string_view s);

}  // namespace dd
