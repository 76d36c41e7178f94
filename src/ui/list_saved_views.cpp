#include "ui/list_saved_views.h"

#include "imgui.h"
#include "ui/item_registry.h"
#include "ui/widgets.h"

#include <cstdio>
#include <cstring>

namespace dd::ui {

SavedView capture_saved_view(const UiState& ui, const char* name) {
    SavedView v;
    v.name = name;
    v.search = ui.search;
    v.filters = ui.list.filters;
    v.sort = ui.list.sort;
    v.layout = ui.list.layout;
    return v;
}

void apply_saved_view(UiState& ui, const SavedView& view) {
    ListState& ls = ui.list;
    std::snprintf(ui.search, sizeof ui.search, "%s", view.search.c_str());
    ls.filters = view.filters;
    ls.filter_inputs = ListFilterInputs{};
    ls.sort = view.sort;
    ls.layout = view.layout;
    ls.declared = view.layout;   // the table is re-created with these columns, widths, visibility
    ++ls.table_generation;
    ls.sort_pending = true;
}

void draw_list_saved_views(ViewContext& ctx) {
    ListState& ls = ctx.ui.list;
    const Palette& p = ctx.palette;
    for (size_t i = 0; i < ls.saved_views.size(); ++i) {
        const bool active = int(i) == ls.active_view;
        const std::string label = ls.saved_views[i].name + "##view" + std::to_string(i);
        if (styled_button(label.c_str(), nullptr, active ? ButtonKind::Primary : ButtonKind::Ghost, p)) {
            apply_saved_view(ctx.ui, ls.saved_views[i]);
            ls.active_view = int(i);
        }
        ImGui::SameLine();
    }
    if (styled_button("Save view", nullptr, ButtonKind::Ghost, p)) ImGui::OpenPopup("save-view");
    if (ImGui::BeginPopup("save-view")) {
        ImGui::TextUnformatted("Name this view");
        ImGui::SetNextItemWidth(220);
        if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
        const bool enter = ImGui::InputText("##view-name", ls.new_view_name, sizeof ls.new_view_name,
                                            ImGuiInputTextFlags_EnterReturnsTrue);
        name_last_item("View name");
        ImGui::SameLine();
        const bool save = styled_button("Save##view", nullptr, ButtonKind::Primary, p);
        if ((enter || save) && std::strlen(ls.new_view_name) > 0) {
            ls.saved_views.push_back(capture_saved_view(ctx.ui, ls.new_view_name));
            ls.active_view = int(ls.saved_views.size()) - 1;
            ls.new_view_name[0] = '\0';
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
}

}  // namespace dd::ui
