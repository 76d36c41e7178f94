// Private to the store: what the command handlers (cmd_*.cpp) share.
//
// Every command type X has two functions:
//   Status validate(const StoreIndexes&, const X&, const CommandContext&)   -- reads only
//   std::string run(Tx&, const X&, const CommandContext&)                   -- returns the label
// Store::apply calls run only after validate succeeded, so a refused command changes nothing.
#pragma once
#include "core/commands.h"
#include "core/store_undo.h"
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dd::cmd {

using Ctx = CommandContext;

// ---- small validation helpers ----
bool blank(const std::string& s);
std::string trim(const std::string& s);
Status require_name(const std::string& value, const char* field);   // not blank, <= 200 chars
Status require_name(const std::optional<std::string>& value, const char* field);   // unset passes
// Contact links of a deal or an activity: each exists (or is `pending`, created by the same
// command) and none is listed twice.
Status validate_contact_ids(const StoreIndexes& ix, const std::vector<Id>& contacts, Id pending = kNoId);
Status new_id(bool in_use, Id id, const char* field);              // not kNoId, not used yet
Day day_of(Millis now);

// ---- patches (Update* commands: std::nullopt = leave as is) ----
template <typename T, typename U>
void set_if(T& field, const std::optional<U>& value) {
    if (value) field = *value;
}
void set_name_if(std::string& field, const std::optional<std::string>& value);   // trimmed
// The settings as the next revision (changed by the caller, then tx.put_settings).
WorkspaceSettings next_settings(const StoreIndexes& ix, const Ctx& ctx);
// The ids an index files under `key`, copied: callers change the index while walking them.
std::vector<Id> ids_in(const IdLists& lists, Id key);

// ---- record metadata ----
void init_meta(RecordMeta& m, const Ctx& ctx);   // revision 1, created = updated = now
void bump(RecordMeta& m, const Ctx& ctx);        // revision + 1, updated = now

// ---- display text (history lines, labels) ----
std::string money_text(Money amount, Currency c);     // "1,234.50 USD" (JPY and friends: no decimals)
int minor_digits(Currency c);
std::string stage_name(const StoreIndexes& ix, Id stage);
std::string_view stage_name_view(const StoreIndexes& ix, Id stage);   // the same without a copy
// The same as the stage index's shared block (StageInfo::name): what history lines copy. Empty
// for a stage that does not exist.
const CompactString& stage_text(const StoreIndexes& ix, Id stage);
std::string member_name(const StoreIndexes& ix, Id member);
std::string contact_names(const StoreIndexes& ix, const std::vector<Id>& contacts);
std::string company_name(const StoreIndexes& ix, Id company);
const std::string& quoted(const std::string& title);   // the title as shown in labels
std::string plural(size_t n, const char* one, const char* many);   // "1 deal", "3 deals"

// ---- deals ----
// Checks every field of a deal as it would be stored (after a patch or for a new deal).
// A contact/company about to be created by the same command counts as existing.
Status validate_deal_fields(const StoreIndexes& ix, const Deal& d, Id pending_contact = kNoId, Id pending_company = kNoId);
Status validate_patch(const DealPatch& p);   // shape checks that do not need the deal
Deal patched(const Deal& d, const DealPatch& p);
// One history line per field that differs (stage and status excluded: moves record those).
void record_field_changes(Tx& tx, const Ctx& ctx, const Deal& before, const Deal& after);
// One history line. Its texts are compact strings: pass the shared ones (line_texts(),
// stage_text(), a record's own CompactString) and the line shares their blocks, no allocation
// (a stage move's lines allocate nothing for text); a std::string or a literal is copied into
// a block of its own.
void record_change(Tx& tx, const Ctx& ctx, Id deal, ChangeKind kind, CompactString field, CompactString old_value,
                   CompactString new_value);

// The lines of a stage change and a status change, their texts shared blocks (stage_text,
// line_texts): what every command that moves or closes a deal records.
void record_stage_change(Tx& tx, const Ctx& ctx, Id deal, Id from, Id to);
void record_status_change(Tx& tx, const Ctx& ctx, Id deal, DealStatus from, DealStatus to);

// The texts history lines repeat, each one block for the whole program (built on first use):
// the field names the store writes and the status words.
struct LineTexts {
    CompactString stage{"stage"}, status{"status"}, pipeline{"pipeline"}, title{"title"}, value{"value"},
        expected_close{"expected_close"}, close_date{"close_date"}, owner{"owner"}, contacts{"contacts"},
        company{"company"}, probability{"probability"}, commit{"commit"}, lost_reason{"lost_reason"},
        lost_reason_text{"lost_reason_text"}, external_ref{"external_ref"}, description{"description"},
        source{"source"}, yes{"yes"}, no{"no"};
    CompactString statuses[4] = {to_string(DealStatus::Open), to_string(DealStatus::Won), to_string(DealStatus::Lost),
                                 to_string(DealStatus::Abandoned)};
    const CompactString& status_word(DealStatus s) const { return statuses[size_t(s)]; }
};
const LineTexts& line_texts();

// The history lines of the placement fields that have lines of their own (close date, lost
// reason and its text), as record_field_changes writes them: a move's other field lines.
void record_placement_changes(Tx& tx, const Ctx& ctx, const DealPlacement& before, const DealPlacement& after);

// The status rules, for a whole Deal or only its DealPlacement (the same field names).
// won/lost/abandoned bookkeeping:
template <typename D>
void close_as(D& d, DealStatus status, const Ctx& ctx) {
    d.status = status;
    d.closed_at = ctx.now;
    d.closed_by = ctx.actor;
    if (d.close_date == kNoDay) d.close_date = day_of(ctx.now);
    if (status != DealStatus::Lost) {
        d.lost_reason = kNoId;
        d.lost_reason_text.clear();
    }
}

template <typename D>
void reopen(D& d) {
    d.status = DealStatus::Open;
    d.closed_at = 0;
    d.closed_by = kNoId;
    d.close_date = kNoDay;
    d.lost_reason = kNoId;
    d.lost_reason_text.clear();
}

// Puts `d` into `to_stage` (any pipeline) and applies the won/lost/reopen rules of the target.
// Does not change its rank.
template <typename D>
void enter_stage(const StoreIndexes& ix, D& d, Id to_stage, const Ctx& ctx, Id lost_reason,
                 const std::string& lost_reason_text) {
    const StageInfo* info = ix.stage_info(to_stage);
    d.stage = to_stage;
    d.pipeline = info->pipeline;
    switch (info->kind) {
    case StageKind::Won:
        if (d.status != DealStatus::Won) close_as(d, DealStatus::Won, ctx);
        break;
    case StageKind::Lost:
        if (d.status != DealStatus::Lost) close_as(d, DealStatus::Lost, ctx);
        d.lost_reason = lost_reason;
        d.lost_reason_text = lost_reason_text;
        break;
    case StageKind::Open:
        if (d.status == DealStatus::Won || d.status == DealStatus::Lost) reopen(d);
        break;
    }
}

// A rank that places deal `moving` above `before` in the lane of `stage` (before == kNoId: at
// the end). When two neighbours leave no gap, a small window around the spot is respaced (those
// deals are put through the transaction) and the rank is computed in the new gap.
int64_t place_rank(Tx& tx, const Ctx& ctx, Id stage, Id before, Id moving);
constexpr int64_t kRankGap = int64_t(1) << 20;

// Deletes a deal with its history, its notes and activities (those also tied to a contact are
// only unlinked). Used by DeleteDeals, DeleteContact.
void delete_deal_cascade(Tx& tx, const Ctx& ctx, Id deal);

}  // namespace dd::cmd
