#include "core/deal_table.h"

#include "core/store.h"

#include <algorithm>
#include <iterator>
#include <string_view>

namespace dd {
namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; }

// Folded text with the separators of the haystack replaced, so a field never fakes a boundary.
void append_folded(std::string& out, const std::string& s) {
    for (char c : s) out += (c == '\n' || c == '\x1f') ? ' ' : lower(c);
}

std::string folded(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) out += lower(c);
    return out;
}

const CustomValue* custom_of(const Deal& d, Id field) {
    for (const CustomValue& v : d.custom)
        if (v.field == field) return &v;
    return nullptr;
}

// Dense ranks from a strict weak order over the rows that have a value; the others get kUnsetRank.
template <typename Less>
std::vector<uint32_t> dense_ranks(size_t n, const std::vector<uint8_t>& is_set, Less less) {
    std::vector<uint32_t> order;
    order.reserve(n);
    for (uint32_t i = 0; i < n; ++i)
        if (is_set.empty() || is_set[i]) order.push_back(i);
    std::sort(order.begin(), order.end(), less);
    std::vector<uint32_t> rank(n, kUnsetRank);
    uint32_t r = 0;
    for (size_t k = 0; k < order.size(); ++k) {
        if (k > 0 && less(order[k - 1], order[k])) ++r;
        rank[order[k]] = r;
    }
    return rank;
}

template <typename Key>
std::vector<uint32_t> ranks_of_keys(const std::vector<Key>& keys, const std::vector<uint8_t>& is_set) {
    return dense_ranks(keys.size(), is_set, [&](uint32_t a, uint32_t b) { return keys[a] < keys[b]; });
}

// Stable LSD radix sort of `rows` by key_of(row) (keys <= max_key), 11 bits per pass: the
// (key, row) pairs move together through memory in order, and 2048 counters stay in L1 cache.
template <typename KeyOf>
void radix_sort_rows(std::vector<uint32_t>& rows, KeyOf key_of, uint32_t max_key) {
    struct Pair { uint32_t key, row; };
    std::vector<Pair> a(rows.size()), b(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) a[i] = Pair{key_of(rows[i]), rows[i]};
    constexpr int kBits = 11;
    constexpr uint32_t kMask = (1u << kBits) - 1;
    uint32_t count[(1u << kBits) + 1];
    for (int shift = 0; shift < 32; shift += kBits) {
        if (shift > 0 && (uint64_t(max_key) >> shift) == 0) break;
        std::fill(std::begin(count), std::end(count), 0u);
        for (const Pair& p : a) ++count[((p.key >> shift) & kMask) + 1];
        for (size_t i = 1; i <= (1u << kBits); ++i) count[i] += count[i - 1];
        for (const Pair& p : a) b[count[(p.key >> shift) & kMask]++] = p;
        a.swap(b);
    }
    for (size_t i = 0; i < rows.size(); ++i) rows[i] = a[i].row;
}

}  // namespace

DealTable::DealTable(const Store& store) : store_(store) {
    const Workspace& ws = store.workspace();
    const size_t n = ws.deals.size();
    deals_.reserve(n);
    for (size_t p = 0; p < ws.pipelines.size(); ++p) {
        const Pipeline& pipe = ws.pipelines[p];
        for (size_t s = 0; s < pipe.stages.size(); ++s) {
            const Id stage = pipe.stages[s].id;
            const size_t lane = store.lane_size(stage);
            for (size_t i = 0; i < lane; ++i) {
                const Deal& d = store.lane_at(stage, i);
                deals_.push_back(&d);
                pipeline_.push_back(d.pipeline);
                stage_.push_back(d.stage);
                owner_.push_back(d.owner);
                pipeline_pos_.push_back(uint16_t(p));
                stage_pos_.push_back(uint16_t(s));
                status_.push_back(status_bit(d.status));
                expected_close_.push_back(d.expected_close);
                created_.push_back(d.meta.created_at);
                base_value_.push_back(store.to_base(d.value, d.currency));
            }
        }
    }
}

std::vector<const Deal*> DealTable::deals_of(const std::vector<uint32_t>& rows) const {
    std::vector<const Deal*> out;
    out.reserve(rows.size());
    for (uint32_t r : rows) out.push_back(deals_[r]);
    return out;
}

void DealTable::build_search_text() {
    haystack_.clear();
    row_start_.clear();
    row_start_.reserve(deals_.size() + 1);
    for (const Deal* d : deals_) {
        row_start_.push_back(uint32_t(haystack_.size()));
        append_folded(haystack_, d->title);
        haystack_ += '\x1f';
        append_folded(haystack_, d->external_ref);
        for (Id c : d->contacts) {
            if (const Contact* ct = store_.find_contact(c)) {
                haystack_ += '\x1f';
                append_folded(haystack_, ct->name);
            }
        }
        if (const Company* co = store_.find_company(d->company)) {
            haystack_ += '\x1f';
            append_folded(haystack_, co->name);
        }
        haystack_ += '\n';
    }
    row_start_.push_back(uint32_t(haystack_.size()));
    have_haystack_ = true;
}

void DealTable::text_hits(const std::string& needle, std::vector<uint8_t>& hit) const {
    const std::string_view hay(haystack_);
    size_t pos = 0;
    while (pos < hay.size()) {
        const size_t at = hay.find(needle, pos);
        if (at == std::string_view::npos) break;
        const size_t row = size_t(std::upper_bound(row_start_.begin(), row_start_.end(), uint32_t(at)) - row_start_.begin()) - 1;
        hit[row] = 1;
        pos = row_start_[row + 1];   // one hit per row is enough: go to the next row
    }
}

const std::vector<uint32_t>& DealTable::ranks_for(const SortKey& key) {
    const auto cache_key = std::make_pair(int(key.column), key.column == DealColumn::Custom ? key.custom_field : kNoId);
    auto found = ranks_.find(cache_key);
    if (found != ranks_.end()) return found->second;

    const size_t n = deals_.size();
    std::vector<uint8_t> set;   // empty = every row has a value
    std::vector<uint32_t> rank;
    auto names = [&](auto name_of) {
        std::vector<std::string> keys(n);
        set.assign(n, 1);
        for (size_t i = 0; i < n; ++i) {
            keys[i] = folded(name_of(*deals_[i]));
            set[i] = !keys[i].empty();
        }
        return keys;
    };
    switch (key.column) {
    case DealColumn::Title: {
        std::vector<std::string> keys(n);
        for (size_t i = 0; i < n; ++i) keys[i] = folded(deals_[i]->title);
        rank = ranks_of_keys(keys, set);
        break;
    }
    case DealColumn::Value: rank = ranks_of_keys(base_value_, set); break;
    case DealColumn::Currency: {
        std::vector<uint32_t> keys(n);
        for (size_t i = 0; i < n; ++i) {
            const auto& c = deals_[i]->currency.code;
            keys[i] = (uint32_t(uint8_t(c[0])) << 16) | (uint32_t(uint8_t(c[1])) << 8) | uint8_t(c[2]);
        }
        rank = ranks_of_keys(keys, set);
        break;
    }
    case DealColumn::Pipeline: rank = ranks_of_keys(pipeline_pos_, set); break;
    case DealColumn::Stage: {
        std::vector<uint32_t> keys(n);
        for (size_t i = 0; i < n; ++i) keys[i] = (uint32_t(pipeline_pos_[i]) << 16) | stage_pos_[i];
        rank = ranks_of_keys(keys, set);
        break;
    }
    case DealColumn::Probability: {
        std::vector<int> keys(n);
        for (size_t i = 0; i < n; ++i) keys[i] = store_.effective_probability(*deals_[i]);
        rank = ranks_of_keys(keys, set);
        break;
    }
    case DealColumn::Status: {
        std::vector<int> keys(n);
        for (size_t i = 0; i < n; ++i) keys[i] = int(deals_[i]->status);
        rank = ranks_of_keys(keys, set);
        break;
    }
    case DealColumn::Owner: {
        auto keys = names([&](const Deal& d) { const TeamMember* m = store_.find_member(d.owner); return m ? m->name : std::string(); });
        rank = ranks_of_keys(keys, set);
        break;
    }
    case DealColumn::Contact: {
        std::vector<std::string> keys(n);
        for (size_t i = 0; i < n; ++i) {
            const Deal& d = *deals_[i];
            const Contact* c = d.contacts.empty() ? nullptr : store_.find_contact(d.contacts[0]);
            keys[i] = c ? folded(c->name) : std::string();
        }
        rank = ranks_of_keys(keys, set);
        break;
    }
    case DealColumn::Company: {
        auto keys = names([&](const Deal& d) { const Company* c = store_.find_company(d.company); return c ? c->name : std::string(); });
        rank = ranks_of_keys(keys, set);
        break;
    }
    case DealColumn::ExpectedClose: {
        set.assign(n, 1);
        for (size_t i = 0; i < n; ++i) set[i] = expected_close_[i] != kNoDay;
        rank = ranks_of_keys(expected_close_, set);
        break;
    }
    case DealColumn::Created: rank = ranks_of_keys(created_, set); break;
    case DealColumn::Updated: {
        std::vector<Millis> keys(n);
        for (size_t i = 0; i < n; ++i) keys[i] = deals_[i]->meta.updated_at;
        rank = ranks_of_keys(keys, set);
        break;
    }
    case DealColumn::LastActivity: {
        std::vector<Millis> keys(n);
        set.assign(n, 1);
        for (size_t i = 0; i < n; ++i) {
            keys[i] = deals_[i]->last_activity_at;
            set[i] = keys[i] != 0;
        }
        rank = ranks_of_keys(keys, set);
        break;
    }
    case DealColumn::Reference: {
        auto keys = names([&](const Deal& d) { return d.external_ref; });
        rank = ranks_of_keys(keys, set);
        break;
    }
    case DealColumn::Custom: {
        const CustomFieldDef* def = store_.find_custom_field(key.custom_field);
        const FieldType type = def ? def->type : FieldType::Text;
        set.assign(n, 1);
        if (type == FieldType::Text) {
            std::vector<std::string> keys(n);
            for (size_t i = 0; i < n; ++i) {
                const CustomValue* v = custom_of(*deals_[i], key.custom_field);
                set[i] = v != nullptr;
                if (v) keys[i] = folded(v->text);
            }
            rank = ranks_of_keys(keys, set);
        } else {
            std::vector<int64_t> keys(n);
            for (size_t i = 0; i < n; ++i) {
                const CustomValue* v = custom_of(*deals_[i], key.custom_field);
                set[i] = v != nullptr;
                if (!v) continue;
                if (type == FieldType::SingleSelect && def)
                    keys[i] = std::find(def->options.begin(), def->options.end(), v->text) - def->options.begin();
                else
                    keys[i] = v->number;
            }
            rank = ranks_of_keys(keys, set);
        }
        break;
    }
    }
    return ranks_.emplace(cache_key, std::move(rank)).first->second;
}

std::vector<uint32_t> DealTable::query(const DealQuery& q, const std::vector<SortKey>& sort) {
    const size_t n = deals_.size();
    std::vector<uint8_t> text_hit;
    const std::string needle = folded(q.text);
    const bool odd_needle = needle.find_first_of("\n\x1f") != std::string::npos;
    if (!needle.empty() && !odd_needle) {
        if (!have_haystack_) build_search_text();
        text_hit.assign(n, 0);
        text_hits(needle, text_hit);
    }
    DealQuery rest;   // what the flat columns do not cover: checked the slow, exact way
    rest.custom = q.custom;
    if (odd_needle) rest.text = q.text;
    const bool check_rest = !rest.custom.empty() || odd_needle;

    std::vector<uint32_t> rows;
    rows.reserve(n);
    for (uint32_t i = 0; i < n; ++i) {
        if (!text_hit.empty() && !text_hit[i]) continue;
        if (q.pipeline != kNoId && pipeline_[i] != q.pipeline) continue;
        if (!(q.status_mask & status_[i])) continue;
        if (!q.stages.empty() && std::find(q.stages.begin(), q.stages.end(), stage_[i]) == q.stages.end()) continue;
        if (!q.owners.empty() && std::find(q.owners.begin(), q.owners.end(), owner_[i]) == q.owners.end()) continue;
        const Day close = expected_close_[i];
        if (q.close_from != kNoDay && (close == kNoDay || close < q.close_from)) continue;
        if (q.close_to != kNoDay && (close == kNoDay || close > q.close_to)) continue;
        if (q.created_from != 0 && created_[i] < q.created_from) continue;
        if (q.created_to != 0 && created_[i] > q.created_to) continue;
        if (q.value_min && base_value_[i] < *q.value_min) continue;
        if (q.value_max && base_value_[i] > *q.value_max) continue;
        if (check_rest && !deal_matches(store_, *deals_[i], rest)) continue;
        rows.push_back(i);
    }
    if (rows.size() < 2) return rows;

    // Least significant key first; each pass is stable, so earlier keys win and ties keep board order.
    const uint32_t unset_key = uint32_t(n);   // ranks are < n: unset sorts after every value
    for (auto it = sort.rbegin(); it != sort.rend(); ++it) {
        const std::vector<uint32_t>& rank = ranks_for(*it);
        const bool desc = it->descending;
        radix_sort_rows(rows, [&](uint32_t r) {
            const uint32_t k = rank[r];
            return k == kUnsetRank ? unset_key : (desc ? uint32_t(n - 1) - k : k);
        }, unset_key);
    }
    return rows;
}

}  // namespace dd
