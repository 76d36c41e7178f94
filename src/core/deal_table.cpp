#include "core/deal_table.h"

#include "core/store.h"
#include "core/text_fold.h"

#include <algorithm>
#include <iterator>
#include <limits>
#include <string_view>

namespace dd {
namespace {

const CustomValue* custom_of(const Deal& d, Id field) {
    for (const CustomValue& v : d.custom)
        if (v.field == field) return &v;
    return nullptr;
}

uint32_t currency_key(const Currency& c) {
    return (uint32_t(uint8_t(c.code[0])) << 16) | (uint32_t(uint8_t(c.code[1])) << 8) | uint8_t(c.code[2]);
}

// Folded text whose bytes compare as unsigned the way compare_folded compares them as signed
// char, so std::string's operator< sorts gathered keys exactly like compare_folded.
std::string sort_text(std::string_view s) {
    std::string out = folded(s);
    for (char& c : out) c = char(uint8_t(c) ^ 0x80);
    return out;
}

// Stable LSD radix sort of `rows` by key_of(row) (keys <= max_key), 11 bits per pass: the
// (key, row) pairs move together through memory in order, and 2048 counters stay in L1 cache.
struct KeyRow { uint32_t key, row; };
template <typename KeyOf>
void radix_sort_rows(std::vector<uint32_t>& rows, KeyOf key_of, uint32_t max_key, std::vector<KeyRow>& a,
                     std::vector<KeyRow>& b) {
    a.resize(rows.size());
    b.resize(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) a[i] = KeyRow{key_of(rows[i]), rows[i]};
    constexpr int kBits = 11;
    constexpr uint32_t kMask = (1u << kBits) - 1;
    uint32_t count[(1u << kBits) + 1];
    for (int shift = 0; shift < 32; shift += kBits) {
        if (shift > 0 && (uint64_t(max_key) >> shift) == 0) break;
        std::fill(std::begin(count), std::end(count), 0u);
        for (const KeyRow& p : a) ++count[((p.key >> shift) & kMask) + 1];
        for (size_t i = 1; i <= (1u << kBits); ++i) count[i] += count[i - 1];
        for (const KeyRow& p : a) b[count[(p.key >> shift) & kMask]++] = p;
        a.swap(b);
    }
    for (size_t i = 0; i < rows.size(); ++i) rows[i] = a[i].row;
}

// Keeps the rows for which keep(row) holds, in order.
template <typename Keep>
void keep_rows(std::vector<uint32_t>& rows, Keep keep) {
    size_t k = 0;
    for (uint32_t r : rows) {
        rows[k] = r;
        k += keep(r) ? 1 : 0;
    }
    rows.resize(k);
}

}  // namespace

// ---- building ---------------------------------------------------------------------------------

DealTable::DealTable(const Store& store) : store_(store) {
    build_stages();
    const size_t n = store.workspace().deals.size();
    for (auto* v : {&owner_, &company_, &contact_, &contact2_, &currency_}) v->resize(n);
    ids_.resize(n);
    status_.resize(n);
    stage_.resize(n);
    lane_rank_.resize(n);
    more_contacts_.resize(n);
    probability_.resize(n);
    expected_close_.resize(n);
    created_.resize(n);
    updated_.resize(n);
    last_activity_.resize(n);
    base_value_.resize(n);
    row_of_.reserve(n);
    // Rows in board order, so a fresh table needs no tie-breaking sort.
    uint32_t row = 0;
    for (size_t s = 1; s < stage_ids_.size(); ++s) {
        const size_t lane = store.lane_size(stage_ids_[s]);
        for (size_t i = 0; i < lane && row < n; ++i) fill_row(row++, store.lane_at(stage_ids_[s], i));
    }
    live_ = row;
    for (uint32_t r = row; r < n; ++r) free_rows_.push_back(r);   // only if the lanes missed deals
    board_.set_identity(row);
}

void DealTable::build_stages() {
    stage_ids_.assign(1, kNoId);
    stage_pipeline_.assign(1, kNoId);
    stage_pipeline_pos_.assign(1, 0);
    stage_index_.clear();
    const auto& pipelines = store_.workspace().pipelines;
    for (size_t p = 0; p < pipelines.size(); ++p) {
        for (const Stage& s : pipelines[p].stages) {
            stage_index_[s.id] = uint16_t(stage_ids_.size());
            stage_ids_.push_back(s.id);
            stage_pipeline_.push_back(pipelines[p].meta.id);
            stage_pipeline_pos_.push_back(uint16_t(p));
        }
    }
}

uint32_t DealTable::stage_index(Id stage) const {
    auto it = stage_index_.find(stage);
    return it == stage_index_.end() ? 0 : it->second;
}

uint32_t DealTable::intern(NameDict& dict, Id id) {
    if (id == kNoId) return 0;
    uint32_t ix = dict.index.find(id);
    if (ix != FlatIdMap::kMissing) return ix;
    ix = uint32_t(dict.ids.size());
    dict.index.set(id, ix);
    dict.ids.push_back(id);
    dict.rank_fresh = false;
    if (have_text_ && dict.kind != RecordKind::TeamMember) dict.text.set(ix, {name_of(dict, ix)});
    return ix;
}

std::string_view DealTable::name_of(const NameDict& dict, uint32_t index) const {
    const Id id = dict.ids[index];
    switch (dict.kind) {
    case RecordKind::TeamMember: if (const TeamMember* m = store_.find_member(id)) return m->name; break;
    case RecordKind::Contact: if (const Contact* c = store_.find_contact(id)) return c->name; break;
    case RecordKind::Company: if (const Company* c = store_.find_company(id)) return c->name; break;
    default: break;
    }
    return {};
}

void DealTable::renamed(NameDict& dict, Id id) {
    const uint32_t ix = dict.index.find(id);
    if (ix == FlatIdMap::kMissing) return;   // no deal points at it
    dict.rank_fresh = false;
    if (have_text_ && dict.kind != RecordKind::TeamMember) {
        const std::string_view name = name_of(dict, ix);
        if (name.empty()) dict.text.erase(ix);
        else dict.text.set(ix, {name});
    }
}

void DealTable::fill_row(uint32_t row, const Deal& d) {
    if (ids_[row] != d.meta.id) {
        ids_[row] = d.meta.id;
        row_of_.set(d.meta.id, row);
    }
    status_[row] = status_bit(d.status);
    stage_[row] = uint16_t(stage_index(d.stage));
    lane_rank_[row] = d.rank;
    owner_[row] = intern(members_, d.owner);
    company_[row] = intern(companies_, d.company);
    contact_[row] = d.contacts.empty() ? 0 : intern(contacts_, d.contacts[0]);
    contact2_[row] = d.contacts.size() < 2 ? 0 : intern(contacts_, d.contacts[1]);
    more_contacts_[row] = d.contacts.size() > 2;
    if (d.contacts.size() > 2) {
        std::vector<uint32_t>& more = extra_contacts_[row];
        more.clear();
        for (size_t i = 2; i < d.contacts.size(); ++i) more.push_back(intern(contacts_, d.contacts[i]));
    } else if (!extra_contacts_.empty()) {
        extra_contacts_.erase(row);
    }
    probability_[row] = uint8_t(store_.effective_probability(d));
    currency_[row] = currency_key(d.currency);
    expected_close_[row] = d.expected_close;
    created_[row] = d.meta.created_at;
    updated_[row] = d.meta.updated_at;
    last_activity_[row] = d.last_activity_at;
    base_value_[row] = store_.to_base(d.value, d.currency);
    if (have_text_) set_search_text(row, d);
}

void DealTable::set_search_text(uint32_t row, const Deal& d) {
    titles_.set(row, {std::string_view(d.title), std::string_view(d.external_ref)});
}

void DealTable::build_search_text() {
    have_text_ = true;
    titles_.clear();
    for (uint32_t r = 0; r < ids_.size(); ++r)
        if (status_[r]) set_search_text(r, deal(r));
    for (NameDict* dict : {&contacts_, &companies_}) {
        dict->text.clear();
        for (uint32_t ix = 1; ix < dict->ids.size(); ++ix) {
            const std::string_view name = name_of(*dict, ix);
            if (!name.empty()) dict->text.set(ix, {name});
        }
    }
}

// ---- edits ------------------------------------------------------------------------------------

void DealTable::touch_ranks(uint32_t row) {
    board_.touch(row);
    rows_in_board_order_ = false;
    for (auto& entry : ranks_) entry.second.touch(row);
}

void DealTable::remove_row(uint32_t row) {
    row_of_.erase(ids_[row]);
    ids_[row] = kNoId;
    status_[row] = 0;
    more_contacts_[row] = 0;
    extra_contacts_.erase(row);
    if (have_text_) titles_.erase(row);
    touch_ranks(row);
    free_rows_.push_back(row);
    --live_;
}

// Stages and probabilities when pipelines changed, base values when rates did; room for the new
// rows of a big change set.
void DealTable::apply_start(const ChangeSet& changes) {
    bool pipelines = false;
    size_t deal_upserts = 0;
    for (const RecordRef& r : changes.upserted) {
        pipelines |= r.kind == RecordKind::Pipeline;
        deal_upserts += r.kind == RecordKind::Deal;
    }
    for (const Tombstone& t : changes.removed) pipelines |= t.kind == RecordKind::Pipeline;
    if (pipelines) {   // stages added, moved or gone: renumber every row's stage in board order
        const std::vector<Id> old_ids = stage_ids_;
        build_stages();
        for (uint16_t& s : stage_) s = uint16_t(stage_index(old_ids[s]));
        for (uint32_t r = 0; r < ids_.size(); ++r)   // stage probabilities may have changed
            if (status_[r]) probability_[r] = uint8_t(store_.effective_probability(deal(r)));
        board_.touch_all();
        rows_in_board_order_ = false;
    }
    if (changes.settings) {   // exchange rates or the base currency: every base value
        for (uint32_t r = 0; r < ids_.size(); ++r)
            if (status_[r]) {
                const Deal& d = deal(r);
                base_value_[r] = store_.to_base(d.value, d.currency);
            }
        ranks_.erase({int(DealColumn::Value), kNoId});
    }
    // A million new deals grew every column a doubling at a time (each a copy of the column):
    // sized once for at most that many new rows (an upsert of a deal already there takes none).
    if (deal_upserts > 4096 && deal_upserts > free_rows_.size()) add_row_room(deal_upserts - free_rows_.size());
}

void DealTable::add_row_room(size_t rows) {
    const size_t n = ids_.size() + rows;
    ids_.reserve(n);
    for (auto* v : {&owner_, &company_, &contact_, &contact2_, &currency_}) v->reserve(n);
    status_.reserve(n);
    stage_.reserve(n);
    lane_rank_.reserve(n);
    more_contacts_.reserve(n);
    probability_.reserve(n);
    expected_close_.reserve(n);
    created_.reserve(n);
    updated_.reserve(n);
    last_activity_.reserve(n);
    base_value_.reserve(n);
    row_of_.reserve(live_ + rows);
}

void DealTable::apply_removed(const Tombstone& t) {
    switch (t.kind) {
    case RecordKind::Deal: {
        const uint32_t row = row_of_.find(t.id);
        if (row != FlatIdMap::kMissing) remove_row(row);
        break;
    }
    case RecordKind::TeamMember: renamed(members_, t.id); break;
    case RecordKind::Contact: renamed(contacts_, t.id); break;
    case RecordKind::Company: renamed(companies_, t.id); break;
    case RecordKind::CustomField:
        for (auto it = ranks_.begin(); it != ranks_.end();) it = it->first.second == t.id ? ranks_.erase(it) : std::next(it);
        break;
    default: break;
    }
}

void DealTable::apply_upserted(const RecordRef& r) {
    if (r.kind != RecordKind::Deal) {
        apply_removed(Tombstone{r.kind, r.id});   // a renamed person or company, a changed field: the same
        return;
    }
    const Deal* d = store_.find_deal(r.id);
    if (!d) return;
    uint32_t row = row_of_.find(r.id);
    if (row == FlatIdMap::kMissing) {
        if (!free_rows_.empty()) {
            row = free_rows_.back();
            free_rows_.pop_back();
        } else {
            row = uint32_t(ids_.size());
            ids_.push_back(kNoId);
            for (auto* v : {&owner_, &company_, &contact_, &contact2_, &currency_}) v->push_back(0);
            status_.push_back(0);
            stage_.push_back(0);
            lane_rank_.push_back(0);
            more_contacts_.push_back(0);
            probability_.push_back(0);
            expected_close_.push_back(kNoDay);
            created_.push_back(0);
            updated_.push_back(0);
            last_activity_.push_back(0);
            base_value_.push_back(0);
        }
        ++live_;
    }
    fill_row(row, *d);
    touch_ranks(row);
}

void DealTable::apply(const ChangeSet& changes) { apply_some(changes, SIZE_MAX); }

bool DealTable::apply_some(const ChangeSet& changes, size_t budget) {
    if (!apply_started_) {
        apply_start(changes);
        apply_started_ = true;
    }
    const size_t removed = changes.removed.size(), total = removed + changes.upserted.size();
    for (; apply_at_ < total && budget > 0; ++apply_at_, --budget) {
        if (apply_at_ < removed) apply_removed(changes.removed[apply_at_]);
        else apply_upserted(changes.upserted[apply_at_ - removed]);
    }
    if (apply_at_ < total) return false;
    apply_at_ = 0;
    apply_started_ = false;
    return true;
}

// ---- reading ----------------------------------------------------------------------------------

const Deal& DealTable::deal(uint32_t row) const { return *store_.find_deal(ids_[row]); }

std::vector<const Deal*> DealTable::deals_of(const std::vector<uint32_t>& rows) const {
    std::vector<const Deal*> out;
    out.reserve(rows.size());
    for (uint32_t r : rows) out.push_back(&deal(r));
    return out;
}

// ---- query ------------------------------------------------------------------------------------

void DealTable::filter(const DealQuery& q) {
    const size_t n = ids_.size();
    // Pipeline and stage filters as one flag per stage; stage 0 (unknown) is never on the board.
    allowed_.assign(stage_ids_.size(), 0);
    for (size_t s = 1; s < stage_ids_.size(); ++s)
        allowed_[s] = (q.pipeline == kNoId || stage_pipeline_[s] == q.pipeline) &&
                      (q.stages.empty() || std::find(q.stages.begin(), q.stages.end(), stage_ids_[s]) != q.stages.end());
    const uint8_t mask = q.status_mask;
    const Money lo = q.value_min ? *q.value_min : std::numeric_limits<Money>::min();
    const Money hi = q.value_max ? *q.value_max : std::numeric_limits<Money>::max();
    // One branch-free pass over the compact columns every query reads: write every row, advance
    // only past the kept ones (free rows have status 0 and never pass the mask).
    rows_.resize(n);
    const uint8_t* status = status_.data();
    const uint16_t* stage = stage_.data();
    const Money* value = base_value_.data();
    const uint8_t* allowed = allowed_.data();
    uint32_t* out = rows_.data();
    size_t k = 0;
    for (size_t i = 0; i < n; ++i) {
        out[k] = uint32_t(i);
        const Money v = value[i];
        k += size_t((status[i] & mask) != 0) & allowed[stage[i]] & size_t(v >= lo) & size_t(v <= hi);
    }
    rows_.resize(k);

    // Rarer filters, each a pass over the rows still in.
    if (!q.owners.empty()) {
        std::vector<uint8_t> ok(members_.ids.size(), 0);
        for (Id o : q.owners) {
            const uint32_t ix = o == kNoId ? 0 : members_.index.find(o);
            if (ix != FlatIdMap::kMissing) ok[ix] = 1;
        }
        keep_rows(rows_, [&](uint32_t r) { return ok[owner_[r]] != 0; });
    }
    if (q.close_from != kNoDay || q.close_to != kNoDay) {
        const Day from = q.close_from != kNoDay ? q.close_from : std::numeric_limits<Day>::min() + 1;
        const Day to = q.close_to != kNoDay ? q.close_to : std::numeric_limits<Day>::max();
        keep_rows(rows_, [&](uint32_t r) { const Day c = expected_close_[r]; return c != kNoDay && c >= from && c <= to; });
    }
    if (q.created_from != 0 || q.created_to != 0) {
        const Millis from = q.created_from != 0 ? q.created_from : std::numeric_limits<Millis>::min();
        const Millis to = q.created_to != 0 ? q.created_to : std::numeric_limits<Millis>::max();
        keep_rows(rows_, [&](uint32_t r) { return created_[r] >= from && created_[r] <= to; });
    }
    const std::string needle = folded(q.text);
    const bool odd_needle = needle.find('\n') != std::string::npos;   // SearchText cannot look for it
    if (!needle.empty() && !odd_needle) text_filter(needle);
    DealQuery rest;   // what the columns do not cover: checked the slow, exact way
    rest.custom = q.custom;
    if (odd_needle) rest.text = q.text;
    if (!rest.custom.empty() || odd_needle) keep_rows(rows_, [&](uint32_t r) { return deal_matches(store_, deal(r), rest); });
}

void DealTable::text_filter(const std::string& needle) {
    if (!have_text_) build_search_text();
    hit_.assign(ids_.size(), 0);
    company_hit_.assign(companies_.ids.size(), 0);
    contact_hit_.assign(contacts_.ids.size(), 0);
    titles_.find(needle, hit_);
    companies_.text.find(needle, company_hit_);
    contacts_.text.find(needle, contact_hit_);
    keep_rows(rows_, [&](uint32_t r) {
        if (hit_[r] | company_hit_[company_[r]] | contact_hit_[contact_[r]] | contact_hit_[contact2_[r]]) return true;
        if (!more_contacts_[r]) return false;
        for (uint32_t c : extra_contacts_.find(r)->second)
            if (contact_hit_[c]) return true;
        return false;
    });
}

void DealTable::refresh_name_rank(NameDict& dict) {
    if (dict.rank_fresh && dict.rank.size() == dict.ids.size()) return;
    // Dense ranks of the names, "" (none, a missing record, an empty name) always rank 0.
    const uint32_t n = uint32_t(dict.ids.size());
    std::vector<std::string> names(n);
    std::vector<uint32_t> order(n);
    for (uint32_t ix = 0; ix < n; ++ix) {
        names[ix] = sort_text(ix == 0 ? std::string_view() : name_of(dict, ix));
        order[ix] = ix;
    }
    std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return names[a] < names[b]; });
    dict.rank.assign(n, 0);
    uint32_t r = 0;
    for (size_t k = 1; k < n; ++k) {
        if (names[order[k - 1]] < names[order[k]]) ++r;
        dict.rank[order[k]] = r;
    }
    dict.rank_fresh = true;
}

const std::vector<uint32_t>& DealTable::ranks_of(const SortKey& key) {
    const Id field = key.column == DealColumn::Custom ? key.custom_field : kNoId;
    RankIndex& index = ranks_[{int(key.column), field}];
    const uint32_t n = uint32_t(ids_.size());
    auto live = [&](uint32_t r) { return status_[r] != 0; };
    // A numeric column: the same comparator for a few rows and for all of them.
    auto by_column = [&](const auto& column, auto has_value) {
        auto less = [&](uint32_t a, uint32_t b) { return column[a] < column[b]; };
        index.refresh(n, has_value, less, [&] { return less; });
    };
    // A text column: compared through the store for a few rows, gathered and folded for all.
    auto by_text = [&](auto text_of, auto has_value) {
        std::vector<uint32_t> keys;
        auto less = [&](uint32_t a, uint32_t b) { return compare_folded(text_of(deal(a)), text_of(deal(b))) < 0; };
        index.refresh(n, has_value, less, [&] {
            // Each distinct text sorted once (titles repeat: "Acme Logistics - Pilot"), then
            // every row compared by the position of its text.
            // (The views point into the deals, which do not change while this runs.)
            std::unordered_map<std::string_view, uint32_t> distinct;
            std::vector<uint32_t> text_of_row(n, 0);
            for (uint32_t r = 0; r < n; ++r)
                if (has_value(r)) text_of_row[r] = distinct.emplace(text_of(deal(r)), uint32_t(distinct.size())).first->second;
            std::vector<std::string> texts(distinct.size());
            for (const auto& entry : distinct) texts[entry.second] = sort_text(entry.first);
            std::vector<uint32_t> by_text(texts.size());
            for (uint32_t i = 0; i < by_text.size(); ++i) by_text[i] = i;
            std::sort(by_text.begin(), by_text.end(), [&](uint32_t a, uint32_t b) { return texts[a] < texts[b]; });
            std::vector<uint32_t> position(texts.size());   // dense: texts equal once folded share one
            for (uint32_t i = 0, p = 0; i < by_text.size(); ++i) {
                if (i > 0 && texts[by_text[i - 1]] < texts[by_text[i]]) ++p;
                position[by_text[i]] = p;
            }
            keys.resize(n);
            for (uint32_t r = 0; r < n; ++r) keys[r] = position[text_of_row[r]];
            return [&](uint32_t a, uint32_t b) { return keys[a] < keys[b]; };
        });
    };
    switch (key.column) {
    case DealColumn::Title:
        by_text([](const Deal& d) { return std::string_view(d.title); }, live);
        break;
    case DealColumn::Reference:
        by_text([](const Deal& d) { return std::string_view(d.external_ref); },
                [&](uint32_t r) { return live(r) && !deal(r).external_ref.empty(); });
        break;
    case DealColumn::Value: by_column(base_value_, live); break;
    case DealColumn::Created: by_column(created_, live); break;
    case DealColumn::Updated: by_column(updated_, live); break;
    case DealColumn::ExpectedClose:
        by_column(expected_close_, [&](uint32_t r) { return live(r) && expected_close_[r] != kNoDay; });
        break;
    case DealColumn::LastActivity:
        by_column(last_activity_, [&](uint32_t r) { return live(r) && last_activity_[r] != 0; });
        break;
    case DealColumn::Custom: {
        const CustomFieldDef* def = store_.find_custom_field(key.custom_field);
        const FieldType type = def ? def->type : FieldType::Text;
        auto has_value = [&](uint32_t r) { return live(r) && custom_of(deal(r), key.custom_field) != nullptr; };
        if (type == FieldType::Text) {
            by_text([&](const Deal& d) { return std::string_view(custom_of(d, key.custom_field)->text); }, has_value);
        } else {
            auto number_of = [&](uint32_t r) -> int64_t {
                const CustomValue* v = custom_of(deal(r), key.custom_field);
                if (type == FieldType::SingleSelect && def)
                    return std::find(def->options.begin(), def->options.end(), v->text) - def->options.begin();
                return v->number;
            };
            std::vector<int64_t> keys;
            auto less = [&](uint32_t a, uint32_t b) { return number_of(a) < number_of(b); };
            index.refresh(n, has_value, less, [&] {
                keys.resize(n);
                for (uint32_t r = 0; r < n; ++r)
                    if (has_value(r)) keys[r] = number_of(r);
                return [&](uint32_t a, uint32_t b) { return keys[a] < keys[b]; };
            });
        }
        break;
    }
    default: break;   // the other columns sort by small keys of their own (sort_rows)
    }
    return index.ranks();
}

void DealTable::sort_rows(const std::vector<SortKey>& sort) {
    std::vector<KeyRow> a, b;
    // A key per row: `k` among `distinct` values ascending, or kUnsetRank; descending flips the
    // values, unset rows stay last either way.
    auto sort_by = [&](auto raw_key, uint32_t distinct, bool descending) {
        radix_sort_rows(rows_, [&](uint32_t r) {
            const uint32_t k = raw_key(r);
            return k == kUnsetRank ? distinct : (descending ? distinct - 1 - k : k);
        }, distinct, a, b);
    };
    // Least significant first; each pass is stable, so earlier keys win; ties end in board order.
    if (!rows_in_board_order_) {
        const uint32_t n = uint32_t(ids_.size());
        auto less = [&](uint32_t x, uint32_t y) {
            if (stage_[x] != stage_[y]) return stage_[x] < stage_[y];
            if (lane_rank_[x] != lane_rank_[y]) return lane_rank_[x] < lane_rank_[y];
            return ids_[x] < ids_[y];
        };
        board_.refresh(n, [&](uint32_t r) { return status_[r] != 0; }, less, [&] { return less; });
        const std::vector<uint32_t>& rank = board_.ranks();
        sort_by([&](uint32_t r) { return rank[r]; }, board_.distinct(), false);
    }
    for (auto it = sort.rbegin(); it != sort.rend(); ++it) {
        const bool desc = it->descending;
        switch (it->column) {
        case DealColumn::Pipeline:
            sort_by([&](uint32_t r) { return uint32_t(stage_pipeline_pos_[stage_[r]]); }, uint32_t(stage_ids_.size()), desc);
            break;
        case DealColumn::Stage:
            sort_by([&](uint32_t r) { return uint32_t(stage_[r]); }, uint32_t(stage_ids_.size()), desc);
            break;
        case DealColumn::Probability:
            sort_by([&](uint32_t r) { return uint32_t(probability_[r]); }, 256, desc);
            break;
        case DealColumn::Status:
            sort_by([&](uint32_t r) { return uint32_t(__builtin_ctz(status_[r])); }, 8, desc);
            break;
        case DealColumn::Currency: sort_by([&](uint32_t r) { return currency_[r]; }, 1u << 24, desc); break;
        case DealColumn::Owner:
        case DealColumn::Company: {   // no name sorts last
            NameDict& dict = it->column == DealColumn::Owner ? members_ : companies_;
            const std::vector<uint32_t>& index = it->column == DealColumn::Owner ? owner_ : company_;
            refresh_name_rank(dict);
            sort_by([&](uint32_t r) { const uint32_t k = dict.rank[index[r]]; return k == 0 ? kUnsetRank : k; },
                    uint32_t(dict.ids.size()) + 1, desc);
            break;
        }
        case DealColumn::Contact:    // no name sorts as "", first
            refresh_name_rank(contacts_);
            sort_by([&](uint32_t r) { return contacts_.rank[contact_[r]]; }, uint32_t(contacts_.ids.size()) + 1, desc);
            break;
        default: {
            const std::vector<uint32_t>& rank = ranks_of(*it);
            const uint32_t distinct = ranks_.at({int(it->column), it->column == DealColumn::Custom ? it->custom_field : kNoId}).distinct();
            sort_by([&](uint32_t r) { return rank[r]; }, distinct, desc);
        }
        }
    }
}

std::vector<uint32_t> DealTable::query(const DealQuery& q, const std::vector<SortKey>& sort) {
    filter(q);
    if (rows_.size() > 1 && (!sort.empty() || !rows_in_board_order_)) sort_rows(sort);
    return rows_;
}

}  // namespace dd
