// Private to the store: transactions and the undo history.
//
// A Tx wraps the index-maintaining put/erase of StoreIndexes and remembers, the first time it
// touches a record, the record's prior image (or that it did not exist). Those images are the
// undo step. Undoing restores them through the same put/erase path and captures the images it
// replaced, which become the redo step; so any command, however many records it touched, is
// exactly one step, and nothing outside put/erase needs to know about undo. A step that is just a
// stage move (the hot path: dragging cards) is kept in a compact form instead (MoveStep below),
// which undoes and redoes exactly as its images would.
#pragma once
#include "core/chunked_deque.h"
#include "core/compact_string.h"
#include "core/compact_vector.h"
#include "core/flat_id_map.h"
#include "core/small_vec.h"
#include "core/store_indexes.h"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dd {

// The prior state of a record that existed. Records that did not exist are flagged `created`
// in Images::order instead (a move creates history lines: 16 bytes each rather than an image).
template <typename T>
struct Image {
    using Record = T;
    Id id = kNoId;
    std::optional<T> record;   // nullopt (not produced any more, still understood): did not exist
};

// A record a step touched, in first-touch order. created: it did not exist before the step
// (undoing erases it).
struct Touched {
    RecordKind kind = RecordKind::Deal;
    bool created = false;
    bool absent = false;   // scratch of restore: absent before it ran (`created` of the opposite step)
    Id id = kNoId;
};

// A stage move's label kept as what it is made of: which sentence, the deal and the target stage.
// Its undo step stores these (no allocation, no copy of the text: the copy was a malloc and ~260
// instructions per move) and the text is built again only when asked (undo_label, redo_label,
// the "Undid: ..." of undo and redo). It comes out the same: a step is only asked while it is
// the top of its stack, when the workspace is exactly as right after the move (undo) or right
// before it (redo), every later command undone or its redo cleared (followers and loads clear
// the stacks), so the deal's title and the stage's name are those of that moment.
struct MoveLabel {
    enum Form : uint8_t { None, MovedTo, Reordered, MarkedWon, MarkedLost, Reopened };
    Form form = None;
    Id deal = kNoId;
    Id stage = kNoId;   // the stage moved to
};

// Images of the kinds that stage moves never touch, behind one pointer so that the step of a
// move (the hot path: dragging cards) moves, sizes and frees a few vectors, not a dozen.
struct OtherImages {
    std::vector<Image<Pipeline>> pipelines;
    std::vector<Image<Contact>> contacts;
    std::vector<Image<Company>> companies;
    std::vector<Image<TeamMember>> team;
    std::vector<Image<Activity>> activities;
    std::vector<Image<Note>> notes;
    std::vector<Image<CustomFieldDef>> custom_fields;
    std::vector<Image<LostReason>> lost_reasons;
    std::vector<Image<SavedView>> saved_views;
    std::unique_ptr<WorkspaceSettings> settings;
    size_t estimated_bytes() const;
};

// A stage move touches its deal and one to three new history lines: kept inline (small_vec.h).
using TouchedList = SmallVec<Touched, 4>;

struct Images {
    TouchedList order;   // every touched record once, in first-touch order
    // Prior placements of deals that only moved (or changed status): a deal is listed here or
    // in `deals`, never both (a later full put or erase widens its placement into a Deal image).
    // One inline: the placement of a stage move costs no allocation.
    SmallVec<DealPlacement, 1> placements;
    // One pointer wide each (compact_vector.h), not a std::vector's three: a move's step has no
    // whole deal and, until it is undone, no line image (its redo step has its lines' images).
    CompactVector<Image<Deal>> deals;
    CompactVector<Image<DealChange>> history;
    std::unique_ptr<OtherImages> other;   // null for steps that touch only deals and history
    // Some touched record may be absent now (the step erased it, or a restore found it gone).
    // Without erases every touched record is present, so change_set lists them all as upserts
    // without looking each one up (a stage move: its deal and lines, ~200 instructions).
    bool erased = false;
    OtherImages& others() {
        if (!other) other = std::make_unique<OtherImages>();
        return *other;
    }
    size_t estimated_bytes() const;
};

class Tx {
public:
    Tx(StoreIndexes& ix, Millis now) : ix_(ix), now_(now) {}
    const StoreIndexes& ix() const { return ix_; }
    IdGenerator& ids() { return ix_.ids; }
    // `s` as a history line's text, sharing the block of an equal text of earlier lines
    // (StoreIndexes::line_texts).
    CompactString shared_text(std::string_view s) {
        CompactString out;
        ix_.line_texts.assign(out, s);
        return out;
    }
    Millis now() const { return now_; }

    void put(Pipeline r) { put_record(r, images_.others().pipelines, RecordKind::Pipeline); }
    void put(Deal r) {
        widen_placement(r.meta.id);
        put_record(r, images_.deals, RecordKind::Deal);
    }
    // A move: only the placement fields of an existing deal change (see deal_placement.h).
    void put_placement(DealPlacement p);
    void put(Contact r) { put_record(r, images_.others().contacts, RecordKind::Contact); }
    void put(Company r) { put_record(r, images_.others().companies, RecordKind::Company); }
    void put(TeamMember r) { put_record(r, images_.others().team, RecordKind::TeamMember); }
    void put(Activity r) { put_record(r, images_.others().activities, RecordKind::Activity); }
    void put(Note r) { put_record(r, images_.others().notes, RecordKind::Note); }
    void put(DealChange r) { put_record(r, images_.history, RecordKind::DealChange); }
    void put(CustomFieldDef r) { put_record(r, images_.others().custom_fields, RecordKind::CustomField); }
    void put(LostReason r) { put_record(r, images_.others().lost_reasons, RecordKind::LostReason); }
    void put(SavedView r) { put_record(r, images_.others().saved_views, RecordKind::SavedView); }
    void put_settings(WorkspaceSettings s);
    void erase(RecordKind kind, Id id);

    // About to touch `n` more records of `kind` (a staged import of a million deals): the set
    // that spots repeated touches is sized once, so that no single put rehashes millions of ids.
    void reserve_touches(RecordKind kind, size_t n);

    // Rolls every touched record back (used only if a command fails after validation: a bug guard).
    void rollback();
    Images take() { return std::move(images_); }
    Images& images_to_take() { return images_; }   // for compact_move (store_undo.h), which moves its parts out
    void take_into(Images& out) { out = std::move(images_); }   // one move, into where it is kept
    const Images& images() const { return images_; }
    // Set by a stage move: its step keeps these parts instead of the label's text.
    void set_move_label(const MoveLabel& m) { move_label_ = m; }
    const MoveLabel& move_label() const { return move_label_; }

private:
    // The first touch keeps the prior image: the record put displaces (moved, not copied) or
    // "did not exist".
    template <typename T, typename ImageList>   // a std::vector or a CompactVector of Image<T>
    void put_record(T& r, ImageList& out, RecordKind kind) {
        const Id id = r.meta.id;
        if (!first_touch(kind, id)) {
            ix_.put(r);
            return;
        }
        if (ix_.put(r)) out.push_back(Image<T>{id, std::optional<T>(std::move(r))});
        else images_.order.back().created = true;   // first_touch just listed it
    }
    template <typename T, typename ImageList>
    void remember(Id id, const T* current, ImageList& out, RecordKind kind) {
        if (!first_touch(kind, id)) return;
        if (current) out.push_back(Image<T>{id, std::optional<T>(*current)});
        else images_.order.back().created = true;
    }
    bool first_touch(RecordKind kind, Id id);
    // If the deal's prior state was kept as a placement, turns it into a whole Deal image (the
    // deal as it is now with its old placement) before a put or an erase changes more of it.
    void widen_placement(Id deal);

    StoreIndexes& ix_;
    Millis now_;
    MoveLabel move_label_;
    Images images_;
    // Touched records by kind, built only once a transaction touches many records (most touch a
    // few: eleven empty sets per command cost more than the linear scan they would replace).
    // Open-addressing tables (the value is unused): no allocation per touched record, and freed
    // in one go. As node sets, the 2.1 M ids of a million-row import took ~0.5 s to free in the
    // frame that committed it.
    std::unique_ptr<FlatIdMap[]> seen_;
};

// Puts every image back (erasing records whose image is "did not exist"), bumping revisions so
// sync sees a newer version. Returns the images it replaced (the opposite step).
Images restore(StoreIndexes& ix, Images&& images, Millis now);
// The same, writing the opposite step into `replaced` (an undo step's own images, where they are
// kept: no move of the whole Images afterwards). `replaced` must be a default-constructed Images.
void restore(StoreIndexes& ix, Images&& images, Millis now, Images& replaced);
// What the records listed in `images.order` look like now: upserted or removed (tombstone).
ChangeSet change_set(const StoreIndexes& ix, const Images& images);

// ---- The compact step of a stage move (issue #3: 2 us per move and per undo) ----
// A stage move is the common command, and its step is fresh memory: where the first write to a
// page costs ~11 us (a VM), each byte of a step counts. The general Images of a move (its
// TouchedList, an inline DealPlacement, four vectors, flags) made a 280-byte step; a move only
// needs its deal's prior placement and the ids of the history lines it created. So a step that
// is exactly such a move (created history lines, then the deal's placement put; nothing else
// touched, nothing erased) is kept in this form, and everything else in Images.
// Undo and redo of this form do what restore() does to the same step as Images, in the same
// order (the placement, then the lines: erased newest first, or put back oldest first), with
// the same revisions, times and tombstones; its change set is built by the same code.

// A history line of a move as its redo puts it back: everything but its id (MoveStep), its deal
// (the step's), its created_at (the move's time: the moved placement's last_activity_at, see
// restore_move) and its updated_at (the restore's time). 40 bytes where its Image was 96.
struct MoveLine {
    decltype(DealChange::actor) actor{};
    CompactString field;
    CompactString old_value;
    CompactString new_value;
    decltype(RecordMeta::revision) revision{};
    decltype(DealChange::kind) kind{};
    uint8_t block_size = 0;   // in the first line of a MoveLines block: its number of lines
};

// The lines of an undone move: one heap block of MoveLines and no header (the count rides in
// the first line's padding), so that a one-line block is 40 bytes of heap (48 with malloc's),
// not 56 (64) as a CompactVector's.
struct MoveLines {
    MoveLine* lines = nullptr;
    MoveLines() = default;
    explicit MoveLines(size_t n);   // n default lines (n <= 255)
    MoveLines(MoveLines&& o) noexcept : lines(o.lines) { o.lines = nullptr; }
    MoveLines& operator=(MoveLines&& o) noexcept;
    MoveLines(const MoveLines&) = delete;
    MoveLines& operator=(const MoveLines&) = delete;
    ~MoveLines();
    size_t size() const { return lines ? lines[0].block_size : 0; }
    MoveLine& operator[](size_t k) { return lines[k]; }
    const MoveLine& operator[](size_t k) const { return lines[k]; }
    size_t heap_bytes() const { return size() * sizeof(MoveLine); }
};

// The lines a compact step can hold (a move writes at most six: pipeline, stage, status, close
// date, lost reason and its text).
constexpr size_t kMaxMoveLines = 8;

struct MoveStep {
    // The placement the step puts back (the prior one to undo, the moved one to redo): a deal's
    // placement fields (deal_placement.h) without created_at (it never changes: taken from the
    // deal when put back) and updated_at (a restore sets it to the time of the restore). Listed
    // widest first, the step's own flags and size in the room the narrow ones leave: 104 bytes.
    Id deal = kNoId;
    decltype(Deal::pipeline) pipeline{};
    decltype(Deal::stage) stage{};
    decltype(Deal::rank) rank{};
    decltype(Deal::closed_at) closed_at{};
    decltype(Deal::closed_by) closed_by{};
    decltype(Deal::lost_reason) lost_reason{};
    decltype(Deal::lost_reason_text) lost_reason_text{};
    decltype(Deal::last_activity_at) last_activity_at{};
    // The move's history lines, in the order it created them: drawn one after the other from
    // the store's generator, so the first and a count (IdGenerator::after gives the others).
    Id first_line = kNoId;
    // Redo only (the lines are absent, undoing erased them): their contents, in that order.
    MoveLines redo_lines;
    decltype(RecordMeta::revision) revision{};
    decltype(Deal::close_date) close_date{};
    decltype(Deal::status) status{};
    uint8_t line_count = 0;
    bool redo = false;   // false: undoing erases the lines; true: redoing puts them back
    // The label's form (MoveLabel): its deal is `deal`, its stage the deal's stage after the move
    // (the live deal's while the step is the top of the undo stack, `stage` on the redo stack).
    // Always set in the compact form; in the general form None means its label is its text.
    MoveLabel::Form form = MoveLabel::None;
    // The whole step's estimated bytes (UndoStep, in either form: estimated_bytes below), capped
    // at 4 GB: kept here, in the room the narrow fields leave.
    uint32_t bytes = 0;
    size_t estimated_bytes() const;
};

// The general form of a step: its images, and what only this form needs. A compact move's label
// is built from its parts (MoveStep::form), and its actor is never asked: a move needs data
// rights, so undoing it asks only the role of who undoes it (allowed_to_restore, store.cpp).
struct GeneralStep {
    Images images;
    CompactString label;   // empty when the step's move.form is set (the text is built from it)
    Id actor = kNoId;      // who made it: undoing what you did needs only your role (store.cpp)
    Permission permission = Permission::Data;   // what its command needed (a compact step: Data)
};

// Kept for every command until the budget drops it: for a stage move, the common command, the
// compact MoveStep (112 bytes of fresh memory per move, where the general form took 280). Its
// size is move.bytes in either form; step_permission() gives what its command needed.
struct UndoStep {
    std::unique_ptr<GeneralStep> general;   // null: `move` holds the step (always with a label form)
    MoveStep move;
};

// What the step's command needed: a compact step's is Data (only a command that needs data
// rights is kept in that form: push_done).
inline Permission step_permission(const UndoStep& step) {
    return step.general ? step.general->permission : Permission::Data;
}

// Whether `images` (a command's, not yet restored) is exactly a stage move; if so, moves it into
// `out` (a default-constructed MoveStep, redo = false; its label form is the caller's to set),
// and `images` is spent (its placement taken: only to be dropped).
bool compact_move(Images& images, MoveStep& out);
// The same step in the general form (the fallback of restore_move; the tests compare the two).
// `ix` supplies the deal's created_at (a placement image carries it).
Images expand_move(const StoreIndexes& ix, MoveStep&& step);
// Turns a compact step into the general form, its move label's parts kept (the general form
// keeps them in move.form, move.deal and move.stage: the stage moved to). Its actor stays
// unknown (kNoId): see GeneralStep.
void generalize(const StoreIndexes& ix, UndoStep& step);
// Undoes (redoes) the step as restore() would its Images, writing the opposite step into `to`
// (default-constructed). Returns false, having changed nothing, when the workspace is not as
// the step left it (never for a consistent stack): the caller then takes the general path.
bool restore_move(StoreIndexes& ix, MoveStep& from, Millis now, MoveStep& to);
// What the step's records look like now, as change_set(ix, expand_move(step)) lists them.
ChangeSet change_set(const StoreIndexes& ix, const MoveStep& step);
// The records a step touches (Images::order's size).
size_t touched_count(const UndoStep& step);
// Moves a step's contents (images or compact move, label, actor, permission) into `to`, a
// default-constructed step on the other stack, restoring it: what undo and redo do.
void restore_step(StoreIndexes& ix, UndoStep& from, Millis now, UndoStep& to);
// The opposite step's change set.
ChangeSet change_set(const StoreIndexes& ix, const UndoStep& step);
// A step's label as parts (form None: its label is its text). A compact step names the deal's
// stage after the move: the live deal's while the step is the top of the undo stack (as right
// after the move), its placement's on the redo stack.
MoveLabel move_label_of(const StoreIndexes& ix, const UndoStep& step);

// The step's estimated heap and inline bytes (its images and label), what its move.bytes holds.
uint32_t estimated_bytes(const UndoStep& step);

struct UndoHistory {
    // Chunks of 32 steps (chunked_deque.h): no allocation per command, undo or redo, and no step
    // ever moves.
    ChunkedDeque<UndoStep> done;
    ChunkedDeque<UndoStep> undone;
    size_t bytes = 0;                  // estimated, done + undone (the sum of the steps')
    size_t budget = size_t(64) << 20;

    void push_done(UndoStep&& step);   // a new command: clears redo
    // The same for a command's transaction, its step built in place on the stack: the images
    // move once (from the Tx), not into a temporary step and then again into the stack.
    void push_done(const std::string& label, Tx& tx, Permission permission, Id actor);
    void trim();                       // drop the oldest steps beyond the budget (keeps the newest)
    // After an undo: the redo image of a step can be larger than its undo image (a created
    // history line is 16 bytes to undo, a whole line to redo), so only the redo stack gives way;
    // the steps the user can still undo stay.
    void trim_redo();
    void clear() { done.clear(); undone.clear(); bytes = 0; }
};

}  // namespace dd
