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
template <typename V>
bool same_value(const CompactVector<V>& a, const CompactVector<V>& b) { return a.empty() && b.empty(); }

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

namespace {

// ---- a saved view's parts ---------------------------------------------------------------------
// Codecs only the views use: an optional integer (null = unset), the owners filter (null = the
// unowned deals), the statuses filter as names, a column width in whole CSS pixels.
bool read_opt_i64(Reader& r, std::optional<int64_t>& out) {
    if (r.read_null()) { out.reset(); return true; }
    if (r.failed()) return false;
    int64_t v;
    if (!r.read_int(v)) return false;
    out = v;
    return true;
}
void write_opt_i64(Writer& w, const std::optional<int64_t>& v) {
    if (v) w.integer(*v);
    else w.null();
}
bool read_owner_refs(Reader& r, std::vector<Id>& out) { return read_id_array(r, out, true); }
void write_owner_refs(Writer& w, const std::vector<Id>& ids) { write_id_array(w, ids); }
bool read_statuses(Reader& r, uint8_t& mask) {
    mask = 0;
    const bool ok = r.read_array([&](size_t) {
        DealStatus s;
        if (!read_enum(r, s)) return false;
        mask |= status_bit(s);
        return true;
    });
    if (ok && mask == 0) return r.fail("must name at least one status");
    return ok;
}
void write_statuses(Writer& w, uint8_t mask) {
    w.put('[');
    bool first = true;
    for (DealStatus s : {DealStatus::Open, DealStatus::Won, DealStatus::Lost, DealStatus::Abandoned}) {
        if (!(mask & status_bit(s))) continue;
        if (!first) w.put(',');
        first = false;
        write_enum(w, s);
    }
    w.put(']');
}
bool read_width(Reader& r, float& out) {
    int64_t v;
    if (!r.read_int(v)) return false;
    if (v < 0 || v > 10000) return r.fail("must be between 0 and 10000");
    out = float(v);
    return true;
}
void write_width(Writer& w, float v) { w.integer(int64_t(v + 0.5f)); }

const FieldSpec<CustomFilter> kCustomFilterFields[] = {
    DD_FIELD(CustomFilter, "field", kRequired, id, field),
    DD_FIELD(CustomFilter, "text", kOptional, text, text),
    DD_FIELD(CustomFilter, "number_min", kOptional, opt_i64, number_min),
    DD_FIELD(CustomFilter, "number_max", kOptional, opt_i64, number_max),
    DD_FIELD(CustomFilter, "has_value", kOptional, flag, has_value),
};
bool read_custom_filters(Reader& r, std::vector<CustomFilter>& v) { return read_list(r, v); }
void write_custom_filters(Writer& w, const std::vector<CustomFilter>& v) { write_list(w, v); }

const FieldSpec<DealQuery> kDealQueryFields[] = {
    DD_FIELD(DealQuery, "text", kOptional, text, text),
    DD_FIELD(DealQuery, "pipeline", kOptional, ref, pipeline),
    DD_FIELD(DealQuery, "stages", kOptional, refs, stages),
    DD_FIELD(DealQuery, "owners", kOptional, owner_refs, owners),
    DD_FIELD(DealQuery, "statuses", kOptional, statuses, status_mask),
    DD_FIELD(DealQuery, "close_from", kOptional, day, close_from),
    DD_FIELD(DealQuery, "close_to", kOptional, day, close_to),
    DD_FIELD(DealQuery, "created_from", kOptional, opt_instant, created_from),
    DD_FIELD(DealQuery, "created_to", kOptional, opt_instant, created_to),
    DD_FIELD(DealQuery, "value_min", kOptional, opt_i64, value_min),
    DD_FIELD(DealQuery, "value_max", kOptional, opt_i64, value_max),
    DD_FIELD(DealQuery, "custom", kOptional, custom_filters, custom),
};
const FieldSpec<SortKey> kSortKeyFields[] = {
    DD_FIELD(SortKey, "column", kRequired, enum, column),
    DD_FIELD(SortKey, "custom_field", kOptional, ref, custom_field),
    DD_FIELD(SortKey, "descending", kOptional, flag, descending),
};
const FieldSpec<ColumnLayout> kColumnLayoutFields[] = {
    DD_FIELD(ColumnLayout, "column", kRequired, enum, column),
    DD_FIELD(ColumnLayout, "custom_field", kOptional, ref, custom_field),
    DD_FIELD(ColumnLayout, "width", kOptional, width, width),
    DD_FIELD(ColumnLayout, "visible", kOptional, flag, visible),
};

}  // namespace

bool read_record(Reader& r, CustomFilter& x) { return read_with(r, x, kCustomFilterFields); }
void write_record(Writer& w, const CustomFilter& x) { write_with(w, x, kCustomFilterFields); }
bool read_record(Reader& r, DealQuery& x) { return read_with(r, x, kDealQueryFields); }
void write_record(Writer& w, const DealQuery& x) { write_with(w, x, kDealQueryFields); }
bool read_record(Reader& r, SortKey& x) { return read_with(r, x, kSortKeyFields); }
void write_record(Writer& w, const SortKey& x) { write_with(w, x, kSortKeyFields); }
bool read_record(Reader& r, ColumnLayout& x) { return read_with(r, x, kColumnLayoutFields); }
void write_record(Writer& w, const ColumnLayout& x) { write_with(w, x, kColumnLayoutFields); }

bool read_record(Reader& r, Stage& x) { return read_with(r, x, kStageFields); }
void write_record(Writer& w, const Stage& x) { write_with(w, x, kStageFields); }
bool read_record(Reader& r, CustomValue& x) { return read_with(r, x, kCustomValueFields); }
void write_record(Writer& w, const CustomValue& x) { write_with(w, x, kCustomValueFields); }
bool read_record(Reader& r, ExchangeRate& x) { return read_with(r, x, kExchangeRateFields); }
void write_record(Writer& w, const ExchangeRate& x) { write_with(w, x, kExchangeRateFields); }

namespace {

bool read_stages(Reader& r, std::vector<Stage>& v) { return read_list(r, v); }
void write_stages(Writer& w, const std::vector<Stage>& v) { write_list(w, v); }
// A deal's lists are the model's compact containers (model.h): same JSON as vectors.
bool read_custom_values(Reader& r, CompactVector<CustomValue>& out) {
    out.clear();
    return r.read_array([&](size_t) {
        out.emplace_back();
        return read_record(r, out.back());
    });
}
void write_custom_values(Writer& w, const CompactVector<CustomValue>& items) {
    w.put('[');
    for (size_t i = 0; i < items.size(); ++i) {
        if (i) w.put(',');
        write_record(w, items[i]);
    }
    w.put(']');
}
bool read_refs(Reader& r, InlineIds& out) { return read_id_array(r, out, false); }
void write_refs(Writer& w, const InlineIds& ids) { write_id_array(w, ids); }
bool read_rates(Reader& r, std::vector<ExchangeRate>& v) { return read_list(r, v); }
void write_rates(Writer& w, const std::vector<ExchangeRate>& v) { write_list(w, v); }
bool read_query(Reader& r, DealQuery& q) { return read_record(r, q); }
void write_query(Writer& w, const DealQuery& q) { write_record(w, q); }
bool read_sort_keys(Reader& r, std::vector<SortKey>& v) { return read_list(r, v); }
void write_sort_keys(Writer& w, const std::vector<SortKey>& v) { write_list(w, v); }
bool read_columns(Reader& r, TableLayout& l) { return read_list(r, l.columns); }
void write_columns(Writer& w, const TableLayout& l) { write_list(w, l.columns); }

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
    DD_FIELD(DealChange, "field", kOptional, shared_text, field),
    DD_FIELD(DealChange, "old_value", kOptional, shared_text, old_value),
    DD_FIELD(DealChange, "new_value", kOptional, shared_text, new_value),
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

const FieldSpec<SavedView> kSavedViewFields[] = {
    DD_META_FIELDS(SavedView),
    DD_FIELD(SavedView, "name", kRequired, text, name),
    DD_FIELD(SavedView, "owner", kOptional, ref, owner),
    // Absent = shared: files from before views could be private hold views the whole team saw.
    // So, unlike other optional fields, it is left out when true (read_record presets true).
    FieldSpec<SavedView>{"shared", ",\"shared\":", kOptional,
                         [](Reader& r, SavedView& x) { return read_flag(r, x.shared); },
                         [](Writer& w, const SavedView& x) { write_flag(w, x.shared); },
                         [](const SavedView& x) { return x.shared; }},
    DD_FIELD(SavedView, "position", kOptional, i32, position),
    DD_FIELD(SavedView, "search", kOptional, text, search),
    DD_FIELD(SavedView, "filters", kOptional, query, filters),
    DD_FIELD(SavedView, "sort", kOptional, sort_keys, sort),
    DD_FIELD(SavedView, "columns", kOptional, columns, layout),
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
bool read_record(Reader& r, SavedView& x) {
    x.shared = true;   // what an absent "shared" means (see kSavedViewFields)
    return read_with(r, x, kSavedViewFields);
}
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
void write_record(Writer& w, const SavedView& x) { write_with(w, x, kSavedViewFields); }
void write_record(Writer& w, const WorkspaceSettings& x) { write_with(w, x, kSettingsFields); }
void write_record(Writer& w, const Tombstone& x) { write_with(w, x, kTombstoneFields); }

}  // namespace dd::json_io
