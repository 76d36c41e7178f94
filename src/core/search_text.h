// Folded text of many entries (a deal's title and reference, a contact's or a company's name) in
// one buffer, so a substring search is one pass over contiguous bytes instead of a string per
// record. Entries can be set and erased at any time (the list keeps it up to date under edits):
// a changed entry's old bytes are blanked and its new text appended; the buffer is compacted when
// more than half of it is blank.
//
// Fields and entries are separated by '\n', kept as is inside a field too: a needle without '\n'
// can then neither match across two fields nor miss a match inside one, exactly like searching
// each field alone. Needles holding '\n' are the caller's to check the slow, exact way.
#pragma once
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace dd {

class SearchText {
public:
    // Sets the entry's text: the fields, folded to lower case (ASCII), each on its own line.
    void set(uint32_t entry, std::initializer_list<std::string_view> fields);
    void erase(uint32_t entry);
    void clear();

    // Sets hit[e] = 1 for every entry e whose text contains `needle` (already folded, non-empty,
    // without '\n'); leaves the other flags alone. `hit` must cover every entry set.
    void find(std::string_view needle, std::vector<uint8_t>& hit) const;

    size_t bytes() const { return buf_.size(); }

private:
    static constexpr uint32_t kNone = 0xffffffffu;
    void compact();

    std::string buf_;                   // segments, each "field\nfield\n"; blanked ones are all '\n'
    std::vector<uint32_t> seg_start_;   // offset of each segment, increasing
    std::vector<uint32_t> seg_entry_;   // its entry (kNone: blanked)
    std::vector<uint32_t> entry_seg_;   // entry -> its live segment (kNone: no text)
    size_t blank_bytes_ = 0;
};

}  // namespace dd
