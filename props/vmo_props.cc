// The VMO family's step properties (see vmo_props.h). Each checker is a loop over the VMOs of the
// states around one step, comparing their views; the catalog rows in props/properties.cc give
// each property's statement and rules.
#include "props/vmo_props.h"

#include <algorithm>
#include <functional>
#include <set>

#include "api/constants.h"
#include "api/format.h"
#include "api/syscalls.h"
#include "model/core.h"
#include "model/vmo.h"
#include "props/shared.h"

namespace zxspec::props {
namespace {

using model::State;
using model::Vmo;
using model::VmoKind;

constexpr size_t kMaxSampledPages = 256;   // per comparison (see vmo_props.h)
constexpr uint64_t kWitnessBytes = 8;      // bytes a witness read shows
constexpr uint32_t kSnapshotTypes = ZX_VMO_CHILD_SNAPSHOT |
                                    ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE |
                                    ZX_VMO_CHILD_SNAPSHOT_MODIFIED;

// What a checker found: the complaint, and the calls that show it in a scenario.
struct Finding {
  std::string message;
  std::vector<Witness> witnesses = {};
};
using MaybeFinding = std::optional<Finding>;

std::string Dec(uint64_t v) { return std::to_string(v); }
std::string K(zx_koid_t koid) { return "koid " + Dec(koid); }

const Vmo* VmoAt(const State& s, zx_koid_t koid) {
  auto it = s.objects.find(koid);
  return it == s.objects.end() ? nullptr : std::get_if<Vmo>(&it->second);
}

// The caller's table entry for |h| in |s|.

bool HasMemory(const State& s, const Vmo& v) { return s.memories.count(v.memory) > 0; }
// A root or a SNAPSHOT-family child: the VMOs that own their bytes (vmo.md section 8).
bool IsOwner(const Vmo& v) { return v.kind == VmoKind::kRoot || v.kind == VmoKind::kCowClone; }

std::string Describe(zx_koid_t koid, const Vmo& v) {
  switch (v.kind) {
    case VmoKind::kRoot: return "VMO " + K(koid);
    case VmoKind::kCowClone: return "SNAPSHOT-family child " + K(koid);
    case VmoKind::kSlice: return "slice " + K(koid);
    case VmoKind::kReference: return "reference " + K(koid);
  }
  return K(koid);
}

// ---- views (model/vmo.h), total even on states a wrong step function left inconsistent ----

uint64_t SizeOf(const State& s, const Vmo& v) {
  return v.kind == VmoKind::kSlice || HasMemory(s, v) ? model::VmoSize(s, v) : 0;
}

uint64_t StreamSizeOf(const State& s, const Vmo& v) {
  return v.kind == VmoKind::kSlice || HasMemory(s, v) ? model::VmoStreamSize(s, v) : 0;
}

bool ResizableOf(const State& s, const Vmo& v) {
  return v.kind != VmoKind::kSlice && HasMemory(s, v) && model::VmoResizable(s, v);
}

Bytes ReadAt(const State& s, const Vmo& v, uint64_t offset, uint64_t len) {
  return HasMemory(s, v) ? model::ReadVmo(s, v, offset, len) : Bytes(len, 0);
}

// The bytes of |v| in |s| from |from| on.
struct Window {
  const State& s;
  const Vmo& v;
  uint64_t from = 0;
};

// Adds the pages p (counted from the window's start, p * 4096 < len) in which the window's
// memory stores content. Windows start at page multiples (slice offsets are, VMO-076).
void AddStoredPages(const Window& w, uint64_t len, std::set<uint64_t>& out) {
  if (len == 0 || !HasMemory(w.s, w.v) || w.v.offset > UINT64_MAX - w.from) return;
  const uint64_t start = w.v.offset + w.from;
  if (start % kPage != 0) return;
  const uint64_t first = start / kPage;
  const uint64_t count = (len - 1) / kPage + 1;
  const auto& pages = model::MemoryOf(w.s, w.v).content.pages;
  for (auto it = pages.lower_bound(first); it != pages.end() && it->first - first < count; ++it) {
    if (out.size() >= kMaxSampledPages) return;
    out.insert(it->first - first);
  }
}

struct Difference {
  uint64_t offset = 0;
  uint8_t a = 0;
  uint8_t b = 0;
};

// The first byte of [0, len) where the windows differ, looking at the first and last page and
// at every page either memory stores: a page neither stores reads as zero through both (the
// page store keeps no all-zero page), so the comparison is exact up to kMaxSampledPages pages.
std::optional<Difference> FirstDifference(const Window& a, const Window& b, uint64_t len) {
  if (len == 0) return std::nullopt;
  std::set<uint64_t> pages = {0, (len - 1) / kPage};
  AddStoredPages(a, len, pages);
  AddStoredPages(b, len, pages);
  for (uint64_t p : pages) {
    const uint64_t off = p * kPage;
    const uint64_t n = std::min(kPage, len - off);
    const Bytes x = ReadAt(a.s, a.v, a.from + off, n);
    const Bytes y = ReadAt(b.s, b.v, b.from + off, n);
    for (uint64_t i = 0; i < n; ++i) {
      if (x[i] != y[i]) return Difference{off + i, x[i], y[i]};
    }
  }
  return std::nullopt;
}

// What a VMO's view reads from (ReadVmo, VmoSize and VmoStreamSize read nothing else): equal
// inputs give equal views, which spares comparing bytes of VMOs a step left alone.
bool SameViewInputs(const State& a, const Vmo& va, const State& b, const Vmo& vb) {
  return va.kind == vb.kind && va.offset == vb.offset && va.slice_size == vb.slice_size &&
         va.slice_stream_size == vb.slice_stream_size && HasMemory(a, va) && HasMemory(b, vb) &&
         model::MemoryOf(a, va) == model::MemoryOf(b, vb);
}

struct Change {
  enum class What { kSize, kStreamSize, kByte };
  What what = What::kByte;
  uint64_t before = 0;  // the size, stream size or byte before the step
  uint64_t after = 0;
  uint64_t offset = 0;  // kByte

  std::string Text() const {
    switch (what) {
      case What::kSize: return "its size changed from " + Dec(before) + " to " + Dec(after);
      case What::kStreamSize:
        return "its stream size changed from " + Dec(before) + " to " + Dec(after);
      case What::kByte:
        return "its byte at offset " + Dec(offset) + " changed from " + Dec(before) + " to " +
               Dec(after);
    }
    return "";
  }
};

// How one VMO's view differs between the states before (|a|) and after (|b|) a step.
std::optional<Change> ViewChange(const State& a, const Vmo& va, const State& b, const Vmo& vb) {
  if (SameViewInputs(a, va, b, vb)) return std::nullopt;
  const uint64_t sa = SizeOf(a, va), sb = SizeOf(b, vb);
  if (sa != sb) return Change{Change::What::kSize, sa, sb};
  const uint64_t ssa = StreamSizeOf(a, va), ssb = StreamSizeOf(b, vb);
  if (ssa != ssb) return Change{Change::What::kStreamSize, ssa, ssb};
  if (auto d = FirstDifference({a, va}, {b, vb}, sa)) {
    return Change{Change::What::kByte, d->a, d->b, d->offset};
  }
  return std::nullopt;
}

// ---- who shares bytes with whom (vmo_props.h) ----

struct AliasKey {
  bool owner = false;  // |id| is the owner's koid, else a memory id (no owner left)
  uint64_t id = 0;
  bool operator==(const AliasKey&) const = default;
};

AliasKey KeyOf(const State& s, zx_koid_t koid) {
  zx_koid_t k = koid;
  for (size_t hops = 0; hops <= s.objects.size(); ++hops) {
    const Vmo* v = VmoAt(s, k);
    if (v == nullptr) return {};
    if (IsOwner(*v)) return {true, k};
    if (VmoAt(s, v->parent) == nullptr) return {false, v->memory};
    k = v->parent;
  }
  return {};  // a cycle (the invariant vmo-tree-consistent names it)
}

// |other| as seen from |koid| ("its parent", ...), for messages.
std::string Relation(const State& s, zx_koid_t koid, zx_koid_t other) {
  const Vmo* v = VmoAt(s, koid);
  const Vmo* o = VmoAt(s, other);
  std::string what = o != nullptr ? Describe(other, *o) : K(other);
  if (v == nullptr || o == nullptr) return what;
  if (other == koid) return what + " (itself)";
  if (other == v->parent) return what + " (its parent)";
  if (o->parent == koid) return what + " (its child)";
  if (o->parent != 0 && o->parent == v->parent) return what + " (its sibling)";
  return what;
}

// The VMOs (koids of |s|, the state before the step) through which |call| may change a VMO's
// bytes, size or stream size: the VMO its handle names for vmo_write, vmo_set_size,
// vmo_set_stream_size, vmo_op_range and object_set_property (ZX_PROP_VMO_CONTENT_SIZE,
// VMO-053); the stream's VMO for stream writes (STREAM-034/040); the VMOs mapped over the range
// in the caller's address space for mem_write (MEM-004). Every other call changes no view.
std::set<zx_koid_t> ActedVmos(const State& s, zx_koid_t caller, const Call& call) {
  std::set<zx_koid_t> out;
  auto object = [&](zx_handle_t h) -> zx_koid_t {
    auto e = EntryOf(s, caller, h);
    return e ? e->object : 0;
  };
  auto vmo = [&](zx_handle_t h) {
    if (VmoAt(s, object(h)) != nullptr) out.insert(object(h));
  };
  auto stream = [&](zx_handle_t h) {
    auto it = s.objects.find(object(h));
    const auto* st = it == s.objects.end() ? nullptr : std::get_if<model::Stream>(&it->second);
    if (st != nullptr) out.insert(st->vmo);
  };
  std::visit(
      [&](const auto& c) {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, VmoWrite> || std::is_same_v<T, VmoSetSize> ||
                      std::is_same_v<T, VmoSetStreamSize> || std::is_same_v<T, VmoOpRange> ||
                      std::is_same_v<T, ObjectSetProperty>) {
          vmo(c.handle);
        } else if constexpr (std::is_same_v<T, StreamWritev> ||
                             std::is_same_v<T, StreamWritevAt>) {
          stream(c.handle);
        } else if constexpr (std::is_same_v<T, MemWrite>) {
          if (c.data.empty()) return;
          const uint64_t last = c.addr > UINT64_MAX - (c.data.size() - 1)
                                    ? UINT64_MAX
                                    : c.addr + (c.data.size() - 1);
          for (const auto& [k, body] : s.objects) {
            const auto* vmar = std::get_if<model::Vmar>(&body);
            if (vmar == nullptr || vmar->process != caller) continue;
            for (const auto& child : vmar->children) {
              const auto* m = std::get_if<model::Mapping>(&child);
              if (m != nullptr && m->size > 0 && m->base <= last && c.addr <= m->base + (m->size - 1)) {
                out.insert(m->vmo);
              }
            }
          }
        }
      },
      call);
  return out;
}

std::string ActedList(const State& s, zx_koid_t koid, const std::set<zx_koid_t>& acted) {
  if (acted.empty()) return "on no VMO";
  std::string out;
  for (zx_koid_t w : acted) out += (out.empty() ? "" : ", ") + Relation(s, koid, w);
  return "only on " + out;
}

// ---- witnesses ----

// A handle of |process| to |koid| holding |rights| in |s| (the lowest such value), or 0.
zx_handle_t HandleTo(const State& s, zx_koid_t process, zx_koid_t koid, zx_rights_t rights) {
  const auto* p = ProcessIn(s, process);
  if (p == nullptr) return 0;
  for (const auto& [value, e] : p->handles.entries) {
    if (e.object == koid && (e.rights & rights) == rights) return value;
  }
  return 0;
}

// A call of a process that can act in |s| and holds a handle to |koid| with |rights|: the
// initial process if it can, else |preferred|. |make| builds the call from that handle.
std::optional<Witness> WitnessCall(const State& s, zx_koid_t koid, zx_rights_t rights,
                                   zx_koid_t preferred,
                                   const std::function<Call(zx_handle_t)>& make,
                                   std::string expect, std::string why) {
  const zx_koid_t initial = s.initial.self_koid;
  for (zx_koid_t p : {initial, preferred}) {
    if (!CanAct(s, p)) continue;
    const zx_handle_t h = HandleTo(s, p, koid, rights);
    if (h == 0) continue;
    const zx_handle_t as = p == initial ? 0 : HandleTo(s, initial, p, 0);
    return Witness{p, as, make(h), std::move(expect), std::move(why)};
  }
  return std::nullopt;
}

void Add(Finding& f, std::optional<Witness> w) {
  if (w) f.witnesses.push_back(std::move(*w));
}

std::optional<Witness> ReadWitness(const State& s, zx_koid_t koid, uint64_t offset,
                                   const Bytes& expected, zx_koid_t preferred, std::string why) {
  const uint64_t len = expected.size();
  return WitnessCall(
      s, koid, ZX_RIGHT_READ, preferred,
      [&](zx_handle_t h) { return Call{VmoRead{h, offset, len}}; },
      FormatOutcome(Outcome::Ok(BytesResult{expected})), std::move(why));
}

std::optional<Witness> SizeWitness(const State& s, zx_koid_t koid, bool stream_size,
                                   uint64_t expected, zx_koid_t preferred, std::string why) {
  return WitnessCall(
      s, koid, ZX_RIGHT_NONE, preferred,
      [&](zx_handle_t h) {
        return stream_size ? Call{VmoGetStreamSize{h}} : Call{VmoGetSize{h}};
      },
      FormatOutcome(Outcome::Ok(U64Result{expected})), std::move(why));
}

// object_get_info(h, |topic|) -> ZX_OK {|fields|}
std::optional<Witness> InfoWitness(const State& s, zx_koid_t koid, zx_handle_t h,
                                   zx_object_info_topic_t topic, const std::string& fields,
                                   zx_koid_t caller, std::string why) {
  if (!CanAct(s, caller)) return std::nullopt;
  const zx_koid_t initial = s.initial.self_koid;
  if (h == 0) h = HandleTo(s, caller, koid, ZX_RIGHT_NONE);
  if (h == 0) return std::nullopt;
  const zx_handle_t as = caller == initial ? 0 : HandleTo(s, initial, caller, 0);
  return Witness{caller, as, Call{ObjectGetInfo{h, topic}}, "ZX_OK {" + fields + "}",
                 std::move(why)};
}

// A read of the changed bytes (or a size query) expecting what |va| showed before the step.
std::optional<Witness> ChangeWitness(const State& a, const Vmo& va, const State& b,
                                     zx_koid_t koid, const Change& c, zx_koid_t preferred,
                                     std::string why) {
  switch (c.what) {
    case Change::What::kSize: return SizeWitness(b, koid, false, c.before, preferred, why);
    case Change::What::kStreamSize: return SizeWitness(b, koid, true, c.before, preferred, why);
    case Change::What::kByte: {
      const uint64_t n = std::min(kWitnessBytes, SizeOf(a, va) - c.offset);
      return ReadWitness(b, koid, c.offset, ReadAt(a, va, c.offset, n), preferred, why);
    }
  }
  return std::nullopt;
}

// ---- probes: calls through the step function on copies of the state after the step ----

struct ProbeResult {
  zx_status_t status = ZX_OK;
  State state;
};

// Runs make(h) as the step's caller (or the initial process) on a copy of the state after the
// step, h being a new handle to |vmo| with the VMO default rights (plus RESIZE if the VMO is
// resizable). nullopt when nobody can act there.
std::optional<ProbeResult> Probe(const StepView& v, zx_koid_t vmo,
                                 const std::function<Call(zx_handle_t)>& make) {
  State s = v.after.state;
  zx_koid_t caller = v.action.caller;
  if (!CanAct(s, caller)) caller = s.initial.self_koid;
  const Vmo* target = VmoAt(s, vmo);
  if (!CanAct(s, caller) || target == nullptr) return std::nullopt;
  const zx_rights_t rights =
      ZX_DEFAULT_VMO_RIGHTS | (ResizableOf(s, *target) ? ZX_RIGHT_RESIZE : ZX_RIGHT_NONE);
  const zx_handle_t h = model::InstallHandle(s, caller, {vmo, rights});
  try {
    auto r = v.step(std::move(s), caller, make(h));
    return ProbeResult{r.outcome.status, std::move(r.state)};
  } catch (const std::exception&) {
    return ProbeResult{ZX_ERR_INTERNAL, State{}};
  }
}

std::string ProbeFailed(const std::string& call, zx_koid_t vmo, zx_status_t status) {
  return "probe " + call + " through " + K(vmo) + " returned " + StatusName(status);
}

// VMO-088/089: a byte written at |woff| through |writer| is read at |roff| through |reader|.
MaybeFinding ProbeWrite(const StepView& v, zx_koid_t writer, uint64_t woff, zx_koid_t reader,
                        uint64_t roff) {
  const State& b = v.after.state;
  const Vmo* wv = VmoAt(b, writer);
  if (wv == nullptr) return std::nullopt;
  const uint8_t value = static_cast<uint8_t>(ReadAt(b, *wv, woff, 1)[0] ^ 0xFF);
  auto r = Probe(v, writer, [&](zx_handle_t h) { return Call{VmoWrite{h, woff, Bytes{value}}}; });
  if (!r) return std::nullopt;
  if (r->status != ZX_OK) return Finding{ProbeFailed("vmo_write", writer, r->status)};
  const Vmo* rv = VmoAt(r->state, reader);
  const uint8_t seen = rv != nullptr ? ReadAt(r->state, *rv, roff, 1)[0] : value ^ 0xFF;
  if (seen == value) return std::nullopt;
  Finding f{"byte " + Dec(value) + " written at offset " + Dec(woff) + " of " + K(writer) +
            " is not seen at offset " + Dec(roff) + " of " + K(reader) + " (it reads " +
            Dec(seen) + ")"};
  const zx_koid_t caller = v.action.caller;
  auto w = WitnessCall(
      b, writer, ZX_RIGHT_WRITE, caller,
      [&](zx_handle_t h) { return Call{VmoWrite{h, woff, Bytes{value}}}; }, "",
      "probe: write one byte through one side of the alias");
  auto rd = ReadWitness(b, reader, roff, Bytes{value}, caller, "and read it through the other");
  if (w && rd) f.witnesses = {*w, *rd};
  return f;
}

// VMO-005/089 (and VMO-041 with |resize|): a stream size (size) set through |writer| is the
// stream size (size) of |reader|.
MaybeFinding ProbeSize(const StepView& v, zx_koid_t writer, uint64_t value, zx_koid_t reader,
                       bool resize) {
  const State& b = v.after.state;
  auto make = [&](zx_handle_t h) {
    return resize ? Call{VmoSetSize{h, value}} : Call{VmoSetStreamSize{h, value}};
  };
  const std::string name = resize ? "vmo_set_size" : "vmo_set_stream_size";
  auto r = Probe(v, writer, make);
  if (!r) return std::nullopt;
  if (r->status != ZX_OK) return Finding{ProbeFailed(name, writer, r->status)};
  const Vmo* rv = VmoAt(r->state, reader);
  const uint64_t seen =
      rv == nullptr ? ~value : resize ? SizeOf(r->state, *rv) : StreamSizeOf(r->state, *rv);
  if (seen == value) return std::nullopt;
  const std::string what = resize ? "size" : "stream size";
  Finding f{what + " " + Dec(value) + " set through " + K(writer) + " is not the " + what +
            " of " + K(reader) + " (it reports " + Dec(seen) + ")"};
  const zx_koid_t caller = v.action.caller;
  auto w = WitnessCall(b, writer, ZX_RIGHT_WRITE | (resize ? ZX_RIGHT_RESIZE : 0), caller, make,
                       "", "probe: set the " + what + " through one side of the alias");
  auto rd = SizeWitness(b, reader, !resize, value, caller, "and read it through the other");
  if (w && rd) f.witnesses = {*w, *rd};
  return f;
}

// ---- the child a step created ----

struct NewChild {
  zx_koid_t child = 0;
  zx_koid_t parent = 0;           // the VMO the parent handle names (vmo_create_child)
  zx_rights_t parent_rights = 0;  // that handle's rights
  zx_handle_t parent_handle = 0;
  zx_handle_t handle = 0;  // the child handle in the caller's table
  zx_rights_t rights = 0;
  uint32_t options = 0;
  uint64_t offset = 0;
  uint64_t size = 0;
  bool via_vmar = false;  // zx_vmar_create_vmo_child (VMAR-083)
};

std::optional<NewChild> CreatedChild(const StepView& v) {
  const auto* hr = std::get_if<HandleResult>(&v.after.outcome.payload);
  if (v.after.outcome.status != ZX_OK || hr == nullptr) return std::nullopt;
  NewChild n;
  if (const auto* c = std::get_if<VmoCreateChild>(&v.action.call)) {
    auto p = EntryOf(v.before, v.action.caller, c->handle);
    if (!p) return std::nullopt;
    n.parent = p->object;
    n.parent_rights = p->rights;
    n.parent_handle = c->handle;
    n.options = c->options;
    n.offset = c->offset;
    n.size = c->size;
  } else if (const auto* vc = std::get_if<VmarCreateVmoChild>(&v.action.call)) {
    n.via_vmar = true;
    n.options = vc->options;
    n.size = vc->size;
  } else {
    return std::nullopt;
  }
  auto e = EntryOf(v.after.state, v.action.caller, hr->handle);
  if (!e) return std::nullopt;
  n.child = e->object;
  n.handle = hr->handle;
  n.rights = e->rights;
  if (n.via_vmar) {
    const Vmo* cv = VmoAt(v.after.state, n.child);
    n.parent = cv != nullptr ? cv->parent : 0;
  }
  return n;
}

// ---- vmo-immutable-stable ----

MaybeFinding ImmutableStable(const StepView& v) {
  const State& a = v.before;
  const State& b = v.after.state;
  for (const auto& [koid, body] : a.objects) {
    // VMO-131: ZX_INFO_VMO_IMMUTABLE is reported, to every handle, exactly when the object is
    // immutable_at_creation.
    const auto* va = std::get_if<Vmo>(&body);
    if (va == nullptr || !va->immutable_at_creation) continue;
    const Vmo* vb = VmoAt(b, koid);
    if (vb == nullptr) continue;  // destroyed by this step: nothing left to observe
    if (!vb->immutable_at_creation) {
      Finding f{"immutable " + K(koid) + " no longer reports ZX_INFO_VMO_IMMUTABLE"};
      Add(f, InfoWitness(b, koid, 0, ZX_INFO_VMO, "flags: +IMMUTABLE", b.initial.self_koid,
                         "VMO-085: immutability is fixed at creation"));
      return f;
    }
    if (auto c = ViewChange(a, *va, b, *vb)) {
      Finding f{"immutable " + K(koid) + ": " + c->Text()};
      Add(f, ChangeWitness(a, *va, b, koid, *c, v.action.caller,
                           "VMO-085 (RFC-0080): an IMMUTABLE VMO shows what it showed before"));
      return f;
    }
  }
  return std::nullopt;
}

// ---- vmo-cow-isolation ----

MaybeFinding CowIsolation(const StepView& v) {
  const State& a = v.before;
  const State& b = v.after.state;
  std::optional<std::set<zx_koid_t>> acted;
  for (const auto& [koid, body] : a.objects) {
    const auto* va = std::get_if<Vmo>(&body);
    if (va == nullptr || !IsOwner(*va)) continue;
    const Vmo* vb = VmoAt(b, koid);
    if (vb == nullptr) continue;
    auto c = ViewChange(a, *va, b, *vb);
    if (!c) continue;
    if (!acted) acted = ActedVmos(a, v.action.caller, v.action.call);
    const AliasKey key = KeyOf(a, koid);
    if (std::any_of(acted->begin(), acted->end(),
                    [&](zx_koid_t w) { return KeyOf(a, w) == key; })) {
      continue;  // changed through itself, one of its slices or one of its references
    }
    Finding f{Describe(koid, *va) + ": " + c->Text() + ", but the call acted " +
              ActedList(a, koid, *acted) + ", which does not share its bytes"};
    Add(f, ChangeWitness(a, *va, b, koid, *c, v.action.caller,
                         "VMO-086/087: it changes only through itself and its aliases"));
    return f;
  }
  return std::nullopt;
}

// ---- vmo-slice-alias ----

// VMO-088: slice |s| (in the state after the step) shows bytes [rel, rel + size) of |p|; with
// |probe|, writes through either side are seen through the other.
MaybeFinding SliceShowsParent(const StepView& v, zx_koid_t s, zx_koid_t p, uint64_t rel,
                              bool probe) {
  const State& b = v.after.state;
  const Vmo* sv = VmoAt(b, s);
  const Vmo* pv = VmoAt(b, p);
  if (sv == nullptr || pv == nullptr) return std::nullopt;
  const uint64_t size = SizeOf(b, *sv);
  const uint64_t psize = SizeOf(b, *pv);
  const std::string what = "slice " + K(s) + " (bytes [" + Dec(rel) + ", +" + Dec(size) +
                           ") of " + Describe(p, *pv) + ")";
  if (rel > psize || size > psize - rel) {
    Finding f{what + " extends past its parent's size " + Dec(psize)};
    Add(f, SizeWitness(b, p, false, psize, v.action.caller, "VMO-076: the parent's size"));
    return f;
  }
  if (auto d = FirstDifference({b, *sv, 0}, {b, *pv, rel}, size)) {
    Finding f{what + ": its byte " + Dec(d->offset) + " is " + Dec(d->a) +
              " but byte " + Dec(rel + d->offset) + " of the parent is " + Dec(d->b)};
    const uint64_t n = std::min(kWitnessBytes, size - d->offset);
    Add(f, ReadWitness(b, s, d->offset, ReadAt(b, *pv, rel + d->offset, n), v.action.caller,
                       "VMO-088: a slice reads its parent's bytes at its offset"));
    return f;
  }
  if (!probe || size == 0) return std::nullopt;
  if (auto f = ProbeWrite(v, p, rel, s, 0)) return f;
  return ProbeWrite(v, s, size - 1, p, rel + size - 1);
}

MaybeFinding SliceAlias(const StepView& v) {
  const State& a = v.before;
  const State& b = v.after.state;
  if (auto n = CreatedChild(v); n && !n->via_vmar && (n->options & ZX_VMO_CHILD_SLICE) != 0) {
    const Vmo* sv = VmoAt(b, n->child);
    if (sv == nullptr || sv->parent != n->parent) {
      return Finding{"the new slice " + K(n->child) + " is not a child of " + K(n->parent)};
    }
    if (SizeOf(b, *sv) != n->size) {  // VMO-080
      Finding f{"the new slice " + K(n->child) + " has size " + Dec(SizeOf(b, *sv)) + ", not " +
                Dec(n->size)};
      Add(f, SizeWitness(b, n->child, false, n->size, v.action.caller, "VMO-080"));
      return f;
    }
    if (auto f = SliceShowsParent(v, n->child, n->parent, n->offset, /*probe=*/true)) return f;
  }
  // A slice that showed its current parent's bytes before the step still does after it. Before
  // the step the model says so by the two viewing one memory (vmo.md section 8); re-parenting
  // past a dead owner (VMO-084) ends it.
  for (const auto& [koid, body] : b.objects) {
    const auto* sv = std::get_if<Vmo>(&body);
    if (sv == nullptr || sv->kind != VmoKind::kSlice) continue;
    const Vmo* s0 = VmoAt(a, koid);
    const Vmo* p0 = VmoAt(a, sv->parent);
    if (s0 == nullptr || p0 == nullptr || s0->memory != p0->memory || s0->offset < p0->offset) {
      continue;
    }
    if (auto f = SliceShowsParent(v, koid, sv->parent, s0->offset - p0->offset, false)) return f;
  }
  return std::nullopt;
}

// ---- vmo-reference-alias ----

// VMO-089: reference |r| (in the state after the step) shows |p|'s size, stream size and bytes;
// with |probe|, writes, stream sizes and (resizable) sizes set through either side are seen
// through the other.
MaybeFinding ReferenceShowsParent(const StepView& v, zx_koid_t r, zx_koid_t p, bool probe) {
  const State& b = v.after.state;
  const Vmo* rv = VmoAt(b, r);
  const Vmo* pv = VmoAt(b, p);
  if (rv == nullptr || pv == nullptr) return std::nullopt;
  const zx_koid_t caller = v.action.caller;
  const std::string what = "reference " + K(r) + " of " + Describe(p, *pv);
  const uint64_t size = SizeOf(b, *rv), psize = SizeOf(b, *pv);
  if (size != psize) {
    Finding f{what + " has size " + Dec(size) + ", its parent " + Dec(psize)};
    Add(f, SizeWitness(b, r, false, psize, caller, "VMO-089: the parent's size"));
    return f;
  }
  const uint64_t ss = StreamSizeOf(b, *rv), pss = StreamSizeOf(b, *pv);
  if (ss != pss) {
    Finding f{what + " has stream size " + Dec(ss) + ", its parent " + Dec(pss)};
    Add(f, SizeWitness(b, r, true, pss, caller, "VMO-005/089: the parent's stream size"));
    return f;
  }
  if (auto d = FirstDifference({b, *rv}, {b, *pv}, size)) {
    Finding f{what + ": its byte " + Dec(d->offset) + " is " + Dec(d->a) + ", its parent's " +
              Dec(d->b)};
    const uint64_t n = std::min(kWitnessBytes, size - d->offset);
    Add(f, ReadWitness(b, r, d->offset, ReadAt(b, *pv, d->offset, n), caller,
                       "VMO-089: a reference reads its parent's bytes"));
    return f;
  }
  if (!probe) return std::nullopt;
  if (size > 0) {
    if (auto f = ProbeWrite(v, p, 0, r, 0)) return f;
    if (auto f = ProbeWrite(v, r, size - 1, p, size - 1)) return f;
  }
  // VMO-005: one stream-size cell. Any value other than the current one, at most the size.
  if (size > 0 || pss > 0) {
    const uint64_t other = pss > 0 ? pss - 1 : size;
    if (auto f = ProbeSize(v, p, other, r, /*resize=*/false)) return f;
    if (auto f = ProbeSize(v, r, other, p, /*resize=*/false)) return f;
  }
  // VMO-041/089: a resize through the parent is seen by the reference.
  if (ResizableOf(b, *pv) && size <= kVmoMaxSize - kPage) {
    if (auto f = ProbeSize(v, p, size + kPage, r, /*resize=*/true)) return f;
  }
  return std::nullopt;
}

MaybeFinding ReferenceAlias(const StepView& v) {
  const State& a = v.before;
  const State& b = v.after.state;
  if (auto n = CreatedChild(v);
      n && !n->via_vmar && (n->options & ZX_VMO_CHILD_REFERENCE) != 0) {
    const Vmo* rv = VmoAt(b, n->child);
    if (rv == nullptr || rv->parent != n->parent) {
      return Finding{"the new reference " + K(n->child) + " is not a child of " + K(n->parent)};
    }
    if (auto f = ReferenceShowsParent(v, n->child, n->parent, /*probe=*/true)) return f;
  }
  // A reference that aliased its current parent before the step still does (see SliceAlias).
  for (const auto& [koid, body] : b.objects) {
    const auto* rv = std::get_if<Vmo>(&body);
    if (rv == nullptr || rv->kind != VmoKind::kReference) continue;
    const Vmo* r0 = VmoAt(a, koid);
    const Vmo* p0 = VmoAt(a, rv->parent);
    if (r0 == nullptr || p0 == nullptr || r0->memory != p0->memory) continue;
    if (auto f = ReferenceShowsParent(v, koid, rv->parent, false)) return f;
  }
  return std::nullopt;
}

// ---- vmo-size-frame ----

// Calls that may change a stream size: VMO-042 (set_size truncates), VMO-049, VMO-053,
// STREAM-034f/040d. zx_vmo_write, zx_vmo_op_range and mem_write never do (STREAM-072).
bool MayChangeStreamSize(const Call& call) {
  return std::holds_alternative<VmoSetStreamSize>(call) ||
         std::holds_alternative<ObjectSetProperty>(call) ||
         std::holds_alternative<VmoSetSize>(call) || std::holds_alternative<StreamWritev>(call) ||
         std::holds_alternative<StreamWritevAt>(call);
}

MaybeFinding SizeFrame(const StepView& v) {
  const State& a = v.before;
  const State& b = v.after.state;
  const std::string call(SyscallOf(v.action.call).name);
  std::optional<std::set<zx_koid_t>> acted;
  for (const auto& [koid, body] : a.objects) {
    const auto* va = std::get_if<Vmo>(&body);
    const Vmo* vb = va != nullptr ? VmoAt(b, koid) : nullptr;
    if (vb == nullptr) continue;
    const uint64_t sa = SizeOf(a, *va), sb = SizeOf(b, *vb);
    const uint64_t ssa = StreamSizeOf(a, *va), ssb = StreamSizeOf(b, *vb);
    if (sa == sb && ssa == ssb) continue;
    if (!acted) acted = ActedVmos(a, v.action.caller, v.action.call);
    const AliasKey key = KeyOf(a, koid);
    const bool slice = va->kind == VmoKind::kSlice;
    // Through |koid| itself or a non-slice alias (slices keep their own size and stream size).
    const zx_koid_t self = koid;  // a lambda may not name a structured binding (clang 14)
    const bool through_alias = std::any_of(acted->begin(), acted->end(), [&](zx_koid_t w) {
      const Vmo* wv = VmoAt(a, w);
      return w == self || (!slice && wv != nullptr && wv->kind != VmoKind::kSlice &&
                           KeyOf(a, w) == key);
    });
    if (sa != sb && (slice || !std::holds_alternative<VmoSetSize>(v.action.call) ||
                     !through_alias)) {
      Finding f{Describe(koid, *va) + ": its size changed from " + Dec(sa) + " to " + Dec(sb) +
                " in a " + call + " step acting " + ActedList(a, koid, *acted) +
                " (only zx_vmo_set_size on it or an alias resizes a VMO; a slice never changes "
                "size)"};
      Add(f, SizeWitness(b, koid, false, sa, v.action.caller,
                         "RFC-0238: only zx_vmo_set_size resizes a VMO"));
      return f;
    }
    if (ssa != ssb && (!MayChangeStreamSize(v.action.call) || !through_alias)) {
      Finding f{Describe(koid, *va) + ": its stream size changed from " + Dec(ssa) + " to " +
                Dec(ssb) + " in a " + call + " step acting " + ActedList(a, koid, *acted)};
      Add(f, SizeWitness(b, koid, true, ssa, v.action.caller,
                         "RFC-0238: what may change a stream size (STREAM-072)"));
      return f;
    }
  }
  return std::nullopt;
}

// ---- vmo-child-rights ----

struct RightsRule {
  bool broken;
  zx_rights_t bits;  // the rights concerned
  bool must_hold;    // the child must hold |bits| (else: must not hold any of them)
  const char* rule;
};

MaybeFinding ChildRights(const StepView& v) {
  auto n = CreatedChild(v);
  if (!n) return std::nullopt;
  const zx_rights_t r = n->rights;
  const bool no_write = (n->options & ZX_VMO_CHILD_NO_WRITE) != 0;
  std::vector<RightsRule> rules;
  if (n->via_vmar) {
    // VMAR-083: the default VMO rights, minus WRITE with NO_WRITE, plus EXECUTE only then.
    const zx_rights_t allowed = (ZX_DEFAULT_VMO_RIGHTS & ~(no_write ? ZX_RIGHT_WRITE : 0)) |
                                (no_write ? ZX_RIGHT_EXECUTE : 0);
    rules = {
        {(r & ~allowed) != 0, r & ~allowed, false,
         "VMAR-083: the default VMO rights, minus WRITE with NO_WRITE, EXECUTE only with NO_WRITE"},
        {!no_write && (r & ZX_RIGHT_WRITE) == 0, ZX_RIGHT_WRITE, true, "VMAR-083: WRITE"},
        {(ZX_DEFAULT_VMO_RIGHTS & ~ZX_RIGHT_WRITE & ~r) != 0,
         ZX_DEFAULT_VMO_RIGHTS & ~ZX_RIGHT_WRITE & ~r, true, "VMAR-083: the default VMO rights"},
    };
  } else {
    // VMO-083, clause by clause. P: the parent handle's rights.
    const zx_rights_t p = n->parent_rights;
    const bool snapshot = (n->options & kSnapshotTypes) != 0;  // exactly one type (VMO-074)
    const bool resizable = (n->options & ZX_VMO_CHILD_RESIZABLE) != 0;
    const bool writable_snapshot = snapshot && !no_write;
    const zx_rights_t allowed = (p & ~ZX_RIGHT_RESIZE) | (resizable ? ZX_RIGHT_RESIZE : 0) |
                                ZX_RIGHT_GET_PROPERTY | ZX_RIGHT_SET_PROPERTY |
                                (writable_snapshot ? ZX_RIGHT_WRITE : 0);
    const zx_rights_t props = ZX_RIGHT_GET_PROPERTY | ZX_RIGHT_SET_PROPERTY;
    const zx_rights_t kept = p & ~(ZX_RIGHT_RESIZE | ZX_RIGHT_WRITE | ZX_RIGHT_EXECUTE);
    const zx_rights_t as_is = p & (ZX_RIGHT_WRITE | ZX_RIGHT_EXECUTE);
    rules = {
        {(r & ~allowed) != 0, r & ~allowed, false,
         "VMO-083: at most the parent handle's rights minus RESIZE, plus RESIZE with "
         "CHILD_RESIZABLE, GET/SET_PROPERTY, and WRITE for a writable SNAPSHOT-family child"},
        {resizable && (r & ZX_RIGHT_RESIZE) == 0, ZX_RIGHT_RESIZE, true,
         "VMO-083: RESIZE with CHILD_RESIZABLE"},
        {(r & props) != props, props & ~r, true, "VMO-083: GET_PROPERTY and SET_PROPERTY"},
        {no_write && (r & ZX_RIGHT_WRITE) != 0, ZX_RIGHT_WRITE, false, "VMO-083: NO_WRITE"},
        {writable_snapshot && (r & ZX_RIGHT_WRITE) == 0, ZX_RIGHT_WRITE, true,
         "VMO-083: a SNAPSHOT-family child without NO_WRITE is writable"},
        {writable_snapshot && (r & ZX_RIGHT_EXECUTE) != 0, ZX_RIGHT_EXECUTE, false,
         "VMO-083: a writable SNAPSHOT-family child loses EXECUTE"},
        {(kept & ~r) != 0, kept & ~r, true, "VMO-083: the parent handle's other rights are kept"},
        {!snapshot && !no_write && (as_is & ~r) != 0, as_is & ~r, true,
         "VMO-083: a SLICE or REFERENCE keeps WRITE and EXECUTE as the parent handle has them"},
    };
  }
  for (const auto& rule : rules) {
    if (!rule.broken) continue;
    const std::string from =
        n->via_vmar ? "" : " (parent handle " + Rights(n->parent_rights) + ")";
    Finding f{"the new child " + K(n->child) + " of " + std::string(SyscallOf(v.action.call).name) +
              " has rights " + Rights(r) + from + ": " + (rule.must_hold ? "lacks " : "holds ") +
              Rights(rule.bits) + "; " + rule.rule};
    Add(f, InfoWitness(v.after.state, n->child, n->handle, ZX_INFO_HANDLE_BASIC,
                       std::string("rights: ") + (rule.must_hold ? "+" : "-") + Rights(rule.bits),
                       v.action.caller, rule.rule));
    return f;
  }
  return std::nullopt;
}

// ---- vmo-child-info ----

// |call| through the step function on the state after the step, as the step's caller.
std::optional<Outcome> Ask(const StepView& v, const Call& call) {
  if (!CanAct(v.after.state, v.action.caller)) return std::nullopt;
  try {
    return v.step(v.after.state, v.action.caller, call).outcome;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::optional<zx_info_vmo_t> AskInfo(const StepView& v, zx_handle_t h) {
  auto o = Ask(v, Call{ObjectGetInfo{h, ZX_INFO_VMO}});
  const auto* info = o && o->status == ZX_OK ? std::get_if<InfoResult>(&o->payload) : nullptr;
  const auto* vmo = info != nullptr ? std::get_if<zx_info_vmo_t>(&info->record) : nullptr;
  if (vmo == nullptr) return std::nullopt;
  return *vmo;
}

std::optional<uint64_t> AskU64(const StepView& v, const Call& call) {
  auto o = Ask(v, call);
  const auto* u = o && o->status == ZX_OK ? std::get_if<U64Result>(&o->payload) : nullptr;
  if (u == nullptr) return std::nullopt;
  return u->value;
}

MaybeFinding ChildInfo(const StepView& v) {
  auto n = CreatedChild(v);
  if (!n) return std::nullopt;
  const State& b = v.after.state;
  const zx_koid_t caller = v.action.caller;
  auto info = AskInfo(v, n->handle);
  if (!info) return Finding{"object_get_info(ZX_INFO_VMO) fails on the new child " + K(n->child)};
  const bool snapshot = n->via_vmar || (n->options & kSnapshotTypes) != 0;
  const bool reference = !snapshot && (n->options & ZX_VMO_CHILD_REFERENCE) != 0;
  // A reference reports its parent's size, stream size and resizability (VMO-080/081/131).
  std::optional<zx_info_vmo_t> parent;
  std::optional<uint64_t> parent_stream;
  if (reference) {
    parent = AskInfo(v, n->parent_handle);
    parent_stream = AskU64(v, Call{VmoGetStreamSize{n->parent_handle}});
    if (!parent || !parent_stream) return std::nullopt;
  }
  auto flag = [&](uint32_t bit, bool expected, const char* name, const char* rule) -> MaybeFinding {
    if (((info->flags & bit) != 0) == expected) return std::nullopt;
    Finding f{"the new child " + K(n->child) + (expected ? " lacks " : " reports ") +
              "ZX_INFO_VMO_" + name + " (options " +
              FlagsToString(n->options, ConstKind::kVmoChildOption) + "); " + rule};
    Add(f, InfoWitness(b, n->child, n->handle, ZX_INFO_VMO,
                       std::string("flags: ") + (expected ? "+" : "-") + name, caller, rule));
    return f;
  };
  const bool immutable = (n->options & ZX_VMO_CHILD_SNAPSHOT) != 0 &&
                         (n->options & ZX_VMO_CHILD_NO_WRITE) != 0;
  if (auto f = flag(ZX_INFO_VMO_IMMUTABLE, immutable, "IMMUTABLE",
                    "VMO-085 (RFC-0080): IMMUTABLE exactly for SNAPSHOT with NO_WRITE")) {
    return f;
  }
  if (auto f = flag(ZX_INFO_VMO_IS_COW_CLONE, snapshot, "IS_COW_CLONE",
                    "VMO-131: IS_COW_CLONE exactly for the SNAPSHOT family")) {
    return f;
  }
  const bool resizable = snapshot    ? (n->options & ZX_VMO_CHILD_RESIZABLE) != 0
                         : reference ? (parent->flags & ZX_INFO_VMO_RESIZABLE) != 0
                                     : false;
  if (auto f = flag(ZX_INFO_VMO_RESIZABLE, resizable, "RESIZABLE",
                    "VMO-080/131: resizable with CHILD_RESIZABLE (a reference: as its parent; "
                    "a slice: never)")) {
    return f;
  }
  const uint64_t size = reference ? parent->size_bytes : n->size;
  if (info->size_bytes != size) {
    Finding f{"the new child " + K(n->child) + " reports size " + Dec(info->size_bytes) +
              ", not " + Dec(size)};
    Add(f, InfoWitness(b, n->child, n->handle, ZX_INFO_VMO, "size_bytes: " + Dec(size), caller,
                       "VMO-080: the requested size (a reference: its parent's)"));
    return f;
  }
  if (!n->via_vmar && info->parent_koid != n->parent) {
    Finding f{"the new child " + K(n->child) + " reports parent " + K(info->parent_koid) +
              ", not " + K(n->parent)};
    Add(f, InfoWitness(b, n->child, n->handle, ZX_INFO_VMO, "parent_koid: " + Dec(n->parent),
                       caller, "VMO-080/132: the VMO its handle names"));
    return f;
  }
  const uint64_t stream = reference ? *parent_stream : n->size;
  auto got = AskU64(v, Call{VmoGetStreamSize{n->handle}});
  if (got && *got != stream) {
    Finding f{"the new child " + K(n->child) + " has stream size " + Dec(*got) + ", not " +
              Dec(stream)};
    Add(f, SizeWitness(b, n->child, true, stream, caller,
                       "VMO-081 (RFC-0238): its size (a reference: its parent's stream size)"));
    return f;
  }
  return std::nullopt;
}

template <MaybeFinding (*F)(const StepView&)>
std::optional<std::string> MessageOf(const StepView& v) {
  auto f = F(v);
  if (!f) return std::nullopt;
  return f->message;
}

template <MaybeFinding (*F)(const StepView&)>
std::vector<Witness> WitnessesOf(const StepView& v) {
  auto f = F(v);
  return f ? f->witnesses : std::vector<Witness>{};
}

}  // namespace

GenOptions VmoGenOptions() { return {}; }

std::optional<std::string> CheckVmoImmutableStable(const StepView& v) {
  return MessageOf<&ImmutableStable>(v);
}
std::vector<Witness> WitnessVmoImmutableStable(const StepView& v) {
  return WitnessesOf<&ImmutableStable>(v);
}
std::optional<std::string> CheckVmoCowIsolation(const StepView& v) {
  return MessageOf<&CowIsolation>(v);
}
std::vector<Witness> WitnessVmoCowIsolation(const StepView& v) {
  return WitnessesOf<&CowIsolation>(v);
}
std::optional<std::string> CheckVmoSliceAlias(const StepView& v) {
  return MessageOf<&SliceAlias>(v);
}
std::vector<Witness> WitnessVmoSliceAlias(const StepView& v) { return WitnessesOf<&SliceAlias>(v); }
std::optional<std::string> CheckVmoReferenceAlias(const StepView& v) {
  return MessageOf<&ReferenceAlias>(v);
}
std::vector<Witness> WitnessVmoReferenceAlias(const StepView& v) {
  return WitnessesOf<&ReferenceAlias>(v);
}
std::optional<std::string> CheckVmoSizeFrame(const StepView& v) { return MessageOf<&SizeFrame>(v); }
std::vector<Witness> WitnessVmoSizeFrame(const StepView& v) { return WitnessesOf<&SizeFrame>(v); }
std::optional<std::string> CheckVmoChildRights(const StepView& v) {
  return MessageOf<&ChildRights>(v);
}
std::vector<Witness> WitnessVmoChildRights(const StepView& v) {
  return WitnessesOf<&ChildRights>(v);
}
std::optional<std::string> CheckVmoChildInfo(const StepView& v) {
  return MessageOf<&ChildInfo>(v);
}
std::vector<Witness> WitnessVmoChildInfo(const StepView& v) { return WitnessesOf<&ChildInfo>(v); }

}  // namespace zxspec::props
