#include "ui/csv_import.h"

#include "core/cmd_support.h"
#include "core/format.h"
#include "ui/csv_import_state.h"
#include "ui/item_registry.h"
#include "ui/widgets.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace dd::ui {
namespace {

constexpr const char* kImportModal = "Import CSV##import";
constexpr size_t kPreviewRows = 5;
// Rows planned between two looks at the clock, and the planning time spent per frame.
constexpr size_t kPlanRowsPerCheck = 4096;
constexpr double kPlanBudgetMs = 25.0;

std::string count_text(const ViewContext& ctx, size_t n) {
    return format_integer(int64_t(n), ctx.store.workspace().settings.locale);
}

void end_reading(CsvImportState& s) {
    s.reader->finish();
    s.parser->set_file_problem(s.reader->file_problem());
    s.reader.reset();
    s.step = CsvImportState::Step::Planning;   // the planner is made in the next frame (it needs ids)
}

// Preview: the file is read again from its start (the mapping may have changed since).
void start_reading(CsvImportState& s, const Store& store) {
    auto parser = std::make_shared<ImportParser>(store, s.mapping);
    s.parser = parser;
    s.reader = std::make_shared<CsvReader>([parser](CsvRecord& r) { parser->add(r); });
    s.planner.reset();
    s.plan.reset();
    s.error.clear();
    s.read_bytes = 0;
    s.read_pending = false;
    s.step = CsvImportState::Step::Reading;
    if (s.file_bytes == 0) end_reading(s);   // nothing to ask the platform for
}

// The parse is done (or a name choice changed): the plan is built over the next frames.
void start_planning(CsvImportState& s, ViewContext& ctx) {
    s.plan.reset();
    s.planner = std::make_shared<ImportPlanner>(ctx.store, *s.parser, ctx.ids);
    s.replan = false;
    s.step = CsvImportState::Step::Planning;
}

void draw_mapping(CsvImportState& s, ViewContext& ctx) {
    const Palette& p = ctx.palette;
    const std::string intro = s.file_name + ": " + std::to_string(s.headers.size()) + " columns. Choose the deal field of each.";
    text_item(intro.c_str(), nullptr, p.text, 560);
    if (!s.error.empty()) text_item(s.error.c_str(), nullptr, p.danger, 560);
    if (ImGui::BeginTable("##mapping", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY, ImVec2(560, 300))) {
        for (size_t i = 0; i < s.headers.size(); ++i) {
            ImGui::PushID(int(i));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(s.headers[i].c_str());
            ImGui::TableNextColumn();
            ImGui::SetNextItemWidth(-1);
            if (ImGui::BeginCombo("##map", import_field_name(s.mapping.columns[i]))) {
                for (int f = 0; f < kImportFieldCount; ++f) {
                    if (ImGui::Selectable(import_field_name(ImportField(f)), s.mapping.columns[i] == ImportField(f)))
                        s.mapping.columns[i] = ImportField(f);
                }
                ImGui::EndCombo();
            }
            name_last_item(("Map " + s.headers[i]).c_str());
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    ImGui::Spacing();
    if (styled_button("Preview", nullptr, ButtonKind::Primary, p)) start_reading(s, ctx.store);
    ImGui::SameLine();
    if (styled_button("Cancel##import", nullptr, ButtonKind::Secondary, p)) s = CsvImportState{};
}

// A step's title, its figure as a text item (ProgressBar is not an item with an id: the
// registry cannot list it) and the bar.
void draw_bar(ViewContext& ctx, const char* title, const std::string& figure, double done) {
    text_item(title, nullptr, ctx.palette.text);
    text_item(figure.c_str(), nullptr, ctx.palette.text_muted);
    ImGui::ProgressBar(float(done), ImVec2(560, 0), "");
}

void draw_reading(CsvImportState& s, ViewContext& ctx) {
    char figure[96];
    std::snprintf(figure, sizeof figure, "%.1f of %.1f MB read", double(s.read_bytes) / 1e6, double(s.file_bytes) / 1e6);
    draw_bar(ctx, "Reading rows...", figure, s.file_bytes ? double(s.read_bytes) / double(s.file_bytes) : 1.0);
    // The parser's count so far: the user sees the rows, not only the bytes.
    text_item((count_text(ctx, s.parser->records()) + " rows so far").c_str(), nullptr, ctx.palette.text_muted);
    if (styled_button("Cancel##import", nullptr, ButtonKind::Secondary, ctx.palette)) s = CsvImportState{};
}

// A batch of rows per look at the clock until the frame's budget is spent.
void plan_slice(CsvImportState& s, ViewContext& ctx) {
    if (!s.planner) start_planning(s, ctx);
    const auto start = std::chrono::steady_clock::now();
    for (;;) {
        if (s.planner->step(kPlanRowsPerCheck)) {
            s.plan = s.planner->finish();
            s.planner.reset();
            s.step = CsvImportState::Step::Preview;
            return;
        }
        const std::chrono::duration<double, std::milli> spent = std::chrono::steady_clock::now() - start;
        if (spent.count() >= kPlanBudgetMs) return;
    }
}

void draw_planning(CsvImportState& s, ViewContext& ctx) {
    const size_t done = s.planner ? s.planner->planned() : 0;
    const size_t total = s.parser->rows().size();
    draw_bar(ctx, "Preparing the import...", "Planned " + count_text(ctx, done) + " of " + count_text(ctx, total) + " rows",
             total ? double(done) / double(total) : 1.0);
    if (styled_button("Cancel##import", nullptr, ButtonKind::Secondary, ctx.palette)) {
        s = CsvImportState{};
        return;
    }
    plan_slice(s, ctx);
}

// The apply runs in slices after each frame (csv_import_advance): this draws where it is. Still
// one command's worth: all-or-nothing, one undo step; Cancel rolls back what was applied.
void draw_applying(CsvImportState& s, ViewContext& ctx) {
    const StagedImport* run = s.run.get();
    if (!run) {   // the frame the Import button was pressed: the run starts after it
        draw_bar(ctx, "Importing...", "Starting", 0.0);
        return;
    }
    if (run->rolling_back() || s.cancel_requested) {
        const size_t total = std::max<size_t>(run->applied(), 1);
        draw_bar(ctx, "Cancelling the import...", "Undoing what was imported: nothing will be kept",
                 1.0 - double(run->rollback_left()) / double(total));
        return;
    }
    if (run->phase() == StagedImport::Phase::Validating) {
        draw_bar(ctx, "Checking the import...", "Checked " + count_text(ctx, run->validated()) + " of " + count_text(ctx, run->items()) + " records",
                 run->items() ? double(run->validated()) / double(run->items()) : 1.0);
    } else {
        draw_bar(ctx, "Importing...", "Imported " + count_text(ctx, run->deals_applied()) + " of " + count_text(ctx, run->deals()) + " deals",
                 run->items() ? double(run->applied()) / double(run->items()) : 1.0);
    }
    if (styled_button("Cancel##import", nullptr, ButtonKind::Secondary, ctx.palette)) s.cancel_requested = true;
}

// A combo choosing an existing record for an unknown name, or "Create".
template <typename Options>
bool choice_combo(const char* item_name, NameChoice& c, const Options& options) {
    std::string current = "Create \"" + c.name + "\"";
    for (const auto& [id, name] : options)
        if (id == c.map_to) current = name;
    bool changed = false;
    ImGui::SetNextItemWidth(260);
    if (ImGui::BeginCombo("##choice", current.c_str())) {
        if (ImGui::Selectable(("Create \"" + c.name + "\"").c_str(), c.map_to == kNoId)) c.map_to = kNoId, changed = true;
        for (const auto& [id, name] : options)
            if (ImGui::Selectable(name.c_str(), c.map_to == id)) c.map_to = id, changed = true;
        ImGui::EndCombo();
    }
    name_last_item(item_name);
    return changed;
}

void draw_names(CsvImportState& s, ViewContext& ctx) {
    const Palette& p = ctx.palette;
    for (size_t i = 0; i < s.parser->unknown_stages().size(); ++i) {
        NameChoice& c = s.parser->unknown_stages()[i];
        std::vector<std::pair<Id, std::string>> options;
        if (const Pipeline* pl = ctx.store.find_pipeline(c.pipeline))
            for (const Stage& st : pl->stages) options.emplace_back(st.id, st.name);
        ImGui::PushID(int(i));
        const std::string label = "Stage \"" + c.name + "\" (" + std::to_string(c.rows) + " rows)";
        text_item(label.c_str(), nullptr, p.text);
        ImGui::SameLine(300);
        s.replan |= choice_combo(("Stage " + c.name).c_str(), c, options);
        ImGui::PopID();
    }
    for (size_t i = 0; i < s.parser->unknown_owners().size(); ++i) {
        NameChoice& c = s.parser->unknown_owners()[i];
        std::vector<std::pair<Id, std::string>> options;
        for (const TeamMember& m : ctx.store.workspace().team) options.emplace_back(m.meta.id, m.name);
        ImGui::PushID(int(1000000 + i));
        const std::string label = "Owner \"" + c.name + "\" (" + std::to_string(c.rows) + " rows)";
        text_item(label.c_str(), nullptr, p.text);
        ImGui::SameLine(300);
        s.replan |= choice_combo(("Owner " + c.name).c_str(), c, options);
        ImGui::PopID();
    }
}

void draw_preview(CsvImportState& s, ViewContext& ctx) {
    const Palette& p = ctx.palette;
    const ImportPlan& plan = *s.plan;
    const std::string summary = count_text(ctx, plan.creates) + " new deals, " + count_text(ctx, plan.updates) +
                                " updates, " + count_text(ctx, plan.bad_rows) + " bad rows";
    text_item(summary.c_str(), nullptr, p.text);
    draw_names(s, ctx);

    ImGui::Spacing();
    const std::vector<Deal>& creates = plan.command.creates;
    for (size_t i = 0; i < creates.size() && i < kPreviewRows; ++i) {
        const std::string row = "New: " + creates[i].title + ", " + cmd::money_text(creates[i].value, creates[i].currency);
        text_item(row.c_str(), nullptr, p.text_muted);
    }
    for (size_t i = 0; i < plan.command.updates.size() && i < kPreviewRows; ++i) {
        const Deal* d = ctx.store.find_deal(plan.command.updates[i].deal);
        const std::string row = "Update: " + (d ? d->title : std::string());
        text_item(row.c_str(), nullptr, p.text_muted);
    }

    if (!plan.problems.empty()) {
        ImGui::Spacing();
        text_item("Problems", nullptr, p.text);
        ImGui::BeginChild("##problems", ImVec2(560, 160), true);
        ImGuiListClipper clipper;
        clipper.Begin(int(plan.problems.size()));
        while (clipper.Step())
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i)
                text_item(plan.problems[size_t(i)].text().c_str(), nullptr, p.danger);
        ImGui::EndChild();
    }
    if (plan.file_refused) {
        text_item("This file cannot be imported: save it as UTF-8 CSV and try again.", nullptr, p.danger, 560);
    } else if (plan.bad_rows > 0) {
        const std::string skip = "Skip " + std::to_string(plan.bad_rows) + (plan.bad_rows == 1 ? " bad row" : " bad rows");
        ImGui::Checkbox(skip.c_str(), &s.skip_bad_rows);
    }
    ImGui::Spacing();
    const bool can = plan.can_apply(s.skip_bad_rows);
    ImGui::BeginDisabled(!can);
    const bool import = styled_button("Import", nullptr, ButtonKind::Primary, p);
    ImGui::EndDisabled();
    if (import) {
        s.step = CsvImportState::Step::Applying;
        s.cancel_requested = false;
        return;
    }
    ImGui::SameLine();
    if (styled_button("Back", nullptr, ButtonKind::Secondary, p)) {
        // The rows and the plan go: Preview reads the file again with the new mapping.
        s.parser.reset();
        s.plan.reset();
        s.step = CsvImportState::Step::Mapping;
        return;
    }
    ImGui::SameLine();
    if (styled_button("Cancel##import", nullptr, ButtonKind::Secondary, p)) {
        s = CsvImportState{};
        return;
    }
    // A name choice changed: the plan is built again (over frames, with its progress).
    if (s.replan) start_planning(s, ctx);
}

}  // namespace

void open_csv_import(CsvImportState& s, std::string file_name, size_t file_bytes, std::string_view first_bytes) {
    s = CsvImportState{};
    s.file_name = std::move(file_name);
    s.file_bytes = file_bytes;
    s.headers = read_csv_header(first_bytes.substr(0, std::min(first_bytes.size(), kImportHeaderBytes)));
    s.mapping = auto_map(s.headers);
    s.step = CsvImportState::Step::Mapping;
}

bool csv_import_wants_bytes(const CsvImportState& s) {
    return s.step == CsvImportState::Step::Reading && !s.read_pending && s.read_bytes < s.file_bytes;
}

void csv_import_feed(CsvImportState& s, std::string_view bytes) {
    if (s.step != CsvImportState::Step::Reading || !s.read_pending) return;
    s.read_pending = false;
    s.reader->feed(bytes);
    s.read_bytes += bytes.size();
    if (bytes.empty() || s.read_bytes >= s.file_bytes) end_reading(s);
}

void csv_import_read_failed(CsvImportState& s, std::string why) {
    if (s.step != CsvImportState::Step::Reading) return;
    s.reader.reset();
    s.parser.reset();
    s.read_pending = false;
    s.error = std::move(why);
    s.step = CsvImportState::Step::Mapping;
}

void draw_import_backdrop(ViewContext& ctx) {
    text_item("An import is being applied. The workspace shows again when it is done or cancelled.", nullptr,
              ctx.palette.text_muted, 560);
    draw_csv_import(ctx);   // in the same window as from the List view: the same modal
}

void draw_csv_import(ViewContext& ctx) {
    CsvImportState& s = ctx.ui.list.import;
    if (s.step == CsvImportState::Step::Closed) return;
    if (!ImGui::IsPopupOpen(kImportModal)) ImGui::OpenPopup(kImportModal);
    ImGui::SetNextWindowSize(ImVec2(600, 0));
    if (!ImGui::BeginPopupModal(kImportModal, nullptr, ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize)) return;
    switch (s.step) {
    case CsvImportState::Step::Mapping: draw_mapping(s, ctx); break;
    case CsvImportState::Step::Reading: draw_reading(s, ctx); break;
    case CsvImportState::Step::Planning: draw_planning(s, ctx); break;
    case CsvImportState::Step::Preview: draw_preview(s, ctx); break;
    case CsvImportState::Step::Applying: draw_applying(s, ctx); break;
    case CsvImportState::Step::Closed: break;
    }
    if (s.step == CsvImportState::Step::Closed && ImGui::IsPopupOpen(kImportModal)) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

}  // namespace dd::ui
