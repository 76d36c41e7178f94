// A hand-written JSON writer appending to one std::string (no DOM): the snapshot of 100,000 deals
// is written in one pass with one growing buffer. Internal to the json_io files.
// The caller places commas and keys; the writer only knows how to spell values.
#pragma once
#include "core/model.h"

#include <string>
#include <string_view>

namespace dd::json_io {

struct Writer {
    std::string out;

    void raw(std::string_view s) { out.append(s.data(), s.size()); }
    void key(std::string_view name);           // "name":   (names are plain ASCII, never escaped)
    void string(std::string_view s);           // a JSON string, escaping what JSON requires
    void integer(int64_t v);
    void boolean(bool v) { raw(v ? "true" : "false"); }
    void null() { raw("null"); }
    // Quoted id, date and instant, formatted in place: the same text as id_to_string,
    // day_to_string and millis_to_string (model.h; a test checks it), without a temporary string.
    void id(Id id);
    void day(Day day);
    void instant(Millis t);
};

}  // namespace dd::json_io
