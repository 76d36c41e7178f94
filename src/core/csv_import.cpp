#include "core/csv_import.h"

#include "core/format.h"
#include "core/store.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <set>

namespace dd {
namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string trimmed(std::string_view s) {
    size_t b = 0, e = s.size();
    while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
    return std::string(s.substr(b, e - b));
}

// Letters and digits only, lower case: "Deal - Expected close date" -> "dealexpectedclosedate".
std::string header_key(std::string_view s) {
    std::string out;
    for (char c : s)
        if (std::isalnum(static_cast<unsigned char>(c))) out += char(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

struct Alias {
    const char* key;
    ImportField field;
};
// Our export's headers (csv_deal_export.cpp), Pipedrive's "Deal - X" / "Person - Name" /
// "Organization - Name", HubSpot's deal export. Keys as header_key writes them.
constexpr Alias kAliases[] = {
    {"title", ImportField::Title}, {"dealtitle", ImportField::Title}, {"dealname", ImportField::Title},
    {"deal", ImportField::Title},
    {"value", ImportField::Value}, {"dealvalue", ImportField::Value}, {"amount", ImportField::Value},
    {"dealamount", ImportField::Value},
    {"currency", ImportField::Currency}, {"dealcurrency", ImportField::Currency}, {"currencycode", ImportField::Currency},
    {"dealcurrencycode", ImportField::Currency},
    {"pipeline", ImportField::Pipeline}, {"dealpipeline", ImportField::Pipeline},
    {"stage", ImportField::Stage}, {"dealstage", ImportField::Stage},
    {"status", ImportField::Status}, {"dealstatus", ImportField::Status},
    {"owner", ImportField::Owner}, {"dealowner", ImportField::Owner}, {"ownername", ImportField::Owner},
    {"contacts", ImportField::Contact}, {"contact", ImportField::Contact}, {"personname", ImportField::Contact},
    {"dealcontactperson", ImportField::Contact}, {"associatedcontact", ImportField::Contact},
    {"contactname", ImportField::Contact},
    {"company", ImportField::Company}, {"organizationname", ImportField::Company},
    {"organisationname", ImportField::Company}, {"dealorganization", ImportField::Company},
    {"associatedcompany", ImportField::Company}, {"companyname", ImportField::Company},
    {"expectedclose", ImportField::ExpectedClose}, {"expectedclosedate", ImportField::ExpectedClose},
    {"dealexpectedclosedate", ImportField::ExpectedClose}, {"closedate", ImportField::ExpectedClose},
    {"reference", ImportField::Reference}, {"externalref", ImportField::Reference}, {"dealid", ImportField::Reference},
    {"recordid", ImportField::Reference},
    {"description", ImportField::Description}, {"dealdescription", ImportField::Description},
    {"source", ImportField::Source}, {"dealsource", ImportField::Source},
};

const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};

int month_of(std::string_view word) {
    const std::string w = lower(word);
    if (w.size() < 3) return 0;
    for (int i = 0; i < 12; ++i)
        if (w.compare(0, 3, kMonths[i]) == 0) return i + 1;
    return 0;
}

std::optional<Day> civil(int y, int m, int d) {
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
    const Day day = day_from_civil(y, m, d);
    int yy, mm, dd;
    civil_from_day(day, yy, mm, dd);
    if (yy != y || mm != m || dd != d) return std::nullopt;   // 31 Feb and friends
    return day;
}

// Splits "23 Nov 2026", "Nov 23, 2026", "11/23/2026" into its words and numbers.
std::vector<std::string> date_parts(std::string_view s) {
    std::vector<std::string> parts;
    std::string cur;
    for (char c : s) {
        if (std::isalnum(static_cast<unsigned char>(c))) cur += c;
        else if (!cur.empty()) parts.push_back(std::move(cur)), cur.clear();
    }
    if (!cur.empty()) parts.push_back(std::move(cur));
    return parts;
}

bool all_digits(const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Our export writes plain decimals ("1234.50") whatever the locale; in a comma-decimal locale that
// text would read as 123,450 units. A single dot followed by other than three digits cannot be a
// thousands separator, so it is taken as the decimal point.
std::string plain_decimal_to_locale(std::string_view text, const LocaleFormat& f) {
    if (f.decimal == ".") return std::string(text);
    const size_t dot = text.find('.');
    if (dot == std::string_view::npos || text.find('.', dot + 1) != std::string_view::npos) return std::string(text);
    if (text.find(',') != std::string_view::npos) return std::string(text);
    const std::string_view frac = text.substr(dot + 1);
    if (frac.size() == 3) return std::string(text);
    return std::string(text.substr(0, dot)) + f.decimal + std::string(frac);
}

std::vector<std::string> split_names(std::string_view cell) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= cell.size()) {
        size_t end = cell.find(';', start);
        if (end == std::string_view::npos) end = cell.size();
        std::string name = trimmed(cell.substr(start, end - start));
        if (!name.empty() && std::find(out.begin(), out.end(), name) == out.end()) out.push_back(std::move(name));
        start = end + 1;
    }
    return out;
}

}  // namespace

const char* import_field_name(ImportField f) {
    switch (f) {
    case ImportField::Ignore: return "(ignore)";
    case ImportField::Title: return "Title";
    case ImportField::Value: return "Value";
    case ImportField::Currency: return "Currency";
    case ImportField::Pipeline: return "Pipeline";
    case ImportField::Stage: return "Stage";
    case ImportField::Status: return "Status";
    case ImportField::Owner: return "Owner";
    case ImportField::Contact: return "Contacts";
    case ImportField::Company: return "Company";
    case ImportField::ExpectedClose: return "Expected close";
    case ImportField::Reference: return "Reference";
    case ImportField::Description: return "Description";
    case ImportField::Source: return "Source";
    }
    return "";
}

ImportField import_field_for_header(std::string_view header) {
    const std::string key = header_key(header);
    for (const Alias& a : kAliases)
        if (key == a.key) return a.field;
    return ImportField::Ignore;
}

bool ImportMapping::has(ImportField f) const { return std::find(columns.begin(), columns.end(), f) != columns.end(); }

ImportMapping auto_map(const std::vector<std::string>& headers) {
    ImportMapping m;
    for (const std::string& h : headers) {
        ImportField f = import_field_for_header(h);
        if (f != ImportField::Ignore && m.has(f)) f = ImportField::Ignore;
        m.columns.push_back(f);
    }
    return m;
}

std::vector<std::string> read_csv_header(std::string_view first_bytes) {
    std::vector<std::string> header;
    bool got = false;
    CsvReader reader([&](CsvRecord& r) {
        if (!got) header = std::move(r.fields), got = true;
    });
    reader.feed(first_bytes);
    if (!got) reader.finish();
    return header;
}

std::optional<Day> parse_import_date(std::string_view text, std::string_view locale) {
    const std::string s = trimmed(text);
    if (s.empty()) return std::nullopt;
    // ISO first (a time part after it is ignored: HubSpot writes "2026-11-23 10:00").
    if (s.size() >= 10 && s[4] == '-' && s[7] == '-') {
        Day d;
        if (parse_day(s.substr(0, 10), d) && (s.size() == 10 || s[10] == ' ' || s[10] == 'T')) return d;
        return std::nullopt;
    }
    const std::vector<std::string> p = date_parts(s);
    if (p.size() < 3) return std::nullopt;
    auto num = [](const std::string& x) { return all_digits(x) && x.size() <= 4 ? std::stoi(x) : -1; };
    // A month written as a word fixes the order: "23 Nov 2026" or "Nov 23, 2026".
    if (int m = month_of(p[1]); m && !all_digits(p[1])) return civil(num(p[2]), m, num(p[0]));
    if (int m = month_of(p[0]); m && !all_digits(p[0])) return civil(num(p[2]), m, num(p[1]));
    if (!all_digits(p[0]) || !all_digits(p[1]) || !all_digits(p[2])) return std::nullopt;
    if (p[0].size() == 4) return civil(num(p[0]), num(p[1]), num(p[2]));   // 2026/11/23
    const LocaleFormat f = locale_format(locale);
    int y = num(p[2]);
    if (p[2].size() == 2) y += 2000;
    if (f.date_order == DateOrder::MonthDayYear) return civil(y, num(p[0]), num(p[1]));
    return civil(y, num(p[1]), num(p[0]));
}

std::string ImportProblem::text() const {
    std::string out = line ? "line " + std::to_string(line) : std::string("file");
    if (!field.empty()) out += ", " + field;
    return out + ": " + message;
}

// ---- ImportParser -------------------------------------------------------------------------------

ImportParser::ImportParser(const Store& store, ImportMapping mapping, ImportOptions options)
    : store_(store), mapping_(std::move(mapping)) {
    default_pipeline_ = options.pipeline;
    const Workspace& ws = store.workspace();
    if (default_pipeline_ == kNoId && !ws.pipelines.empty()) {
        const Pipeline* first = &ws.pipelines.front();
        for (const Pipeline& p : ws.pipelines)
            if (p.position < first->position) first = &p;
        default_pipeline_ = first->meta.id;
    }
}

void ImportParser::set_file_problem(const std::string& problem) { file_problem_ = problem; }

void ImportParser::problem(size_t line, std::string field, std::string message) {
    problems_.push_back(ImportProblem{line, std::move(field), std::move(message)});
}

void ImportParser::add(const CsvRecord& record) {
    if (!header_seen_) {
        header_seen_ = true;
        return;
    }
    ++records_;
    if (!record.problem.empty()) {
        problem(record.line, "", record.problem);
        return;
    }
    if (record.fields.size() != mapping_.columns.size()) {
        problem(record.line, "", "has " + std::to_string(record.fields.size()) + " fields, the header has " +
                                     std::to_string(mapping_.columns.size()));
        return;
    }
    ImportRow row;
    row.line = record.line;
    if (convert(record, row)) rows_.push_back(std::move(row));
}

bool ImportParser::convert(const CsvRecord& record, ImportRow& row) {
    const Workspace& ws = store_.workspace();
    const std::string& locale = ws.settings.locale;
    const size_t line = record.line;
    auto cell = [&](ImportField f) -> std::optional<std::string> {
        for (size_t i = 0; i < mapping_.columns.size(); ++i)
            if (mapping_.columns[i] == f) {
                std::string t = trimmed(record.fields[i]);
                if (t.empty()) return std::nullopt;
                return t;
            }
        return std::nullopt;
    };
    bool ok = true;
    auto fail = [&](const char* field, std::string message) {
        problem(line, field, std::move(message));
        ok = false;
    };

    if (auto ref = cell(ImportField::Reference)) {
        row.reference = *ref;
        auto [it, fresh] = ref_line_.emplace(*ref, line);
        if (!fresh) fail("reference", "\"" + *ref + "\" is already on line " + std::to_string(it->second));
        if (const Deal* d = store_.find_deal_by_ref(*ref)) row.existing = d->meta.id;
    }
    const Deal* existing = store_.find_deal(row.existing);

    if (auto t = cell(ImportField::Title)) {
        if (t->size() > 200) fail("title", "is longer than 200 characters");
        row.title = *t;
    } else if (!existing) {
        fail("title", "is empty (a new deal needs a title)");
    }

    if (auto c = cell(ImportField::Currency)) {
        Currency cur;
        std::string upper = *c;
        for (char& ch : upper) ch = char(std::toupper(static_cast<unsigned char>(ch)));
        if (!parse_currency(upper, cur))
            fail("currency", "\"" + *c + "\" is not a three-letter currency code");
        else if (cur != ws.settings.base_currency &&
                 std::none_of(ws.settings.rates.begin(), ws.settings.rates.end(), [&](const ExchangeRate& r) { return r.currency == cur; }))
            fail("currency", "no exchange rate for " + std::string(cur.view()) + "; add one in settings");
        else row.currency = cur;
    }
    if (auto v = cell(ImportField::Value)) {
        const Currency cur = row.currency ? *row.currency : existing ? existing->currency : ws.settings.base_currency;
        auto amount = parse_amount(plain_decimal_to_locale(*v, locale_format(locale)), cur, locale);
        if (!amount) fail("value", "\"" + *v + "\" " + amount.error().message);
        else row.value = amount.value();
    }

    row.pipeline = existing ? existing->pipeline : default_pipeline_;
    if (auto p = cell(ImportField::Pipeline)) {
        const Pipeline* found = nullptr;
        for (const Pipeline& pl : ws.pipelines)
            if (lower(pl.name) == lower(*p)) found = &pl;
        // HubSpot writes "default" for its one pipeline.
        if (!found && lower(*p) == "default") found = store_.find_pipeline(default_pipeline_);
        if (!found) fail("pipeline", "no pipeline named \"" + *p + "\"");
        else row.pipeline = found->meta.id;
    }

    if (auto s = cell(ImportField::Status)) {
        DealStatus st;
        const std::string l = lower(*s);
        if (parse(l, st)) row.status = st;
        else fail("status", "\"" + *s + "\" is not open, won, lost or abandoned");
    }

    if (auto s = cell(ImportField::Stage)) {
        const Pipeline* p = store_.find_pipeline(row.pipeline);
        const std::string key = lower(*s);
        if (p) {
            for (const Stage& st : p->stages)
                if (lower(st.name) == key) row.stage = st.id;
            // HubSpot's internal stage names for its closed stages.
            if (!row.stage && (key == "closedwon" || key == "closed won")) row.stage = store_.won_stage(p->meta.id)->id;
            if (!row.stage && (key == "closedlost" || key == "closed lost")) row.stage = store_.lost_stage(p->meta.id)->id;
        }
        if (!row.stage && p) {
            row.stage_name = *s;
            auto [it, fresh] = stage_index_.emplace(id_to_string(p->meta.id) + "|" + key, unknown_stages_.size());
            if (fresh) unknown_stages_.push_back(NameChoice{p->meta.id, *s, 0, kNoId});
            if (ok) ++unknown_stages_[it->second].rows;
        }
    } else if (row.status == DealStatus::Won || row.status == DealStatus::Lost) {
        // A status without a stage: the pipeline's closing stage of that kind.
        if (const Stage* st = row.status == DealStatus::Won ? store_.won_stage(row.pipeline) : store_.lost_stage(row.pipeline))
            row.stage = st->id;
    }

    if (auto o = cell(ImportField::Owner)) {
        const std::string key = lower(*o);
        for (const TeamMember& m : ws.team)
            if (lower(m.name) == key || (!m.email.empty() && lower(m.email) == key)) row.owner = m.meta.id;
        if (!row.owner) {
            row.owner_name = *o;
            auto [it, fresh] = owner_index_.emplace(key, unknown_owners_.size());
            if (fresh) unknown_owners_.push_back(NameChoice{kNoId, *o, 0, kNoId});
            if (ok) ++unknown_owners_[it->second].rows;
        }
    }

    if (auto c = cell(ImportField::Contact)) row.contacts = split_names(*c);
    if (auto c = cell(ImportField::Company)) row.company = *c;
    if (!existing && row.contacts.empty()) fail("contacts", "is empty (a new deal needs a contact)");

    if (auto d = cell(ImportField::ExpectedClose)) {
        if (auto day = parse_import_date(*d, locale)) row.expected_close = *day;
        else fail("expected close", "\"" + *d + "\" is not a date (such as 2026-11-23)");
    }
    if (auto d = cell(ImportField::Description)) row.description = *d;
    if (auto s = cell(ImportField::Source)) row.source = *s;
    return ok;
}

// ---- plan_import --------------------------------------------------------------------------------

ImportPlanner::ImportPlanner(const Store& store, const ImportParser& parsed, IdGenerator& ids)
    : store_(store), parsed_(parsed), ids_(ids) {
    plan_.problems = parsed.problems();
    if (!parsed.file_problem().empty()) {
        plan_.file_refused = true;
        plan_.problems.insert(plan_.problems.begin(), ImportProblem{0, "", parsed.file_problem()});
    }
    stage_ids_.assign(parsed.unknown_stages().size(), kNoId);
    owner_ids_.assign(parsed.unknown_owners().size(), kNoId);
    for (size_t i = 0; i < parsed.unknown_stages().size(); ++i) {
        const NameChoice& c = parsed.unknown_stages()[i];
        stage_choice_[id_to_string(c.pipeline) + "|" + lower(c.name)] = i;
    }
    for (size_t i = 0; i < parsed.unknown_owners().size(); ++i) owner_choice_[lower(parsed.unknown_owners()[i].name)] = i;
    const Workspace& ws = store.workspace();
    for (const Contact& c : ws.contacts) contacts_.emplace(lower(c.name), c.meta.id);
    for (const Company& c : ws.companies) companies_.emplace(lower(c.name), c.meta.id);
    plan_.command.creates.reserve(parsed.rows().size());
}

Id ImportPlanner::stage_for(const ImportRow& r) {
    const size_t i = stage_choice_.at(id_to_string(r.pipeline) + "|" + lower(r.stage_name));
    const NameChoice& c = parsed_.unknown_stages()[i];
    if (c.map_to != kNoId) return c.map_to;
    if (stage_ids_[i] == kNoId) {
        stage_ids_[i] = ids_.next();
        Stage s{stage_ids_[i], c.name, 0, 0x8899aa, 0, StageKind::Open};
        plan_.command.new_stages.push_back(ImportNewStage{c.pipeline, s});
    }
    return stage_ids_[i];
}

Id ImportPlanner::owner_for(const ImportRow& r) {
    const size_t i = owner_choice_.at(lower(r.owner_name));
    const NameChoice& c = parsed_.unknown_owners()[i];
    if (c.map_to != kNoId) return c.map_to;
    if (owner_ids_[i] == kNoId) {
        owner_ids_[i] = ids_.next();
        TeamMember m;
        m.meta.id = owner_ids_[i];
        m.name = c.name;
        if (c.name.find('@') != std::string::npos) m.email = c.name;
        m.role = Role::Manager;
        plan_.command.new_members.push_back(std::move(m));
    }
    return owner_ids_[i];
}

namespace {
// The record named `name` (case ignored) in `known`, or a new one made by `make(id)` and added to
// `created` on first use: companies and contacts of an import are found or created this way.
template <typename T, typename Make>
Id find_or_create(std::unordered_map<std::string, Id>& known, std::vector<T>& created, IdGenerator& ids,
                  const std::string& name, const Make& make) {
    auto [it, fresh] = known.emplace(lower(name), kNoId);
    if (fresh) {
        it->second = ids.next();
        created.push_back(make(it->second));
    }
    return it->second;
}
}  // namespace

Id ImportPlanner::company_for(const std::string& name) {
    return find_or_create(companies_, plan_.command.new_companies, ids_, name, [&](Id id) {
        Company co;
        co.meta.id = id;
        co.name = name;
        return co;
    });
}

Id ImportPlanner::contact_for(const std::string& name, Id company) {
    return find_or_create(contacts_, plan_.command.new_contacts, ids_, name, [&](Id id) {
        Contact ct;
        ct.meta.id = id;
        ct.name = name;
        ct.company = company;
        return ct;
    });
}

void ImportPlanner::plan_row(const ImportRow& r) {
    const Workspace& ws = store_.workspace();
    Id stage = r.stage;
    if (!stage && !r.stage_name.empty()) stage = stage_for(r);
    Id owner = r.owner;
    if (!owner && !r.owner_name.empty()) owner = owner_for(r);
    const Id company = r.company.empty() ? kNoId : company_for(r.company);
    std::vector<Id> contact_ids;
    for (const std::string& name : r.contacts) {
        const Id id = contact_for(name, company);
        if (std::find(contact_ids.begin(), contact_ids.end(), id) == contact_ids.end()) contact_ids.push_back(id);
    }
    if (r.existing) {
        ImportDealUpdate u;
        u.deal = r.existing;
        DealPatch& p = u.patch;
        if (r.title) p.title = *r.title;
        if (r.value) p.value = *r.value;
        if (r.currency) p.currency = *r.currency;
        if (r.expected_close) p.expected_close = *r.expected_close;
        if (owner) p.owner = owner;
        if (!contact_ids.empty()) p.contacts = contact_ids;
        if (company) p.company = company;
        if (r.description) p.description = *r.description;
        if (r.source) p.source = *r.source;
        u.to_stage = stage;
        plan_.command.updates.push_back(std::move(u));
        return;
    }
    Deal d;
    d.meta.id = ids_.next();
    d.title = r.title.value_or(std::string());
    d.value = r.value.value_or(0);
    d.currency = r.currency.value_or(ws.settings.base_currency);
    d.expected_close = r.expected_close.value_or(kNoDay);
    if (!stage) {   // the pipeline's first stage
        const Pipeline* p = store_.find_pipeline(r.pipeline);
        if (p && !p->stages.empty()) stage = p->stages.front().id;
    }
    d.stage = stage;
    d.owner = owner;
    d.contacts = std::move(contact_ids);
    d.company = company;
    d.external_ref = r.reference;
    d.description = r.description.value_or(std::string());
    d.source = r.source.value_or(std::string());
    if (r.status == DealStatus::Abandoned) d.status = DealStatus::Abandoned;
    plan_.command.creates.push_back(std::move(d));
}

bool ImportPlanner::step(size_t max_rows) {
    const std::vector<ImportRow>& rows = parsed_.rows();
    const size_t end = next_row_ + std::min(max_rows, rows.size() - next_row_);
    for (; next_row_ < end; ++next_row_) plan_row(rows[next_row_]);
    return next_row_ == rows.size();
}

ImportPlan ImportPlanner::finish() {
    ImportPlan plan = std::move(plan_);
    plan.creates = plan.command.creates.size();
    plan.updates = plan.command.updates.size();
    std::set<size_t> bad_lines;
    for (const ImportProblem& p : plan.problems)
        if (p.line) bad_lines.insert(p.line);
    plan.bad_rows = bad_lines.size();
    std::stable_sort(plan.problems.begin(), plan.problems.end(),
                     [](const ImportProblem& a, const ImportProblem& b) { return a.line < b.line; });
    return plan;
}

ImportPlan plan_import(const Store& store, const ImportParser& parsed, IdGenerator& ids) {
    ImportPlanner planner(store, parsed, ids);
    planner.step(SIZE_MAX);
    return planner.finish();
}

ImportRun import_csv_text(const Store& store, std::string_view csv, IdGenerator& ids, ImportOptions options) {
    ImportRun run;
    std::optional<ImportParser> parser;
    CsvReader reader([&](CsvRecord& r) {
        if (!parser) {
            run.mapping = auto_map(r.fields);
            parser.emplace(store, run.mapping, options);
        }
        parser->add(r);
    });
    reader.feed(csv);
    reader.finish();
    if (!parser) parser.emplace(store, run.mapping, options);
    parser->set_file_problem(reader.file_problem());
    run.plan = plan_import(store, *parser, ids);
    return run;
}

}  // namespace dd
