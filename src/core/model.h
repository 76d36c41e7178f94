// The workspace data model: plain structs, no behaviour beyond tiny helpers.
// Every rule (validation, cascades, indexes, history) lives in the store and its commands.
#pragma once
#include "core/chunked_vector.h"
#include "core/compact_string.h"
#include "core/compact_vector.h"
#include "core/inline_ids.h"
#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dd {

// ---- Scalar vocabulary --------------------------------------------------------------------
// Record ids are random 64-bit numbers (see ids.h), collision-free in practice across devices,
// written in JSON as 16 lowercase hex digits. 0 means "none".
using Id = uint64_t;
constexpr Id kNoId = 0;

using Money = int64_t;   // an amount in the minor units of its currency (cents for USD, yen for JPY)
using Day = int32_t;     // a civil date as days since 1970-01-01; kNoDay = not set
constexpr Day kNoDay = std::numeric_limits<int32_t>::min();
using Millis = int64_t;  // a UTC instant in milliseconds since the Unix epoch

// ISO 4217 code, three upper-case letters, stored inline (no heap, 3 bytes).
struct Currency {
    std::array<char, 3> code{{'U', 'S', 'D'}};
    std::string_view view() const { return {code.data(), 3}; }
    bool operator==(const Currency& o) const { return code == o.code; }
    bool operator!=(const Currency& o) const { return !(*this == o); }
};

enum class DealStatus : uint8_t { Open, Won, Lost, Abandoned };
enum class StageKind : uint8_t { Open, Won, Lost };   // every pipeline ends with exactly one Won and one Lost
enum class Role : uint8_t { Admin, Manager, Viewer };  // admin: all; manager: deals; viewer: read only
enum class ActivityKind : uint8_t { Call, Meeting, Email, Task };
enum class FieldType : uint8_t { Text, Number, Date, SingleSelect, Checkbox };

// Revision and timestamps carried by every top-level record (sync and conflict handling later).
struct RecordMeta {
    Id id = kNoId;
    uint32_t revision = 0;    // +1 on every change of the record
    Millis created_at = 0;
    Millis updated_at = 0;
};

// ---- Pipelines -----------------------------------------------------------------------------
struct Stage {
    Id id = kNoId;
    std::string name;
    uint8_t probability = 0;   // 0..100 %, Won is fixed at 100 and Lost at 0
    uint32_t color = 0;        // 0xRRGGBB
    int32_t idle_days = 0;     // a deal idle for longer is "rotting"; 0 = never rots
    StageKind kind = StageKind::Open;
};

struct Pipeline {
    RecordMeta meta;
    std::string name;
    int32_t position = 0;          // order of pipelines in the picker
    std::vector<Stage> stages;     // open stages in board order, then the Won stage, then the Lost stage
};

// ---- Deals ---------------------------------------------------------------------------------
struct CustomValue {
    Id field = kNoId;      // CustomFieldDef id
    CompactString text;    // Text; SingleSelect holds the option's text
    int64_t number = 0;    // Number (integer, scaled by the definition's decimals); Date (a Day); Checkbox (0/1)
};

// Field order is chosen for size (100,000s of deals live in memory): 8-byte fields, then the
// 4-byte days, then the 1-byte ones packed together, so there is no padding between them; the
// rarely set texts are CompactStrings (8 bytes when empty, not 32); the contacts keep one id
// inline (inline_ids.h) and the custom values are one pointer wide (compact_vector.h).
struct Deal {
    RecordMeta meta;
    std::string title;
    Money value = 0;
    Id pipeline = kNoId;
    Id stage = kNoId;
    int64_t rank = 0;              // manual order within the stage (sparse; lower = higher on the board)
    Id owner = kNoId;              // a TeamMember
    Id company = kNoId;
    Id lost_reason = kNoId;            // a LostReason, or none
    Millis closed_at = 0;              // set when won/lost, cleared on reopen
    Id closed_by = kNoId;
    Millis last_activity_at = 0;       // newest note, activity or stage change: drives "rotting"
    InlineIds contacts;            // one or more Contact ids, the first is the primary one
    CompactVector<CustomValue> custom;
    CompactString lost_reason_text;    // free text next to (or instead of) the listed reason
    CompactString external_ref;        // unique across the workspace when not empty
    CompactString description;
    CompactString source;
    Day expected_close = kNoDay;
    Day close_date = kNoDay;           // the actual close date (set on won/lost if not set)
    Currency currency;
    DealStatus status = DealStatus::Open;
    int8_t probability_override = -1;  // -1 = use the stage's probability, else 0..100
    bool commit = false;               // counted in the forecast's "commit" category
};

// ---- People --------------------------------------------------------------------------------
struct Contact {
    RecordMeta meta;
    std::string name;
    std::string email;
    std::string phone;
    Id company = kNoId;
};

struct Company {
    RecordMeta meta;
    std::string name;
    std::string domain;
    int32_t employees = 0;  // 0 = unknown
};

struct TeamMember {
    RecordMeta meta;
    std::string name;
    std::string email;
    Role role = Role::Manager;
};

// ---- Timeline ------------------------------------------------------------------------------
struct Activity {
    RecordMeta meta;
    ActivityKind kind = ActivityKind::Task;
    std::string subject;
    Millis due_at = 0;          // 0 = no due time
    bool done = false;
    Millis done_at = 0;
    int32_t duration_min = 0;
    std::string outcome;
    Id deal = kNoId;            // may be none (a contact-only activity)
    std::vector<Id> contacts;
    Id owner = kNoId;
};

struct Note {
    RecordMeta meta;
    Id deal = kNoId;
    Id contact = kNoId;         // a note on a contact page; at least one of deal/contact is set
    std::string text;
    Id author = kNoId;
};

// One line of a deal's automatic history: who changed what, when, old -> new.
enum class ChangeKind : uint8_t { Created, Stage, Status, Field, Deleted, Restored };
struct DealChange {
    RecordMeta meta;
    Id deal = kNoId;
    Id actor = kNoId;
    ChangeKind kind = ChangeKind::Field;
    // Compact strings (8 bytes each, not 32): a stage move adds one to three lines, and their
    // texts repeat ("stage", "status", the stage and status names), so the store makes them
    // from shared blocks (cmd_support.h's line_texts, StageInfo::name) and a line's texts cost
    // a reference count each, no allocation; loads share repeated texts too (TextInterner).
    CompactString field;        // "stage", "status", "value", "custom:<id>", ...
    CompactString old_value;    // display text at the time of the change
    CompactString new_value;
};

// ---- Settings ------------------------------------------------------------------------------
struct CustomFieldDef {
    RecordMeta meta;
    std::string name;
    FieldType type = FieldType::Text;
    std::vector<std::string> options;   // SingleSelect choices
    int32_t position = 0;
};

struct LostReason {
    RecordMeta meta;
    std::string text;
    int32_t position = 0;
};

// How many base-currency minor units one unit... kept exact: rate_ppm = base minor units per
// 1,000,000 minor units of `currency`. Conversion rounds half away from zero, once, at the end.
struct ExchangeRate {
    Currency currency;
    int64_t rate_ppm = 1'000'000;
};

struct WorkspaceSettings {
    uint32_t revision = 0;
    Millis updated_at = 0;
    std::string name = "My workspace";
    Currency base_currency;
    std::vector<ExchangeRate> rates;
    Id current_user = kNoId;            // the TeamMember using this device
    std::string locale = "en-US";       // number and date formatting
};

// ---- Saved views of the deal list ---------------------------------------------------------
// The plain data of a list query and layout (query.h runs them, saved_view.h has the helpers):
// here because a SavedView record holds them and the workspace holds the records.
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
    bool operator==(const CustomFilter& o) const {
        return field == o.field && text == o.text && number_min == o.number_min && number_max == o.number_max &&
               has_value == o.has_value;
    }
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
    bool operator==(const DealQuery& o) const {
        return text == o.text && pipeline == o.pipeline && stages == o.stages && owners == o.owners &&
               status_mask == o.status_mask && close_from == o.close_from && close_to == o.close_to &&
               created_from == o.created_from && created_to == o.created_to && value_min == o.value_min &&
               value_max == o.value_max && custom == o.custom;
    }
    bool operator!=(const DealQuery& o) const { return !(*this == o); }
};

enum class DealColumn : uint8_t {
    Title, Value, Currency, Pipeline, Stage, Probability, Status, Owner, Contact, Company,
    ExpectedClose, Created, Updated, LastActivity, Reference, Custom
};

// Value sorts by base-currency value; Pipeline/Stage by their board order; Owner/Contact/Company
// by name (case-insensitive); unset dates and missing custom values sort last either way.
struct SortKey {
    DealColumn column = DealColumn::Title;
    Id custom_field = kNoId;   // for DealColumn::Custom
    bool descending = false;
    bool operator==(const SortKey& o) const {
        return column == o.column && custom_field == o.custom_field && descending == o.descending;
    }
};

// One column of the list: which data it shows, its width in CSS pixels (0 = automatic), shown or not.
struct ColumnLayout {
    DealColumn column = DealColumn::Title;
    Id custom_field = kNoId;   // for DealColumn::Custom
    float width = 0.0f;
    bool visible = true;
    bool operator==(const ColumnLayout& o) const {
        return column == o.column && custom_field == o.custom_field && width == o.width && visible == o.visible;
    }
};

// The columns in display order (left to right).
struct TableLayout {
    std::vector<ColumnLayout> columns;
    bool operator==(const TableLayout& o) const { return columns == o.columns; }
};

// A named list view, one click away: search text, filters, sort keys and columns. Part of the
// workspace (kept across reloads and devices like any record); `owner` is the team member who
// saved it (names are unique per owner), `position` orders the views in the list's bar.
struct SavedView {
    RecordMeta meta;
    std::string name;
    Id owner = kNoId;
    // Team-wide or only the owner's (saved_view.h: who sees and who may change it). New views are
    // private; files and snapshots from before this field load their views as shared, since the
    // whole team saw them then (json_io_fields.cpp, snapshot_binary.cpp).
    bool shared = false;
    int32_t position = 0;
    std::string search;         // the search text (the top bar's box)
    DealQuery filters;
    std::vector<SortKey> sort;
    TableLayout layout;
};

// A deleted record leaves a tombstone (sync needs to know it is gone); compaction may drop old ones.
// New kinds go at the end: their number is stored in binary snapshots' tombstones.
enum class RecordKind : uint8_t { Pipeline, Deal, Contact, Company, TeamMember, Activity, Note,
                                  DealChange, CustomField, LostReason, Settings, SavedView };
constexpr size_t kRecordKindCount = size_t(RecordKind::SavedView) + 1;
struct Tombstone {
    // Listed as they are usually spelled (kind, id, revision, time); kept widest first, so that
    // a tombstone is 24 bytes, not 32 (undoing a stage move leaves one per history line).
    constexpr Tombstone(RecordKind k = RecordKind::Deal, Id i = kNoId, uint32_t rev = 0, Millis at = 0) noexcept
        : id(i), deleted_at(at), revision(rev), kind(k) {}
    Id id = kNoId;
    Millis deleted_at = 0;
    uint32_t revision = 0;
    RecordKind kind = RecordKind::Deal;
};
static_assert(sizeof(Tombstone) <= 24, "a tombstone is kept for every erased record");

// The whole workspace as plain data: what the JSON format holds, what the store is built from.
// Vectors are in no particular order except pipelines (by position); the store indexes them.
struct Workspace {
    WorkspaceSettings settings;
    std::vector<Pipeline> pipelines;
    std::vector<Deal> deals;
    std::vector<Contact> contacts;
    std::vector<Company> companies;
    std::vector<TeamMember> team;
    std::vector<Activity> activities;
    std::vector<Note> notes;
    // Appended on every stage move: in chunks, so growing never moves the lines (chunked_vector.h).
    ChunkedVector<DealChange> history;
    std::vector<CustomFieldDef> custom_fields;
    std::vector<LostReason> lost_reasons;
    // Appended by every erase (an undone stage move erases its history lines): in chunks, so
    // growing never copies them all into a block twice the size (chunked_vector.h).
    ChunkedVector<Tombstone> tombstones;
    std::vector<SavedView> saved_views;   // optional in files written before views were kept (JSON v1)
};

// ---- Small helpers used everywhere -------------------------------------------------------------
const char* to_string(DealStatus);
const char* to_string(StageKind);
const char* to_string(Role);
const char* to_string(ActivityKind);
const char* to_string(FieldType);
const char* to_string(ChangeKind);
const char* to_string(RecordKind);
const char* to_string(DealColumn);
// Parse the names above back (exact, lower-case). Return false on an unknown name.
bool parse(std::string_view, DealStatus&);
bool parse(std::string_view, StageKind&);
bool parse(std::string_view, Role&);
bool parse(std::string_view, ActivityKind&);
bool parse(std::string_view, FieldType&);
bool parse(std::string_view, ChangeKind&);
bool parse(std::string_view, RecordKind&);
bool parse(std::string_view, DealColumn&);

bool parse_currency(std::string_view, Currency&);   // three letters A-Z
std::string id_to_string(Id);                         // 16 lowercase hex digits
bool parse_id(std::string_view, Id&);
std::string day_to_string(Day);                       // "2026-11-23"
bool parse_day(std::string_view, Day&);               // strict YYYY-MM-DD, a real calendar date
Day day_from_civil(int y, int m, int d);
void civil_from_day(Day, int& y, int& m, int& d);
std::string millis_to_string(Millis);                 // RFC 3339 UTC, "2026-11-23T10:38:55.000Z"
bool parse_millis(std::string_view, Millis&);

}  // namespace dd
