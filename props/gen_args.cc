// Argument generators shared by the per-call generators (see gen_args.h and gen.h "Biases").
#include "props/gen_args.h"

#include <algorithm>
#include <set>

#include "model/vmo.h"
#include "props/gen_rights.h"

namespace zxspec::props {
namespace {

namespace gen = rc::gen;


// The boundary values every size, offset and address generator leans toward (gen.h).
const std::vector<uint64_t>& Boundaries() {
  static const std::vector<uint64_t> values = {
      0,
      1,
      kPage - 1,
      kPage,
      kPage + 1,
      2 * kPage,
      3 * kPage,
      16 * kPage,
      uint64_t{1} << 32,
      kVmoMaxSize - kPage,
      kVmoMaxSize - 1,
      kVmoMaxSize,
      kVmoMaxSize + 1,
      uint64_t{1} << 63,
      UINT64_MAX - kPage,
      UINT64_MAX - (kPage - 1),
      UINT64_MAX - 1,
      UINT64_MAX,
  };
  return values;
}

// |anchors| and their neighbours: a, a+1, a-1, a+page, a-page (wrapping: the wrapped values are
// boundary values too).
std::vector<uint64_t> Around(const std::vector<uint64_t>& anchors) {
  std::set<uint64_t> out;
  for (uint64_t a : anchors) {
    for (uint64_t d : {uint64_t{0}, uint64_t{1}, kPage}) {
      out.insert(a + d);
      out.insert(a - d);
    }
  }
  return {out.begin(), out.end()};
}

rc::Gen<uint64_t> SmallRandom() { return gen::inRange<uint64_t>(0, 3 * kPage + 2); }
rc::Gen<uint64_t> PageMultiple() {
  return gen::map(gen::inRange<uint64_t>(0, 17), [](uint64_t n) { return n * kPage; });
}

template <class T>
rc::Gen<T> ElementOf(std::vector<T> values) {
  return gen::elementOf(std::move(values));
}

}  // namespace

ViewPtr MakeView(std::shared_ptr<const model::State> state, zx_koid_t caller,
                 uint64_t max_transfer) {
  auto v = std::make_shared<CallerView>();
  v->max_transfer = max_transfer;
  v->state = std::move(state);
  v->caller = caller;
  const model::State& s = *v->state;
  std::set<zx_handle_t> mine;
  if (const auto* p = std::get_if<model::Process>(&s.objects.at(caller))) {
    for (const auto& [value, e] : p->handles.entries) {
      auto it = s.objects.find(e.object);
      zx_obj_type_t type = it == s.objects.end() ? ZX_OBJ_TYPE_NONE : model::ObjTypeOf(it->second);
      v->live.push_back({value, e.object, type, e.rights});
      mine.insert(value);
    }
    for (uint32_t k = 1; k <= p->handles.installed; ++k) {
      zx_handle_t value = (k << 2) | ZX_HANDLE_FIXED_BITS_MASK;
      if (!mine.count(value)) v->stale.push_back(value);
    }
  }
  std::set<zx_handle_t> foreign;
  for (const auto& [koid, body] : s.objects) {
    if (const auto* p = std::get_if<model::Process>(&body); p != nullptr && koid != caller) {
      for (const auto& [value, e] : p->handles.entries) {
        if (!mine.count(value)) foreign.insert(value);
      }
    }
    if (const auto* vmar = std::get_if<model::Vmar>(&body)) {
      if (vmar->process != caller || vmar->state != model::Lifecycle::kAlive) continue;
      v->ranges.push_back({vmar->base, vmar->size, koid, false});
      for (const auto& c : vmar->children) {
        if (const auto* m = std::get_if<model::Mapping>(&c)) {
          v->ranges.push_back({m->base, m->size, koid, true});
        }
      }
    }
  }
  v->foreign.assign(foreign.begin(), foreign.end());
  return v;
}

const HandleView* FindHandle(const CallerView& v, zx_handle_t value) {
  for (const auto& h : v.live) {
    if (h.value == value) return &h;
  }
  return nullptr;
}

rc::Gen<zx_handle_t> GenHandle(const ViewPtr& v, zx_obj_type_t want) {
  std::vector<zx_handle_t> wanted, other;
  for (const auto& h : v->live) {
    (want == ZX_OBJ_TYPE_NONE || h.type == want ? wanted : other).push_back(h.value);
  }
  // Values that never name a handle here: fixed bits cleared, beyond the table's counter, the
  // all-ones value (GEN-001 step 1, HANDLE-001).
  zx_handle_t next = static_cast<zx_handle_t>(((v->stale.size() + v->live.size() + 1) << 2) | 3);
  std::vector<zx_handle_t> never = {next, next + 4, 0xFFFFFFFFu, 1u, 2u};
  if (!v->live.empty()) never.push_back(v->live.front().value & ~ZX_HANDLE_FIXED_BITS_MASK);

  std::vector<std::pair<size_t, rc::Gen<zx_handle_t>>> choices;
  if (!wanted.empty()) choices.push_back({75, ElementOf(wanted)});
  if (!other.empty()) choices.push_back({8, ElementOf(other)});
  if (!v->stale.empty()) choices.push_back({6, ElementOf(v->stale)});
  choices.push_back({4, gen::just(zx_handle_t{ZX_HANDLE_INVALID})});
  if (!v->foreign.empty()) choices.push_back({3, ElementOf(v->foreign)});
  choices.push_back({4, ElementOf(never)});
  return Weighted(std::move(choices));
}

rc::Gen<zx_handle_t> GenHandleToGiveUp(const ViewPtr& v) {
  const auto& env = v->state->initial;
  std::vector<zx_handle_t> made;
  for (const auto& h : v->live) {
    const bool initial_env = v->caller == env.self_koid &&
                             (h.value == env.job || h.value == env.self ||
                              h.value == env.root || h.value == env.vmex);
    if (!initial_env) made.push_back(h.value);
  }
  // Nothing made yet: mostly values that name nothing (0, stale, never valid), which exercise
  // the BAD_HANDLE and HANDLE-010 paths without using up the environment.
  std::vector<zx_handle_t> nothing = v->stale;
  nothing.push_back(ZX_HANDLE_INVALID);
  nothing.push_back(0xFFFFFFFFu);
  auto first = made.empty() ? ElementOf(nothing) : ElementOf(made);
  return Weighted<zx_handle_t>({{9, first}, {1, GenHandle(v, ZX_OBJ_TYPE_NONE)}});
}

rc::Gen<zx_rights_t> GenDerivedRights(const ViewPtr& v, zx_handle_t h) {
  const HandleView* hv = FindHandle(*v, h);
  if (hv == nullptr) {
    return Elements<zx_rights_t>({ZX_RIGHT_SAME_RIGHTS, ZX_RIGHT_NONE, ZX_RIGHT_READ,
                                     ZX_DEFAULT_VMO_RIGHTS});
  }
  const zx_rights_t have = hv->rights;
  std::vector<RightsNeed> needs;
  for (const auto& n : RightsNeeds()) {
    if (n.type == hv->type && (have & n.rights) != 0) needs.push_back(n);
  }
  std::vector<zx_rights_t> missing;
  for (zx_rights_t bit = 1; bit <= kAllDefinedRights; bit <<= 1) {
    if ((have & bit) == 0 && (kAllDefinedRights & bit) != 0) missing.push_back(bit);
  }
  std::vector<std::pair<size_t, rc::Gen<zx_rights_t>>> choices = {
      {20, gen::just(ZX_RIGHT_SAME_RIGHTS)},  // HANDLE-022: keeps the rights
      {10, gen::just(have)},
      {15, gen::map(gen::inRange<zx_rights_t>(0, UINT32_MAX),
                    [have](zx_rights_t mask) { return have & mask; })},
      {5, gen::just(ZX_RIGHT_NONE)},
      {5, gen::map(gen::inRange<zx_rights_t>(0, 25),
                   [](zx_rights_t b) { return ZX_RIGHT_SAME_RIGHTS | (zx_rights_t{1} << b); })},
  };
  if (!needs.empty()) {  // one right short of what a call on this object needs
    choices.push_back({20, gen::map(gen::pair(gen::inRange<size_t>(0, needs.size()),
                                              gen::inRange<size_t>(0, 32)),
                                    [have, needs](const std::pair<size_t, size_t>& p) {
                                      return OneShort(have, needs[p.first], p.second);
                                    })});
  }
  if (!missing.empty()) {  // one right more than held: HANDLE-022/031 INVALID_ARGS
    choices.push_back({10, gen::map(ElementOf(missing), [have](zx_rights_t b) { return have | b; })});
  }
  return Weighted(std::move(choices));
}

rc::Gen<uint64_t> GenU64(std::vector<uint64_t> anchors) {
  std::vector<std::pair<size_t, rc::Gen<uint64_t>>> choices = {
      {45, ElementOf(Boundaries())},
      {20, SmallRandom()},
      {10, PageMultiple()},
  };
  if (!anchors.empty()) choices.push_back({25, ElementOf(Around(anchors))});
  return Weighted(std::move(choices));
}

rc::Gen<uint64_t> GenOffsetFor(uint64_t len, std::vector<uint64_t> anchors) {
  std::vector<std::pair<size_t, rc::Gen<uint64_t>>> choices = {
      {40, GenU64(anchors)},
      {20, SmallRandom()},
  };
  if (!anchors.empty()) {  // ends exactly at the anchor, or one byte past it
    std::vector<uint64_t> ends;
    for (uint64_t a : anchors) {
      ends.push_back(a - len);
      ends.push_back(a - len + 1);
    }
    choices.push_back({25, ElementOf(ends)});
  }
  if (len > 0) {  // offset + len wraps around 2^64 (VMO-021, STREAM-034b)
    choices.push_back({15, gen::map(gen::inRange<uint64_t>(0, 5),
                                    [len](uint64_t k) { return (0 - len) + 1 + k; })});
  }
  return Weighted(std::move(choices));
}

rc::Gen<uint64_t> GenRangeLength(std::vector<uint64_t> anchors) {
  std::vector<std::pair<size_t, rc::Gen<uint64_t>>> choices = {
      {35, Elements<uint64_t>({0, 1, 5, kPage - 1, kPage, kPage + 1, 2 * kPage})},
      {30, SmallRandom()},
      {15, Elements<uint64_t>({kVmoMaxSize, uint64_t{1} << 63, UINT64_MAX - (kPage - 1),
                                  UINT64_MAX})},
  };
  if (!anchors.empty()) choices.push_back({20, ElementOf(Around(anchors))});
  return Weighted(std::move(choices));
}

rc::Gen<uint64_t> GenLength(const ViewPtr& v, std::vector<uint64_t> anchors,
                            uint64_t fails_above) {
  const uint64_t cap = v->max_transfer;
  return gen::map(GenRangeLength(std::move(anchors)), [cap, fails_above](uint64_t len) {
    return cap != 0 && len > cap && len <= kMaxUserBufferBytes && len <= fails_above ? cap : len;
  });
}

rc::Gen<uint64_t> GenPageMultiple() { return PageMultiple(); }

rc::Gen<uint64_t> GenPlace(std::vector<uint64_t> anchors, uint64_t len) {
  std::vector<uint64_t> aligned;
  for (uint64_t a : anchors) {
    if (a % kPage == 0) aligned.push_back(a);
  }
  std::vector<std::pair<size_t, rc::Gen<uint64_t>>> choices = {{40, GenOffsetFor(len, anchors)}};
  if (!aligned.empty()) {
    choices.push_back({60, gen::map(gen::pair(ElementOf(aligned), gen::inRange<uint64_t>(0, 4)),
                                    [](const std::pair<uint64_t, uint64_t>& p) {
                                      return p.first + p.second * kPage;
                                    })});
  }
  return Weighted(std::move(choices));
}

rc::Gen<uint64_t> GenRangeSize(std::vector<uint64_t> anchors) {
  return Weighted<uint64_t>(
      {{60, gen::map(gen::inRange<uint64_t>(1, 17), [](uint64_t n) { return n * kPage; })},
       {40, GenRangeLength(std::move(anchors))}});
}

rc::Gen<std::optional<std::pair<uint64_t, uint64_t>>> GenInsideMapping(const ViewPtr& v) {
  using Range = std::optional<std::pair<uint64_t, uint64_t>>;
  std::vector<RangeView> mappings;
  for (const auto& r : v->ranges) {
    if (r.mapping && r.size >= kPage) mappings.push_back(r);
  }
  if (mappings.empty()) return gen::just(Range{});
  auto inside = gen::exec([mappings] {
    const RangeView m = *ElementOf(mappings);
    const uint64_t pages = m.size / kPage;
    const uint64_t first = *gen::inRange<uint64_t>(0, pages);
    const uint64_t count = *gen::inRange<uint64_t>(1, pages - first + 1);
    return Range{{m.base + first * kPage, count * kPage}};
  });
  return Weighted<Range>({{50, gen::just(Range{})}, {50, inside}});
}

rc::Gen<Bytes> GenData() {
  auto len = Weighted<size_t>({
      {10, gen::just(size_t{0})},
      {10, gen::just(size_t{1})},
      {45, gen::inRange<size_t>(2, 64)},
      {15, Elements<size_t>({kPage - 1, kPage, kPage + 1})},
      {5, gen::just(size_t{2 * kPage})},
      {15, gen::inRange<size_t>(64, 3 * kPage)},
  });
  return gen::exec([len] {
    const size_t n = *len;
    const int content = *gen::inRange(0, 10);
    Bytes out(n, 0);
    if (content < 2) return out;  // zeros
    uint32_t x = *gen::inRange<uint32_t>(0, UINT32_MAX);
    for (size_t i = 0; i < n; ++i) {
      if (content < 6) {
        out[i] = static_cast<uint8_t>('a' + (x + i) % 26);  // letter pattern
      } else {
        x = x * 1664525u + 1013904223u;  // random bytes from one drawn seed
        out[i] = static_cast<uint8_t>(x >> 24);
      }
    }
    return out;
  });
}

rc::Gen<uint32_t> GenFlags(const FlagSpace& space) {
  const uint32_t optional_bits = space.valid & ~space.exactly_one;
  std::vector<uint32_t> group;
  for (uint32_t b = 1; b != 0; b <<= 1) {
    if (space.exactly_one & b) group.push_back(b);
  }
  auto valid = gen::exec([optional_bits, group] {
    uint32_t word = optional_bits & *gen::inRange<uint32_t>(0, UINT32_MAX);
    if (!group.empty()) word |= *ElementOf(group);
    return word;
  });
  std::vector<std::pair<size_t, rc::Gen<uint32_t>>> choices = {
      {10, gen::just(uint32_t{0})},
      {55, valid},
  };
  if (!space.invalid.empty()) {
    auto bad = ElementOf(space.invalid);
    choices.push_back({20, gen::map(gen::pair(valid, bad), [](const std::pair<uint32_t, uint32_t>& p) {
                         return p.first | p.second;
                       })});
  }
  if (!space.conflicts.empty()) choices.push_back({15, ElementOf(space.conflicts)});
  if (!space.common.empty()) choices.push_back({60, ElementOf(space.common)});
  return Weighted(std::move(choices));
}

rc::Gen<uint32_t> GenEnum(std::vector<uint32_t> values, std::vector<uint32_t> unknown) {
  std::vector<std::pair<size_t, rc::Gen<uint32_t>>> choices = {{85, ElementOf(std::move(values))}};
  if (!unknown.empty()) choices.push_back({15, ElementOf(std::move(unknown))});
  return Weighted(std::move(choices));
}

std::vector<uint64_t> VmoAnchors(const CallerView& v, zx_handle_t h) {
  const HandleView* hv = FindHandle(v, h);
  if (hv == nullptr) return {};
  const auto* vmo = std::get_if<model::Vmo>(&v.state->objects.at(hv->koid));
  if (vmo == nullptr) return {};
  return {model::VmoSize(*v.state, *vmo), model::VmoStreamSize(*v.state, *vmo)};
}

std::vector<uint64_t> AddressAnchors(const CallerView& v, zx_handle_t h) {
  std::vector<uint64_t> out;
  for (const auto& r : v.ranges) {
    out.push_back(r.base);
    out.push_back(r.base + r.size);
  }
  if (const HandleView* hv = FindHandle(v, h)) {
    if (const auto* vmar = std::get_if<model::Vmar>(&v.state->objects.at(hv->koid))) {
      out.push_back(vmar->base);
      out.push_back(vmar->base + vmar->size);
      out.push_back(vmar->size);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace zxspec::props
