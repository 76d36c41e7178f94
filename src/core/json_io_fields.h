// One reader and one writer per record type, shared by the snapshot (save/load of the whole
// workspace) and the journal (record-level encode/apply). Internal to the json_io files.
// Each record type is described once, by a table of its fields (json_io_fields.cpp).
#pragma once
#include "core/json_io_codecs.h"

namespace dd::json_io {

// Nested records (inside a pipeline, a deal, the settings).
bool read_record(Reader&, Stage&);
bool read_record(Reader&, CustomValue&);
bool read_record(Reader&, ExchangeRate&);
void write_record(Writer&, const Stage&);
void write_record(Writer&, const CustomValue&);
void write_record(Writer&, const ExchangeRate&);
// A saved view's parts.
bool read_record(Reader&, CustomFilter&);
bool read_record(Reader&, DealQuery&);
bool read_record(Reader&, SortKey&);
bool read_record(Reader&, ColumnLayout&);
void write_record(Writer&, const CustomFilter&);
void write_record(Writer&, const DealQuery&);
void write_record(Writer&, const SortKey&);
void write_record(Writer&, const ColumnLayout&);

// Top-level records, settings and tombstones.
bool read_record(Reader&, Pipeline&);
bool read_record(Reader&, Deal&);
bool read_record(Reader&, Contact&);
bool read_record(Reader&, Company&);
bool read_record(Reader&, TeamMember&);
bool read_record(Reader&, Activity&);
bool read_record(Reader&, Note&);
bool read_record(Reader&, DealChange&);
bool read_record(Reader&, CustomFieldDef&);
bool read_record(Reader&, LostReason&);
bool read_record(Reader&, SavedView&);
bool read_record(Reader&, WorkspaceSettings&);
bool read_record(Reader&, Tombstone&);

void write_record(Writer&, const Pipeline&);
void write_record(Writer&, const Deal&);
void write_record(Writer&, const Contact&);
void write_record(Writer&, const Company&);
void write_record(Writer&, const TeamMember&);
void write_record(Writer&, const Activity&);
void write_record(Writer&, const Note&);
void write_record(Writer&, const DealChange&);
void write_record(Writer&, const CustomFieldDef&);
void write_record(Writer&, const LostReason&);
void write_record(Writer&, const SavedView&);
void write_record(Writer&, const WorkspaceSettings&);
void write_record(Writer&, const Tombstone&);

}  // namespace dd::json_io
