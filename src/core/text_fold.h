// ASCII case folding shared by the query paths (query.cpp's exact filter and sort, DealTable's
// columns), so both fold and compare text the same way and their results stay identical.
#pragma once
#include <algorithm>
#include <string>
#include <string_view>

namespace dd {

inline char fold_char(char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; }

inline std::string folded(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = fold_char(c);
    return out;
}

// <0, 0, >0 like strcmp, on folded characters compared as (signed) char, shorter first on a tie.
inline int compare_folded(std::string_view a, std::string_view b) {
    const size_t n = std::min(a.size(), b.size());
    for (size_t i = 0; i < n; ++i) {
        const char x = fold_char(a[i]), y = fold_char(b[i]);
        if (x != y) return x < y ? -1 : 1;
    }
    return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

}  // namespace dd
