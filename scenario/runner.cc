#include "scenario/runner.h"

#include <cstring>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <sstream>

#include "api/format.h"
#include "api/memory_budget.h"
#include "fidl/fidl.h"
#include "scenario/parser.h"

namespace zxspec::scenario {
namespace {

// ---- run-time values ----

struct HandleValue {
  zx_handle_t value = 0;
  zx_koid_t owner = 0;  // the process whose table holds it
  // The object the handle named when the name was bound (0: none), kept after the handle is
  // closed or moved: `koid: NAME` compares with it, and `@NAME` acts as that process.
  zx_koid_t koid = 0;
  zx_obj_type_t type = ZX_OBJ_TYPE_NONE;
  bool operator==(const HandleValue& o) const { return value == o.value && owner == o.owner; }
};

using RecordValue = std::variant<zx_info_handle_basic_t, zx_info_vmo_t, zx_info_vmar_t,
                                 zx_info_stream_t, zx_info_maps_t, zx_handle_info_t,
                                 zx_info_handle_count_t>;

using Value = std::variant<uint64_t, Bytes, HandleValue, RecordValue, std::vector<RecordValue>>;

// Largest zeros(N) a scenario may ask for; larger requests are a scenario error, not an OOM.
constexpr uint64_t kMaxZeros = kMaxUserBufferBytes;

// A failure or an error at one line; carried out of the statement loop.
struct Stop {
  Verdict verdict;
  std::string message;
};

std::string Hex(uint64_t v) { return FormatHex(v); }

std::string ShowInt(uint64_t v) { return v < 0x10000 ? std::to_string(v) : Hex(v); }

class Runner {
 public:
  Runner(const Program& p, Kernel& primary, Kernel* secondary, const RunOptions& o)
      : program_(p), primary_(primary), secondary_(secondary), options_(o) {
    InitialEnvironment env = primary.Initial();
    self_ = env.self_koid;
    for (const auto& [name, value] : {std::pair{"job", env.job}, {"self", env.self}, {"root", env.root},
                                      {"vmex", env.vmex}}) {
      bindings_[name] = Stamped(HandleValue{value, self_});
    }
  }

  RunReport Run() {
    RunReport r;
    r.file = program_.file;
    if (secondary_ != nullptr && !(secondary_->Initial() == primary_.Initial())) {
      r.verdict = Verdict::kFail;
      r.message = "the targets start from different initial environments";
      return r;
    }
    for (const Statement& st : program_.statements) {
      std::optional<Stop> stop;
      try {
        stop = RunStatement(st);
      } catch (const std::bad_alloc& e) {
        stop = OutOfMemory(e);
      }
      if (stop) {
        r.verdict = stop->verdict;
        r.line = st.pos.line;
        r.col = st.pos.col;
        r.message = std::move(stop->message);
        return r;
      }
      ++r.statements_run;
    }
    return r;
  }

 private:
  // The line needed more memory than the whole-run budget leaves (api/memory_budget.h), or the
  // system refused an allocation. The kernels may hold a partial effect of the call; nothing
  // runs on them any more.
  static Stop OutOfMemory(const std::bad_alloc& e) {
    MemoryUse use = CurrentMemoryUse();
    if (dynamic_cast<const MemoryBudgetExceeded*>(&e) == nullptr || use.budget == 0) {
      return Stop{Verdict::kError, std::string("out of memory (") + e.what() + ")"};
    }
    return Stop{Verdict::kError,
                "this line needs more memory than the budget leaves: " +
                    std::to_string(use.in_use >> 20) + " MiB in use of " +
                    std::to_string(use.budget >> 20) + " MiB (raise it with " +
                    kMemoryBudgetVariable + "=SIZE, README \"Limits\")"};
  }

  // ---- evaluation ----
  std::optional<Stop> EvalInt(const IntExpr& e, uint64_t& out) {
    uint64_t v = 0;
    for (const auto& [op, t] : e.terms) {
      uint64_t x = t.value;
      if (!t.binding.empty()) {
        const Value& b = bindings_.at(t.binding);
        if (const auto* i = std::get_if<uint64_t>(&b)) {
          x = *i;
        } else if (const auto* h = std::get_if<HandleValue>(&b)) {
          x = h->value;
        } else {
          return Stop{Verdict::kFail, "'" + t.binding + "' is not an integer"};
        }
      }
      if (op == '+') {
        if (v > UINT64_MAX - x) return Stop{Verdict::kFail, "arithmetic overflows 64 bits"};
        v += x;
      } else if (op == '-') {
        if (x > v) return Stop{Verdict::kFail, "arithmetic goes below zero"};
        v -= x;
      } else {
        v |= x;
      }
    }
    out = v;
    return std::nullopt;
  }

  std::optional<Stop> EvalSigned(const IntExpr& e, int64_t& out) {
    uint64_t mag = 0;
    if (auto s = EvalInt(e, mag)) return s;
    if (e.negative) {
      if (mag > (1ull << 63)) return Stop{Verdict::kFail, "value below INT64_MIN"};
      out = mag == (1ull << 63) ? INT64_MIN : -static_cast<int64_t>(mag);
    } else {
      if (mag > static_cast<uint64_t>(INT64_MAX)) return Stop{Verdict::kFail, "value above INT64_MAX"};
      out = static_cast<int64_t>(mag);
    }
    return std::nullopt;
  }

  template <class T>
  std::optional<Stop> EvalNarrow(const IntExpr& e, T& out, const char* what) {
    uint64_t v = 0;
    if (auto s = EvalInt(e, v)) return s;
    if (v > std::numeric_limits<T>::max()) {
      return Stop{Verdict::kFail, std::string(what) + " value " + Hex(v) + " does not fit in " +
                                      std::to_string(sizeof(T) * 8) + " bits"};
    }
    out = static_cast<T>(v);
    return std::nullopt;
  }

  zx_handle_t EvalHandle(const HandleExpr& h) {
    if (h.binding.empty()) return h.literal;
    return std::get<HandleValue>(bindings_.at(h.binding)).value;
  }

  std::optional<Stop> EvalBytes(const BytesExpr& b, Bytes& out) {
    if (!b.binding.empty()) {
      out = std::get<Bytes>(bindings_.at(b.binding));
      return std::nullopt;
    }
    if (b.zeros) {
      uint64_t n = 0;
      if (auto s = EvalInt(*b.zeros, n)) return s;
      if (n > kMaxZeros) {
        return Stop{Verdict::kFail, "zeros(" + std::to_string(n) + ") exceeds the " +
                                        std::to_string(kMaxZeros) + "-byte limit of the runner"};
      }
      out.assign(n, 0);
      return std::nullopt;
    }
    out = b.bytes;
    return std::nullopt;
  }

  // ---- building the call ----
  std::optional<Stop> BuildCall(const Statement& st, Call& out) {
    const auto& a = st.args;
    auto I = [&](size_t i) -> const IntExpr& { return std::get<IntExpr>(a[i]); };
    auto H = [&](size_t i) { return EvalHandle(std::get<HandleExpr>(a[i])); };
    std::string_view n = st.call->name;
    uint64_t u0 = 0, u1 = 0, u2 = 0;
    uint32_t w0 = 0;
    Bytes bytes;
    std::optional<Stop> s;
#define ZXS_TRY(expr) \
  if ((s = (expr))) return s
    if (n == "handle_close") {
      out = HandleClose{H(0)};
    } else if (n == "handle_duplicate" || n == "handle_replace") {
      ZXS_TRY(EvalNarrow(I(1), w0, "rights"));
      if (n == "handle_duplicate") out = HandleDuplicate{H(0), w0};
      else out = HandleReplace{H(0), w0};
    } else if (n == "object_get_info") {
      ZXS_TRY(EvalNarrow(I(1), w0, "topic"));
      out = ObjectGetInfo{H(0), w0};
    } else if (n == "object_get_property") {
      ZXS_TRY(EvalNarrow(I(1), w0, "property"));
      out = ObjectGetProperty{H(0), w0};
    } else if (n == "object_wait_one") {
      int64_t deadline = 0;
      ZXS_TRY(EvalNarrow(I(1), w0, "signals"));
      if (I(2).negative) {
        ZXS_TRY(EvalSigned(I(2), deadline));
      } else {  // the bits of a zx_time_t: ZX_TIME_INFINITE_PAST is 1 << 63
        ZXS_TRY(EvalInt(I(2), u0));
        deadline = static_cast<int64_t>(u0);
      }
      out = ObjectWaitOne{H(0), w0, deadline};
    } else if (n == "object_set_property") {
      ZXS_TRY(EvalNarrow(I(1), w0, "property"));
      if (const auto* b = std::get_if<BytesExpr>(&a[2])) {
        ZXS_TRY(EvalBytes(*b, bytes));
      } else if (w0 == ZX_PROP_STREAM_MODE_APPEND) {
        uint8_t v = 0;
        ZXS_TRY(EvalNarrow(I(2), v, "append mode"));
        bytes = Bytes{v};
      } else {
        ZXS_TRY(EvalInt(I(2), u0));
        bytes = EncodeU64(u0);
      }
      out = ObjectSetProperty{H(0), w0, std::move(bytes)};
    } else if (n == "vmo_create") {
      ZXS_TRY(EvalInt(I(0), u0));
      ZXS_TRY(EvalNarrow(I(1), w0, "options"));
      out = VmoCreate{u0, w0};
    } else if (n == "vmo_create_child") {
      ZXS_TRY(EvalNarrow(I(1), w0, "options"));
      ZXS_TRY(EvalInt(I(2), u0));
      ZXS_TRY(EvalInt(I(3), u1));
      out = VmoCreateChild{H(0), w0, u0, u1};
    } else if (n == "vmo_read") {
      ZXS_TRY(EvalInt(I(1), u0));
      ZXS_TRY(EvalInt(I(2), u1));
      out = VmoRead{H(0), u0, u1};
    } else if (n == "vmo_write") {
      ZXS_TRY(EvalInt(I(1), u0));
      ZXS_TRY(EvalBytes(std::get<BytesExpr>(a[2]), bytes));
      out = VmoWrite{H(0), u0, std::move(bytes)};
    } else if (n == "vmo_get_size") {
      out = VmoGetSize{H(0)};
    } else if (n == "vmo_set_size") {
      ZXS_TRY(EvalInt(I(1), u0));
      out = VmoSetSize{H(0), u0};
    } else if (n == "vmo_get_stream_size") {
      out = VmoGetStreamSize{H(0)};
    } else if (n == "vmo_set_stream_size") {
      ZXS_TRY(EvalInt(I(1), u0));
      out = VmoSetStreamSize{H(0), u0};
    } else if (n == "vmo_op_range") {
      ZXS_TRY(EvalNarrow(I(1), w0, "op"));
      ZXS_TRY(EvalInt(I(2), u0));
      ZXS_TRY(EvalInt(I(3), u1));
      out = VmoOpRange{H(0), w0, u0, u1};
    } else if (n == "vmo_replace_as_executable") {
      out = VmoReplaceAsExecutable{H(0), H(1)};
    } else if (n == "stream_create") {
      ZXS_TRY(EvalNarrow(I(0), w0, "options"));
      ZXS_TRY(EvalInt(I(2), u0));
      out = StreamCreate{w0, H(1), u0};
    } else if (n == "stream_writev") {
      ZXS_TRY(EvalNarrow(I(1), w0, "options"));
      ZXS_TRY(EvalBytes(std::get<BytesExpr>(a[2]), bytes));
      out = StreamWritev{H(0), w0, std::move(bytes)};
    } else if (n == "stream_writev_at") {
      ZXS_TRY(EvalNarrow(I(1), w0, "options"));
      ZXS_TRY(EvalInt(I(2), u0));
      ZXS_TRY(EvalBytes(std::get<BytesExpr>(a[3]), bytes));
      out = StreamWritevAt{H(0), w0, u0, std::move(bytes)};
    } else if (n == "stream_readv") {
      ZXS_TRY(EvalNarrow(I(1), w0, "options"));
      ZXS_TRY(EvalInt(I(2), u0));
      out = StreamReadv{H(0), w0, u0};
    } else if (n == "stream_readv_at") {
      ZXS_TRY(EvalNarrow(I(1), w0, "options"));
      ZXS_TRY(EvalInt(I(2), u0));
      ZXS_TRY(EvalInt(I(3), u1));
      out = StreamReadvAt{H(0), w0, u0, u1};
    } else if (n == "stream_seek") {
      int64_t off = 0;
      ZXS_TRY(EvalNarrow(I(1), w0, "whence"));
      ZXS_TRY(EvalSigned(I(2), off));
      out = StreamSeek{H(0), w0, off};
    } else if (n == "vmar_allocate") {
      ZXS_TRY(EvalNarrow(I(1), w0, "options"));
      ZXS_TRY(EvalInt(I(2), u0));
      ZXS_TRY(EvalInt(I(3), u1));
      out = VmarAllocate{H(0), w0, u0, u1};
    } else if (n == "vmar_map") {
      ZXS_TRY(EvalNarrow(I(1), w0, "options"));
      ZXS_TRY(EvalInt(I(2), u0));
      ZXS_TRY(EvalInt(I(4), u1));
      ZXS_TRY(EvalInt(I(5), u2));
      out = VmarMap{H(0), w0, u0, H(3), u1, u2};
    } else if (n == "vmar_unmap") {
      ZXS_TRY(EvalInt(I(1), u0));
      ZXS_TRY(EvalInt(I(2), u1));
      out = VmarUnmap{H(0), u0, u1};
    } else if (n == "vmar_protect") {
      ZXS_TRY(EvalNarrow(I(1), w0, "options"));
      ZXS_TRY(EvalInt(I(2), u0));
      ZXS_TRY(EvalInt(I(3), u1));
      out = VmarProtect{H(0), w0, u0, u1};
    } else if (n == "vmar_destroy") {
      out = VmarDestroy{H(0)};
    } else if (n == "vmar_create_vmo_child") {
      ZXS_TRY(EvalNarrow(I(1), w0, "options"));
      ZXS_TRY(EvalInt(I(2), u0));
      ZXS_TRY(EvalInt(I(3), u1));
      out = VmarCreateVmoChild{H(0), w0, u0, u1};
    } else if (n == "process_create") {
      ZXS_TRY(EvalBytes(std::get<BytesExpr>(a[1]), bytes));
      ZXS_TRY(EvalNarrow(I(2), w0, "options"));
      out = ProcessCreate{H(0), std::move(bytes), w0};
    } else if (n == "task_kill") {
      out = TaskKill{H(0)};
    } else if (n == "process_start") {
      out = ProcessStart{H(0), H(1)};
    } else if (n == "channel_create") {
      ZXS_TRY(EvalNarrow(I(0), w0, "options"));
      out = ChannelCreate{w0};
    } else if (n == "channel_write") {
      ZXS_TRY(EvalBytes(std::get<BytesExpr>(a[1]), bytes));
      std::vector<zx_handle_t> hs;
      for (const auto& h : std::get<std::vector<HandleExpr>>(a[2])) hs.push_back(EvalHandle(h));
      out = ChannelWrite{H(0), std::move(bytes), std::move(hs)};
    } else if (n == "channel_write_etc") {
      ZXS_TRY(EvalBytes(std::get<BytesExpr>(a[1]), bytes));
      std::vector<zx_handle_disposition_t> ds;
      for (const auto& d : std::get<std::vector<DispositionExpr>>(a[2])) {
        zx_handle_disposition_t x;
        ZXS_TRY(EvalNarrow(d.op, x.operation, "op"));
        x.handle = EvalHandle(d.handle);
        ZXS_TRY(EvalNarrow(d.type, x.type, "type"));
        ZXS_TRY(EvalNarrow(d.rights, x.rights, "rights"));
        ds.push_back(x);
      }
      out = ChannelWriteEtc{H(0), std::move(bytes), std::move(ds)};
    } else if (n == "channel_read") {
      out = ChannelRead{H(0)};
    } else if (n == "channel_read_etc") {
      out = ChannelReadEtc{H(0)};
    } else if (n == "mem_read") {
      ZXS_TRY(EvalInt(I(0), u0));
      ZXS_TRY(EvalInt(I(1), u1));
      out = MemRead{u0, u1};
    } else if (n == "mem_write") {
      ZXS_TRY(EvalInt(I(0), u0));
      ZXS_TRY(EvalBytes(std::get<BytesExpr>(a[1]), bytes));
      out = MemWrite{u0, std::move(bytes)};
    } else {
      return Stop{Verdict::kError, "internal: no builder for " + std::string(n)};
    }
#undef ZXS_TRY
    return std::nullopt;
  }

  // ---- processes ----

  // The basic info of the handle |value| in |owner|'s table; nullopt when it names none (or the
  // owner is dead).
  std::optional<zx_info_handle_basic_t> BasicInfo(zx_koid_t owner, zx_handle_t value, zx_status_t* status) {
    if (primary_.Caller(owner) != CallerState::kLive) return std::nullopt;
    Outcome o = primary_.Apply(owner, ObjectGetInfo{value, ZX_INFO_HANDLE_BASIC});
    *status = o.status;
    const auto* info = std::get_if<InfoResult>(&o.payload);
    const auto* basic = info ? std::get_if<zx_info_handle_basic_t>(&info->record) : nullptr;
    if (o.status != ZX_OK || basic == nullptr) return std::nullopt;
    return *basic;
  }

  // |hv| with the koid and type of the object it names now (none: left 0).
  HandleValue Stamped(HandleValue hv) {
    zx_status_t status = ZX_OK;
    if (auto basic = BasicInfo(hv.owner, hv.value, &status)) {
      hv.koid = basic->koid;
      hv.type = basic->type;
    }
    return hv;
  }

  // The process a `@PROC` line acts as: the one PROC's handle names, or, for a bound name whose
  // handle was closed or moved since, the process it named when it was bound.
  std::optional<Stop> ProcessOf(const HandleExpr& h, zx_koid_t& out) {
    HandleValue hv{h.literal, self_};
    std::string name = h.binding.empty() ? std::to_string(h.literal) : h.binding;
    if (!h.binding.empty()) hv = std::get<HandleValue>(bindings_.at(h.binding));
    if (primary_.Caller(hv.owner) != CallerState::kLive && hv.koid == 0) {
      return Stop{Verdict::kFail, "'" + name + "' belongs to a process that is no longer alive"};
    }
    zx_status_t status = ZX_OK;
    if (auto basic = BasicInfo(hv.owner, hv.value, &status)) {  // what the handle names now
      hv.koid = basic->koid;
      hv.type = basic->type;
    }
    if (hv.koid == 0) {
      return Stop{Verdict::kFail, "'" + name + "' is not a valid handle (" + StatusName(status) + ")"};
    }
    if (hv.type != ZX_OBJ_TYPE_PROCESS) {
      return Stop{Verdict::kFail, "'" + name + "' is not a process handle"};
    }
    out = hv.koid;
    return std::nullopt;
  }

  std::optional<Stop> KoidOf(const HandleValue& hv, const std::string& name, zx_koid_t& out) {
    if (hv.koid != 0) {  // the object it named when bound, even if closed or moved since
      out = hv.koid;
      return std::nullopt;
    }
    zx_status_t status = ZX_OK;
    std::optional<zx_info_handle_basic_t> basic = BasicInfo(hv.owner, hv.value, &status);
    if (!basic) {
      return Stop{Verdict::kFail, "'" + name + "' names no handle, so it has no koid (" +
                                      StatusName(status) + ")"};
    }
    out = basic->koid;
    return std::nullopt;
  }

  // ---- statements ----
  std::optional<Stop> RunStatement(const Statement& st) {
    zx_koid_t caller = self_;
    if (st.proc) {
      if (auto s = ProcessOf(*st.proc, caller)) return s;
    }
    // check_invariants() is the harness's own directive, not a call made as a process.
    if (st.call->layer == Layer::kHarness) return RunCheckInvariants();
    if (primary_.Caller(caller) != CallerState::kLive) {
      return Stop{Verdict::kFail,
                  "the calling process is dead; calls as a dead process are a scenario error "
                  "(process-maps.md P-5)"};
    }
    if (st.call->layer == Layer::kFidl) return RunFidl(st, caller);
    Call call;
    if (auto s = BuildCall(st, call)) return s;
    for (Kernel* k : {&primary_, secondary_}) {
      if (k != nullptr && !k->Models(call)) {
        return Stop{options_.skip_unmodeled ? Verdict::kSkip : Verdict::kError,
                    std::string(st.call->name) + " is not modeled by the " +
                        std::string(k->Name()) + " target yet"};
      }
    }
    zx_koid_t owner = caller;  // where result handles live
    if (const auto* ps = std::get_if<ProcessStart>(&call)) {
      Outcome o = primary_.Apply(caller, ObjectGetInfo{ps->process, ZX_INFO_HANDLE_BASIC});
      if (const auto* info = std::get_if<InfoResult>(&o.payload)) {
        if (const auto* b = std::get_if<zx_info_handle_basic_t>(&info->record)) owner = b->koid;
      }
    }
    Outcome got = primary_.Apply(caller, call);
    if (options_.trace) options_.trace(st, got);
    if (secondary_ != nullptr) {
      Outcome other = secondary_->Apply(caller, call);
      if (!(other == got)) {
        return Stop{Verdict::kFail, "targets disagree on " + FormatCall(call) + "\n  " +
                                        std::string(primary_.Name()) + ": " + FormatOutcome(got) +
                                        "\n  " + std::string(secondary_->Name()) + ": " +
                                        FormatOutcome(other)};
      }
    }
    std::vector<Value> values = ValuesOf(got, owner);
    if (auto s = CheckExpectation(st, got, values)) return s;
    return Bind(st, got, values, owner);
  }

  // ---- FIDL-layer pseudo-calls (fidl/fidl.h, channel-fidl.md FIDL-010/020) ----

  // The kernel calls the FIDL layer may make (FIDL-001); a target must model all of them.
  static bool ModelsFidl(const Kernel& k) {
    for (const Call& c : {Call{ObjectGetInfo{}}, Call{ChannelWrite{}}, Call{ChannelWriteEtc{}},
                          Call{ChannelReadEtc{}}, Call{HandleReplace{}}, Call{HandleClose{}}}) {
      if (!k.Models(c)) return false;
    }
    return true;
  }

  // fidl_send / fidl_recv run over each target through the kernel interface; in lock-step
  // mode their outcomes must agree like those of kernel calls.
  std::optional<Stop> RunFidl(const Statement& st, zx_koid_t caller) {
    for (Kernel* k : {&primary_, secondary_}) {
      if (k != nullptr && !ModelsFidl(*k)) {
        return Stop{options_.skip_unmodeled ? Verdict::kSkip : Verdict::kError,
                    std::string(st.call->name) + " needs channel calls the " +
                        std::string(k->Name()) + " target does not model yet"};
      }
    }
    const auto& a = st.args;
    zx_handle_t channel = EvalHandle(std::get<HandleExpr>(a[0]));
    std::function<Outcome(Kernel&)> apply;
    if (st.call->name == "fidl_send") {
      Bytes bytes;
      if (auto s = EvalBytes(std::get<BytesExpr>(a[1]), bytes)) return s;
      std::vector<fidl::SendSlot> slots;
      for (const auto& x : std::get<std::vector<SendSlotExpr>>(a[2])) {
        fidl::SendSlot slot{EvalHandle(x.handle), 0, 0, 0};
        if (auto s = EvalNarrow(x.type, slot.type, "type")) return s;
        if (auto s = EvalNarrow(x.rights, slot.rights, "rights")) return s;
        if (auto s = EvalNarrow(x.optional, slot.optional, "optional")) return s;
        slots.push_back(slot);
      }
      apply = [=](Kernel& k) {
        return Outcome::Status(fidl::fidl_send(k, caller, channel, bytes, slots));
      };
    } else {
      std::vector<fidl::RecvSlot> slots;
      for (const auto& x : std::get<std::vector<RecvSlotExpr>>(a[1])) {
        fidl::RecvSlot slot{0, 0, 0};
        if (auto s = EvalNarrow(x.type, slot.type, "type")) return s;
        if (auto s = EvalNarrow(x.rights, slot.rights, "rights")) return s;
        if (auto s = EvalNarrow(x.optional, slot.optional, "optional")) return s;
        slots.push_back(slot);
      }
      apply = [=](Kernel& k) {
        auto r = fidl::fidl_recv(k, caller, channel, slots);
        return r.is_ok() ? Outcome::Ok(r.value()) : Outcome::Status(r.status_value());
      };
    }
    Outcome got = apply(primary_);
    if (options_.trace) options_.trace(st, got);
    if (secondary_ != nullptr) {
      Outcome other = apply(*secondary_);
      if (!(other == got)) {
        return Stop{Verdict::kFail, "targets disagree on " + st.source + "\n  " +
                                        std::string(primary_.Name()) + ": " + FormatOutcome(got) +
                                        "\n  " + std::string(secondary_->Name()) + ": " +
                                        FormatOutcome(other)};
      }
    }
    std::vector<Value> values = ValuesOf(got, caller);
    if (auto s = CheckExpectation(st, got, values)) return s;
    return Bind(st, got, values, caller);
  }

  std::optional<Stop> RunCheckInvariants() {
    std::vector<std::string> bad = primary_.CheckInvariants();
    if (secondary_ != nullptr) {
      for (auto& b : secondary_->CheckInvariants()) {
        bad.push_back(std::string(secondary_->Name()) + ": " + b);
      }
    }
    if (bad.empty()) return std::nullopt;
    std::string msg = "invariant violated:";
    for (const auto& b : bad) msg += "\n  " + b;
    return Stop{Verdict::kFail, msg};
  }

  static std::vector<Value> ValuesOf(const Outcome& o, zx_koid_t owner) {
    std::vector<Value> v;  // an error's outcome carries NoResult unless HasResultsOn says so
    struct V {
      std::vector<Value>& v;
      zx_koid_t owner;
      void operator()(const NoResult&) {}
      void operator()(const HandleResult& h) { v.push_back(HandleValue{h.handle, owner}); }
      void operator()(const HandlePairResult& p) {
        v.push_back(HandleValue{p.first, owner});
        v.push_back(HandleValue{p.second, owner});
      }
      void operator()(const VmarAllocateResult& r) {
        v.push_back(HandleValue{r.child, owner});
        v.push_back(uint64_t{r.addr});
      }
      void operator()(const U64Result& r) { v.push_back(r.value); }
      void operator()(const BytesResult& b) { v.push_back(b.data); }
      void operator()(const ChannelReadResult& r) {
        v.push_back(r.data);
        for (const auto& h : r.handles) v.push_back(RecordValue{h});
      }
      void operator()(const InfoResult& r) {
        std::visit(
            [&](const auto& rec) {
              using T = std::decay_t<decltype(rec)>;
              if constexpr (std::is_same_v<T, std::vector<zx_info_maps_t>>) {
                std::vector<RecordValue> list(rec.begin(), rec.end());
                v.push_back(std::move(list));
              } else {
                v.push_back(RecordValue{rec});
              }
            },
            r.record);
      }
    };
    // Channel-read handles live in the reader's table (owner is the caller there too).
    std::visit(V{v, owner}, o.payload);
    return v;
  }

  std::optional<Stop> Bind(const Statement& st, const Outcome& got,
                           const std::vector<Value>& values, zx_koid_t owner) {
    if (st.outs.empty()) return std::nullopt;
    if (got.status != ZX_OK) {
      return Stop{Verdict::kFail, "cannot bind results: the call returned " +
                                      StatusName(got.status)};
    }
    if (st.outs.size() > values.size()) {
      return Stop{Verdict::kFail, std::to_string(st.outs.size()) + " names to bind but the call "
                                      "returned " + std::to_string(values.size()) + " results"};
    }
    for (size_t i = 0; i < st.outs.size(); ++i) {
      const std::string& name = st.outs[i].first;
      if (name == "_") continue;
      Value v = values[i];
      if (const auto* r = std::get_if<RecordValue>(&v)) {
        if (const auto* hi = std::get_if<zx_handle_info_t>(r)) {
          v = HandleValue{hi->handle, owner};
        }
      }
      if (auto* hv = std::get_if<HandleValue>(&v)) *hv = Stamped(*hv);
      bindings_[name] = std::move(v);
    }
    return std::nullopt;
  }

  // ---- expectations ----
  std::optional<Stop> CheckExpectation(const Statement& st, const Outcome& got,
                                       const std::vector<Value>& values) {
    switch (st.expect) {
      case ExpectKind::kAny:
        return std::nullopt;
      case ExpectKind::kOk:
        if (got.status == ZX_OK) return std::nullopt;
        return Mismatch(st, "expected ZX_OK, got " + StatusName(got.status));
      case ExpectKind::kStatus:
        if (got.status == st.status) return std::nullopt;
        return Mismatch(st, "expected " + StatusName(st.status) + ", got " +
                                FormatOutcome(got));
      case ExpectKind::kOkValues:
      case ExpectKind::kStatusValues:
        break;
    }
    const zx_status_t want = st.expect == ExpectKind::kOkValues ? ZX_OK : st.status;
    if (got.status != want) {
      return Mismatch(st, "expected " + StatusName(want) + ", got " + StatusName(got.status));
    }
    for (size_t i = 0; i < st.values.size(); ++i) {
      const Expect& e = st.values[i];
      // A trailing list after the bytes of a channel read compares all handles at once.
      if (e.kind == Expect::Kind::kList && e.record_type == ValueType::kHandleInfo) {
        std::vector<RecordValue> tail;
        for (size_t j = i; j < values.size(); ++j) tail.push_back(std::get<RecordValue>(values[j]));
        if (auto m = MatchList(e, tail, "handles")) return Mismatch(st, *m);
        continue;
      }
      if (i >= values.size()) {
        return Mismatch(st, "expected at least " + std::to_string(i + 1) + " results, got " +
                                std::to_string(values.size()));
      }
      if (auto m = Match(e, values[i], "result " + std::to_string(i + 1))) return Mismatch(st, *m);
    }
    return std::nullopt;
  }

  Stop Mismatch(const Statement& st, const std::string& what) {
    return Stop{Verdict::kFail, st.source + "\n  " + what};
  }

  std::optional<std::string> MatchList(const Expect& e, const std::vector<RecordValue>& items,
                                       const std::string& where) {
    if (e.items.size() != items.size()) {
      return where + ": expected " + std::to_string(e.items.size()) + " entries, got " +
             std::to_string(items.size()) + ListSummary(items);
    }
    for (size_t i = 0; i < items.size(); ++i) {
      if (auto m = Match(e.items[i], Value{items[i]}, where + "[" + std::to_string(i) + "]")) {
        return m;
      }
    }
    return std::nullopt;
  }

  static std::string ListSummary(const std::vector<RecordValue>& items) {
    if (items.empty()) return "";
    std::string s = ":";
    for (const auto& r : items) {
      if (const auto* m = std::get_if<zx_info_maps_t>(&r)) {
        s += "\n    {type " + std::to_string(m->type) + ", depth " + std::to_string(m->depth) +
             ", base " + Hex(m->base) + ", size " + Hex(m->size) + "}";
      } else if (const auto* h = std::get_if<zx_handle_info_t>(&r)) {
        s += "\n    {type " + std::to_string(h->type) + ", rights " +
             FlagsToString(h->rights, ConstKind::kRight) + "}";
      }
    }
    return s;
  }

  std::optional<std::string> Match(const Expect& e, const Value& v, const std::string& where) {
    switch (e.kind) {
      case Expect::Kind::kWildcard:
        return std::nullopt;
      case Expect::Kind::kInt: {
        uint64_t want = 0;
        if (auto s = EvalInt(e.int_value, want)) return where + ": " + s->message;
        uint64_t have = 0;
        if (const auto* i = std::get_if<uint64_t>(&v)) {
          have = *i;
        } else if (const auto* h = std::get_if<HandleValue>(&v)) {
          have = h->value;
        } else {
          return where + ": expected an integer";
        }
        if (have == want) return std::nullopt;
        return where + ": expected " + ShowInt(want) + ", got " + ShowInt(have);
      }
      case Expect::Kind::kBytes: {
        Bytes want;
        if (auto s = EvalBytes(e.bytes, want)) return where + ": " + s->message;
        const auto* have = std::get_if<Bytes>(&v);
        if (have == nullptr) return where + ": expected bytes";
        if (*have == want) return std::nullopt;
        return where + ": expected " + FormatBytes(want) + ", got " + FormatBytes(*have);
      }
      case Expect::Kind::kBinding: {
        const Value& b = bindings_.at(e.binding);
        if (const auto* hv = std::get_if<HandleValue>(&b)) {
          uint64_t have = 0;
          if (const auto* h = std::get_if<HandleValue>(&v)) have = h->value;
          else if (const auto* i = std::get_if<uint64_t>(&v)) have = *i;
          else if (const auto* r = std::get_if<RecordValue>(&v);
                   r && std::holds_alternative<zx_handle_info_t>(*r)) {
            have = std::get<zx_handle_info_t>(*r).handle;
          }
          if (have == hv->value) return std::nullopt;
          return where + ": expected handle " + e.binding + " (" + std::to_string(hv->value) +
                 "), got " + std::to_string(have);
        }
        if (b.index() == v.index() && b == v) return std::nullopt;
        return where + ": does not equal the value bound to " + e.binding;
      }
      case Expect::Kind::kRecord: {
        const auto* r = std::get_if<RecordValue>(&v);
        if (r == nullptr) return where + ": expected a record";
        for (const auto& f : e.fields) {
          if (auto m = MatchField(f, *r, where)) return m;
        }
        return std::nullopt;
      }
      case Expect::Kind::kList: {
        const auto* l = std::get_if<std::vector<RecordValue>>(&v);
        if (l == nullptr) return where + ": expected a list";
        return MatchList(e, *l, where);
      }
    }
    return where + ": internal: unhandled expectation";
  }

  // A field's actual value: an integer or a name.
  static std::variant<uint64_t, std::string> FieldOf(const RecordValue& r, std::string_view f) {
    auto name = [](const zx_name_t& n) {
      return std::string(n.data(), strnlen(n.data(), n.size()));
    };
    if (const auto* b = std::get_if<zx_info_handle_basic_t>(&r)) {
      if (f == "koid") return b->koid;
      if (f == "rights") return uint64_t{b->rights};
      if (f == "type") return uint64_t{b->type};
      if (f == "related_koid") return b->related_koid;
      return uint64_t{b->reserved};
    }
    if (const auto* v = std::get_if<zx_info_vmo_t>(&r)) {
      if (f == "koid") return v->koid;
      if (f == "name") return name(v->name);
      if (f == "size_bytes") return v->size_bytes;
      if (f == "parent_koid") return v->parent_koid;
      if (f == "num_children") return v->num_children;
      if (f == "num_mappings") return v->num_mappings;
      if (f == "share_count") return v->share_count;
      if (f == "flags") return uint64_t{v->flags};
      if (f == "committed_bytes") return v->committed_bytes;
      if (f == "handle_rights") return uint64_t{v->handle_rights};
      if (f == "cache_policy") return uint64_t{v->cache_policy};
      if (f == "metadata_bytes") return v->metadata_bytes;
      if (f == "committed_change_events") return v->committed_change_events;
      if (f == "populated_bytes") return v->populated_bytes;
      if (f == "committed_private_bytes") return v->committed_private_bytes;
      if (f == "populated_private_bytes") return v->populated_private_bytes;
      if (f == "committed_scaled_bytes") return v->committed_scaled_bytes;
      if (f == "populated_scaled_bytes") return v->populated_scaled_bytes;
      if (f == "committed_fractional_scaled_bytes") return v->committed_fractional_scaled_bytes;
      return v->populated_fractional_scaled_bytes;
    }
    if (const auto* v = std::get_if<zx_info_vmar_t>(&r)) return f == "base" ? v->base : v->len;
    if (const auto* s = std::get_if<zx_info_stream_t>(&r)) {
      if (f == "options") return uint64_t{s->options};
      if (f == "seek") return s->seek;
      return s->content_size;
    }
    if (const auto* n = std::get_if<zx_info_handle_count_t>(&r)) return uint64_t{n->handle_count};
    if (const auto* m = std::get_if<zx_info_maps_t>(&r)) {
      const auto& mp = m->u.mapping;
      if (f == "name") return name(m->name);
      if (f == "base") return m->base;
      if (f == "size") return m->size;
      if (f == "depth") return m->depth;
      if (f == "type") return uint64_t{m->type};
      if (f == "mmu_flags") return uint64_t{mp.mmu_flags};
      if (f == "vmo_koid") return mp.vmo_koid;
      if (f == "vmo_offset") return mp.vmo_offset;
      if (f == "committed_bytes") return mp.committed_bytes;
      if (f == "populated_bytes") return mp.populated_bytes;
      if (f == "committed_pages") return mp.committed_bytes / ZX_PAGE_SIZE;
      if (f == "populated_pages") return mp.populated_bytes / ZX_PAGE_SIZE;
      if (f == "committed_private_bytes") return mp.committed_private_bytes;
      if (f == "populated_private_bytes") return mp.populated_private_bytes;
      if (f == "committed_scaled_bytes") return mp.committed_scaled_bytes;
      if (f == "populated_scaled_bytes") return mp.populated_scaled_bytes;
      if (f == "committed_fractional_scaled_bytes") return mp.committed_fractional_scaled_bytes;
      return mp.populated_fractional_scaled_bytes;
    }
    const auto& h = std::get<zx_handle_info_t>(r);
    if (f == "handle") return uint64_t{h.handle};
    if (f == "type") return uint64_t{h.type};
    return uint64_t{h.rights};
  }

  static std::string ShowField(const FieldInfo& f, uint64_t v) {
    if (f.kind == FieldKind::kFlags) return FlagsToString(v, f.consts) + " (" + Hex(v) + ")";
    if (f.kind == FieldKind::kEnum) {
      if (auto n = NameOf(v, f.consts)) return std::string(*n);
    }
    return ShowInt(v);
  }

  std::optional<std::string> MatchField(const FieldExpect& fe, const RecordValue& r,
                                        const std::string& where) {
    const FieldInfo& f = *fe.field;
    std::string at = where + " field " + std::string(f.name);
    auto actual = FieldOf(r, f.name);
    const Expect& e = fe.value;
    if (e.kind == Expect::Kind::kWildcard) return std::nullopt;
    if (f.kind == FieldKind::kName) {
      Bytes want;
      if (auto s = EvalBytes(e.bytes, want)) return at + ": " + s->message;
      const auto& have = std::get<std::string>(actual);
      if (std::string(want.begin(), want.end()) == have) return std::nullopt;
      return at + ": expected " + FormatBytes(want) + ", got " +
             FormatBytes(Bytes(have.begin(), have.end()));
    }
    uint64_t have = std::get<uint64_t>(actual);
    uint64_t want = 0;
    if (e.kind == Expect::Kind::kBinding) {
      const Value& b = bindings_.at(e.binding);
      if (const auto* hv = std::get_if<HandleValue>(&b)) {
        if (f.kind == FieldKind::kHandle) {
          want = hv->value;
        } else if (auto s = KoidOf(*hv, e.binding, want)) {
          return at + ": " + s->message;
        }
      }
    } else if (auto s = EvalInt(e.int_value, want)) {
      return at + ": " + s->message;
    }
    switch (fe.mode) {
      case FieldExpect::Mode::kExact:
        if (have == want) return std::nullopt;
        return at + ": expected " + ShowField(f, want) + ", got " + ShowField(f, have);
      case FieldExpect::Mode::kSet:
        if ((have & want) == want) return std::nullopt;
        return at + ": expected bits +" + ShowField(f, want) + " set, got " + ShowField(f, have);
      case FieldExpect::Mode::kClear:
        if ((have & want) == 0) return std::nullopt;
        return at + ": expected bits -" + ShowField(f, want) + " clear, got " + ShowField(f, have);
    }
    return std::nullopt;
  }

  const Program& program_;
  Kernel& primary_;
  Kernel* secondary_;
  RunOptions options_;
  zx_koid_t self_ = 0;
  std::map<std::string, Value> bindings_;
};

}  // namespace

int RunReport::ExitCode() const {
  switch (verdict) {
    case Verdict::kPass: return 0;
    case Verdict::kFail: return 1;
    case Verdict::kError: return 2;
    case Verdict::kSkip: return kSkipExitCode;
  }
  return 2;
}

std::string RunReport::Describe() const {
  switch (verdict) {
    case Verdict::kPass:
      return "PASS " + file + " (" + std::to_string(statements_run) + " calls)";
    case Verdict::kSkip:
      return "SKIP " + file + ":" + std::to_string(line) + ": " + message;
    case Verdict::kError:
      return file + ":" + std::to_string(line) + ":" + std::to_string(col) + ": error: " + message;
    case Verdict::kFail:
      return file + ":" + std::to_string(line) + ": FAIL: " + message;
  }
  return message;
}

RunReport RunProgram(const Program& program, Kernel& primary, Kernel* secondary,
                     const RunOptions& options) {
  return Runner(program, primary, secondary, options).Run();
}

RunReport RunSource(std::string_view source, const std::string& file, Kernel& primary,
                    Kernel* secondary, const RunOptions& options) {
  RunReport r;
  r.file = file;
  r.verdict = Verdict::kError;
  std::optional<std::variant<Program, Diagnostic>> parsed;
  try {
    parsed = Parse(source, file);
  } catch (const std::bad_alloc& e) {
    r.message = std::string("out of memory while parsing (") + e.what() + ")";
    return r;
  }
  if (auto* d = std::get_if<Diagnostic>(&*parsed)) {
    r.line = d->pos.line;
    r.col = d->pos.col;
    r.message = d->message;
    return r;
  }
  return RunProgram(std::get<Program>(*parsed), primary, secondary, options);
}

}  // namespace zxspec::scenario
