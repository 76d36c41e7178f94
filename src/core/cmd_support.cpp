#include "core/cmd_support.h"
#include <algorithm>
#include <cstdio>

namespace dd::cmd {

bool blank(const std::string& s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

std::string trim(const std::string& s) {
    size_t a = s.find_first_not_of(" \t\r\n");
    if (a == std::string::npos) return "";
    size_t b = s.find_last_not_of(" \t\r\n");
    return s.substr(a, b - a + 1);
}

Status require_name(const std::string& value, const char* field) {
    if (blank(value)) return field_error(field, "must not be empty");
    if (value.size() > 200) return field_error(field, "must be at most 200 characters");
    return ok_status();
}

Status require_name(const std::optional<std::string>& value, const char* field) {
    return value ? require_name(*value, field) : ok_status();
}

Status validate_contact_ids(const StoreIndexes& ix, const std::vector<Id>& contacts, Id pending) {
    for (size_t i = 0; i < contacts.size(); ++i) {
        if ((pending == kNoId || contacts[i] != pending) && !ix.contact(contacts[i]))
            return field_error("contacts", "contact " + id_to_string(contacts[i]) + " does not exist");
        if (std::find(contacts.begin(), contacts.begin() + ptrdiff_t(i), contacts[i]) != contacts.begin() + ptrdiff_t(i))
            return field_error("contacts", "lists the same contact twice");
    }
    return ok_status();
}

void set_name_if(std::string& field, const std::optional<std::string>& value) {
    if (value) field = trim(*value);
}

WorkspaceSettings next_settings(const StoreIndexes& ix, const Ctx& ctx) {
    WorkspaceSettings s = ix.ws.settings;
    s.revision += 1;
    s.updated_at = ctx.now;
    return s;
}

std::vector<Id> ids_in(const IdLists& lists, Id key) {
    auto it = lists.find(key);
    return it == lists.end() ? std::vector<Id>() : it->second;
}

Status new_id(bool in_use, Id id, const char* field) {
    if (id == kNoId) return field_error(field, "a new id is required");
    if (in_use) return field_error(field, "id " + id_to_string(id) + " is already in use");
    return ok_status();
}

Day day_of(Millis now) {
    Millis d = now / 86'400'000;
    if (now % 86'400'000 < 0) --d;
    return Day(d);
}

void init_meta(RecordMeta& m, const Ctx& ctx) {
    m.revision = 1;
    m.created_at = ctx.now;
    m.updated_at = ctx.now;
}

void bump(RecordMeta& m, const Ctx& ctx) {
    m.revision += 1;
    m.updated_at = ctx.now;
}

int minor_digits(Currency c) {
    static const char* const kNone[] = {"JPY", "KRW", "VND", "CLP", "ISK", "HUF", "XOF", "XAF", "UGX", "PYG"};
    for (const char* code : kNone)
        if (c.view() == code) return 0;
    if (c.view() == "KWD" || c.view() == "BHD" || c.view() == "OMR" || c.view() == "JOD" || c.view() == "TND") return 3;
    return 2;
}

std::string money_text(Money amount, Currency c) {
    const int digits = minor_digits(c);
    uint64_t scale = 1;
    for (int i = 0; i < digits; ++i) scale *= 10;
    const bool negative = amount < 0;
    uint64_t abs = negative ? uint64_t(0) - uint64_t(amount) : uint64_t(amount);
    std::string whole = std::to_string(abs / scale);
    std::string grouped;
    for (size_t i = 0; i < whole.size(); ++i) {
        if (i > 0 && (whole.size() - i) % 3 == 0) grouped += ',';
        grouped += whole[i];
    }
    std::string out = negative ? "-" + grouped : grouped;
    if (digits > 0) {
        std::string frac = std::to_string(abs % scale);
        out += '.' + std::string(size_t(digits) - frac.size(), '0') + frac;
    }
    return out + ' ' + std::string(c.view());
}

std::string stage_name(const StoreIndexes& ix, Id stage) {
    const Stage* s = ix.stage(stage);
    return s ? s->name : std::string();
}

std::string_view stage_name_view(const StoreIndexes& ix, Id stage) {
    const Stage* s = ix.stage(stage);
    return s ? std::string_view(s->name) : std::string_view();
}

const CompactString& stage_text(const StoreIndexes& ix, Id stage) {
    static const CompactString kNone;
    const StageInfo* info = ix.stage_info(stage);
    return info ? info->name : kNone;
}

const LineTexts& line_texts() {
    static const LineTexts kTexts;
    return kTexts;
}

void record_stage_change(Tx& tx, const Ctx& ctx, Id deal, Id from, Id to) {
    record_change(tx, ctx, deal, ChangeKind::Stage, line_texts().stage, stage_text(tx.ix(), from), stage_text(tx.ix(), to));
}

void record_status_change(Tx& tx, const Ctx& ctx, Id deal, DealStatus from, DealStatus to) {
    const LineTexts& t = line_texts();
    record_change(tx, ctx, deal, ChangeKind::Status, t.status, t.status_word(from), t.status_word(to));
}

std::string member_name(const StoreIndexes& ix, Id member) {
    const TeamMember* m = ix.member(member);
    return m ? m->name : std::string();
}

std::string contact_names(const StoreIndexes& ix, const std::vector<Id>& contacts) {
    std::string out;
    for (Id id : contacts) {
        if (!out.empty()) out += ", ";
        const Contact* c = ix.contact(id);
        out += c ? c->name : std::string("?");
    }
    return out;
}

std::string company_name(const StoreIndexes& ix, Id company) {
    const Company* c = ix.company(company);
    return c ? c->name : std::string();
}

const std::string& quoted(const std::string& title) { return title; }

std::string plural(size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

// ---- deals ---------------------------------------------------------------------------------

Status validate_patch(const DealPatch& p) {
    if (auto s = require_name(p.title, "title"); !s) return s;
    if (p.value && *p.value < 0) return field_error("value", "must not be negative");
    if (p.probability_override && (*p.probability_override < -1 || *p.probability_override > 100))
        return field_error("probability_override", "must be between 0 and 100 (or -1 for the stage's)");
    return ok_status();
}

Deal patched(const Deal& d, const DealPatch& p) {
    Deal n = d;
    if (p.title) n.title = trim(*p.title);
    if (p.value) n.value = *p.value;
    if (p.currency) n.currency = *p.currency;
    if (p.expected_close) n.expected_close = *p.expected_close;
    if (p.close_date) n.close_date = *p.close_date;
    if (p.owner) n.owner = *p.owner;
    if (p.contacts) n.contacts = *p.contacts;
    if (p.company) n.company = *p.company;
    if (p.probability_override) n.probability_override = *p.probability_override;
    if (p.commit) n.commit = *p.commit;
    if (p.lost_reason) n.lost_reason = *p.lost_reason;
    if (p.lost_reason_text) n.lost_reason_text = *p.lost_reason_text;
    if (p.external_ref) n.external_ref = trim(*p.external_ref);
    if (p.description) n.description = *p.description;
    if (p.source) n.source = *p.source;
    for (Id f : p.clear_custom)
        n.custom.erase(std::remove_if(n.custom.begin(), n.custom.end(), [&](const CustomValue& v) { return v.field == f; }),
                       n.custom.end());
    for (const CustomValue& v : p.set_custom) {
        auto it = std::find_if(n.custom.begin(), n.custom.end(), [&](const CustomValue& x) { return x.field == v.field; });
        if (it != n.custom.end()) *it = v;
        else n.custom.push_back(v);
    }
    return n;
}

namespace {
Status validate_custom_value(const StoreIndexes& ix, const CustomValue& v, size_t i) {
    const std::string field = "custom[" + std::to_string(i) + "]";
    const CustomFieldDef* def = ix.field(v.field);
    if (!def) return field_error(field, "unknown custom field");
    switch (def->type) {
    case FieldType::SingleSelect:
        if (std::find(def->options.begin(), def->options.end(), v.text) == def->options.end())
            return field_error(field, "\"" + v.text + "\" is not an option of " + def->name);
        break;
    case FieldType::Checkbox:
        if (v.number != 0 && v.number != 1) return field_error(field, def->name + " must be 0 or 1");
        break;
    default: break;
    }
    return ok_status();
}
}  // namespace

Status validate_deal_fields(const StoreIndexes& ix, const Deal& d, Id pending_contact, Id pending_company) {
    if (auto s = require_name(d.title, "title"); !s) return s;
    if (d.value < 0) return field_error("value", "must not be negative");
    Currency tmp;
    if (!parse_currency(d.currency.view(), tmp)) return field_error("currency", "must be three letters A-Z");
    if (!ix.has_rate(d.currency))
        return field_error("currency", "no exchange rate for " + std::string(d.currency.view()) + "; add one in settings");
    if (d.owner != kNoId && !ix.member(d.owner)) return field_error("owner", "is not a team member");
    if (d.contacts.empty()) return field_error("contacts", "a deal needs at least one contact");
    if (auto s = validate_contact_ids(ix, d.contacts, pending_contact); !s) return s;
    if (d.company != kNoId && d.company != pending_company && !ix.company(d.company)) return field_error("company", "does not exist");
    if (d.probability_override < -1 || d.probability_override > 100)
        return field_error("probability_override", "must be between 0 and 100 (or -1 for the stage's)");
    if (d.lost_reason != kNoId && !ix.reason(d.lost_reason)) return field_error("lost_reason", "is not in the list of lost reasons");
    if (!d.external_ref.empty()) {
        const Deal* other = ix.deal_by_external_ref(d.external_ref);
        if (other && other->meta.id != d.meta.id) {
            return field_error("external_ref", "\"" + d.external_ref + "\" is already used by " + other->title);
        }
    }
    for (size_t i = 0; i < d.custom.size(); ++i) {
        if (auto s = validate_custom_value(ix, d.custom[i], i); !s) return s;
        for (size_t j = 0; j < i; ++j)
            if (d.custom[j].field == d.custom[i].field)
                return field_error("custom[" + std::to_string(i) + "]", "the same field is set twice");
    }
    return ok_status();
}

void record_change(Tx& tx, const Ctx& ctx, Id deal, ChangeKind kind, CompactString field, CompactString old_value,
                   CompactString new_value) {
    RecordMeta meta;
    meta.id = tx.ids().next();
    init_meta(meta, ctx);
    // Constructed in place, the texts moved in (shared blocks stay shared: no copy of a text).
    tx.put(DealChange{meta, deal, ctx.actor, kind, std::move(field), std::move(old_value), std::move(new_value)});
}

namespace {
// As day_to_string, without printf for the years of four digits (a reopened deal's close date
// is written on every such move).
std::string day_text(Day d) {
    if (d == kNoDay) return std::string();
    int y, m, dd;
    civil_from_day(d, y, m, dd);
    if (y < 0 || y > 9999) return day_to_string(d);
    char buf[10] = {char('0' + y / 1000), char('0' + y / 100 % 10), char('0' + y / 10 % 10), char('0' + y % 10), '-',
                    char('0' + m / 10), char('0' + m % 10), '-', char('0' + dd / 10), char('0' + dd % 10)};
    return std::string(buf, sizeof buf);
}
std::string percent_text(int8_t p) { return p < 0 ? std::string() : std::to_string(int(p)) + " %"; }
std::string custom_text(const StoreIndexes& ix, const Deal& d, Id field) {
    for (const CustomValue& v : d.custom) {
        if (v.field != field) continue;
        const CustomFieldDef* def = ix.field(field);
        FieldType t = def ? def->type : FieldType::Text;
        if (t == FieldType::Text || t == FieldType::SingleSelect) return v.text;
        if (t == FieldType::Date) return day_to_string(Day(v.number));
        if (t == FieldType::Checkbox) return v.number ? "yes" : "no";
        return std::to_string(v.number);
    }
    return std::string();
}
}  // namespace

void record_placement_changes(Tx& tx, const Ctx& ctx, const DealPlacement& a, const DealPlacement& b) {
    const StoreIndexes& ix = tx.ix();
    const LineTexts& t = line_texts();
    const Id id = b.meta.id;
    auto line = [&](const CompactString& field, std::string_view o, std::string_view n) {
        if (o != n) record_change(tx, ctx, id, ChangeKind::Field, field, tx.shared_text(o), tx.shared_text(n));
    };
    // The same lines, in the same order, as record_field_changes writes for these fields.
    if (a.close_date != b.close_date) line(t.close_date, day_text(a.close_date), day_text(b.close_date));
    if (a.lost_reason != b.lost_reason) {
        const LostReason* ra = ix.reason(a.lost_reason);
        const LostReason* rb = ix.reason(b.lost_reason);
        line(t.lost_reason, ra ? std::string_view(ra->text) : std::string_view(),
             rb ? std::string_view(rb->text) : std::string_view());
    }
    // The deal's own blocks: the line shares them.
    if (a.lost_reason_text != b.lost_reason_text)
        record_change(tx, ctx, id, ChangeKind::Field, t.lost_reason_text, a.lost_reason_text, b.lost_reason_text);
}

void record_field_changes(Tx& tx, const Ctx& ctx, const Deal& a, const Deal& b) {
    const StoreIndexes& ix = tx.ix();
    const LineTexts& t = line_texts();
    const Id id = b.meta.id;
    // Texts the deal keeps as CompactStrings go into the line as they are (shared blocks).
    auto line = [&](const CompactString& field, CompactString o, CompactString n) {
        if (o != n) record_change(tx, ctx, id, ChangeKind::Field, field, std::move(o), std::move(n));
    };
    if (a.title != b.title) line(t.title, a.title, b.title);
    if (a.value != b.value || a.currency != b.currency) line(t.value, money_text(a.value, a.currency), money_text(b.value, b.currency));
    if (a.expected_close != b.expected_close) line(t.expected_close, day_text(a.expected_close), day_text(b.expected_close));
    if (a.close_date != b.close_date) line(t.close_date, day_text(a.close_date), day_text(b.close_date));
    if (a.owner != b.owner) line(t.owner, member_name(ix, a.owner), member_name(ix, b.owner));
    if (a.contacts != b.contacts) line(t.contacts, contact_names(ix, a.contacts), contact_names(ix, b.contacts));
    if (a.company != b.company) line(t.company, company_name(ix, a.company), company_name(ix, b.company));
    if (a.probability_override != b.probability_override)
        line(t.probability, percent_text(a.probability_override), percent_text(b.probability_override));
    if (a.commit != b.commit) line(t.commit, a.commit ? t.yes : t.no, b.commit ? t.yes : t.no);
    if (a.lost_reason != b.lost_reason) {
        const LostReason* ra = ix.reason(a.lost_reason);
        const LostReason* rb = ix.reason(b.lost_reason);
        line(t.lost_reason, ra ? ra->text : std::string(), rb ? rb->text : std::string());
    }
    if (a.lost_reason_text != b.lost_reason_text) line(t.lost_reason_text, a.lost_reason_text, b.lost_reason_text);
    if (a.external_ref != b.external_ref) line(t.external_ref, a.external_ref, b.external_ref);
    if (a.description != b.description) line(t.description, a.description, b.description);
    if (a.source != b.source) line(t.source, a.source, b.source);
    if (a.custom.size() != b.custom.size() ||
        !std::equal(a.custom.begin(), a.custom.end(), b.custom.begin(), [](const CustomValue& x, const CustomValue& y) {
            return x.field == y.field && x.text == y.text && x.number == y.number;
        })) {
        std::vector<Id> fields;
        for (const auto& v : a.custom) fields.push_back(v.field);
        for (const auto& v : b.custom)
            if (std::find(fields.begin(), fields.end(), v.field) == fields.end()) fields.push_back(v.field);
        for (Id f : fields) line("custom:" + id_to_string(f), custom_text(ix, a, f), custom_text(ix, b, f));
    }
}

int64_t place_rank(Tx& tx, const Ctx& ctx, Id stage, Id before, Id moving) {
    const StoreIndexes& ix = tx.ix();
    const Lane* lane = ix.lane(stage);
    const size_t n = lane ? lane->order.size() : 0;
    if (before == kNoId) {   // at the end: read from the back, no search for the moving deal
        if (n == 0) return 0;
        const Deal& last = ix.ws.deals[lane->order.at_from_back(0)];
        if (last.meta.id != moving) return last.rank + kRankGap;
        return n == 1 ? 0 : ix.ws.deals[lane->order.at_from_back(1)].rank + kRankGap;
    }
    // A virtual view of the lane without the moving deal (it may sit in this lane already).
    size_t skip = LaneList::npos;
    if (const Deal* m = ix.deal(moving); m && m->stage == stage && n > 0) skip = lane->order.index_of(ix.key_of(*m), ix.slot_key());
    const size_t vn = skip == LaneList::npos ? n : n - 1;
    auto at = [&](size_t v) -> const Deal& {
        return ix.ws.deals[lane->order.at(skip != LaneList::npos && v >= skip ? v + 1 : v)];
    };
    if (vn == 0) return 0;

    const Deal* target = ix.deal(before);
    size_t pos = lane->order.index_of(ix.key_of(*target), ix.slot_key());
    if (skip != LaneList::npos && pos > skip) --pos;
    if (pos == 0) return target->rank - kRankGap;
    const int64_t prev_rank = at(pos - 1).rank;
    if (target->rank - prev_rank >= 2) return prev_rank + (target->rank - prev_rank) / 2;

    // No gap left: respace a small window around the spot (never the whole lane unless it is
    // tiny), widening it until its outer neighbours leave room for every deal in it.
    for (size_t half = 4;; half *= 2) {
        const size_t lo = pos > half ? pos - half : 0;
        const size_t hi = std::min(vn, pos + half);   // window [lo, hi); the new deal goes before pos
        const int64_t count = int64_t(hi - lo) + 1;
        const int64_t low = lo > 0 ? at(lo - 1).rank : at(0).rank - (count + 1) * kRankGap;
        const int64_t high = hi < vn ? at(hi).rank : at(vn - 1).rank + (count + 1) * kRankGap;
        if (high - low < (count + 1) * 2) continue;
        const int64_t step = (high - low) / (count + 1);
        std::vector<std::pair<Id, int64_t>> updates;
        int64_t new_rank = 0, k = 1;
        for (size_t v = lo; v <= hi; ++v) {
            if (v == pos) new_rank = low + step * k++;
            if (v < hi) updates.emplace_back(at(v).meta.id, low + step * k++);
        }
        // Each put re-files the deal under its new key, so the lane stays sorted throughout.
        for (const auto& u : updates) {
            const Deal& current = *ix.deal(u.first);
            if (current.rank == u.second) continue;
            DealPlacement p = placement_of(current);
            p.rank = u.second;
            bump(p.meta, ctx);
            tx.put_placement(std::move(p));
        }
        return new_rank;
    }
}

void delete_deal_cascade(Tx& tx, const Ctx& ctx, Id deal) {
    const StoreIndexes& ix = tx.ix();
    for (Id id : ix.notes_of(deal)) {
        Note n = *ix.note(id);
        if (n.contact != kNoId) {
            n.deal = kNoId;
            bump(n.meta, ctx);
            tx.put(std::move(n));
        } else {
            tx.erase(RecordKind::Note, id);
        }
    }
    for (Id id : ix.activities_of(deal)) {
        Activity a = *ix.activity(id);
        if (!a.contacts.empty()) {
            a.deal = kNoId;
            bump(a.meta, ctx);
            tx.put(std::move(a));
        } else {
            tx.erase(RecordKind::Activity, id);
        }
    }
    for (Id id : ix.history_ids(deal)) tx.erase(RecordKind::DealChange, id);
    tx.erase(RecordKind::Deal, deal);
}

}  // namespace dd::cmd
