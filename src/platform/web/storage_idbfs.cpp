#include "platform/web/storage_idbfs.h"

#include <emscripten/emscripten.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

extern "C" {
void dd_idbfs_js_mount(const char* dir, void* ctx);
int dd_idbfs_js_request_sync(int urgent);
int dd_idbfs_js_durable();
int dd_idbfs_js_quota();
int dd_idbfs_js_fenced();
char* dd_idbfs_js_error();
double dd_idbfs_js_stats();
int dd_idbfs_js_unread_count();
int dd_idbfs_js_bytes_ready(const char* path);
void dd_idbfs_js_forget_unread(const char* path);
void dd_idbfs_js_fetch_unread(void* ctx);

EMSCRIPTEN_KEEPALIVE void dd_idbfs_mounted(void* ctx, int ok) {
    auto* s = static_cast<dd::web::IdbfsStorage*>(ctx);
    if (s->on_mounted) s->on_mounted(s->mounted_ctx, ok != 0);
}
EMSCRIPTEN_KEEPALIVE void dd_idbfs_unread_in(void* ctx, int ok) {
    auto* s = static_cast<dd::web::IdbfsStorage*>(ctx);
    if (s->on_unread_in) s->on_unread_in(s->unread_ctx, ok != 0);
}
EMSCRIPTEN_KEEPALIVE void dd_idbfs_sync_changed(void* ctx) {
    auto* s = static_cast<dd::web::IdbfsStorage*>(ctx);
    if (s->on_sync_changed) s->on_sync_changed(s->sync_ctx);
}
}

namespace dd::web {
namespace {
Error errno_error(const std::string& name, const char* what) {
    return field_error(name, std::string(what) + ": " + std::strerror(errno));
}
}  // namespace

void IdbfsStorage::mount(void (*done)(void*, bool), void* ctx) {
    on_mounted = done;
    mounted_ctx = ctx;
    dd_idbfs_js_mount(dir_.c_str(), this);
}

// Asked of every file recovery reads (~1,300 journal segments at 100,000 deals) and written: the
// name is passed to JS only while some file is unread, i.e. almost never.
bool IdbfsStorage::bytes_ready(const std::string& name) const {
    return dd_idbfs_js_unread_count() == 0 || dd_idbfs_js_bytes_ready(path(name).c_str()) != 0;
}

void IdbfsStorage::fetch_unread(void (*done)(void*, bool), void* ctx) {
    on_unread_in = done;
    unread_ctx = ctx;
    dd_idbfs_js_fetch_unread(this);
}

void IdbfsStorage::forget_unread(const std::string& name) const {
    if (dd_idbfs_js_unread_count() > 0) dd_idbfs_js_forget_unread(path(name).c_str());
}

void IdbfsStorage::close_reading() {
    if (reading_) std::fclose(reading_);
    reading_ = nullptr;
    reading_name_.clear();
}

Result<std::vector<std::string>> IdbfsStorage::list() {
    close_reading();
    DIR* d = opendir(dir_.c_str());
    if (!d) return errno_error(dir_, "cannot list");
    std::vector<std::string> names;
    while (dirent* e = readdir(d)) {
        if (e->d_name[0] == '.') continue;
        names.emplace_back(e->d_name);
    }
    closedir(d);
    return names;
}

namespace {
// Sizes `bytes` to hold `n` bytes that are about to be overwritten. resize() zero-fills them
// first: for the 43 MB snapshot of a 100,000-deal workspace that was 41 ms of the WASM start-up
// (musl's memset, a word at a time), all of it overwritten by the read right after. libc++ (the
// only standard library an Emscripten build has) sizes a string without filling it.
void size_for_overwrite(std::string& bytes, size_t n) {
#if defined(_LIBCPP_VERSION)
    bytes.__resize_default_init(n);
#else
    bytes.resize(n);
#endif
}
}  // namespace

Result<std::string> IdbfsStorage::read(const std::string& name) {
    close_reading();
    // An unread file's MEMFS copy is an empty stand-in: read, it would pass for a damaged snapshot.
    if (!bytes_ready(name)) return bytes_not_read_in(name);
    FILE* f = std::fopen(path(name).c_str(), "rb");
    if (!f) return errno_error(name, "cannot open");
    std::string bytes;
    struct stat st {};
    if (fstat(fileno(f), &st) == 0 && st.st_size > 0) size_for_overwrite(bytes, size_t(st.st_size));
    const size_t got = bytes.empty() ? 0 : std::fread(&bytes[0], 1, bytes.size(), f);
    const bool failed = std::ferror(f) != 0;
    std::fclose(f);
    if (failed) return errno_error(name, "cannot read");
    bytes.resize(got);
    return bytes;
}

Result<Storage::Part> IdbfsStorage::read_part(const std::string& name, uint64_t offset, char* out, size_t n) {
    if (!reading_ || name != reading_name_ || offset != reading_at_) {
        close_reading();
        if (!bytes_ready(name)) return bytes_not_read_in(name);
        reading_ = std::fopen(path(name).c_str(), "rb");
        if (!reading_) return errno_error(name, "cannot open");
        struct stat st {};
        if (fstat(fileno(reading_), &st) != 0) {
            close_reading();
            return errno_error(name, "cannot read");
        }
        reading_name_ = name;
        reading_size_ = uint64_t(st.st_size);
        if (offset != 0 && std::fseek(reading_, long(offset), SEEK_SET) != 0) {
            close_reading();
            return errno_error(name, "cannot read");
        }
    }
    Part part;
    part.file_size = reading_size_;
    if (offset < reading_size_ && n > 0) part.got = std::fread(out, 1, n, reading_);
    if (std::ferror(reading_) != 0) {
        close_reading();
        return errno_error(name, "cannot read");
    }
    reading_at_ = offset + part.got;
    if (part.got == 0 || reading_at_ >= reading_size_) close_reading();   // read to its end
    return part;
}

Status IdbfsStorage::write_atomic(const std::string& name, std::string_view bytes) {
    close_reading();
    const std::string tmp = path(name) + ".tmp";
    FILE* f = std::fopen(tmp.c_str(), "wb");
    if (!f) return errno_error(name, "cannot create");
    const size_t put = bytes.empty() ? 0 : std::fwrite(bytes.data(), 1, bytes.size(), f);
    const bool closed = std::fclose(f) == 0;
    if (put != bytes.size() || !closed) {
        std::remove(tmp.c_str());   // out of memory: the in-memory file system could not hold it
        return errno_error(name, "cannot write");
    }
    if (std::rename(tmp.c_str(), path(name).c_str()) != 0) return errno_error(name, "cannot rename");
    forget_unread(name);   // replaced by these bytes
    return ok_status();
}

Status IdbfsStorage::rename(const std::string& from, const std::string& to) {
    close_reading();
    if (!bytes_ready(from)) return bytes_not_read_in(from);
    if (std::rename(path(from).c_str(), path(to).c_str()) != 0) return errno_error(from, "cannot rename");
    forget_unread(to);
    return ok_status();
}

Status IdbfsStorage::remove(const std::string& name) {
    close_reading();
    if (std::remove(path(name).c_str()) != 0) return errno_error(name, "cannot remove");
    forget_unread(name);
    return ok_status();
}

uint64_t IdbfsStorage::commit() { return uint64_t(dd_idbfs_js_request_sync(urgent_ ? 1 : 0)); }
uint64_t IdbfsStorage::durable_ticket() const { return uint64_t(dd_idbfs_js_durable()); }
bool IdbfsStorage::quota_exceeded() const { return dd_idbfs_js_quota() != 0; }
bool IdbfsStorage::fenced() const { return dd_idbfs_js_fenced() != 0; }
double IdbfsStorage::bytes_synced() const { return dd_idbfs_js_stats(); }

std::string IdbfsStorage::commit_error() const {
    char* text = dd_idbfs_js_error();
    std::string out = text ? text : "";
    std::free(text);
    return out;
}

}  // namespace dd::web
