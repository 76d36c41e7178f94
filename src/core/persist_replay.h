// Replays journal records onto a workspace in one batch, with an id index per record kind.
//
// apply_record_json (json_io.h) finds each record by a linear search: fine for one change, but a
// start-up replaying thousands of changes onto 100,000 deals would cost records x deals. This
// batch decodes each record with the same json_io code (into a small scratch workspace, so the
// format stays B's alone), then places it through a hash index built once per kind. Deletions
// only mark records; finish() removes them in one pass, keeping the order of what remains, so the
// result is exactly what applying the records one by one with apply_record_json gives.
#pragma once
#include "core/model.h"
#include "core/result.h"

#include <memory>
#include <string_view>
#include <vector>

namespace dd {

class RecordReplay {
public:
    explicit RecordReplay(Workspace& target);
    ~RecordReplay();
    RecordReplay(const RecordReplay&) = delete;
    RecordReplay& operator=(const RecordReplay&) = delete;

    // Same contract as apply_record_json: on error the target is unchanged.
    Status apply(std::string_view record);
    // Drops the records deleted during the batch. Call once, after the last apply().
    void finish();
    // Collects the id of every history line a record puts or erases, in `ids` (unsorted): for a
    // start that reads the snapshot's lines later, those lines are superseded by the journal.
    void collect_history_ids(std::vector<Id>* ids) { history_ids_ = ids; }

private:
    struct Indexes;
    Workspace& ws_;
    Workspace scratch_;
    TextInterner texts_;   // history lines' repeated texts, one block each across the batch
    std::unique_ptr<Indexes> index_;
    std::vector<Id>* history_ids_ = nullptr;
};

}  // namespace dd
