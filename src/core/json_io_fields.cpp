// The field tables: the single description of each record's JSON object. Reading and writing
// both walk the same table, so a field cannot be saved without being loaded (or the reverse).
// The order of a table is the order fields are written; docs/data-format.md lists them.
#include "core/json_io_fields.h"

#include <cstdint>

namespace dd::json_io {
namespace {

template <typename T>
struct FieldSpec {
    std::string_view name;
    PaddedKey key;  // what the writer puts before the value: ,"name":  (the comma dropped for the first)
    bool required;
    bool (*read)(Reader&, T&);
    void (*write)(Writer&, const T&);
    bool (*is_default)(const T&);  // holds the value of a default-constructed T (then not written if optional)
};

// The defaults an absent optional field takes: those of a default-constructed record.
template <typename T>
const T& defaults() {
    static const T kDefaults{};  // a constant, built once
    return kDefaults;
}
template <typename V>
bool same_value(const V& a, const V& b) { return a == b; }
template <typename V>
bool same_value(const std::vector<V>& a, const std::vector<V>& b) { return a.empty() && b.empty(); }

constexpr bool kRequired = true;
constexpr bool kOptional = false;

// One table row: the JSON name, whether it must be present, the codec (read_<codec>/write_<codec>
// in json_io_codecs.h or below) and the member it maps to.
#define DD_FIELD(T, NAME, PRESENCE, CODEC, MEMBER)                                  \
    FieldSpec<T> {                                                                  \
        NAME, ",\"" NAME "\":", PRESENCE, [](Reader& r, T& x) { return read_##CODEC(r, x.MEMBER); }, \
            [](Writer& w, const T& x) { write_##CODEC(w, x.MEMBER); },              \
            [](const T& x) { return same_value(x.MEMBER, defaults<T>().MEMBER); }   \
    }
// The four fields every top-level record carries (RecordMeta).
#define DD_META_FIELDS(T)                                          \
    DD_FIELD(T, "id", kRequired, id, meta.id),                     \
    DD_FIELD(T, "revision", kRequired, revision, meta.revision),   \
    DD_FIELD(T, "created_at", kRequired, instant, meta.created_at), \
    DD_FIELD(T, "updated_at", kRequired, instant, meta.updated_at)

// Finds the table row for `key`. Files we write list fields in table order (skipping optional
// ones at their default), so the search starts after the previous match and wraps around:
// reading a record costs about one comparison per table row.
template <typename T, size_t N>
size_t find_field(const FieldSpec<T> (&fields)[N], std::string_view key, size_t guess) {
    for (size_t k = 0; k < N; ++k) {
        const size_t i = (guess + k) % N;
        if (fields[i].name == key) return i;
    }
    return N;
}

template <typename T, size_t N>
bool read_with(Reader& r, T& record, const FieldSpec<T> (&fields)[N]) {
    static_assert(N <= 64, "the seen-fields mask holds 64 fields");
    uint64_t seen = 0;
    size_t guess = 0;  // where the next field is expected in the table
    bool more = false;
    if (!r.begin_object(more)) return false;
    more = !more;
    while (more) {
        // The expected name is matched in place (files we write); any other name is parsed.
        std::string_view key;
        const std::string_view expected = guess < N ? fields[guess].key.view().substr(1) : std::string_view();
        if (!r.read_member_key(expected, key)) return false;
        const size_t i = guess < N && key.data() == expected.data() ? guess : find_field(fields, key, guess);
        if (i == N) {
            if (!r.skip_value()) return false;  // unknown fields are ignored (forward compatibility)
        } else {
            r.push_key(fields[i].name);
            if (seen & (uint64_t{1} << i)) return r.fail("duplicate field");
            seen |= uint64_t{1} << i;
            guess = i + 1;
            if (!fields[i].read(r, record)) return false;
            r.pop();
        }
        if (!r.end_member(more)) return false;
    }
    for (size_t i = 0; i < N; ++i) {
        if (fields[i].required && !(seen & (uint64_t{1} << i))) {
            r.push_key(fields[i].name);
            return r.fail("missing required field");
        }
    }
    return true;
}

template <typename T, size_t N>
void write_with(Writer& w, const T& record, const FieldSpec<T> (&fields)[N]) {
    // Optional fields holding their default are left out: smaller files, same workspace on load.
    w.put('{');
    size_t skip = 1;  // the first member has no comma before it
    for (size_t i = 0; i < N; ++i) {
        if (!fields[i].required && fields[i].is_default(record)) continue;
        w.key(fields[i].key, skip);
        skip = 0;
        fields[i].write(w, record);
    }
    w.put('}');
}

// Arrays of nested (non-top-level) records.
template <typename T>
bool read_list(Reader& r, std::vector<T>& out) {
    out.clear();
    return r.read_array([&](size_t) {
        out.emplace_back();
        return read_record(r, out.back());
    });
}
template <typename T>
void write_list(Writer& w, const std::vector<T>& items) {
    w.put('[');
    for (size_t i = 0; i < items.size(); ++i) {
        if (i) w.put(',');
        write_record(w, items[i]);
    }
    w.put(']');
}

// ---- nested records -------------------------------------------------------------------------
const FieldSpec<Stage> kStageFields[] = {
    DD_FIELD(Stage, "id", kRequired, id, id),
    DD_FIELD(Stage, "name", kRequired, text, name),
    DD_FIELD(Stage, "kind", kRequired, enum, kind),
    DD_FIELD(Stage, "probability", kRequired, percent, probability),
    DD_FIELD(Stage, "color", kOptional, color, color),
    DD_FIELD(Stage, "idle_days", kOptional, count, idle_days),
};
const FieldSpec<CustomValue> kCustomValueFields[] = {
    DD_FIELD(CustomValue, "field", kRequired, id, field),
    DD_FIELD(CustomValue, "text", kOptional, text, text),
    DD_FIELD(CustomValue, "number", kOptional, i64, number),
};
const FieldSpec<ExchangeRate> kExchangeRateFields[] = {
    DD_FIELD(ExchangeRate, "currency", kRequired, currency, currency),
    DD_FIELD(ExchangeRate, "rate_ppm", kRequired, positive, rate_ppm),
};

}  // namespace

bool read_record(Reader& r, Stage& x) { return read_with(r, x, kStageFields); }
void write_record(Writer& w, const Stage& x) { write_with(w, x, kStageFields); }
bool read_record(Reader& r, CustomValue& x) { return read_with(r, x, kCustomValueFields); }
void write_record(Writer& w, const CustomValue& x) { write_with(w, x, kCustomValueFields); }
bool read_record(Reader& r, ExchangeRate& x) { return read_with(r, x, kExchangeRateFields); }
void write_record(Writer& w, const ExchangeRate& x) { write_with(w, x, kExchangeRateFields); }

namespace {

bool read_stages(Reader& r, std::vector<Stage>& v) { return read_list(r, v); }
void write_stages(Writer& w, const std::vector<Stage>& v) { write_list(w, v); }
bool read_custom_values(Reader& r, std::vector<CustomValue>& v) { return read_list(r, v); }
void write_custom_values(Writer& w, const std::vector<CustomValue>& v) { write_list(w, v); }
bool read_rates(Reader& r, std::vector<ExchangeRate>& v) { return read_list(r, v); }
void write_rates(Writer& w, const std::vector<ExchangeRate>& v) { write_list(w, v); }

// ---- top-level records ----------------------------------------------------------------------
const FieldSpec<Pipeline> kPipelineFields[] = {
    DD_META_FIELDS(Pipeline),
    DD_FIELD(Pipeline, "name", kRequired, text, name),
    DD_FIELD(Pipeline, "position", kOptional, i32, position),
    DD_FIELD(Pipeline, "stages", kRequired, stages, stages),
};

const FieldSpec<Deal> kDealFields[] = {
    DD_META_FIELDS(Deal),
    DD_FIELD(Deal, "title", kRequired, text, title),
    DD_FIELD(Deal, "value", kRequired, i64, value),
    DD_FIELD(Deal, "currency", kRequired, currency, currency),
    DD_FIELD(Deal, "pipeline", kRequired, id, pipeline),
    DD_FIELD(Deal, "stage", kRequired, id, stage),
    DD_FIELD(Deal, "status", kRequired, enum, status),
    DD_FIELD(Deal, "rank", kOptional, i64, rank),
    DD_FIELD(Deal, "owner", kOptional, ref, owner),
    DD_FIELD(Deal, "contacts", kOptional, refs, contacts),
    DD_FIELD(Deal, "company", kOptional, ref, company),
    DD_FIELD(Deal, "expected_close", kOptional, day, expected_close),
    DD_FIELD(Deal, "probability_override", kOptional, percent_or_unset, probability_override),
    DD_FIELD(Deal, "commit", kOptional, flag, commit),
    DD_FIELD(Deal, "lost_reason", kOptional, ref, lost_reason),
    DD_FIELD(Deal, "lost_reason_text", kOptional, text, lost_reason_text),
    DD_FIELD(Deal, "external_ref", kOptional, text, external_ref),
    DD_FIELD(Deal, "description", kOptional, text, description),
    DD_FIELD(Deal, "source", kOptional, text, source),
    DD_FIELD(Deal, "custom", kOptional, custom_values, custom),
    DD_FIELD(Deal, "closed_at", kOptional, opt_instant, closed_at),
    DD_FIELD(Deal, "closed_by", kOptional, ref, closed_by),
    DD_FIELD(Deal, "close_date", kOptional, day, close_date),
    DD_FIELD(Deal, "last_activity_at", kOptional, opt_instant, last_activity_at),
};

const FieldSpec<Contact> kContactFields[] = {
    DD_META_FIELDS(Contact),
    DD_FIELD(Contact, "name", kRequired, text, name),
    DD_FIELD(Contact, "email", kOptional, text, email),
    DD_FIELD(Contact, "phone", kOptional, text, phone),
    DD_FIELD(Contact, "company", kOptional, ref, company),
};

const FieldSpec<Company> kCompanyFields[] = {
    DD_META_FIELDS(Company),
    DD_FIELD(Company, "name", kRequired, text, name),
    DD_FIELD(Company, "domain", kOptional, text, domain),
    DD_FIELD(Company, "employees", kOptional, count, employees),
};

const FieldSpec<TeamMember> kTeamMemberFields[] = {
    DD_META_FIELDS(TeamMember),
    DD_FIELD(TeamMember, "name", kRequired, text, name),
    DD_FIELD(TeamMember, "email", kOptional, text, email),
    DD_FIELD(TeamMember, "role", kRequired, enum, role),
};

const FieldSpec<Activity> kActivityFields[] = {
    DD_META_FIELDS(Activity),
    DD_FIELD(Activity, "kind", kRequired, enum, kind),
    DD_FIELD(Activity, "subject", kRequired, text, subject),
    DD_FIELD(Activity, "due_at", kOptional, opt_instant, due_at),
    DD_FIELD(Activity, "done", kOptional, flag, done),
    DD_FIELD(Activity, "done_at", kOptional, opt_instant, done_at),
    DD_FIELD(Activity, "duration_min", kOptional, count, duration_min),
    DD_FIELD(Activity, "outcome", kOptional, text, outcome),
    DD_FIELD(Activity, "deal", kOptional, ref, deal),
    DD_FIELD(Activity, "contacts", kOptional, refs, contacts),
    DD_FIELD(Activity, "owner", kOptional, ref, owner),
};

const FieldSpec<Note> kNoteFields[] = {
    DD_META_FIELDS(Note),
    DD_FIELD(Note, "deal", kOptional, ref, deal),
    DD_FIELD(Note, "contact", kOptional, ref, contact),
    DD_FIELD(Note, "text", kRequired, text, text),
    DD_FIELD(Note, "author", kOptional, ref, author),
};

const FieldSpec<DealChange> kDealChangeFields[] = {
    DD_META_FIELDS(DealChange),
    DD_FIELD(DealChange, "deal", kRequired, id, deal),
    DD_FIELD(DealChange, "actor", kOptional, ref, actor),
    DD_FIELD(DealChange, "kind", kRequired, enum, kind),
    DD_FIELD(DealChange, "field", kOptional, text, field),
    DD_FIELD(DealChange, "old_value", kOptional, text, old_value),
    DD_FIELD(DealChange, "new_value", kOptional, text, new_value),
};

const FieldSpec<CustomFieldDef> kCustomFieldFields[] = {
    DD_META_FIELDS(CustomFieldDef),
    DD_FIELD(CustomFieldDef, "name", kRequired, text, name),
    DD_FIELD(CustomFieldDef, "type", kRequired, enum, type),
    DD_FIELD(CustomFieldDef, "options", kOptional, texts, options),
    DD_FIELD(CustomFieldDef, "position", kOptional, i32, position),
};

const FieldSpec<LostReason> kLostReasonFields[] = {
    DD_META_FIELDS(LostReason),
    DD_FIELD(LostReason, "text", kRequired, text, text),
    DD_FIELD(LostReason, "position", kOptional, i32, position),
};

const FieldSpec<WorkspaceSettings> kSettingsFields[] = {
    DD_FIELD(WorkspaceSettings, "revision", kRequired, revision, revision),
    DD_FIELD(WorkspaceSettings, "updated_at", kRequired, instant, updated_at),
    DD_FIELD(WorkspaceSettings, "name", kRequired, text, name),
    DD_FIELD(WorkspaceSettings, "base_currency", kRequired, currency, base_currency),
    DD_FIELD(WorkspaceSettings, "rates", kOptional, rates, rates),
    DD_FIELD(WorkspaceSettings, "current_user", kOptional, ref, current_user),
    DD_FIELD(WorkspaceSettings, "locale", kOptional, text, locale),
};

const FieldSpec<Tombstone> kTombstoneFields[] = {
    DD_FIELD(Tombstone, "kind", kRequired, enum, kind),
    DD_FIELD(Tombstone, "id", kRequired, id, id),
    DD_FIELD(Tombstone, "revision", kRequired, revision, revision),
    DD_FIELD(Tombstone, "deleted_at", kRequired, instant, deleted_at),
};

#undef DD_META_FIELDS
#undef DD_FIELD

}  // namespace

bool read_record(Reader& r, Pipeline& x) { return read_with(r, x, kPipelineFields); }
bool read_record(Reader& r, Deal& x) { return read_with(r, x, kDealFields); }
bool read_record(Reader& r, Contact& x) { return read_with(r, x, kContactFields); }
bool read_record(Reader& r, Company& x) { return read_with(r, x, kCompanyFields); }
bool read_record(Reader& r, TeamMember& x) { return read_with(r, x, kTeamMemberFields); }
bool read_record(Reader& r, Activity& x) { return read_with(r, x, kActivityFields); }
bool read_record(Reader& r, Note& x) { return read_with(r, x, kNoteFields); }
bool read_record(Reader& r, DealChange& x) { return read_with(r, x, kDealChangeFields); }
bool read_record(Reader& r, CustomFieldDef& x) { return read_with(r, x, kCustomFieldFields); }
bool read_record(Reader& r, LostReason& x) { return read_with(r, x, kLostReasonFields); }
bool read_record(Reader& r, WorkspaceSettings& x) { return read_with(r, x, kSettingsFields); }
bool read_record(Reader& r, Tombstone& x) { return read_with(r, x, kTombstoneFields); }

void write_record(Writer& w, const Pipeline& x) { write_with(w, x, kPipelineFields); }
void write_record(Writer& w, const Deal& x) { write_with(w, x, kDealFields); }
void write_record(Writer& w, const Contact& x) { write_with(w, x, kContactFields); }
void write_record(Writer& w, const Company& x) { write_with(w, x, kCompanyFields); }
void write_record(Writer& w, const TeamMember& x) { write_with(w, x, kTeamMemberFields); }
void write_record(Writer& w, const Activity& x) { write_with(w, x, kActivityFields); }
void write_record(Writer& w, const Note& x) { write_with(w, x, kNoteFields); }
void write_record(Writer& w, const DealChange& x) { write_with(w, x, kDealChangeFields); }
void write_record(Writer& w, const CustomFieldDef& x) { write_with(w, x, kCustomFieldFields); }
void write_record(Writer& w, const LostReason& x) { write_with(w, x, kLostReasonFields); }
void write_record(Writer& w, const WorkspaceSettings& x) { write_with(w, x, kSettingsFields); }
void write_record(Writer& w, const Tombstone& x) { write_with(w, x, kTombstoneFields); }

}  // namespace dd::json_io
