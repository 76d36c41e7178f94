// BulkSetDealStatus: SetDealStatus for several deals in one transaction, so the store records
// one undo step. Each deal goes through SetDealStatus's own validate and run (cmd_deal_moves.cpp):
// the rules (won/lost stages, abandoned only when open, reopening) live in one place.
#include "core/cmd_handlers.h"

#include <unordered_set>

namespace dd::cmd {
namespace {

SetDealStatus one(const BulkSetDealStatus& c, Id deal) {
    return SetDealStatus{deal, c.status, c.lost_reason, c.lost_reason_text, kNoId};
}

const char* done_text(DealStatus s) {
    switch (s) {
    case DealStatus::Won: return " as won";
    case DealStatus::Lost: return " as lost";
    case DealStatus::Abandoned: return " as abandoned";
    case DealStatus::Open: break;
    }
    return "";
}

}  // namespace

Status validate(const StoreIndexes& ix, const BulkSetDealStatus& c, const Ctx& ctx) {
    if (c.deals.empty()) return field_error("deals", "no deal selected");
    std::unordered_set<Id> seen;
    seen.reserve(c.deals.size());
    for (size_t i = 0; i < c.deals.size(); ++i) {
        const Id id = c.deals[i];
        const std::string at = "deals[" + std::to_string(i) + "]";
        if (!seen.insert(id).second) return field_error(at, "lists the same deal twice");
        Status s = validate(ix, one(c, id), ctx);
        if (s.ok()) continue;
        const Error& e = s.error();
        // The reason is one for the whole set: its error is not about a particular deal.
        if (e.field == "lost_reason") return e;
        const Deal* d = ix.deal(id);
        const std::string field = e.field == "deal" ? at : at + "." + e.field;
        return field_error(field, d ? quoted(d->title) + ": " + e.message : e.message);
    }
    return ok_status();
}

std::string run(Tx& tx, const BulkSetDealStatus& c, const Ctx& ctx) {
    // Each deal was checked against the store before any change; a deal's change does not touch
    // another deal's status or stage, so every check still holds when its turn comes.
    for (Id id : c.deals) run(tx, one(c, id), ctx);
    tx.set_move_label(MoveLabel{});   // SetDealStatus's label names its deal: this step keeps its own text
    const std::string n = plural(c.deals.size(), "deal", "deals");
    return c.status == DealStatus::Open ? "Reopened " + n : "Marked " + n + done_text(c.status);
}

}  // namespace dd::cmd
