// CSV import: header auto-mapping, rows -> deals with per-line problems, unknown stage/owner
// names, update by reference, and the ImportDeals command (all-or-nothing, one undo step).
#include "core/csv_deal_export.h"
#include "core/csv_import.h"
#include "test_store_fixture.h"

using namespace dd;
using dd::test::World;

namespace {

std::vector<ImportField> mapped(const std::vector<std::string>& headers) { return auto_map(headers).columns; }

const Deal* deal_titled(const Store& s, const std::string& title) {
    for (const Deal& d : s.workspace().deals)
        if (d.title == title) return &d;
    return nullptr;
}

std::vector<std::string> problem_texts(const ImportPlan& p) {
    std::vector<std::string> out;
    for (const ImportProblem& x : p.problems) out.push_back(x.text());
    return out;
}

}  // namespace

TEST_CASE("import mapping: our own export's headers map back to their fields") {
    World w;
    std::vector<std::string> headers;
    for (const ColumnLayout& c : default_table_layout(w.store.workspace().custom_fields).columns)
        headers.push_back(deal_column_title(w.store, c.column, c.custom_field));
    const ImportMapping m = auto_map(headers);
    auto field_of = [&](const std::string& h) {
        auto it = std::find(headers.begin(), headers.end(), h);
        REQUIRE(it != headers.end());
        return m.columns[size_t(it - headers.begin())];
    };
    CHECK(field_of("Title") == ImportField::Title);
    CHECK(field_of("Value") == ImportField::Value);
    CHECK(field_of("Currency") == ImportField::Currency);
    CHECK(field_of("Pipeline") == ImportField::Pipeline);
    CHECK(field_of("Stage") == ImportField::Stage);
    CHECK(field_of("Status") == ImportField::Status);
    CHECK(field_of("Owner") == ImportField::Owner);
    CHECK(field_of("Contacts") == ImportField::Contact);
    CHECK(field_of("Company") == ImportField::Company);
    CHECK(field_of("Expected close") == ImportField::ExpectedClose);
    CHECK(field_of("Reference") == ImportField::Reference);
    // Derived columns are not imported.
    CHECK(field_of("Probability") == ImportField::Ignore);
    CHECK(field_of("Created") == ImportField::Ignore);
    CHECK(field_of("Last activity") == ImportField::Ignore);
}

TEST_CASE("import mapping: Pipedrive and HubSpot deal export headers") {
    CHECK(mapped({"Deal - Title", "Deal - Value", "Deal - Currency", "Deal - Stage", "Deal - Owner",
                  "Deal - Expected close date", "Person - Name", "Organization - Name", "Deal - ID", "Deal - Label"}) ==
          std::vector<ImportField>{ImportField::Title, ImportField::Value, ImportField::Currency, ImportField::Stage,
                                   ImportField::Owner, ImportField::ExpectedClose, ImportField::Contact,
                                   ImportField::Company, ImportField::Reference, ImportField::Ignore});
    CHECK(mapped({"Record ID", "Deal Name", "Amount", "Deal Stage", "Close Date", "Deal owner", "Pipeline",
                  "Associated Company", "Associated Contact", "Create Date"}) ==
          std::vector<ImportField>{ImportField::Reference, ImportField::Title, ImportField::Value, ImportField::Stage,
                                   ImportField::ExpectedClose, ImportField::Owner, ImportField::Pipeline,
                                   ImportField::Company, ImportField::Contact, ImportField::Ignore});
    // A field is mapped once: the second "Amount" column is left for the user.
    CHECK(mapped({"Amount", "amount"}) == std::vector<ImportField>{ImportField::Value, ImportField::Ignore});
}

TEST_CASE("import dates: ISO, numeric in the locale's order, month names") {
    CHECK(parse_import_date("2026-11-23", "en-US") == day_from_civil(2026, 11, 23));
    CHECK(parse_import_date("2026-11-23 10:00", "en-US") == day_from_civil(2026, 11, 23));
    CHECK(parse_import_date("11/23/2026", "en-US") == day_from_civil(2026, 11, 23));
    CHECK(parse_import_date("23.11.2026", "de-DE") == day_from_civil(2026, 11, 23));
    CHECK(parse_import_date("23/11/2026", "en-GB") == day_from_civil(2026, 11, 23));
    CHECK(parse_import_date("23 Nov 2026", "en-US") == day_from_civil(2026, 11, 23));
    CHECK(parse_import_date("Nov 23, 2026", "de-DE") == day_from_civil(2026, 11, 23));
    CHECK_FALSE(parse_import_date("2026-02-30", "en-US"));
    CHECK_FALSE(parse_import_date("23/11/2026", "en-US"));   // no 23rd month
    CHECK_FALSE(parse_import_date("soon", "en-US"));
}

TEST_CASE("import: a Pipedrive file creates deals, contacts, companies; one undo step undoes it all") {
    World w;
    const Workspace before = w.store.workspace();
    const size_t undo_depth = w.store.undo_depth();
    const std::string csv =
        "Deal - Title,Deal - Value,Deal - Currency,Deal - Stage,Deal - Owner,Deal - Expected close date,Person - Name,Organization - Name\r\n"
        "Globex rollout,\"1,250.50\",USD,Proposal,Max Manager,2026-12-01,Hank Scorpio,Globex\r\n"
        "Acme renewal,900,usd,lead,max@example.com,12/24/2026,Alice Smith,Acme\r\n";
    ImportRun run = import_csv_text(w.store, csv, w.ids);
    REQUIRE(problem_texts(run.plan).empty());
    CHECK(run.plan.creates == 2);
    CHECK(run.plan.can_apply(false));
    CHECK(w.store.workspace().deals.empty());   // planning changes nothing

    Applied a = w.ok(run.plan.command);
    CHECK(a.label == "Imported 2 deals");
    const Deal* g = deal_titled(w.store, "Globex rollout");
    REQUIRE(g);
    CHECK(g->value == 125050);
    CHECK(g->stage == w.proposal);
    CHECK(g->owner == w.manager);
    CHECK(g->expected_close == day_from_civil(2026, 12, 1));
    REQUIRE(g->contacts.size() == 1);
    CHECK(w.store.find_contact(g->contacts[0])->name == "Hank Scorpio");
    CHECK(w.store.find_company(g->company)->name == "Globex");
    CHECK(w.store.find_contact(g->contacts[0])->company == g->company);
    const Deal* acme = deal_titled(w.store, "Acme renewal");
    REQUIRE(acme);
    CHECK(acme->contacts == std::vector<Id>{w.alice});   // existing people are reused, not duplicated
    CHECK(acme->company == w.acme);
    CHECK(acme->stage == w.lead);
    CHECK(acme->expected_close == day_from_civil(2026, 12, 24));
    CHECK(w.store.undo_depth() == undo_depth + 1);

    REQUIRE(w.store.undo(w.ctx()).ok());
    CHECK(test::same_content(before, w.store.workspace()));
    REQUIRE(w.store.redo(w.ctx()).ok());
    CHECK(w.store.workspace().deals.size() == 2);
}

TEST_CASE("import: bad rows are listed with line and field; nothing applies unless they are skipped") {
    World w;
    const std::string csv =
        "Title,Value,Contacts,Expected close\n"
        "Good one,100,Alice Smith,2026-11-23\n"
        ",100,Alice Smith,\n"                  // line 3: no title
        "Bad value,12x,Alice Smith,\n"         // line 4
        "Bad date,5,Bob Jones,someday\n"       // line 5
        "No contact,5,,\n"                     // line 6
        "Also good,7,Bob Jones,\n";
    ImportRun run = import_csv_text(w.store, csv, w.ids);
    const std::vector<std::string> texts = problem_texts(run.plan);
    REQUIRE(texts.size() == 4);
    CHECK(texts[0] == "line 3, title: is empty (a new deal needs a title)");
    CHECK(texts[1].rfind("line 4, value: \"12x\"", 0) == 0);
    CHECK(texts[2] == "line 5, expected close: \"someday\" is not a date (such as 2026-11-23)");
    CHECK(texts[3] == "line 6, contacts: is empty (a new deal needs a contact)");
    CHECK(run.plan.bad_rows == 4);
    CHECK(run.plan.creates == 2);
    CHECK_FALSE(run.plan.can_apply(false));
    CHECK(run.plan.can_apply(true));   // the user chose "Skip 4 bad rows"
    w.ok(run.plan.command);
    CHECK(w.store.workspace().deals.size() == 2);
    CHECK(deal_titled(w.store, "Good one"));
    CHECK(deal_titled(w.store, "Also good"));
}

TEST_CASE("import: a quoting error is reported with its line and the file refuses to apply") {
    World w;
    const std::string csv =
        "Title,Value,Contacts\n"
        "Fine,1,Alice Smith\n"
        "Broken \"quote\",2,Alice Smith\n"
        "Also fine,3,Bob Jones\n";
    ImportRun run = import_csv_text(w.store, csv, w.ids);
    REQUIRE(run.plan.problems.size() == 1);
    CHECK(run.plan.problems[0].line == 3);
    CHECK(run.plan.problems[0].text().find("quote") != std::string::npos);
    CHECK_FALSE(run.plan.can_apply(false));

    // An unclosed quote swallows the rest of the file: reported on the line it opened.
    ImportRun open = import_csv_text(w.store, "Title,Contacts\nA,Alice Smith\n\"B,Alice Smith\nC,Bob Jones\n", w.ids);
    REQUIRE_FALSE(open.plan.problems.empty());
    CHECK(open.plan.problems[0].line == 3);
    CHECK_FALSE(open.plan.can_apply(false));

    // A UTF-16 file is refused as a whole, even when skipping bad rows.
    std::string utf16 = "\xff\xfe";
    for (char c : std::string("Title\nA\n")) utf16 += c, utf16 += '\0';
    ImportRun wide = import_csv_text(w.store, utf16, w.ids);
    CHECK(wide.plan.file_refused);
    CHECK_FALSE(wide.plan.can_apply(true));
}

TEST_CASE("import: rows whose reference exists update that deal instead of duplicating it") {
    World w;
    Deal d = w.draft("Acme renewal", w.lead, 100000);
    d.external_ref = "PD-17";
    w.ok(CreateDeal{d, std::nullopt, std::nullopt});
    const size_t deals = w.store.workspace().deals.size();
    const std::string csv =
        "Deal - ID,Deal - Title,Deal - Value,Deal - Stage\n"
        "PD-17,Acme renewal 2027,2500,Negotiation\n"
        "PD-18,Initech,10,Lead\n"
        "PD-18,Initech again,10,Lead\n";   // the same reference twice in one file
    ImportRun run = import_csv_text(w.store, csv, w.ids);
    // PD-18 is new and the file has no contact column: a new deal needs one.
    CHECK(problem_texts(run.plan) == std::vector<std::string>{
                                         "line 3, contacts: is empty (a new deal needs a contact)",
                                         "line 4, reference: \"PD-18\" is already on line 3",
                                         "line 4, contacts: is empty (a new deal needs a contact)"});
    CHECK(run.plan.bad_rows == 2);
    CHECK(run.plan.updates == 1);
    ImportRun fixed = import_csv_text(w.store,
                                      "Deal - ID,Deal - Title,Deal - Value,Deal - Stage,Person - Name\n"
                                      "PD-17,Acme renewal 2027,2500,Negotiation,\n"
                                      "PD-18,Initech,10,Lead,Peter Gibbons\n",
                                      w.ids);
    REQUIRE(problem_texts(fixed.plan).empty());
    CHECK(fixed.plan.updates == 1);
    CHECK(fixed.plan.creates == 1);
    Applied a = w.ok(fixed.plan.command);
    CHECK(a.label == "Imported 2 deals (1 new, 1 updated)");
    CHECK(w.store.workspace().deals.size() == deals + 1);
    const Deal& updated = w.get(d.meta.id);
    CHECK(updated.title == "Acme renewal 2027");
    CHECK(updated.value == 250000);
    CHECK(updated.stage == w.negotiation);
    CHECK(updated.contacts == std::vector<Id>{w.alice});   // an empty cell leaves the field as it is
    CHECK(w.store.find_deal_by_ref("PD-18")->title == "Initech");
    // The update is in the deal's history, like an edit and a move.
    bool title_line = false, stage_line = false;
    for (const DealChange* c : w.store.history_of(d.meta.id)) {
        title_line |= c->field == "title" && c->new_value == "Acme renewal 2027";
        stage_line |= c->kind == ChangeKind::Stage && c->new_value == "Negotiation";
    }
    CHECK(title_line);
    CHECK(stage_line);
    REQUIRE(w.store.undo(w.ctx()).ok());
    CHECK(w.get(d.meta.id).title == "Acme renewal");
    CHECK(w.get(d.meta.id).stage == w.lead);
    CHECK(w.store.find_deal_by_ref("PD-18") == nullptr);
}

TEST_CASE("import: unknown stage and owner names are created, or mapped to existing ones") {
    World w;
    const std::string csv =
        "Deal Name,Amount,Deal Stage,Deal owner,Associated Contact\n"
        "One,1,appointmentscheduled,Zed Zero,Alice Smith\n"
        "Two,2,appointmentscheduled,Zed Zero,Alice Smith\n"
        "Three,3,closedwon,Max Manager,Alice Smith\n";
    auto parse = [&](auto choose) {
        std::optional<ImportParser> parser;
        CsvReader reader([&](CsvRecord& r) {
            if (!parser) parser.emplace(w.store, auto_map(r.fields));
            parser->add(r);
        });
        reader.feed(csv);
        reader.finish();
        REQUIRE(parser->unknown_stages().size() == 1);
        CHECK(parser->unknown_stages()[0].name == "appointmentscheduled");
        CHECK(parser->unknown_stages()[0].rows == 2);
        REQUIRE(parser->unknown_owners().size() == 1);
        CHECK(parser->unknown_owners()[0].name == "Zed Zero");
        choose(*parser);
        return plan_import(w.store, *parser, w.ids);
    };

    SUBCASE("mapped to existing ones: a manager may import") {
        ImportPlan plan = parse([&](ImportParser& p) {
            p.unknown_stages()[0].map_to = w.proposal;
            p.unknown_owners()[0].map_to = w.manager;
        });
        CHECK(plan.command.new_stages.empty());
        CHECK(plan.command.new_members.empty());
        w.ok(plan.command, w.manager);
        CHECK(deal_titled(w.store, "One")->stage == w.proposal);
        CHECK(deal_titled(w.store, "Two")->owner == w.manager);
        CHECK(deal_titled(w.store, "Three")->stage == w.won);   // HubSpot's closed-won stage
        CHECK(deal_titled(w.store, "Three")->status == DealStatus::Won);
    }
    SUBCASE("created: one stage and one member, which takes an admin") {
        ImportPlan plan = parse([](ImportParser&) {});
        REQUIRE(plan.command.new_stages.size() == 1);
        REQUIRE(plan.command.new_members.size() == 1);
        const Error e = w.refused(plan.command, w.manager);
        CHECK(e.field == "actor");
        w.ok(plan.command, w.admin);
        const Deal* one = deal_titled(w.store, "One");
        const Stage* st = w.store.find_stage(one->stage);
        REQUIRE(st);
        CHECK(st->name == "appointmentscheduled");
        CHECK(deal_titled(w.store, "Two")->stage == one->stage);
        // The new stage comes after the last open stage, before Won and Lost.
        const Pipeline* p = w.store.find_pipeline(w.pipeline);
        REQUIRE(p->stages.size() == 6);
        CHECK(p->stages[3].id == one->stage);
        CHECK(w.store.find_member(one->owner)->name == "Zed Zero");
        REQUIRE(w.store.undo(w.ctx()).ok());
        CHECK(w.store.find_pipeline(w.pipeline)->stages.size() == 5);
        CHECK(w.store.workspace().team.size() == 3);
    }
}

TEST_CASE("import: amounts in the workspace's locale, and our own plain decimals in any locale") {
    World w;
    w.ok(SetLocale{"de-DE"});
    ImportRun run = import_csv_text(w.store,
                                    "Title,Value,Contacts\n"
                                    "German,\"1.250,50\",Alice Smith\n"
                                    "Exported,1234.50,Alice Smith\n"
                                    "Thousand,1.250,Alice Smith\n",
                                    w.ids);
    REQUIRE(problem_texts(run.plan).empty());
    w.ok(run.plan.command);
    CHECK(deal_titled(w.store, "German")->value == 125050);
    CHECK(deal_titled(w.store, "Exported")->value == 123450);
    CHECK(deal_titled(w.store, "Thousand")->value == 125000);
}

TEST_CASE("import: our export re-imports as updates of the same deals (a round trip changes nothing)") {
    World w;
    Deal d = w.draft("Acme renewal", w.proposal, 123450);
    d.external_ref = "R-1";
    d.expected_close = day_from_civil(2026, 12, 31);
    w.ok(CreateDeal{d, std::nullopt, std::nullopt});
    std::string csv;
    write_deals_csv(csv, w.store, {w.store.find_deal(d.meta.id)}, default_table_layout({}).columns, true);
    const Deal before = w.get(d.meta.id);
    ImportRun run = import_csv_text(w.store, csv, w.ids);
    REQUIRE(problem_texts(run.plan).empty());
    REQUIRE(run.plan.updates == 1);
    CHECK(run.plan.creates == 0);
    w.ok(run.plan.command);
    const Deal& after = w.get(d.meta.id);
    CHECK(after.title == before.title);
    CHECK(after.value == before.value);
    CHECK(after.stage == before.stage);
    CHECK(after.owner == before.owner);
    CHECK(after.contacts == before.contacts);
    CHECK(after.company == before.company);
    CHECK(after.expected_close == before.expected_close);
}

TEST_CASE("import: a file of 200,000 rows streamed in small chunks, planned in batches, applies") {
    World w;
    std::string csv = "Title,Value,Contacts\n";
    for (int i = 0; i < 200000; ++i) csv += "Deal " + std::to_string(i) + "," + std::to_string(i) + ",Alice Smith\n";
    std::optional<ImportParser> parser;
    CsvReader reader([&](CsvRecord& r) {
        if (!parser) parser.emplace(w.store, auto_map(r.fields));
        parser->add(r);
    });
    for (size_t at = 0; at < csv.size(); at += 4096) reader.feed(std::string_view(csv).substr(at, 4096));
    reader.finish();
    REQUIRE(parser->records() == 200000);
    // Planned in batches (the dialog plans a batch per frame): each step advances by its batch.
    ImportPlanner planner(w.store, *parser, w.ids);
    CHECK(planner.total() == 200000);
    size_t steps = 0;
    while (!planner.step(30000)) {
        ++steps;
        CHECK(planner.planned() == steps * 30000);
    }
    CHECK(steps == 6);
    ImportPlan plan = planner.finish();
    REQUIRE(plan.problems.empty());
    CHECK(plan.creates == 200000);
    REQUIRE(plan.command.creates.front().contacts.size() == 1);   // "Alice Smith", the same across batches
    CHECK(plan.command.creates.back().contacts == plan.command.creates.front().contacts);
    CHECK(plan.command.creates[123456].title == "Deal 123456");
    w.ok(plan.command);
    CHECK(w.store.workspace().deals.size() == 200000);
    CHECK(w.store.lane_size(w.lead) == 200000);
    REQUIRE(w.store.undo(w.ctx()).ok());
    CHECK(w.store.workspace().deals.empty());
}
