// The binary workspace snapshot (snapshot_binary.h). Each record kind's layout is written once, as
// a template over the direction (`Encoder` writes, `Decoder` reads): the reader and the writer
// cannot drift apart, and a field added to one is in the other.
#include "core/snapshot_binary.h"

#include "core/byte_io.h"
#include "core/journal_format.h"   // crc32
#include "core/json_io.h"          // check_workspace

#include <limits>
#include <type_traits>

namespace dd {
namespace {

constexpr std::string_view kMagic = "DDWB";
constexpr size_t kHeaderSize = 4 + 4 + 8 + 4;
// The fewest bytes a record with a RecordMeta can take (id 8, revision, created, updated 1 each):
// bounds what a count read from the file may reserve.
constexpr size_t kMinRecordBytes = 11;

// Model strings may be std::string or a compact type that converts to a string_view or to a
// const std::string& and is assigned from a std::string (model.h): both read and write through these.
template <typename S>
std::string_view view_of(const S& s) {
    if constexpr (std::is_convertible_v<const S&, std::string_view>) return std::string_view(s);
    else return std::string_view(static_cast<const std::string&>(s));
}

class Encoder {
public:
    explicit Encoder(std::string& out) : out_(out) {}

    void id(Id v) { bytes::put_u64(out_, v); }
    template <typename T>
    void uns(const T& v) {
        static_assert(std::is_unsigned_v<T>);
        bytes::put_varint(out_, v);
    }
    template <typename T>
    void sig(const T& v) {
        static_assert(std::is_signed_v<T>);
        bytes::put_varint(out_, bytes::zigzag(v));
    }
    void flag(bool v) { out_.push_back(v ? 1 : 0); }
    template <typename E>
    void enumeration(const E& v, E /*last*/) { out_.push_back(char(v)); }
    void currency(const Currency& c) { out_.append(c.code.data(), 3); }
    template <typename S>
    void str(const S& s) {
        const std::string_view v = view_of(s);
        bytes::put_varint(out_, v.size());
        out_.append(v.data(), v.size());
    }
    template <typename S>
    void shared_text(const S& s) { str(s); }   // the same bytes as str: the sharing is the reader's
    template <typename S>
    void picked_text(const S& s) { str(s); }
    void meta(const RecordMeta& m) {
        id(m.id);
        uns(m.revision);
        sig(m.created_at);
        // Mostly a few seconds or days after created_at: a short delta instead of a 6-byte instant.
        bytes::put_varint(out_, bytes::zigzag(int64_t(uint64_t(m.updated_at) - uint64_t(m.created_at))));
    }
    template <typename V, typename F>
    void list(const char* /*section*/, const V& records, size_t /*min_bytes*/, F&& each) {
        bytes::put_varint(out_, records.size());
        for (const auto& r : records) each(r);
    }
    template <typename V, typename F>
    void history_lines(const V& records, F&& each) { list("history", records, kMinRecordBytes, each); }

private:
    std::string& out_;
};

class Decoder {
public:
    // With `deferred`, the history section is read and checked but its lines are not kept:
    // where they are goes into `deferred` (decode_workspace_binary_stream).
    explicit Decoder(bytes::ByteReader& in, DeferredHistory* deferred = nullptr) : in_(in), deferred_(deferred) {}

    bool failed() const { return in_.failed(); }
    size_t remaining() const { return in_.remaining(); }
    // Where the first problem was: "deals[12] at byte 4096 of the body: a value out of range".
    std::string problem() const {
        const std::string at = section_ ? std::string(section_) + "[" + std::to_string(index_) + "]" : "settings";
        return at + " at byte " + std::to_string(first_byte_at_ + in_.failed_at()) + " of the body: " +
               (bad_value_ ? "a value out of range" : "truncated or malformed");
    }

    void id(Id& v) { v = in_.u64(); }
    template <typename T>
    void uns(T& v) {
        const uint64_t x = in_.varint();
        if (x > std::numeric_limits<T>::max()) return refuse();
        v = T(x);
    }
    template <typename T>
    void sig(T& v) {
        const int64_t x = in_.svarint();
        if (x < std::numeric_limits<T>::min() || x > std::numeric_limits<T>::max()) return refuse();
        v = T(x);
    }
    void flag(bool& v) {
        const uint8_t b = in_.u8();
        if (b > 1) return refuse();
        v = b != 0;
    }
    template <typename E>
    void enumeration(E& v, E last) {
        const uint8_t b = in_.u8();
        if (b > uint8_t(last)) return refuse();
        v = E(b);
    }
    void currency(Currency& c) {
        const std::string_view v = in_.take(3);
        if (v.size() == 3) c.code = {{v[0], v[1], v[2]}};
    }
    template <typename S>
    void str(S& s) {
        const uint64_t n = in_.varint();
        const std::string_view v = in_.take(n);
        // Straight from the input's bytes: no temporary std::string (an allocation and a copy per
        // compact string, slow under WASM's malloc).
        if constexpr (std::is_same_v<S, std::string>) s.assign(v.data(), v.size());
        else if constexpr (std::is_assignable_v<S&, std::string_view>) s = v;
        else s = std::string(v);
    }
    // A text that repeats across records (a history line's): equal short texts share one block.
    void shared_text(CompactString& s) {
        const uint64_t n = in_.varint();
        if (skipping_) in_.take(n);   // a deferred history line: checked, not kept
        else texts_.assign(s, in_.take(n));
    }
    // A text mostly picked from a short list (a deal's source, a custom field's option): shared
    // the same way, from a table of its own, so that free texts there (a Text custom field) can
    // never fill the history's table. 180,000 fewer blocks (mallocs and fresh bytes) at a
    // 100,000-deal cold start.
    void picked_text(CompactString& s) {
        const uint64_t n = in_.varint();
        picked_.assign(s, in_.take(n));
    }
    void meta(RecordMeta& m) {
        id(m.id);
        uns(m.revision);
        sig(m.created_at);
        m.updated_at = Millis(uint64_t(m.created_at) + uint64_t(in_.svarint()));
    }
    template <typename V, typename F>
    void list(const char* section, V& records, size_t min_bytes, F&& each) {
        if (section && !failed()) {   // after a failure, keep naming where it happened
            section_ = section;
            index_ = 0;
        }
        const uint64_t count = in_.varint();
        // A count can never exceed what the bytes left could hold: no huge reserve from a bad file.
        if (count > in_.remaining() / min_bytes) return refuse();
        records.clear();
        records.reserve(size_t(count));
        for (uint64_t i = 0; i < count && !failed(); ++i) {
            if (section) index_ = size_t(i);
            records.emplace_back();
            each(records.back());
        }
    }
    // The history section: decoded as any list, or, when deferred, each line read into one
    // scratch line (so that every value check still runs and a bad line refuses the snapshot
    // now, when the previous generation can still be used) and dropped, its texts not even
    // shared. Leaves `records` empty then.
    template <typename V, typename F>
    void history_lines(V& records, F&& each) {
        if (!deferred_) return list("history", records, kMinRecordBytes, each);
        if (!failed()) {
            section_ = "history";
            index_ = 0;
        }
        const uint64_t count = in_.varint();
        if (count > in_.remaining() / kMinRecordBytes) return refuse();
        records.clear();
        deferred_->offset = in_.offset();
        deferred_->count = count;
        typename V::value_type scratch;
        skipping_ = true;
        for (uint64_t i = 0; i < count && !failed(); ++i) {
            index_ = size_t(i);
            each(scratch);
        }
        skipping_ = false;
    }
    // Where the reader's first byte sits in the body (a history line decoder starts at the first
    // line), so that problem() names the byte a full decode would.
    void count_bytes_from(uint64_t at) { first_byte_at_ = at; }
    // Names the section a decoder reading records one at a time is in (HistoryLineDecoder).
    void at(const char* section, size_t index) {
        if (failed()) return;
        section_ = section;
        index_ = index;
    }

private:
    void refuse() {
        if (!in_.failed()) bad_value_ = true;
        in_.fail();
    }
    bytes::ByteReader& in_;
    DeferredHistory* deferred_ = nullptr;
    uint64_t first_byte_at_ = 0;   // count_bytes_from
    bool skipping_ = false;   // inside a deferred history section
    TextInterner texts_;    // this load's shared history texts (bounded: compact_string.h)
    TextInterner picked_;   // this load's sources and custom values
    bool bad_value_ = false;
    const char* section_ = nullptr;
    size_t index_ = 0;
};

// ---- the layout: one function per record kind, shared by both directions ---------------------

template <typename IO, typename W>
void settings_fields(IO& io, W& s) {
    io.uns(s.revision);
    io.sig(s.updated_at);
    io.str(s.name);
    io.currency(s.base_currency);
    io.list(nullptr, s.rates, 4, [&](auto& r) {
        io.currency(r.currency);
        io.sig(r.rate_ppm);
    });
    io.id(s.current_user);
    io.str(s.locale);
}

template <typename IO, typename P>
void pipeline_fields(IO& io, P& p) {
    io.meta(p.meta);
    io.str(p.name);
    io.sig(p.position);
    io.list(nullptr, p.stages, 8, [&](auto& st) {
        io.id(st.id);
        io.str(st.name);
        io.uns(st.probability);
        io.uns(st.color);
        io.sig(st.idle_days);
        io.enumeration(st.kind, StageKind::Lost);
    });
}

template <typename IO, typename V>
void id_list(IO& io, V& ids) {
    io.list(nullptr, ids, 8, [&](auto& id) { io.id(id); });
}

template <typename IO, typename D>
void deal_fields(IO& io, D& d) {
    io.meta(d.meta);
    io.str(d.title);
    io.sig(d.value);
    io.currency(d.currency);
    io.sig(d.expected_close);
    io.id(d.pipeline);
    io.id(d.stage);
    io.sig(d.rank);
    io.id(d.owner);
    id_list(io, d.contacts);
    io.id(d.company);
    io.enumeration(d.status, DealStatus::Abandoned);
    io.sig(d.probability_override);
    io.flag(d.commit);
    io.id(d.lost_reason);
    io.str(d.lost_reason_text);
    io.str(d.external_ref);
    io.str(d.description);
    io.picked_text(d.source);
    io.list(nullptr, d.custom, 10, [&](auto& c) {
        io.id(c.field);
        io.picked_text(c.text);
        io.sig(c.number);
    });
    io.sig(d.closed_at);
    io.id(d.closed_by);
    io.sig(d.close_date);
    io.sig(d.last_activity_at);
}

template <typename IO, typename C>
void contact_fields(IO& io, C& c) {
    io.meta(c.meta);
    io.str(c.name);
    io.str(c.email);
    io.str(c.phone);
    io.id(c.company);
}

template <typename IO, typename C>
void company_fields(IO& io, C& c) {
    io.meta(c.meta);
    io.str(c.name);
    io.str(c.domain);
    io.sig(c.employees);
}

template <typename IO, typename M>
void member_fields(IO& io, M& m) {
    io.meta(m.meta);
    io.str(m.name);
    io.str(m.email);
    io.enumeration(m.role, Role::Viewer);
}

template <typename IO, typename A>
void activity_fields(IO& io, A& a) {
    io.meta(a.meta);
    io.enumeration(a.kind, ActivityKind::Task);
    io.str(a.subject);
    io.sig(a.due_at);
    io.flag(a.done);
    io.sig(a.done_at);
    io.sig(a.duration_min);
    io.str(a.outcome);
    io.id(a.deal);
    id_list(io, a.contacts);
    io.id(a.owner);
}

template <typename IO, typename N>
void note_fields(IO& io, N& n) {
    io.meta(n.meta);
    io.id(n.deal);
    io.id(n.contact);
    io.str(n.text);
    io.id(n.author);
}

template <typename IO, typename H>
void change_fields(IO& io, H& h) {
    io.meta(h.meta);
    io.id(h.deal);
    io.id(h.actor);
    io.enumeration(h.kind, ChangeKind::Restored);
    io.shared_text(h.field);
    io.shared_text(h.old_value);
    io.shared_text(h.new_value);
}

template <typename IO, typename F>
void custom_field_fields(IO& io, F& f) {
    io.meta(f.meta);
    io.str(f.name);
    io.enumeration(f.type, FieldType::Checkbox);
    io.list(nullptr, f.options, 1, [&](auto& o) { io.str(o); });
    io.sig(f.position);
}

template <typename IO, typename L>
void lost_reason_fields(IO& io, L& l) {
    io.meta(l.meta);
    io.str(l.text);
    io.sig(l.position);
}

// An optional number: a presence flag, then the value when present.
template <typename IO, typename O>
void optional_number(IO& io, O& o) {
    bool has = o.has_value();
    io.flag(has);
    int64_t v = has ? *o : 0;
    if (has) io.sig(v);
    if constexpr (!std::is_const_v<O>) {
        if (has) o = v;
        else o.reset();
    }
}

template <typename IO, typename V>
void saved_view_fields(IO& io, V& v, uint32_t version) {
    io.meta(v.meta);
    io.str(v.name);
    io.id(v.owner);
    // Version 3 added sharing; views of older snapshots were seen by the whole team: shared.
    bool shared = version >= 3 ? bool(v.shared) : true;
    if (version >= 3) io.flag(shared);
    if constexpr (!std::is_const_v<V>) v.shared = shared;
    io.sig(v.position);
    io.str(v.search);
    auto& q = v.filters;
    io.str(q.text);
    io.id(q.pipeline);
    id_list(io, q.stages);
    id_list(io, q.owners);
    io.uns(q.status_mask);
    io.sig(q.close_from);
    io.sig(q.close_to);
    io.sig(q.created_from);
    io.sig(q.created_to);
    optional_number(io, q.value_min);
    optional_number(io, q.value_max);
    io.list(nullptr, q.custom, 10, [&](auto& f) {
        io.id(f.field);
        io.str(f.text);
        optional_number(io, f.number_min);
        optional_number(io, f.number_max);
        io.flag(f.has_value);
    });
    io.list(nullptr, v.sort, 10, [&](auto& k) {
        io.enumeration(k.column, DealColumn::Custom);
        io.id(k.custom_field);
        io.flag(k.descending);
    });
    io.list(nullptr, v.layout.columns, 11, [&](auto& c) {
        io.enumeration(c.column, DealColumn::Custom);
        io.id(c.custom_field);
        uint32_t px = uint32_t(c.width + 0.5f);   // whole CSS pixels, as in the JSON
        io.uns(px);
        if constexpr (!std::is_const_v<std::remove_reference_t<decltype(c)>>) c.width = float(px);
        io.flag(c.visible);
    });
}

template <typename IO, typename T>
void tombstone_fields(IO& io, T& t) {
    io.enumeration(t.kind, RecordKind::SavedView);
    io.id(t.id);
    io.uns(t.revision);
    io.sig(t.deleted_at);
}

template <typename IO, typename W>
void workspace_fields(IO& io, W& ws, uint32_t version) {
    settings_fields(io, ws.settings);
    io.list("pipelines", ws.pipelines, kMinRecordBytes, [&](auto& r) { pipeline_fields(io, r); });
    io.list("deals", ws.deals, kMinRecordBytes, [&](auto& r) { deal_fields(io, r); });
    io.list("contacts", ws.contacts, kMinRecordBytes, [&](auto& r) { contact_fields(io, r); });
    io.list("companies", ws.companies, kMinRecordBytes, [&](auto& r) { company_fields(io, r); });
    io.list("team", ws.team, kMinRecordBytes, [&](auto& r) { member_fields(io, r); });
    io.list("activities", ws.activities, kMinRecordBytes, [&](auto& r) { activity_fields(io, r); });
    io.list("notes", ws.notes, kMinRecordBytes, [&](auto& r) { note_fields(io, r); });
    io.history_lines(ws.history, [&](auto& r) { change_fields(io, r); });
    io.list("custom_fields", ws.custom_fields, kMinRecordBytes, [&](auto& r) { custom_field_fields(io, r); });
    io.list("lost_reasons", ws.lost_reasons, kMinRecordBytes, [&](auto& r) { lost_reason_fields(io, r); });
    io.list("tombstones", ws.tombstones, 11, [&](auto& r) { tombstone_fields(io, r); });
    if (version >= 2) io.list("saved_views", ws.saved_views, kMinRecordBytes, [&](auto& r) { saved_view_fields(io, r, version); });
}

Error snapshot_error(std::string message) { return field_error("binary snapshot", std::move(message)); }

}  // namespace

bool is_binary_workspace(std::string_view bytes) { return bytes.substr(0, kMagic.size()) == kMagic; }

std::string save_workspace_binary(const Workspace& ws) {
    std::string out;
    // A rough guess from the sample data (about 440 bytes a deal with what comes with it): one
    // allocation in the common case instead of a dozen doublings of a tens-of-MB string.
    out.reserve(kHeaderSize + 4096 + ws.deals.size() * 200 + ws.history.size() * 80 + ws.activities.size() * 100 +
                ws.contacts.size() * 80 + ws.notes.size() * 120 + ws.companies.size() * 60);
    out.append(kMagic.data(), kMagic.size());
    bytes::put_u32(out, kBinarySnapshotVersion);
    bytes::put_u64(out, 0);   // body length, patched below
    bytes::put_u32(out, 0);   // body checksum, patched below
    Encoder enc(out);
    workspace_fields(enc, ws, kBinarySnapshotVersion);
    const std::string_view body = std::string_view(out).substr(kHeaderSize);
    std::string patch;
    bytes::put_u64(patch, body.size());
    bytes::put_u32(patch, journal::crc32(body));
    out.replace(8, patch.size(), patch);
    return out;
}

namespace {

// Up to `budget` records of one section from `index` on; its count first. True when it is all written.
template <typename V, typename F>
bool encode_part(std::string& out, const V& records, size_t& index, bool& counted, size_t& budget, F&& each) {
    if (!counted) {
        bytes::put_varint(out, records.size());
        counted = true;
    }
    for (; index < records.size() && budget > 0; ++index, --budget) each(records[index]);
    return index == records.size();
}

void write_header(std::string& out) {
    out.append(kMagic.data(), kMagic.size());
    bytes::put_u32(out, kBinarySnapshotVersion);
    bytes::put_u64(out, 0);   // body length, patched at the end
    bytes::put_u32(out, 0);   // body checksum, patched at the end
}

}  // namespace

BinarySnapshotWriter::BinarySnapshotWriter(const Workspace& ws, size_t prefix) : ws_(ws), prefix_(prefix) {
    out_.reserve(prefix + kHeaderSize + 4096 + ws.deals.size() * 200 + ws.history.size() * 80 + ws.activities.size() * 100 +
                 ws.contacts.size() * 80 + ws.notes.size() * 120 + ws.companies.size() * 60);
    out_.assign(prefix, '\0');
    write_header(out_);
    crc_to_ = out_.size();
}

bool BinarySnapshotWriter::step(size_t budget) {
    Encoder io(out_);
    const uint32_t v = kBinarySnapshotVersion;
    // The sections of workspace_fields, in its order (a test checks the bytes are the same).
    while (!done() && budget > 0) {
        bool section_done = true;
        switch (section_) {
        case -1: settings_fields(io, ws_.settings); break;
        case 0: section_done = encode_part(out_, ws_.pipelines, index_, counted_, budget, [&](auto& r) { pipeline_fields(io, r); }); break;
        case 1: section_done = encode_part(out_, ws_.deals, index_, counted_, budget, [&](auto& r) { deal_fields(io, r); }); break;
        case 2: section_done = encode_part(out_, ws_.contacts, index_, counted_, budget, [&](auto& r) { contact_fields(io, r); }); break;
        case 3: section_done = encode_part(out_, ws_.companies, index_, counted_, budget, [&](auto& r) { company_fields(io, r); }); break;
        case 4: section_done = encode_part(out_, ws_.team, index_, counted_, budget, [&](auto& r) { member_fields(io, r); }); break;
        case 5: section_done = encode_part(out_, ws_.activities, index_, counted_, budget, [&](auto& r) { activity_fields(io, r); }); break;
        case 6: section_done = encode_part(out_, ws_.notes, index_, counted_, budget, [&](auto& r) { note_fields(io, r); }); break;
        case 7: section_done = encode_part(out_, ws_.history, index_, counted_, budget, [&](auto& r) { change_fields(io, r); }); break;
        case 8: section_done = encode_part(out_, ws_.custom_fields, index_, counted_, budget, [&](auto& r) { custom_field_fields(io, r); }); break;
        case 9: section_done = encode_part(out_, ws_.lost_reasons, index_, counted_, budget, [&](auto& r) { lost_reason_fields(io, r); }); break;
        case 10: section_done = encode_part(out_, ws_.tombstones, index_, counted_, budget, [&](auto& r) { tombstone_fields(io, r); }); break;
        case 11: section_done = encode_part(out_, ws_.saved_views, index_, counted_, budget, [&](auto& r) { saved_view_fields(io, r, v); }); break;
        }
        if (section_done) {
            ++section_;
            index_ = 0;
            counted_ = false;
        }
    }
    // The checksum follows the bytes as they are written: no pass over the whole body at the end.
    crc_ = journal::crc32(std::string_view(out_).substr(crc_to_), crc_);
    crc_to_ = out_.size();
    if (!done()) return false;
    const size_t body = out_.size() - prefix_ - kHeaderSize;
    std::string patch;
    bytes::put_u64(patch, body);
    bytes::put_u32(patch, crc_);
    out_.replace(prefix_ + 8, patch.size(), patch);
    payload_crc_ = journal::crc32_combine(journal::crc32(std::string_view(out_).substr(prefix_, kHeaderSize)), crc_, body);
    return true;
}

std::string BinarySnapshotWriter::take() { return std::move(out_); }

Result<Workspace> load_workspace_binary(std::string_view data) {
    Result<Workspace> ws = decode_workspace_binary(data);
    if (!ws.ok()) return ws;
    Status checked = check_workspace(ws.value());
    if (!checked.ok()) return snapshot_error("fails the workspace check: " + checked.error().text());
    return ws;
}

namespace {

// The header's version and body length, or why it cannot be read; `header` is its kHeaderSize bytes.
Result<uint32_t> read_header(std::string_view header, uint64_t body_size) {
    if (header.size() < kHeaderSize)
        return snapshot_error("truncated header (" + std::to_string(header.size()) + " bytes)");
    if (!is_binary_workspace(header)) return snapshot_error("not a binary workspace (wrong magic)");
    const uint32_t version = bytes::get_u32(header.data() + 4);
    if (version < kOldestBinarySnapshotVersion || version > kBinarySnapshotVersion)
        return snapshot_error("version " + std::to_string(version) + " is not supported (this app reads versions " +
                              std::to_string(kOldestBinarySnapshotVersion) + " to " +
                              std::to_string(kBinarySnapshotVersion) + ")");
    const uint64_t length = bytes::get_u64(header.data() + 8);
    if (body_size != length)
        return snapshot_error("length mismatch (" + std::to_string(body_size) + " of " + std::to_string(length) +
                              " bytes)");
    return version;
}

// The records of a body whose header was accepted: `in` is positioned at the body's first byte
// and holds exactly the body.
Result<Workspace> decode_body(bytes::ByteReader& in, uint32_t version, DeferredHistory* deferred = nullptr) {
    Workspace ws;
    Decoder dec(in, deferred);
    workspace_fields(dec, ws, version);
    if (dec.failed()) return snapshot_error(dec.problem());
    if (dec.remaining() != 0)
        return snapshot_error(std::to_string(dec.remaining()) + " unexpected bytes after the last section");
    return ws;
}

}  // namespace

Result<Workspace> decode_workspace_binary(std::string_view data) {
    const std::string_view body = data.size() < kHeaderSize ? std::string_view() : data.substr(kHeaderSize);
    Result<uint32_t> version = read_header(data.substr(0, kHeaderSize), body.size());
    if (!version.ok()) return version.error();
    if (journal::crc32(body) != bytes::get_u32(data.data() + 16))
        return snapshot_error("checksum mismatch");
    bytes::ByteReader in(body);
    return decode_body(in, version.value());
}

Result<Workspace> decode_workspace_binary_stream(bytes::ByteSource source, uint64_t size, size_t window,
                                                 DeferredHistory* deferred) {
    bytes::ByteReader in(source, size, window);
    const std::string_view header = in.take(kHeaderSize);
    if (in.failed()) return snapshot_error("truncated header (" + std::to_string(size) + " bytes)");
    Result<uint32_t> version = read_header(header, size - kHeaderSize);
    if (!version.ok()) return version.error();
    return decode_body(in, version.value(), deferred);
}

struct HistoryLineDecoder::State {
    State(bytes::ByteSource source, uint64_t size, uint64_t count, uint64_t first_line_at, size_t window)
        : in(source, size, window), dec(in), count(count) {
        dec.count_bytes_from(first_line_at);
    }
    bytes::ByteReader in;
    Decoder dec;
    uint64_t count;
    uint64_t next = 0;
};

HistoryLineDecoder::HistoryLineDecoder(bytes::ByteSource source, uint64_t size, uint64_t count, uint64_t first_line_at,
                                       size_t window)
    : s_(std::make_unique<State>(source, size, count, first_line_at, window)) {}
HistoryLineDecoder::~HistoryLineDecoder() = default;

bool HistoryLineDecoder::step(size_t n, ChunkedVector<DealChange>& out) {
    State& s = *s_;
    for (; n > 0 && s.next < s.count && !s.dec.failed(); --n, ++s.next) {
        s.dec.at("history", size_t(s.next));
        out.emplace_back();
        change_fields(s.dec, out.back());
    }
    return !s.dec.failed();
}

bool HistoryLineDecoder::done() const { return s_->next == s_->count && !s_->dec.failed(); }
bool HistoryLineDecoder::failed() const { return s_->dec.failed(); }
std::string HistoryLineDecoder::problem() const { return s_->dec.failed() ? s_->dec.problem() : std::string(); }

}  // namespace dd
