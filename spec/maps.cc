// The lists of ZX_INFO_VMAR_MAPS (seed RFC-0253) and ZX_INFO_PROCESS_MAPS in Z3
// (process-maps.md MAPS-011/012, MAPS-016, MAPS-020..022); see spec/info.h.
//
// The model walks the VMAR tree through its child lists (model/maps.cc). The spec state has no
// child lists (spec/aspace.h), so the spec states the list by what it holds and in which order:
//  - the entries: the queried VMAR Q, every live VMAR below it, and one entry per maximal run of
//    equal permissions of every alive mapping of those VMARs (MAPS-020);
//  - the depth of a VMAR: the number of VMARs between Q (included) and it, its ancestors below
//    or at Q; a mapping's entries lie one deeper than its VMAR;
//  - the order: a pre-order walk over children in ascending base order lists an ancestor before
//    its descendants and a range before the ranges after it (children lie inside their parent and
//    apart from each other, vmar-containment, vmar-disjoint, with non-zero sizes), so it is the
//    order by base, then by size from large to small (an ancestor contains its descendants),
//    then VMARs before mappings (a mapping has no children), then by koid (an ancestor is older,
//    address-space-consistent).
// Over a symbolic state the list is the choices "info.maps.*" with its first entry pinned.
#include <algorithm>
#include <map>
#include <string>
#include <tuple>

#include "spec/aspace.h"
#include "spec/info.h"

namespace zxspec::spec {
namespace {


struct Sorted {
  uint64_t base, size, rank, koid;  // rank: 0 an address space or VMAR, 1 a mapping run
  zx_info_maps_t entry;
};

zx_name_t NameOf(const std::string& s) {
  zx_name_t out{};
  std::copy_n(s.begin(), std::min<size_t>(s.size(), ZX_MAX_NAME_LEN - 1), out.begin());
  return out;
}

// Reads a concrete state: every value a numeral, or the whole computation gives up.
class Reader {
 public:
  explicit Reader(const SymState& s) : s_(s) {}
  uint64_t operator()(const z3::expr& e) {
    auto v = NumeralOf(e.simplify());
    if (!v) ok_ = false;
    return v.value_or(0);
  }
  z3::expr N(uint64_t v) const { return U64(s_.ctx(), v); }
  bool ok() const { return ok_; }

 private:
  const SymState& s_;
  bool ok_ = true;
};

// The name field of VMO |k| (info.h NameField, read).
zx_name_t VmoName(const SymState& s, Reader& read, uint64_t k) {
  zx_name_t out{};
  const std::vector<z3::expr> bytes = NameField(s, read.N(k));
  for (size_t i = 0; i < out.size(); ++i) out[i] = static_cast<char>(read(bytes[i]));
  return out;
}

// MAPS-020: the committed bytes of the VMO offsets [offset, offset + len) of VMO |vmo|, counted
// as VMO-133 counts (slices and references 0; offsets at or past the size 0).
uint64_t CommittedIn(const SymState& s, Reader& read, const Table& committed, uint64_t vmo, uint64_t offset,
                     uint64_t len) {
  const uint64_t kind = read(s.vmo_kind(read.N(vmo)));
  if (kind == kKindSlice || kind == kKindReference) return 0;
  const View v = ViewOf(s, read.N(vmo));
  const uint64_t memory = read(v.memory), at = read(v.offset);
  const uint64_t end = std::min(SaturatingEnd(offset, len), read(v.size));
  if (offset >= end) return 0;
  uint64_t pages = 0;
  for (const auto& [key, on] : committed) {
    pages += key[0] == memory && key[1] >= (at + offset) / kPage && key[1] < (at + end) / kPage ? 1u : 0u;
  }
  return pages * kPage;
}

// MAPS-020: the entries of the mapping (w, b) at |depth|, one per run of equal permissions.
void MappingRuns(const SymState& s, Reader& read, uint64_t w, uint64_t b, uint64_t depth, std::vector<Sorted>& out) {
  const Table& perms = *Plain(s.perms);
  const z3::expr W = read.N(w), B = read.N(b);
  const uint64_t end = SaturatingEnd(b, read(s.map_size(W, B)));
  const uint64_t vmo = read(s.map_vmo(W, B)), vmo_offset = read(s.map_vmo_offset(W, B));
  // Pages without permissions are not in the table: the permissions change only at a table point
  // or the page after one.
  std::vector<uint64_t> cuts{b, end};
  for (const auto& [key, bits] : perms) {
    if (key[0] == w && key[1] == b) {
      cuts.push_back(key[2]);
      cuts.push_back(SaturatingEnd(key[2], kPage));
    }
  }
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  auto at = [&perms, w, b](uint64_t page) {
    auto it = perms.find(Key{w, b, page});
    return it == perms.end() ? 0 : it->second;
  };
  const zx_name_t name = VmoName(s, read, vmo);
  const Table* committed = Plain(s.committed);
  size_t i = 0;
  while (i + 1 < cuts.size() && cuts[i] < end) {
    const uint64_t start = cuts[i], bits = at(start);
    size_t j = i + 1;  // the first cut where the permissions differ, or the end
    while (cuts[j] < end && at(cuts[j]) == bits) ++j;
    const uint64_t stop = std::min(cuts[j], end);
    i = j;
    if (start < b) continue;
    zx_info_maps_t e;
    e.name = name;
    e.base = start;
    e.size = stop - start;
    e.depth = depth;
    e.type = ZX_INFO_MAPS_TYPE_MAPPING;
    auto& m = e.u.mapping;
    m.mmu_flags = static_cast<zx_vm_option_t>(bits);
    m.vmo_koid = vmo;
    m.vmo_offset = vmo_offset + (start - b);
    m.committed_bytes = committed ? CommittedIn(s, read, *committed, vmo, m.vmo_offset, e.size) : 0;
    m.populated_bytes = m.committed_bytes;
    // Open point P-8: the private and scaled fields 0, the fractional ones all ones.
    m.committed_fractional_scaled_bytes = UINT64_MAX;
    m.populated_fractional_scaled_bytes = UINT64_MAX;
    out.push_back({start, e.size, 1, vmo, e});
  }
}

// Over a concrete state: the entries of the subtree of VMAR |q| with depths shifted by |shift|,
// in the list's order (the file comment); nullopt over a symbolic state.
std::optional<std::vector<zx_info_maps_t>> ConcreteEntries(const SymState& s, const z3::expr& q, uint64_t shift) {
  const Table* objects = Plain(s.alive);
  const Table* mappings = Plain(s.map_alive);
  if (objects == nullptr || mappings == nullptr || Plain(s.perms) == nullptr || Plain(s.committed) == nullptr ||
      !NumeralOf(q.simplify())) {
    return std::nullopt;
  }
  Reader read(s);
  std::vector<uint64_t> vmars;  // Q and the live VMARs below it
  for (const auto& [key, on] : *objects) {
    if (read(BelowOrSelf(s, q, read.N(key[0])))) vmars.push_back(key[0]);
  }
  std::map<uint64_t, uint64_t> depth;
  std::vector<Sorted> sorted;
  for (uint64_t w : vmars) {
    uint64_t d = shift;
    for (uint64_t v : vmars) d += v != w && read(Below(s, read.N(v), read.N(w))) ? 1u : 0u;
    depth[w] = d;
    zx_info_maps_t e;  // MAPS-022: a zero union
    e.name = NameOf(read(s.vmar_parent(read.N(w))) == 0 ? "root" : "useralloc");
    e.base = read(s.vmar_base(read.N(w)));
    e.size = read(s.vmar_size(read.N(w)));
    e.depth = d;
    e.type = ZX_INFO_MAPS_TYPE_VMAR;
    sorted.push_back({e.base, e.size, 0, w, e});
  }
  for (const auto& [key, on] : *mappings) {
    if (depth.count(key[0]) != 0) MappingRuns(s, read, key[0], key[1], depth[key[0]] + 1, sorted);
  }
  if (!read.ok()) return std::nullopt;
  std::sort(sorted.begin(), sorted.end(), [](const Sorted& x, const Sorted& y) {
    return std::make_tuple(x.base, ~x.size, x.rank, x.koid) < std::make_tuple(y.base, ~y.size, y.rank, y.koid);
  });
  std::vector<zx_info_maps_t> out;
  for (const Sorted& x : sorted) out.push_back(x.entry);
  return out;
}

// The list result of |entries|.
SymResult ListResult(z3::context& c, const std::vector<zx_info_maps_t>& entries) {
  std::vector<Table> columns(kMapsEntryFields);
  for (uint64_t i = 0; i < entries.size(); ++i) {
    const std::vector<uint64_t> f = FlatEntry(entries[i]);
    for (size_t j = 0; j < kMapsEntryFields; ++j) {
      if (f[j] != 0) columns[j][{i}] = f[j];
    }
  }
  SymResult r{SymResult::Kind::kInfo, {U64(c, entries.size())}, std::nullopt};
  r.record = kRecordMaps;
  for (Table& t : columns) r.columns.push_back(Fn::Concrete(c, FnShape{{64}, 64}, std::move(t)));
  return r;
}

// Over a symbolic state: the choices, with the first entry (base, size, depth, type) pinned.
MapsList ChosenList(const SymState& s, const z3::expr& base, const z3::expr& size, uint32_t type) {
  z3::context& c = s.ctx();
  SymResult r{SymResult::Kind::kInfo, {s.choices->Make(c, "info.maps.count", FnShape{{}, 64})(Args{})}, std::nullopt};
  r.record = kRecordMaps;
  for (size_t j = 0; j < kMapsEntryFields; ++j) {
    r.columns.push_back(s.choices->Make(c, "info.maps.field" + std::to_string(j), FnShape{{64}, 64}));
  }
  const z3::expr zero = U64(c, 0);
  auto field = [&r, &zero](size_t j) { return r.columns[ZX_MAX_NAME_LEN + j](zero); };
  Formula first = z3::uge(r.values[0], U64(c, 1)) && field(0) == base && field(1) == size && field(2) == zero &&
                  field(3) == U64(c, type);
  return {r, {{"info.maps: the list starts with the queried object at depth 0", first}}};
}

}  // namespace

MapsList VmarMaps(const SymState& s, const z3::expr& vmar) {
  if (auto entries = ConcreteEntries(s, vmar, 0)) return {ListResult(s.ctx(), *entries), {}};
  return ChosenList(s, s.vmar_base(vmar), s.vmar_size(vmar), ZX_INFO_MAPS_TYPE_VMAR);
}

MapsList ProcessMaps(const SymState& s, const z3::expr& process) {
  const z3::expr root = s.proc_root(process);
  auto koid = NumeralOf(process.simplify());
  auto entries = ConcreteEntries(s, root, 1);
  auto base = NumeralOf(s.vmar_base(root).simplify()), size = NumeralOf(s.vmar_size(root).simplify());
  if (!koid || !entries || !base || !size) {
    return ChosenList(s, s.vmar_base(root), s.vmar_size(root), ZX_INFO_MAPS_TYPE_ASPACE);
  }
  zx_info_maps_t aspace;  // MAPS-016 (1): the address space, as large as the root VMAR
  aspace.name = NameOf("proc:" + std::to_string(*koid));
  aspace.base = *base;
  aspace.size = *size;
  aspace.type = ZX_INFO_MAPS_TYPE_ASPACE;
  entries->insert(entries->begin(), aspace);
  return {ListResult(s.ctx(), *entries), {}};
}

}  // namespace zxspec::spec
