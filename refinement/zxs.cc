#include "refinement/zxs.h"

#include <algorithm>
#include <memory>

#include "api/format.h"
#include "model/model.h"
#include "props/trace.h"
#include "props/zxs.h"

namespace zxspec::refinement {
namespace {

constexpr uint64_t kMaxPagesRead = 64;  // pages of each VMO an observation reads, at most
constexpr uint64_t kNarrowBytes = 16;   // a differing read is narrowed to this many bytes

// The model and a fresh kernel of the target after the same calls, and the model's trace of
// them.
struct Run {
  explicit Run(const Target& target) : kernel(target.make()) {}
  model::State state = model::InitialState();
  std::unique_ptr<Kernel> kernel;
  props::Trace trace;

  void Apply(const CallerCall& c) {
    props::Action action{c.caller, c.call};
    model::StepResult r = model::Step(state, c.caller, c.call);
    trace.push_back(props::MakeTraceStep(state, action, r));
    kernel->Apply(c.caller, c.call);
    state = std::move(r.state);
  }
};

struct Observation {
  Call call;
  Outcome model;
  Outcome impl;
};

// |call| as the initial process on both sides (calls that change nothing, except a channel
// read, which is tried last).
std::optional<Observation> Observe(Run& run, const Call& call) {
  if (!model::Models(call) || !run.kernel->Models(call)) return std::nullopt;
  const zx_koid_t self = run.state.initial.self_koid;
  Outcome m = model::Step(run.state, self, call).outcome;
  Outcome i = run.kernel->Apply(self, call);
  if (m == i) return std::nullopt;
  return Observation{call, std::move(m), std::move(i)};
}

// A differing whole-page read narrowed to the first differing bytes.
Observation Narrow(Run& run, zx_handle_t h, uint64_t offset, Observation page) {
  const auto* a = std::get_if<BytesResult>(&page.model.payload);
  const auto* b = std::get_if<BytesResult>(&page.impl.payload);
  if (a == nullptr || b == nullptr || a->data.size() != b->data.size()) return page;
  auto [ma, mb] = std::mismatch(a->data.begin(), a->data.end(), b->data.begin());
  const uint64_t first = static_cast<uint64_t>(ma - a->data.begin());
  const uint64_t len = std::min(kNarrowBytes, a->data.size() - first);
  if (auto narrow = Observe(run, VmoRead{h, offset + first, len})) return *narrow;
  return page;
}

// The first observing call on a live handle of the initial process whose outcome differs.
std::optional<Observation> FindObservation(Run& run) {
  const auto& self = std::get<model::Process>(run.state.objects.at(run.state.initial.self_koid));
  std::vector<std::pair<zx_handle_t, zx_obj_type_t>> handles;
  for (const auto& [value, entry] : self.handles.entries) {
    auto it = run.state.objects.find(entry.object);
    if (it != run.state.objects.end()) handles.emplace_back(value, model::ObjTypeOf(it->second));
  }
  std::vector<zx_handle_t> channels;
  for (const auto& [h, type] : handles) {
    std::vector<Call> calls = {ObjectGetInfo{h, ZX_INFO_HANDLE_BASIC}};
    switch (type) {
      case ZX_OBJ_TYPE_VMO:
        calls.insert(calls.end(), {VmoGetSize{h}, VmoGetStreamSize{h}, ObjectGetInfo{h, ZX_INFO_VMO}});
        break;
      case ZX_OBJ_TYPE_VMAR:
        calls.insert(calls.end(), {ObjectGetInfo{h, ZX_INFO_VMAR}, ObjectGetInfo{h, ZX_INFO_VMAR_MAPS}});
        break;
      case ZX_OBJ_TYPE_PROCESS: calls.push_back(ObjectGetInfo{h, ZX_INFO_PROCESS_MAPS}); break;
      case ZX_OBJ_TYPE_STREAM: calls.push_back(ObjectGetInfo{h, ZX_INFO_STREAM}); break;
      case ZX_OBJ_TYPE_CHANNEL: channels.push_back(h); break;
      default: break;
    }
    for (const Call& c : calls) {
      if (auto o = Observe(run, c)) return o;
    }
    if (type != ZX_OBJ_TYPE_VMO) continue;
    Outcome size = model::Step(run.state, run.state.initial.self_koid, VmoGetSize{h}).outcome;
    const auto* bytes = std::get_if<U64Result>(&size.payload);
    const uint64_t pages = bytes == nullptr ? 0 : std::min(bytes->value / kPage, kMaxPagesRead);
    for (uint64_t p = 0; p < pages; ++p) {
      if (auto o = Observe(run, VmoRead{h, p * kPage, kPage})) return Narrow(run, h, p * kPage, *o);
    }
  }
  for (zx_handle_t h : channels) {
    if (auto o = Observe(run, ChannelRead{h})) return o;
  }
  return std::nullopt;
}

}  // namespace

DisagreementScenario ScenarioOf(const DiffReport& report) {
  const Disagreement& d = *report.first;
  DisagreementScenario out;
  props::ScenarioHeader h;
  const std::string& name = report.kernel_name;
  h.title = "zxspec diff: model and " + name + " disagree (" +
            std::string(FailedName(d.verdict.failed)) + ") on the last call, seed " +
            std::to_string(report.seed) + "; replay: " +
            (name == "impl" ? std::string("zxspec run --target both FILE")
                             : "FILE on " + name + " (scenario::RunSource)");
  h.last_call_note = "the next call diverges; its expectation is the model's outcome";
  h.witness_note = "the states differ after it; a call that observes the difference:";
  h.message = "model " + FormatOutcome(d.verdict.model_outcome) + ", " + name + " " +
              FormatOutcome(d.verdict.impl_outcome);
  Run run(report.target);
  if (d.call.caller == 0) {  // the initial states already differ (CheckInitial)
    h.last_call_note = "";
    out.text = props::FormatScenario(run.trace, model::InitialState(), h);
    return out;
  }
  for (const auto& c : d.history) run.Apply(c);
  run.Apply(d.call);
  run.trace.back().expect = run.trace.back().outcome;
  if (d.verdict.failed == Failed::kAbstraction) {
    std::optional<Observation> seen = FindObservation(run);
    out.observable = seen.has_value();
    if (seen) {
      const zx_koid_t self = run.state.initial.self_koid;
      h.witnesses.push_back({self, 0, seen->call, FormatOutcome(seen->model),
                             name + ": " + FormatOutcome(seen->impl)});
    }
  }
  out.text = props::FormatScenario(run.trace, model::InitialState(), h);
  return out;
}

}  // namespace zxspec::refinement
