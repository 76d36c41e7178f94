// How each scalar of the model is spelled in JSON (see docs/data-format.md), read and written.
// Internal to the json_io files. Every read_* consumes one JSON value and returns false (with the
// error recorded in the Reader at the current path) if it is not acceptable.
#pragma once
#include "core/json_io_reader.h"
#include "core/json_io_writer.h"
#include "core/model.h"

#include <string>
#include <vector>

namespace dd::json_io {

// A record's own id, or a reference that must be set: 16 lowercase hex digits, not all zero.
bool read_id(Reader&, Id&);
void write_id(Writer&, Id);
// A reference that may be unset: null (kNoId) or an id.
bool read_ref(Reader&, Id&);
void write_ref(Writer&, Id);
// An array of ids into any list with clear/push_back/size/[] (std::vector<Id>, InlineIds).
// `nulls`: an element may be null (kNoId), as "no owner" in a filter.
template <typename Ids>
bool read_id_array(Reader& r, Ids& out, bool nulls) {
    out.clear();
    return r.read_array([&](size_t) {
        Id id;
        if (!(nulls ? read_ref(r, id) : read_id(r, id))) return false;
        out.push_back(id);
        return true;
    });
}
template <typename Ids>
void write_id_array(Writer& w, const Ids& ids) {
    w.put('[');
    for (size_t i = 0; i < ids.size(); ++i) {
        if (i) w.put(',');
        write_ref(w, ids[i]);   // an id, or null for kNoId (only where `nulls` allowed it)
    }
    w.put(']');
}
inline bool read_refs(Reader& r, std::vector<Id>& out) { return read_id_array(r, out, false); }
inline void write_refs(Writer& w, const std::vector<Id>& ids) { write_id_array(w, ids); }

bool read_text(Reader&, std::string&);
void write_text(Writer&, const std::string&);
bool read_text(Reader&, CompactString&);   // the model's rarely set texts (a deal's description...)
void write_text(Writer&, const CompactString&);
// A text that repeats across records (a history line's): shared through the reader's
// TextInterner when it has one. Written as any text.
bool read_shared_text(Reader&, CompactString&);
inline void write_shared_text(Writer& w, const CompactString& s) { write_text(w, s); }
bool read_texts(Reader&, std::vector<std::string>&);
void write_texts(Writer&, const std::vector<std::string>&);

bool read_i64(Reader&, int64_t&);
void write_i64(Writer&, int64_t);
bool read_i32(Reader&, int32_t&);
void write_i32(Writer&, int32_t);
bool read_count(Reader&, int32_t&);        // 0 .. 2^31-1
void write_count(Writer&, int32_t);
bool read_revision(Reader&, uint32_t&);    // 0 .. 2^32-1
void write_revision(Writer&, uint32_t);
bool read_percent(Reader&, uint8_t&);      // 0 .. 100
void write_percent(Writer&, uint8_t);
bool read_percent_or_unset(Reader&, int8_t&);  // null (-1) or 0 .. 100
void write_percent_or_unset(Writer&, int8_t);
bool read_positive(Reader&, int64_t&);     // > 0
void write_positive(Writer&, int64_t);
bool read_flag(Reader&, bool&);
void write_flag(Writer&, bool);

bool read_day(Reader&, Day&);              // null (kNoDay) or "YYYY-MM-DD"
void write_day(Writer&, Day);
bool read_instant(Reader&, Millis&);       // "2026-11-23T10:38:55.000Z"
void write_instant(Writer&, Millis);
bool read_opt_instant(Reader&, Millis&);   // null (0) or an instant
void write_opt_instant(Writer&, Millis);
bool read_currency(Reader&, Currency&);    // "EUR"
void write_currency(Writer&, Currency);
bool read_color(Reader&, uint32_t&);       // "#1f6feb"
void write_color(Writer&, uint32_t);

// Enumerations are their lower-case names (to_string / parse in model.h).
template <typename E>
bool read_enum(Reader& r, E& out) {
    std::string_view s;
    if (!r.read_string_view(s)) return false;
    if (!parse(s, out)) return r.fail("unknown value \"" + std::string(s) + "\"");
    return true;
}
template <typename E>
void write_enum(Writer& w, E value) { w.string(to_string(value)); }

}  // namespace dd::json_io
