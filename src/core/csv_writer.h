// RFC 4180 CSV writing: fields separated by commas, records ended by CRLF, a field quoted when it
// holds a comma, a double quote, CR or LF (quotes doubled inside). UTF-8, optionally preceded by a
// byte-order mark (Excel on Windows needs it to read UTF-8).
//
// Formula injection (OWASP "CSV Injection"): a spreadsheet runs a cell that starts with
// = + - @ TAB CR or LF as a formula. Text cells starting with one of those get a single quote
// prefix, which spreadsheets show as text. (Prefixing a tab is no fix: tab is itself a trigger.)
// Numbers we format ourselves are written as they are (append_number), so "-12.50" stays a number.
#pragma once
#include <string>
#include <string_view>

namespace dd {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// True when a spreadsheet would treat a cell starting like `text` as a formula.
bool csv_formula_trigger(std::string_view text);

// Appends records to a string, one field at a time.
class CsvWriter {
public:
    explicit CsvWriter(std::string& out, bool bom = false);
    void append_text(std::string_view text);     // neutralised against formulas, quoted when needed
    void append_number(std::string_view text);   // a number we formatted: never neutralised
    void end_row();                              // CRLF

private:
    void separator();
    void append_quoted_if_needed(std::string_view text, bool prefix_quote);
    std::string& out_;
    bool row_started_ = false;
};

}  // namespace dd
