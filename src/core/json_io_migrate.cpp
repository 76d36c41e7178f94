#include "core/json_io_migrate.h"

#include "core/json_io.h"
#include "core/json_io_reader.h"

#include <nlohmann/json.hpp>

namespace dd::json_io {
namespace {

using nlohmann::json;

// ---- the header -------------------------------------------------------------------------------

Status check_format_name(Reader& r) {
    std::string_view name;
    if (!r.read_string_view(name)) return r.error();
    if (name != kJsonFormatName)
        return field_error("format", "expected \"" + std::string(kJsonFormatName) + "\", got \"" + std::string(name) +
                                         "\" (not a Dealdeck file)");
    return ok_status();
}

// ---- migrations -------------------------------------------------------------------------------
// A step takes a DOM of version N to version N+1, or names what it cannot migrate.
using MigrationStep = Status (*)(json& doc);

// The top-level arrays of records (every version so far).
constexpr const char* kRecordArrays[] = {"team", "pipelines", "lost_reasons", "custom_fields", "companies",
                                         "contacts", "deals", "activities", "notes", "history", "tombstones"};

// Digits after the decimal point of a currency's minor unit (ISO 4217). Only the exceptions to 2.
int minor_unit_digits(const std::string& currency) {
    static constexpr const char* kZero[] = {"BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG",
                                            "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF"};
    static constexpr const char* kThree[] = {"BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"};
    for (const char* c : kZero)
        if (currency == c) return 0;
    for (const char* c : kThree)
        if (currency == c) return 3;
    return 2;
}

// "1234.5" in major units -> 123450 minor units for a 2-digit currency. Exact, no floating point.
bool decimal_to_minor_units(const std::string& s, int digits, int64_t& out, std::string& why) {
    size_t i = 0;
    const bool negative = !s.empty() && s[0] == '-';
    if (negative) ++i;
    int64_t value = 0;
    int fraction_digits = -1;  // -1 until the decimal point
    bool any_digit = false;
    for (; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '.' && fraction_digits < 0) { fraction_digits = 0; continue; }
        if (c < '0' || c > '9') { why = "expected a decimal string like \"1234.50\", got \"" + s + "\""; return false; }
        if (fraction_digits >= 0 && ++fraction_digits > digits) {
            why = "\"" + s + "\" has more decimals than the currency has (" + std::to_string(digits) + ")";
            return false;
        }
        if (value > (INT64_MAX - 9) / 10) { why = "\"" + s + "\" is out of range"; return false; }
        value = value * 10 + (c - '0');
        any_digit = true;
    }
    if (!any_digit) { why = "expected a decimal string like \"1234.50\", got \"" + s + "\""; return false; }
    for (int k = fraction_digits < 0 ? 0 : fraction_digits; k < digits; ++k) {
        if (value > INT64_MAX / 10) { why = "\"" + s + "\" is out of range"; return false; }
        value *= 10;
    }
    out = negative ? -value : value;
    return true;
}

// Version 0 (pre-release builds): no "revision" on records or settings; a deal's money was
// "amount", a decimal string in major units of its currency. Version 1 counts revisions
// (a record that exists has been written at least once: 1) and keeps integer minor units.
Status migrate_v0_to_v1(json& doc) {
    if (doc.contains("settings") && doc["settings"].is_object() && !doc["settings"].contains("revision"))
        doc["settings"]["revision"] = 1;
    for (const char* array : kRecordArrays) {
        if (!doc.contains(array)) continue;
        json& records = doc[array];
        if (!records.is_array()) return field_error(array, "expected an array");
        for (size_t i = 0; i < records.size(); ++i) {
            json& record = records[i];
            const std::string path = std::string(array) + "[" + std::to_string(i) + "]";
            if (!record.is_object()) return field_error(path, "expected an object");
            if (!record.contains("revision")) record["revision"] = 1;
            if (std::string(array) != "deals" || !record.contains("amount")) continue;
            const json& amount = record["amount"];
            if (!amount.is_string()) return field_error(path + ".amount", "expected a decimal string like \"1234.50\"");
            const json& currency = record.contains("currency") ? record["currency"] : json();
            if (!currency.is_string()) return field_error(path + ".currency", "expected a currency code");
            int64_t minor = 0;
            std::string why;
            if (!decimal_to_minor_units(amount.get<std::string>(), minor_unit_digits(currency.get<std::string>()),
                                        minor, why))
                return field_error(path + ".amount", why);
            record.erase("amount");
            record["value"] = minor;
        }
    }
    doc["version"] = 1;
    return ok_status();
}

// kMigrations[n] migrates version n to version n+1.
constexpr MigrationStep kMigrations[] = {migrate_v0_to_v1};
static_assert(sizeof kMigrations / sizeof kMigrations[0] == kJsonFormatVersion,
              "every older version needs its migration step");

}  // namespace

Result<int> read_header(std::string_view text) {
    Reader r(text);
    bool have_format = false, have_version = false;
    int64_t version = 0;
    Status format_ok = ok_status();
    const bool scanned = r.read_object([&](std::string_view key) {
        if (key == "format" && !have_format) {
            r.push_key("format");
            format_ok = check_format_name(r);
            if (!format_ok) return false;
            r.pop();
            have_format = true;
        } else if (key == "version" && !have_version) {
            r.push_key("version");
            if (!r.read_int(version)) return false;
            r.pop();
            have_version = true;
        } else if (!r.skip_value()) {
            return false;
        }
        return !(have_format && have_version);  // stop early: the rest is read by the loader
    });
    if (!format_ok) return format_ok.error();
    if (!scanned && r.failed()) return r.error();
    if (!have_format) return field_error("format", "missing required field (not a Dealdeck file)");
    if (!have_version) return field_error("version", "missing required field");
    if (version > kJsonFormatVersion)
        return field_error("version", "this file was written by a newer Dealdeck (format version " +
                                          std::to_string(version) + "); this version reads up to " +
                                          std::to_string(kJsonFormatVersion) + ". Update Dealdeck to open it.");
    if (version < 0) return field_error("version", "must be 0 or more");
    return static_cast<int>(version);
}

Result<std::string> migrate_to_current(std::string_view text, int from_version) {
    // Validate first with our reader, for an error with a line and column on broken JSON.
    Reader check(text);
    if (!check.skip_value() || !check.expect_end()) return check.error();
    json doc = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded() || !doc.is_object()) return Error{"", "invalid JSON"};
    for (int v = from_version; v < kJsonFormatVersion; ++v) {
        Status step = kMigrations[v](doc);
        if (!step) {
            Error e = step.error();
            e.message += " (while migrating from format version " + std::to_string(v) + ")";
            return e;
        }
    }
    return doc.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace dd::json_io
