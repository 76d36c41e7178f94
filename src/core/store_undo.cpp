#include "core/store_undo.h"
#include "core/prefetch.h"
#include <algorithm>
#include <memory>
#include <new>

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

template <typename V>   // a std::vector or a CompactVector of images
size_t bytes_of(const V& v) {
    size_t n = v.capacity() * sizeof(v[0]);
    for (const auto& img : v)
        if (img.record) n += heap(*img.record);
    return n;
}

// Tombstones keep the revision a record had, so a restored record continues above it.
uint32_t tombstone_revision(const StoreIndexes& ix, Id id) {
    const uint32_t slot = ix.tombstone_slot.find(id);
    return slot == FlatIdMap::kMissing ? 0 : ix.ws.tombstones[slot].revision;
}

// The record about to be erased, as the opposite image, written straight into the image (no
// temporary record moved twice): copied, except history lines, whose text moves out (their erase
// reads only ids and the revision; undoing a move erases its lines).
template <typename T>
void image_of_erased(StoreIndexes&, const T* current, std::optional<T>& out) {
    out.emplace(*current);
}
void image_of_erased(StoreIndexes&, const DealChange* current, std::optional<DealChange>& image) {
    // `current` points into ix.ws.history, which the caller holds writable: no second lookup.
    // Move-constructed: the ids, kind and revision are copied (the erase still reads them), the
    // three texts' buffers taken (cheaper than assigning into default-constructed strings).
    image.emplace(std::move(const_cast<DealChange&>(*current)));
}

// `absent` is set when a record of this kind ends absent (erased here, or not there to begin with).
// `ImageList`: a std::vector or a CompactVector of Image<T>.
template <typename ImageList, typename Find>
void restore_kind(StoreIndexes& ix, TouchedList& order, ImageList& images, ImageList& replaced, RecordKind kind, Millis now,
                  const Find& find, bool& absent) {
    using T = typename std::decay_t<decltype(images[0])>::Record;
    // Records the step created go (their current state is the opposite image), the newest
    // first: they were appended in first-touch order, so undoing in LIFO order finds each one
    // at the end of its vector and, for history lines, at the head of its deal's chain. Taken
    // oldest first, each erase but the last swapped the vector's last line into the hole and
    // walked the chain to relink it (~230 instructions and a cache miss per line of a move).
    // Their images are written back to front into room made for them, so that they stay in
    // first-touch order (a redo creates them in the order the command did) without a reverse
    // afterwards (swapping 168-byte line images cost more than the walk it saved).
    size_t created = 0;
    for (const Touched& t : order) created += t.kind == kind && t.created;
    const size_t first_image = replaced.size();
    replaced.resize(first_image + created);   // empty images (no record); room reserved for lines
    size_t out = replaced.size();
    for (size_t k = order.size(); k-- > 0;) {
        Touched& t = order[k];
        if (t.kind != kind || !t.created) continue;
        const T* current = find(t.id);
        t.absent = current == nullptr;
        absent = true;
        if (current) {
            Image<T>& img = replaced[--out];
            img.id = t.id;
            image_of_erased(ix, current, img.record);
            ix.erase(kind, t.id, now);
        }
    }
    // Records already gone left their room empty (never for a consistent stack): dropped.
    if (out != first_image)
        replaced.erase(replaced.begin() + ptrdiff_t(first_image), replaced.begin() + ptrdiff_t(out));
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
        } else {
            absent = true;
            if (current) {
                replaced.push_back(Image<T>{img.id, *current});
                ix.erase(kind, img.id, now);
            }
        }
    }
}

bool exists(const StoreIndexes& ix, RecordKind kind, Id id) {
    switch (kind) {
    case RecordKind::Pipeline: return ix.pipeline(id) != nullptr;
    case RecordKind::Deal: return ix.deal(id) != nullptr;
    case RecordKind::Contact: return ix.contact(id) != nullptr;
    case RecordKind::Company: return ix.company(id) != nullptr;
    case RecordKind::TeamMember: return ix.member(id) != nullptr;
    case RecordKind::Activity: return ix.activity(id) != nullptr;
    case RecordKind::Note: return ix.note(id) != nullptr;
    case RecordKind::DealChange: return ix.change(id) != nullptr;
    case RecordKind::CustomField: return ix.field(id) != nullptr;
    case RecordKind::LostReason: return ix.reason(id) != nullptr;
    case RecordKind::SavedView: return ix.view(id) != nullptr;
    case RecordKind::Settings: return true;
    }
    return true;
}

}  // namespace

size_t OtherImages::estimated_bytes() const {
    size_t n = sizeof(OtherImages) + bytes_of(pipelines) + bytes_of(contacts) + bytes_of(companies) + bytes_of(team) +
               bytes_of(activities) + bytes_of(notes) + bytes_of(custom_fields) + bytes_of(lost_reasons) +
               bytes_of(saved_views);
    if (settings) n += sizeof(WorkspaceSettings) + heap(settings->name) + settings->rates.capacity() * sizeof(ExchangeRate);
    return n;
}

size_t Images::estimated_bytes() const {
    size_t n = sizeof(Images) + order.heap_bytes() + placements.heap_bytes() +
               bytes_of(deals) + bytes_of(history);
    for (const DealPlacement& p : placements) n += heap(p.lost_reason_text);
    if (other) n += other->estimated_bytes();
    return n;
}

bool Tx::first_touch(RecordKind kind, Id id) {
    // Most commands touch a handful of records: a linear scan beats hashing until the list grows.
    if (!seen_) {
        for (const Touched& r : images_.order)
            if (r.kind == kind && r.id == id) return false;
        images_.order.push_back(Touched{kind, false, false, id});
        if (images_.order.size() == 16) {
            seen_ = std::make_unique<FlatIdMap[]>(kRecordKindCount);
            for (const Touched& r : images_.order) seen_[size_t(r.kind)].insert(r.id, 0);
        }
        return true;
    }
    if (seen_[size_t(kind)].insert(id, 0) != FlatIdMap::kMissing) return false;
    images_.order.push_back(Touched{kind, false, false, id});
    return true;
}

void Tx::reserve_touches(RecordKind kind, size_t n) {
    if (!seen_) {
        seen_ = std::make_unique<FlatIdMap[]>(kRecordKindCount);
        for (const Touched& r : images_.order) seen_[size_t(r.kind)].insert(r.id, 0);
    }
    seen_[size_t(kind)].reserve(seen_[size_t(kind)].size() + n);
}

void Tx::put_placement(DealPlacement p) {
    const Id id = p.meta.id;
    if (!ix_.deal(id)) return;   // validated commands only move deals that exist
    if (!first_touch(RecordKind::Deal, id)) {
        ix_.put_placement(p);
        return;
    }
    ix_.put_placement(p);   // p now holds the prior placement
    images_.placements.push_back(std::move(p));
}

void Tx::widen_placement(Id deal) {
    auto& v = images_.placements;
    if (v.empty()) return;
    for (size_t i = 0; i < v.size(); ++i) {
        if (v[i].meta.id != deal) continue;
        Deal prior = *ix_.deal(deal);   // present: only an erase (which widens first) removes it
        swap_placement(prior, v[i]);
        images_.deals.push_back(Image<Deal>{deal, std::optional<Deal>(std::move(prior))});
        v.erase(v.begin() + ptrdiff_t(i));
        return;
    }
}

void Tx::put_settings(WorkspaceSettings s) {
    OtherImages& o = images_.others();
    if (!o.settings) {
        o.settings = std::make_unique<WorkspaceSettings>(ix_.ws.settings);
        images_.order.push_back(Touched{RecordKind::Settings, false, false, kNoId});
    }
    ix_.put_settings(std::move(s));
}

void Tx::erase(RecordKind kind, Id id) {
    switch (kind) {
    case RecordKind::Pipeline: remember(id, ix_.pipeline(id), images_.others().pipelines, kind); break;
    case RecordKind::Deal:
        widen_placement(id);
        remember(id, ix_.deal(id), images_.deals, kind);
        break;
    case RecordKind::Contact: remember(id, ix_.contact(id), images_.others().contacts, kind); break;
    case RecordKind::Company: remember(id, ix_.company(id), images_.others().companies, kind); break;
    case RecordKind::TeamMember: remember(id, ix_.member(id), images_.others().team, kind); break;
    case RecordKind::Activity: remember(id, ix_.activity(id), images_.others().activities, kind); break;
    case RecordKind::Note: remember(id, ix_.note(id), images_.others().notes, kind); break;
    case RecordKind::DealChange: remember(id, ix_.change(id), images_.history, kind); break;
    case RecordKind::CustomField: remember(id, ix_.field(id), images_.others().custom_fields, kind); break;
    case RecordKind::LostReason: remember(id, ix_.reason(id), images_.others().lost_reasons, kind); break;
    case RecordKind::SavedView: remember(id, ix_.view(id), images_.others().saved_views, kind); break;
    case RecordKind::Settings: return;
    }
    images_.erased = true;
    ix_.erase(kind, id, now_);
}

void Tx::rollback() {
    restore(ix_, take(), now_);
}

Images restore(StoreIndexes& ix, Images&& images, Millis now) {
    Images replaced;
    restore(ix, std::move(images), now, replaced);
    return replaced;
}

void restore(StoreIndexes& ix, Images&& images, Millis now, Images& replaced) {
    // The id-map entries this restore will look up first, all requested at once so that their
    // cache misses overlap (prefetch.h): each touched record's, and for records the step created
    // (undoing erases them) the tombstone entry their erase will fill.
    for (const Touched& t : images.order) {
        if (t.kind == RecordKind::Deal) ix.deal_slot.prefetch(t.id);
        else if (t.kind == RecordKind::DealChange) ix.change_slot.prefetch(t.id);
        if (t.created) ix.tombstone_slot.prefetch(t.id);
    }
    replaced.order = std::move(images.order);   // the same records are touched again
    // The opposite step creates (undoing it erases) what is absent before this restore: known
    // here for all but the records this step created (restore_kind notes those as it finds them).
    size_t created_lines = 0;
    for (Touched& t : replaced.order) {
        if (t.created) created_lines += t.kind == RecordKind::DealChange;
        else if (t.kind == RecordKind::Deal) {
            const Deal* d = ix.deal_fetching(t.id);   // all of it: the placement's put reads it all over
            t.absent = d == nullptr;
            // The label of an undone stage move ("Undid: Moved <title> to ...") reads the title's
            // characters after the restore: a cache miss of its own in a large workspace, started
            // now that the record is in cache so that it overlaps the restore's work.
            if (d) dd_prefetch(d->title.data());
        } else t.absent = !exists(ix, t.kind, t.id);
    }
    replaced.history.reserve(created_lines + images.history.size());
    // Where the deals' history chains start, read when their lines go or come back: requested
    // now that the deals' slots are known (the lookups above brought their map entries in).
    if (created_lines > 0 || !images.history.empty())
        for (const Touched& t : replaced.order)
            if (t.kind == RecordKind::Deal)
                if (const uint32_t s = ix.deal_slot.find(t.id); s != FlatIdMap::kMissing) dd_prefetch(&ix.history_head[s]);
    // The lane blocks the placements go back into (an undone move puts its deal back at its old
    // rank, anywhere in the old lane).
    for (const DealPlacement& p : images.placements) ix.prefetch_lane(p.stage, LaneKey{p.rank, p.meta.id});
    TouchedList& order = replaced.order;
    // The kinds behind `other`: needed when the step touched any of them.
    const bool others = images.other != nullptr ||
                        std::any_of(order.begin(), order.end(), [](const Touched& t) {
                            return t.kind != RecordKind::Deal && t.kind != RecordKind::DealChange;
                        });
    if (others) {
        OtherImages empty;
        OtherImages& from = images.other ? *images.other : empty;
        OtherImages& to = replaced.others();
        if (from.settings) {
            to.settings = std::make_unique<WorkspaceSettings>(ix.ws.settings);
            WorkspaceSettings s = std::move(*from.settings);
            s.revision = std::max(s.revision, ix.ws.settings.revision) + 1;
            s.updated_at = now;
            ix.put_settings(std::move(s));
        }
        // Pipelines first so that restored deals find their stages (lanes tolerate either order).
        restore_kind(ix, order, from.pipelines, to.pipelines, RecordKind::Pipeline, now, [&](Id id) { return ix.pipeline(id); }, replaced.erased);
        restore_kind(ix, order, from.custom_fields, to.custom_fields, RecordKind::CustomField, now, [&](Id id) { return ix.field(id); }, replaced.erased);
        restore_kind(ix, order, from.lost_reasons, to.lost_reasons, RecordKind::LostReason, now, [&](Id id) { return ix.reason(id); }, replaced.erased);
        restore_kind(ix, order, from.team, to.team, RecordKind::TeamMember, now, [&](Id id) { return ix.member(id); }, replaced.erased);
        restore_kind(ix, order, from.companies, to.companies, RecordKind::Company, now, [&](Id id) { return ix.company(id); }, replaced.erased);
        restore_kind(ix, order, from.contacts, to.contacts, RecordKind::Contact, now, [&](Id id) { return ix.contact(id); }, replaced.erased);
    }
    restore_kind(ix, order, images.deals, replaced.deals, RecordKind::Deal, now, [&](Id id) { return ix.deal(id); }, replaced.erased);
    // Placements: the deal was there before and after the step, so it is there now. Each put
    // swaps the current placement out into the image, so the vector becomes the opposite
    // step's in place (no allocation).
    if (!images.placements.empty()) {
        auto& v = images.placements;
        v.erase(std::remove_if(v.begin(), v.end(), [&](DealPlacement& p) {
                    const Deal* current = ix.deal(p.meta.id);
                    if (!current) {   // gone (never for a consistent stack): dropped, and listed as absent
                        replaced.erased = true;
                        return true;
                    }
                    p.meta.revision = std::max(p.meta.revision, current->meta.revision) + 1;
                    p.meta.updated_at = now;
                    ix.put_placement(p);
                    return false;
                }),
                v.end());
        replaced.placements = std::move(v);
    }
    if (others) {
        OtherImages empty;
        OtherImages& from = images.other ? *images.other : empty;
        OtherImages& to = replaced.others();
        restore_kind(ix, order, from.activities, to.activities, RecordKind::Activity, now, [&](Id id) { return ix.activity(id); }, replaced.erased);
        restore_kind(ix, order, from.notes, to.notes, RecordKind::Note, now, [&](Id id) { return ix.note(id); }, replaced.erased);
    }
    restore_kind(ix, order, images.history, replaced.history, RecordKind::DealChange, now, [&](Id id) { return ix.change(id); }, replaced.erased);
    if (others) {
        OtherImages empty;
        OtherImages& from = images.other ? *images.other : empty;
        restore_kind(ix, order, from.saved_views, replaced.others().saved_views, RecordKind::SavedView, now,
                     [&](Id id) { return ix.view(id); }, replaced.erased);
    }
    for (Touched& t : replaced.order) t.created = t.absent;
}

namespace {

// change_set over touched records [first, last): shared by both forms of a step, so that a
// compact move lists exactly what its Images would.
ChangeSet change_set_of(const StoreIndexes& ix, const Touched* first, const Touched* last, bool erased) {
    ChangeSet cs;
    cs.upserted.reserve(size_t(last - first));
    if (!erased) {   // every touched record is present (see Images::erased)
        for (const Touched* r = first; r != last; ++r) {
            if (r->kind == RecordKind::Settings) cs.settings = true;
            else cs.upserted.push_back(RecordRef{r->kind, r->id});
        }
        return cs;
    }
    for (const Touched* r = first; r != last; ++r) {
        if (r->kind == RecordKind::Settings) {
            cs.settings = true;
            continue;
        }
        // Present records are upserted (a put drops any tombstone). Asking the kind's own index
        // first keeps the common case in cache: the step just touched those entries.
        if (exists(ix, r->kind, r->id)) {
            cs.upserted.push_back(RecordRef{r->kind, r->id});
            continue;
        }
        const uint32_t slot = ix.tombstone_slot.find(r->id);
        if (slot != FlatIdMap::kMissing && ix.ws.tombstones[slot].kind == r->kind) {
            // Room for the rest at once: undoing a move removes its one to three lines.
            if (cs.removed.empty()) cs.removed.reserve(size_t(last - r));
            cs.removed.push_back(ix.ws.tombstones[slot]);
        }
        else
            cs.upserted.push_back(RecordRef{r->kind, r->id});
    }
    return cs;
}

// The Images::order of a compact move: its lines (created unless the step is a redo), then the deal.
// `List`: a TouchedList, or for a change set a SmallVec with room for them all (no allocation).
template <typename List>
void order_of(const MoveStep& m, List& order) {
    Id id = m.first_line;
    for (size_t k = 0; k < m.line_count; ++k, id = IdGenerator::after(id))
        order.push_back(Touched{RecordKind::DealChange, !m.redo, false, id});
    order.push_back(Touched{RecordKind::Deal, false, false, m.deal});
}

// The ids of a move's lines (MoveStep::first_line), into `out` (room for kMaxMoveLines).
void line_ids(const MoveStep& m, Id* out) {
    Id id = m.first_line;
    for (size_t k = 0; k < m.line_count; ++k, id = IdGenerator::after(id)) out[k] = id;
}

// Exchanges the placement fields of `p` with the step's (all but created_at and updated_at,
// which the step does not keep): in one direction the step keeps a placement, in the other it
// gives one back.
void swap_placement(DealPlacement& p, MoveStep& m) {
    using std::swap;
    swap(p.meta.id, m.deal);
    swap(p.meta.revision, m.revision);
    swap(p.pipeline, m.pipeline);
    swap(p.stage, m.stage);
    swap(p.rank, m.rank);
    swap(p.closed_at, m.closed_at);
    swap(p.closed_by, m.closed_by);
    swap(p.lost_reason, m.lost_reason);
    swap(p.lost_reason_text, m.lost_reason_text);
    swap(p.last_activity_at, m.last_activity_at);
    swap(p.close_date, m.close_date);
    swap(p.status, m.status);
}

// A move's line as a record again (its texts moved out of `l`).
DealChange line_record(MoveLine& l, Id id, Id deal, Millis created_at, uint32_t revision, Millis updated_at) {
    DealChange c;
    c.meta.id = id;
    c.meta.revision = revision;
    c.meta.created_at = created_at;
    c.meta.updated_at = updated_at;
    c.deal = deal;
    c.actor = l.actor;
    c.kind = l.kind;
    c.field = std::move(l.field);
    c.old_value = std::move(l.old_value);
    c.new_value = std::move(l.new_value);
    return c;
}

// The step's placement as a whole DealPlacement (the step keeps defaults).
DealPlacement take_placement(MoveStep& m, Millis created_at, Millis updated_at) {
    DealPlacement p;
    p.meta.created_at = created_at;
    p.meta.updated_at = updated_at;
    swap_placement(p, m);
    return p;
}

}  // namespace

ChangeSet change_set(const StoreIndexes& ix, const Images& images) {
    return change_set_of(ix, images.order.begin(), images.order.end(), images.erased);
}

ChangeSet change_set(const StoreIndexes& ix, const MoveStep& step) {
    SmallVec<Touched, kMaxMoveLines + 1> order;
    order_of(step, order);
    return change_set_of(ix, order.begin(), order.end(), step.redo);   // a redo's step: its lines were erased
}

ChangeSet change_set(const StoreIndexes& ix, const UndoStep& step) {
    return step.general ? change_set(ix, step.general->images) : change_set(ix, step.move);
}

bool compact_move(Images& images, MoveStep& out) {
    const TouchedList& order = images.order;
    if (images.other || images.erased || !images.deals.empty() || !images.history.empty() ||
        images.placements.size() != 1 || order.empty() || order.size() > kMaxMoveLines + 1)
        return false;
    const Touched& deal = order.back();
    if (deal.kind != RecordKind::Deal || deal.created || deal.id != images.placements[0].meta.id) return false;
    for (size_t k = 0; k + 1 < order.size(); ++k) {
        if (order[k].kind != RecordKind::DealChange || !order[k].created) return false;
        if (k > 0 && order[k].id != IdGenerator::after(order[k - 1].id)) return false;   // not drawn in a row
    }
    out.first_line = order.size() > 1 ? order[0].id : kNoId;
    out.line_count = uint8_t(order.size() - 1);
    out.redo = false;
    swap_placement(images.placements[0], out);   // `images` is left to its owner to drop (the Tx)
    return true;
}

Images expand_move(const StoreIndexes& ix, MoveStep&& m) {
    Images images;
    order_of(m, images.order);
    const Deal* d = ix.deal(m.deal);
    const Millis made = m.last_activity_at;   // the lines' time (MoveLine), before the placement goes
    images.placements.push_back(take_placement(m, d ? d->meta.created_at : 0, d ? d->meta.updated_at : 0));
    if (m.redo) {
        images.erased = true;   // what restore() leaves in the opposite step of an undo
        images.history.reserve(m.redo_lines.size());
        for (size_t k = 0; k < m.redo_lines.size(); ++k) {
            // Its revision and updated_at as the line had them (a restore sets them anew).
            DealChange c = line_record(m.redo_lines[k], images.order[k].id, images.placements[0].meta.id, made,
                                       m.redo_lines[k].revision, made);
            images.history.push_back(Image<DealChange>{c.meta.id, std::optional<DealChange>(std::move(c))});
        }
    }
    m = MoveStep{};
    return images;
}

bool restore_move(StoreIndexes& ix, MoveStep& from, Millis now, MoveStep& to) {
    const size_t n = from.line_count;
    const Millis made = from.last_activity_at;   // a redo's lines' time (MoveLine), read before the placement goes
    Id lines[kMaxMoveLines];
    line_ids(from, lines);
    // The id-map entries this restore looks up, requested at once (see restore()).
    ix.deal_slot.prefetch(from.deal);
    for (size_t k = 0; k < n; ++k) {
        ix.change_slot.prefetch(lines[k]);
        ix.tombstone_slot.prefetch(lines[k]);
    }
    const Deal* d = ix.deal_fetching(from.deal);
    if (!d) return false;
    // Undo: every line there and the deal's (its redo form keeps no deal per line); redo: every
    // line absent, and a content for each.
    // Undo: every line there, the deal's and made at the move's time, the time the move set as
    // the deal's last activity (a stage change does; the redo form keeps no deal or time per line).
    // Redo: every line absent, and a content for each.
    if (from.redo && from.redo_lines.size() != n) return false;
    for (size_t k = 0; k < n; ++k) {
        const DealChange* c = ix.change(lines[k]);
        if (from.redo ? c != nullptr
                      : (c == nullptr || c->deal != from.deal || c->meta.created_at != d->last_activity_at))
            return false;
    }
    // The label of an undone move reads the title after the restore (see restore()).
    dd_prefetch(d->title.data());
    if (n > 0) dd_prefetch(&ix.history_head[ix.deal_slot.find(from.deal)]);
    ix.prefetch_lane(from.stage, LaneKey{from.rank, from.deal});
    // The placement, as restore() puts a placement back.
    const Millis created_at = d->meta.created_at;
    const uint32_t revision = d->meta.revision;
    DealPlacement p = take_placement(from, created_at, now);
    p.meta.revision = std::max(p.meta.revision, revision) + 1;
    ix.put_placement(p);   // p now holds the placement it replaced
    swap_placement(p, to);
    to.first_line = from.first_line;
    to.line_count = uint8_t(n);
    to.form = from.form;
    to.redo = !from.redo;
    if (!from.redo) {
        // The lines go, the newest first (see restore_kind): their contents become the redo's.
        if (n > 0) to.redo_lines = MoveLines(n);
        for (size_t k = n; k-- > 0;) {
            DealChange& c = *const_cast<DealChange*>(ix.change(lines[k]));
            MoveLine& l = to.redo_lines[k];
            l.actor = c.actor;
            l.revision = c.meta.revision;
            l.kind = c.kind;
            l.field = std::move(c.field);   // the erase reads only ids and the revision
            l.old_value = std::move(c.old_value);
            l.new_value = std::move(c.new_value);
            ix.erase(RecordKind::DealChange, lines[k], now);
        }
        return true;
    }
    // The lines come back, the oldest first, above the revisions their tombstones kept.
    for (size_t k = 0; k < n; ++k) {
        MoveLine& l = from.redo_lines[k];
        DealChange c = line_record(l, lines[k], to.deal, made,
                                   std::max(l.revision, tombstone_revision(ix, lines[k])) + 1, now);
        ix.put(c);
    }
    from.redo_lines = MoveLines();
    return true;
}

size_t touched_count(const UndoStep& step) {
    return step.general ? step.general->images.order.size() : size_t(step.move.line_count) + 1;
}

MoveLabel move_label_of(const StoreIndexes& ix, const UndoStep& step) {
    MoveLabel m;
    m.form = step.move.form;
    if (m.form == MoveLabel::None) return m;
    m.deal = step.move.deal;
    if (step.general || step.move.redo) m.stage = step.move.stage;
    else if (const Deal* d = ix.deal(m.deal)) m.stage = d->stage;   // the top of the undo stack: as right after the move
    return m;
}

void generalize(const StoreIndexes& ix, UndoStep& step) {
    if (step.general) return;
    const MoveLabel label = move_label_of(ix, step);   // read first: an undo's stage is the live deal's
    const uint32_t bytes = step.move.bytes;   // what the history counted for it
    step.general = std::make_unique<GeneralStep>();
    step.general->images = expand_move(ix, std::move(step.move));
    step.general->permission = Permission::Data;   // step_permission of a compact step
    step.move.bytes = bytes;
    step.move.form = label.form;
    step.move.deal = label.deal;
    step.move.stage = label.stage;
}

void restore_step(StoreIndexes& ix, UndoStep& from, Millis now, UndoStep& to) {
    if (!from.general) {
        if (restore_move(ix, from.move, now, to.move)) return;
        // The workspace is not as the compact step expects (never for a consistent stack): the
        // general path, which copes with records gone or already back.
        generalize(ix, from);
    }
    to.general = std::make_unique<GeneralStep>();
    restore(ix, std::move(from.general->images), now, to.general->images);
    to.general->label = std::move(from.general->label);
    to.general->actor = from.general->actor;
    to.general->permission = from.general->permission;
    // A general step keeps its move label's parts where a compact one keeps its placement.
    to.move.form = from.move.form;
    to.move.deal = from.move.deal;
    to.move.stage = from.move.stage;
}

MoveLines::MoveLines(size_t n) {
    if (n == 0) return;
    lines = std::allocator<MoveLine>().allocate(n);
    for (size_t k = 0; k < n; ++k) new (lines + k) MoveLine();
    lines[0].block_size = uint8_t(n);
}

MoveLines& MoveLines::operator=(MoveLines&& o) noexcept {
    if (this != &o) {
        MoveLines gone(std::move(*this));
        lines = o.lines;
        o.lines = nullptr;
    }
    return *this;
}

MoveLines::~MoveLines() {
    const size_t n = size();
    for (size_t k = 0; k < n; ++k) lines[k].~MoveLine();
    if (lines) std::allocator<MoveLine>().deallocate(lines, n);
}

size_t MoveStep::estimated_bytes() const {
    size_t n = sizeof(MoveStep) + heap(lost_reason_text) + redo_lines.heap_bytes();
    for (size_t k = 0; k < redo_lines.size(); ++k)
        n += heap(redo_lines[k].field) + heap(redo_lines[k].old_value) + heap(redo_lines[k].new_value);
    return n;
}

uint32_t estimated_bytes(const UndoStep& step) {
    const GeneralStep* g = step.general.get();
    const uint64_t n = g ? g->images.estimated_bytes() + (sizeof(GeneralStep) - sizeof(Images)) + g->label.heap_bytes()
                         : step.move.estimated_bytes();
    return uint32_t(std::min<uint64_t>(n, UINT32_MAX));
}

void UndoHistory::push_done(UndoStep&& step) {
    for (const UndoStep& s : undone) bytes -= s.move.bytes;
    undone.clear();
    step.move.bytes = estimated_bytes(step);
    bytes += step.move.bytes;
    done.push_back(std::move(step));
    trim();
}

void UndoHistory::push_done(const std::string& label, Tx& tx, Permission permission, Id actor) {
    for (const UndoStep& s : undone) bytes -= s.move.bytes;
    undone.clear();
    UndoStep& step = done.emplace_back();
    const MoveLabel& parts = tx.move_label();
    // The compact form only with a label form (its label is built from its parts), and for a
    // command that needs data rights (step_permission).
    if (parts.form == MoveLabel::None || permission != Permission::Data || !compact_move(tx.images_to_take(), step.move)) {
        step.general = std::make_unique<GeneralStep>();
        tx.take_into(step.general->images);
        if (parts.form == MoveLabel::None) step.general->label = label;
        step.general->actor = actor;
        step.general->permission = permission;
        step.move.deal = parts.deal;   // the general form keeps the label's parts here
        step.move.stage = parts.stage;
    }
    step.move.form = parts.form;   // no copy of the text
    step.move.bytes = estimated_bytes(step);
    bytes += step.move.bytes;
    trim();
}

void UndoHistory::trim_redo() {
    while (bytes > budget && undone.size() > 1) {
        bytes -= undone.front().move.bytes;
        undone.pop_front();
    }
}

void UndoHistory::trim() {
    while (bytes > budget && done.size() > 1) {
        bytes -= done.front().move.bytes;
        done.pop_front();
    }
    // Redo steps beyond the budget go too (oldest = the bottom of the redo stack).
    while (bytes > budget && !undone.empty() && done.size() + undone.size() > 1) {
        bytes -= undone.front().move.bytes;
        undone.pop_front();
    }
}

}  // namespace dd
