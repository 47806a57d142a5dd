// Reachable witnesses (see explore.h).
#include "spec/explore.h"

#include <algorithm>
#include <random>

#include "api/constants.h"
#include "api/syscalls.h"
#include "model/model.h"
#include "props/gen.h"
#include "props/zxs.h"
#include "spec/fixtures.h"
#include "spec/witness.h"

namespace zxspec::spec {
namespace {

class Walker {
 public:
  Walker(const ExploreOptions& o, Explored& out) : o_(o), out_(out) {
    // A call that changes nothing reaches no new state: unless it is watched, walks leave it
    // out (and so draw the other calls as they did before it was modeled).
    walk_ = props::ForStateSearch();
    for (const OpSpec* op : o.ops) {
      std::erase(walk_.excluded, std::string(op->name));
    }
    focus_ = walk_;
    for (const OpSpec* op : o.ops) {
      budget_[op] = o.per_op_budget;
      for (const std::string& name : PathNames(*op)) {
        if (Selected(o.path_names, name)) ++paths_[op];
      }
    }
  }

  // Whether some path of a watched operation is not reached yet.
  bool Unreached() {
    for (const OpSpec* op : o_.ops) {
      if (out_.rows[std::string(op->name)].size() < paths_[op]) return true;
    }
    return false;
  }

  // After the walks: fresh budgets for walks of the watched operations' families only (a call
  // the generator draws rarely among all forty, vmo_op_range's lock ops on a DISCARDABLE VMO,
  // is drawn there as often as a common one).
  // Only the operations with an unreached path are watched there.
  void Focus() {
    focused_ = true;
    for (const OpSpec* op : o_.ops) {
      const bool unreached = out_.rows[std::string(op->name)].size() < paths_[op];
      budget_[op] = unreached ? o_.per_op_budget : 0;
      varied_[op] = 0;
      variations_[op] = 0;
      const SyscallInfo* info = FindSyscall(op->name);
      auto& families = focus_.families;
      // The FIDL layer's calls (no `Call`) are never generated: fixtures try them.
      if (unreached && info != nullptr && op->to_call != nullptr &&
          std::find(families.begin(), families.end(), info->family) == families.end()) {
        families.emplace_back(info->family);
      }
    }
  }

  void Walk(uint64_t seed) {
    std::mt19937_64 rng(seed);
    const model::State initial = model::InitialState();
    model::State state = initial;
    props::Trace trace;
    z3::context c;
    for (size_t i = 0; i < o_.steps && props::CanAct(state, state.initial.self_koid); ++i) {
      props::Action a;
      try {
        a = props::GenAction(state, focused_ ? focus_ : walk_)(rc::Random(rng())).value();
      } catch (const std::exception&) {  // nothing can be drawn here
        return;
      }
      model::StepResult r = model::Step(state, a.caller, a.call);
      ++out_.steps;
      for (const OpSpec* op : o_.ops) Watch(c, *op, state, a, trace, initial);
      props::TraceStep step = props::MakeTraceStep(state, a, r);
      trace.push_back(std::move(step));
      state = std::move(r.state);
    }
    TryOnImmutable(c, state, trace, initial);
    if (!answers_tried_) TryOnContent(c, state, trace, initial);
    if (!fixtures_tried_) TryOnFixtures(c, initial);
    // P-5: the walk ends with its initial process killed (zx_task_kill on its own handle, a
    // call any walk can make), and each watched operation is tried once more from it.
    const zx_koid_t self = state.initial.self_koid;
    if (props::CanAct(state, self)) {
      props::Action kill{self, TaskKill{state.initial.self}};
      model::StepResult r = model::Step(state, self, kill.call);
      if (r.outcome.status != ZX_OK) return;
      trace.push_back(props::MakeTraceStep(state, kill, r));
      state = std::move(r.state);
    }
    for (const OpSpec* op : o_.ops) {
      if (auto it = last_args_.find(op); it != last_args_.end()) {
        Try(c, *op, state, self, it->second, trace, initial, /*varied=*/true);
      }
    }
  }

 private:
  void Watch(z3::context& c, const OpSpec& op, const model::State& state, const props::Action& a,
             const props::Trace& trace, const model::State& initial) {
    auto args = op.from_call(a.call);
    if (!args || budget_[&op] == 0) return;
    --budget_[&op];
    last_args_[&op] = *args;
    Remember(op, *args);
    Try(c, op, state, a.caller, *args, trace, initial, /*varied=*/false);
    // Near misses only while some path of the operation is not reached yet.
    if (out_.rows[std::string(op.name)].size() >= paths_[&op]) return;
    // Near misses of the generated call, for the first kVaried calls of each operation: each
    // handle argument replaced by each of the caller's first handles (wrong type...) and by a
    // duplicate of itself with one right less (HANDLE-023: two reachable calls); every other
    // argument by its `Variants`.
    if (varied_[&op]++ >= kVaried) return;
    const auto* p = std::get_if<model::Process>(&state.objects.at(a.caller));
    if (p == nullptr) return;
    for (size_t i = 0; i < op.args.size(); ++i) {
      ArgValues varied = *args;
      if (IsHandleArg(op.args[i].name)) {
        size_t n = 0;
        for (const auto& [value, entry] : p->handles.entries) {
          if (n++ == kHandlesTried) break;
          varied.v[i] = value;
          if (value != args->v[i]) Try(c, op, state, a.caller, varied, trace, initial, true);
        }
        TryWithFewerRights(c, op, state, a.caller, *args, i, trace, initial);
      } else {
        for (const ArgValues& v : Variants(op, *args, i)) Try(c, op, state, a.caller, v, trace, initial, true);
      }
    }
  }

  // The values other generated calls of |op| gave argument |i| (options, property ids,
  // buffers), kept up to kRemembered per argument.
  void Remember(const OpSpec& op, const ArgValues& args) {
    auto& seen = seen_[&op];
    seen.resize(op.args.size());
    for (size_t i = 0; i < op.args.size(); ++i) {
      std::pair<uint64_t, std::vector<uint64_t>> v{args.v[i], i < args.buf.size() ? args.buf[i] : std::vector<uint64_t>{}};
      if (seen[i].size() < kRemembered && std::find(seen[i].begin(), seen[i].end(), v) == seen[i].end()) {
        seen[i].push_back(std::move(v));
      }
    }
  }

  // Argument |i| of |args| (not a handle) replaced: by the values other calls gave it; a 64-bit
  // number by 0, one and two pages and half the drawn value, page-aligned; a 32-bit number
  // (options, rights) with each of its low 8 bits flipped and by 0; a buffer cut to 0, 1, half
  // and one element short.
  std::vector<ArgValues> Variants(const OpSpec& op, const ArgValues& args, size_t i) {
    std::vector<ArgValues> out;
    auto add = [&](uint64_t v, const std::vector<uint64_t>* buf) {
      ArgValues x = args;
      x.v[i] = v;
      if (buf != nullptr) x.buf[i] = *buf;
      if (x != args && std::find(out.begin(), out.end(), x) == out.end()) out.push_back(std::move(x));
    };
    const SpecArg& arg = op.args[i];
    if (arg.elem_bits > 0) {
      const std::vector<uint64_t>& b = args.buf[i];
      for (size_t n : {size_t{0}, size_t{1}, b.size() / 2, b.size() > 0 ? b.size() - 1 : 0}) {
        std::vector<uint64_t> cut(b.begin(), b.begin() + static_cast<std::ptrdiff_t>(std::min(n, b.size())));
        add(cut.size(), &cut);
      }
    } else if (arg.bits == 64) {
      for (uint64_t v : {uint64_t{0}, uint64_t{ZX_PAGE_SIZE}, uint64_t{2 * ZX_PAGE_SIZE},
                         (args.v[i] / 2) & ~uint64_t{ZX_PAGE_SIZE - 1}}) {
        add(v, nullptr);
      }
    } else {
      add(0, nullptr);
      for (unsigned bit = 0; bit < 8; ++bit) add(args.v[i] ^ (uint64_t{1} << bit), nullptr);
    }
    for (const auto& [v, buf] : seen_[&op][i]) add(v, arg.elem_bits > 0 ? &buf : nullptr);
    return out;
  }

  // |args| with every argument but the handles made plain: numbers 0 (no options, offset 0,
  // size 0) and buffers one element long, |element|. The last generated arguments of a call
  // often fail before the check an immutable object is about (an APPEND past a fixed size, an
  // empty write): the plain call gets there (RFC-0080: a write of one byte at 0, a size of 0).
  // Two elements are tried, so one of them differs from the byte it overwrites.
  static ArgValues Plain(const OpSpec& op, ArgValues args, uint64_t element) {
    for (size_t i = 0; i < op.args.size(); ++i) {
      if (IsHandleArg(op.args[i].name)) continue;
      const bool buffer = op.args[i].elem_bits > 0;
      args.v[i] = buffer ? 1 : 0;
      if (buffer) args.buf[i] = {element};
    }
    return args;
  }

  // RFC-0080 (VMO-085): the objects the immutable-stable obligation is about. From the walk's
  // last state, the caller makes an IMMUTABLE child (SNAPSHOT|NO_WRITE) of the first VMO it may
  // snapshot and a read-only stream on it (STREAM-010); each watched operation is then tried
  // with its last arguments, and with each handle argument replaced by the child and the stream
  // (its other arguments as they were and made `Plain`).
  void TryOnImmutable(z3::context& c, const model::State& from, const props::Trace& trace,
                      const model::State& initial) {
    const zx_koid_t self = from.initial.self_koid;
    if (!props::CanAct(from, self)) return;
    model::State state = from;
    props::Trace longer = trace;
    auto step = [&](const Call& call) -> std::optional<zx_handle_t> {
      props::Action a{self, call};
      model::StepResult r = model::Step(state, self, call);
      const auto* h = std::get_if<HandleResult>(&r.outcome.payload);
      if (r.outcome.status != ZX_OK || h == nullptr) return std::nullopt;
      longer.push_back(props::MakeTraceStep(state, a, r));
      state = std::move(r.state);
      return h->handle;
    };
    std::optional<zx_handle_t> child;
    for (const auto& [value, entry] : std::get<model::Process>(from.objects.at(self)).handles.entries) {
      const auto it = from.objects.find(entry.object);
      if (it == from.objects.end() || !std::holds_alternative<model::Vmo>(it->second)) continue;
      child = step(VmoCreateChild{value, ZX_VMO_CHILD_SNAPSHOT | ZX_VMO_CHILD_NO_WRITE, 0, ZX_PAGE_SIZE});
      if (child) break;
    }
    if (!child) return;
    std::optional<zx_handle_t> stream = step(StreamCreate{ZX_STREAM_MODE_READ, *child, 0});
    for (const OpSpec* op : o_.ops) {
      auto it = last_args_.find(op);
      if (it == last_args_.end()) continue;
      Try(c, *op, state, self, it->second, longer, initial, /*varied=*/false);
      for (size_t i = 0; i < op->args.size(); ++i) {
        if (!IsHandleArg(op->args[i].name)) continue;
        for (std::optional<zx_handle_t> h : {child, stream}) {
          if (!h) continue;
          ArgValues varied = it->second;
          varied.v[i] = *h;
          Try(c, *op, state, self, varied, longer, initial, /*varied=*/false);
          for (uint64_t byte : {0x5au, 0xa5u}) {
            Try(c, *op, state, self, Plain(*op, varied, byte), longer, initial, /*varied=*/false);
          }
        }
      }
    }
  }

  // Answers checked where a wrong one shows (once per exploration, from the first walk's last
  // state where the initial process can act): the content fixture (spec/fixtures.h). A read
  // that ignores its offset, a get that answers the size for the stream size, a readv that
  // keeps its seek, a ZERO of an immutable VMO, a COW write reaching the parent all disagree
  // there.
  void TryOnContent(z3::context& c, const model::State& from, const props::Trace& trace,
                    const model::State& initial) {
    if (!props::CanAct(from, from.initial.self_koid)) return;  // the next walk's end
    answers_tried_ = true;
    TryFixture(c, ContentFixture(from, trace), initial);
  }

  // FTP-028, CHAN-022, CHAN-042, PROC-031, VMO-075/077: the channel, process and child fixtures
  // (spec/fixtures.h), from the initial state: its queues are empty, comparisons stay small.
  void TryOnFixtures(z3::context& c, const model::State& initial) {
    fixtures_tried_ = true;
    if (auto f = ChannelFixture(initial)) TryFixture(c, *f, initial);
    if (auto f = ProcessFixture(initial)) TryFixture(c, *f, initial);
    if (auto f = ChildFixture(initial)) TryFixture(c, *f, initial);
    if (auto f = VmarFixture(initial)) TryFixture(c, *f, initial);
    if (auto f = VmarChildFixture(initial)) TryFixture(c, *f, initial);
    if (auto f = MemFixture(initial)) TryFixture(c, *f, initial);
    if (auto f = MemLimitFixture(initial)) TryFixture(c, *f, initial);
    if (auto f = InfoFixture(initial)) TryFixture(c, *f, initial);
    // The FIDL fixtures only where a FIDL-layer call is watched: their states hold nothing the
    // kernel calls' fixtures do not.
    if (std::none_of(o_.ops.begin(), o_.ops.end(), [](const OpSpec* op) { return op->to_call == nullptr; })) {
      return;
    }
    if (auto f = FidlFixture(initial)) TryFixture(c, *f, initial);
    if (auto f = FidlLimitFixture(initial)) TryFixture(c, *f, initial);
  }

  // Every watched operation with each of |f|'s handles (TryEach), then each of its calls.
  void TryFixture(z3::context& c, const Fixture& f, const model::State& initial) {
    TryEach(c, f, f.handles, initial);
    for (const Call& call : f.calls) {
      for (const OpSpec* op : o_.ops) {
        if (auto args = op->from_call(call)) {
          Try(c, *op, f.state, f.self, *args, f.trace, initial, /*varied=*/false);
        }
      }
    }
    for (const auto& [name, args] : f.layer_calls) {
      for (const OpSpec* op : o_.ops) {
        if (op->name != name) continue;
        Try(c, *op, f.state, f.self, args, f.trace, initial, /*varied=*/false);
        last_args_[op] = args;  // tried again by the walk's killed caller (P-5)
      }
    }
  }


  // Each watched operation with each handle argument replaced by each of |handles|, its other
  // arguments `Typical`, then each of them in turn by its `Interesting` values.
  void TryEach(z3::context& c, const Fixture& script, const std::vector<zx_handle_t>& handles,
               const model::State& initial) {
    const model::State& state = script.state;
    const props::Trace& longer = script.trace;
    const zx_koid_t self = script.self;
    in_fixture_ = true;
    for (const OpSpec* op : o_.ops) {
      for (size_t i = 0; i < op->args.size(); ++i) {
        if (!IsHandleArg(op->args[i].name)) continue;
        for (zx_handle_t h : handles) {
          ArgValues base = Typical(*op);
          base.v[i] = h;
          Try(c, *op, state, self, base, longer, initial, /*varied=*/false);
          for (size_t j = 0; j < op->args.size(); ++j) {
            if (IsHandleArg(op->args[j].name) || op->args[j].elem_bits > 0) continue;
            for (uint64_t value : Interesting(op->args[j].name)) {
              ArgValues x = base;
              x.v[j] = value;
              if (x != base) Try(c, *op, state, self, x, longer, initial, /*varied=*/false);
              if (IsSelector(op->args[j].name)) TryEachPair(c, *op, state, self, x, j, longer, initial);
            }
          }
        }
      }
    }
    in_fixture_ = false;
  }

  // A selector (vmo_op_range's op, stream_seek's whence) picks a branch whose checks read the
  // other arguments together (LOCK: offset 0 and size the VMO's; COMMIT of nothing: an aligned
  // offset and size 0), so under each of its values every pair of the other scalar arguments'
  // `Interesting` and `Typical` values is tried, while a path of the operation is unreached.
  static bool IsSelector(std::string_view name) { return name == "op" || name == "whence"; }
  void TryEachPair(z3::context& c, const OpSpec& op, const model::State& state, zx_koid_t self,
                   const ArgValues& base, size_t selector, const props::Trace& trace,
                   const model::State& initial) {
    std::vector<size_t> scalars;
    for (size_t j = 0; j < op.args.size(); ++j) {
      if (j != selector && !IsHandleArg(op.args[j].name) && op.args[j].elem_bits == 0) scalars.push_back(j);
    }
    for (size_t p = 0; p < scalars.size(); ++p) {
      for (size_t q = p + 1; q < scalars.size(); ++q) {
        for (uint64_t u : WithBase(base, scalars[p], op)) {
          for (uint64_t w : WithBase(base, scalars[q], op)) {
            if (out_.rows[std::string(op.name)].size() >= paths_[&op]) return;  // all reached
            ArgValues x = base;
            x.v[scalars[p]] = u;
            x.v[scalars[q]] = w;
            Try(c, op, state, self, x, trace, initial, /*varied=*/false);
          }
        }
      }
    }
  }

  // The `Interesting` values of argument |j| and its value in |base|.
  static std::vector<uint64_t> WithBase(const ArgValues& base, size_t j, const OpSpec& op) {
    std::vector<uint64_t> out = Interesting(op.args[j].name);
    out.push_back(base.v[j]);
    return out;
  }

  // Arguments a call takes the long way with: offset 1, length 8, a page as a size, the
  // content-size property, ZX_VMO_OP_ZERO, no options; buffers of 8 distinct bytes; handle arguments 0.
  static ArgValues Typical(const OpSpec& op) {
    ArgValues out;
    for (const SpecArg& a : op.args) {
      const std::string_view n = a.name;
      uint64_t v = n == "offset" || n == "seek" ? 1
                   : n == "len"                ? 8
                   : n == "size"               ? ZX_PAGE_SIZE
                   : n == "property"           ? ZX_PROP_VMO_CONTENT_SIZE
                   : n == "op"                 ? ZX_VMO_OP_ZERO
                                               : 0;
      std::vector<uint64_t> buf;
      if (a.elem_bits > 0) {
        for (uint64_t k = 0; k < 8; ++k) buf.push_back(0x5a + k);
        v = buf.size();
      }
      out.v.push_back(v);
      out.buf.push_back(std::move(buf));
    }
    return out;
  }

  // Values of a scalar argument, by its name, that take other branches of a call.
  static std::vector<uint64_t> Interesting(std::string_view name) {
    if (name == "offset") return {0, 7, 4999, uint64_t(-1)};
    if (name == "len") return {0, 1, 64, 9000, kOverBufferLimit};
    if (name == "property") return {ZX_PROP_NAME, ZX_PROP_STREAM_MODE_APPEND};
    if (name == "op") {
      return {ZX_VMO_OP_COMMIT, ZX_VMO_OP_DECOMMIT, ZX_VMO_OP_LOCK, ZX_VMO_OP_UNLOCK,
              ZX_VMO_OP_CACHE_SYNC, ZX_VMO_OP_CACHE_INVALIDATE, ZX_VMO_OP_PREFETCH, 99};
    }
    if (name == "whence") return {ZX_STREAM_SEEK_ORIGIN_CURRENT, ZX_STREAM_SEEK_ORIGIN_END};
    if (name == "size") return {0, 4000, 2 * ZX_PAGE_SIZE};
    if (name == "signals") return {~uint64_t{0} >> 32, ZX_USER_SIGNAL_0};  // HANDLE-052: OK, TIMED_OUT
    return {1};
  }

  // |op| with handle argument |i| replaced by a duplicate of it lacking one of its rights.
  void TryWithFewerRights(z3::context& c, const OpSpec& op, const model::State& state,
                          zx_koid_t caller, const ArgValues& args, size_t i,
                          const props::Trace& trace, const model::State& initial) {
    const auto& entries = std::get<model::Process>(state.objects.at(caller)).handles.entries;
    auto it = entries.find(static_cast<zx_handle_t>(args.v[i]));
    if (it == entries.end()) return;
    for (unsigned bit = 0; bit < 32; ++bit) {
      const zx_rights_t right = zx_rights_t{1} << bit;
      if ((it->second.rights & right) == 0) continue;
      props::Action dup{caller, HandleDuplicate{it->first, it->second.rights & ~right}};
      model::StepResult r = model::Step(state, caller, dup.call);
      const auto* h = std::get_if<HandleResult>(&r.outcome.payload);
      if (r.outcome.status != ZX_OK || h == nullptr) return;
      props::Trace longer = trace;
      longer.push_back(props::MakeTraceStep(state, dup, r));
      ArgValues varied = args;
      varied.v[i] = h->handle;
      Try(c, op, r.state, caller, varied, longer, initial, true);
    }
  }

  // The samples of a path are the kSamples reached states with the most live objects (the
  // first reached among equals): a large state holds more kinds of objects for a counterexample
  // search to pick from (an IMMUTABLE VMO, a stream on it, a slice of a slice...). A call where
  // the spec and model::Step return different statuses goes first (a counterexample as it is).
  static void Keep(std::vector<Concrete>& kept, const Concrete& x, bool disagrees) {
    auto pos = disagrees ? kept.begin()
                         : std::find_if(kept.begin(), kept.end(),
                                        [&](const Concrete& y) { return LiveObjects(y) < LiveObjects(x); });
    if (pos == kept.end() && kept.size() >= Explored::kSamples) return;
    kept.insert(pos, x);
    if (kept.size() > Explored::kSamples) kept.pop_back();
  }

  static bool IsHandleArg(std::string_view name) {
    return name == "handle" || name == "vmo" || name == "vmex" || name == "process" || name == "job" ||
           name == "vmar" || name == "parent";
  }

  // |op| with |args| by |caller| from the reached |state|: a new path is recorded with the
  // comparison of the spec's step with model::Step's.
  void Try(z3::context& c, const OpSpec& op, const model::State& state, zx_koid_t caller,
           const ArgValues& args, const props::Trace& trace, const model::State& initial,
           bool varied) {
    if (focused_ && budget_[&op] == 0) return;  // reached in full before Focus
    if (varied && variations_[&op]++ >= kVariations) return;
    // A long buffer makes a slow comparison (a 4 KiB vmo_write: a minute of Z3 comparing
    // byte chains over symbolic offsets); the generator makes short ones as well.
    for (const auto& elems : args.buf) {
      if (elems.size() > kMaxBufferElems) return;
    }
    auto pre = Abstract(state);
    if (pre.is_error()) return;
    // So do queued bytes when the call moves them (a read shifts every message of its queue):
    // channel calls are tried while at most kMaxQueuedBytes bytes are queued in all.
    if (op.name.starts_with("channel_") &&
        pre.value().at(&SymState::msg_byte).size() > kMaxQueuedBytes) {
      return;
    }
    ++out_.evaluations;
    model::StepResult r = RunOp(op, state, caller, args);
    if (const auto* bytes = std::get_if<BytesResult>(&r.outcome.payload);
        bytes != nullptr && bytes->data.size() > kMaxBufferElems) {
      return;  // the same for a long result (a read of 5000 bytes: seconds)
    }
    if (const auto* m = std::get_if<ChannelReadResult>(&r.outcome.payload);
        m != nullptr && (m->data.size() > kMaxBufferElems || m->handles.size() > kMaxBufferElems)) {
      return;
    }
    Concrete x{pre.value(), caller, args};
    auto model_post = Abstract(r.state);
    if (model_post.is_error()) return;
    ConcreteStep taken = StepConcrete(c, op, x, &model_post.value());
    std::string name = taken.taken.size() == 1 ? taken.taken.front().name : "(no single path)";
    const bool disagrees = taken.taken.size() == 1 && StatusOn(taken.taken.front()) != r.outcome.status;
    // Fixture states first: they are built so that a wrong answer or effect shows.
    Keep(out_.samples[std::string(op.name)][name], x, disagrees || in_fixture_);
    // (Every path's states are candidate pre-states of the selected paths' counterexamples.)
    if (taken.taken.size() == 1 && !Selected(o_.path_names, name)) return;
    // A path's row is its first witness, unless a later reached call on the path disagrees
    // with model::Step: every reached call is compared by status, and the first kCompared of
    // each path in full (post-state and result); a disagreement replaces an agreeing witness.
    auto& rows = out_.rows[std::string(op.name)];
    if (auto it = rows.find(name); it != rows.end()) {
      if (!it->second.agrees || taken.taken.size() != 1) return;
      if (!disagrees && (++compared_[&op][name] >= kCompared ||
                         CompareWithModel(c, taken.taken.front(), r).empty())) {
        return;
      }
    }
    PathRow row;
    row.operation = std::string(op.name);
    row.path = name;
    row.source = "reachable";
    row.witnessed = true;
    if (taken.taken.size() != 1) {
      row.detail = "the spec takes " + std::to_string(taken.taken.size()) + " paths here";
    } else {
      row.status = StatusOn(taken.taken.front());
      row.detail = CompareWithModel(c, taken.taken.front(), r);
      row.agrees = row.detail.empty();
    }
    props::ScenarioHeader header;
    header.property = "zxspec prove: a reachable witness of a path";
    header.rules = std::string(op.rules);
    header.statement = std::string(op.name) + " takes path " + name;
    header.message = row.agrees ? "the spec and model::Step agree" : row.detail;
    header.origin = "walk of the call generator";
    row.zxs = Scenario(op, trace, state, caller, args, r, initial, header);
    rows[name] = std::move(row);
  }

  // The scenario of |trace| and then the tried call: a kernel call is a step of the trace; a
  // FIDL-layer call (no `Call`) follows it as a line of its own, its handles as numbers (the
  // model's values: a replay on the model makes the same ones); a call as a dead process
  // (P-5), which a scenario cannot make, follows it as a comment, so what precedes replays.
  static std::string Scenario(const OpSpec& op, const props::Trace& trace, const model::State& state,
                              zx_koid_t caller, const ArgValues& args, const model::StepResult& r,
                              const model::State& initial, const props::ScenarioHeader& header) {
    props::Trace upto = trace;
    const bool dead = model::CallerStateOf(state, caller) != CallerState::kLive;
    if (op.to_call != nullptr && !dead) {
      upto.push_back(props::MakeTraceStep(state, props::Action{caller, op.to_call(args)}, r));
      return props::FormatScenario(upto, initial, header);
    }
    props::ScenarioHeader h = header;
    h.last_call_note = "the last call that builds the state";
    h.witness_note = dead ? "the call that takes the path, made as the dead process (process-maps.md "
                            "P-5): model::Step answers it, the harness refuses it as a scenario error"
                          : "the FIDL-layer call that takes the path:";
    props::Witness w;
    w.caller = caller;
    w.caller_handle = props::InitialHandleTo(state, caller);
    if (op.to_call != nullptr) {
      w.call = op.to_call(args);
    } else {
      w.raw = OpLine(op, args);
    }
    w.expect = StatusName(r.outcome.status);
    w.dead_caller = dead;
    h.witnesses = {w};
    return props::FormatScenario(upto, initial, h);
  }

  static constexpr size_t kRemembered = 16;
  static constexpr size_t kVaried = 48;
  static constexpr size_t kHandlesTried = 24;
  static constexpr size_t kVariations = 600;  // per operation, besides |per_op_budget|
  // Bytes or handles in a tried call's buffer or result: one past a message's handle limit
  // (CHAN-022 (3)).
  static constexpr size_t kMaxBufferElems = ZX_CHANNEL_MAX_MSG_HANDLES + 1;
  static constexpr size_t kMaxQueuedBytes = 256;  // in all queues, channel calls
  static constexpr size_t kCompared = 8;  // reached calls compared in full, per path

  const ExploreOptions& o_;
  Explored& out_;
  std::map<const OpSpec*, size_t> budget_;
  std::map<const OpSpec*, size_t> varied_;
  std::map<const OpSpec*, size_t> variations_;
  bool answers_tried_ = false;
  bool fixtures_tried_ = false;
  bool in_fixture_ = false;  // trying calls on a fixture (TryEach)
  std::map<const OpSpec*, std::map<std::string, size_t>> compared_;
  std::map<const OpSpec*, ArgValues> last_args_;
  std::map<const OpSpec*, size_t> paths_;  // how many paths the encoding has
  props::GenOptions walk_;                  // every call but the excluded ones
  props::GenOptions focus_;                 // the watched operations' families
  bool focused_ = false;                    // walking with |focus_| (Focus)
  std::map<const OpSpec*, std::vector<std::vector<std::pair<uint64_t, std::vector<uint64_t>>>>> seen_;
};

}  // namespace

Explored Explore(const ExploreOptions& options) {
  Explored out;
  Walker w(options, out);
  for (size_t i = 0; i < options.walks; ++i) w.Walk(options.seed * 1000003 + i);
  if (!w.Unreached()) return out;
  w.Focus();
  for (size_t i = 0; i < options.walks / 2 && w.Unreached(); ++i) {
    w.Walk(~(options.seed * 1000003 + i));
  }
  return out;
}

}  // namespace zxspec::spec
