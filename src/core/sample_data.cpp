#include "core/sample_data.h"

#include "core/ids.h"

#include <algorithm>
#include <string>
#include <vector>

namespace dd {
namespace {

constexpr Millis kDay = 86'400'000;

// Choices come from their own seeded generator (xorshift64*), ids from the IdGenerator: both
// are pure functions of the seed, so the workspace is too.
// Every roll is its own statement: the order in which operands of one expression are evaluated is
// unspecified, and GCC (native) and clang (WASM) choose differently, which gave the WASM build
// another sample workspace for the same seed.
struct Dice {
    uint64_t state;
    explicit Dice(uint64_t seed) : state(seed * 0x9e3779b97f4a7c15ULL + 0x2545f4914f6cdd1dULL) {
        if (state == 0) state = 1;
    }
    uint64_t next() {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        return state * 0x2545f4914f6cdd1dULL;
    }
    size_t below(size_t n) { return static_cast<size_t>(next() % n); }        // 0 .. n-1
    int64_t between(int64_t lo, int64_t hi) { return lo + static_cast<int64_t>(next() % uint64_t(hi - lo + 1)); }
    bool chance(int percent) { return below(100) < static_cast<size_t>(percent); }
    template <typename T, size_t N>
    const T& pick(const T (&items)[N]) { return items[below(N)]; }
};

const char* const kFirstNames[] = {"Ada", "Ben", "Chloe", "Daniel", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas",
                                   "Kara", "Liam", "Maya", "Noah", "Olivia", "Pablo", "Quinn", "Rosa", "Samir", "Tara",
                                   "Umar", "Vera", "Wes", "Ximena", "Yusuf", "Zoe", "Aiko", "Bruno", "Carla", "Dmitri"};
const char* const kLastNames[] = {"Adams", "Berg", "Castillo", "Dubois", "Evans", "Fischer", "Garcia", "Hansen",
                                  "Ito", "Jensen", "Kowalski", "Larsen", "Moreau", "Nakamura", "Okafor", "Patel",
                                  "Quintero", "Rossi", "Schmidt", "Tanaka", "Usman", "Varga", "Weber", "Yilmaz",
                                  "Zhang", "Novak", "Silva", "Murphy", "Lindqvist", "Haddad"};
const char* const kCompanyStems[] = {"Acme", "Northwind", "Bluefin", "Cedar", "Driftwood", "Evergreen", "Falcon",
                                     "Granite", "Harbor", "Ironbark", "Juniper", "Kestrel", "Lumen", "Meridian",
                                     "Nimbus", "Orchard", "Pioneer", "Quarry", "Redwood", "Summit", "Tidewater",
                                     "Upland", "Vantage", "Willow", "Zenith", "Atlas", "Beacon", "Copper", "Delta",
                                     "Ember"};
const char* const kCompanyKinds[] = {"Logistics", "Foods", "Health", "Robotics", "Software", "Energy", "Labs",
                                     "Retail", "Finance", "Studios", "Motors", "Analytics", "Textiles", "Media",
                                     "Systems", "Partners", "Pharma", "Outdoor", "Telecom", "Security"};
const char* const kProducts[] = {"Platform licence", "Pilot", "Team plan", "Enterprise plan", "Onboarding package",
                                 "Support upgrade", "Analytics add-on", "Seat expansion", "Integration project",
                                 "Annual contract", "Training days", "Data migration"};
const char* const kSources[] = {"Website", "Referral", "Outbound", "Event", "Partner", "Inbound call"};
const char* const kActivitySubjects[] = {"Discovery call", "Product demo", "Send proposal", "Follow up on pricing",
                                         "Contract review", "Kick-off meeting", "Check in on trial",
                                         "Intro to procurement", "Security questionnaire", "Quarterly review"};
const char* const kOutcomes[] = {"Went well, next step agreed", "Left a voicemail", "Asked for a discount",
                                 "Needs sign-off from finance", "Interested in the add-on"};
const char* const kNoteTexts[] = {
    "Budget confirmed for this quarter; decision maker is the COO.",
    "They are comparing us with two other vendors. Price matters more than features.",
    "Asked for a reference customer in the same industry.",
    "Legal wants changes to the liability clause, sent to our counsel.",
    "Champion is leaving the company next month: find a new sponsor.",
    "Very happy with the pilot, wants to roll out to the whole team.\nFollow up after the board meeting."};

Currency code(const char* c) { return Currency{{{c[0], c[1], c[2]}}}; }

std::string lower_alnum(const std::string& s) {
    std::string out;
    for (char c : s)
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
        else if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
    return out;
}

RecordMeta meta(IdGenerator& ids, Dice& dice, Millis now, int max_age_days) {
    RecordMeta m;
    m.id = ids.next();
    const int64_t age_days = dice.between(1, max_age_days);
    const int64_t day_ms = dice.between(0, kDay - 1);
    m.created_at = now - age_days * kDay + day_ms / 1000 * 1000;
    m.updated_at = std::min(now, m.created_at + dice.between(0, 30) * kDay);
    m.revision = static_cast<uint32_t>(dice.between(1, 6));
    return m;
}

Stage stage(IdGenerator& ids, const char* name, int probability, uint32_t color, int idle_days, StageKind kind) {
    Stage s;
    s.id = ids.next();
    s.name = name;
    s.probability = static_cast<uint8_t>(probability);
    s.color = color;
    s.idle_days = idle_days;
    s.kind = kind;
    return s;
}

void add_pipelines(Workspace& ws, IdGenerator& ids, Dice& dice, Millis now) {
    Pipeline sales;
    sales.meta = meta(ids, dice, now, 700);
    sales.name = "New business";
    sales.position = 0;
    sales.stages = {stage(ids, "Lead in", 10, 0x8b95a5, 14, StageKind::Open),
                    stage(ids, "Qualified", 20, 0x4f8fe8, 14, StageKind::Open),
                    stage(ids, "Demo scheduled", 40, 0x7a6ff0, 10, StageKind::Open),
                    stage(ids, "Proposal sent", 60, 0xe5a93b, 10, StageKind::Open),
                    stage(ids, "Negotiation", 80, 0xf07a3f, 7, StageKind::Open),
                    stage(ids, "Contract out", 90, 0x2fb5a8, 5, StageKind::Open),
                    stage(ids, "Won", 100, 0x2ea44f, 0, StageKind::Won),
                    stage(ids, "Lost", 0, 0xd1453b, 0, StageKind::Lost)};
    Pipeline renewals;
    renewals.meta = meta(ids, dice, now, 700);
    renewals.name = "Renewals";
    renewals.position = 1;
    renewals.stages = {stage(ids, "Up for renewal", 50, 0x4f8fe8, 30, StageKind::Open),
                       stage(ids, "Quote sent", 75, 0xe5a93b, 14, StageKind::Open),
                       stage(ids, "Verbal yes", 90, 0x2fb5a8, 7, StageKind::Open),
                       stage(ids, "Renewed", 100, 0x2ea44f, 0, StageKind::Won),
                       stage(ids, "Churned", 0, 0xd1453b, 0, StageKind::Lost)};
    ws.pipelines = {std::move(sales), std::move(renewals)};
}

void add_team(Workspace& ws, IdGenerator& ids, Dice& dice, Millis now) {
    const struct { const char* name; const char* email; Role role; } kTeam[] = {
        {"Alex Morgan", "alex.morgan", Role::Admin},     {"Priya Shah", "priya.shah", Role::Manager},
        {"Tom Becker", "tom.becker", Role::Manager},     {"Lucia Romero", "lucia.romero", Role::Manager},
        {"Kenji Watanabe", "kenji.watanabe", Role::Manager}, {"Sophie Laurent", "sophie.laurent", Role::Manager},
        {"Marcus Reed", "marcus.reed", Role::Manager},   {"Nora Lind", "nora.lind", Role::Viewer}};
    for (const auto& t : kTeam) {
        TeamMember m;
        m.meta = meta(ids, dice, now, 700);
        m.name = t.name;
        m.email = std::string(t.email) + "@dealdeck-demo.com";
        m.role = t.role;
        ws.team.push_back(std::move(m));
    }
    ws.settings.current_user = ws.team[0].meta.id;
}

void add_settings_lists(Workspace& ws, IdGenerator& ids, Dice& dice, Millis now) {
    ws.settings.name = "Northwind Trading sales";
    ws.settings.base_currency = code("USD");
    ws.settings.rates = {{code("EUR"), 1'085'000}, {code("GBP"), 1'270'000}, {code("CAD"), 738'000},
                         {code("JPY"), 670'000}};
    ws.settings.locale = "en-US";
    ws.settings.revision = 7;
    ws.settings.updated_at = now - 3 * kDay;
    const char* const kReasons[] = {"Price too high", "Chose a competitor", "No budget", "Went dark",
                                    "Bad timing", "Missing feature"};
    int32_t position = 0;
    for (const char* text : kReasons) {
        LostReason r;
        r.meta = meta(ids, dice, now, 600);
        r.text = text;
        r.position = position++;
        ws.lost_reasons.push_back(std::move(r));
    }
    const struct { const char* name; FieldType type; std::vector<std::string> options; } kFields[] = {
        {"Segment", FieldType::SingleSelect, {"SMB", "Mid-market", "Enterprise"}},
        {"Lead score", FieldType::Number, {}},
        {"Contract start", FieldType::Date, {}},
        {"Signed NDA", FieldType::Checkbox, {}},
        {"Competitor", FieldType::Text, {}}};
    position = 0;
    for (const auto& f : kFields) {
        CustomFieldDef d;
        d.meta = meta(ids, dice, now, 600);
        d.name = f.name;
        d.type = f.type;
        d.options = f.options;
        d.position = position++;
        ws.custom_fields.push_back(std::move(d));
    }
}

void add_people(Workspace& ws, IdGenerator& ids, Dice& dice, Millis now, size_t company_count) {
    ws.companies.reserve(company_count);
    ws.contacts.reserve(company_count * 5 / 2 + 1);
    for (size_t i = 0; i < company_count; ++i) {
        Company c;
        c.meta = meta(ids, dice, now, 700);
        const char* kind = dice.pick(kCompanyKinds);
        const char* stem = dice.pick(kCompanyStems);
        c.name = std::string(stem) + " " + kind;
        // Stems and kinds repeat in large workspaces: number the later ones like real lookalikes.
        if (i >= 600) c.name += " " + std::to_string(i / 600 + 1);
        c.domain = lower_alnum(c.name) + (dice.chance(70) ? ".com" : dice.chance(50) ? ".io" : ".co.uk");
        c.employees = dice.chance(15) ? 0 : static_cast<int32_t>(dice.between(5, 20000));
        const size_t people = dice.chance(50) ? 2 : 3;
        for (size_t k = 0; k < people; ++k) {
            Contact p;
            p.meta = meta(ids, dice, now, 700);
            const std::string first = dice.pick(kFirstNames), last = dice.pick(kLastNames);
            p.name = first + " " + last;
            p.email = lower_alnum(first) + "." + lower_alnum(last) + "@" + c.domain;
            if (dice.chance(70)) {
                const int64_t line = dice.between(1000, 9999);
                const int64_t exchange = dice.between(100, 999);
                p.phone = "+1 555 " + std::to_string(exchange) + " " + std::to_string(line);
            }
            p.company = c.meta.id;
            ws.contacts.push_back(std::move(p));
        }
        ws.companies.push_back(std::move(c));
    }
}

// ---- deals and their timeline -----------------------------------------------------------------

// The deal's value in its currency, from a value in USD cents: rate_ppm is base minor units per
// 1,000,000 minor units of the currency. Rounded to a "quoted" figure (whole hundreds).
Money in_currency(Money usd_cents, const ExchangeRate& rate) {
    const Money minor = usd_cents * 1'000'000 / rate.rate_ppm;
    const Money step = rate.currency == code("JPY") ? 1000 : 10000;  // 1,000 yen or 100.00 units
    return std::max<Money>(step, minor / step * step);
}

struct LaneCounter { Id stage; int64_t next_rank; };

int64_t next_rank(std::vector<LaneCounter>& lanes, Id stage) {
    for (LaneCounter& l : lanes)
        if (l.stage == stage) return l.next_rank += 1024;
    lanes.push_back(LaneCounter{stage, 1024});
    return 1024;
}

// The lines' texts repeat (field names, stage and status names): `texts` gives equal ones one
// shared block, as a load does (TextInterner), instead of a block per line and text.
DealChange change(IdGenerator& ids, TextInterner& texts, const Deal& deal, Millis at, ChangeKind kind,
                  std::string_view field, std::string_view old_value, std::string_view new_value) {
    DealChange c;
    c.meta.id = ids.next();
    c.meta.revision = 1;
    c.meta.created_at = c.meta.updated_at = at;
    c.deal = deal.meta.id;
    c.actor = deal.owner;
    c.kind = kind;
    texts.assign(c.field, field);
    texts.assign(c.old_value, old_value);
    texts.assign(c.new_value, new_value);
    return c;
}

void add_custom_values(const Workspace& ws, Dice& dice, Deal& d, Day today) {
    const auto& f = ws.custom_fields;  // Segment, Lead score, Contract start, Signed NDA, Competitor
    if (dice.chance(70)) d.custom.push_back(CustomValue{f[0].meta.id, f[0].options[dice.below(3)], 0});
    if (dice.chance(50)) d.custom.push_back(CustomValue{f[1].meta.id, {}, dice.between(0, 100)});
    if (d.status == DealStatus::Won) d.custom.push_back(CustomValue{f[2].meta.id, {}, today + dice.between(0, 60)});
    if (dice.chance(40)) d.custom.push_back(CustomValue{f[3].meta.id, {}, dice.between(0, 1)});
    if (dice.chance(10)) d.custom.push_back(CustomValue{f[4].meta.id, dice.pick(kCompanyStems), 0});
}

void add_timeline(Workspace& ws, IdGenerator& ids, TextInterner& texts, Dice& dice, Deal& d, const Pipeline& p,
                  size_t stage_index, Millis now) {
    ws.history.push_back(change(ids, texts, d, d.meta.created_at, ChangeKind::Created, "", "", p.stages[0].name));
    const Millis moved_at = d.meta.created_at + (now - d.meta.created_at) / 2;
    if (stage_index > 0 && d.status != DealStatus::Won && d.status != DealStatus::Lost)
        ws.history.push_back(change(ids, texts, d, moved_at, ChangeKind::Stage, "stage", p.stages[0].name,
                                    p.stages[stage_index].name));
    if (d.status != DealStatus::Open)
        ws.history.push_back(change(ids, texts, d, d.closed_at, ChangeKind::Status, "status", "open", to_string(d.status)));
    d.last_activity_at = std::max(d.meta.updated_at, d.closed_at);
    if (dice.chance(60)) {
        Activity a;
        a.meta = meta(ids, dice, now, 60);
        a.meta.created_at = std::max(a.meta.created_at, d.meta.created_at);
        a.meta.updated_at = std::max(a.meta.updated_at, a.meta.created_at);
        a.kind = static_cast<ActivityKind>(dice.below(4));
        a.subject = dice.pick(kActivitySubjects);
        const int64_t due_day = dice.between(-20, 20);
        const int64_t due_hour = dice.between(8, 17);
        a.due_at = (now / kDay + due_day) * kDay + due_hour * 3'600'000;
        a.done = a.due_at < now && dice.chance(80);
        a.done_at = a.done ? a.due_at + dice.between(0, 3) * 3'600'000 : 0;
        a.duration_min = a.kind == ActivityKind::Task ? 0 : static_cast<int32_t>(dice.between(1, 6) * 15);
        if (a.done) a.outcome = dice.pick(kOutcomes);
        a.deal = d.meta.id;
        a.contacts = {d.contacts.front()};
        a.owner = d.owner;
        if (a.done) d.last_activity_at = std::max(d.last_activity_at, a.done_at);
        ws.activities.push_back(std::move(a));
    }
    if (dice.chance(30)) {
        Note n;
        n.meta = meta(ids, dice, now, 90);
        n.meta.created_at = std::max(n.meta.created_at, d.meta.created_at);
        n.meta.updated_at = std::max(n.meta.updated_at, n.meta.created_at);
        n.deal = d.meta.id;
        n.text = dice.pick(kNoteTexts);
        n.author = d.owner;
        d.last_activity_at = std::max(d.last_activity_at, n.meta.created_at);
        ws.notes.push_back(std::move(n));
    }
}

void add_deals(Workspace& ws, IdGenerator& ids, Dice& dice, size_t deal_count, Millis now) {
    const Day today = static_cast<Day>(now / kDay);
    // Where each company's contacts start (they were added company by company).
    std::vector<size_t> first_contact;
    first_contact.reserve(ws.companies.size() + 1);
    size_t c = 0;
    for (const Company& company : ws.companies) {
        first_contact.push_back(c);
        while (c < ws.contacts.size() && ws.contacts[c].company == company.meta.id) ++c;
    }
    first_contact.push_back(c);
    std::vector<LaneCounter> lanes;
    ws.deals.reserve(deal_count);
    ws.history.reserve(deal_count * 2);
    TextInterner history_texts;
    ws.activities.reserve(deal_count * 2 / 3);
    ws.notes.reserve(deal_count / 3 + 16);
    for (size_t i = 0; i < deal_count; ++i) {
        Deal d;
        d.meta = meta(ids, dice, now, 365);
        const size_t company = dice.below(ws.companies.size());
        const Pipeline& p = ws.pipelines[dice.chance(80) ? 0 : 1];
        const size_t open_stages = p.stages.size() - 2;
        const size_t roll = dice.below(100);
        d.status = roll < 65 ? DealStatus::Open : roll < 83 ? DealStatus::Won : roll < 97 ? DealStatus::Lost
                                                                                           : DealStatus::Abandoned;
        // Earlier stages hold more deals: the smaller of two rolls.
        const size_t roll_a = dice.below(open_stages);
        const size_t roll_b = dice.below(open_stages);
        size_t stage_index = std::min(roll_a, roll_b);
        if (d.status == DealStatus::Won) stage_index = open_stages;
        if (d.status == DealStatus::Lost) stage_index = open_stages + 1;
        d.pipeline = p.meta.id;
        d.stage = p.stages[stage_index].id;
        d.rank = next_rank(lanes, d.stage);
        d.company = ws.companies[company].meta.id;
        const size_t c0 = first_contact[company], c1 = first_contact[company + 1];
        d.contacts.push_back(ws.contacts[c0 + dice.below(c1 - c0)].meta.id);
        if (c1 - c0 > 1 && dice.chance(25)) {
            const Id other = ws.contacts[c0 + dice.below(c1 - c0)].meta.id;
            if (other != d.contacts[0]) d.contacts.push_back(other);
        }
        d.title = ws.companies[company].name + " - " + dice.pick(kProducts);
        d.owner = ws.team[1 + dice.below(ws.team.size() - 2)].meta.id;  // managers (and not the viewer)
        // Values: mostly small, some large (USD 500 to 250,000), then in the deal's currency.
        const Money usd_cents = (dice.chance(85) ? dice.between(500, 25'000) : dice.between(25'000, 250'000)) * 100;
        const size_t currency_roll = dice.below(100);
        if (currency_roll < 70) { d.currency = code("USD"); d.value = usd_cents / 10000 * 10000; }
        else {
            const ExchangeRate& rate = ws.settings.rates[currency_roll < 82 ? 0 : currency_roll < 91 ? 1 : currency_roll < 96 ? 2 : 3];
            d.currency = rate.currency;
            d.value = in_currency(usd_cents, rate);
        }
        d.source = dice.pick(kSources);
        if (dice.chance(25)) d.external_ref = "NW-" + std::to_string(100000 + i);
        if (dice.chance(30)) {
            const int64_t people = dice.between(5, 400);
            const char* product = dice.pick(kProducts);
            d.description = "Wants the " + std::string(product) + " for " + std::to_string(people) + " people.";
        }
        if (d.status == DealStatus::Open) {
            d.expected_close = today + static_cast<Day>(dice.between(-30, 150));
            if (dice.chance(8)) d.probability_override = static_cast<int8_t>(dice.between(0, 20) * 5);
            d.commit = p.stages[stage_index].probability >= 60 && dice.chance(50);
        } else {
            const int64_t open_days = std::max<int64_t>(1, (now - d.meta.created_at) / kDay);
            d.closed_at = std::min(now, d.meta.created_at + dice.between(1, std::min<int64_t>(open_days, 120)) * kDay);
            d.closed_by = d.owner;
            d.close_date = static_cast<Day>(d.closed_at / kDay);
            d.expected_close = d.close_date + static_cast<Day>(dice.between(-20, 20));
            d.meta.updated_at = std::max(d.meta.updated_at, d.closed_at);
            if (d.status == DealStatus::Lost) {
                if (dice.chance(85)) d.lost_reason = ws.lost_reasons[dice.below(ws.lost_reasons.size())].meta.id;
                if (dice.chance(30)) d.lost_reason_text = "Said they may come back next year.";
            }
        }
        add_custom_values(ws, dice, d, today);
        add_timeline(ws, ids, history_texts, dice, d, p, stage_index, now);
        ws.deals.push_back(std::move(d));
    }
    // A few notes on contacts alone (a call before any deal existed).
    for (size_t i = 0; i < ws.contacts.size(); i += 97) {
        Note n;
        n.meta = meta(ids, dice, now, 200);
        n.contact = ws.contacts[i].meta.id;
        n.text = "Met at the regional trade fair; follow up in spring.";
        n.author = ws.team[1].meta.id;
        ws.notes.push_back(std::move(n));
    }
}

}  // namespace

Workspace make_sample_workspace(uint64_t seed, size_t deal_count, Millis now) {
    Workspace ws;
    IdGenerator ids(seed);
    Dice dice(seed);
    add_settings_lists(ws, ids, dice, now);
    add_team(ws, ids, dice, now);
    add_pipelines(ws, ids, dice, now);
    add_people(ws, ids, dice, now, std::max<size_t>(8, deal_count / 5));
    add_deals(ws, ids, dice, deal_count, now);
    return ws;
}

}  // namespace dd
