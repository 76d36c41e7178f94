// Storage in memory: what the native tests and benchmarks persist to.
//
// It can simulate what goes wrong with real storage, so the tests can check recovery:
//  * a torn write (only the first N bytes of the next write land, as if power was lost),
//  * corruption of stored bytes (flip a byte, truncate a file),
//  * commits that stay pending (asynchronous durability) or fail (quota, I/O error),
//  * a "crash": every write since the last durable commit is lost.
#pragma once
#include "core/storage.h"

#include <cstddef>
#include <map>
#include <set>
#include <string>

namespace dd {

class MemoryStorage final : public Storage {
public:
    Result<std::vector<std::string>> list() override;
    Result<std::string> read(const std::string& name) override;
    Result<Part> read_part(const std::string& name, uint64_t offset, char* out, size_t n) override;
    Status write_atomic(const std::string& name, std::string_view bytes) override;
    Status rename(const std::string& from, const std::string& to) override;
    Status remove(const std::string& name) override;
    bool bytes_ready(const std::string& name) const override { return held_.count(name) == 0; }

    uint64_t commit() override;
    uint64_t durable_ticket() const override { return durable_ticket_; }
    std::string commit_error() const override { return commit_error_; }
    bool quota_exceeded() const override { return quota_; }

    // ---- what the tests drive ----
    // Commits complete at once (default) or wait for complete_commits().
    void set_manual_commits(bool manual) { manual_commits_ = manual; }
    // Completes the pending commit (manual mode): durable state := current files.
    void complete_commits();
    // The next commits fail with this message (manual or not) until cleared with "".
    void fail_commits(std::string message, bool quota = false);
    // The next write_atomic writes only `keep_bytes` of its content, and not atomically.
    void tear_next_write(size_t keep_bytes) { tear_next_ = true; tear_keep_ = keep_bytes; }
    // A stored file whose bytes are "not fetched yet" (Storage::bytes_ready), as a browser start
    // leaves the older snapshot: listed, removable, but not readable or renamable until released.
    void hold_bytes(const std::string& name) { held_.insert(name); }
    void release_bytes(const std::string& name) { held_.erase(name); }
    // Power loss: the files go back to what the last completed commit held.
    void crash();

    // Direct access to stored files (corruption, inspection).
    std::map<std::string, std::string>& files() { return files_; }
    bool has(const std::string& name) const { return files_.count(name) != 0; }
    // Bytes that commits sent to durable storage: only files that changed since the previous
    // commit count, whole (what IDBFS does).
    uint64_t bytes_committed() const { return bytes_committed_; }
    uint64_t commits_done() const { return commits_done_; }

private:
    void make_durable();

    std::map<std::string, std::string> files_;
    std::map<std::string, std::string> durable_;
    std::set<std::string> held_;
    uint64_t next_ticket_ = 0;
    uint64_t pending_ticket_ = 0;
    uint64_t durable_ticket_ = 0;
    std::string commit_error_;
    bool quota_ = false;
    std::string failing_;
    bool failing_quota_ = false;
    bool manual_commits_ = false;
    bool tear_next_ = false;
    size_t tear_keep_ = 0;
    uint64_t bytes_committed_ = 0;
    uint64_t commits_done_ = 0;
};

}  // namespace dd
