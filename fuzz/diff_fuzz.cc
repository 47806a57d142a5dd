// Fuzz target: coverage-guided differential testing of the implementation against the model.
// The input's bytes decode into a sequence of calls (at most kMaxSteps), each run on the model
// state and on impl::ImplKernel by refinement::CheckStep. Oracles, after every call: equal
// outcomes, the implementation's representation invariant, equal states through the
// abstraction function, and the model's own invariants (model/invariants.h). Any failure is a
// finding that prints the calls that led to it.
//
// Decoding (fuzz/README.md "The differential target"): a step starts with an opcode byte. Its
// top bit makes another live process the caller (one the initial process holds a handle to,
// chosen by the next byte). The low 7 bits choose the call: below 8, one step drawn by the
// property suites' generator (props::GenAction, with the next 4 bytes as its random seed: the
// generator's biases and well-formed argument shapes); otherwise a call kind, whose arguments
// are read from the following bytes by field: handles from the caller's live, stale and
// foreign handle values (the generator's view, props/gen_args.h), integers from a boundary
// vocabulary, from anchors in the state (the VMO's size, the caller's VMAR and mapping bounds)
// or raw, flags as combinations of the named constants of the argument's kind or raw, byte
// payloads of boundary lengths. Raw fields let libFuzzer's comparison tracing steer integers
// to the exact values the checks compare against.
#include <optional>
#include <string>
#include <vector>

#include "api/constants.h"
#include "api/format.h"
#include "api/syscalls.h"
#include "fuzz/fuzz_target.h"
#include "impl/kernel.h"
#include "model/invariants.h"
#include "model/model.h"
#include "props/gen.h"
#include "props/gen_args.h"
#include "refinement/refinement.h"

namespace zxspec::fuzz {
namespace {

constexpr size_t kMaxSteps = 64;
constexpr uint64_t kMaxTransfer = uint64_t{1} << 20;  // as the generator's GenOptions default

class Reader {
 public:
  Reader(const uint8_t* data, size_t size) : p_(data), n_(size) {}
  bool empty() const { return n_ == 0; }
  uint8_t U8() {
    if (n_ == 0) return 0;
    --n_;
    return *p_++;
  }
  uint32_t U32() { return static_cast<uint32_t>(U64(4)); }
  uint64_t U64(int bytes = 8) {
    uint64_t v = 0;
    for (int i = 0; i < bytes; ++i) v |= uint64_t{U8()} << (8 * i);
    return v;
  }
  // Up to |len| bytes of the input (fewer at its end).
  Bytes Take(size_t len) {
    len = std::min(len, n_);
    Bytes out(p_, p_ + len);
    p_ += len;
    n_ -= len;
    return out;
  }

 private:
  const uint8_t* p_;
  size_t n_;
};

std::vector<uint64_t> Vocabulary() {
  std::vector<uint64_t> v = {0,     1,         2,           3,           7,
                             16,    4095,      4096,        4097,        8191,
                             8192,  3 * 4096,  16 * 4096,   1ull << 20,  1ull << 30,
                             1ull << 32,       kMaxUserBufferBytes,      kMaxUserBufferBytes + 1,
                             1ull << 63,       UINT64_MAX,  UINT64_MAX - 1,
                             UINT64_MAX - 4095,             UINT64_MAX - 4096};
  for (const NamedConstant& c : AllConstants()) {
    if (c.kind == ConstKind::kLimit) v.push_back(c.value);
  }
  return v;
}

std::vector<uint32_t> ConstantsOf(ConstKind kind) {
  std::vector<uint32_t> out;
  for (const NamedConstant& c : AllConstants()) {
    if (c.kind == kind && c.value <= UINT32_MAX) out.push_back(static_cast<uint32_t>(c.value));
  }
  return out;
}

// Reads one call's arguments for |caller| in state |s|.
class Decoder {
 public:
  Decoder(const model::State& s, zx_koid_t caller, Reader& r)
      : view_(props::MakeView(
            std::shared_ptr<const model::State>(std::shared_ptr<const model::State>(), &s),
            caller, kMaxTransfer)),
        r_(r) {}

  zx_handle_t Handle() {
    const props::CallerView& v = *view_;
    uint8_t sel = r_.U8();
    auto pick = [&](const auto& pool) -> zx_handle_t {
      if (pool.empty()) return ZX_HANDLE_INVALID;
      const auto& x = pool[r_.U8() % pool.size()];
      if constexpr (std::is_same_v<std::decay_t<decltype(x)>, props::HandleView>) {
        return x.value;
      } else {
        return x;
      }
    };
    if (sel < 0xB0) return pick(v.live);
    if (sel < 0xD0) return pick(v.stale);
    if (sel < 0xE0) return pick(v.foreign);
    if (sel < 0xF0) return ZX_HANDLE_INVALID;
    return r_.U32();
  }

  // Anchors for the integers of a call whose first handle argument is |h|.
  void SetAnchors(zx_handle_t h) {
    anchors_ = props::VmoAnchors(*view_, h);
    for (uint64_t a : props::AddressAnchors(*view_, h)) anchors_.push_back(a);
  }

  uint64_t U64() {
    static const std::vector<uint64_t> kVocabulary = Vocabulary();
    uint8_t sel = r_.U8();
    if (sel < 0x70) return kVocabulary[sel % kVocabulary.size()];
    if (sel < 0xB0 && !anchors_.empty()) {
      uint64_t a = anchors_[sel % anchors_.size()];
      uint8_t d = r_.U8();
      // Pages around the anchor (-4..+4), or a byte either side.
      if (d < 0xC0) return a + static_cast<uint64_t>(static_cast<int64_t>(d % 9) - 4) * 4096;
      return a + static_cast<uint64_t>(static_cast<int64_t>(d % 3) - 1);
    }
    return r_.U64();
  }

  uint32_t Flags(ConstKind kind) {
    std::vector<uint32_t> names = kind == ConstKind::kLimit ? std::vector<uint32_t>{}
                                                            : ConstantsOf(kind);
    uint8_t sel = r_.U8();
    if (sel >= 0xE0) return r_.U32();
    if (names.empty() || sel >= 0xC0) return 0;
    if (sel >= 0x60) return names[r_.U8() % names.size()];
    uint32_t out = 0;
    for (int i = 0; i <= sel % 3; ++i) out |= names[r_.U8() % names.size()];
    return out;
  }

  size_t Count(size_t max) { return r_.U8() % (max + 1); }

  Bytes Data() {
    static constexpr size_t kLengths[] = {0, 1, 5, 8, 16, 4095, 4096, 4097, 8192, 3 * 4096 + 1};
    uint8_t sel = r_.U8();
    size_t len = kLengths[sel % std::size(kLengths)];
    switch ((sel / std::size(kLengths)) % 3) {
      case 0: return Bytes(len, 0);
      case 1: {
        Bytes out(len);
        for (size_t i = 0; i < len; ++i) out[i] = static_cast<uint8_t>('a' + i % 26);
        return out;
      }
      default: {
        Bytes out = r_.Take(len);
        out.resize(len, 0xA5);
        return out;
      }
    }
  }

 private:
  props::ViewPtr view_;
  Reader& r_;
  std::vector<uint64_t> anchors_;
};

// The constant kind of |info|'s options argument (every call has at most one; kLimit when
// it has none or its options have no names, as channel_create's, an integer that must be 0).
ConstKind OptionsKind(const SyscallInfo& info) {
  for (const ArgInfo& a : info.args) {
    if (a.name == "options") return ConstKindOf(a.kind);
  }
  return ConstKind::kLimit;
}

// Fills every argument of |call| (the fields of api/calls.h, by name) from |d|: handles first,
// so the integers can use the state anchors of the first one.
void Fill(Call& call, Decoder& d) {
  const ConstKind options_kind = OptionsKind(SyscallOf(call));
  // The handle fields (the lists are still empty: they are filled below).
  bool anchored = false;
  props::ForEachHandleField(call, [&](zx_handle_t& h) {
    h = d.Handle();
    if (!anchored) d.SetAnchors(h);
    anchored = true;
  });
  if (!anchored) d.SetAnchors(ZX_HANDLE_INVALID);
  std::visit(
      [&](auto& c) {
        if constexpr (requires { c.rights; }) c.rights = d.Flags(ConstKind::kRight);
        if constexpr (requires { c.topic; }) c.topic = d.Flags(ConstKind::kTopic);
        if constexpr (requires { c.property; }) c.property = d.Flags(ConstKind::kProperty);
        if constexpr (requires { c.options; }) c.options = d.Flags(options_kind);
        if constexpr (requires { c.op; }) c.op = d.Flags(ConstKind::kVmoOp);
        if constexpr (requires { c.whence; }) c.whence = d.Flags(ConstKind::kSeekOrigin);
        if constexpr (requires { c.size; }) c.size = d.U64();
        if constexpr (requires { c.offset; }) c.offset = static_cast<decltype(c.offset)>(d.U64());
        if constexpr (requires { c.len; }) c.len = d.U64();
        if constexpr (requires { c.seek; }) c.seek = d.U64();
        if constexpr (requires { c.vmar_offset; }) c.vmar_offset = d.U64();
        if constexpr (requires { c.vmo_offset; }) c.vmo_offset = d.U64();
        if constexpr (requires { c.addr; }) c.addr = d.U64();
        if constexpr (requires { c.value; }) c.value = d.Data();
        if constexpr (requires { c.data; }) c.data = d.Data();
        if constexpr (requires { c.name; }) c.name = d.Data();
        if constexpr (requires { c.bytes; }) c.bytes = d.Data();
        if constexpr (requires { c.handles; }) {
          c.handles.resize(d.Count(4));
          for (auto& h : c.handles) h = d.Handle();
        }
        if constexpr (requires { c.dispositions; }) {
          c.dispositions.resize(d.Count(3));
          for (auto& x : c.dispositions) {
            x = zx_handle_disposition_t{};
            x.operation = d.Flags(ConstKind::kHandleOp);
            x.handle = d.Handle();
            x.type = d.Flags(ConstKind::kObjType);
            x.rights = d.Flags(ConstKind::kRight);
          }
        }
      },
      call);
}

// Live processes other than the initial one that the initial process holds a handle to.
std::vector<zx_koid_t> OtherCallers(const model::State& s) {
  std::vector<zx_koid_t> out;
  for (const auto& [koid, body] : s.objects) {
    if (koid != s.initial.self_koid && std::holds_alternative<model::Process>(body) &&
        props::CanAct(s, koid)) {
      out.push_back(koid);
    }
  }
  return out;
}

std::optional<props::Action> DecodeStep(const model::State& s, Reader& r) {
  const uint8_t op = r.U8();
  zx_koid_t caller = s.initial.self_koid;
  if (op & 0x80) {
    std::vector<zx_koid_t> others = OtherCallers(s);
    uint8_t which = r.U8();
    if (!others.empty()) caller = others[which % others.size()];
  }
  const uint8_t kind = op & 0x7F;
  if (kind < 8) {
    const uint64_t seed = r.U32();
    try {
      return props::GenAction(s)(rc::Random(seed)).value();
    } catch (const std::exception&) {  // rc::GenerationFailure: nothing to draw here
      return std::nullopt;
    }
  }
  if (!props::CanAct(s, caller)) return std::nullopt;  // e.g. self killed itself: no view
  props::Action a;
  a.caller = caller;
  a.call = DefaultCallAt((kind - 8u) % kCallKindCount);
  Decoder d(s, caller, r);
  Fill(a.call, d);
  return a;
}

std::string Describe(const std::vector<props::Action>& history, const props::Action& a,
                     const model::State& initial) {
  std::string out = "calls (caller koid: call):\n";
  auto line = [&](const props::Action& x) {
    out += "  " + std::to_string(x.caller) +
           (x.caller == initial.initial.self_koid ? " (self)" : "") + ": " +
           FormatCall(x.call) + "\n";
  };
  for (const auto& h : history) line(h);
  line(a);
  return out;
}

}  // namespace
}  // namespace zxspec::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace zxspec;
  fuzz::InputBudget budget;
  fuzz::Reader r(data, size);
  model::State s = model::InitialState();
  impl::ImplKernel k;
  const model::State initial = s;
  refinement::StepVerdict start = refinement::CheckInitial(s, k);
  if (!start.ok()) fuzz::Finding("the initial states differ: " + start.state_diff);
  std::vector<props::Action> history;
  while (!r.empty() && history.size() < fuzz::kMaxSteps) {
    std::optional<props::Action> a = fuzz::DecodeStep(s, r);
    if (!a || !props::CanAct(s, a->caller) || !model::Models(a->call) ||
        !impl::Implements(a->call) || !props::WithinTransferCap(s, *a, fuzz::kMaxTransfer)) {
      continue;
    }
    refinement::StepVerdict v = refinement::CheckStep(s, k, a->caller, a->call);
    if (!v.ok()) {
      std::string what = std::string(refinement::FailedName(v.failed)) + "\n  model: " +
                         FormatOutcome(v.model_outcome) + "\n  impl:  " +
                         FormatOutcome(v.impl_outcome) + "\n";
      for (const auto& bad : v.rep_violations) what += "  " + bad + "\n";
      what += v.state_diff.empty() ? "" : v.state_diff + "\n";
      fuzz::Finding(what + fuzz::Describe(history, *a, initial));
    }
    if (auto bad = model::CheckInvariants(s); !bad.empty()) {
      std::string what = "model invariant violated:\n";
      for (const auto& b : bad) what += "  " + b + "\n";
      fuzz::Finding(what + fuzz::Describe(history, *a, initial));
    }
    history.push_back(std::move(*a));
  }
  return 0;
}
