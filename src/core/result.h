// Errors are values in the core: nothing here throws (see the error rule in CMakeLists.txt).
// An Error names the field (or JSON path) it is about, so the UI can show it next to that field.
#pragma once
#include <string>
#include <utility>
#include <cassert>

namespace dd {

struct Error {
    std::string field;    // "title", "stages[2].probability", "deals[12].value"; empty if not about one field
    std::string message;  // "must not be empty", "expected an integer"
    std::string text() const { return field.empty() ? message : field + ": " + message; }
};

// A value or an error. Deliberately tiny: ok(), value(), error().
template <typename T>
struct Result {
    Result(T value) : ok_(true), value_(std::move(value)) {}
    Result(Error error) : ok_(false), error_(std::move(error)) {}
    bool ok() const { return ok_; }
    explicit operator bool() const { return ok_; }
    T& value() { assert(ok_); return value_; }
    const T& value() const { assert(ok_); return value_; }
    const Error& error() const { assert(!ok_); return error_; }
private:
    bool ok_;
    T value_{};
    Error error_{};
};

struct Ok {};
using Status = Result<Ok>;
inline Status ok_status() { return Status(Ok{}); }
inline Error field_error(std::string field, std::string message) { return Error{std::move(field), std::move(message)}; }

}  // namespace dd
