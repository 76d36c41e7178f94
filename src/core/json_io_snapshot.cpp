// The whole-workspace snapshot: save_workspace_json and load_workspace_json.
#include "core/json_io.h"
#include "core/json_io_fields.h"
#include "core/json_io_migrate.h"

namespace dd {
namespace {

using json_io::Reader;
using json_io::Writer;

template <typename Records>   // a std::vector of records, or the history's ChunkedVector
void write_array(Writer& w, std::string_view name, const Records& records) {
    w.raw(",\n\"");
    w.raw(name);
    w.raw("\":[");
    for (size_t i = 0; i < records.size(); ++i) {
        w.raw(i ? ",\n" : "\n");
        json_io::write_record(w, records[i]);
    }
    w.raw(records.empty() ? "]" : "\n]");
}

template <typename Records>
bool read_array(Reader& r, Records& out) {
    out.clear();
    return r.read_array([&](size_t) {
        out.emplace_back();
        return json_io::read_record(r, out.back());
    });
}

// The top-level members, in the order they are written.
enum TopLevel : uint32_t {
    kFormat, kVersion, kSettings, kTeam, kPipelines, kLostReasons, kCustomFields, kCompanies,
    kContacts, kDeals, kActivities, kNotes, kHistory, kTombstones, kSavedViews, kTopLevelCount
};
constexpr std::string_view kTopLevelNames[kTopLevelCount] = {
    "format", "version", "settings", "team", "pipelines", "lost_reasons", "custom_fields",
    "companies", "contacts", "deals", "activities", "notes", "history", "tombstones", "saved_views"};

int top_level_member(std::string_view key) {
    for (int i = 0; i < static_cast<int>(kTopLevelCount); ++i)
        if (kTopLevelNames[i] == key) return i;
    return -1;
}

bool read_member(Reader& r, int member, Workspace& ws) {
    switch (member) {
        case kSettings: return json_io::read_record(r, ws.settings);
        case kTeam: return read_array(r, ws.team);
        case kPipelines: return read_array(r, ws.pipelines);
        case kLostReasons: return read_array(r, ws.lost_reasons);
        case kCustomFields: return read_array(r, ws.custom_fields);
        case kCompanies: return read_array(r, ws.companies);
        case kContacts: return read_array(r, ws.contacts);
        case kDeals: return read_array(r, ws.deals);
        case kActivities: return read_array(r, ws.activities);
        case kNotes: return read_array(r, ws.notes);
        case kHistory: return read_array(r, ws.history);
        case kTombstones: return read_array(r, ws.tombstones);
        case kSavedViews: return read_array(r, ws.saved_views);
        default: return r.skip_value();  // format and version were checked by read_header
    }
}

// Reads a document of the current version straight into a Workspace, then checks it.
Result<CheckedWorkspace> read_current(std::string_view text) {
    Reader r(text);
    TextInterner texts;   // the history's repeated texts, one block each (fewer mallocs at load)
    r.share_texts(&texts);
    Workspace ws;
    uint32_t seen = 0;
    const bool ok = r.read_object([&](std::string_view key) {
        const int member = top_level_member(key);
        if (member < 0) return r.skip_value();  // unknown members are ignored
        r.push_key(kTopLevelNames[member]);
        if (seen & (1u << member)) return r.fail("duplicate field");
        seen |= 1u << member;
        if (!read_member(r, member, ws)) return false;
        r.pop();
        return true;
    });
    if (!ok || !r.expect_end()) return r.error();
    if (!(seen & (1u << kSettings))) return field_error("settings", "missing required field");
    return CheckedWorkspace::check(std::move(ws));
}

}  // namespace

std::string save_workspace_json(const Workspace& ws) {
    // A size guess a little above what sample data takes per record: one buffer, no regrowth copy.
    Writer w(4096 + ws.deals.size() * 700 + ws.contacts.size() * 260 + ws.companies.size() * 220 +
             ws.activities.size() * 380 + ws.notes.size() * 300 + ws.history.size() * 240 +
             ws.tombstones.size() * 100);
    w.raw("{\"format\":\"");
    w.raw(kJsonFormatName);
    w.raw("\",\"version\":");
    w.integer(kJsonFormatVersion);
    w.raw(",\n\"settings\":");
    json_io::write_record(w, ws.settings);
    write_array(w, "team", ws.team);
    write_array(w, "pipelines", ws.pipelines);
    write_array(w, "lost_reasons", ws.lost_reasons);
    write_array(w, "custom_fields", ws.custom_fields);
    write_array(w, "companies", ws.companies);
    write_array(w, "contacts", ws.contacts);
    write_array(w, "deals", ws.deals);
    write_array(w, "activities", ws.activities);
    write_array(w, "notes", ws.notes);
    write_array(w, "history", ws.history);
    write_array(w, "tombstones", ws.tombstones);
    // Optional (added within version 1): left out when empty, so a workspace without views is
    // written byte for byte as before and older readers, which ignore unknown members, still load it.
    if (!ws.saved_views.empty()) write_array(w, "saved_views", ws.saved_views);
    w.raw("\n}\n");
    return w.take();
}

Result<CheckedWorkspace> load_checked_workspace_json(std::string_view text) {
    Result<int> version = json_io::read_header(text);
    if (!version) return version.error();
    if (version.value() == kJsonFormatVersion) return read_current(text);
    Result<std::string> migrated = json_io::migrate_to_current(text, version.value());
    if (!migrated) return migrated.error();
    return read_current(migrated.value());
}

Result<Workspace> load_workspace_json(std::string_view text) {
    Result<CheckedWorkspace> loaded = load_checked_workspace_json(text);
    if (!loaded) return loaded.error();
    return std::move(loaded.value()).release();
}

}  // namespace dd
