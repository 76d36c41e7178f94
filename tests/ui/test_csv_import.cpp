// The List view's CSV import dialog driven headless: a file given in memory (what the browser's
// file picker hands over), the mapping step, the slice-by-slice parse with its progress bar, the
// preview with bad rows by line, "Skip N bad rows", Import as one undo step.
#include <doctest/doctest.h>

#include "core/sample_data.h"
#include "core/store.h"
#include "ui/csv_import.h"
#include "ui_driver.h"

using dd::ui::CsvImportState;
using dd::ui::View;
using dd::ui::test::UiDriver;

namespace {

struct ImportFixture {
    UiDriver ui{1400.0f, 900.0f};
    ImportFixture() {
        REQUIRE(dd::ui::load_workspace_into(ui.app, dd::make_sample_workspace(5, 50, ui.now), ui.now, "Sample").ok());
        ui.frame();
        REQUIRE(ui.click("List"));
        REQUIRE(ui.find("Import CSV"));
    }
    CsvImportState& state() { return ui.app.ui.list.import; }
    // Frames until the parse is done (each frame parses one slice).
    int parse_to_preview() {
        int frames = 0;
        while (state().step == CsvImportState::Step::Parsing && frames < 1000) ui.frame(), ++frames;
        ui.frame(2);
        return frames;
    }
};

}  // namespace

TEST_CASE("csv import dialog: mapping, preview with the bad row's line, skip it, import as one undo step") {
    ImportFixture f;
    const size_t deals = f.ui.app.store.workspace().deals.size();
    dd::ui::open_csv_import(f.state(), "deals.csv",
                            "Deal - Title,Deal - Value,Person - Name,Organization - Name,Notes\n"
                            "Globex rollout,1250,Hank Scorpio,Globex,x\n"
                            "Broken,12x,Hank Scorpio,Globex,x\n"
                            "Initech,99,Peter Gibbons,Initech,x\n");
    f.ui.frame(3);
    // The mapping: a combo per column, auto-mapped from the headers.
    REQUIRE(f.ui.find("Map Deal - Title"));
    REQUIRE(f.ui.find("Map Notes"));
    CHECK(f.state().mapping.columns[0] == dd::ImportField::Title);
    CHECK(f.state().mapping.columns[4] == dd::ImportField::Ignore);

    REQUIRE(f.ui.click("Preview"));
    f.parse_to_preview();
    REQUIRE(f.state().step == CsvImportState::Step::Preview);
    CHECK(f.ui.find("2 new deals, 0 updates, 1 bad rows"));
    CHECK(f.ui.find("line 3, value: \"12x\" must be an amount such as 1,250.50"));
    CHECK(f.ui.find("New: Globex rollout, 1,250.00 USD"));

    // Import is disabled while a bad row is not skipped: clicking it changes nothing.
    REQUIRE(f.ui.click("Import"));
    CHECK(f.ui.app.store.workspace().deals.size() == deals);
    REQUIRE(f.ui.click("Skip 1 bad row"));
    REQUIRE(f.ui.click("Import"));
    f.ui.frame(2);
    CHECK(f.state().step == CsvImportState::Step::Closed);
    CHECK(f.ui.app.store.workspace().deals.size() == deals + 2);
    CHECK(f.ui.app.store.undo_label() == "Imported 2 deals");
    REQUIRE(f.ui.click("Undo"));
    CHECK(f.ui.app.store.workspace().deals.size() == deals);
}

TEST_CASE("csv import dialog: a big file parses in slices across frames with a progress bar") {
    ImportFixture f;
    std::string csv = "Title,Value,Contacts\n";
    for (int i = 0; csv.size() < 3 * dd::ui::kImportSliceBytes; ++i)
        csv += "Deal " + std::to_string(i) + "," + std::to_string(i % 1000) + ",Alice Example\n";
    dd::ui::open_csv_import(f.state(), "big.csv", csv);
    f.ui.frame(2);
    REQUIRE(f.ui.click("Preview"));
    // The click's frames parsed some slices; the bar shows while the rest is read.
    REQUIRE(f.state().step == CsvImportState::Step::Parsing);
    CHECK(f.ui.find("Reading rows..."));
    CHECK(f.state().parsed > 0);
    CHECK(f.state().parsed < csv.size());
    CHECK(f.ui.last_output.wake_after_ms == 0.0);   // frames keep coming without input
    CHECK(f.parse_to_preview() >= 1);
    REQUIRE(f.state().plan);
    CHECK(f.state().plan->problems.empty());
    CHECK(f.state().plan->creates > 100000);
}
