// History lines' texts are compact strings made from shared blocks (model.h's DealChange,
// cmd_support.h's line_texts, StageInfo::name, TextInterner): a stage move's lines allocate no
// text, loads share repeated texts, and none of it changes what a line says.
#include "core/json_io.h"
#include "core/sample_data.h"
#include "core/snapshot_binary.h"
#include "test_store_fixture.h"

#include <string>
#include <vector>

using namespace dd;
using namespace dd::test;

namespace {

// The deal's lines of `kind`, oldest first.
std::vector<const DealChange*> lines_of(const Store& s, Id deal, ChangeKind kind) {
    std::vector<const DealChange*> out;
    for (const DealChange* c : s.history_of(deal))   // newest first
        if (c->kind == kind) out.insert(out.begin(), c);
    return out;
}

}  // namespace

TEST_CASE("history texts: the lines of stage moves share their texts' blocks") {
    World w;
    const Id a = w.deal("Acme", w.lead);
    const Id b = w.deal("Beta", w.lead);
    w.ok(MoveDeal{a, w.proposal});
    w.ok(MoveDeal{b, w.proposal});
    w.ok(MoveDeal{a, w.won});
    w.ok(MoveDeal{b, w.won});
    const auto sa = lines_of(w.store, a, ChangeKind::Stage), sb = lines_of(w.store, b, ChangeKind::Stage);
    REQUIRE(sa.size() == 2);
    REQUIRE(sb.size() == 2);
    CHECK(sa[0]->field == "stage");
    CHECK(sa[0]->old_value == "Lead");
    CHECK(sa[0]->new_value == "Proposal");
    CHECK(sa[1]->old_value == "Proposal");
    CHECK(sa[1]->new_value == "Won");
    // One block each: the same characters in memory, not equal copies.
    CHECK(sa[0]->field.data() == sb[0]->field.data());
    CHECK(sa[0]->new_value.data() == sb[0]->new_value.data());
    CHECK(sa[0]->new_value.data() == sa[1]->old_value.data());
    CHECK(sa[1]->new_value.data() == sb[1]->new_value.data());
    const auto ta = lines_of(w.store, a, ChangeKind::Status), tb = lines_of(w.store, b, ChangeKind::Status);
    REQUIRE(ta.size() == 1);
    REQUIRE(tb.size() == 1);
    CHECK(ta[0]->field == "status");
    CHECK(ta[0]->old_value == "open");
    CHECK(ta[0]->new_value == "won");
    CHECK(ta[0]->field.data() == tb[0]->field.data());
    CHECK(ta[0]->new_value.data() == tb[0]->new_value.data());
    // Reopened the same day: both close-date lines' old value is the same block too.
    w.ok(MoveDeal{a, w.lead});
    w.ok(MoveDeal{b, w.lead});
    std::vector<const DealChange*> close;
    for (Id d : {a, b})
        for (const DealChange* c : w.store.history_of(d))
            if (c->field == "close_date" && c->new_value.empty()) close.push_back(c);
    REQUIRE(close.size() == 2);
    CHECK_FALSE(close[0]->old_value.empty());
    CHECK(close[0]->old_value.data() == close[1]->old_value.data());
}

TEST_CASE("history texts: a renamed stage, lines before keep the old name, lines after have the new one") {
    World w;
    const Id a = w.deal("Acme", w.lead);
    w.ok(MoveDeal{a, w.proposal});
    UpdateStage rename;
    rename.stage = w.proposal;
    rename.name = "Offer sent";
    w.ok(rename);
    w.ok(MoveDeal{a, w.negotiation});
    AddStage add;
    add.pipeline = w.pipeline;
    add.stage = Stage{w.ids.next(), "Demo", 40, 0x123456, 0, StageKind::Open};
    w.ok(add);
    w.ok(MoveDeal{a, add.stage.id});
    auto lines = lines_of(w.store, a, ChangeKind::Stage);
    REQUIRE(lines.size() == 3);
    CHECK(lines[0]->old_value == "Lead");
    CHECK(lines[0]->new_value == "Proposal");   // recorded before the rename
    CHECK(lines[1]->old_value == "Offer sent");
    CHECK(lines[1]->new_value == "Negotiation");
    CHECK(lines[2]->old_value == "Negotiation");
    CHECK(lines[2]->new_value == "Demo");        // a stage added after the load
    // Undo of the rename and redo of the later move: the names as they were at each step.
    REQUIRE(w.store.undo(w.ctx()).ok());   // the move to Demo
    REQUIRE(w.store.undo(w.ctx()).ok());   // AddStage
    REQUIRE(w.store.undo(w.ctx()).ok());   // the move to Negotiation
    REQUIRE(w.store.undo(w.ctx()).ok());   // the rename
    w.ok(MoveDeal{a, w.lead});
    lines = lines_of(w.store, a, ChangeKind::Stage);
    REQUIRE(lines.size() == 2);
    CHECK(lines[1]->old_value == "Proposal");
    CHECK(lines[1]->new_value == "Lead");
}

TEST_CASE("history texts: snapshots (binary and JSON) keep every text exactly and share the repeated ones") {
    Workspace ws = make_sample_workspace(11, 300, 1'790'000'000'000);
    REQUIRE(ws.history.size() > 100);
    // Texts the loader must not share or change: long, escaped, empty, repeated long.
    const std::string long_text(TextInterner::kMaxLength + 20, 'x');
    ws.history[0].old_value = long_text;
    ws.history[1].old_value = long_text;
    ws.history[2].new_value = "quote \" and \u00e9 and \\ slash";
    ws.history[3].field = "";
    const std::string json = save_workspace_json(ws);
    auto from_json = load_workspace_json(json);
    REQUIRE(from_json.ok());
    auto from_binary = load_workspace_binary(save_workspace_binary(ws));
    REQUIRE(from_binary.ok());
    for (const Workspace* loaded : {&from_json.value(), &from_binary.value()}) {
        REQUIRE(loaded->history.size() == ws.history.size());
        for (size_t i = 0; i < ws.history.size(); ++i) {
            CHECK(loaded->history[i].field == ws.history[i].field);
            CHECK(loaded->history[i].old_value == ws.history[i].old_value);
            CHECK(loaded->history[i].new_value == ws.history[i].new_value);
        }
        CHECK(save_workspace_json(*loaded) == json);
        // Long texts get blocks of their own; equal short ones one block.
        CHECK(loaded->history[0].old_value.data() != loaded->history[1].old_value.data());
        const CompactString* first_stage = nullptr;
        size_t stage_lines = 0;
        for (const DealChange& c : loaded->history) {
            if (c.field != "stage") continue;
            ++stage_lines;
            if (!first_stage) first_stage = &c.field;
            CHECK(c.field.data() == first_stage->data());
        }
        CHECK(stage_lines > 1);
    }
}

TEST_CASE("history texts: the intern table is bounded") {
    TextInterner texts;
    CompactString a, b;
    texts.assign(a, "stage");
    texts.assign(b, std::string("stage"));
    CHECK(a == "stage");
    CHECK(a.data() == b.data());
    CHECK(texts.size() == 1);
    const CompactString stage = a;
    texts.assign(a, "");   // empty: no block, nothing kept
    CHECK(a.empty());
    CHECK(texts.size() == 1);
    const std::string long_text(TextInterner::kMaxLength + 1, 'y');
    texts.assign(a, long_text);
    texts.assign(b, long_text);
    CHECK(a == long_text);
    CHECK(a.data() != b.data());   // too long to keep
    CHECK(texts.size() == 1);
    // Fill it: every text still comes out right; once full, new ones are not kept.
    std::vector<CompactString> kept(TextInterner::kMaxEntries + 50);
    for (size_t i = 0; i < kept.size(); ++i) texts.assign(kept[i], "text " + std::to_string(i));
    CHECK(texts.size() == TextInterner::kMaxEntries);
    for (size_t i = 0; i < kept.size(); ++i) CHECK(kept[i] == "text " + std::to_string(i));
    CompactString again;
    texts.assign(again, "text 3");   // kept before it filled up: shared
    CHECK(again.data() == kept[3].data());
    const std::string late = "text " + std::to_string(kept.size() - 1);
    texts.assign(again, late);       // came after: a block of its own
    CHECK(again == late);
    CHECK(again.data() != kept.back().data());
    texts.assign(again, "stage");   // the first text is still kept
    CHECK(again.data() == stage.data());
}

TEST_CASE("history texts: the sample data's lines share their repeated texts, as a load does") {
    const Workspace ws = make_sample_workspace(7, 300, 1'773'576'000'000);
    REQUIRE(ws.history.size() > 300);
    const DealChange* first_stage = nullptr;
    size_t stage_lines = 0;
    for (const DealChange& c : ws.history) {
        if (c.field != "stage") continue;
        ++stage_lines;
        if (!first_stage) first_stage = &c;
        CHECK(c.field.data() == first_stage->field.data());   // one block for "stage" in every line
    }
    CHECK(stage_lines > 10);
    // A stage name that several lines carry: one block.
    const DealChange* a = nullptr;
    for (const DealChange& c : ws.history) {
        if (c.kind != ChangeKind::Created) continue;
        if (!a) a = &c;
        else if (c.new_value == a->new_value) {
            CHECK(c.new_value.data() == a->new_value.data());
            break;
        }
    }
}
