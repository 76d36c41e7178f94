// Pieces shared by the contact and company pages (contacts.cpp, companies.cpp) and the team
// settings: inline editor rows, checked commands, delete confirmations.
#pragma once
#include "ui/view_context.h"

#include <functional>
#include <string>
#include <vector>

namespace dd::ui {

// "3 open · 2 closed · Won $12,400" over these deals, and their table: title (opens the deal
// page), stage, status, value, expected close. Open deals first, then closed.
void draw_deal_summary_and_table(ViewContext& ctx, const std::vector<Id>& deals, float width);
// A page header: back link to the list, big name, a muted line under it.
bool draw_record_header(ViewContext& ctx, const char* back_label, const char* icon, const std::string& name,
                        const std::string& subtitle);
// Case-insensitive (ASCII) "contains".
bool matches_filter(const std::string& text, const char* filter);

// Copies `s` into an editor's fixed buffer (cut at n - 1 bytes).
void copy_text(char* dst, size_t n, const std::string& s);
// Checks `cmd` with the store first: a refusal stays in the editor as `error` (and false is
// returned); an accepted command is recorded for after the frame and `error` cleared.
bool record_checked(ViewContext& ctx, Command cmd, std::string& error);

// An inline editor row (adding or editing a record in place): `editors` draws the fields in
// `width`, then the primary button labelled `submit` and a Cancel button follow on the same line.
enum class RowAction { None, Submit, Cancel };
RowAction inline_editor_row(ViewContext& ctx, float width, const char* submit, const char* cancel_id,
                            void (*editors)(ViewContext&, float));

// The top of the contacts and companies pages: the heading, the filter box, the "New ..." button
// at the right end (disabled unless `editable`), and, while `adding`, the inline editor row with
// Add and Cancel. The button clears the editor (`clear_fields`, and `error`) and sets `adding`;
// Cancel clears `adding`. Returns Submit on the frame Add is clicked: the caller builds the
// record and clears `adding` once the store accepts it.
struct AddRowPage {
    const char* heading;
    const char* filter_hint;       // the filter box's placeholder
    const char* filter_name;       // what tests find it by
    const char* new_label;         // "New contact"
    float new_width;
    void (*editors)(ViewContext&, float);
};
RowAction page_header_with_add_row(ViewContext& ctx, const AddRowPage& page, char* filter, size_t filter_size,
                                   bool& adding, std::string& error, bool editable,
                                   const std::function<void()>& clear_fields);

// A delete confirmation: a modal titled `title` with `body` drawn inside (given the wrap width),
// "You can undo this right after.", Cancel (or Esc) and the `confirm` button. `request` opens it
// (and is cleared). Returns true on the frame the user confirms.
bool confirm_delete_dialog(ViewContext& ctx, const char* title, bool& request, const char* confirm,
                           const std::function<void(float wrap)>& body);
// Inside such a dialog: a bold heading and one bullet line per record (nothing when `records` is
// empty; the first 8, then "and N more"), each in its record's ID scope.
struct NamedRecord { Id id; std::string name; };
void bullet_list(ViewContext& ctx, const char* heading, const std::vector<NamedRecord>& records, float wrap);
std::vector<NamedRecord> deal_titles(const Store& store, const std::vector<Id>& deals);
std::vector<NamedRecord> contact_names(const Store& store, const std::vector<Id>& contacts);

}  // namespace dd::ui
