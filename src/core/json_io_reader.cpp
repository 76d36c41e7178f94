#include "core/json_io_reader.h"

#include <cstring>
#include <limits>

namespace dd::json_io {
namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

void append_utf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// Length of the valid UTF-8 sequence starting at s[i] (a byte >= 0x80), or 0 if invalid.
size_t utf8_sequence_length(std::string_view s, size_t i) {
    const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = b(i);
    size_t n;
    uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) { n = 2; cp = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { n = 3; cp = c & 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { n = 4; cp = c & 0x07; }
    else return 0;
    if (i + n > s.size()) return 0;
    for (size_t k = 1; k < n; ++k) {
        if ((b(i + k) & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (b(i + k) & 0x3F);
    }
    if ((n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
        return 0;
    return n;
}

}  // namespace

std::string Reader::path_text() const {
    std::string out;
    for (size_t i = 0; i < path_size_ && i < kMaxPath; ++i) {
        const Segment& s = path_[i];
        if (s.is_index) {
            out += '[';
            out += std::to_string(s.index);
            out += ']';
        } else {
            if (!out.empty()) out += '.';
            out += s.key;
        }
    }
    return out;
}

bool Reader::fail(std::string message) {
    if (!failed_) {
        failed_ = true;
        error_ = Error{path_text(), std::move(message)};
    }
    return false;
}

bool Reader::fail_syntax(std::string message) {
    size_t line = 1, column = 1;
    for (size_t i = 0; i < pos_ && i < text_.size(); ++i) {
        if (text_[i] == '\n') { ++line; column = 1; } else { ++column; }
    }
    return fail(message + " (line " + std::to_string(line) + ", column " + std::to_string(column) + ")");
}

JsonType Reader::peek() {
    skip_ws();
    if (pos_ >= text_.size()) return JsonType::End;
    switch (text_[pos_]) {
        case '{': return JsonType::Object;
        case '[': return JsonType::Array;
        case '"': return JsonType::String;
        case 't': case 'f': return JsonType::Bool;
        case 'n': return JsonType::Null;
        case '-': case '0': case '1': case '2': case '3': case '4':
        case '5': case '6': case '7': case '8': case '9': return JsonType::Number;
        default: return JsonType::Invalid;
    }
}

bool Reader::fail_type(const char* expected) {
    const JsonType t = peek();
    if (t == JsonType::End) return fail_syntax("unexpected end of input (truncated JSON)");
    if (t == JsonType::Invalid) return fail_syntax("invalid JSON value");
    return fail(expected);
}

bool Reader::begin(char open, const char* expected) {
    char c = 0;
    if (!skip_ws_and_peek(c)) return false;
    if (c != open) return fail_type(expected);
    if (++depth_ > kMaxDepth) return fail_syntax("nesting too deep");
    ++pos_;
    return true;
}

bool Reader::read_key(std::string_view& key) {
    char c = 0;
    if (!skip_ws_and_peek(c)) return false;
    if (c != '"') return fail_syntax("expected a member name in double quotes");
    if (!parse_string(key, key_scratch_)) return false;
    if (!skip_ws_and_peek(c)) return false;
    if (c != ':') return fail_syntax("expected ':' after a member name");
    ++pos_;
    return true;
}

bool Reader::begin_object(bool& empty) {
    if (!begin('{', "expected an object")) return false;
    char c = 0;
    if (!skip_ws_and_peek(c)) return false;
    empty = c == '}';
    if (empty) { ++pos_; --depth_; }
    return true;
}

namespace {
uint64_t load8(const char* p) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    return w;
}
uint32_t load4(const char* p) {
    uint32_t w;
    std::memcpy(&w, p, 4);
    return w;
}
// a[0..n) == b[0..n) for 4 <= n, in whole words (the last one overlapping): no call to memcmp for
// the short member names this compares.
bool same_bytes(const char* a, const char* b, size_t n) {
    if (n < 8) return load4(a) == load4(b) && load4(a + n - 4) == load4(b + n - 4);
    for (size_t i = 0; i + 8 < n; i += 8)
        if (load8(a + i) != load8(b + i)) return false;
    return load8(a + n - 8) == load8(b + n - 8);
}
}  // namespace

bool Reader::read_member_key(std::string_view expected, std::string_view& key) {
    skip_ws();
    const size_t n = expected.size();
    if (n >= 4 && pos_ + n <= text_.size() && same_bytes(text_.data() + pos_, expected.data(), n)) {
        key = expected;
        pos_ += n;
        return true;
    }
    return read_key(key);
}

bool Reader::end_member(bool& more) {
    char c = 0;
    if (!skip_ws_and_peek(c)) return false;
    ++pos_;
    if (c == ',') { more = true; return true; }
    if (c == '}') { more = false; --depth_; return true; }
    --pos_;
    return fail_syntax("expected ',' or '}'");
}

// Parses the string at pos_ (which is a '"'). Without escapes `out` views the text itself;
// with escapes the decoded string is built in `scratch` and `out` views that.
bool Reader::parse_string(std::string_view& out, std::string& scratch) {
    const size_t start = ++pos_;
    const size_t n = text_.size();
    size_t i = start;
    // Fast path: find the first byte that is '"', '\\', a control character or non-ASCII, 8 bytes
    // at a time (bit tricks: a byte is flagged when its high bit ends up set; a flag can only be
    // wrong above a real hit, so the lowest flag is exact). Valid UTF-8 is stepped over and the
    // scan goes on; a closing quote before any escape gives a view of the text itself.
    constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
    for (;;) {
        while (i + 8 <= n) {
            uint64_t w;
            std::memcpy(&w, text_.data() + i, 8);
            const uint64_t quote = w ^ (kOnes * '"'), backslash = w ^ (kOnes * '\\');
            const uint64_t flagged = (((quote - kOnes) & ~quote) | ((backslash - kOnes) & ~backslash) |
                                      ((w - kOnes * 0x20) & ~w) | w) & kHigh;
            if (flagged) {
                i += static_cast<size_t>(__builtin_ctzll(flagged)) >> 3;
                break;
            }
            i += 8;
        }
        while (i < n) {
            const unsigned char c = static_cast<unsigned char>(text_[i]);
            if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) break;
            ++i;
        }
        if (i >= n || static_cast<unsigned char>(text_[i]) < 0x80) break;
        const size_t len = utf8_sequence_length(text_, i);
        if (len == 0) break;  // the slow path below reports it
        i += len;
    }
    if (i < n && text_[i] == '"') {
        out = text_.substr(start, i - start);
        pos_ = i + 1;
        return true;
    }
    bool copied = false;  // scratch holds the decoded prefix once an escape was seen
    size_t run = start;   // start of the pending raw run not yet copied into scratch
    while (i < n) {
        const unsigned char c = static_cast<unsigned char>(text_[i]);
        if (c == '"') {
            if (copied) {
                scratch.append(text_.data() + run, i - run);
                out = scratch;
            } else {
                out = text_.substr(start, i - start);
            }
            pos_ = i + 1;
            return true;
        }
        if (c < 0x20) { pos_ = i; return fail_syntax("control character in a string"); }
        if (c >= 0x80) {
            const size_t len = utf8_sequence_length(text_, i);
            if (len == 0) { pos_ = i; return fail_syntax("invalid UTF-8 in a string"); }
            i += len;
            continue;
        }
        if (c != '\\') { ++i; continue; }
        if (!copied) { scratch.clear(); copied = true; }
        scratch.append(text_.data() + run, i - run);
        if (i + 1 >= n) break;
        const char e = text_[i + 1];
        i += 2;
        switch (e) {
            case '"': scratch += '"'; break;
            case '\\': scratch += '\\'; break;
            case '/': scratch += '/'; break;
            case 'b': scratch += '\b'; break;
            case 'f': scratch += '\f'; break;
            case 'n': scratch += '\n'; break;
            case 'r': scratch += '\r'; break;
            case 't': scratch += '\t'; break;
            case 'u': {
                const auto read_hex4 = [&](size_t at, uint32_t& v) {
                    if (at + 4 > n) return false;
                    v = 0;
                    for (size_t k = 0; k < 4; ++k) {
                        const int h = hex_value(text_[at + k]);
                        if (h < 0) return false;
                        v = (v << 4) | static_cast<uint32_t>(h);
                    }
                    return true;
                };
                uint32_t cp;
                if (!read_hex4(i, cp)) { pos_ = i; return fail_syntax("invalid \\u escape"); }
                i += 4;
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    uint32_t low;
                    if (i + 1 < n && text_[i] == '\\' && text_[i + 1] == 'u' && read_hex4(i + 2, low) &&
                        low >= 0xDC00 && low <= 0xDFFF) {
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                        i += 6;
                    } else {
                        pos_ = i; return fail_syntax("unpaired surrogate in a \\u escape");
                    }
                } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                    pos_ = i; return fail_syntax("unpaired surrogate in a \\u escape");
                }
                append_utf8(scratch, cp);
                break;
            }
            default: pos_ = i - 2; return fail_syntax("invalid escape in a string");
        }
        run = i;
    }
    pos_ = n;
    return fail_syntax("unexpected end of input in a string (truncated JSON)");
}

bool Reader::read_string(std::string& out) {
    char c = 0;
    if (!skip_ws_and_peek(c)) return false;
    if (c != '"') return fail_type("expected a string");
    std::string_view v;
    if (!parse_string(v, value_scratch_)) return false;
    out.assign(v.data(), v.size());
    return true;
}

bool Reader::read_string_view(std::string_view& out) {
    char c = 0;
    if (!skip_ws_and_peek(c)) return false;
    if (c != '"') return fail_type("expected a string");
    return parse_string(out, value_scratch_);
}

bool Reader::read_int(int64_t& out) {
    char c = 0;
    if (!skip_ws_and_peek(c)) return false;
    if (c != '-' && (c < '0' || c > '9')) return fail_type("expected an integer");
    const size_t start = pos_;
    size_t i = pos_;
    const size_t n = text_.size();
    const bool negative = text_[i] == '-';
    if (negative) ++i;
    if (i >= n || text_[i] < '0' || text_[i] > '9') { pos_ = i; return fail_syntax("invalid number"); }
    // Accumulate as a negative number so INT64_MIN fits.
    int64_t value = 0;
    bool overflow = false;
    const size_t digits_start = i;
    while (i < n && text_[i] >= '0' && text_[i] <= '9') {
        const int d = text_[i] - '0';
        if (value < (std::numeric_limits<int64_t>::min() + d) / 10) overflow = true;
        else value = value * 10 - d;
        ++i;
    }
    if (text_[digits_start] == '0' && i - digits_start > 1) { pos_ = start; return fail_syntax("invalid number (leading zero)"); }
    if (i < n && (text_[i] == '.' || text_[i] == 'e' || text_[i] == 'E')) {
        pos_ = start;
        return fail("expected an integer");
    }
    if (!negative && value == std::numeric_limits<int64_t>::min()) overflow = true;
    if (overflow) { pos_ = start; return fail("integer out of range"); }
    out = negative ? value : -value;
    pos_ = i;
    return true;
}

bool Reader::read_literal(std::string_view word) {
    if (text_.compare(pos_, word.size(), word) != 0) return fail_syntax("invalid JSON value");
    pos_ += word.size();
    return true;
}

bool Reader::read_bool(bool& out) {
    char c = 0;
    if (!skip_ws_and_peek(c)) return false;
    if (c == 't') { out = true; return read_literal("true"); }
    if (c == 'f') { out = false; return read_literal("false"); }
    return fail_type("expected true or false");
}

bool Reader::read_null() {
    if (peek() != JsonType::Null) return false;
    return read_literal("null");
}

bool Reader::skip_number() {
    const size_t n = text_.size();
    size_t i = pos_;
    if (i < n && text_[i] == '-') ++i;
    if (i >= n || text_[i] < '0' || text_[i] > '9') { pos_ = i; return fail_syntax("invalid number"); }
    if (text_[i] == '0') ++i;
    else while (i < n && text_[i] >= '0' && text_[i] <= '9') ++i;
    if (i < n && text_[i] == '.') {
        ++i;
        if (i >= n || text_[i] < '0' || text_[i] > '9') { pos_ = i; return fail_syntax("invalid number"); }
        while (i < n && text_[i] >= '0' && text_[i] <= '9') ++i;
    }
    if (i < n && (text_[i] == 'e' || text_[i] == 'E')) {
        ++i;
        if (i < n && (text_[i] == '+' || text_[i] == '-')) ++i;
        if (i >= n || text_[i] < '0' || text_[i] > '9') { pos_ = i; return fail_syntax("invalid number"); }
        while (i < n && text_[i] >= '0' && text_[i] <= '9') ++i;
    }
    pos_ = i;
    return true;
}

bool Reader::skip_value() {
    switch (peek()) {
        case JsonType::Object:
            return read_object([&](std::string_view) { return skip_value(); });
        case JsonType::Array:
            return read_array([&](size_t) { return skip_value(); });
        case JsonType::String: {
            std::string_view v;
            return parse_string(v, value_scratch_);
        }
        case JsonType::Number: return skip_number();
        case JsonType::Bool: return text_[pos_] == 't' ? read_literal("true") : read_literal("false");
        case JsonType::Null: return read_literal("null");
        case JsonType::End: return fail_syntax("unexpected end of input (truncated JSON)");
        case JsonType::Invalid: break;
    }
    return fail_syntax("invalid JSON value");
}

bool Reader::expect_end() {
    if (peek() != JsonType::End) return fail_syntax("unexpected text after the end of the JSON value");
    return true;
}

}  // namespace dd::json_io
