// The Dealdeck JSON format (docs/data-format.md): the whole workspace as one snapshot, and single
// records for the persistence journal. Nothing here throws; errors name the JSON path:
//   "deals[12].value: expected an integer".
#pragma once
#include "core/model.h"
#include "core/result.h"
#include "core/store_load.h"

#include <string>
#include <string_view>

namespace dd {

constexpr std::string_view kJsonFormatName = "dealdeck";
constexpr int kJsonFormatVersion = 1;  // the version written; older ones are migrated on load

// ---- Snapshot -------------------------------------------------------------------------------
// The whole workspace: {"format":"dealdeck","version":1,"settings":{...},"team":[...],...}.
// One record per line inside each array. Same workspace -> same bytes.
std::string save_workspace_json(const Workspace&);

// Parses, migrates older versions, then checks the workspace (check_workspace). Nothing is
// returned unless all of it succeeds, so a caller applies the result or nothing.
// The checked form goes to Store::load without a second check (store_load.h); the plain one is
// for a caller that changes the workspace first (Store::load then checks it).
Result<CheckedWorkspace> load_checked_workspace_json(std::string_view text);
Result<Workspace> load_workspace_json(std::string_view text);

// The referential integrity the store relies on, with errors named by JSON path: unique ids,
// references that exist (a deal's stage belongs to its pipeline, ...), exchange rates for every
// currency in use, one Won and one Lost stage at the end of every pipeline, ...
Status check_workspace(const Workspace&);

// ---- Journal records ------------------------------------------------------------------------
// One change as one JSON object:
//   {"kind":"deal","record":{...the deal, as in the snapshot...}}
//   {"kind":"settings","record":{...}}
//   {"kind":"tombstone","record":{"kind":"deal","id":"...","revision":4,"deleted_at":"..."}}
// The record object is read and written by the same code as the snapshot's.
std::string record_to_json(const Pipeline&);
std::string record_to_json(const Deal&);
std::string record_to_json(const Contact&);
std::string record_to_json(const Company&);
std::string record_to_json(const TeamMember&);
std::string record_to_json(const Activity&);
std::string record_to_json(const Note&);
std::string record_to_json(const DealChange&);
std::string record_to_json(const CustomFieldDef&);
std::string record_to_json(const LostReason&);
std::string record_to_json(const SavedView&);
std::string record_to_json(const WorkspaceSettings&);
// The record of that kind and id in the workspace (for Settings the id is ignored);
// an empty string if there is none.
std::string record_to_json(const Workspace&, RecordKind, Id);
std::string tombstone_to_json(const Tombstone&);

// Applies one journal entry: an upsert replaces the record with the same id (or appends it);
// a tombstone removes the record of that kind and id and records the tombstone (replacing an
// older one for the same record); an upsert of a tombstoned record drops its tombstone (restore).
// The entry is fully parsed before the workspace is touched: on error the workspace is unchanged.
// Only the record's own fields are checked here; run check_workspace (or Store::load) after
// replaying a journal to check references. Cost: a linear search for the id.
// `texts` (optional): where history lines' repeated texts are shared across the entries of one
// replay (compact_string.h's TextInterner).
Status apply_record_json(Workspace&, std::string_view entry, TextInterner* texts = nullptr);

}  // namespace dd
