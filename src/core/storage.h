// The storage the persistence engine writes to: small named files in one flat directory.
//
// Deliberately tiny so that the engine (journal_*.cpp, persist_*.cpp) is pure and testable:
// storage_memory.cpp implements it in memory (with fault injection for the tests), and
// src/platform/web/storage_idbfs.cpp implements it on a directory mounted on Emscripten's IDBFS.
//
// Two steps, like IDBFS itself: writes land in the file system at once (synchronous, in memory on
// the web), then commit() asks for everything written so far to become durable (on the web: one
// FS.syncfs, i.e. one IndexedDB transaction). A commit is asynchronous; the engine counts a change
// as saved only when durable_ticket() has reached the ticket of the commit that carried it.
#pragma once
#include "core/result.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dd {

class Storage {
public:
    virtual ~Storage() = default;

    // Names of the files in the directory (no sub-directories), in no particular order.
    virtual Result<std::vector<std::string>> list() = 0;
    virtual Result<std::string> read(const std::string& name) = 0;
    // Up to `n` bytes of `name` from byte `offset` into `out` (fewer only at the end of the file),
    // and the file's whole size: a big file read a slice at a time (the snapshot, journal.h).
    struct Part {
        size_t got = 0;
        uint64_t file_size = 0;
    };
    virtual Result<Part> read_part(const std::string& name, uint64_t offset, char* out, size_t n) = 0;
    // Replaces (or creates) `name` with `bytes` so that a reader sees the old or the new content,
    // never a mix: written to a temporary file first, then renamed over.
    virtual Status write_atomic(const std::string& name, std::string_view bytes) = 0;
    virtual Status rename(const std::string& from, const std::string& to) = 0;
    virtual Status remove(const std::string& name) = 0;
    // False while a listed file's bytes are still to be fetched. A browser start fetches only the
    // newest snapshot's bytes: the generation before it is needed only when the newest does not
    // load, and at 100,000 deals it is another 42 MB to read before the first frame (~0.3 s).
    // Such a file is listed, and may be removed; reading or renaming it is refused until its
    // bytes are in, so that nothing ever takes it for an empty (damaged) file.
    virtual bool bytes_ready(const std::string& name) const {
        (void)name;
        return true;
    }

    // ---- durability ----
    // Asks for every write so far to become durable; returns the ticket of that commit. Requests
    // made while a commit is in flight are coalesced into the next one (never two at once).
    virtual uint64_t commit() = 0;
    // The highest ticket whose commit completed (its IndexedDB transaction fired `complete`).
    virtual uint64_t durable_ticket() const = 0;
    // Why the last commit attempt failed ("" when it succeeded). A failed commit is retried by the
    // storage itself until it succeeds; the error stays visible until then.
    virtual std::string commit_error() const = 0;
    // True when the last failure was the browser refusing more space (quota).
    virtual bool quota_exceeded() const { return false; }
};

// What a storage says when asked to read or rename a file whose bytes are not in yet (bytes_ready).
inline Error bytes_not_read_in(const std::string& name) { return field_error(name, "its bytes are not read in yet"); }

// read_part of a file held whole in memory (the in-memory storages).
inline Storage::Part part_of(std::string_view file, uint64_t offset, char* out, size_t n) {
    Storage::Part part;
    part.file_size = file.size();
    if (offset < file.size()) part.got = file.copy(out, n, size_t(offset));
    return part;
}

}  // namespace dd
