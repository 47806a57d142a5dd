// zx_object_get_info in Z3 (handles-rights.md HANDLE-040..043, vmo.md VMO-130..133, stream.md
// STREAM-060, process-maps.md MAPS-003, MAPS-010..023), mirroring model/object.cc and the
// record builders it dispatches to. The records and the MAPS lists: spec/info.h, spec/maps.cc.
//
// The model returns every record whole (the DSL has no caller buffer), so HANDLE-044's
// BUFFER_TOO_SMALL is outside it, as for object_get_property.
#include "spec/info.h"

#include <set>

#include "spec/aspace.h"
#include "spec/invariants.h"
#include "spec/ops.h"

namespace zxspec::spec {

std::vector<uint64_t> FlatEntry(const zx_info_maps_t& e) {
  std::vector<uint64_t> out;
  for (char ch : e.name) out.push_back(static_cast<uint8_t>(ch));
  const zx_info_maps_mapping_t& m = e.u.mapping;
  for (uint64_t v : {e.base, e.size, e.depth, uint64_t{e.type}, uint64_t{m.mmu_flags}, m.vmo_koid,
                     m.vmo_offset, m.committed_bytes, m.populated_bytes, m.committed_private_bytes,
                     m.populated_private_bytes, m.committed_scaled_bytes, m.populated_scaled_bytes,
                     m.committed_fractional_scaled_bytes, m.populated_fractional_scaled_bytes}) {
    out.push_back(v);
  }
  return out;
}

namespace {

struct Flatten {
  std::vector<uint64_t> operator()(const zx_info_handle_basic_t& r) const {
    return {r.koid, r.rights, r.type, r.related_koid, r.reserved};
  }
  std::vector<uint64_t> operator()(const zx_info_vmo_t& r) const {
    std::vector<uint64_t> out{r.koid};
    for (char ch : r.name) out.push_back(static_cast<uint8_t>(ch));
    for (uint64_t v : {r.size_bytes, r.parent_koid, r.num_children, r.num_mappings, r.share_count,
                       uint64_t{r.flags}, r.committed_bytes, uint64_t{r.handle_rights},
                       uint64_t{r.cache_policy}, r.metadata_bytes, r.committed_change_events,
                       r.populated_bytes, r.committed_private_bytes, r.populated_private_bytes,
                       r.committed_scaled_bytes, r.populated_scaled_bytes,
                       r.committed_fractional_scaled_bytes, r.populated_fractional_scaled_bytes}) {
      out.push_back(v);
    }
    return out;
  }
  std::vector<uint64_t> operator()(const zx_info_vmar_t& r) const { return {r.base, r.len}; }
  std::vector<uint64_t> operator()(const zx_info_stream_t& r) const {
    return {r.options, r.seek, r.content_size};
  }
  std::vector<uint64_t> operator()(const std::vector<zx_info_maps_t>& r) const {
    std::vector<uint64_t> out{r.size()};
    for (const auto& e : r) {
      auto f = FlatEntry(e);
      out.insert(out.end(), f.begin(), f.end());
    }
    return out;
  }
  std::vector<uint64_t> operator()(const zx_info_handle_count_t& r) const { return {r.handle_count}; }
};

}  // namespace

// ---- counts over a concrete state (VMO-132/133), else choices ----

z3::expr CountOr(const SymState& s, const char* what, std::optional<uint64_t> n) {
  if (n) return U64(s.ctx(), *n);
  return s.choices->Make(s.ctx(), what, FnShape{{}, 64})(Args{});
}

std::optional<uint64_t> CountRows(const Table* table, const std::function<z3::expr(const Key&)>& pick) {
  if (table == nullptr) return std::nullopt;
  uint64_t n = 0;
  for (const auto& [key, value] : *table) {
    auto yes = NumeralOf(pick(key).simplify());
    if (!yes) return std::nullopt;
    n += *yes != 0 ? 1u : 0u;
  }
  return n;
}

std::optional<uint64_t> Children(const SymState& s, const z3::expr& k) {
  return CountRows(Plain(s.alive), [&](const Key& key) {
    const z3::expr o = U64(s.ctx(), key[0]);
    return IsType(s, o, ZX_OBJ_TYPE_VMO) && s.vmo_parent(o) == k;
  });
}

namespace {

// The alive mappings of |k| in live VMARs, as (VMAR, base) keys; nullopt over a symbolic state.
std::optional<std::vector<Key>> MappingsOf(const SymState& s, const z3::expr& k) {
  const Table* rows = Plain(s.map_alive);
  if (rows == nullptr) return std::nullopt;
  std::vector<Key> out;
  for (const auto& [key, on] : *rows) {
    const z3::expr w = U64(s.ctx(), key[0]), b = U64(s.ctx(), key[1]);
    auto yes = NumeralOf((LiveVmar(s, w) && s.map_vmo(w, b) == k).simplify());
    if (!yes) return std::nullopt;
    if (*yes != 0) out.push_back(key);
  }
  return out;
}

// VMO-132: the processes whose address spaces map |k|.
std::optional<uint64_t> Sharing(const SymState& s, const std::optional<std::vector<Key>>& maps) {
  if (!maps) return std::nullopt;
  std::set<uint64_t> processes;
  for (const Key& key : *maps) {
    auto p = NumeralOf(s.vmar_process(U64(s.ctx(), key[0])).simplify());
    if (!p) return std::nullopt;
    processes.insert(*p);
  }
  return processes.size();
}

// VMO-133: the committed pages of the memory |v| views, for roots and COW clones (0 else).
std::optional<uint64_t> CommittedPages(const SymState& s, const View& v) {
  return CountRows(Plain(s.committed), [&](const Key& key) {
    const z3::expr kind = s.vmo_kind(v.koid);
    return kind != U8(s.ctx(), kKindSlice) && kind != U8(s.ctx(), kKindReference) &&
           v.memory == U64(s.ctx(), key[0]);
  });
}

// HANDLE-042 (HANDLE-003): the handles to |k| in tables and in queued messages.
std::optional<uint64_t> HandlesTo(const SymState& s, const z3::expr& k) {
  z3::context& c = s.ctx();
  auto held = CountRows(Plain(s.h_alive), [&](const Key& key) {
    return s.h_object(U64(c, key[0]), c.bv_val(key[1], BitsOf(Sort::kHandle))) == k;
  });
  auto queued = CountRows(Plain(s.mh_object), [&](const Key& key) {
    const z3::expr e = U64(c, key[0]), q = c.bv_val(key[1], BitsOf(Sort::kSeq)),
                   slot = c.bv_val(key[2], BitsOf(Sort::kSlot));
    return Queued(s, e, q, slot) && s.mh_object(e, q, slot) == k;
  });
  if (!held || !queued) return std::nullopt;
  return *held + *queued;
}

// ---- the records ----

// HANDLE-041: koid, rights, type, related koid (a channel's peer, a process's job), reserved.
SymResult HandleBasic(const SymState& s, const FoundHandle& h) {
  z3::context& c = s.ctx();
  const z3::expr k = h.object;
  const z3::expr related = z3::ite(IsType(s, k, ZX_OBJ_TYPE_CHANNEL), s.peer(k),
                                   z3::ite(IsType(s, k, ZX_OBJ_TYPE_PROCESS), s.proc_job(k), U64(c, 0)));
  return RecordResult(kRecordHandleBasic, {k, h.rights, s.type(k), related, U64(c, 0)});
}

// |flag| when |on| holds, else 0 (64 bits).
z3::expr Bit(const z3::expr& on, uint32_t flag) {
  return z3::ite(on, U64(on.ctx(), flag), U64(on.ctx(), 0));
}

// VMO-131: the flags of VMO |v|.
z3::expr VmoFlags(const SymState& s, const View& v) {
  z3::context& c = s.ctx();
  return U64(c, ZX_INFO_VMO_TYPE_PAGED | ZX_INFO_VMO_VIA_HANDLE) | Bit(v.resizable, ZX_INFO_VMO_RESIZABLE) |
         Bit(s.vmo_kind(v.koid) == U8(c, kKindCowClone), ZX_INFO_VMO_IS_COW_CLONE) |
         Bit(v.discardable, ZX_INFO_VMO_DISCARDABLE) | Bit(s.immutable(v.koid), ZX_INFO_VMO_IMMUTABLE);
}

// VMO-132/133: the record of the VMO behind |h|.
SymResult VmoRecord(const SymState& s, const FoundHandle& h) {
  z3::context& c = s.ctx();
  const View v = ViewOf(s, h.object);
  const auto maps = MappingsOf(s, h.object);
  const z3::expr committed =
      CountOr(s, "info.vmo.committed_pages", CommittedPages(s, v)) * U64(c, ZX_PAGE_SIZE);
  std::vector<z3::expr> f{h.object};
  for (const z3::expr& b : NameField(s, h.object)) f.push_back(b);
  const z3::expr zero = U64(c, 0);
  for (const z3::expr& e :
       {v.size, s.vmo_parent(h.object), CountOr(s, "info.vmo.num_children", Children(s, h.object)),
        CountOr(s, "info.vmo.num_mappings", maps ? std::optional<uint64_t>(maps->size()) : std::nullopt),
        CountOr(s, "info.vmo.share_count", Sharing(s, maps)), VmoFlags(s, v), committed, Widen64(h.rights),
        U64(c, ZX_CACHE_POLICY_CACHED), zero, zero, committed, zero, zero, zero, zero, zero, zero}) {
    f.push_back(e);
  }
  return RecordResult(kRecordVmo, std::move(f));
}

// STREAM-060: the modes, the seek offset, the content size.
SymResult StreamRecord(const SymState& s, const z3::expr& k) {
  const z3::expr options = Bit(s.mode_read(k), ZX_STREAM_MODE_READ) | Bit(s.mode_write(k), ZX_STREAM_MODE_WRITE) |
                           Bit(s.append(k), ZX_STREAM_MODE_APPEND);
  return RecordResult(kRecordStream, {options, s.seek(k), ViewOf(s, s.stream_vmo(k)).stream_size});
}

// zx_object_get_info: HANDLE-043 (the topic first), then each topic's lookup and record.
Paths InfoStep(const SymState& pre, const z3::expr& caller, const SymArgs& a) {
  z3::context& c = pre.ctx();
  const z3::expr& h = a[0];
  const z3::expr& topic = a[1];
  auto is = [&](std::initializer_list<uint32_t> topics) {
    z3::expr out = False(c);
    for (uint32_t t : topics) out = out || topic == U32(c, t);
    return out;
  };
  Paths valid = LookupHandle(pre, caller, h, [&](const FoundHandle&) { return Ok(pre, "HANDLE-040"); }, "HANDLE-040");
  Paths basic = LookupHandle(pre, caller, h, [&](const FoundHandle& f) {
    return Ok(pre, "HANDLE-041", HandleBasic(pre, f));
  }, "HANDLE-041");
  Paths count = LookupHandle(pre, caller, h, [&](const FoundHandle& f) {
    Checks checks(c);
    checks.Fail(!HasRights(f.rights, ZX_RIGHT_INSPECT), ZX_ERR_ACCESS_DENIED, "HANDLE-042");
    const z3::expr n = CountOr(pre, "info.handle_count", HandlesTo(pre, f.object));
    return Then(pre, checks, Ok(pre, "HANDLE-042", RecordResult(kRecordHandleCount, {n})));
  }, "HANDLE-042");
  Paths vmo = LookupTyped(pre, caller, h, ZX_OBJ_TYPE_VMO, [&](const FoundHandle& f) {
    return Ok(pre, "VMO-132", VmoRecord(pre, f));
  }, "VMO-130");
  Paths stream = LookupWithRights(pre, caller, h, ZX_OBJ_TYPE_STREAM, ZX_RIGHT_INSPECT, [&](const FoundHandle& f) {
    return Ok(pre, "STREAM-060", StreamRecord(pre, f.object));
  }, "STREAM-060");
  Paths vmar = LookupWithRights(pre, caller, h, ZX_OBJ_TYPE_VMAR, ZX_RIGHT_INSPECT, [&](const FoundHandle& f) {
    // V-11: a DEAD VMAR keeps its base and size.
    return Ok(pre, "MAPS-003", RecordResult(kRecordVmar, {pre.vmar_base(f.object), pre.vmar_size(f.object)}));
  }, "MAPS-003");
  Paths vmar_maps = LookupWithRights(pre, caller, h, ZX_OBJ_TYPE_VMAR, ZX_RIGHT_INSPECT, [&](const FoundHandle& f) {
    Checks checks(c);
    checks.Fail(!pre.vmar_live(f.object), ZX_ERR_BAD_STATE, "MAPS-010");
    MapsList list = VmarMaps(pre, f.object);
    return Then(pre, checks, WithChoices(Ok(pre, "MAPS-011", list.result), list.choices));
  }, "MAPS-010");
  Paths process_maps = LookupWithRights(pre, caller, h, ZX_OBJ_TYPE_PROCESS, ZX_RIGHT_INSPECT, [&](const FoundHandle& f) {
    const z3::expr root = pre.proc_root(f.object);
    Checks checks(c);
    checks.Fail(!LiveProcess(pre, f.object) || !LiveVmar(pre, root), ZX_ERR_BAD_STATE, "MAPS-015");
    MapsList list = ProcessMaps(pre, f.object);
    return Then(pre, checks, WithChoices(Ok(pre, "MAPS-016", list.result), list.choices));
  }, "MAPS-015");
  Checks unknown(c);
  unknown.Fail(True(c), ZX_ERR_NOT_SUPPORTED, "HANDLE-043");
  return Case(is({ZX_INFO_HANDLE_VALID}), Named("HANDLE_VALID", valid),
         Case(is({ZX_INFO_HANDLE_BASIC}), Named("HANDLE_BASIC", basic),
         Case(is({ZX_INFO_HANDLE_COUNT}), Named("HANDLE_COUNT", count),
         Case(is({ZX_INFO_VMO, ZX_INFO_VMO_V1, ZX_INFO_VMO_V2, ZX_INFO_VMO_V3}), Named("VMO", vmo),
         Case(is({ZX_INFO_STREAM}), Named("STREAM", stream),
         Case(is({ZX_INFO_VMAR}), Named("VMAR", vmar),
         Case(is({ZX_INFO_VMAR_MAPS}), Named("VMAR_MAPS", vmar_maps),
         Case(is({ZX_INFO_PROCESS_MAPS, ZX_INFO_PROCESS_MAPS_V1, ZX_INFO_PROCESS_MAPS_V2}),
              Named("PROCESS_MAPS", process_maps), Then(pre, unknown, {})))))))));
}

Call InfoCall(const ArgValues& a) {
  return ObjectGetInfo{static_cast<zx_handle_t>(a.v[0]), static_cast<zx_object_info_topic_t>(a.v[1])};
}

std::optional<ArgValues> InfoArgs(const Call& call) {
  const auto* c = std::get_if<ObjectGetInfo>(&call);
  if (c == nullptr) return std::nullopt;
  return ArgValues{{c->handle, c->topic}, {{}, {}}};
}

}  // namespace

std::vector<uint64_t> FlatRecord(const InfoRecord& r) { return std::visit(Flatten{}, r); }

// The 32 bytes of the name field of object |k| (VMO-054: at most 31 name bytes, then NULs).
std::vector<z3::expr> NameField(const SymState& s, const z3::expr& k) {
  z3::context& c = s.ctx();
  std::vector<z3::expr> out;
  for (uint64_t i = 0; i < ZX_MAX_NAME_LEN; ++i) {
    const z3::expr at = U64(c, i);
    out.push_back(z3::ite(z3::ult(at, Widen64(s.name_len(k))), Widen64(s.name(k, at)), U64(c, 0)));
  }
  return out;
}


SymResult RecordResult(size_t record, std::vector<z3::expr> fields) {
  SymResult r{SymResult::Kind::kInfo, {}, std::nullopt};
  for (const z3::expr& f : fields) r.values.push_back(Widen64(f));
  r.record = record;
  return r;
}

const OpSpec& ObjectGetInfoOp() {
  static const OpSpec op{"object_get_info", "HANDLE-040..043 VMO-130..133 STREAM-060 MAPS-003 MAPS-010..023",
                         {{"handle", 32}, {"topic", 32}}, &InfoStep, &InfoCall, &InfoArgs};
  return op;
}

}  // namespace zxspec::spec
