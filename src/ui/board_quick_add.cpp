#include "ui/board_quick_add.h"

#include "core/format.h"
#include "imgui_internal.h"
#include "ui/board_format.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/widgets.h"

#include <cctype>
#include <cstring>

namespace dd::ui {
namespace {

std::string trimmed(const char* s) {
    std::string t(s);
    size_t a = t.find_first_not_of(" \t"), b = t.find_last_not_of(" \t");
    return a == std::string::npos ? std::string() : t.substr(a, b - a + 1);
}

bool input(const char* id, const char* name, const char* hint, char* buf, size_t size, float width, bool& enter) {
    ImGui::SetNextItemWidth(width);
    bool submitted = ImGui::InputTextWithHint(id, hint, buf, size, ImGuiInputTextFlags_EnterReturnsTrue);
    name_last_item(name);
    if (submitted) enter = true;
    return submitted;
}

void close_form(QuickAdd& qa) { qa = QuickAdd{}; }

}  // namespace

std::string organisation_of(const std::string& title) {
    for (const char* sep : {" - ", " \xe2\x80\x93 ", " \xe2\x80\x94 ", ":"}) {
        size_t at = title.find(sep);
        if (at != std::string::npos && at > 0) return trimmed(title.substr(0, at).c_str());
    }
    return trimmed(title.c_str());
}

CreateDeal quick_add_command(ViewContext& ctx, const Stage& stage, const std::string& title, Money value,
                             const std::string& contact) {
    CreateDeal c;
    c.deal.meta.id = ctx.ids.next();
    c.deal.title = title;
    c.deal.value = value;
    c.deal.currency = ctx.store.settings().base_currency;
    c.deal.pipeline = ctx.ui.pipeline;
    c.deal.stage = stage.id;
    c.deal.owner = ctx.store.settings().current_user;
    Contact person;
    person.meta.id = ctx.ids.next();
    person.name = contact.empty() ? organisation_of(title) : contact;
    c.new_contact = person;
    return c;
}

float draw_quick_add(ViewContext& ctx, const Stage& stage, float width) {
    const Palette& p = ctx.palette;
    QuickAdd& qa = ctx.ui.board.quick_add;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::PushID("quick_add");
    if (qa.stage != stage.id) {
        const std::string label = "Add deal##" + id_to_string(stage.id);
        bool open = styled_button(label.c_str(), "+", ButtonKind::Ghost, p, ImVec2(width, 28.0f));
        name_last_item(("Add deal to " + stage.name).c_str());
        ImGui::PopID();
        if (open) {
            qa = QuickAdd{};
            qa.stage = stage.id;
            qa.focus_title = true;
        }
        return ImGui::GetCursorScreenPos().y - origin.y;
    }

    // The form: a card-like surface with three fields and a hint line.
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float pad = space::sm;
    const float h = 3 * ImGui::GetFrameHeight() + 2 * space::xs + 2 * pad + 18.0f + (qa.error.empty() ? 0.0f : 18.0f);
    draw_card(dl, origin, ImVec2(origin.x + width, origin.y + h), p);
    ImGui::SetCursorScreenPos(ImVec2(origin.x + pad, origin.y + pad));
    const float w = width - 2 * pad;
    bool enter = false;
    if (qa.focus_title) { ImGui::SetKeyboardFocusHere(); qa.focus_title = false; }
    input("##title", "Deal title", "Deal title", qa.title, sizeof qa.title, w, enter);
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + pad);
    input("##value", "Deal value", ("Value (" + std::string(ctx.store.settings().base_currency.view()) + ")").c_str(),
          qa.value, sizeof qa.value, w, enter);
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + pad);
    input("##contact", "Contact name", "Contact (optional)", qa.contact, sizeof qa.contact, w, enter);
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + pad);
    if (!qa.error.empty()) text_item(qa.error.c_str(), ctx.ui.fonts.small, p.danger, w);
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + pad);
    text_item("Enter to add \xc2\xb7 Esc to cancel", ctx.ui.fonts.small, p.text_muted);
    ImGui::PopID();

    const bool typing = ImGui::GetIO().WantTextInput;
    if (typing && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
        close_form(qa);
    } else if (enter) {
        const std::string title = trimmed(qa.title);
        // The core's parser, as the deal form's and the list filters': the workspace's locale
        // decides which of "12,400" and "12.400" is twelve thousand four hundred.
        const WorkspaceSettings& settings = ctx.store.settings();
        const Result<Money> value = parse_amount(qa.value, settings.base_currency, settings.locale);
        if (title.empty()) {
            qa.error = "A deal needs a title";
            qa.focus_title = true;
        } else if (!value.ok()) {
            qa.error = "Value " + value.error().message;
        } else {
            ctx.intents.commands.push_back(quick_add_command(ctx, stage, title, value.value(), trimmed(qa.contact)));
            const Id keep = qa.stage;
            close_form(qa);
            qa.stage = keep;          // stay open for the next deal
            qa.focus_title = true;
        }
    }
    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + h + space::sm));
    return h + space::sm;
}

}  // namespace dd::ui
