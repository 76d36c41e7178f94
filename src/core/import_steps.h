// Private to the store: the ImportDeals command as resumable parts, so that the one-shot command
// (Store::apply) and the staged run (staged_import.h: a million rows over many frames) are the
// same code and give exactly the same workspace. Both walk the command's lists in one order:
// new members, new stages, new companies, new contacts, created deals, updated deals; a cursor
// says how far a walk got, and a budget says how many items the next call may take.
#pragma once
#include "core/cmd_support.h"
#include <string>
#include <unordered_map>
#include <unordered_set>

namespace dd::cmd {

// How far a walk over an ImportDeals got: `part` indexes the six lists above, `index` the item.
struct ImportCursor {
    int part = 0;
    size_t index = 0;
    size_t items = 0;   // items walked so far, over every list
    bool done() const { return part >= 6; }
};
size_t import_items(const ImportDeals& c);   // the total a walk ends at
size_t import_deals(const ImportDeals& c);   // creates + updates

// What validation remembers between items: ids the command creates (deals may refer to them
// before they exist), references and deal ids seen so far.
struct ImportCheck {
    ImportCursor at;
    std::unordered_set<Id> members, stages, companies, contacts;
    std::unordered_map<Id, Id> stage_pipeline;
    std::unordered_set<std::string> refs;
    std::unordered_set<Id> deal_ids;
};

// Validates up to `budget` more items (reads only). An error names the field; the first error
// ends the walk. Validating every item before the first change keeps the import all-or-nothing.
Status validate_import_items(const StoreIndexes& ix, const ImportDeals& c, ImportCheck& check, size_t budget);

// Applies up to `budget` more items through `tx` (after the whole command validated), copying
// the records out of `c`.
void run_import_items(Tx& tx, const ImportDeals& c, ImportCursor& at, size_t budget, const Ctx& ctx);
// The same, moving the records out of `c` (the staged run owns its command: a million deals are
// not copied, and their text is not held twice). `c` keeps its sizes; the walked records are empty.
void consume_import_items(Tx& tx, ImportDeals& c, ImportCursor& at, size_t budget, const Ctx& ctx);

std::string import_label(const ImportDeals& c);   // "Imported 3 deals (2 new, 1 updated)"

}  // namespace dd::cmd
