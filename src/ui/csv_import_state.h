// View state of the CSV import dialog (one member of ListState): the file's text as the platform
// (or a test) handed it over, the mapping the user edits, and the parse in progress. The parse
// runs in slices across frames so a file of a million rows keeps the app responsive and shows
// a progress bar.
#pragma once
#include "core/csv_import.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dd::ui {

struct CsvImportState {
    enum class Step { Closed, Mapping, Parsing, Preview };
    Step step = Step::Closed;
    std::string file_name;
    std::string text;                       // the whole file (the platform read it in chunks)
    std::vector<std::string> headers;
    ImportMapping mapping;
    // The parse in progress: the reader feeds the parser; `parsed` bytes of `text` done so far.
    std::shared_ptr<CsvReader> reader;   // shared_ptr: UiState stays copyable
    std::shared_ptr<ImportParser> parser;
    size_t parsed = 0;
    std::optional<ImportPlan> plan;
    bool replan = false;                    // a name choice changed: build the plan again
    bool skip_bad_rows = false;
    bool busy() const { return step == Step::Parsing; }
};

}  // namespace dd::ui
