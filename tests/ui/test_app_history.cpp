// The history lines a start leaves to read after the first frame (app_history.h), through the
// frames a user sees: the timeline says they are loading, a change made before they are in waits
// for them (read in its frame), and the batches the platform reads between frames end the same.
#include "core/persist_workspace.h"
#include "core/storage_memory.h"
#include "people_fixture.h"
#include "ui/app_history.h"
#include "ui_driver.h"

#include <doctest/doctest.h>

using namespace dd;
using namespace dd::ui;
using dd::ui::test::find_prefix;
using dd::ui::test::open_sample_deal;
using dd::ui::test::UiDriver;

namespace {

// The app's workspace saved as a snapshot, then opened again as a writer tab's start opens it:
// the store loaded without the snapshot's history lines, which wait in app.pending_history.
void restart_with_history_deferred(UiDriver& ui, MemoryStorage& storage) {
    WorkspacePersistence writer(storage);
    writer.open();
    REQUIRE(writer.save_all(ui.app.store.workspace(), ui.now).ok());
    WorkspacePersistence reader(storage);
    OpenedWorkspace opened = reader.open(true);
    REQUIRE(opened.history != nullptr);
    REQUIRE(ui.app.store.load(std::move(opened.checked)).ok());
    ui.app.store.defer_history();
    ui.app.pending_history = std::move(opened.history);
    ++ui.app.ui.data_version;
    ui.frame(2);
}

}  // namespace

TEST_CASE("history read after the start: the timeline says so, and a stage move made first reads it in its frame") {
    UiDriver ui;
    const Id id = open_sample_deal(ui);
    REQUIRE(ui.click("Stage Contact made"));
    CHECK(find_prefix(ui, "Stage: Lead in \xe2\x86\x92 Contact made") != nullptr);
    MemoryStorage storage;
    restart_with_history_deferred(ui, storage);

    CHECK(ui.find("Loading the history...") != nullptr);
    CHECK(find_prefix(ui, "Stage: Lead in \xe2\x86\x92 Contact made") == nullptr);
    CHECK(find_prefix(ui, "Deal created") == nullptr);

    // The user moves the deal on before the platform read the lines: the move is applied (not
    // refused), after the lines, and the timeline shows the old and the new.
    REQUIRE(ui.click("Stage Proposal sent"));
    CHECK(ui.app.pending_history == nullptr);
    CHECK(ui.app.store.history_state() == Store::HistoryState::Complete);
    CHECK(ui.app.store.find_stage(ui.app.store.find_deal(id)->stage)->name == "Proposal sent");
    CHECK(ui.find("Loading the history...") == nullptr);
    CHECK(find_prefix(ui, "Stage: Lead in \xe2\x86\x92 Contact made") != nullptr);
    CHECK(find_prefix(ui, "Stage: Contact made \xe2\x86\x92 Proposal sent") != nullptr);
    CHECK(find_prefix(ui, "Deal created") != nullptr);
    CHECK(ui.app.ui.toast.text.find("Moved") != std::string::npos);
    // And it is undoable as any move.
    ui.press_key(ImGuiKey_Z, true);
    CHECK(ui.app.store.find_stage(ui.app.store.find_deal(id)->stage)->name == "Contact made");
}

TEST_CASE("history read after the start: batches between frames, then the timeline is whole") {
    UiDriver ui;
    open_sample_deal(ui);
    REQUIRE(ui.click("Stage Contact made"));
    REQUIRE(ui.click("Stage Proposal sent"));
    const size_t lines = ui.app.store.workspace().history.size();
    MemoryStorage storage;
    restart_with_history_deferred(ui, storage);
    CHECK(ui.app.store.workspace().history.empty());

    const uint64_t version = ui.app.ui.data_version;
    size_t batches = 0;
    while (read_pending_history(ui.app, 1)) {
        ++batches;
        ui.frame();
        CHECK(ui.find("Loading the history...") != nullptr);
    }
    CHECK(batches + 1 == lines);
    CHECK(ui.app.ui.data_version > version);
    ui.frame();
    CHECK(ui.find("Loading the history...") == nullptr);
    CHECK(find_prefix(ui, "Stage: Contact made \xe2\x86\x92 Proposal sent") != nullptr);
    CHECK(ui.app.store.workspace().history.size() == lines);
}

TEST_CASE("history read after the start: a workspace loaded whole meanwhile drops the lines of the one it replaced") {
    UiDriver ui;
    open_sample_deal(ui);
    MemoryStorage storage;
    restart_with_history_deferred(ui, storage);
    REQUIRE(ui.app.pending_history != nullptr);
    load_starter_workspace(ui.app, ui.now);
    CHECK(ui.app.pending_history == nullptr);
    CHECK(ui.app.store.history_state() == Store::HistoryState::Complete);
    CHECK_FALSE(read_pending_history(ui.app, 100));
}

TEST_CASE("history read after the start: lines that cannot be read are said missing in the timeline, once, and moves still work") {
    UiDriver ui;
    const Id id = open_sample_deal(ui);
    REQUIRE(ui.click("Stage Contact made"));
    MemoryStorage storage;
    restart_with_history_deferred(ui, storage);
    // The snapshot changes under the reader (another tab compacted, a damaged profile): its lines
    // can no longer be read from it.
    auto names = storage.list();
    REQUIRE(names.ok());
    size_t snapshots = 0;
    for (const std::string& name : names.value())
        if (name.size() > 5 && name.compare(name.size() - 5, 5, ".snap") == 0) {
            REQUIRE(storage.write_atomic(name, std::string(64, 'x')).ok());
            ++snapshots;
        }
    REQUIRE(snapshots == 1);
    const std::string toast_before = ui.app.ui.toast.text;

    CHECK_FALSE(read_pending_history(ui.app, 100));
    CHECK(ui.app.store.history_state() == Store::HistoryState::Unavailable);
    CHECK(ui.app.history_problem.find("changed while it was read") != std::string::npos);
    CHECK(ui.app.ui.toast.text == toast_before);   // the platform's notice says it, not a toast too
    ui.frame();
    CHECK(find_prefix(ui, "Earlier changes could not be read") != nullptr);
    CHECK(ui.find("Loading the history...") == nullptr);

    // The deal still moves; the new change is in the timeline below the message.
    REQUIRE(ui.click("Stage Proposal sent"));
    CHECK(ui.app.store.find_stage(ui.app.store.find_deal(id)->stage)->name == "Proposal sent");
    CHECK(find_prefix(ui, "Stage: Contact made \xe2\x86\x92 Proposal sent") != nullptr);
    CHECK(find_prefix(ui, "Earlier changes could not be read") != nullptr);
}
