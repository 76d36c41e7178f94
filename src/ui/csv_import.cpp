#include "ui/csv_import.h"

#include "core/cmd_support.h"
#include "ui/csv_import_state.h"
#include "ui/item_registry.h"
#include "ui/widgets.h"

#include <cstdio>

namespace dd::ui {
namespace {

constexpr const char* kImportModal = "Import CSV##import";
constexpr size_t kPreviewRows = 5;
constexpr size_t kHeaderBytes = 64 * 1024;   // the header record is within the first bytes

void start_parse(CsvImportState& s, const Store& store) {
    auto parser = std::make_shared<ImportParser>(store, s.mapping);
    s.parser = parser;
    s.reader = std::make_shared<CsvReader>([parser](CsvRecord& r) { parser->add(r); });
    s.parsed = 0;
    s.plan.reset();
    s.step = CsvImportState::Step::Parsing;
}

// One slice per frame; the last one finishes the reader and plans.
void parse_slice(CsvImportState& s, ViewContext& ctx) {
    const size_t n = std::min(kImportSliceBytes, s.text.size() - s.parsed);
    s.reader->feed(std::string_view(s.text).substr(s.parsed, n));
    s.parsed += n;
    if (s.parsed < s.text.size()) return;
    s.reader->finish();
    s.parser->set_file_problem(s.reader->file_problem());
    s.plan = plan_import(ctx.store, *s.parser, ctx.ids);
    s.step = CsvImportState::Step::Preview;
}

void draw_mapping(CsvImportState& s, ViewContext& ctx) {
    const Palette& p = ctx.palette;
    const std::string intro = s.file_name + ": " + std::to_string(s.headers.size()) + " columns. Choose the deal field of each.";
    text_item(intro.c_str(), nullptr, p.text, 560);
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
    if (styled_button("Preview", nullptr, ButtonKind::Primary, p)) start_parse(s, ctx.store);
    ImGui::SameLine();
    if (styled_button("Cancel##import", nullptr, ButtonKind::Secondary, p)) s = CsvImportState{};
}

void draw_progress(CsvImportState& s, ViewContext& ctx) {
    char text[64];
    std::snprintf(text, sizeof text, "%.1f of %.1f MB", double(s.parsed) / 1e6, double(s.text.size()) / 1e6);
    text_item("Reading rows...", nullptr, ctx.palette.text);
    // ProgressBar is not an item with an id (the registry cannot list it): the text above it is.
    ImGui::ProgressBar(s.text.empty() ? 1.0f : float(double(s.parsed) / double(s.text.size())), ImVec2(560, 0), text);
    parse_slice(s, ctx);
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
    if (s.replan) {
        s.plan = plan_import(ctx.store, *s.parser, ctx.ids);
        s.replan = false;
    }
    const ImportPlan& plan = *s.plan;
    const std::string summary = std::to_string(plan.creates) + " new deals, " + std::to_string(plan.updates) +
                                " updates, " + std::to_string(plan.bad_rows) + " bad rows";
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
        // Moved, not copied: a million-row import is a command of a million deals.
        ctx.intents.commands.push_back(std::move(s.plan->command));
        s = CsvImportState{};   // closes the dialog (draw_csv_import)
        return;
    }
    ImGui::SameLine();
    if (styled_button("Back", nullptr, ButtonKind::Secondary, p)) s.step = CsvImportState::Step::Mapping;
    ImGui::SameLine();
    if (styled_button("Cancel##import", nullptr, ButtonKind::Secondary, p)) s = CsvImportState{};
}

}  // namespace

void open_csv_import(CsvImportState& s, std::string file_name, std::string text) {
    s = CsvImportState{};
    s.file_name = std::move(file_name);
    s.text = std::move(text);
    s.headers = read_csv_header(std::string_view(s.text).substr(0, std::min(s.text.size(), kHeaderBytes)));
    s.mapping = auto_map(s.headers);
    s.step = CsvImportState::Step::Mapping;
}

void draw_csv_import(ViewContext& ctx) {
    CsvImportState& s = ctx.ui.list.import;
    if (s.step == CsvImportState::Step::Closed) return;
    if (!ImGui::IsPopupOpen(kImportModal)) ImGui::OpenPopup(kImportModal);
    ImGui::SetNextWindowSize(ImVec2(600, 0));
    if (!ImGui::BeginPopupModal(kImportModal, nullptr, ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize)) return;
    switch (s.step) {
    case CsvImportState::Step::Mapping: draw_mapping(s, ctx); break;
    case CsvImportState::Step::Parsing: draw_progress(s, ctx); break;
    case CsvImportState::Step::Preview: draw_preview(s, ctx); break;
    case CsvImportState::Step::Closed: break;
    }
    if (s.step == CsvImportState::Step::Closed && ImGui::IsPopupOpen(kImportModal)) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

}  // namespace dd::ui
