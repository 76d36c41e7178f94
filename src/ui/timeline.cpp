#include "ui/timeline.h"

#include "core/format.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "ui/deal_page_parts.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/team_settings.h"
#include "ui/widgets.h"

#include <algorithm>

namespace dd::ui {
namespace {

constexpr const char* kArrow = " \xe2\x86\x92 ";   // " → "

// "expected_close" -> "Expected close", "custom:<id>" -> the field's name.
std::string field_label(const Store& store, const std::string& field) {
    if (field.rfind("custom:", 0) == 0) {
        Id id = kNoId;
        if (parse_id(field.substr(7), id))
            if (const CustomFieldDef* def = store.find_custom_field(id)) return def->name;
        return "Custom field";
    }
    if (field == "external_ref") return "Reference";
    if (field == "probability_override") return "Probability";
    std::string out = field;
    std::replace(out.begin(), out.end(), '_', ' ');
    if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = char(out[0] - 'a' + 'A');
    return out;
}

std::string shown(const std::string& v) { return v.empty() ? "(none)" : v; }

const char* activity_noun(ActivityKind k) {
    switch (k) {
    case ActivityKind::Call: return "Call";
    case ActivityKind::Meeting: return "Meeting";
    case ActivityKind::Email: return "Email";
    case ActivityKind::Task: return "Task";
    }
    return "Activity";
}

const char* icon_of(const TimelineEntry& e, const Store& store) {
    switch (e.kind) {
    case TimelineKind::Note: return icons::kComment;
    case TimelineKind::Stage: return icons::kFlag;
    case TimelineKind::Status: return icons::kTrophy;
    case TimelineKind::Field: return icons::kPencil;
    case TimelineKind::Created: return icons::kPlus;
    case TimelineKind::Activity:
        if (const Activity* a = store.find_activity(e.record)) {
            switch (a->kind) {
            case ActivityKind::Call: return icons::kPhone;
            case ActivityKind::Meeting: return icons::kCalendar;
            case ActivityKind::Email: return icons::kEnvelope;
            case ActivityKind::Task: return icons::kTasks;
            }
        }
        return icons::kTasks;
    }
    return icons::kInfo;
}

struct FilterChip { const char* label; uint8_t bit; };
const FilterChip kFilters[] = {
    {"Notes", kTimelineNotes}, {"Activities", kTimelineActivities}, {"Stage moves", kTimelineStages},
    {"Status", kTimelineStatus}, {"Field edits", kTimelineFields},
};

bool toggle_chip(const char* label, bool on, const Palette& p) {
    const ImVec2 ts = ImGui::CalcTextSize(label);
    const ImVec2 size(ts.x + 24.0f, ts.y + 10.0f);
    std::string id = std::string(label) + "##filter";
    const bool pressed = ImGui::InvisibleButton(id.c_str(), size);
    const std::string name = std::string("Show ") + label;
    name_last_item(name.c_str());
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const bool hovered = ImGui::IsItemHovered();
    dl->AddRectFilled(min, max, on ? p.accent_soft : (hovered ? p.surface_hover : p.surface), size.y * 0.5f);
    dl->AddRect(min, max, on ? p.accent : p.border, size.y * 0.5f);
    dl->AddText(ImVec2(min.x + 12.0f, min.y + 5.0f), on ? p.accent : p.text_muted, label);
    return pressed;
}

}  // namespace

uint8_t timeline_bit(TimelineKind k) {
    switch (k) {
    case TimelineKind::Note: return kTimelineNotes;
    case TimelineKind::Activity: return kTimelineActivities;
    case TimelineKind::Stage: return kTimelineStages;
    case TimelineKind::Status: return kTimelineStatus;
    case TimelineKind::Field:
    case TimelineKind::Created: return kTimelineFields;
    }
    return 0;
}

std::vector<TimelineEntry> build_timeline(const Store& store, Id deal, uint8_t filter) {
    std::vector<TimelineEntry> out;
    if (filter & kTimelineNotes)
        for (const Note* n : store.notes_of(deal))
            out.push_back({TimelineKind::Note, n->meta.created_at, n->author, n->meta.id, "Note", n->text});
    if (filter & kTimelineActivities)
        for (const Activity* a : store.activities_of(deal)) {
            std::string title = std::string(activity_noun(a->kind)) + ": " + a->subject;
            if (a->kind == ActivityKind::Task) title += a->done ? " (done)" : " (open)";
            const Millis at = a->done && a->done_at ? a->done_at : (a->due_at ? a->due_at : a->meta.created_at);
            out.push_back({TimelineKind::Activity, at, a->owner, a->meta.id, std::move(title), a->outcome});
        }
    for (const DealChange* c : store.history_of(deal)) {
        TimelineEntry e;
        e.at = c->meta.created_at;
        e.actor = c->actor;
        e.record = c->meta.id;
        switch (c->kind) {
        case ChangeKind::Stage:
            e.kind = TimelineKind::Stage;
            e.title = "Stage: " + shown(c->old_value) + kArrow + shown(c->new_value);
            break;
        case ChangeKind::Status:
            e.kind = TimelineKind::Status;
            e.title = "Status: " + shown(c->old_value) + kArrow + shown(c->new_value);
            break;
        case ChangeKind::Created:
            e.kind = TimelineKind::Created;
            e.title = "Deal created: " + c->new_value;
            break;
        case ChangeKind::Deleted: case ChangeKind::Restored: case ChangeKind::Field:
            e.kind = TimelineKind::Field;
            e.title = field_label(store, c->field) + ": " + shown(c->old_value) + kArrow + shown(c->new_value);
            break;
        }
        if (filter & timeline_bit(e.kind)) out.push_back(std::move(e));
    }
    // Newest first; equal instants keep a stable order by record id so frames do not flicker.
    std::stable_sort(out.begin(), out.end(), [](const TimelineEntry& a, const TimelineEntry& b) {
        if (a.at != b.at) return a.at > b.at;
        return a.record > b.record;
    });
    return out;
}

void draw_timeline(ViewContext& ctx, const Deal& deal, float width) {
    const Palette& p = ctx.palette;
    DealPageState& page = ctx.ui.deal_page;
    text_item("Timeline", ctx.ui.fonts.heading, p.text);
    ImGui::Spacing();
    if (toggle_chip("All", page.timeline_filter == kTimelineAll, p)) page.timeline_filter = kTimelineAll;
    for (const FilterChip& f : kFilters) {
        ImGui::SameLine(0, space::xs);
        const bool only_this = page.timeline_filter == f.bit;
        if (toggle_chip(f.label, only_this, p)) page.timeline_filter = only_this ? uint8_t(kTimelineAll) : f.bit;
    }
    ImGui::Dummy(ImVec2(0, space::sm));

    const std::vector<TimelineEntry> entries = build_timeline(ctx.store, deal.meta.id, page.timeline_filter);
    // Right after a start the snapshot's history lines may still be being read (app_history.h).
    if (ctx.store.history_pending()) text_item("Loading the history...", nullptr, p.text_muted);
    else if (ctx.store.history_state() == Store::HistoryState::Unavailable)   // app_history.h
        text_item("Earlier changes could not be read. They stay stored: reload the page to read them again.", nullptr,
                  p.text_muted);
    else if (entries.empty()) text_item("Nothing here yet.", nullptr, p.text_muted);
    const std::string& locale = ctx.store.settings().locale;
    const bool editable = can_edit_data(ctx.store);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (const TimelineEntry& e : entries) {
        push_id(e.record);
        const ImVec2 top = ImGui::GetCursorScreenPos();
        // The rail: an icon in a soft circle, a thin line down to the next entry.
        const float r = 14.0f;
        const ImVec2 c(top.x + r, top.y + r);
        dl->AddCircleFilled(c, r, p.surface_sunken, 20);
        const char* icon = icon_of(e, ctx.store);
        const ImVec2 is = ImGui::CalcTextSize(icon);
        dl->AddText(ImVec2(IM_ROUND(c.x - is.x * 0.5f), IM_ROUND(c.y - is.y * 0.5f)), p.text_muted, icon);
        ImGui::SetCursorScreenPos(ImVec2(top.x + 2 * r + space::sm, top.y));
        // Activities can be edited from here: a pencil at the right end of the entry.
        const Activity* activity = e.kind == TimelineKind::Activity ? ctx.store.find_activity(e.record) : nullptr;
        const float edit_w = activity && editable ? ImGui::GetFrameHeight() + space::xs : 0.0f;
        ImGui::BeginGroup();
        const float text_w = width - 2 * r - space::sm - edit_w;
        text_item(e.title.c_str(), ctx.ui.fonts.strong, p.text, text_w);
        const std::string meta = std::string(member_name(ctx.store, e.actor)) + "  \xc2\xb7  " + format_instant(e.at, locale);
        ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(p.text_muted));
        ImGui::TextUnformatted(meta.c_str());
        ImGui::PopStyleColor();
        if (!e.body.empty()) {
            ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + text_w);
            ImGui::TextUnformatted(e.body.c_str());
            ImGui::PopTextWrapPos();
        }
        ImGui::EndGroup();
        const float bottom = ImGui::GetItemRectMax().y;
        if (edit_w > 0.0f) {
            ImGui::SetCursorScreenPos(ImVec2(top.x + width - ImGui::GetFrameHeight(), top.y));
            if (icon_button(icons::kPencil, ("Edit " + activity->subject).c_str(), p, true, "Edit this activity"))
                open_activity_editor(page, *activity);
        }
        dl->AddLine(ImVec2(c.x, c.y + r + 2), ImVec2(c.x, bottom + space::md - 2), p.border);
        ImGui::SetCursorScreenPos(ImVec2(top.x, bottom + space::md));
        ImGui::Dummy(ImVec2(0, 0));
        ImGui::PopID();
    }
}

}  // namespace dd::ui
