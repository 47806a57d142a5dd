// Bad input never crashes the address-space calls, and the catalog's invariants hold after
// every step (vmar.md VMAR-006, process-maps.md PROC-002). Random call sequences with boundary
// arguments and fixed seeds; the property suites in props/ explore further.
#include <map>
#include <random>

#include "model/invariants.h"
#include "model/vmar_test_util.h"

namespace zxspec::model {
namespace {

class RandomCalls {
 public:
  explicit RandomCalls(uint64_t seed) : rng_(seed) {}

  uint64_t Pick(std::initializer_list<uint64_t> xs) {
    return *(xs.begin() + static_cast<std::ptrdiff_t>(rng_() % xs.size()));
  }
  // Boundary-leaning sizes, offsets and addresses.
  uint64_t Int() {
    switch (rng_() % 4) {
      case 0:
        return Pick({0, 1, 4095, 4096, 4097, 8192, 12288, 16384, 65536, 1u << 20});
      case 1:
        return Pick({UINT64_MAX, UINT64_MAX - 4095, UINT64_MAX - 8191, kUserAspaceSize,
                     kUserAspaceSize - 4096, 1ull << 32, 1ull << 47});
      case 2:
        return kUserAspaceBase + (rng_() % 48) * ZX_PAGE_SIZE;
      default:
        return (rng_() % 32) * ZX_PAGE_SIZE;
    }
  }
  zx_vm_option_t Options() {
    zx_vm_option_t o = static_cast<zx_vm_option_t>(rng_() & 0x1FFFF);
    o &= static_cast<zx_vm_option_t>(rng_() & 0x1FFFF);  // sparse
    if (rng_() % 4 == 0) o |= static_cast<zx_vm_option_t>(Pick({0, 9, 10, 12, 14, 16, 33})) << 24;
    return o;
  }
  // A handle of |caller|'s table, or a value that is not one.
  zx_handle_t Handle(const State& s, zx_koid_t caller) {
    const auto& entries = Get<Process>(s, caller).handles.entries;
    if (entries.empty() || rng_() % 8 == 0) return static_cast<zx_handle_t>(Pick({0, 1, 3, 999}));
    auto it = entries.begin();
    std::advance(it, static_cast<std::ptrdiff_t>(rng_() % entries.size()));
    return it->first;
  }
  // Usually a handle to an object of type T in |caller|'s table.
  template <class T>
  zx_handle_t Typed(const State& s, zx_koid_t caller) {
    std::vector<zx_handle_t> of_type;
    for (const auto& [value, e] : Get<Process>(s, caller).handles.entries) {
      if (Find<T>(s, e.object) != nullptr) of_type.push_back(value);
    }
    if (of_type.empty() || rng_() % 5 == 0) return Handle(s, caller);
    return of_type[rng_() % of_type.size()];
  }
  uint64_t Offset() { return rng_() % 2 ? 0 : (rng_() % 2 ? (rng_() % 16) * ZX_PAGE_SIZE : Int()); }
  uint64_t Size() { return rng_() % 4 ? (1 + rng_() % 8) * ZX_PAGE_SIZE : Int(); }
  zx_vm_option_t AllocOptions() {
    if (rng_() % 5 == 0) return Options();
    return static_cast<zx_vm_option_t>(Pick(
        {0, ZX_VM_CAN_MAP_READ | ZX_VM_CAN_MAP_WRITE, ZX_VM_CAN_MAP_READ | ZX_VM_CAN_MAP_SPECIFIC,
         ZX_VM_CAN_MAP_READ | ZX_VM_CAN_MAP_WRITE | ZX_VM_CAN_MAP_SPECIFIC | ZX_VM_SPECIFIC,
         ZX_VM_CAN_MAP_READ | ZX_VM_OFFSET_IS_UPPER_LIMIT, ZX_VM_CANNOT_CREATE_VMO_CHILD,
         ZX_VM_CAN_MAP_READ | ZX_VM_CAN_MAP_WRITE | ZX_VM_ALIGN_64KB}));
  }
  zx_vm_option_t MapOptions() {
    if (rng_() % 5 == 0) return Options();
    return static_cast<zx_vm_option_t>(
        Pick({0, ZX_VM_PERM_READ, ZX_VM_PERM_READ | ZX_VM_PERM_WRITE,
              ZX_VM_PERM_READ | ZX_VM_SPECIFIC, ZX_VM_PERM_READ | ZX_VM_PERM_WRITE | ZX_VM_SPECIFIC,
              ZX_VM_PERM_READ | ZX_VM_SPECIFIC_OVERWRITE,
              ZX_VM_PERM_READ | ZX_VM_ALLOW_FAULTS | ZX_VM_FAULT_BEYOND_STREAM_SIZE,
              ZX_VM_PERM_READ | ZX_VM_OFFSET_IS_UPPER_LIMIT, ZX_VM_PERM_READ | ZX_VM_ALIGN_16KB}));
  }
  zx_vm_option_t ProtectOptions() {
    if (rng_() % 6 == 0) return Options();
    return static_cast<zx_vm_option_t>(
        Pick({0, ZX_VM_PERM_READ, ZX_VM_PERM_READ | ZX_VM_PERM_WRITE, ZX_VM_PERM_WRITE}));
  }
  // An address in the caller's address space near its mappings.
  uint64_t Addr() { return rng_() % 3 ? kUserAspaceBase + (rng_() % 40) * ZX_PAGE_SIZE : Int(); }
  // Usually the base of one of the mappings in |caller|'s address space.
  uint64_t MappedAddr(const State& s, zx_koid_t caller) {
    std::vector<uint64_t> bases;
    std::vector<zx_koid_t> todo = {Get<Process>(s, caller).root_vmar};
    while (!todo.empty()) {
      const Vmar& v = Get<Vmar>(s, todo.back());
      todo.pop_back();
      for (const auto& c : v.children) {
        if (const auto* m = std::get_if<Mapping>(&c))
          bases.push_back(m->base);
        else
          todo.push_back(std::get<zx_koid_t>(c));
      }
    }
    if (bases.empty() || rng_() % 4 == 0) return Addr();
    return bases[rng_() % bases.size()];
  }

  zx_koid_t Caller(const State& s) {
    std::vector<zx_koid_t> live;
    for (const auto& [koid, body] : s.objects) {
      const auto* p = std::get_if<Process>(&body);
      if (p != nullptr && p->state != ProcessState::kDead) live.push_back(koid);
    }
    return live.at(rng_() % live.size());
  }
  Bytes Data() { return Bytes(static_cast<size_t>(Pick({1, 2, 100, 4095, 4097, 9000})), 0x5A); }

  Call Next(const State& s, zx_koid_t caller) {
    auto h = [&] { return Handle(s, caller); };
    auto vmar = [&] { return Typed<Vmar>(s, caller); };
    auto vmo = [&] { return Typed<Vmo>(s, caller); };
    switch (rng_() % 15) {
      case 0:
        return VmarAllocate{vmar(), AllocOptions(), Offset(), Size()};
      case 1:
      case 2:
        return VmarMap{vmar(), MapOptions(), Offset(), vmo(), Offset(), Size()};
      case 3:
        return VmarUnmap{vmar(), Addr(), Size()};
      case 4:
        return VmarProtect{vmar(), ProtectOptions(), MappedAddr(s, caller), Size()};
      case 5:
        return rng_() % 3 ? Call{VmarDestroy{vmar()}} : Call{VmoSetStreamSize{vmo(), Int()}};
      case 6:
        return MemRead{MappedAddr(s, caller), Pick({0, 1, 4096, 8193, 1u << 16, UINT64_MAX})};
      case 7:
        return MemWrite{MappedAddr(s, caller), Data()};
      case 8:
        return VmoCreate{Pick({1, 4096, 16384, 1u << 20}), rng_() % 3 == 0 ? 2u : 0u};
      case 9:
        return ObjectGetInfo{h(), static_cast<zx_object_info_topic_t>(Pick(
                                      {ZX_INFO_VMAR, ZX_INFO_VMAR_MAPS, ZX_INFO_PROCESS_MAPS}))};
      case 10:
        return ProcessCreate{h(), Bytes{'p'}, static_cast<uint32_t>(Pick({0, 0, 1, 2}))};
      case 11:
        return rng_() % 6 == 0 ? Call{TaskKill{h()}} : Call{HandleClose{h()}};
      case 12:
        return ProcessStart{Typed<Process>(s, caller), h()};
      case 13:
        return VmarCreateVmoChild{vmar(),
                                  static_cast<uint32_t>(Pick({0x1, 0x1, 0x21, 0x10, 0x8, 0})),
                                  MappedAddr(s, caller), rng_() % 4 ? ZX_PAGE_SIZE : Size()};
      default:
        return VmoSetSize{vmo(), rng_() % 2 ? Size() : Int()};
    }
  }

 private:
  std::mt19937_64 rng_;
};

TEST(AddressSpaceRobustness, RandomCallsKeepEveryInvariant) {
  std::map<size_t, int> ok;  // successes per call kind
  for (uint64_t seed = 1; seed <= 60; ++seed) {
    RandomCalls gen(seed);
    State s = InitialState();
    for (int i = 0; i < 400; ++i) {
      const zx_koid_t caller = gen.Caller(s);
      const Call call = gen.Next(s, caller);
      StepResult r = Step(s, caller, call);
      if (r.outcome.status == ZX_OK) ++ok[call.index()];
      auto broken = CheckInvariants(r.state);
      ASSERT_EQ(broken, std::vector<std::string>{}) << "seed " << seed << " step " << i;
      s = std::move(r.state);
      // Killing the initial process's job ends the run (no live caller is left).
      if (CallerStateOf(s, s.initial.self_koid) != CallerState::kLive) break;
    }
  }
  // The sequences do reach the success paths of the address-space calls.
  for (const Call& c :
       {Call{VmarAllocate{}}, Call{VmarMap{}}, Call{VmarUnmap{}}, Call{VmarProtect{}},
        Call{VmarDestroy{}}, Call{MemRead{}}, Call{MemWrite{}}, Call{ProcessCreate{}},
        Call{TaskKill{}}, Call{ProcessStart{}}, Call{VmarCreateVmoChild{}}}) {
    EXPECT_GT(ok[c.index()], 5) << "call kind " << c.index();
  }
}

}  // namespace
}  // namespace zxspec::model
