#include "ui/lost_reason_picker.h"

#include "imgui.h"
#include "ui/item_registry.h"
#include "ui/widgets.h"

#include <algorithm>
#include <string>
#include <vector>

namespace dd::ui {

bool lost_reason_picker(ViewContext& ctx, Id& reason, char* text, size_t text_size, float width) {
    std::vector<const LostReason*> reasons;
    for (const LostReason& r : ctx.store.workspace().lost_reasons) reasons.push_back(&r);
    std::stable_sort(reasons.begin(), reasons.end(),
                     [](const LostReason* a, const LostReason* b) { return a->position < b->position; });
    for (const LostReason* r : reasons) {
        push_id(r->meta.id);
        if (ImGui::RadioButton(r->text.c_str(), reason == r->meta.id)) reason = r->meta.id;
        name_last_item(("Reason " + r->text).c_str());
        ImGui::PopID();
    }
    ImGui::SetNextItemWidth(width);
    const bool enter = ImGui::InputTextWithHint("##lost_text", "Add a comment (optional)", text, text_size,
                                                ImGuiInputTextFlags_EnterReturnsTrue);
    name_last_item("Lost comment");
    return enter;
}

}  // namespace dd::ui
