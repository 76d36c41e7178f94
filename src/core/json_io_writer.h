// A hand-written JSON writer appending to one buffer (no DOM): the snapshot of 100,000 deals is
// written in one pass. Internal to the json_io files. The caller places commas and keys; the
// writer only knows how to spell values.
//
// Why a cursor and not std::string::append: every append through libstdc++ is an out-of-line call
// with its own capacity check; the snapshot makes ~40 of them per record. Here each value checks
// the room left once (inline) and copies with memcpy; the buffer doubles when it runs out.
#pragma once
#include "core/model.h"

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace dd::json_io {

class Writer {
public:
    explicit Writer(size_t expected_size = 256) { buf_.resize(expected_size); reset_cursor(0); }

    void raw(std::string_view s) {
        std::memcpy(room(s.size()), s.data(), s.size());
        p_ += s.size();
    }
    void put(char c) { *room(1) = c; ++p_; }
    // A member name that is already spelled with its quotes and colon ("\"name\":"), from the field
    // tables; names are plain ASCII, never escaped.
    void key(std::string_view quoted_key_colon) { raw(quoted_key_colon); }
    void string(std::string_view s);           // a JSON string, escaping what JSON requires
    void integer(int64_t v);
    void boolean(bool v) { raw(v ? std::string_view("true") : std::string_view("false")); }
    void null() { raw("null"); }
    // Quoted id, date and instant, formatted in place: the same text as id_to_string,
    // day_to_string and millis_to_string (model.h; a test checks it), without a temporary string.
    void id(Id id);
    void day(Day day);
    void instant(Millis t);

    std::string_view view() const { return {buf_.data(), size()}; }
    size_t size() const { return static_cast<size_t>(p_ - buf_.data()); }
    void clear() { reset_cursor(0); }
    // The text written; the writer is empty afterwards.
    std::string take() {
        buf_.resize(size());
        std::string out = std::move(buf_);
        buf_.clear();
        reset_cursor(0);
        return out;
    }

private:
    // At least n writable bytes at the cursor.
    char* room(size_t n) {
        if (static_cast<size_t>(end_ - p_) < n) grow(n);
        return p_;
    }
    void grow(size_t n);
    void reset_cursor(size_t at) {
        p_ = &buf_[0] + at;
        end_ = &buf_[0] + buf_.size();
    }

    // The last civil date spelled by instant(): a record's instants often fall on the same day
    // (created_at, updated_at), and the calendar conversion is the costly part of an instant.
    int64_t cached_day_ = INT64_MIN;
    char cached_date_[10] = {};

    std::string buf_;  // sized to its capacity; [data, p_) is the text written so far
    char* p_ = nullptr;
    char* end_ = nullptr;
};

}  // namespace dd::json_io
