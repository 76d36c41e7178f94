// Private to the core: the Store's insides for code that extends it from its own file (the staged
// import), through the `friend struct StoreAccess` the Store declares.
#pragma once
#include "core/store.h"
#include "core/store_undo.h"

namespace dd {

struct StoreAccess {
    static StoreIndexes& indexes(Store& s) { return *s.ix_; }
    static UndoHistory& history(Store& s) { return *s.undo_; }
    static void set_staged_open(Store& s, bool open) { s.staged_open_ = open; }
};

}  // namespace dd
