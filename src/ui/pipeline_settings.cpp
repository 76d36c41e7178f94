#include "ui/pipeline_settings.h"

#include "imgui_internal.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/widgets.h"

#include <cstring>
#include <string>

namespace dd::ui {
namespace {

PipelineSettingsState& state(ViewContext& ctx) { return ctx.ui.board.settings; }

void draw_pipeline_row(ViewContext& ctx, const Pipeline& p, size_t index, size_t count, float width) {
    PipelineSettingsState& st = state(ctx);
    const Palette& pal = ctx.palette;
    push_id(p.meta.id);
    const bool chosen = st.pipeline == p.meta.id;
    const std::string pick = (chosen ? "Editing " : "Edit stages of ") + p.name;
    if (ImGui::RadioButton("##pick", chosen)) st.pipeline = p.meta.id;
    name_last_item(pick.c_str());
    ImGui::SameLine();
    std::string name;
    if (edit_text_field(ctx, "##name", ("Pipeline name " + p.name).c_str(), p.name, width - 200.0f, name))
        record_checked(ctx, RenamePipeline{p.meta.id, name});
    ImGui::SameLine();
    if (icon_button("\xe2\x86\x91", ("Move up " + p.name).c_str(), pal, index > 0, "Move up"))
        record_checked(ctx, MovePipeline{p.meta.id, int32_t(index) - 1});
    ImGui::SameLine(0, space::xs);
    if (icon_button("\xe2\x86\x93", ("Move down " + p.name).c_str(), pal, index + 1 < count, "Move down"))
        record_checked(ctx, MovePipeline{p.meta.id, int32_t(index) + 1});
    ImGui::SameLine(0, space::xs);
    const size_t deals = ctx.store.deals_in_pipeline(p.meta.id);
    if (icon_button(icons::kTimes, ("Delete pipeline " + p.name).c_str(), pal, true,
                    deals ? "Only an empty pipeline can be deleted" : "Delete this pipeline")) {
        if (deals)
            st.message = "\xe2\x80\x9c" + p.name + "\xe2\x80\x9d still has " + std::to_string(deals) +
                         (deals == 1 ? " deal" : " deals") + ": move or delete them first, then delete the pipeline.";
        else
            record_checked(ctx, DeletePipeline{p.meta.id});
    }
    ImGui::PopID();
}

void draw_new_pipeline(ViewContext& ctx, float width) {
    PipelineSettingsState& st = state(ctx);
    ImGui::SetNextItemWidth(width * 0.45f);
    ImGui::InputTextWithHint("##new_pipeline", "New pipeline name", st.new_pipeline, sizeof st.new_pipeline);
    name_last_item("New pipeline name");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(width * 0.25f);
    ImGui::InputTextWithHint("##first_stage", "First stage", st.first_stage, sizeof st.first_stage);
    name_last_item("First stage name");
    ImGui::SameLine();
    if (styled_button("Create pipeline", "+", ButtonKind::Secondary, ctx.palette)) {
        CreatePipeline c;
        c.id = ctx.ids.next();
        c.name = st.new_pipeline;
        Stage first;
        first.id = ctx.ids.next();
        first.name = st.first_stage;
        first.probability = 10;
        first.color = 0x8E8EF5;
        first.idle_days = 14;
        c.stages.push_back(first);
        c.won_stage_id = ctx.ids.next();
        c.lost_stage_id = ctx.ids.next();
        if (record_checked(ctx, c)) {
            st.new_pipeline[0] = '\0';
            st.pipeline = c.id;
        }
    }
}

}  // namespace

bool record_checked(ViewContext& ctx, Command cmd) {
    const Status s = ctx.store.check(cmd, CommandContext{ctx.store.settings().current_user, ctx.now});
    if (!s.ok()) {
        state(ctx).message = s.error().text();
        return false;
    }
    state(ctx).message.clear();
    ctx.intents.commands.push_back(std::move(cmd));
    return true;
}

bool edit_text_field(ViewContext& ctx, const char* id, const char* name, const std::string& current, float width,
                     std::string& out) {
    char buf[128];
    std::snprintf(buf, sizeof buf, "%s", current.c_str());
    ImGui::SetNextItemWidth(width);
    if (ImGui::InputText(id, buf, sizeof buf)) state(ctx).scratch = buf;
    name_last_item(name);
    if (ImGui::IsItemActivated()) state(ctx).scratch = current;
    if (ImGui::IsItemDeactivatedAfterEdit() && state(ctx).scratch != current) {
        out = state(ctx).scratch;
        return true;
    }
    return false;
}

bool edit_int_field(ViewContext& ctx, const char* id, const char* name, int current, float width, int& out) {
    int v = current;
    ImGui::SetNextItemWidth(width);
    if (ImGui::InputInt(id, &v, 0, 0)) state(ctx).scratch_int = v;
    name_last_item(name);
    if (ImGui::IsItemActivated()) state(ctx).scratch_int = current;
    if (ImGui::IsItemDeactivatedAfterEdit() && state(ctx).scratch_int != current) {
        out = state(ctx).scratch_int;
        return true;
    }
    return false;
}

void draw_pipeline_settings(ViewContext& ctx) {
    BoardState& board = ctx.ui.board;
    PipelineSettingsState& st = board.settings;
    const Palette& p = ctx.palette;
    if (board.show_settings) {
        ImGui::OpenPopup(kPipelineSettingsTitle);
        board.show_settings = false;
        st.pipeline = ctx.ui.pipeline;
        st.message.clear();
        st.deleting_stage = kNoId;
    }
    const float w = std::min(720.0f, ctx.ui.width - 2 * space::lg);
    ImGui::SetNextWindowPos(ImVec2(ctx.ui.width * 0.5f, kTopBarHeight + space::lg), ImGuiCond_Always, ImVec2(0.5f, 0.0f));
    ImGui::SetNextWindowSize(ImVec2(w, std::min(ctx.ui.height - kTopBarHeight - 2 * space::lg, 720.0f)));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(space::lg, space::lg));
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(space::sm, space::sm));
    const bool open = ImGui::BeginPopupModal(kPipelineSettingsTitle, nullptr,
                                             ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize |
                                                 ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    ImGui::PopStyleVar(2);
    if (!open) return;
    const float inner = ImGui::GetContentRegionAvail().x;
    text_item(kPipelineSettingsTitle, ctx.ui.fonts.heading, p.text);
    ImGui::SameLine(inner - 60.0f);
    if (styled_button("Done", nullptr, ButtonKind::Primary, p, ImVec2(60.0f, 0)) ||
        (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)) && !ImGui::GetIO().WantTextInput))
        ImGui::CloseCurrentPopup();
    if (!st.message.empty()) text_item(st.message.c_str(), ctx.ui.fonts.body, p.danger, inner);

    text_item("Pipelines", ctx.ui.fonts.strong, p.text_muted);
    const auto& pipelines = ctx.store.workspace().pipelines;
    for (size_t i = 0; i < pipelines.size(); ++i) draw_pipeline_row(ctx, pipelines[i], i, pipelines.size(), inner);
    draw_new_pipeline(ctx, inner);
    ImGui::Dummy(ImVec2(0, space::sm));
    ImGui::Separator();
    if (const Pipeline* chosen = ctx.store.find_pipeline(st.pipeline)) draw_stage_settings(ctx, *chosen, inner);
    ImGui::EndPopup();
}

}  // namespace dd::ui
