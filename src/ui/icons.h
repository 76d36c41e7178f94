// Font Awesome 4.7 codepoints used by the UI, as UTF-8 strings, merged into every UI font.
// To use a new icon: add its constant here AND its codepoint to kIconCodepoints (the font atlas
// only rasterizes the glyphs listed there, which keeps the atlas small).
#pragma once

namespace dd::icons {

inline constexpr const char* kUndo = "\xef\x83\xa2";        // f0e2 fa-undo
inline constexpr const char* kRedo = "\xef\x80\x9e";        // f01e fa-repeat (redo)
inline constexpr const char* kSearch = "\xef\x80\x82";      // f002 fa-search
inline constexpr const char* kMoon = "\xef\x86\x86";        // f186 fa-moon-o
inline constexpr const char* kSun = "\xef\x86\x85";         // f185 fa-sun-o
inline constexpr const char* kColumns = "\xef\x83\x9b";     // f0db fa-columns (board)
inline constexpr const char* kList = "\xef\x80\xba";        // f03a fa-list
inline constexpr const char* kLineChart = "\xef\x88\x81";   // f201 fa-line-chart (forecast)
inline constexpr const char* kDatabase = "\xef\x87\x80";    // f1c0 fa-database (sample data)
inline constexpr const char* kCaretDown = "\xef\x83\x97";   // f0d7 fa-caret-down
inline constexpr const char* kChevronRight = "\xef\x81\x94";// f054 fa-chevron-right
inline constexpr const char* kFilter = "\xef\x82\xb0";      // f0b0 fa-filter
inline constexpr const char* kCheck = "\xef\x80\x8c";       // f00c fa-check
inline constexpr const char* kTimes = "\xef\x80\x8d";       // f00d fa-times
inline constexpr const char* kClone = "\xef\x89\x8d";       // f24d fa-clone (logo mark)
inline constexpr const char* kExclamation = "\xef\x81\xaa"; // f06a fa-exclamation-circle
inline constexpr const char* kInfo = "\xef\x81\x9a";        // f05a fa-info-circle
inline constexpr const char* kChevronLeft = "\xef\x81\x93"; // f053 fa-chevron-left
inline constexpr const char* kArrowLeft = "\xef\x81\xa0";   // f060 fa-arrow-left (back)
inline constexpr const char* kPlus = "\xef\x81\xa7";        // f067 fa-plus
inline constexpr const char* kPencil = "\xef\x81\x80";      // f040 fa-pencil
inline constexpr const char* kTrash = "\xef\x87\xb8";       // f1f8 fa-trash
inline constexpr const char* kUser = "\xef\x80\x87";        // f007 fa-user
inline constexpr const char* kUsers = "\xef\x83\x80";       // f0c0 fa-users (team)
inline constexpr const char* kBuilding = "\xef\x86\xad";    // f1ad fa-building (company)
inline constexpr const char* kPhone = "\xef\x82\x95";       // f095 fa-phone (call)
inline constexpr const char* kEnvelope = "\xef\x83\xa0";    // f0e0 fa-envelope (email)
inline constexpr const char* kCalendar = "\xef\x81\xb3";    // f073 fa-calendar (meeting, dates)
inline constexpr const char* kTasks = "\xef\x82\xae";       // f0ae fa-tasks (task)
inline constexpr const char* kComment = "\xef\x83\xa5";     // f0e5 fa-comment-o (note)
inline constexpr const char* kTrophy = "\xef\x82\x91";      // f091 fa-trophy (won)
inline constexpr const char* kBan = "\xef\x81\x9e";         // f05e fa-ban (lost, abandoned)
inline constexpr const char* kHistory = "\xef\x87\x9a";     // f1da fa-history (field edits, reopen)
inline constexpr const char* kFlag = "\xef\x80\xa4";        // f024 fa-flag (stage moves)
inline constexpr const char* kLock = "\xef\x80\xa3";        // f023 fa-lock (read only)
inline constexpr const char* kAddressBook = "\xef\x8a\xb9"; // f2b9 fa-address-book (contacts)
inline constexpr const char* kChevronUp = "\xef\x81\xb7";   // f077 fa-chevron-up (move a saved view up)

// Zero-terminated list of the codepoints above, for ImFontGlyphRangesBuilder.
inline constexpr unsigned kIconCodepoints[] = {
    0xf0e2, 0xf01e, 0xf002, 0xf186, 0xf185, 0xf0db, 0xf03a, 0xf201, 0xf1c0,
    0xf0d7, 0xf054, 0xf0b0, 0xf00c, 0xf00d, 0xf24d, 0xf06a, 0xf05a,
    0xf053, 0xf060, 0xf067, 0xf040, 0xf1f8, 0xf007, 0xf0c0, 0xf1ad, 0xf095, 0xf0e0, 0xf073, 0xf0ae, 0xf0e5,
    0xf091, 0xf05e, 0xf1da, 0xf024, 0xf023, 0xf2b9, 0xf077, 0};

}  // namespace dd::icons
