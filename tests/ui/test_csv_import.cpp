// The List view's CSV import dialog driven headless: a picked file streamed in slices the way the
// browser's file picker does it (its first bytes open the dialog, then one slice per frame when
// the dialog asks), the mapping step, the read with its progress, the plan, the preview with bad
// rows by line, "Skip N bad rows", then Import as one undo step, applied over frames with its
// progress and a Cancel that rolls back.
#include <doctest/doctest.h>

#include "core/json_io.h"
#include "core/store.h"
#include "imgui.h"
#include "ui/csv_import.h"
#include "ui/csv_import_state.h"
#include "list_fixture.h"
#include "ui_driver.h"

#include <algorithm>
#include <cstdio>
#include <string>

using dd::ui::CsvImportState;
using dd::ui::test::UiDriver;

namespace {

// Stands in for platform/web/file_picker.cpp: the file's first bytes open the dialog; after each
// frame, the slice the dialog asks for is read and fed.
struct PickedFile {
    std::string name;
    std::string bytes;
    size_t slices_read = 0;
    void open(CsvImportState& s) const {
        dd::ui::open_csv_import(s, name, bytes.size(), std::string_view(bytes).substr(0, dd::ui::kImportHeaderBytes));
    }
    void serve(CsvImportState& s) {
        if (!dd::ui::csv_import_wants_bytes(s)) return;
        s.read_pending = true;
        ++slices_read;
        dd::ui::csv_import_feed(s, std::string_view(bytes).substr(s.read_bytes, dd::ui::kImportSliceBytes));
    }
};

struct ImportFixture {
    UiDriver ui{1400.0f, 900.0f};
    ImportFixture() {
        dd::ui::test::open_list_with_sample(ui, 50);
        REQUIRE(ui.find("Import CSV"));
    }
    CsvImportState& state() { return ui.app.ui.list.import; }
    // Frames, each followed by the platform's turn, until the preview shows; returns the frames.
    int read_to_preview(PickedFile& file) {
        int frames = 0;
        while (state().step != CsvImportState::Step::Preview && frames < 1000) {
            file.serve(state());
            ui.frame();
            ++frames;
        }
        ui.frame(2);
        return frames;
    }
    // A click done frame by frame (UiDriver::click settles for 3 more frames).
    void press_and_release(const char* label) {
        const dd::ui::ItemRecord* item = ui.find(label);
        REQUIRE(item != nullptr);
        ui.move_mouse(item->center_x(), item->center_y());
        ImGui::GetIO().MouseDown[0] = true;
        ui.frame();
        ImGui::GetIO().MouseDown[0] = false;
        ui.frame();
    }
};

}  // namespace

TEST_CASE("csv import dialog: mapping, preview with the bad row's line, skip it, import as one undo step") {
    ImportFixture f;
    const size_t deals = f.ui.app.store.workspace().deals.size();
    PickedFile file{"deals.csv",
                    "Deal - Title,Deal - Value,Person - Name,Organization - Name,Notes\n"
                    "Globex rollout,1250,Hank Scorpio,Globex,x\n"
                    "Broken,12x,Hank Scorpio,Globex,x\n"
                    "Initech,99,Peter Gibbons,Initech,x\n"};
    file.open(f.state());
    f.ui.frame(3);
    // The mapping: a combo per column, auto-mapped from the headers.
    REQUIRE(f.ui.find("Map Deal - Title"));
    REQUIRE(f.ui.find("Map Notes"));
    CHECK(f.state().mapping.columns[0] == dd::ImportField::Title);
    CHECK(f.state().mapping.columns[4] == dd::ImportField::Ignore);

    REQUIRE(f.ui.click("Preview"));
    f.read_to_preview(file);
    REQUIRE(f.state().step == CsvImportState::Step::Preview);
    CHECK(file.slices_read == 1);
    CHECK(f.ui.find("2 new deals, 0 updates, 1 bad rows"));
    CHECK(f.ui.find("line 3, value: \"12x\" must be an amount such as 1,250.50"));
    CHECK(f.ui.find("New: Globex rollout, 1,250.00 USD"));

    // Import is disabled while a bad row is not skipped: clicking it changes nothing.
    REQUIRE(f.ui.click("Import"));
    CHECK(f.ui.app.store.workspace().deals.size() == deals);
    REQUIRE(f.ui.click("Skip 1 bad row"));
    // Import: a small file is applied within the frame of the click (a big one over frames, below).
    f.press_and_release("Import");
    CHECK(f.state().step == CsvImportState::Step::Closed);
    CHECK(f.ui.app.store.workspace().deals.size() == deals + 2);
    CHECK(f.ui.app.store.undo_label() == "Imported 2 deals");
    f.ui.frame(2);   // the toast with its Undo comes in
    REQUIRE(f.ui.click("Undo"));
    CHECK(f.ui.app.store.workspace().deals.size() == deals);
}

TEST_CASE("csv import dialog: a big file is read a slice per frame, parsed as it arrives, with its progress") {
    ImportFixture f;
    // Rows up to just before the first slice's end, then a row whose quoted title ("Zoë" with a
    // line break in it) straddles the boundary, the boundary falling inside the UTF-8 "ë".
    std::string csv = "Title,Value,Contacts\n";
    size_t rows_before = 0;
    for (; csv.size() < dd::ui::kImportSliceBytes - 150; ++rows_before)
        csv += "Deal " + std::to_string(rows_before) + "," + std::to_string(rows_before % 1000) + ",Alice Example\n";
    const std::string zoe = std::string(dd::ui::kImportSliceBytes - csv.size() - 5, 'x') + "\nZo\xC3\xAB";
    csv += "\"" + zoe + "\",4242,Alice Example\n";
    REQUIRE(csv.substr(dd::ui::kImportSliceBytes - 1, 2) == "\xC3\xAB");
    for (int i = 0; csv.size() < 3 * dd::ui::kImportSliceBytes + 1000; ++i)
        csv += "Later " + std::to_string(i) + "," + std::to_string(i % 1000) + ",Alice Example\n";
    PickedFile file{"big.csv", csv};
    file.open(f.state());
    f.ui.frame(2);
    REQUIRE(f.ui.click("Preview"));
    REQUIRE(f.state().step == CsvImportState::Step::Reading);
    CHECK(file.slices_read == 0);   // nothing read before the dialog asks

    // One slice per frame: the bar shows the bytes read and the rows parsed so far.
    file.serve(f.state());
    CHECK(file.slices_read == 1);
    f.ui.frame();
    CHECK(f.ui.find("Reading rows..."));
    char figure[64];
    std::snprintf(figure, sizeof figure, "1.0 of %.1f MB read", double(csv.size()) / 1e6);
    CHECK(f.ui.find(figure));
    CHECK(f.state().parser->records() == rows_before);   // the row across the boundary waits for the next slice
    CHECK(f.ui.last_output.wake_after_ms != 0.0);   // reading is paced by the slices, not by spinning frames

    const int frames = f.read_to_preview(file);
    CHECK(file.slices_read == 4);
    CHECK(frames >= 4);
    REQUIRE(f.state().plan);
    CHECK(f.state().plan->problems.empty());
    CHECK(f.state().plan->creates == f.state().parser->records());
    CHECK(f.state().reader.get() == nullptr);   // the reader and its buffers are gone once read
    const auto& creates = f.state().plan->command.creates;
    const auto found = std::find_if(creates.begin(), creates.end(), [](const dd::Deal& d) { return d.value == 424200; });
    REQUIRE(found != creates.end());
    CHECK(found->title == zoe);
}

TEST_CASE("csv import dialog: the plan shows its progress; a failed read returns to the mapping with the reason") {
    ImportFixture f;
    std::string csv = "Title,Value,Contacts\n";
    for (int i = 0; i < 20000; ++i) csv += "Deal " + std::to_string(i) + ",1,Alice Example\n";
    PickedFile file{"deals.csv", csv};
    file.open(f.state());
    f.ui.frame(2);
    REQUIRE(f.ui.click("Preview"));
    file.serve(f.state());
    REQUIRE(f.state().step == CsvImportState::Step::Planning);   // one slice held the whole file
    f.ui.frame();
    CHECK(f.ui.find("Preparing the import..."));
    f.read_to_preview(file);
    CHECK(f.ui.find("20,000 new deals, 0 updates, 0 bad rows"));

    // Back to the mapping, Preview again: the file is read again; this time the read fails.
    REQUIRE(f.ui.click("Back"));
    REQUIRE(f.state().step == CsvImportState::Step::Mapping);
    CHECK(f.state().parser.get() == nullptr);
    REQUIRE(f.ui.click("Preview"));
    REQUIRE(dd::ui::csv_import_wants_bytes(f.state()));
    f.state().read_pending = true;
    dd::ui::csv_import_read_failed(f.state(), "The file could not be read: pick it again.");
    f.ui.frame();
    CHECK(f.state().step == CsvImportState::Step::Mapping);
    CHECK(f.ui.find("The file could not be read: pick it again."));
    CHECK(f.ui.find("Map Title"));
}

namespace {

// A file of `rows` new deals (one known person each), read and planned up to the preview, with
// the apply set to a fixed number of items per frame so the frames below are the same anywhere.
void preview_big_file(ImportFixture& f, int rows, size_t items_per_frame) {
    std::string csv = "Title,Value,Contacts\n";
    for (int i = 0; i < rows; ++i) csv += "Bulk " + std::to_string(i) + ",1,Alice Example\n";
    PickedFile file{"bulk.csv", csv};
    file.open(f.state());
    f.ui.frame(2);
    REQUIRE(f.ui.click("Preview"));
    f.read_to_preview(file);
    REQUIRE(f.state().step == CsvImportState::Step::Preview);
    f.state().apply_items_per_frame = items_per_frame;
}

bool shown_starting_with(const UiDriver& ui, const std::string& prefix) {
    for (const dd::ui::ItemRecord& r : ui.app.items.last)
        if (r.label.rfind(prefix, 0) == 0) return true;
    return false;
}

}  // namespace

TEST_CASE("csv import dialog: a big import applies over frames with its progress, the store refusing other edits") {
    ImportFixture f;
    const size_t deals = f.ui.app.store.workspace().deals.size();
    preview_big_file(f, 3000, 250);
    f.press_and_release("Import");
    REQUIRE(f.state().step == CsvImportState::Step::Applying);
    // Validation first (every record checked before the first change), then the deals.
    bool saw_checking = false, saw_importing = false;
    size_t frames = 0;
    while (f.state().step == CsvImportState::Step::Applying && frames < 200) {
        f.ui.frame();
        ++frames;
        if (f.state().step != CsvImportState::Step::Applying) break;
        saw_checking |= shown_starting_with(f.ui, "Checked ");
        saw_importing |= shown_starting_with(f.ui, "Imported ") && !f.ui.find("Imported 0 of 3,000 deals") &&
                         !f.ui.find("Imported 3,000 of 3,000 deals");
        // The views wait: the main area says why, and the half-imported store refuses edits.
        CHECK(f.ui.find("An import is being applied. The workspace shows again when it is done or cancelled."));
        CHECK(f.ui.app.store.staged_open());
        CHECK(f.ui.last_output.wake_after_ms == 0.0);   // frames keep coming while it runs
    }
    CHECK(saw_checking);
    CHECK(saw_importing);
    CHECK(frames > 10);
    CHECK(f.state().step == CsvImportState::Step::Closed);
    CHECK_FALSE(f.ui.app.store.staged_open());
    CHECK(f.ui.app.store.workspace().deals.size() == deals + 3000);
    CHECK(f.ui.app.store.undo_label() == "Imported 3000 deals");
    // The list shows the imported deals: its table followed the one change set.
    f.ui.frame(2);
    CHECK(shown_starting_with(f.ui, "Bulk "));
    // One undo step takes all of them away.
    REQUIRE(f.ui.click("Undo"));
    CHECK(f.ui.app.store.workspace().deals.size() == deals);
}

TEST_CASE("csv import dialog: Cancel while applying rolls back everything; Ctrl+Z meanwhile is refused") {
    ImportFixture f;
    const dd::Workspace before = f.ui.app.store.workspace();
    const std::string undo_before = f.ui.app.store.undo_label();
    preview_big_file(f, 3000, 100);
    f.press_and_release("Import");
    while (f.ui.app.store.workspace().deals.size() < before.deals.size() + 500) f.ui.frame();
    REQUIRE(f.state().step == CsvImportState::Step::Applying);
    f.ui.press_key(ImGuiKey_Z, true);
    CHECK(f.ui.app.ui.toast.text == "an import is being applied: wait for it to finish or cancel it");
    CHECK(f.ui.app.ui.toast.error);
    REQUIRE(f.ui.click("Cancel"));
    size_t frames = 0;
    while (f.state().step != CsvImportState::Step::Closed && frames++ < 400) f.ui.frame();
    CHECK(f.state().step == CsvImportState::Step::Closed);
    CHECK_FALSE(f.ui.app.store.staged_open());
    CHECK(f.ui.app.ui.toast.text == "import cancelled: nothing was changed");
    // Exactly as before: every record, revision and tombstone (the saved form compares them all).
    CHECK(dd::save_workspace_json(f.ui.app.store.workspace()) == dd::save_workspace_json(before));
    CHECK(f.ui.app.store.undo_label() == undo_before);
    // The List is back, with the deals it had.
    f.ui.frame(2);
    CHECK(f.ui.find("Import CSV"));
}

TEST_CASE("csv import dialog: undo and redo of a huge import say so on screen in the frame before they run") {
    // 30,000 new deals and their Created lines: over 50,000 records, seconds of work in one frame
    // at a million rows. Ctrl+Z is taken in one frame, the next frame shows what is about to
    // happen (and changes nothing), the frame after undoes it: one step, all of it.
    ImportFixture f;
    const size_t deals = f.ui.app.store.workspace().deals.size();
    preview_big_file(f, 30000, 100000);
    f.press_and_release("Import");
    for (int i = 0; i < 50 && f.state().step != CsvImportState::Step::Closed; ++i) f.ui.frame();
    REQUIRE(f.state().step == CsvImportState::Step::Closed);
    REQUIRE(f.ui.app.store.workspace().deals.size() == deals + 30000);
    const std::string label = f.ui.app.store.undo_label();
    f.ui.frame(2);

    ImGuiIO& io = ImGui::GetIO();
    for (const bool undo : {true, false}) {
        CAPTURE(undo);
        const size_t before = f.ui.app.store.workspace().deals.size();
        io.KeyCtrl = true;
        io.KeyShift = !undo;
        io.KeysDown[ImGuiKey_Z] = true;
        f.ui.frame();   // asked
        io.KeysDown[ImGuiKey_Z] = false;
        io.KeyCtrl = io.KeyShift = false;
        CHECK(f.ui.app.store.workspace().deals.size() == before);
        CHECK(f.ui.last_output.wake_after_ms == 0.0);   // the notice's frame comes by itself
        f.ui.frame();   // drawn with the notice, nothing done yet
        CHECK(f.ui.find(((undo ? "Undoing: " : "Redoing: ") + label + "...").c_str()));
        CHECK(f.ui.app.store.workspace().deals.size() == before);
        CHECK(f.ui.last_output.wake_after_ms == 0.0);
        f.ui.frame();   // done in this one
        CHECK(f.ui.app.store.workspace().deals.size() == (undo ? deals : deals + 30000));
        CHECK(f.ui.app.ui.toast.text == (undo ? "Undid: " : "Redid: ") + label);
        f.ui.frame(2);
        CHECK_FALSE(shown_starting_with(f.ui, undo ? "Undoing: " : "Redoing: "));
    }
    CHECK(f.ui.app.store.undo_label() == label);   // still one step
}
