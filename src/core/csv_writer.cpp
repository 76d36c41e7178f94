#include "core/csv_writer.h"

namespace dd {

bool csv_formula_trigger(std::string_view text) {
    if (text.empty()) return false;
    switch (text[0]) {
    case '=': case '+': case '-': case '@': case '\t': case '\r': case '\n': return true;
    default: return false;
    }
}

CsvWriter::CsvWriter(std::string& out, bool bom) : out_(out) {
    if (bom) out_.append(kUtf8Bom);
}

void CsvWriter::separator() {
    if (row_started_) out_ += ',';
    row_started_ = true;
}

void CsvWriter::append_quoted_if_needed(std::string_view text, bool prefix_quote) {
    const bool needs_quotes = text.find_first_of(",\"\r\n") != std::string_view::npos;
    if (!needs_quotes) {
        if (prefix_quote) out_ += '\'';
        out_.append(text);
        return;
    }
    out_ += '"';
    if (prefix_quote) out_ += '\'';
    for (char c : text) {
        if (c == '"') out_ += '"';
        out_ += c;
    }
    out_ += '"';
}

void CsvWriter::append_text(std::string_view text) {
    separator();
    append_quoted_if_needed(text, csv_formula_trigger(text));
}

void CsvWriter::append_number(std::string_view text) {
    separator();
    append_quoted_if_needed(text, false);
}

void CsvWriter::end_row() {
    out_ += "\r\n";
    row_started_ = false;
}

}  // namespace dd
