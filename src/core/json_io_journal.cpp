// Record-level encode/apply for the persistence journal: one change = one small JSON object,
// {"kind":"deal","record":{...}}, whose record is read and written by the snapshot's own code.
#include "core/json_io.h"
#include "core/json_io_fields.h"

#include <algorithm>

namespace dd {
namespace {

using json_io::Reader;
using json_io::Writer;

constexpr std::string_view kTombstoneKind = "tombstone";

template <typename T>
std::string envelope(std::string_view kind, const T& record) {
    Writer w(512);
    w.raw("{\"kind\":");
    w.string(kind);
    w.raw(",\"record\":");
    json_io::write_record(w, record);
    w.put('}');
    return w.take();
}

// Records: a std::vector of records, or the history's ChunkedVector.
template <typename Records, typename T = typename Records::value_type>
const T* find_by_id(const Records& records, Id id) {
    for (const T& r : records)
        if (r.meta.id == id) return &r;
    return nullptr;
}

template <typename Records>
std::string encode_found(const Records& records, Id id) {
    const auto* found = find_by_id(records, id);
    return found ? record_to_json(*found) : std::string();
}

// Reads the envelope's "kind" (wherever it is in the object).
Result<std::string> read_kind(std::string_view entry) {
    Reader r(entry);
    std::string kind;
    bool have_kind = false;
    const bool ok = r.read_object([&](std::string_view key) {
        if (key != "kind") return r.skip_value();
        r.push_key("kind");
        if (!r.read_string(kind)) return false;
        r.pop();
        have_kind = true;
        return true;
    });
    if (!ok || !r.expect_end()) return r.error();
    if (!have_kind) return field_error("kind", "missing required field");
    return kind;
}

// Reads the envelope's "record" into `record` with the snapshot's reader for its type.
template <typename T>
Status read_payload(std::string_view entry, T& record, TextInterner* texts = nullptr) {
    Reader r(entry);
    r.share_texts(texts);
    bool have_record = false;
    const bool ok = r.read_object([&](std::string_view key) {
        if (key != "record") return r.skip_value();
        r.push_key("record");
        if (have_record) return r.fail("duplicate field");
        if (!json_io::read_record(r, record)) return false;
        r.pop();
        have_record = true;
        return true;
    });
    if (!ok || !r.expect_end()) return r.error();
    if (!have_record) return field_error("record", "missing required field");
    return ok_status();
}

void drop_tombstone(Workspace& ws, RecordKind kind, Id id) {
    auto& t = ws.tombstones;
    t.erase(std::remove_if(t.begin(), t.end(), [&](const Tombstone& x) { return x.kind == kind && x.id == id; }),
            t.end());
}

template <typename Records, typename T = typename Records::value_type>
Status upsert(Workspace& ws, Records& records, RecordKind kind, std::string_view entry, TextInterner* texts = nullptr) {
    T record;
    if (Status s = read_payload(entry, record, texts); !s) return s;
    auto it = std::find_if(records.begin(), records.end(), [&](const T& x) { return x.meta.id == record.meta.id; });
    if (it != records.end()) *it = std::move(record);
    else {
        const Id id = record.meta.id;
        records.push_back(std::move(record));
        drop_tombstone(ws, kind, id);  // a record coming back (undo of a delete, restore)
    }
    return ok_status();
}

template <typename Records, typename T = typename Records::value_type>
void erase_by_id(Records& records, Id id) {
    records.erase(std::remove_if(records.begin(), records.end(), [&](const T& x) { return x.meta.id == id; }),
                  records.end());
}

Status apply_tombstone(Workspace& ws, std::string_view entry) {
    Tombstone t;
    if (Status s = read_payload(entry, t); !s) return s;
    switch (t.kind) {
        case RecordKind::Pipeline: erase_by_id(ws.pipelines, t.id); break;
        case RecordKind::Deal: erase_by_id(ws.deals, t.id); break;
        case RecordKind::Contact: erase_by_id(ws.contacts, t.id); break;
        case RecordKind::Company: erase_by_id(ws.companies, t.id); break;
        case RecordKind::TeamMember: erase_by_id(ws.team, t.id); break;
        case RecordKind::Activity: erase_by_id(ws.activities, t.id); break;
        case RecordKind::Note: erase_by_id(ws.notes, t.id); break;
        case RecordKind::DealChange: erase_by_id(ws.history, t.id); break;
        case RecordKind::CustomField: erase_by_id(ws.custom_fields, t.id); break;
        case RecordKind::LostReason: erase_by_id(ws.lost_reasons, t.id); break;
        case RecordKind::SavedView: erase_by_id(ws.saved_views, t.id); break;
        case RecordKind::Settings: return field_error("record.kind", "the settings cannot be deleted");
    }
    drop_tombstone(ws, t.kind, t.id);
    ws.tombstones.push_back(t);
    return ok_status();
}

}  // namespace

std::string record_to_json(const Pipeline& x) { return envelope(to_string(RecordKind::Pipeline), x); }
std::string record_to_json(const Deal& x) { return envelope(to_string(RecordKind::Deal), x); }
std::string record_to_json(const Contact& x) { return envelope(to_string(RecordKind::Contact), x); }
std::string record_to_json(const Company& x) { return envelope(to_string(RecordKind::Company), x); }
std::string record_to_json(const TeamMember& x) { return envelope(to_string(RecordKind::TeamMember), x); }
std::string record_to_json(const Activity& x) { return envelope(to_string(RecordKind::Activity), x); }
std::string record_to_json(const Note& x) { return envelope(to_string(RecordKind::Note), x); }
std::string record_to_json(const DealChange& x) { return envelope(to_string(RecordKind::DealChange), x); }
std::string record_to_json(const CustomFieldDef& x) { return envelope(to_string(RecordKind::CustomField), x); }
std::string record_to_json(const LostReason& x) { return envelope(to_string(RecordKind::LostReason), x); }
std::string record_to_json(const SavedView& x) { return envelope(to_string(RecordKind::SavedView), x); }
std::string record_to_json(const WorkspaceSettings& x) { return envelope(to_string(RecordKind::Settings), x); }
std::string tombstone_to_json(const Tombstone& x) { return envelope(kTombstoneKind, x); }

std::string record_to_json(const Workspace& ws, RecordKind kind, Id id) {
    switch (kind) {
        case RecordKind::Pipeline: return encode_found(ws.pipelines, id);
        case RecordKind::Deal: return encode_found(ws.deals, id);
        case RecordKind::Contact: return encode_found(ws.contacts, id);
        case RecordKind::Company: return encode_found(ws.companies, id);
        case RecordKind::TeamMember: return encode_found(ws.team, id);
        case RecordKind::Activity: return encode_found(ws.activities, id);
        case RecordKind::Note: return encode_found(ws.notes, id);
        case RecordKind::DealChange: return encode_found(ws.history, id);
        case RecordKind::CustomField: return encode_found(ws.custom_fields, id);
        case RecordKind::LostReason: return encode_found(ws.lost_reasons, id);
        case RecordKind::SavedView: return encode_found(ws.saved_views, id);
        case RecordKind::Settings: return record_to_json(ws.settings);
    }
    return {};
}

Status apply_record_json(Workspace& ws, std::string_view entry, TextInterner* texts) {
    Result<std::string> kind_name = read_kind(entry);
    if (!kind_name) return kind_name.error();
    if (kind_name.value() == kTombstoneKind) return apply_tombstone(ws, entry);
    RecordKind kind;
    if (!parse(kind_name.value(), kind)) return field_error("kind", "unknown value \"" + kind_name.value() + "\"");
    switch (kind) {
        case RecordKind::Pipeline: return upsert(ws, ws.pipelines, kind, entry);
        case RecordKind::Deal: return upsert(ws, ws.deals, kind, entry);
        case RecordKind::Contact: return upsert(ws, ws.contacts, kind, entry);
        case RecordKind::Company: return upsert(ws, ws.companies, kind, entry);
        case RecordKind::TeamMember: return upsert(ws, ws.team, kind, entry);
        case RecordKind::Activity: return upsert(ws, ws.activities, kind, entry);
        case RecordKind::Note: return upsert(ws, ws.notes, kind, entry);
        case RecordKind::DealChange: return upsert(ws, ws.history, kind, entry, texts);
        case RecordKind::CustomField: return upsert(ws, ws.custom_fields, kind, entry);
        case RecordKind::LostReason: return upsert(ws, ws.lost_reasons, kind, entry);
        case RecordKind::SavedView: return upsert(ws, ws.saved_views, kind, entry);
        case RecordKind::Settings: {
            WorkspaceSettings settings;
            if (Status s = read_payload(entry, settings); !s) return s;
            ws.settings = std::move(settings);
            return ok_status();
        }
    }
    return field_error("kind", "unknown value");
}

}  // namespace dd
