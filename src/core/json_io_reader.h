// A small pull parser for JSON text, used by the workspace loader to read straight into the model
// (no DOM). Internal to the json_io files.
//
// Why not nlohmann's SAX interface: a SAX handler receives events and has to keep an explicit
// state machine per record type, while a pull parser lets each record reader be a plain function
// ("read an object; for key 'title' read a string into deal.title"). It also keeps the JSON path
// of the value being read, so every error names it: "deals[12].value: expected an integer".
// nlohmann/json is still used for the (rare, small) migration of older versions, on a DOM.
//
// Every read returns false on failure; the first failure is kept as an Error naming the path.
#pragma once
#include "core/compact_string.h"
#include "core/result.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dd::json_io {

enum class JsonType : uint8_t { Object, Array, String, Number, Bool, Null, End, Invalid };

constexpr int kMaxDepth = 64;

class Reader {
public:
    explicit Reader(std::string_view text) : text_(text) {}

    // ---- values ----
    JsonType peek();                        // type of the next value (skips whitespace)
    bool read_string(std::string& out);     // a JSON string, unescaped (UTF-8)
    bool read_string_view(std::string_view& out);  // a string without escapes, viewed in place (else decoded into scratch)
    bool read_int(int64_t& out);            // an integer number (no fraction, no exponent)
    bool read_bool(bool& out);
    bool read_null();                       // consumes a null if the next value is one; false otherwise (no error)
    bool skip_value();                      // any JSON value, validated

    // Reads an object; calls on_member(key) for each member with the reader before its value.
    // on_member must consume the value (or fail) and return false on failure.
    template <typename F>
    bool read_object(F&& on_member);
    // Reads an array; calls on_item(index) before each element, which it must consume.
    template <typename F>
    bool read_array(F&& on_item);
    // After the top-level value: only whitespace may follow.
    bool expect_end();

    // ---- objects member by member (what read_object does, for callers that expect a key) ----
    bool begin_object(bool& empty);         // '{', and the '}' too if the object is empty
    // A member name and its ':'. `expected` is a name spelled with its quotes and colon ("\"id\":",
    // what our writer puts there, in table order): when the text holds exactly that, key is set to
    // `expected` itself (the caller tells by its address) without scanning; otherwise the name is
    // parsed and key views it, unquoted. Pass {} to always parse.
    bool read_member_key(std::string_view expected, std::string_view& key);
    bool end_member(bool& more);            // ',' (more) or '}' (done)

    // ---- fast paths for fixed-width values (a caller that does not recognise the text falls back
    // to the general reads above, which also produce the errors) ----
    // The text from the next non-whitespace character on.
    std::string_view rest() {
        skip_ws();
        return text_.substr(pos_);
    }
    void advance(size_t n) { pos_ += n; }

    // ---- path and errors ----
    void push_key(std::string_view key) { push(Segment{key, 0, false}); }
    void push_index(size_t index) { push(Segment{{}, index, true}); }
    void pop() { --path_size_; }
    bool fail(std::string message);          // records the error at the current path; returns false
    bool fail_syntax(std::string message);   // same, with line and column of the current position
    bool fail_type(const char* expected);    // the next value has the wrong type (or is not JSON at all)
    bool failed() const { return failed_; }
    const Error& error() const { return error_; }
    std::string path_text() const;

    // Where texts that repeat across records (history lines') are shared while this reader
    // reads a whole workspace (json_io_snapshot.cpp sets it); null: each text its own block.
    void share_texts(TextInterner* texts) { texts_ = texts; }
    TextInterner* shared_texts() const { return texts_; }

private:
    struct Segment {
        std::string_view key;  // a field name from our tables (static storage) or a key in the text
        size_t index;
        bool is_index;
    };
    // Each nesting level adds at most an array index and a member name; begin() stops at kMaxDepth.
    static constexpr size_t kMaxPath = 2 * kMaxDepth + 4;

    static bool is_ws(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }
    void skip_ws() {
        while (pos_ < text_.size() && is_ws(text_[pos_])) ++pos_;
    }
    bool skip_ws_and_peek(char& c) {
        skip_ws();
        if (pos_ >= text_.size()) return fail_syntax("unexpected end of input (truncated JSON)");
        c = text_[pos_];
        return true;
    }
    void push(const Segment& s) {
        if (path_size_ < kMaxPath) path_[path_size_] = s;
        ++path_size_;
    }
    bool begin(char open, const char* expected);
    bool read_key(std::string_view& key);
    bool parse_string(std::string_view& out, std::string& scratch);
    bool read_literal(std::string_view word);
    bool skip_number();

    std::string_view text_;
    size_t pos_ = 0;
    TextInterner* texts_ = nullptr;
    int depth_ = 0;
    Segment path_[kMaxPath];
    size_t path_size_ = 0;
    std::string key_scratch_;
    std::string value_scratch_;
    bool failed_ = false;
    Error error_;
};


template <typename F>
bool Reader::read_object(F&& on_member) {
    bool more = false;
    if (!begin_object(more)) return false;
    more = !more;
    while (more) {
        std::string_view key;
        if (!read_member_key({}, key)) return false;
        if (!on_member(key)) return false;
        if (!end_member(more)) return false;
    }
    return true;
}

template <typename F>
bool Reader::read_array(F&& on_item) {
    if (!begin('[', "expected an array")) return false;
    char c = 0;
    if (!skip_ws_and_peek(c)) return false;
    if (c == ']') { ++pos_; --depth_; return true; }
    for (size_t index = 0;; ++index) {
        push_index(index);
        if (!on_item(index)) return false;
        pop();
        if (!skip_ws_and_peek(c)) return false;
        ++pos_;
        if (c == ',') continue;
        if (c == ']') { --depth_; return true; }
        --pos_;
        return fail_syntax("expected ',' or ']'");
    }
}

}  // namespace dd::json_io
