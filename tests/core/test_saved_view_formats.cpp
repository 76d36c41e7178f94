// Saved views in every format the workspace is kept in: the JSON snapshot (an optional member of
// version 1; "shared" absent = shared), journal records, the binary snapshot (version 3; versions 1
// and 2 still load, version 2's views as shared), and
// the persistence layer, so a view saved before a reload is there after it.
#include "core/byte_io.h"
#include "core/journal_format.h"
#include "core/json_io.h"
#include "core/persist_workspace.h"
#include "core/saved_view.h"
#include "core/snapshot_binary.h"
#include "core/storage_memory.h"
#include "test_store_fixture.h"

#include <doctest/doctest.h>

using namespace dd;
using namespace dd::test;

namespace {

void check_same_view(const SavedView& x, const SavedView& y) {
    CHECK(x.meta.id == y.meta.id);
    CHECK(x.meta.revision == y.meta.revision);
    CHECK(x.meta.created_at == y.meta.created_at);
    CHECK(x.meta.updated_at == y.meta.updated_at);
    CHECK(x.name == y.name);
    CHECK(x.owner == y.owner);
    CHECK(x.shared == y.shared);
    CHECK(x.position == y.position);
    CHECK(x.search == y.search);
    CHECK(x.filters == y.filters);
    CHECK(x.sort == y.sort);
    CHECK(x.layout == y.layout);
}

void check_same_views(const std::vector<SavedView>& a, const std::vector<SavedView>& b) {
    REQUIRE(a.size() == b.size());
    for (size_t i = 0; i < a.size(); ++i) check_same_view(a[i], b[i]);
}

// A world with two views using every part of a view: each filter, sort keys, columns with widths.
struct FormatWorld : World {
    Id full = 0, plain = 0;
    FormatWorld() {
        SavedView v;
        v.meta.id = full = ids.next();
        v.name = "Gold proposals \"Q4\"";
        v.search = "renewal";
        DealQuery& q = v.filters;
        q.text = "acme";
        q.pipeline = pipeline;
        q.stages = {proposal, negotiation};
        q.owners = {manager, kNoId};
        q.status_mask = status_bit(DealStatus::Open) | status_bit(DealStatus::Won);
        q.close_from = day_from_civil(2026, 1, 1);
        q.close_to = day_from_civil(2026, 12, 31);
        q.created_from = kT0 - 86'400'000;
        q.created_to = kT0 + 86'400'000;
        q.value_min = 150000;
        q.value_max = 9'000'000;
        q.custom = {CustomFilter{tier_field, "Gold", std::nullopt, std::nullopt, true},
                    CustomFilter{tier_field, "", int64_t(-3), int64_t(7), false}};
        v.sort = {SortKey{DealColumn::Value, kNoId, true}, SortKey{DealColumn::Custom, tier_field, false}};
        v.layout = default_table_layout(store.workspace().custom_fields);
        v.layout.columns[0].width = 240.0f;
        v.layout.columns[1].visible = false;
        v.layout.columns.back().visible = true;
        v.shared = true;
        ok(CreateSavedView{v}, manager);
        SavedView p;
        p.meta.id = plain = ids.next();
        p.name = "Everything";
        ok(CreateSavedView{p}, admin);
    }
};

// The bytes a version 1 writer produced for a workspace without views: the version 2 body has one
// more section at its end, the saved views' count (a single 0 byte when there are none).
std::string as_version_1(const std::string& v2) {
    REQUIRE(v2.back() == '\0');
    const std::string body = v2.substr(20, v2.size() - 21);
    std::string out = v2.substr(0, 4);
    bytes::put_u32(out, 1);
    bytes::put_u64(out, body.size());
    bytes::put_u32(out, journal::crc32(body));
    return out + body;
}

// The bytes a version 2 writer produced: no "shared" byte after each view's owner. Each view is
// found by its id's 8 raw bytes, its owner as the next 8 raw bytes equal to the owner's id (the
// name between them cannot hold them); views are cut from the last so offsets stay right.
size_t shared_flag_at(const std::string& body, const SavedView& v) {
    std::string id, owner;
    bytes::put_u64(id, v.meta.id);
    bytes::put_u64(owner, v.owner);
    const size_t record = body.rfind(id);
    REQUIRE(record != std::string::npos);
    const size_t at = body.find(owner, record + 8);
    REQUIRE(at != std::string::npos);
    return at + 8;
}

std::string as_version_2(const std::string& v3, const std::vector<SavedView>& views) {
    std::string body = v3.substr(20);
    for (size_t i = views.size(); i-- > 0;) {
        const size_t flag = shared_flag_at(body, views[i]);
        REQUIRE(uint8_t(body[flag]) == (views[i].shared ? 1 : 0));
        body.erase(flag, 1);
    }
    std::string out = v3.substr(0, 4);
    bytes::put_u32(out, 2);
    bytes::put_u64(out, body.size());
    bytes::put_u32(out, journal::crc32(body));
    return out + body;
}

}  // namespace

TEST_CASE("views survive the JSON snapshot: save, load, save gives the same bytes and the same views") {
    FormatWorld w;
    const std::string json = save_workspace_json(w.store.workspace());
    CHECK(json.find("\n\"saved_views\":[") != std::string::npos);
    CHECK(json.find("\"statuses\":[\"open\",\"won\"]") != std::string::npos);
    CHECK(json.find("\"owners\":[\"" + id_to_string(w.manager) + "\",null]") != std::string::npos);
    Result<Workspace> back = load_workspace_json(json);
    REQUIRE_MESSAGE(back.ok(), (back.ok() ? "" : back.error().text()));
    check_same_views(back.value().saved_views, w.store.workspace().saved_views);
    CHECK(save_workspace_json(back.value()) == json);
    // A private view says so; a shared one leaves "shared" out (absent = shared).
    CHECK(json.find("\"shared\":false") != std::string::npos);
    CHECK(json.find("\"shared\":true") == std::string::npos);
    CHECK(back.value().saved_views.size() == 2);
    Store again;
    REQUIRE(again.load(back.value()).ok());
    REQUIRE(again.saved_views().size() == 2);
    CHECK(again.saved_views()[0]->name == "Gold proposals \"Q4\"");
}

TEST_CASE("a workspace without views writes no saved_views member; a version 1 file without one loads") {
    World w;
    const std::string json = save_workspace_json(w.store.workspace());
    CHECK(json.find("saved_views") == std::string::npos);
    CHECK(json.rfind("{\"format\":\"dealdeck\",\"version\":1,", 0) == 0);
    Result<Workspace> back = load_workspace_json(json);
    REQUIRE(back.ok());
    CHECK(back.value().saved_views.empty());
}

TEST_CASE("a file written before views could be private loads its views as shared; \"shared\" round-trips") {
    FormatWorld w;
    std::string json = save_workspace_json(w.store.workspace());
    const size_t at = json.find(",\"shared\":false");
    REQUIRE(at != std::string::npos);
    const std::string old_file = std::string(json).erase(at, std::string(",\"shared\":false").size());
    Result<Workspace> old = load_workspace_json(old_file);
    REQUIRE_MESSAGE(old.ok(), (old.ok() ? "" : old.error().text()));
    for (const SavedView& v : old.value().saved_views) CHECK(v.shared);
    Store store;
    REQUIRE(store.load(old.value()).ok());
    CHECK(visible_views(store.saved_views(), w.viewer).size() == 2);   // nobody loses a view they saw

    Result<Workspace> now = load_workspace_json(json);
    REQUIRE(now.ok());
    const SavedView* plain = nullptr;
    for (const SavedView& v : now.value().saved_views)
        if (v.meta.id == w.plain) plain = &v;
    REQUIRE(plain != nullptr);
    CHECK_FALSE(plain->shared);
    // A journal record of a private view keeps it private; of a shared one, shared.
    Workspace ws;
    REQUIRE(apply_record_json(ws, record_to_json(*w.store.find_saved_view(w.plain))).ok());
    REQUIRE(apply_record_json(ws, record_to_json(*w.store.find_saved_view(w.full))).ok());
    REQUIRE(ws.saved_views.size() == 2);
    CHECK_FALSE(ws.saved_views[0].shared);
    CHECK(ws.saved_views[1].shared);
    std::string bad = json;
    bad.replace(bad.find("\"shared\":false"), 14, "\"shared\":\"no\"");
    Result<Workspace> refused = load_workspace_json(bad);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().text().rfind("saved_views[1].shared:", 0) == 0);
}

TEST_CASE("a file with a malformed or dangling view is refused, naming its JSON path") {
    FormatWorld w;
    const std::string json = save_workspace_json(w.store.workspace());
    auto refused = [&](const std::string& from, const std::string& to) {
        std::string bad = json;
        const size_t at = bad.find(from);
        REQUIRE(at != std::string::npos);
        bad.replace(at, from.size(), to);
        Result<Workspace> r = load_workspace_json(bad);
        REQUIRE_FALSE(r.ok());
        return r.error().text();
    };
    CHECK(refused("\"statuses\":[\"open\",\"won\"]", "\"statuses\":[\"open\",\"maybe\"]") ==
          "saved_views[0].filters.statuses[1]: unknown value \"maybe\"");
    CHECK(refused("\"column\":\"value\"", "\"column\":\"colour\"").rfind("saved_views[0].sort[0].column: unknown value", 0) == 0);
    CHECK(refused("\"value_min\":150000", "\"value_min\":\"lots\"").rfind("saved_views[0].filters.value_min:", 0) == 0);
    CHECK(refused("\"width\":240", "\"width\":-5") == "saved_views[0].columns[0].width: must be between 0 and 10000");
    CHECK(refused("\"name\":\"Everything\"", "\"name\":\" \"") == "saved_views[1].name: must not be empty");
    const std::string stage = id_to_string(w.negotiation);
    CHECK(refused("\"" + stage + "\"]", "\"00000000000000ff\"]") ==
          "saved_views[0].filters.stages[1]: no stage with id 00000000000000ff");
    const std::string owner = "\"owner\":\"" + id_to_string(w.admin) + "\"";
    CHECK(refused(owner, "\"owner\":\"00000000000000ff\"") == "saved_views[1].owner: no team member with id 00000000000000ff");
}

TEST_CASE("a view travels as a journal record, and its tombstone removes it") {
    FormatWorld w;
    const SavedView& v = *w.store.find_saved_view(w.full);
    const std::string entry = record_to_json(v);
    CHECK(entry.rfind("{\"kind\":\"saved_view\",\"record\":{", 0) == 0);
    CHECK(record_to_json(w.store.workspace(), RecordKind::SavedView, w.full) == entry);
    Workspace ws;
    REQUIRE(apply_record_json(ws, entry).ok());
    REQUIRE(ws.saved_views.size() == 1);
    check_same_view(ws.saved_views[0], v);
    REQUIRE(apply_record_json(ws, tombstone_to_json(Tombstone{RecordKind::SavedView, w.full, 3, kT0})).ok());
    CHECK(ws.saved_views.empty());
    REQUIRE(ws.tombstones.size() == 1);
    CHECK(ws.tombstones[0].kind == RecordKind::SavedView);
}

TEST_CASE("views survive the binary snapshot; a version 1 snapshot (no views) still loads") {
    FormatWorld w;
    const std::string bin = save_workspace_binary(w.store.workspace());
    CHECK(bytes::get_u32(bin.data() + 4) == 3);
    Result<Workspace> back = load_workspace_binary(bin);
    REQUIRE_MESSAGE(back.ok(), (back.ok() ? "" : back.error().text()));
    check_same_views(back.value().saved_views, w.store.workspace().saved_views);
    CHECK(save_workspace_binary(back.value()) == bin);

    // A version 2 snapshot (before sharing): the same views, every one shared.
    const std::vector<SavedView>& views = w.store.workspace().saved_views;
    const std::string v2 = as_version_2(bin, views);
    Result<Workspace> from_v2 = load_workspace_binary(v2);
    REQUIRE_MESSAGE(from_v2.ok(), (from_v2.ok() ? "" : from_v2.error().text()));
    REQUIRE(from_v2.value().saved_views.size() == 2);
    for (size_t i = 0; i < 2; ++i) {
        SavedView expected = views[i];
        expected.shared = true;
        check_same_view(from_v2.value().saved_views[i], expected);
    }
    // A shared flag other than 0 or 1 is refused, naming the view.
    {
        std::string body = bin.substr(20);
        body[shared_flag_at(body, views[1])] = char(7);
        std::string patched = bin.substr(0, 16);
        bytes::put_u32(patched, journal::crc32(body));
        Result<Workspace> r = load_workspace_binary(patched + body);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().text().find("saved_views[1]") != std::string::npos);
    }

    World old;
    const std::string v1 = as_version_1(save_workspace_binary(old.store.workspace()));
    CHECK(bytes::get_u32(v1.data() + 4) == 1);
    Result<Workspace> loaded = load_workspace_binary(v1);
    REQUIRE_MESSAGE(loaded.ok(), (loaded.ok() ? "" : loaded.error().text()));
    CHECK(loaded.value().saved_views.empty());
    CHECK(same_content(loaded.value(), old.store.workspace()));

    // A view's column with an out-of-range enum is refused, naming the section.
    std::string bad = bin;
    Workspace one;
    one.settings = w.store.workspace().settings;
    one.team = w.store.workspace().team;
    one.pipelines = w.store.workspace().pipelines;
    one.custom_fields = w.store.workspace().custom_fields;
    one.saved_views = {*w.store.find_saved_view(w.plain)};
    one.saved_views[0].sort = {SortKey{DealColumn::Title, kNoId, false}};
    std::string b = save_workspace_binary(one);
    const size_t sort_at = b.size() - 1 /*no columns*/ - 1 /*desc*/ - 8 /*field*/ - 1 /*column*/;
    CHECK(b[sort_at] == char(DealColumn::Title));
    b[sort_at] = char(99);
    std::string body = b.substr(20);
    std::string patched = b.substr(0, 16);
    bytes::put_u32(patched, journal::crc32(body));
    Result<Workspace> refused = load_workspace_binary(patched + body);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().text().find("saved_views[0]") != std::string::npos);
}

TEST_CASE("a view saved, updated and deleted through the store is there after reopening the storage") {
    MemoryStorage storage;
    World w;
    const Millis t0 = w.now;
    {
        WorkspacePersistence p(storage);
        p.open();
        REQUIRE(p.save_all(w.store.workspace(), t0).ok());
        SavedView keep;
        keep.meta.id = w.ids.next();
        keep.name = "Kept";
        keep.filters.stages = {w.proposal};
        SavedView gone;
        gone.meta.id = w.ids.next();
        gone.name = "Gone";
        p.on_applied(w.store, w.ok(CreateSavedView{keep}, w.manager).changes, w.now);
        p.on_applied(w.store, w.ok(CreateSavedView{gone}, w.manager).changes, w.now);
        DealQuery q;
        q.stages = {w.negotiation};
        p.on_applied(w.store, w.ok(UpdateSavedView{keep.meta.id, "acme", q, {}, TableLayout{}}, w.manager).changes, w.now);
        p.on_applied(w.store, w.ok(DeleteSavedView{gone.meta.id}, w.manager).changes, w.now);
        REQUIRE(p.flush(w.now).ok());
    }
    WorkspacePersistence again(storage);
    const OpenedWorkspace opened = again.open();
    REQUIRE(opened.found);
    CHECK(opened.recovery.warnings.empty());
    check_same_views(opened.workspace().saved_views, w.store.workspace().saved_views);
    REQUIRE(opened.workspace().saved_views.size() == 1);
    CHECK(opened.workspace().saved_views[0].search == "acme");
    Store reloaded;
    REQUIRE(reloaded.load(opened.workspace()).ok());
    REQUIRE(reloaded.saved_views().size() == 1);
    CHECK(reloaded.saved_views()[0]->filters.stages == std::vector<Id>{w.negotiation});
}
