// The zygote property of seed RFC-0013 (see zygote.h).
#include "props/zygote.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>

#include "api/constants.h"
#include "api/format.h"
#include "model/model.h"
#include "props/check.h"
#include "props/step_kernel.h"
#include "props/zxs.h"

namespace zxspec::props::zygote {
namespace {

namespace gen = rc::gen;

constexpr uint64_t kWindow = 8;       // bytes sampled at the start of every mapped page
constexpr size_t kMaxWindows = 48;    // pages sampled at most
constexpr zx_vm_option_t kR = ZX_VM_PERM_READ, kW = ZX_VM_PERM_WRITE, kX = ZX_VM_PERM_EXECUTE;
constexpr zx_vm_option_t kMapPerms[] = {0, kR, kR | kW, kR | kX};

// ---- generation ----

// RapidCheck scales gen::inRange by the size; every draw here uses the nominal size so that the
// size only bounds the layout and write counts (the explicit resizes in GenCase).
constexpr int kNominal = 100;

rc::Gen<LayoutOp> GenLayoutOp() {
  using Kind = LayoutOp::Kind;
  return gen::resize(kNominal, gen::exec([] {
    LayoutOp op;
    const int k = *gen::inRange(0, 100);
    op.kind = k < 35 ? Kind::kMap
              : k < 50 ? Kind::kMapAfter
              : k < 70 ? Kind::kProtect
              : k < 82 ? Kind::kUnmap
                       : Kind::kAllocate;
    op.target = *gen::inRange<uint32_t>(0, 4);
    op.vmo = *gen::inRange<uint32_t>(0, 4);
    op.first = *gen::inRange<uint32_t>(0, 4);
    op.pages = *gen::inRange<uint32_t>(1, op.kind == Kind::kAllocate ? 9 : 5);
    op.perms = *gen::inRange<uint32_t>(0, 4);
    op.specific = *gen::inRange(0, 3) != 0;
    op.at = *gen::inRange<uint32_t>(0, 6);
    return op;
  }));
}

rc::Gen<WriteOp> GenWriteOp() {
  return gen::resize(kNominal, gen::exec([] {
    WriteOp w;
    w.clone_side = *gen::arbitrary<bool>();
    w.through_vmo = *gen::inRange(0, 3) == 0;
    w.window = *gen::inRange<uint32_t>(0, kMaxWindows);
    w.shift = *gen::inRange<uint32_t>(0, kWindow);
    const size_t n = *gen::inRange<size_t>(1, kWindow + 1);
    const int first = *gen::inRange(int{'A'}, int{'Z'} + 1);
    for (size_t i = 0; i < n; ++i) w.data.push_back(static_cast<uint8_t>(first + static_cast<int>(i % 3)));
    return w;
  }));
}

// ---- the procedure ----

// The tag written at the start of page |page| of the |vmo|-th VMO: "v<vmo>p<page>", 8 bytes.
Bytes Tag(size_t vmo, uint64_t page) {
  std::string s = "v" + std::to_string(vmo) + "p" + std::to_string(page);
  s.resize(kWindow, '.');
  return Bytes(s.begin(), s.end());
}

struct VmoState {
  zx_handle_t handle = 0;
  zx_koid_t koid = 0;
  uint64_t pages = 0;
  bool executable = false;
};
struct VmarState {
  zx_handle_t handle = 0;
  zx_vaddr_t base = 0;
};
struct MappingState {
  size_t vmar = 0;
  zx_vaddr_t addr = 0;
  uint64_t pages = 0;
  size_t vmo = 0;
  uint64_t vmo_page = 0;
  zx_vm_option_t perms = 0;
};

// An entry of the source's PROCESS_MAPS and what the zygote made of it.
struct Entry {
  zx_info_maps_t maps;
  zx_handle_t clone = 0;
  bool clone_writable = false;
};

// A sampled page: kWindow bytes at |addr|, inside entry |entry|.
struct Window {
  zx_vaddr_t addr = 0;
  size_t entry = 0;
  Outcome at_clone;  // what the source read there at clone time
};

// A byte of VMO content as one side sees it: the source's VMOs by koid, the clones by entry.
struct Key {
  bool clone = false;
  uint64_t object = 0;
  uint64_t offset = 0;
  auto operator<=>(const Key&) const = default;
};

class Procedure {
 public:
  explicit Procedure(Kernel& k) : k_(k), env_(k.Initial()) {}

  CaseResult Run(const Case& c) {
    Layout(c);
    if (!failure_.empty()) return Result();
    Zygote();
    if (!failure_.empty()) return Result();
    Sample();
    if (!failure_.empty()) return Result();
    for (const WriteOp& w : c.writes) {
      Write(w);
      if (!failure_.empty()) return Result();
    }
    Verify();
    return Result();
  }

 private:
  // One kernel call as |caller| (the initial process, or the new one through handle |as|).
  Outcome Do(const Call& call, std::vector<zx_obj_type_t> types = {}, bool in_clone = false) {
    const zx_koid_t caller = in_clone ? proc_koid_ : env_.self_koid;
    const Outcome o = k_.Apply(caller, call);
    TraceStep t;
    t.action = Action{caller, call};
    t.outcome = o;
    t.caller_handle = in_clone ? proc_ : 0;
    t.result_owner = caller;
    if (o.status == ZX_OK) t.result_types = std::move(types);
    trace_.push_back(std::move(t));
    return o;
  }

  // The last call should have given |expect|: the property fails there.
  void Fail(const std::string& why, const Outcome& expect) {
    failure_ = why + " (expected " + FormatOutcome(expect) + ", got " +
               FormatOutcome(trace_.back().outcome) + ")";
    trace_.back().expect = expect;
  }

  CaseResult Result() {
    CaseResult r;
    r.failure = failure_;
    r.calls = trace_.size();
    r.trace = std::move(trace_);
    return r;
  }

  static zx_handle_t HandleOf(const Outcome& o) {
    const auto* h = std::get_if<HandleResult>(&o.payload);
    return h ? h->handle : 0;
  }

  zx_koid_t KoidOf(zx_handle_t h) {
    const Outcome o = Do(ObjectGetInfo{h, ZX_INFO_HANDLE_BASIC});
    const auto* info = std::get_if<InfoResult>(&o.payload);
    const auto* basic = info ? std::get_if<zx_info_handle_basic_t>(&info->record) : nullptr;
    return basic ? basic->koid : 0;
  }

  // 1. The source address space. Statuses here are recorded, not judged.
  void Layout(const Case& c) {
    for (size_t i = 0; i < c.vmos.size(); ++i) {
      VmoState v;
      v.pages = std::max<uint32_t>(c.vmos[i].pages, 1);
      const Outcome o = Do(VmoCreate{v.pages * kPage, 0}, {ZX_OBJ_TYPE_VMO});
      if (o.status != ZX_OK) continue;
      v.handle = HandleOf(o);
      for (uint64_t p = 0; p < v.pages; ++p) Do(VmoWrite{v.handle, p * kPage, Tag(vmos_.size(), p)});
      if (c.vmos[i].executable) {
        const Outcome x = Do(VmoReplaceAsExecutable{v.handle, env_.vmex}, {ZX_OBJ_TYPE_VMO});
        if (x.status != ZX_OK) continue;
        v.handle = HandleOf(x);
        v.executable = true;
      }
      v.koid = KoidOf(v.handle);
      vmos_.push_back(v);
    }
    vmars_.push_back({env_.root, kUserAspaceBase});
    for (const LayoutOp& op : c.layout) LayoutStep(op);
  }

  void LayoutStep(const LayoutOp& op) {
    using Kind = LayoutOp::Kind;
    switch (op.kind) {
      case Kind::kAllocate: {
        const VmarState parent = vmars_[op.target % vmars_.size()];
        const zx_vm_option_t options = ZX_VM_CAN_MAP_READ | ZX_VM_CAN_MAP_WRITE |
                                       ZX_VM_CAN_MAP_EXECUTE | ZX_VM_CAN_MAP_SPECIFIC |
                                       (op.specific ? ZX_VM_SPECIFIC : 0);
        const Outcome o = Do(VmarAllocate{parent.handle, options, op.specific ? op.at * kPage : 0,
                                          op.pages * kPage},
                             {ZX_OBJ_TYPE_VMAR});
        if (const auto* a = std::get_if<VmarAllocateResult>(&o.payload); o.status == ZX_OK && a) {
          vmars_.push_back({a->child, a->addr});
        }
        return;
      }
      case Kind::kMap: {
        if (vmos_.empty()) return;
        MappingState m;
        m.vmar = op.target % vmars_.size();
        m.vmo = op.vmo % vmos_.size();
        const VmoState& vmo = vmos_[m.vmo];
        m.vmo_page = op.first % vmo.pages;
        m.pages = std::min<uint64_t>(op.pages, vmo.pages - m.vmo_page);
        m.perms = kMapPerms[op.perms % 4];
        if ((m.perms & kX) && !vmo.executable) m.perms = kR;
        Map(m, op.specific ? ZX_VM_SPECIFIC : 0, op.specific ? op.at * kPage : 0);
        return;
      }
      case Kind::kMapAfter: {  // continues an earlier mapping: a VMAR-028 merge when SPECIFIC
        if (mappings_.empty()) return;
        const MappingState prev = mappings_[op.target % mappings_.size()];
        const VmoState& vmo = vmos_[prev.vmo];
        MappingState m = prev;
        m.vmo_page = prev.vmo_page + prev.pages;
        if (m.vmo_page >= vmo.pages) return;
        m.pages = std::min<uint64_t>(op.pages, vmo.pages - m.vmo_page);
        Map(m, ZX_VM_SPECIFIC, prev.addr + prev.pages * kPage - vmars_[prev.vmar].base);
        return;
      }
      case Kind::kProtect:
      case Kind::kUnmap: {
        if (mappings_.empty()) return;
        const MappingState& m = mappings_[op.target % mappings_.size()];
        const uint64_t first = op.first % m.pages;
        const uint64_t count = std::min<uint64_t>(op.pages, m.pages - first);
        const zx_handle_t vmar = vmars_[m.vmar].handle;
        if (op.kind == Kind::kUnmap) {
          Do(VmarUnmap{vmar, m.addr + first * kPage, count * kPage});
        } else {
          const zx_vm_option_t perms[] = {0, kR, m.perms};
          Do(VmarProtect{vmar, perms[op.perms % 3], m.addr + first * kPage, count * kPage});
        }
        return;
      }
    }
  }

  void Map(MappingState m, zx_vm_option_t placement, uint64_t vmar_offset) {
    const Outcome o = Do(VmarMap{vmars_[m.vmar].handle, m.perms | placement, vmar_offset,
                                 vmos_[m.vmo].handle, m.vmo_page * kPage, m.pages * kPage});
    if (const auto* a = std::get_if<U64Result>(&o.payload); o.status == ZX_OK && a) {
      m.addr = a->value;
      mappings_.push_back(m);
    }
  }

  // 2. The zygote: clone every MAPS entry of the source into a new process.
  void Zygote() {
    const Outcome maps = Do(ObjectGetInfo{env_.self, ZX_INFO_PROCESS_MAPS});
    const auto* info = std::get_if<InfoResult>(&maps.payload);
    const auto* list = info ? std::get_if<std::vector<zx_info_maps_t>>(&info->record) : nullptr;
    if (maps.status != ZX_OK || list == nullptr) {
      Fail("ZX_INFO_PROCESS_MAPS of the initial process failed (MAPS-015)", Outcome::Ok());
      return;
    }
    const std::string name = "zygote";
    const Outcome pc = Do(ProcessCreate{env_.job, Bytes(name.begin(), name.end()), 0},
                          {ZX_OBJ_TYPE_PROCESS, ZX_OBJ_TYPE_VMAR});
    const auto* pair = std::get_if<HandlePairResult>(&pc.payload);
    if (pc.status != ZX_OK || pair == nullptr) {
      Fail("process_create failed (PROC-012)", Outcome::Ok());
      return;
    }
    proc_ = pair->first;
    const zx_handle_t root = pair->second;
    proc_koid_ = KoidOf(proc_);
    for (const zx_info_maps_t& e : *list) {
      if (e.type != ZX_INFO_MAPS_TYPE_MAPPING) continue;
      Entry entry{e};
      const zx_vm_option_t perms = e.u.mapping.mmu_flags;
      // An executable run can only be mapped executable from a read-only clone (VMAR-083).
      const uint32_t options = ZX_VMO_CHILD_SNAPSHOT | ((perms & kX) ? ZX_VMO_CHILD_NO_WRITE : 0);
      entry.clone_writable = (options & ZX_VMO_CHILD_NO_WRITE) == 0;
      const Outcome clone =
          Do(VmarCreateVmoChild{env_.root, options, e.base, e.size}, {ZX_OBJ_TYPE_VMO});
      if (clone.status != ZX_OK) {
        Fail("vmar_create_vmo_child of a MAPS entry failed (VMAR-082)", Outcome::Ok());
        return;
      }
      entry.clone = HandleOf(clone);
      const Outcome mapped = Do(VmarMap{root, ZX_VM_SPECIFIC | perms, e.base - kUserAspaceBase,
                                        entry.clone, 0, e.size});
      if (mapped.status != ZX_OK) {
        Fail("mapping a clone at its source address failed (VMAR-022)",
             Outcome::Ok(U64Result{e.base}));
        return;
      }
      entries_.push_back(entry);
    }
  }

  // 3a. Clone time: both sides read every sampled page alike.
  void Sample() {
    for (size_t i = 0; i < entries_.size(); ++i) {
      const zx_info_maps_t& e = entries_[i].maps;
      for (uint64_t off = 0; off < e.size && windows_.size() < kMaxWindows; off += kPage) {
        Window w{e.base + off, i, {}};
        w.at_clone = Do(MemRead{w.addr, kWindow});
        const Outcome there = Do(MemRead{w.addr, kWindow}, {}, true);
        if (!(there == w.at_clone)) {
          Fail("at clone time the new process reads " + FormatHex(w.addr) +
                   " differently from the source (seed RFC-0013, VMAR-083)",
               w.at_clone);
          return;
        }
        if (const auto* b = std::get_if<BytesResult>(&w.at_clone.payload);
            w.at_clone.status == ZX_OK && b) {
          for (uint64_t k = 0; k < kWindow; ++k) {
            image_[SourceKey(w, k)] = b->data[k];
            image_[CloneKey(w, k)] = b->data[k];
          }
        }
        windows_.push_back(w);
      }
    }
  }

  Key SourceKey(const Window& w, uint64_t k) const {
    const zx_info_maps_t& e = entries_[w.entry].maps;
    return {false, e.u.mapping.vmo_koid, e.u.mapping.vmo_offset + (w.addr - e.base) + k};
  }
  Key CloneKey(const Window& w, uint64_t k) const {
    return {true, w.entry, w.addr - entries_[w.entry].maps.base + k};
  }

  // 3b. One write; its status is what the rules give for the page or handle (MEM-002,
  // VMO-020), and its bytes land in the writer's side only.
  void Write(const WriteOp& op) {
    if (windows_.empty() || op.data.empty()) return;
    const Window& w = windows_[op.window % windows_.size()];
    const Entry& entry = entries_[w.entry];
    const uint64_t shift = op.shift % kWindow;
    const Bytes data(op.data.begin(),
                     op.data.begin() + static_cast<std::ptrdiff_t>(
                                           std::min<uint64_t>(op.data.size(), kWindow - shift)));
    bool allowed = (entry.maps.u.mapping.mmu_flags & kW) != 0;  // MEM-002 (2)
    Outcome o;
    if (op.through_vmo && !op.clone_side) {
      const VmoState* vmo = nullptr;
      for (const VmoState& v : vmos_) {
        if (v.koid == entry.maps.u.mapping.vmo_koid) vmo = &v;
      }
      if (vmo == nullptr) return;
      allowed = true;  // the source handles keep WRITE (VMO-020)
      o = Do(VmoWrite{vmo->handle, SourceKey(w, shift).offset, data});
    } else if (op.through_vmo) {
      allowed = entry.clone_writable;  // NO_WRITE clones lack WRITE (VMAR-083)
      o = Do(VmoWrite{entry.clone, CloneKey(w, shift).offset, data});
    } else {
      o = Do(MemWrite{w.addr + shift, data}, {}, op.clone_side);
    }
    const Outcome expect = allowed ? Outcome::Ok() : Outcome::Status(ZX_ERR_ACCESS_DENIED);
    if (!(o == expect)) {
      Fail("a write after the zygote gave an unexpected status", expect);
      return;
    }
    if (!allowed) return;
    for (uint64_t k = 0; k < data.size(); ++k) {
      image_[op.clone_side ? CloneKey(w, shift + k) : SourceKey(w, shift + k)] = data[k];
    }
  }

  // 3c. Every sampled page, on both sides, reads what its side wrote and nothing else.
  void Verify() {
    for (const Window& w : windows_) {
      for (bool clone_side : {false, true}) {
        Outcome expect = w.at_clone;
        if (auto* b = std::get_if<BytesResult>(&expect.payload); expect.status == ZX_OK && b) {
          for (uint64_t k = 0; k < kWindow; ++k) {
            b->data[k] = image_.at(clone_side ? CloneKey(w, k) : SourceKey(w, k));
          }
        }
        const Outcome got = Do(MemRead{w.addr, kWindow}, {}, clone_side);
        if (!(got == expect)) {
          Fail(std::string(clone_side ? "the new process" : "the source") + " reads " +
                   FormatHex(w.addr) + " differently from what its own writes left " +
                   "(seed RFC-0013 isolation, VMO-086, MEM-004)",
               expect);
          return;
        }
      }
    }
  }

  Kernel& k_;
  const InitialEnvironment env_;
  Trace trace_;
  std::string failure_;
  std::vector<VmoState> vmos_;
  std::vector<VmarState> vmars_;
  std::vector<MappingState> mappings_;
  zx_handle_t proc_ = 0;
  zx_koid_t proc_koid_ = 0;
  std::vector<Entry> entries_;
  std::vector<Window> windows_;
  std::map<Key, uint8_t> image_;
};

std::unique_ptr<Kernel> MakeKernel(const StepFn& step) {
  if (step) return std::make_unique<StepKernel>(step);
  return std::make_unique<model::ModelKernel>();
}

}  // namespace

rc::Gen<Case> GenCase() {
  return gen::exec([] {
    Case c;
    const size_t nvmos = *gen::resize(kNominal, gen::inRange<size_t>(1, 4));
    for (size_t i = 0; i < nvmos; ++i) {
      c.vmos.push_back({*gen::resize(kNominal, gen::inRange<uint32_t>(1, 5)),
                        *gen::resize(kNominal, gen::inRange(0, 8)) == 0});
    }
    // The first step maps something; the rest shape the space around it.
    LayoutOp first = *GenLayoutOp();
    first.kind = LayoutOp::Kind::kMap;
    c.layout.push_back(first);
    const auto more = *gen::resize(10, gen::container<std::vector<LayoutOp>>(GenLayoutOp()));
    c.layout.insert(c.layout.end(), more.begin(), more.end());
    c.writes = *gen::resize(8, gen::container<std::vector<WriteOp>>(GenWriteOp()));
    return c;
  });
}

CaseResult RunCase(const Case& c, Kernel& kernel) { return Procedure(kernel).Run(c); }

std::string FormatFailure(const CaseResult& r, const std::string& origin) {
  ScenarioHeader h;
  h.property = std::string(kPropertyId);
  h.rules = std::string(kRules);
  h.statement = std::string(kStatement);
  h.message = r.failure;
  h.origin = origin;
  return FormatScenario(r.trace, model::InitialState(), h);
}

ZygoteReport CheckZygote(const ZygoteOptions& options) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  ZygoteReport report;
  auto run = [&](const Case& c) {
    auto kernel = MakeKernel(options.step);
    return RunCase(c, *kernel);
  };
  const uint64_t shards = std::max<uint64_t>(options.shard_count, 1);
  for (uint64_t i = options.shard_index; i < options.runs && !report.failed; i += shards) {
    if (options.time_budget_seconds > 0 &&
        std::chrono::duration<double>(Clock::now() - start).count() >=
            options.time_budget_seconds) {
      break;
    }
    const uint64_t seed = CaseSeed(options.seed, kPropertyId, i);
    const auto shrinkable = GenCase()(rc::Random(seed), options.size);
    CaseResult r = run(shrinkable.value());
    ++report.cases;
    report.calls += r.calls;
    if (r.failure.empty()) continue;
    // Greedy shrinking: take the first shrink that still fails, repeat from it.
    auto best = shrinkable;
    uint64_t evaluations = 0;
    auto shrinks = best.shrinks();
    while (auto next = shrinks.next()) {
      if (++evaluations > options.max_shrink_evaluations) break;
      CaseResult s = run(next->value());
      if (s.failure.empty()) continue;
      best = *next;
      r = std::move(s);
      shrinks = best.shrinks();
    }
    report.failed = true;
    report.failure = r.failure;
    report.failing_calls = r.calls;
    report.failing_case = i;
    report.failing_seed = seed;
    report.scenario = FormatFailure(r, "zygote seed " + std::to_string(options.seed) + ", case " +
                                           std::to_string(i) + " (case seed " + FormatHex(seed) +
                                           ")");
    report.trace = std::move(r.trace);
  }
  report.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return report;
}

PropertyReport ZygoteCampaign(const CheckOptions& options) {
  ZygoteOptions z;
  z.seed = options.seed;
  z.runs = options.runs;
  z.step = options.step;
  z.shard_index = options.shard_index;
  z.shard_count = options.shard_count;
  z.time_budget_seconds = options.time_budget_seconds;
  z.max_shrink_evaluations = std::min<uint64_t>(options.max_shrink_evaluations, 5000);
  ZygoteReport r = CheckZygote(z);
  PropertyReport out;
  out.id = std::string(kPropertyId);
  out.cases = r.cases;
  out.steps = r.calls;
  out.seconds = r.seconds;
  if (!r.failed) return out;
  out.failures = 1;
  Counterexample cx;
  cx.property = out.id;
  cx.case_index = r.failing_case;
  cx.case_seed = r.failing_seed;
  cx.message = r.failure;
  cx.rerun = "zxspec check --property vmar-zygote --seed " + std::to_string(options.seed) +
             " --runs " + std::to_string(r.failing_case + 1);
  cx.scenario = r.scenario;
  cx.calls = r.failing_calls;
  cx.trace = std::move(r.trace);
  if (!options.out_dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(options.out_dir, ec);
    const auto path = std::filesystem::path(options.out_dir) /
                      (out.id + "-seed" + std::to_string(options.seed) + "-case" +
                       std::to_string(r.failing_case) + ".zxs");
    if (std::ofstream(path) << cx.scenario) cx.file = path.string();
  }
  out.counterexamples.push_back(std::move(cx));
  return out;
}

void ZygoteProperty(const std::string& out_dir) {
  const Case c = *GenCase();
  model::ModelKernel kernel;
  const CaseResult r = RunCase(c, kernel);
  if (r.failure.empty()) return;
  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  const auto path = std::filesystem::path(out_dir) / (std::string(kPropertyId) + "-gtest.zxs");
  std::ofstream(path) << FormatFailure(r, "RapidCheck test ZygoteProps/ClonesMatchAndStayApart");
  RC_LOG() << "scenario: " << path.string() << "\n";
  RC_FAIL(r.failure);
}

}  // namespace zxspec::props::zygote
