// Storage (core/storage.h) on a directory mounted on Emscripten's IDBFS: files are written to
// the in-memory file system at once, and commit() asks storage_idbfs.js for a sync to IndexedDB
// (serialized, coalesced, retried, durable on the transaction's `complete`).
#pragma once
#include "core/storage.h"

#include <cstdint>
#include <cstdio>
#include <string>

namespace dd::web {

class IdbfsStorage final : public Storage {
public:
    explicit IdbfsStorage(std::string dir) : dir_(std::move(dir)) {}
    ~IdbfsStorage() override { close_reading(); }
    IdbfsStorage(const IdbfsStorage&) = delete;
    IdbfsStorage& operator=(const IdbfsStorage&) = delete;

    // Mounts the directory and loads it from IndexedDB; `done(ctx, ok)` is called when finished
    // (asynchronously). Call once, before anything else.
    void mount(void (*done)(void* ctx, bool ok), void* ctx);

    Result<std::vector<std::string>> list() override;
    Result<std::string> read(const std::string& name) override;
    Result<Part> read_part(const std::string& name, uint64_t offset, char* out, size_t n) override;
    Status write_atomic(const std::string& name, std::string_view bytes) override;
    Status rename(const std::string& from, const std::string& to) override;
    Status remove(const std::string& name) override;
    // False for an older snapshot web/boot.js left unread (storage_idbfs.js, DDSync.unread).
    bool bytes_ready(const std::string& name) const override;
    // Fetches every file left unread at start; `done(ctx, ok)` once their bytes are in MEMFS
    // (ok false: some could not be placed; they stay unread, commit_error() says why).
    void fetch_unread(void (*done)(void* ctx, bool ok), void* ctx);

    uint64_t commit() override;
    // The page is going away: commits start their IndexedDB transaction before returning,
    // without reading the stored set first (set around the last flush, then cleared).
    void set_urgent(bool urgent) { urgent_ = urgent; }
    uint64_t durable_ticket() const override;
    std::string commit_error() const override;
    bool quota_exceeded() const override;
    bool fenced() const;                 // another tab wrote: this one must never write again
    double bytes_synced() const;         // bytes sent to IndexedDB so far (benchmarks)

    // Set by the JS side; public so the extern "C" trampolines can reach them.
    void (*on_mounted)(void* ctx, bool ok) = nullptr;
    void* mounted_ctx = nullptr;
    void (*on_sync_changed)(void* ctx) = nullptr;
    void* sync_ctx = nullptr;
    void (*on_unread_in)(void* ctx, bool ok) = nullptr;
    void* unread_ctx = nullptr;

private:
    std::string path(const std::string& name) const { return dir_ + "/" + name; }
    void close_reading();
    void forget_unread(const std::string& name) const;
    std::string dir_;
    bool urgent_ = false;
    // The file read_part read last, kept open while it is read on from where it stopped: a
    // snapshot is read in ~170 slices at 100,000 deals, and opening it for each (the path's
    // lookup, fstat, seek) cost 30-45 ms of a cold start. A read from elsewhere, any other call
    // that touches files, or its end closes it. A read from offset 0 always opens the file
    // afresh, and the page replaces files (the early read, a read-only tab's reload) only
    // between calls, never during one read from 0 to the end: a kept file is never stale.
    std::FILE* reading_ = nullptr;
    std::string reading_name_;
    uint64_t reading_at_ = 0;      // the offset the next slice is read from
    uint64_t reading_size_ = 0;    // the file's size when it was opened
};

}  // namespace dd::web
