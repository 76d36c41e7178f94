#include "core/storage_memory.h"

namespace dd {

Result<std::vector<std::string>> MemoryStorage::list() {
    std::vector<std::string> names;
    names.reserve(files_.size());
    for (const auto& [name, bytes] : files_) names.push_back(name);
    return names;
}

Result<std::string> MemoryStorage::read(const std::string& name) {
    if (held_.count(name)) return bytes_not_read_in(name);
    auto it = files_.find(name);
    if (it == files_.end()) return field_error(name, "no such file");
    return it->second;
}

Result<Storage::Part> MemoryStorage::read_part(const std::string& name, uint64_t offset, char* out, size_t n) {
    if (held_.count(name)) return bytes_not_read_in(name);
    auto it = files_.find(name);
    if (it == files_.end()) return field_error(name, "no such file");
    return part_of(it->second, offset, out, n);
}

Status MemoryStorage::write_atomic(const std::string& name, std::string_view bytes) {
    held_.erase(name);   // replaced: these bytes are here
    if (tear_next_) {
        tear_next_ = false;
        files_[name] = std::string(bytes.substr(0, tear_keep_));
        return ok_status();
    }
    files_[name] = std::string(bytes);
    return ok_status();
}

Status MemoryStorage::rename(const std::string& from, const std::string& to) {
    if (held_.count(from)) return bytes_not_read_in(from);
    auto it = files_.find(from);
    if (it == files_.end()) return field_error(from, "no such file");
    std::string bytes = std::move(it->second);
    files_.erase(it);
    files_[to] = std::move(bytes);
    return ok_status();
}

Status MemoryStorage::remove(const std::string& name) {
    held_.erase(name);
    if (files_.erase(name) == 0) return field_error(name, "no such file");
    return ok_status();
}

uint64_t MemoryStorage::commit() {
    pending_ticket_ = ++next_ticket_;
    if (!manual_commits_) complete_commits();
    return pending_ticket_;
}

void MemoryStorage::complete_commits() {
    if (pending_ticket_ <= durable_ticket_) return;
    if (!failing_.empty()) {
        commit_error_ = failing_;
        quota_ = failing_quota_;
        return;   // stays pending: the caller retries by calling complete_commits() again
    }
    make_durable();
    durable_ticket_ = pending_ticket_;
    commit_error_.clear();
    quota_ = false;
    ++commits_done_;
}

void MemoryStorage::fail_commits(std::string message, bool quota) {
    failing_ = std::move(message);
    failing_quota_ = quota;
}

void MemoryStorage::make_durable() {
    for (const auto& [name, bytes] : files_) {
        auto it = durable_.find(name);
        if (it == durable_.end() || it->second != bytes) bytes_committed_ += bytes.size();
    }
    durable_ = files_;
}

void MemoryStorage::crash() {
    files_ = durable_;
    pending_ticket_ = durable_ticket_;
}

}  // namespace dd
