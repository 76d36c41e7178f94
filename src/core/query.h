// Deal queries for the list view, search and reports: filters plus a stable multi-key sort.
#pragma once
#include "core/model.h"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dd {

class Store;

constexpr uint8_t status_bit(DealStatus s) { return uint8_t(1u << unsigned(s)); }
constexpr uint8_t kAllStatuses = 0x0f;

// A filter on one custom field. Text: case-insensitive substring (SingleSelect: exact option).
// Number/Date: inclusive range [min, max]. Checkbox: number_min == 0 or 1.
// has_value = false: deals WITHOUT a value for the field.
struct CustomFilter {
    Id field = kNoId;
    std::string text;
    std::optional<int64_t> number_min;
    std::optional<int64_t> number_max;
    bool has_value = true;
};

// Every set filter must match (AND); an unset one matches everything.
struct DealQuery {
    std::string text;              // case-insensitive, in title, contact names, company name, external ref
    Id pipeline = kNoId;
    std::vector<Id> stages;        // any of
    std::vector<Id> owners;        // any of (kNoId in the list = unowned deals)
    uint8_t status_mask = kAllStatuses;
    Day close_from = kNoDay;       // expected close, inclusive
    Day close_to = kNoDay;
    Millis created_from = 0;       // created_at, inclusive; 0 = unbounded
    Millis created_to = 0;
    std::optional<Money> value_min;   // in base-currency minor units (deals of any currency compare)
    std::optional<Money> value_max;
    std::vector<CustomFilter> custom;
};

enum class DealColumn : uint8_t {
    Title, Value, Currency, Pipeline, Stage, Probability, Status, Owner, Contact, Company,
    ExpectedClose, Created, Updated, LastActivity, Reference, Custom
};
const char* to_string(DealColumn);

// Value sorts by base-currency value; Pipeline/Stage by their board order; Owner/Contact/Company
// by name (case-insensitive); unset dates and missing custom values sort last either way.
struct SortKey {
    DealColumn column = DealColumn::Title;
    Id custom_field = kNoId;   // for DealColumn::Custom
    bool descending = false;
};

bool deal_matches(const Store&, const Deal&, const DealQuery&);
// Matching deals sorted by the keys in order; ties keep the lane order (pipeline, stage, rank).
std::vector<const Deal*> query_deals(const Store&, const DealQuery&, const std::vector<SortKey>& sort);

}  // namespace dd
