#include "core/store_undo.h"
#include <algorithm>

namespace dd {

namespace {

size_t heap(const std::string& s) { return s.capacity() > 15 ? s.capacity() + 1 : 0; }
size_t heap(const CompactString& s) { return s.heap_bytes(); }
size_t heap(const Pipeline& p) {
    size_t n = heap(p.name) + p.stages.capacity() * sizeof(Stage);
    for (const Stage& s : p.stages) n += heap(s.name);
    return n;
}
size_t heap(const Deal& d) {
    size_t n = heap(d.title) + heap(d.lost_reason_text) + heap(d.external_ref) + heap(d.description) + heap(d.source) +
               d.contacts.capacity() * sizeof(Id) + d.custom.capacity() * sizeof(CustomValue);
    for (const auto& c : d.custom) n += heap(c.text);
    return n;
}
size_t heap(const Contact& c) { return heap(c.name) + heap(c.email) + heap(c.phone); }
size_t heap(const Company& c) { return heap(c.name) + heap(c.domain); }
size_t heap(const TeamMember& m) { return heap(m.name) + heap(m.email); }
size_t heap(const Activity& a) { return heap(a.subject) + heap(a.outcome) + a.contacts.capacity() * sizeof(Id); }
size_t heap(const Note& n) { return heap(n.text); }
size_t heap(const DealChange& c) { return heap(c.field) + heap(c.old_value) + heap(c.new_value); }
size_t heap(const CustomFieldDef& f) {
    size_t n = heap(f.name) + f.options.capacity() * sizeof(std::string);
    for (const auto& o : f.options) n += heap(o);
    return n;
}
size_t heap(const LostReason& r) { return heap(r.text); }
size_t heap(const SavedView& v) {
    const DealQuery& q = v.filters;
    size_t n = heap(v.name) + heap(v.search) + heap(q.text) + (q.stages.capacity() + q.owners.capacity()) * sizeof(Id) +
               q.custom.capacity() * sizeof(CustomFilter) + v.sort.capacity() * sizeof(SortKey) +
               v.layout.columns.capacity() * sizeof(ColumnLayout);
    for (const CustomFilter& f : q.custom) n += heap(f.text);
    return n;
}

template <typename T>
size_t bytes_of(const std::vector<Image<T>>& v) {
    size_t n = v.capacity() * sizeof(Image<T>);
    for (const auto& img : v)
        if (img.record) n += heap(*img.record);
    return n;
}

// Tombstones keep the revision a record had, so a restored record continues above it.
uint32_t tombstone_revision(const StoreIndexes& ix, Id id) {
    const uint32_t slot = ix.tombstone_slot.find(id);
    return slot == FlatIdMap::kMissing ? 0 : ix.ws.tombstones[slot].revision;
}

template <typename T, typename Find>
void restore_kind(StoreIndexes& ix, Images& from, std::vector<Image<T>>& images, Images& to,
                  std::vector<Image<T>>& replaced, RecordKind kind, Millis now, const Find& find) {
    // Records the step created go (their current state is the opposite image)...
    for (const RecordRef& r : from.created) {
        if (r.kind != kind) continue;
        if (const T* current = find(r.id)) {
            replaced.push_back(Image<T>{r.id, *current});
            ix.erase(kind, r.id, now);
        } else {
            to.created.push_back(r);
        }
    }
    // ...and the prior images come back.
    for (auto& img : images) {
        const T* current = find(img.id);
        if (img.record) {
            T rec = std::move(*img.record);
            uint32_t above = current ? current->meta.revision : tombstone_revision(ix, img.id);
            rec.meta.revision = std::max(rec.meta.revision, above) + 1;
            rec.meta.updated_at = now;
            // put swaps the current record out into rec: the opposite image without a copy.
            if (ix.put(rec)) replaced.push_back(Image<T>{img.id, std::optional<T>(std::move(rec))});
            else to.created.push_back(RecordRef{kind, img.id});
        } else if (current) {
            replaced.push_back(Image<T>{img.id, *current});
            ix.erase(kind, img.id, now);
        } else {
            to.created.push_back(RecordRef{kind, img.id});
        }
    }
}

}  // namespace

size_t Images::estimated_bytes() const {
    size_t n = sizeof(Images) + (order.capacity() + created.capacity()) * sizeof(RecordRef);
    n += bytes_of(pipelines) + bytes_of(deals) + bytes_of(contacts) + bytes_of(companies) + bytes_of(team) +
         bytes_of(activities) + bytes_of(notes) + bytes_of(history) + bytes_of(custom_fields) + bytes_of(lost_reasons) +
         bytes_of(saved_views);
    if (settings) n += sizeof(WorkspaceSettings) + heap(settings->name) + settings->rates.capacity() * sizeof(ExchangeRate);
    return n;
}

bool Tx::first_touch(RecordKind kind, Id id) {
    // Most commands touch a handful of records: a linear scan beats hashing until the list grows.
    if (images_.order.size() < 16) {
        for (const RecordRef& r : images_.order)
            if (r.kind == kind && r.id == id) return false;
        images_.order.push_back(RecordRef{kind, id});
        if (images_.order.size() == 16) {
            seen_ = std::make_unique<std::unordered_set<Id>[]>(kRecordKindCount);
            for (const RecordRef& r : images_.order) seen_[size_t(r.kind)].insert(r.id);
        }
        return true;
    }
    if (!seen_[size_t(kind)].insert(id).second) return false;
    images_.order.push_back(RecordRef{kind, id});
    return true;
}

void Tx::put_settings(WorkspaceSettings s) {
    if (!images_.settings) {
        images_.settings = std::make_unique<WorkspaceSettings>(ix_.ws.settings);
        images_.order.push_back(RecordRef{RecordKind::Settings, kNoId});
    }
    ix_.put_settings(std::move(s));
}

void Tx::erase(RecordKind kind, Id id) {
    switch (kind) {
    case RecordKind::Pipeline: remember(id, ix_.pipeline(id), images_.pipelines, kind); break;
    case RecordKind::Deal: remember(id, ix_.deal(id), images_.deals, kind); break;
    case RecordKind::Contact: remember(id, ix_.contact(id), images_.contacts, kind); break;
    case RecordKind::Company: remember(id, ix_.company(id), images_.companies, kind); break;
    case RecordKind::TeamMember: remember(id, ix_.member(id), images_.team, kind); break;
    case RecordKind::Activity: remember(id, ix_.activity(id), images_.activities, kind); break;
    case RecordKind::Note: remember(id, ix_.note(id), images_.notes, kind); break;
    case RecordKind::DealChange: remember(id, ix_.change(id), images_.history, kind); break;
    case RecordKind::CustomField: remember(id, ix_.field(id), images_.custom_fields, kind); break;
    case RecordKind::LostReason: remember(id, ix_.reason(id), images_.lost_reasons, kind); break;
    case RecordKind::SavedView: remember(id, ix_.view(id), images_.saved_views, kind); break;
    case RecordKind::Settings: return;
    }
    ix_.erase(kind, id, now_);
}

void Tx::rollback() {
    restore(ix_, take(), now_);
}

Images restore(StoreIndexes& ix, Images images, Millis now) {
    Images replaced;
    replaced.order = std::move(images.order);   // the same records are touched again (restore reads `created` and the images, not `order`)
    if (images.settings) {
        replaced.settings = std::make_unique<WorkspaceSettings>(ix.ws.settings);
        WorkspaceSettings s = std::move(*images.settings);
        s.revision = std::max(s.revision, ix.ws.settings.revision) + 1;
        s.updated_at = now;
        ix.put_settings(std::move(s));
    }
    // Pipelines first so that restored deals find their stages (lanes tolerate either order).
    restore_kind(ix, images, images.pipelines, replaced, replaced.pipelines, RecordKind::Pipeline, now, [&](Id id) { return ix.pipeline(id); });
    restore_kind(ix, images, images.custom_fields, replaced, replaced.custom_fields, RecordKind::CustomField, now, [&](Id id) { return ix.field(id); });
    restore_kind(ix, images, images.lost_reasons, replaced, replaced.lost_reasons, RecordKind::LostReason, now, [&](Id id) { return ix.reason(id); });
    restore_kind(ix, images, images.team, replaced, replaced.team, RecordKind::TeamMember, now, [&](Id id) { return ix.member(id); });
    restore_kind(ix, images, images.companies, replaced, replaced.companies, RecordKind::Company, now, [&](Id id) { return ix.company(id); });
    restore_kind(ix, images, images.contacts, replaced, replaced.contacts, RecordKind::Contact, now, [&](Id id) { return ix.contact(id); });
    restore_kind(ix, images, images.deals, replaced, replaced.deals, RecordKind::Deal, now, [&](Id id) { return ix.deal(id); });
    restore_kind(ix, images, images.activities, replaced, replaced.activities, RecordKind::Activity, now, [&](Id id) { return ix.activity(id); });
    restore_kind(ix, images, images.notes, replaced, replaced.notes, RecordKind::Note, now, [&](Id id) { return ix.note(id); });
    restore_kind(ix, images, images.history, replaced, replaced.history, RecordKind::DealChange, now, [&](Id id) { return ix.change(id); });
    restore_kind(ix, images, images.saved_views, replaced, replaced.saved_views, RecordKind::SavedView, now, [&](Id id) { return ix.view(id); });
    return replaced;
}

ChangeSet change_set(const StoreIndexes& ix, const Images& images) {
    ChangeSet cs;
    cs.upserted.reserve(images.order.size());
    for (const RecordRef& r : images.order) {
        if (r.kind == RecordKind::Settings) {
            cs.settings = true;
            continue;
        }
        const uint32_t slot = ix.tombstone_slot.find(r.id);
        if (slot != FlatIdMap::kMissing && ix.ws.tombstones[slot].kind == r.kind)
            cs.removed.push_back(ix.ws.tombstones[slot]);
        else
            cs.upserted.push_back(r);
    }
    return cs;
}

void UndoHistory::push_done(UndoStep step) {
    for (const UndoStep& s : undone) bytes -= s.bytes;
    undone.clear();
    step.bytes = step.images.estimated_bytes() + step.label.capacity();
    bytes += step.bytes;
    done.push_back(std::move(step));
    trim();
}

void UndoHistory::trim_redo() {
    while (bytes > budget && undone.size() > 1) {
        bytes -= undone.front().bytes;
        undone.erase(undone.begin());
    }
}

void UndoHistory::trim() {
    while (bytes > budget && done.size() > 1) {
        bytes -= done.front().bytes;
        done.pop_front();
    }
    // Redo steps beyond the budget go too (oldest = the bottom of the redo stack).
    while (bytes > budget && !undone.empty() && done.size() + undone.size() > 1) {
        bytes -= undone.front().bytes;
        undone.erase(undone.begin());
    }
}

}  // namespace dd
