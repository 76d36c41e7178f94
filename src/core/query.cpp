#include "core/query.h"
#include "core/store.h"
#include "core/text_fold.h"
#include <algorithm>

namespace dd {

namespace {

// Case-insensitive (ASCII) substring test; `needle` is already lower case.
bool contains_folded(std::string_view hay, const std::string& needle) {
    if (needle.empty()) return true;
    if (hay.size() < needle.size()) return false;
    for (size_t i = 0; i + needle.size() <= hay.size(); ++i) {
        size_t k = 0;
        while (k < needle.size() && fold_char(hay[i + k]) == needle[k]) ++k;
        if (k == needle.size()) return true;
    }
    return false;
}

const CustomValue* custom_of(const Deal& d, Id field) {
    for (const CustomValue& v : d.custom)
        if (v.field == field) return &v;
    return nullptr;
}

bool text_matches(const Store& store, const Deal& d, const std::string& needle) {
    if (contains_folded(d.title, needle) || contains_folded(d.external_ref, needle)) return true;
    for (Id c : d.contacts)
        if (const Contact* ct = store.find_contact(c); ct && contains_folded(ct->name, needle)) return true;
    if (const Company* co = store.find_company(d.company); co && contains_folded(co->name, needle)) return true;
    return false;
}

bool custom_matches(const Store& store, const Deal& d, const CustomFilter& f) {
    const CustomValue* v = custom_of(d, f.field);
    if (!f.has_value) return v == nullptr;
    if (!v) return false;
    const CustomFieldDef* def = store.find_custom_field(f.field);
    const FieldType type = def ? def->type : FieldType::Text;
    if (type == FieldType::Text) return contains_folded(v->text, folded(f.text));
    if (type == FieldType::SingleSelect) return f.text.empty() || v->text == f.text;
    if (f.number_min && v->number < *f.number_min) return false;
    if (f.number_max && v->number > *f.number_max) return false;
    return true;
}

// Sort keys need the same derived values many times: stage order and names are looked up once per deal.
struct Row {
    const Deal* deal;
    int pipeline_pos;
    int stage_pos;
};

int cmp_int(int64_t a, int64_t b) { return a < b ? -1 : (a > b ? 1 : 0); }

// Unset values (kNoDay, 0 instants, missing custom values) sort last in either direction:
// returns 0 when both are set and lets the caller compare, or the fixed order otherwise.
bool unset_order(bool a_unset, bool b_unset, int& out) {
    if (a_unset == b_unset) return false;
    out = a_unset ? 1 : -1;
    return true;
}

}  // namespace

bool deal_matches(const Store& store, const Deal& d, const DealQuery& q) {
    if (q.pipeline != kNoId && d.pipeline != q.pipeline) return false;
    if (!q.stages.empty() && std::find(q.stages.begin(), q.stages.end(), d.stage) == q.stages.end()) return false;
    if (!q.owners.empty() && std::find(q.owners.begin(), q.owners.end(), d.owner) == q.owners.end()) return false;
    if (!(q.status_mask & status_bit(d.status))) return false;
    if (q.close_from != kNoDay && (d.expected_close == kNoDay || d.expected_close < q.close_from)) return false;
    if (q.close_to != kNoDay && (d.expected_close == kNoDay || d.expected_close > q.close_to)) return false;
    if (q.created_from != 0 && d.meta.created_at < q.created_from) return false;
    if (q.created_to != 0 && d.meta.created_at > q.created_to) return false;
    if (q.value_min || q.value_max) {
        const Money base = store.to_base(d.value, d.currency);
        if (q.value_min && base < *q.value_min) return false;
        if (q.value_max && base > *q.value_max) return false;
    }
    for (const CustomFilter& f : q.custom)
        if (!custom_matches(store, d, f)) return false;
    if (!q.text.empty() && !text_matches(store, d, folded(q.text))) return false;
    return true;
}

std::vector<const Deal*> query_deals(const Store& store, const DealQuery& q, const std::vector<SortKey>& sort) {
    // Walk pipelines and lanes in board order, so "no sort key" and ties give the board's order.
    std::vector<Row> rows;
    const Workspace& ws = store.workspace();
    for (size_t p = 0; p < ws.pipelines.size(); ++p) {
        const Pipeline& pipe = ws.pipelines[p];
        if (q.pipeline != kNoId && pipe.meta.id != q.pipeline) continue;
        for (size_t s = 0; s < pipe.stages.size(); ++s) {
            const size_t n = store.lane_size(pipe.stages[s].id);
            for (size_t i = 0; i < n; ++i) {
                const Deal& d = store.lane_at(pipe.stages[s].id, i);
                if (deal_matches(store, d, q)) rows.push_back(Row{&d, int(p), int(s)});
            }
        }
    }
    auto name_of_member = [&](Id id) -> std::string {
        const TeamMember* m = store.find_member(id);
        return m ? m->name : std::string();
    };
    auto name_of_contact = [&](const Deal& d) -> std::string {
        const Contact* c = d.contacts.empty() ? nullptr : store.find_contact(d.contacts[0]);
        return c ? c->name : std::string();
    };
    auto name_of_company = [&](Id id) -> std::string {
        const Company* c = store.find_company(id);
        return c ? c->name : std::string();
    };
    auto compare = [&](const Row& ra, const Row& rb, const SortKey& key) -> int {
        const Deal& a = *ra.deal;
        const Deal& b = *rb.deal;
        int unset = 0;
        switch (key.column) {
        case DealColumn::Title: return compare_folded(a.title, b.title);
        case DealColumn::Value: return cmp_int(store.to_base(a.value, a.currency), store.to_base(b.value, b.currency));
        case DealColumn::Currency: return std::string(a.currency.view()).compare(std::string(b.currency.view()));
        case DealColumn::Pipeline: return cmp_int(ra.pipeline_pos, rb.pipeline_pos);
        case DealColumn::Stage: return ra.pipeline_pos != rb.pipeline_pos ? cmp_int(ra.pipeline_pos, rb.pipeline_pos)
                                                                         : cmp_int(ra.stage_pos, rb.stage_pos);
        case DealColumn::Probability: return cmp_int(store.effective_probability(a), store.effective_probability(b));
        case DealColumn::Status: return cmp_int(int(a.status), int(b.status));
        case DealColumn::Owner: {
            std::string x = name_of_member(a.owner), y = name_of_member(b.owner);
            if (unset_order(x.empty(), y.empty(), unset)) return key.descending ? -unset : unset;
            return compare_folded(x, y);
        }
        case DealColumn::Contact: return compare_folded(name_of_contact(a), name_of_contact(b));
        case DealColumn::Company: {
            std::string x = name_of_company(a.company), y = name_of_company(b.company);
            if (unset_order(x.empty(), y.empty(), unset)) return key.descending ? -unset : unset;
            return compare_folded(x, y);
        }
        case DealColumn::ExpectedClose:
            if (unset_order(a.expected_close == kNoDay, b.expected_close == kNoDay, unset)) return key.descending ? -unset : unset;
            return cmp_int(a.expected_close, b.expected_close);
        case DealColumn::Created: return cmp_int(a.meta.created_at, b.meta.created_at);
        case DealColumn::Updated: return cmp_int(a.meta.updated_at, b.meta.updated_at);
        case DealColumn::LastActivity:
            if (unset_order(a.last_activity_at == 0, b.last_activity_at == 0, unset)) return key.descending ? -unset : unset;
            return cmp_int(a.last_activity_at, b.last_activity_at);
        case DealColumn::Reference:
            if (unset_order(a.external_ref.empty(), b.external_ref.empty(), unset)) return key.descending ? -unset : unset;
            return compare_folded(a.external_ref, b.external_ref);
        case DealColumn::Custom: {
            const CustomValue* x = custom_of(a, key.custom_field);
            const CustomValue* y = custom_of(b, key.custom_field);
            if (unset_order(!x, !y, unset)) return key.descending ? -unset : unset;
            if (!x) return 0;
            const CustomFieldDef* def = store.find_custom_field(key.custom_field);
            const FieldType t = def ? def->type : FieldType::Text;
            if (t == FieldType::Text) return compare_folded(x->text, y->text);
            if (t == FieldType::SingleSelect && def) {
                auto pos = [&](const std::string& s) { return std::find(def->options.begin(), def->options.end(), s) - def->options.begin(); };
                return cmp_int(pos(x->text), pos(y->text));
            }
            return cmp_int(x->number, y->number);
        }
        }
        return 0;
    };
    if (!sort.empty()) {
        std::stable_sort(rows.begin(), rows.end(), [&](const Row& a, const Row& b) {
            for (const SortKey& key : sort) {
                int c = compare(a, b, key);
                if (c != 0) return key.descending ? c > 0 : c < 0;
            }
            return false;
        });
    }
    std::vector<const Deal*> out;
    out.reserve(rows.size());
    for (const Row& r : rows) out.push_back(r.deal);
    return out;
}

}  // namespace dd
