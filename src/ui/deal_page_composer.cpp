// Notes and activities on the deal page: the note composer (multi-line, Ctrl/Cmd+Enter saves,
// Esc closes), the activity composer (call, meeting, email or task with date, time, duration,
// outcome and linked contacts) and the list of planned activities with their done checkbox.
#include "core/format.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "ui/date_picker.h"
#include "ui/deal_page_parts.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/team_settings.h"
#include "ui/widgets.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>

namespace dd::ui {
namespace {

constexpr Millis kDayMs = 86'400'000;

struct KindInfo { ActivityKind kind; const char* label; const char* icon; };
const KindInfo kKinds[] = {
    {ActivityKind::Call, "Call", icons::kPhone}, {ActivityKind::Meeting, "Meeting", icons::kCalendar},
    {ActivityKind::Email, "Email", icons::kEnvelope}, {ActivityKind::Task, "Task", icons::kTasks},
};

std::string trimmed(const char* text) {
    std::string s(text);
    const size_t b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return "";
    const size_t e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

bool parse_time_of_day(const char* text, int& minutes) {
    if (!*text) { minutes = 0; return true; }
    int h = 0, m = 0;
    char extra = 0;
    if (std::sscanf(text, "%d:%d%c", &h, &m, &extra) != 2 || h < 0 || h > 23 || m < 0 || m > 59) return false;
    minutes = h * 60 + m;
    return true;
}

void note_composer(ViewContext& ctx, const Deal& deal, float width) {
    const Palette& p = ctx.palette;
    DealPageState& page = ctx.ui.deal_page;
    if (page.focus_note) {
        ImGui::SetKeyboardFocusHere();
        page.focus_note = false;
    }
    const ImGuiIO& io = ImGui::GetIO();
    const ImGuiID note_id = ImGui::GetID("##note");
    // Cmd+Enter (macOS): ImGui only knows Ctrl+Enter, so catch Super+Enter ourselves.
    const bool super_enter = ImGui::GetActiveID() == note_id && io.KeySuper &&
                             ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false);
    const bool ctrl_enter = ImGui::InputTextMultiline("##note", page.note, sizeof page.note, ImVec2(width, 96.0f),
                                                      ImGuiInputTextFlags_EnterReturnsTrue);
    name_last_item("Note text");
    const bool escape = ImGui::IsItemActive() && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape));
    // The platform sets io.ConfigMacOSXBehaviors on a Mac (clipboard.cpp): name Cmd there.
    text_item(io.ConfigMacOSXBehaviors ? "Cmd+Enter saves, Esc closes" : "Ctrl+Enter saves, Esc closes", nullptr, p.text_muted);
    ImGui::SameLine(width - 190.0f);
    const bool cancel = styled_button("Cancel##note", nullptr, ButtonKind::Ghost, p, ImVec2(80, 0));
    ImGui::SameLine(0, space::sm);
    const bool save = styled_button("Save note", nullptr, ButtonKind::Primary, p, ImVec2(100, 0));
    if (save || ctrl_enter || super_enter) {
        const std::string text = trimmed(page.note);
        if (!text.empty()) {
            Note n;
            n.meta.id = ctx.ids.next();
            n.deal = deal.meta.id;
            n.text = text;
            n.author = ctx.store.settings().current_user;
            ctx.intents.commands.push_back(AddNote{n});
            page.note[0] = 0;
            page.note_open = false;
        }
    } else if (cancel || escape) {
        page.note_open = false;
    }
}

// A new activity on the deal from the composer. No date: a task has no due time, a call (meeting,
// email) happened now.
Command create_command(ViewContext& ctx, const ActivityComposer& a, const Deal& deal, const std::string& subject, Millis picked) {
    Activity act;
    act.meta.id = ctx.ids.next();
    act.kind = a.kind;
    act.subject = subject;
    act.due_at = picked ? picked : (a.kind == ActivityKind::Task ? 0 : ctx.now);
    act.done = a.done;
    act.duration_min = a.duration_min;
    act.outcome = trimmed(a.outcome);
    act.deal = deal.meta.id;
    act.contacts = a.contacts;
    act.owner = ctx.store.settings().current_user;
    return CreateActivity{act};
}

// The edited fields only (the store bumps what changed). A cleared date clears a task's due time;
// other kinds keep when they happened.
Command edit_command(ViewContext& ctx, const ActivityComposer& a, const std::string& subject, Millis picked) {
    ActivityPatch patch;
    const Activity* old = ctx.store.find_activity(a.editing);
    if (!old) return UpdateActivity{a.editing, patch};   // deleted meanwhile: the store refuses it by name
    Millis due = picked ? picked : (a.kind == ActivityKind::Task ? 0 : old->due_at);
    if (picked && picked == old->due_at - old->due_at % 60'000) due = old->due_at;   // the editor shows minutes only
    if (a.kind != old->kind) patch.kind = a.kind;
    if (subject != old->subject) patch.subject = subject;
    if (due != old->due_at) patch.due_at = due;
    if (a.done != old->done) patch.done = a.done;
    if (a.duration_min != old->duration_min) patch.duration_min = a.duration_min;
    if (trimmed(a.outcome) != old->outcome) patch.outcome = trimmed(a.outcome);
    if (a.contacts != old->contacts) patch.contacts = a.contacts;
    return UpdateActivity{a.editing, patch};
}

void activity_composer(ViewContext& ctx, const Deal& deal, float width) {
    const Palette& p = ctx.palette;
    ActivityComposer& a = ctx.ui.deal_page.activity;
    if (a.editing != kNoId) text_item("Edit activity", ctx.ui.fonts.strong, p.text);
    for (const KindInfo& k : kKinds) {
        if (&k != kKinds) ImGui::SameLine(0, space::xs);
        if (segment_button(k.label, k.icon, a.kind == k.kind, 112.0f, p)) {
            a.kind = k.kind;
            if (a.editing == kNoId) a.done = k.kind != ActivityKind::Task;   // an edit keeps its done flag
        }
    }
    ImGui::Spacing();
    caption("Subject", p);
    ImGui::SetNextItemWidth(width);
    ImGui::InputTextWithHint("##subject", "What is it about?", a.subject, sizeof a.subject);
    name_last_item("Activity subject");

    const float col = (width - 2 * space::md) / 3.0f;
    ImGui::BeginGroup();
    caption(a.kind == ActivityKind::Task ? "Due date" : "Date", p);
    Day day = kNoDay;
    parse_day(a.date, day);
    if (date_field("Activity date", day, today_of(ctx.now), ctx.store.settings().locale, p, col))
        std::snprintf(a.date, sizeof a.date, "%s", day == kNoDay ? "" : day_to_string(day).c_str());
    ImGui::EndGroup();
    ImGui::SameLine(0, space::md);
    ImGui::BeginGroup();
    caption("Time (HH:MM)", p);
    ImGui::SetNextItemWidth(col);
    ImGui::InputTextWithHint("##time", "09:30", a.time, sizeof a.time);
    name_last_item("Activity time");
    ImGui::EndGroup();
    ImGui::SameLine(0, space::md);
    ImGui::BeginGroup();
    caption("Duration (minutes)", p);
    ImGui::SetNextItemWidth(col);
    // No +/- buttons: InputInt then is one text field, so the item name below is the field's.
    ImGui::InputInt("##duration", &a.duration_min, 0, 0);
    a.duration_min = std::clamp(a.duration_min, 0, 24 * 60);
    name_last_item("Activity duration");
    ImGui::EndGroup();

    caption("Outcome", p);
    ImGui::SetNextItemWidth(width);
    ImGui::InputTextWithHint("##outcome", "What came of it?", a.outcome, sizeof a.outcome);
    name_last_item("Activity outcome");

    if (!deal.contacts.empty()) {
        caption("With", p);
        for (Id id : deal.contacts) {
            const Contact* c = ctx.store.find_contact(id);
            if (!c) continue;
            push_id(id);
            bool linked = std::find(a.contacts.begin(), a.contacts.end(), id) != a.contacts.end();
            if (ImGui::Checkbox(c->name.c_str(), &linked)) {
                if (linked) a.contacts.push_back(id);
                else a.contacts.erase(std::remove(a.contacts.begin(), a.contacts.end(), id), a.contacts.end());
            }
            name_last_item(("With " + c->name).c_str());
            ImGui::PopID();
            ImGui::SameLine();
        }
        ImGui::NewLine();
    }
    ImGui::Checkbox("Done", &a.done);
    name_last_item("Activity done");
    if (!a.error.empty()) {
        named_text(a.error, "Error: " + a.error, p.danger);
    }
    ImGui::SameLine(width - 190.0f);
    const bool cancel = styled_button("Cancel##activity", nullptr, ButtonKind::Ghost, p, ImVec2(80, 0));
    ImGui::SameLine(0, space::sm);
    if (styled_button("Save activity", nullptr, ButtonKind::Primary, p, ImVec2(100, 0))) {
        int minutes = 0;
        Day when = kNoDay;
        if (a.date[0] && !parse_day(a.date, when)) {
            a.error = "Date: must be a date";
        } else if (!parse_time_of_day(a.time, minutes)) {
            a.error = "Time: must be HH:MM, such as 09:30";
        } else {
            const Millis picked = when == kNoDay ? 0 : Millis(when) * kDayMs + Millis(minutes) * 60'000;
            std::string subject = trimmed(a.subject);
            if (subject.empty()) subject = kKinds[int(a.kind)].label;
            Command cmd = a.editing != kNoId ? edit_command(ctx, a, subject, picked)
                                             : create_command(ctx, a, deal, subject, picked);
            const Status s = ctx.store.check(cmd, CommandContext{ctx.store.settings().current_user, ctx.now});
            if (!s.ok()) {
                a.error = s.error().text();
            } else {
                ctx.intents.commands.push_back(std::move(cmd));
                a = ActivityComposer{};
            }
        }
    } else if (cancel || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
        a = ActivityComposer{};
    }
}

}  // namespace

void caption(const char* text, const Palette& p) {
    ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(p.text_muted));
    ImGui::TextUnformatted(text);
    ImGui::PopStyleColor();
}

Day today_of(Millis now) { return Day(now >= 0 ? now / kDayMs : (now - kDayMs + 1) / kDayMs); }

const char* status_label(DealStatus s) {
    switch (s) {
    case DealStatus::Open: return "Open";
    case DealStatus::Won: return "Won";
    case DealStatus::Lost: return "Lost";
    case DealStatus::Abandoned: return "Abandoned";
    }
    return "Open";
}

void draw_deal_composer(ViewContext& ctx, const Deal& deal, bool editable, float width) {
    const Palette& p = ctx.palette;
    DealPageState& page = ctx.ui.deal_page;
    ImGui::BeginDisabled(!editable);
    const bool note_mode = page.note_open, activity_mode = page.activity.open;
    if (segment_button("Take a note", icons::kComment, note_mode, 150.0f, p)) {
        page.note_open = true;
        page.focus_note = true;
        page.activity.open = false;
    }
    ImGui::SameLine(0, space::xs);
    if (segment_button("Log activity", icons::kCalendar, activity_mode, 150.0f, p)) {
        if (page.activity.editing != kNoId) page.activity = ActivityComposer{};   // a new one, not the edit
        page.activity.open = true;
        page.activity.done = page.activity.kind != ActivityKind::Task;
        if (!page.activity.date[0]) std::snprintf(page.activity.date, sizeof page.activity.date, "%s", day_to_string(today_of(ctx.now)).c_str());
        page.note_open = false;
    }
    if (page.note_open || page.activity.open) {
        if (page.activity.scroll_into_view) {
            ImGui::SetScrollHereY(0.0f);
            page.activity.scroll_into_view = false;
        }
        ImGui::Spacing();
        const ImVec2 min = ImGui::GetCursorScreenPos();
        ImGui::GetWindowDrawList()->ChannelsSplit(2);
        ImGui::GetWindowDrawList()->ChannelsSetCurrent(1);
        ImGui::SetCursorScreenPos(ImVec2(min.x + space::md, min.y + space::md));
        ImGui::BeginGroup();
        if (page.note_open) note_composer(ctx, deal, width - 2 * space::md);
        else activity_composer(ctx, deal, width - 2 * space::md);
        ImGui::EndGroup();
        const float bottom = ImGui::GetItemRectMax().y + space::md;
        ImGui::GetWindowDrawList()->ChannelsSetCurrent(0);
        draw_card(ImGui::GetWindowDrawList(), min, ImVec2(min.x + width, bottom), p);
        ImGui::GetWindowDrawList()->ChannelsMerge();
        ImGui::SetCursorScreenPos(ImVec2(min.x, bottom));
        ImGui::Dummy(ImVec2(0, 0));
    }
    ImGui::EndDisabled();
}

void draw_deal_planned(ViewContext& ctx, const Deal& deal, bool editable, float width) {
    const Palette& p = ctx.palette;
    std::vector<const Activity*> planned;
    for (const Activity* a : ctx.store.activities_of(deal.meta.id))
        if (!a->done) planned.push_back(a);
    if (planned.empty()) return;
    text_item("Planned", ctx.ui.fonts.heading, p.text);
    const std::string& locale = ctx.store.settings().locale;
    for (const Activity* a : planned) {
        push_id(a->meta.id);
        const bool overdue = a->due_at && a->due_at < ctx.now;
        bool done = a->done;
        ImGui::BeginDisabled(!editable);
        if (ImGui::Checkbox("##done", &done)) {
            ActivityPatch patch;
            patch.done = done;
            ctx.intents.commands.push_back(UpdateActivity{a->meta.id, patch});
        }
        ImGui::EndDisabled();
        name_last_item(("Done " + a->subject).c_str());
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        named_text(a->subject, std::string(overdue ? "Overdue " : "Planned ") + a->subject, overdue ? p.danger : p.text, 10000.0f);
        ImGui::SameLine();
        std::string when = a->due_at ? format_instant(a->due_at, locale) : std::string("no due date");
        if (overdue) when = "Overdue \xc2\xb7 " + when;
        named_text(when, "Due " + a->subject, overdue ? p.danger : p.text_muted, 10000.0f);
        if (editable) {
            ImGui::SameLine();
            if (icon_button(icons::kPencil, ("Edit planned " + a->subject).c_str(), p, true, "Edit this activity"))
                open_activity_editor(ctx.ui.deal_page, *a);
        }
        ImGui::PopID();
    }
    (void)width;
}

void open_activity_editor(DealPageState& page, const Activity& activity) {
    ActivityComposer& a = page.activity;
    a = ActivityComposer{};
    a.open = true;
    a.editing = activity.meta.id;
    a.kind = activity.kind;
    std::snprintf(a.subject, sizeof a.subject, "%s", activity.subject.c_str());
    if (activity.due_at) {
        const Day day = today_of(activity.due_at);   // the civil day of that instant (UTC)
        const int minutes = int((activity.due_at - Millis(day) * kDayMs) / 60'000);
        std::snprintf(a.date, sizeof a.date, "%s", day_to_string(day).c_str());
        if (minutes) {
            // 0 <= minutes < 1440: always "HH:MM" (unsigned and bounded, so the compiler sees it fits).
            std::snprintf(a.time, sizeof a.time, "%02u:%02u", unsigned(minutes / 60) % 24u, unsigned(minutes % 60));
        }
    }
    a.duration_min = activity.duration_min;
    std::snprintf(a.outcome, sizeof a.outcome, "%s", activity.outcome.c_str());
    a.contacts = activity.contacts;
    a.done = activity.done;
    a.scroll_into_view = true;
    page.note_open = false;
}

}  // namespace dd::ui
