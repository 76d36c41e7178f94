#include "core/storage_overlay.h"

#include <algorithm>

namespace dd {

Result<std::vector<std::string>> OverlayStorage::list() {
    auto base = base_.list();
    if (!base.ok()) return base.error();
    std::vector<std::string> names;
    for (std::string& name : base.value())
        if (in_base(name) && !in_top(name)) names.push_back(std::move(name));
    for (const auto& [name, bytes] : top_.files()) names.push_back(name);
    return names;
}

Result<std::string> OverlayStorage::read(const std::string& name) {
    if (in_top(name)) return top_.read(name);
    if (!in_base(name)) return field_error(name, "no such file");
    return base_.read(name);
}

Result<Storage::Part> OverlayStorage::read_part(const std::string& name, uint64_t offset, char* out, size_t n) {
    if (in_top(name)) return top_.read_part(name, offset, out, n);
    if (!in_base(name)) return field_error(name, "no such file");
    return base_.read_part(name, offset, out, n);
}

Status OverlayStorage::write_atomic(const std::string& name, std::string_view bytes) {
    return top_.write_atomic(name, bytes);
}

Status OverlayStorage::rename(const std::string& from, const std::string& to) {
    if (in_top(from)) {
        Status st = top_.rename(from, to);
        if (st.ok()) hidden_.insert(from);   // a base file of that name stays gone too
        return st;
    }
    if (!in_base(from)) return field_error(from, "no such file");
    // A base file: its bytes are copied up (renames are rare: a damaged file set aside).
    auto bytes = base_.read(from);
    if (!bytes.ok()) return bytes.error();
    Status st = top_.write_atomic(to, bytes.value());
    if (st.ok()) hidden_.insert(from);
    return st;
}

Status OverlayStorage::remove(const std::string& name) {
    const bool here = in_top(name);
    if (here) top_.remove(name);
    bool there = false;   // the base has it (and it is not gone already): hide it
    if (in_base(name)) {
        auto names = base_.list();
        there = names.ok() && std::find(names.value().begin(), names.value().end(), name) != names.value().end();
    }
    if (there) hidden_.insert(name);
    if (!here && !there) return field_error(name, "no such file");
    return ok_status();
}

bool OverlayStorage::bytes_ready(const std::string& name) const {
    return in_top(name) || base_.bytes_ready(name);
}

}  // namespace dd
