// The small helpers declared in model.h: enum names, ids, dates and instants as text.
#include "core/model.h"
#include <cstdio>

namespace dd {

namespace {

template <typename E, size_t N>
bool parse_name(std::string_view text, E& out, const char* const (&names)[N]) {
    for (size_t i = 0; i < N; ++i) {
        if (text == names[i]) {
            out = E(i);
            return true;
        }
    }
    return false;
}

const char* const kDealStatus[] = {"open", "won", "lost", "abandoned"};
const char* const kStageKind[] = {"open", "won", "lost"};
const char* const kRole[] = {"admin", "manager", "viewer"};
const char* const kActivityKind[] = {"call", "meeting", "email", "task"};
const char* const kFieldType[] = {"text", "number", "date", "single_select", "checkbox"};
const char* const kChangeKind[] = {"created", "stage", "status", "field", "deleted", "restored"};
const char* const kRecordKind[] = {"pipeline", "deal", "contact", "company", "team_member", "activity",
                                   "note", "deal_change", "custom_field", "lost_reason", "settings", "saved_view"};
const char* const kDealColumn[] = {"title", "value", "currency", "pipeline", "stage", "probability",
                                   "status", "owner", "contact", "company", "expected_close", "created",
                                   "updated", "last_activity", "reference", "custom"};

bool digits(std::string_view s, size_t from, size_t count, int& out) {
    out = 0;
    for (size_t i = from; i < from + count; ++i) {
        if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
        out = out * 10 + (s[i] - '0');
    }
    return true;
}

int days_in_month(int y, int m) {
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : kDays[m - 1];
}

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

const char* to_string(DealStatus v) { return kDealStatus[size_t(v)]; }
const char* to_string(StageKind v) { return kStageKind[size_t(v)]; }
const char* to_string(Role v) { return kRole[size_t(v)]; }
const char* to_string(ActivityKind v) { return kActivityKind[size_t(v)]; }
const char* to_string(FieldType v) { return kFieldType[size_t(v)]; }
const char* to_string(ChangeKind v) { return kChangeKind[size_t(v)]; }
const char* to_string(RecordKind v) { return kRecordKind[size_t(v)]; }
const char* to_string(DealColumn v) { return kDealColumn[size_t(v)]; }

bool parse(std::string_view s, DealStatus& v) { return parse_name(s, v, kDealStatus); }
bool parse(std::string_view s, StageKind& v) { return parse_name(s, v, kStageKind); }
bool parse(std::string_view s, Role& v) { return parse_name(s, v, kRole); }
bool parse(std::string_view s, ActivityKind& v) { return parse_name(s, v, kActivityKind); }
bool parse(std::string_view s, FieldType& v) { return parse_name(s, v, kFieldType); }
bool parse(std::string_view s, ChangeKind& v) { return parse_name(s, v, kChangeKind); }
bool parse(std::string_view s, RecordKind& v) { return parse_name(s, v, kRecordKind); }
bool parse(std::string_view s, DealColumn& v) { return parse_name(s, v, kDealColumn); }

bool parse_currency(std::string_view s, Currency& out) {
    if (s.size() != 3) return false;
    for (char c : s)
        if (c < 'A' || c > 'Z') return false;
    out.code = {{s[0], s[1], s[2]}};
    return true;
}

std::string id_to_string(Id id) {
    static const char kHex[] = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i, id >>= 4) out[size_t(i)] = kHex[id & 0xf];
    return out;
}

bool parse_id(std::string_view s, Id& out) {
    if (s.size() != 16) return false;
    Id id = 0;
    for (char c : s) {
        int d;
        if (c >= '0' && c <= '9') d = c - '0';
        else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
        else return false;
        id = (id << 4) | Id(d);
    }
    out = id;
    return true;
}

// Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian calendar).
Day day_from_civil(int y, int m, int d) {
    y -= m <= 2;
    const int64_t era = floor_div(y, 400);
    const int64_t yoe = y - era * 400;
    const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return Day(era * 146097 + doe - 719468);
}

void civil_from_day(Day day, int& y, int& m, int& d) {
    const int64_t z = int64_t(day) + 719468;
    const int64_t era = floor_div(z, 146097);
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    d = int(doy - (153 * mp + 2) / 5 + 1);
    m = int(mp < 10 ? mp + 3 : mp - 9);
    y = int(yoe + era * 400 + (m <= 2));
}

std::string day_to_string(Day day) {
    if (day == kNoDay) return "";
    int y, m, d;
    civil_from_day(day, y, m, d);
    char buf[24];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return buf;
}

bool parse_day(std::string_view s, Day& out) {
    int y, m, d;
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    if (!digits(s, 0, 4, y) || !digits(s, 5, 2, m) || !digits(s, 8, 2, d)) return false;
    if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return false;
    out = day_from_civil(y, m, d);
    return true;
}

std::string millis_to_string(Millis ms) {
    const int64_t day = floor_div(ms, 86'400'000);
    int64_t rest = ms - day * 86'400'000;
    int y, mo, d;
    civil_from_day(Day(day), y, mo, d);
    const int h = int(rest / 3'600'000);
    rest %= 3'600'000;
    const int mi = int(rest / 60'000);
    rest %= 60'000;
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", y, mo, d, h, mi, int(rest / 1000),
                  int(rest % 1000));
    return buf;
}

// Accepts "YYYY-MM-DDTHH:MM:SS[.fff]Z" (UTC only; 1 to 3 fraction digits).
bool parse_millis(std::string_view s, Millis& out) {
    if (s.size() < 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s.back() != 'Z') return false;
    Day day;
    if (!parse_day(s.substr(0, 10), day)) return false;
    int h, mi, sec;
    if (!digits(s, 11, 2, h) || !digits(s, 14, 2, mi) || !digits(s, 17, 2, sec)) return false;
    if (h > 23 || mi > 59 || sec > 59) return false;
    int ms = 0;
    const size_t frac_end = s.size() - 1;
    if (frac_end > 19) {
        if (s[19] != '.') return false;
        const size_t n = frac_end - 20;
        if (n < 1 || n > 3 || !digits(s, 20, n, ms)) return false;
        for (size_t i = n; i < 3; ++i) ms *= 10;
    } else if (frac_end != 19) {
        return false;
    }
    out = Millis(day) * 86'400'000 + Millis(h) * 3'600'000 + Millis(mi) * 60'000 + Millis(sec) * 1000 + ms;
    return true;
}

}  // namespace dd
