// The stages part of the pipeline settings dialog: one row per stage (drag handle, colour, name,
// probability, idle days, delete), "Add stage", and the "move its deals first" step.
#include "imgui_internal.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/pipeline_settings.h"
#include "ui/widgets.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace dd::ui {
namespace {

// Calm stage colours (what the board's lane accents and tints are made of).
constexpr uint32_t kStageColors[] = {0x8E8EF5, 0x6AA8F7, 0x4CC3C7, 0x3DBB7C, 0xA3C95A,
                                     0xF2B54A, 0xF08A5D, 0xE5484D, 0xD16BC4, 0x8E8E9A};

ImU32 to_u32(uint32_t rgb) { return IM_COL32((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff, 255); }

void colour_picker(ViewContext& ctx, const Stage& s) {
    const std::string name = "Colour of " + s.name;
    const float side = 20.0f;
    ImVec2 pos = ImGui::GetCursorScreenPos();
    pos.y += (ImGui::GetFrameHeight() - side) * 0.5f;
    ImGui::SetCursorScreenPos(pos);
    if (ImGui::InvisibleButton("##colour", ImVec2(side, side))) ImGui::OpenPopup("colours");
    name_last_item(name.c_str());
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(pos, ImVec2(pos.x + side, pos.y + side), to_u32(s.color), 5.0f);
    if (ImGui::IsItemHovered()) dl->AddRect(pos, ImVec2(pos.x + side, pos.y + side), ctx.palette.text_muted, 5.0f);
    place_popup_below_last_item("colours");   // the swatch stays visible: the colour being replaced
    if (!ImGui::BeginPopup("colours")) return;
    int i = 0;
    for (uint32_t c : kStageColors) {
        if (i++ % 5) ImGui::SameLine(0, space::xs);
        ImGui::PushID(i);
        const ImVec2 at = ImGui::GetCursorScreenPos();
        if (ImGui::InvisibleButton("##c", ImVec2(24, 24))) {
            record_checked(ctx, UpdateStage{s.id, std::nullopt, std::nullopt, c, std::nullopt});
            ImGui::CloseCurrentPopup();
        }
        name_last_item(("Colour " + std::to_string(i)).c_str());
        ImGui::GetWindowDrawList()->AddRectFilled(at, ImVec2(at.x + 24, at.y + 24), to_u32(c), 6.0f);
        if (c == s.color) ImGui::GetWindowDrawList()->AddRect(at, ImVec2(at.x + 24, at.y + 24), ctx.palette.text, 6.0f, 0, 2.0f);
        ImGui::PopID();
    }
    ImGui::EndPopup();
}

// The step shown when a stage with deals is deleted: pick where they go.
void move_deals_first(ViewContext& ctx, const Pipeline& pipeline, const Stage& s, float width) {
    PipelineSettingsState& st = ctx.ui.board.settings;
    const size_t n = ctx.store.lane_size(s.id);
    const std::string text = "\xe2\x80\x9c" + s.name + "\xe2\x80\x9d has " + std::to_string(n) +
                             (n == 1 ? " deal" : " deals") + ". Move them to";
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(text.c_str());
    ImGui::SameLine();
    const Stage* target = ctx.store.find_stage(st.move_to);
    ImGui::SetNextItemWidth(180.0f);
    if (ImGui::BeginCombo("##move_to", target ? target->name.c_str() : "Choose a stage")) {
        for (const Stage& other : pipeline.stages) {
            if (other.id == s.id || other.kind != StageKind::Open) continue;
            push_id(other.id);
            if (ImGui::Selectable(other.name.c_str(), other.id == st.move_to)) st.move_to = other.id;
            name_last_item(("Move deals to " + other.name).c_str());
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }
    name_last_item("Move deals to");
    ImGui::SameLine();
    ImGui::BeginDisabled(target == nullptr);
    if (styled_button("Move and delete", nullptr, ButtonKind::Primary, ctx.palette) && target) {
        if (record_checked(ctx, DeleteStage{s.id, st.move_to})) st.deleting_stage = kNoId;
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (styled_button("Keep stage", nullptr, ButtonKind::Ghost, ctx.palette)) st.deleting_stage = kNoId;
    (void)width;
}

void stage_row(ViewContext& ctx, const Pipeline& pipeline, const Stage& s, int open_index, float width) {
    PipelineSettingsState& st = ctx.ui.board.settings;
    const Palette& p = ctx.palette;
    const bool open = s.kind == StageKind::Open;
    push_id(s.id);
    // Drag handle: open stages reorder among themselves.
    const ImVec2 handle = ImGui::GetCursorScreenPos();
    if (open) {
        ImGui::InvisibleButton("##handle", ImVec2(16.0f, ImGui::GetFrameHeight()));
        name_last_item(("Reorder " + s.name).c_str());
        if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeNS);
        if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left)) st.dragging_stage = s.id;
        ImDrawList* dl = ImGui::GetWindowDrawList();
        for (int r = 0; r < 3; ++r)
            for (int c = 0; c < 2; ++c)
                dl->AddCircleFilled(ImVec2(handle.x + 5.0f + 6.0f * float(c), handle.y + 8.0f + 6.0f * float(r)), 1.5f, p.text_muted);
    } else {
        ImGui::Dummy(ImVec2(16.0f, ImGui::GetFrameHeight()));
    }
    ImGui::SameLine();
    colour_picker(ctx, s);
    ImGui::SameLine();
    std::string name;
    if (edit_text_field(ctx, "##name", ("Stage name " + s.name).c_str(), s.name, width - 340.0f, name))
        record_checked(ctx, UpdateStage{s.id, name, std::nullopt, std::nullopt, std::nullopt});
    ImGui::SameLine();
    int value = 0;
    if (open) {
        if (edit_int_field(ctx, "##prob", ("Probability of " + s.name).c_str(), s.probability, 64.0f, value))
            record_checked(ctx, UpdateStage{s.id, std::nullopt, uint8_t(std::clamp(value, 0, 255)), std::nullopt, std::nullopt});
        if (value > 255) st.message = "probability: must be between 0 and 100";
    } else {
        ImGui::AlignTextToFramePadding();
        ImGui::Text("%3d", int(s.probability));
        ImGui::SetCursorScreenPos(ImVec2(ImGui::GetItemRectMin().x + 64.0f - ImGui::GetItemRectSize().x, ImGui::GetItemRectMin().y));
        ImGui::Dummy(ImVec2(ImGui::GetItemRectSize().x, 0));
    }
    ImGui::SameLine(0, space::xs);
    ImGui::TextDisabled("%%");
    ImGui::SameLine();
    if (open) {
        if (edit_int_field(ctx, "##idle", ("Idle days of " + s.name).c_str(), s.idle_days, 64.0f, value))
            record_checked(ctx, UpdateStage{s.id, std::nullopt, std::nullopt, std::nullopt, value});
        ImGui::SameLine(0, space::xs);
        ImGui::TextDisabled("idle days");
        ImGui::SameLine();
        const size_t deals = ctx.store.lane_size(s.id);
        if (icon_button(icons::kTimes, ("Delete stage " + s.name).c_str(), p, true,
                        deals ? "Move its deals to another stage, then delete" : "Delete this stage")) {
            if (deals == 0) record_checked(ctx, DeleteStage{s.id, kNoId});
            else { st.deleting_stage = s.id; st.move_to = kNoId; }
        }
    } else {
        ImGui::TextDisabled(s.kind == StageKind::Won ? "fixed: won deals" : "fixed: lost deals");
    }
    ImGui::PopID();
    if (st.deleting_stage == s.id) move_deals_first(ctx, pipeline, s, width);
    (void)open_index;
}

}  // namespace

void draw_stage_settings(ViewContext& ctx, const Pipeline& pipeline, float width) {
    PipelineSettingsState& st = ctx.ui.board.settings;
    text_item(("Stages of " + pipeline.name).c_str(), ctx.ui.fonts.strong, ctx.palette.text_muted);
    std::vector<float> open_row_y;   // screen y of each open stage row (drop targets)
    int open_index = 0;
    for (const Stage& s : pipeline.stages) {
        if (s.kind == StageKind::Open) open_row_y.push_back(ImGui::GetCursorScreenPos().y);
        stage_row(ctx, pipeline, s, s.kind == StageKind::Open ? open_index++ : -1, width);
    }
    if (styled_button("Add stage", "+", ButtonKind::Secondary, ctx.palette)) {
        AddStage add;
        add.pipeline = pipeline.meta.id;
        add.stage.id = ctx.ids.next();
        add.stage.name = "New stage";
        add.stage.probability = 50;
        add.stage.color = kStageColors[size_t(open_index) % (sizeof kStageColors / sizeof kStageColors[0])];
        add.stage.idle_days = 14;
        record_checked(ctx, add);
    }

    // Reorder by drag: the row the mouse is over is the new place; the release moves the stage.
    if (st.dragging_stage == kNoId || open_row_y.empty()) return;
    const float y = ImGui::GetIO().MousePos.y;
    const float half = ImGui::GetFrameHeight() * 0.5f;
    int from = -1, i = 0;
    for (const Stage& s : pipeline.stages)
        if (s.kind == StageKind::Open) { if (s.id == st.dragging_stage) from = i; ++i; }
    // Rows whose middle is above the mouse: the dragged stage goes after them.
    int above = 0;
    for (float row_y : open_row_y)
        if (row_y + half < y) ++above;
    const int target = above > from ? above - 1 : above;
    const float line_y = above < int(open_row_y.size()) ? open_row_y[size_t(above)] - 4.0f
                                                        : open_row_y.back() + ImGui::GetFrameHeight() + 4.0f;
    const ImVec2 wpos = ImGui::GetWindowPos();
    ImGui::GetWindowDrawList()->AddLine(ImVec2(wpos.x + space::lg, line_y), ImVec2(wpos.x + space::lg + width, line_y),
                                        ctx.palette.accent, 2.0f);
    if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
        if (from >= 0 && from != target) record_checked(ctx, MoveStage{st.dragging_stage, target});
        st.dragging_stage = kNoId;
    }
}

}  // namespace dd::ui
