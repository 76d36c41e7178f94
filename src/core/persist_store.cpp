// WorkspacePersistence::on_applied for the live Store: the store's id maps find each changed
// record in O(1) where a workspace search is linear. A file of its own so that code using only
// the workspace overload (tests of the engine) does not need the store linked in.
#include "core/json_io.h"
#include "core/persist_workspace.h"
#include "core/store.h"

namespace dd {

void WorkspacePersistence::on_applied(const Store& store, const ChangeSet& changes, Millis now) {
    if (changes.empty()) return;
    drop_part_made_snapshot();
    std::vector<std::string> records;
    records.reserve(changes.upserted.size() + changes.removed.size() + 1);
    if (changes.settings) records.push_back(record_to_json(store.settings()));
    for (const RecordRef& ref : changes.upserted) {
        std::string json;
        switch (ref.kind) {   // the store's id maps: O(1), where the workspace search is linear
            case RecordKind::Deal: if (auto* r = store.find_deal(ref.id)) json = record_to_json(*r); break;
            case RecordKind::Pipeline: if (auto* r = store.find_pipeline(ref.id)) json = record_to_json(*r); break;
            case RecordKind::Contact: if (auto* r = store.find_contact(ref.id)) json = record_to_json(*r); break;
            case RecordKind::Company: if (auto* r = store.find_company(ref.id)) json = record_to_json(*r); break;
            case RecordKind::TeamMember: if (auto* r = store.find_member(ref.id)) json = record_to_json(*r); break;
            case RecordKind::Activity: if (auto* r = store.find_activity(ref.id)) json = record_to_json(*r); break;
            case RecordKind::Note: if (auto* r = store.find_note(ref.id)) json = record_to_json(*r); break;
            case RecordKind::DealChange: if (auto* r = store.find_change(ref.id)) json = record_to_json(*r); break;
            case RecordKind::CustomField: if (auto* r = store.find_custom_field(ref.id)) json = record_to_json(*r); break;
            case RecordKind::LostReason: if (auto* r = store.find_lost_reason(ref.id)) json = record_to_json(*r); break;
            case RecordKind::Settings: json = record_to_json(store.settings()); break;
            case RecordKind::SavedView: if (auto* r = store.find_saved_view(ref.id)) json = record_to_json(*r); break;
        }
        if (!json.empty()) records.push_back(std::move(json));
    }
    for (const Tombstone& t : changes.removed) records.push_back(tombstone_to_json(t));
    journal_.append(frame_records(records), now);
}

}  // namespace dd
