#include "core/csv_reader.h"

#include <cstdint>

namespace dd {

size_t invalid_utf8_at(std::string_view s) {
    size_t i = 0;
    const size_t n = s.size();
    while (i < n) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) { ++i; continue; }
        size_t len = 0;
        uint32_t cp = 0;
        if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
        else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
        else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
        else return i;
        if (i + len > n) return i;
        for (size_t k = 1; k < len; ++k) {
            const unsigned char cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0) != 0x80) return i;
            cp = (cp << 6) | (cc & 0x3F);
        }
        // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
            (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
            return i;
        i += len;
    }
    return std::string_view::npos;
}

void CsvReader::problem(std::string text) {
    if (record_.problem.empty()) record_.problem = std::move(text);
}

void CsvReader::end_field() {
    if (invalid_utf8_at(field_) != std::string_view::npos)
        problem("invalid UTF-8 in field " + std::to_string(record_.fields.size() + 1) + " (save the file as UTF-8)");
    record_.fields.push_back(std::move(field_));
    field_.clear();
    field_quoted_ = false;
    state_ = State::FieldStart;
}

void CsvReader::end_record() {
    const bool quoted = field_quoted_;
    end_field();
    const bool blank = record_.fields.size() == 1 && record_.fields[0].empty() && !quoted && record_.problem.empty();
    if (!blank) sink_(record_);
    record_.fields.clear();
    record_.problem.clear();
    record_.line = line_;
}

void CsvReader::count_line(char c) {
    after_cr_ = c == '\r';   // a following LF belongs to this CR
    ++line_;
}

bool CsvReader::ends_field(char c) {
    if (c == ',') {
        end_field();
        return true;
    }
    if (c != '\r' && c != '\n') return false;
    count_line(c);
    end_record();
    return true;
}

void CsvReader::feed(std::string_view chunk) {
    if (!started_) {
        head_.append(chunk);
        if (head_.size() < 3) return;   // a byte order mark may still be arriving
        started_ = true;
        record_.line = 1;
        std::string_view rest(head_);
        if (rest.substr(0, 3) == "\xEF\xBB\xBF") rest.remove_prefix(3);
        else if (rest.substr(0, 2) == "\xFF\xFE" || rest.substr(0, 2) == "\xFE\xFF")
            file_problem_ = "the file is UTF-16 text: save it as UTF-8 CSV";
        std::string copy(rest);
        head_.clear();
        consume(copy);
        return;
    }
    consume(chunk);
}

void CsvReader::consume(std::string_view bytes) {
    for (size_t i = 0; i < bytes.size(); ++i) {
        const char c = bytes[i];
        if (after_cr_) {
            after_cr_ = false;
            if (c == '\n') {   // CRLF: the CR already counted the line
                if (state_ == State::Quoted) field_ += c;
                continue;
            }
        }
        switch (state_) {
        case State::FieldStart:
            if (c == '"') { state_ = State::Quoted; field_quoted_ = true; quote_line_ = line_; break; }
            state_ = State::Unquoted;
            [[fallthrough]];
        case State::Unquoted:
            if (ends_field(c)) break;
            if (c == '"') problem("quote inside an unquoted field " + std::to_string(record_.fields.size() + 1) +
                                  " (quote the whole field and double the quote)");
            field_ += c;
            break;
        case State::Quoted:
            if (c == '"') state_ = State::QuoteInQuoted;
            else {
                // A line break inside a quoted field is part of the value; lines still count.
                if (c == '\n' || c == '\r') count_line(c);
                field_ += c;
            }
            break;
        case State::QuoteInQuoted:
            if (c == '"') { field_ += '"'; state_ = State::Quoted; break; }
            state_ = State::AfterQuoted;
            [[fallthrough]];
        case State::AfterQuoted:
            if (ends_field(c)) break;
            problem("text after the closing quote of field " + std::to_string(record_.fields.size() + 1));
            field_ += c;
            break;
        }
    }
}

void CsvReader::finish() {
    if (!started_) {
        started_ = true;
        std::string copy = head_;
        head_.clear();
        record_.line = 1;
        consume(copy);
    }
    if (state_ == State::Quoted)
        problem("a quoted field opened on line " + std::to_string(quote_line_) + " is never closed");
    if (state_ != State::FieldStart || !record_.fields.empty()) end_record();
}

}  // namespace dd
