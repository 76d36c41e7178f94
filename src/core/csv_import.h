// Importing deals from CSV, in three steps the UI walks the user through:
//   1. the header: each column auto-mapped to a deal field by its name (our own export's headers,
//      Pipedrive's "Deal - Title"... and HubSpot's "Deal Name"...); the user may change any;
//   2. the rows, streamed (CsvReader -> ImportParser, any number of rows): each converted to an
//      ImportRow, or an ImportProblem naming its line, field and reason; stage and owner names
//      the workspace does not know are collected for the user to map to existing ones or create;
//   3. the plan: one ImportDeals command (creates, updates of deals whose reference exists, the
//      new stages, members, contacts and companies), applied all-or-nothing as ONE undo step
//      (by Store::apply, or across frames by a StagedImport: staged_import.h).
// Nothing is applied from a file with problems unless the user chose to skip the bad rows, and
// never from a file whose encoding is wrong as a whole.
#pragma once
#include "core/commands.h"
#include "core/csv_reader.h"
#include "core/ids.h"
#include "core/result.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace dd {

class Store;

enum class ImportField : uint8_t {
    Ignore, Title, Value, Currency, Pipeline, Stage, Status, Owner, Contact, Company, ExpectedClose,
    Reference, Description, Source,
};
constexpr int kImportFieldCount = int(ImportField::Source) + 1;
const char* import_field_name(ImportField);   // "Title", "Expected close", "(ignore)"

// The field a column header names (case and spacing ignored), or Ignore.
ImportField import_field_for_header(std::string_view header);

struct ImportMapping {
    std::vector<ImportField> columns;   // one per CSV column, in file order
    bool has(ImportField f) const;
};
// Each header auto-mapped; a field claimed by an earlier column is not mapped twice.
ImportMapping auto_map(const std::vector<std::string>& headers);

// The header record of a CSV text (its first non-blank record), for the mapping step.
std::vector<std::string> read_csv_header(std::string_view first_bytes);

// A date as people write it: ISO "2026-11-23" (a time after it is ignored), numeric in the
// locale's order ("11/23/2026" en-US, "23.11.2026" de-DE), "23 Nov 2026", "Nov 23, 2026".
std::optional<Day> parse_import_date(std::string_view text, std::string_view locale);

struct ImportProblem {
    size_t line = 0;        // 1-based line of the file where the record starts; 0 = the whole file
    std::string field;      // the deal field, or empty for an encoding/quoting problem
    std::string message;
    std::string text() const;   // "line 7, value: must be a number"
};

// One data row, converted. Unset optionals: the column is not mapped or the cell is empty.
struct ImportRow {
    size_t line = 0;
    std::optional<std::string> title;
    std::optional<Money> value;
    std::optional<Currency> currency;
    Id pipeline = kNoId;                 // the row's pipeline (the default one when not given)
    Id stage = kNoId;                    // a known stage, else stage_name is unknown
    std::string stage_name;
    std::optional<DealStatus> status;
    Id owner = kNoId;                    // a known member, else owner_name is unknown
    std::string owner_name;
    std::vector<std::string> contacts;   // names, "; " separated in the cell
    std::string company;
    std::optional<Day> expected_close;
    std::string reference;
    Id existing = kNoId;                 // the deal whose reference this is: an update
    std::optional<std::string> description;
    std::optional<std::string> source;
};

// A stage or owner name the workspace does not know, with the user's choice for it.
struct NameChoice {
    Id pipeline = kNoId;    // stages: the pipeline the name was used in
    std::string name;       // as first seen in the file
    size_t rows = 0;        // how many rows use it
    Id map_to = kNoId;      // an existing stage/member; kNoId = create it
};

struct ImportOptions {
    Id pipeline = kNoId;    // rows without a pipeline column go here (kNoId: the first pipeline)
};

// Converts data records (the first record given is the header and is skipped). Feed it from a
// CsvReader; it keeps the converted rows and the problems.
class ImportParser {
public:
    ImportParser(const Store& store, ImportMapping mapping, ImportOptions options = {});
    void add(const CsvRecord& record);
    void set_file_problem(const std::string& problem);   // CsvReader::file_problem()

    const std::vector<ImportRow>& rows() const { return rows_; }
    const std::vector<ImportProblem>& problems() const { return problems_; }
    std::vector<NameChoice>& unknown_stages() { return unknown_stages_; }
    std::vector<NameChoice>& unknown_owners() { return unknown_owners_; }
    const std::vector<NameChoice>& unknown_stages() const { return unknown_stages_; }
    const std::vector<NameChoice>& unknown_owners() const { return unknown_owners_; }
    const std::string& file_problem() const { return file_problem_; }
    size_t records() const { return records_; }   // data records seen (good and bad)

private:
    bool convert(const CsvRecord& record, ImportRow& row);
    void problem(size_t line, std::string field, std::string message);

    const Store& store_;
    ImportMapping mapping_;
    Id default_pipeline_ = kNoId;
    bool header_seen_ = false;
    size_t records_ = 0;
    std::vector<ImportRow> rows_;
    std::vector<ImportProblem> problems_;
    std::vector<NameChoice> unknown_stages_, unknown_owners_;
    std::unordered_map<std::string, size_t> stage_index_, owner_index_;   // lower-case key -> choice
    std::unordered_map<std::string, size_t> ref_line_;                     // references seen -> line
    std::string file_problem_;
};

struct ImportPlan {
    ImportDeals command;
    size_t creates = 0;
    size_t updates = 0;
    std::vector<ImportProblem> problems;   // the parser's and the plan's, by line
    size_t bad_rows = 0;                   // rows left out because of a problem
    bool file_refused = false;             // an encoding problem of the whole file
    // Applying is allowed when nothing is wrong, or the user chose to skip the bad rows.
    bool can_apply(bool skip_bad_rows) const {
        return !file_refused && (creates + updates) > 0 && (problems.empty() || skip_bad_rows);
    }
};

// Builds the plan a slice of rows at a time: a million rows take seconds, so the dialog spreads
// them across frames with its progress bar (the command is still one; staged_import.h applies it
// in slices too, all-or-nothing, one undo step).
// `store`, `parsed` and `ids` must outlive the planner; new ids come from `ids`.
class ImportPlanner {
public:
    ImportPlanner(const Store& store, const ImportParser& parsed, IdGenerator& ids);
    // Plans up to `max_rows` more rows; true once every row is planned.
    bool step(size_t max_rows);
    size_t planned() const { return next_row_; }
    size_t total() const { return parsed_.rows().size(); }
    // The finished plan (call once, after step() returned true).
    ImportPlan finish();

private:
    Id stage_for(const ImportRow& r);
    Id owner_for(const ImportRow& r);
    Id company_for(const std::string& name);
    Id contact_for(const std::string& name, Id company);
    void plan_row(const ImportRow& r);

    const Store& store_;
    const ImportParser& parsed_;
    IdGenerator& ids_;
    ImportPlan plan_;
    size_t next_row_ = 0;
    // Names the user chose to create: one new record each, made on first use.
    std::vector<Id> stage_ids_, owner_ids_;
    std::unordered_map<std::string, size_t> stage_choice_, owner_choice_;   // lower-case key -> choice
    std::unordered_map<std::string, Id> contacts_, companies_;             // lower-case name -> id
};

// The command for the parsed rows with the user's name choices, in one go (an ImportPlanner run
// to the end). New ids come from `ids`.
ImportPlan plan_import(const Store& store, const ImportParser& parsed, IdGenerator& ids);

// Convenience for tests and small files: header, auto-mapping, every row, the plan.
struct ImportRun {
    ImportMapping mapping;
    ImportPlan plan;
};
ImportRun import_csv_text(const Store& store, std::string_view csv, IdGenerator& ids, ImportOptions options = {});

}  // namespace dd
