// The channel family's step properties: rights lineage and messages in transit (see
// channel_props.h). Each check relates the state before and after one step through the action
// alone; nothing about lineage is stored in the model.
#include "props/channel_props.h"

#include <map>

#include "api/constants.h"
#include "api/format.h"
#include "api/syscalls.h"
#include "props/shared.h"

namespace zxspec::props {
namespace {

using Violation = std::optional<std::string>;
using model::ChannelEndpoint;
using model::HandleEntry;
using model::Message;
using model::State;

// What one new handle may be: the object it must name (0: an object the step creates) and the
// rights it may hold at most, with the rule that gives the bound.
struct Source {
  zx_koid_t object = 0;
  zx_rights_t bound = 0;
  std::string rule;
};

// Where a step may put new handles, as its action determines.
struct Expected {
  std::map<zx_koid_t, std::vector<Source>> tables;  // per process, in install order
  zx_koid_t message_endpoint = 0;  // the endpoint whose queue may gain one message (0: none)
  std::vector<Source> message;     // that message's handles, in order
  zx_koid_t read_endpoint = 0;     // the endpoint whose oldest message may leave (0: none)
};

// HANDLE-022/031, CHAN-032: the rights a derivation with |requested| may give at most.
zx_rights_t Masked(zx_rights_t have, zx_rights_t requested) {
  return requested == ZX_RIGHT_SAME_RIGHTS ? have : have & requested;
}

// RIGHTS-002 / VMO-083: what a new VMO child may add to its parent handle's rights:
// GET/SET_PROPERTY always, RESIZE with CHILD_RESIZABLE, WRITE on a new copy-on-write object
// (the SNAPSHOT types without NO_WRITE). SLICE and REFERENCE children add neither.
zx_rights_t ChildAdds(uint32_t options) {
  constexpr uint32_t kCopyOnWrite = ZX_VMO_CHILD_SNAPSHOT | ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE |
                                    ZX_VMO_CHILD_SNAPSHOT_MODIFIED;
  zx_rights_t adds = ZX_RIGHT_GET_PROPERTY | ZX_RIGHT_SET_PROPERTY;
  if ((options & ZX_VMO_CHILD_RESIZABLE) != 0) adds |= ZX_RIGHT_RESIZE;
  if ((options & kCopyOnWrite) != 0 && (options & ZX_VMO_CHILD_NO_WRITE) == 0) {
    adds |= ZX_RIGHT_WRITE;
  }
  return adds;
}

// VMAR-004, VMAR-013: the handle rights a new VMAR's CAN_MAP_* options give.
zx_rights_t CanMapRights(zx_vm_option_t options) {
  return ((options & ZX_VM_CAN_MAP_READ) ? ZX_RIGHT_READ : 0) |
         ((options & ZX_VM_CAN_MAP_WRITE) ? ZX_RIGHT_WRITE : 0) |
         ((options & ZX_VM_CAN_MAP_EXECUTE) ? ZX_RIGHT_EXECUTE : 0);
}

// STREAM-011/014, RIGHTS-011: the handle rights a new stream's modes give.
zx_rights_t StreamModeRights(uint32_t options) {
  return ((options & ZX_STREAM_MODE_READ) ? ZX_RIGHT_READ : 0) |
         ((options & ZX_STREAM_MODE_WRITE) ? ZX_RIGHT_WRITE : 0);
}

template <class T, class... U>
inline constexpr bool kIsOneOf = (std::is_same_v<T, U> || ...);

// The sources of every handle |a| may create, from the state before it.
Expected ExpectedSources(const State& before, const Action& a) {
  Expected out;
  const zx_koid_t caller = a.caller;
  auto src = [&](zx_handle_t h) { return EntryOf(before, caller, h); };
  auto rights_of = [&](zx_handle_t h) -> zx_rights_t {
    auto e = src(h);
    return e ? e->rights : 0;
  };
  std::vector<Source>& mine = out.tables[caller];
  std::visit(
      [&](const auto& c) {
        using T = std::decay_t<decltype(c)>;
        if constexpr (kIsOneOf<T, HandleDuplicate, HandleReplace>) {
          if (auto e = src(c.handle)) {
            mine.push_back({e->object, Masked(e->rights, c.rights),
                            "HANDLE-022/031: its source's rights " + Rights(e->rights) +
                                " under the mask " + Rights(c.rights)});
          }
        } else if constexpr (std::is_same_v<T, VmoReplaceAsExecutable>) {
          if (auto e = src(c.handle)) {
            mine.push_back({e->object, e->rights | ZX_RIGHT_EXECUTE,
                            "VMO-124: its source's rights " + Rights(e->rights) + " | EXECUTE"});
          }
        } else if constexpr (std::is_same_v<T, VmoCreateChild>) {
          if (auto e = src(c.handle)) {
            const zx_rights_t adds = ChildAdds(c.options);
            mine.push_back({0, e->rights | adds,
                            "VMO-083: the parent handle's rights " + Rights(e->rights) +
                                " | " + Rights(adds)});
          }
        } else if constexpr (std::is_same_v<T, VmoCreate>) {
          const zx_rights_t resize = (c.options & ZX_VMO_RESIZABLE) ? ZX_RIGHT_RESIZE : 0;
          mine.push_back({0, ZX_DEFAULT_VMO_RIGHTS | resize, "RIGHTS-010: a new VMO"});
        } else if constexpr (std::is_same_v<T, VmarCreateVmoChild>) {
          mine.push_back({0, ZX_DEFAULT_VMO_RIGHTS | ZX_RIGHT_EXECUTE,
                          "VMAR-083: a new VMO child of a mapping"});
        } else if constexpr (std::is_same_v<T, StreamCreate>) {
          mine.push_back({0,
                          ZX_DEFAULT_STREAM_RIGHTS |
                              (rights_of(c.vmo) & StreamModeRights(c.options)),
                          "RIGHTS-011, STREAM-011/014: a new stream on a VMO handle with " +
                              Rights(rights_of(c.vmo))});
        } else if constexpr (std::is_same_v<T, VmarAllocate>) {
          mine.push_back({0,
                          ZX_DEFAULT_VMAR_RIGHTS |
                              (rights_of(c.parent) & CanMapRights(c.options)),
                          "VMAR-004/013: a new VMAR under a handle with " +
                              Rights(rights_of(c.parent))});
        } else if constexpr (std::is_same_v<T, ProcessCreate>) {
          mine.push_back({0, ZX_DEFAULT_PROCESS_RIGHTS, "RIGHTS-013: a new process"});
          mine.push_back({0, ZX_DEFAULT_VMAR_RIGHTS | ZX_RIGHT_READ | ZX_RIGHT_WRITE |
                                 ZX_RIGHT_EXECUTE,
                          "VMAR-004: a new root VMAR"});
        } else if constexpr (std::is_same_v<T, ChannelCreate>) {
          mine.push_back({0, ZX_DEFAULT_CHANNEL_RIGHTS, "RIGHTS-014: a new endpoint"});
          mine.push_back({0, ZX_DEFAULT_CHANNEL_RIGHTS, "RIGHTS-014: a new endpoint"});
        } else if constexpr (kIsOneOf<T, ChannelRead, ChannelReadEtc>) {
          auto e = src(c.handle);
          const ChannelEndpoint* ep = e ? EndpointIn(before, e->object) : nullptr;
          if (ep != nullptr) {
            out.read_endpoint = e->object;
            if (!ep->queue.empty()) {
              for (const HandleEntry& h : ep->queue.front().handles) {
                mine.push_back({h.object, h.rights,
                                "CHAN-042: the handle travelled with " + Rights(h.rights)});
              }
            }
          }
        } else if constexpr (std::is_same_v<T, ProcessStart>) {
          auto p = src(c.process);
          auto e = src(c.handle);
          if (p && e && ProcessIn(before, p->object) != nullptr) {
            out.tables[p->object].push_back(
                {e->object, e->rights, "PROC-032: the moved handle had " + Rights(e->rights)});
          }
        } else if constexpr (kIsOneOf<T, ChannelWrite, ChannelWriteEtc>) {
          auto e = src(c.handle);
          const ChannelEndpoint* ep = e ? EndpointIn(before, e->object) : nullptr;
          if (ep == nullptr) return;
          std::vector<Source> message;
          if constexpr (std::is_same_v<T, ChannelWrite>) {
            for (zx_handle_t h : c.handles) {
              auto s = src(h);
              if (!s) return;  // CHAN-022 (4): the write fails, no message
              message.push_back({s->object, s->rights,
                                 "CHAN-022 (7): its source's rights " + Rights(s->rights)});
            }
          } else {
            for (const auto& d : c.dispositions) {
              auto s = src(d.handle);
              if (!s) return;  // CHAN-031: the write fails, no message
              message.push_back({s->object, Masked(s->rights, d.rights),
                                 "CHAN-031/032: its source's rights " + Rights(s->rights) +
                                     " under the disposition's " + Rights(d.rights)});
            }
          }
          out.message_endpoint = ep->peer;
          out.message = std::move(message);
        }
      },
      a.call);
  return out;
}

// The handles of |p| that are new after the step (values the table did not hold before), in
// install order.
std::vector<std::pair<zx_handle_t, HandleEntry>> NewHandles(const State& before,
                                                            zx_koid_t process,
                                                            const model::Process& p) {
  const model::Process* old = ProcessIn(before, process);
  std::vector<std::pair<zx_handle_t, HandleEntry>> out;
  for (const auto& [value, e] : p.handles.entries) {
    if (old == nullptr || old->handles.entries.count(value) == 0) out.push_back({value, e});
  }
  return out;
}

// The number of messages of |before|'s queue at |koid| that are still queued after the step:
// all of them, less the oldest when |koid| is the endpoint a read names and its queue shrank.
size_t Surviving(const State& before, zx_koid_t koid, size_t after_size, const Expected& x) {
  const ChannelEndpoint* old = EndpointIn(before, koid);
  if (old == nullptr) return 0;
  size_t n = old->queue.size();
  if (koid == x.read_endpoint && n > 0 && after_size < n) --n;
  return n;
}

// One offending handle, for the witness.
struct Offence {
  enum class Where { kTable, kMessage } where = Where::kTable;
  zx_koid_t owner = 0;       // kTable: the process; kMessage: the endpoint
  zx_handle_t value = 0;     // kTable
  size_t message_index = 0;  // kMessage: position in the queue after the step
  size_t handle_index = 0;   // kMessage: position in the message
  zx_koid_t want_object = 0;  // 0: not an object mismatch
  zx_rights_t excess = 0;
};

// Judges one new handle |e| against its |source|; appends what is wrong to |problems|.
bool Judge(const State& before, const Source& source, const HandleEntry& e,
           const std::string& where, std::vector<std::string>& problems, Offence& offence) {
  bool bad = false;
  if (source.object != 0 && e.object != source.object) {
    problems.push_back(where + " names object " + std::to_string(e.object) + ", its source " +
                       std::to_string(source.object));
    offence.want_object = source.object;
    bad = true;
  }
  if (source.object == 0 && before.objects.count(e.object) != 0) {
    problems.push_back(where + " names the existing object " + std::to_string(e.object) +
                       " but derives from creating one (" + source.rule + ")");
    bad = true;
  }
  if ((e.rights & ~source.bound) != 0) {
    offence.excess = e.rights & ~source.bound;
    problems.push_back(where + " holds " + Rights(e.rights) + ": " + Rights(offence.excess) +
                       " beyond its bound " + Rights(source.bound) + " (" + source.rule + ")");
    bad = true;
  }
  return bad;
}

// Runs the lineage check, collecting the offences for the witness.
std::vector<std::string> LineageProblems(const StepView& v, std::vector<Offence>* offences) {
  const State& before = v.before;
  const State& after = v.after.state;
  const Expected x = ExpectedSources(before, v.action);
  std::vector<std::string> problems;
  for (const auto& [koid, body] : after.objects) {
    if (const auto* p = std::get_if<model::Process>(&body)) {
      auto it = x.tables.find(koid);
      const std::vector<Source> none;
      const std::vector<Source>& sources = it == x.tables.end() ? none : it->second;
      auto fresh = NewHandles(before, koid, *p);
      for (size_t i = 0; i < fresh.size(); ++i) {
        const auto& [value, e] = fresh[i];
        const std::string where =
            "handle " + std::to_string(value) + " of process " + std::to_string(koid);
        Offence o{Offence::Where::kTable, koid, value};
        if (i >= sources.size()) {
          problems.push_back(where + " (" + Rights(e.rights) + ") has no source in this step");
          o.excess = e.rights;
          if (offences) offences->push_back(o);
          continue;
        }
        if (Judge(before, sources[i], e, where, problems, o) && offences) offences->push_back(o);
      }
    } else if (const auto* ep = std::get_if<ChannelEndpoint>(&body)) {
      const size_t keep = std::min(Surviving(before, koid, ep->queue.size(), x), ep->queue.size());
      for (size_t m = keep; m < ep->queue.size(); ++m) {
        const Message& msg = ep->queue[m];
        const std::string at = "message " + std::to_string(m) + " queued at endpoint " +
                               std::to_string(koid);
        const bool expected = koid == x.message_endpoint && m == keep;
        for (size_t i = 0; i < msg.handles.size(); ++i) {
          const HandleEntry& e = msg.handles[i];
          const std::string where = "handle " + std::to_string(i) + " of " + at;
          Offence o{Offence::Where::kMessage, koid, 0, m, i};
          if (!expected || i >= x.message.size()) {
            problems.push_back(where + " (" + Rights(e.rights) + ") has no source in this step");
            o.excess = e.rights;
            if (offences) offences->push_back(o);
            continue;
          }
          if (Judge(before, x.message[i], e, where, problems, o) && offences) {
            offences->push_back(o);
          }
        }
      }
    }
  }
  return problems;
}

// Whether a scenario line can run as |process| in |s| (the initial process, or one the initial
// process holds a handle to).
bool Nameable(const State& s, zx_koid_t process) {
  return CanAct(s, process) &&
         (process == s.initial.self_koid || InitialHandleTo(s, process) != 0);
}

// A process that can act and holds |endpoint| with READ, and that handle; the initial process
// first.
std::optional<std::pair<zx_koid_t, zx_handle_t>> FindReader(const State& s, zx_koid_t endpoint) {
  std::vector<zx_koid_t> order = {s.initial.self_koid};
  for (const auto& [koid, body] : s.objects) {
    if (koid != s.initial.self_koid && std::holds_alternative<model::Process>(body)) {
      order.push_back(koid);
    }
  }
  for (zx_koid_t koid : order) {
    const auto* p = ProcessIn(s, koid);
    if (p == nullptr || !Nameable(s, koid)) continue;
    for (const auto& [value, e] : p->handles.entries) {
      if (e.object == endpoint && (e.rights & ZX_RIGHT_READ) != 0) {
        return std::make_pair(koid, value);
      }
    }
  }
  return std::nullopt;
}

// |n| reads that discard the messages ahead of the one a witness looks at.
void DrainAhead(const State& s, zx_koid_t reader, zx_handle_t h, size_t n,
                std::vector<Witness>& out) {
  for (size_t k = 0; k < n; ++k) {
    out.push_back({reader, InitialHandleTo(s, reader), Call{ChannelReadEtc{h}}, "any"});
  }
}

std::string TypeName(const State& s, zx_koid_t object) {
  auto it = s.objects.find(object);
  const zx_obj_type_t t = it == s.objects.end() ? ZX_OBJ_TYPE_NONE : model::ObjTypeOf(it->second);
  auto name = NameOf(t, ConstKind::kObjType);
  return name ? std::string(*name) : std::to_string(t);
}

}  // namespace

std::optional<std::pair<zx_koid_t, zx_handle_t>> ChannelReader(const State& s,
                                                                zx_koid_t endpoint) {
  return FindReader(s, endpoint);
}

// rights-lineage: RIGHTS-002, HANDLE-022/031, CHAN-031/032/042, PROC-032, VMO-083, VMO-124
Violation RightsLineage(const StepView& v) {
  auto problems = LineageProblems(v, nullptr);
  if (problems.empty()) return std::nullopt;
  return JoinProblems(problems);
}

std::vector<Witness> RightsLineageWitness(const StepView& v) {
  std::vector<Offence> offences;
  LineageProblems(v, &offences);
  const State& s = v.after.state;
  std::vector<Witness> out;
  for (const Offence& o : offences) {
    std::string fields;
    if (o.want_object != 0) fields += "koid: " + std::to_string(o.want_object);
    if (o.excess != 0) fields += (fields.empty() ? "" : ", ") + std::string("rights: -") +
                                 Rights(o.excess);
    if (fields.empty()) continue;
    if (o.where == Offence::Where::kTable) {
      if (!Nameable(s, o.owner)) continue;
      out.push_back({o.owner, InitialHandleTo(s, o.owner),
                     Call{ObjectGetInfo{o.value, ZX_INFO_HANDLE_BASIC}}, "ZX_OK {" + fields + "}"});
      continue;
    }
    // A handle in a queued message: read the messages ahead of it, then it.
    auto reader = FindReader(s, o.owner);
    if (!reader) continue;
    const Message& msg = EndpointIn(s, o.owner)->queue[o.message_index];
    std::string items;
    for (size_t i = 0; i < msg.handles.size(); ++i) {
      items += (i ? ", " : "");
      items += i == o.handle_index ? "{" + fields + "}" : "_";
    }
    DrainAhead(s, reader->first, reader->second, o.message_index, out);
    out.push_back({reader->first, InitialHandleTo(s, reader->first),
                   Call{ChannelReadEtc{reader->second}}, "ZX_OK _, [" + items + "]"});
    break;  // the reads change the queue: one message per witness
  }
  return out;
}

// ---- messages-in-transit: CHAN-001, CHAN-022 (7), CHAN-042 ----

namespace {

// The queue the rulebook leaves at endpoint |koid| after the step, given the queue before it:
// unchanged, less its oldest message (a successful read of it), or plus the message written
// (a successful write to it, which is the last message of |after_queue|).
std::deque<Message> ExpectedQueue(const StepView& v, zx_koid_t koid,
                                  const std::deque<Message>& before_queue,
                                  const std::deque<Message>& after_queue) {
  const Expected x = ExpectedSources(v.before, v.action);
  std::deque<Message> q = before_queue;
  const bool ok = v.after.outcome.status == ZX_OK;
  if (ok && koid == x.read_endpoint && !q.empty()) q.pop_front();
  if (ok && koid == x.message_endpoint && !after_queue.empty()) q.push_back(after_queue.back());
  return q;
}

// The first endpoint whose queue differs from ExpectedQueue, with the first differing index.
struct QueueDiff {
  zx_koid_t endpoint = 0;
  size_t index = 0;
  std::deque<Message> expected;
};

std::optional<QueueDiff> FindQueueDiff(const StepView& v) {
  for (const auto& [koid, body] : v.after.state.objects) {
    const auto* ep = std::get_if<ChannelEndpoint>(&body);
    if (ep == nullptr) continue;
    const ChannelEndpoint* old = EndpointIn(v.before, koid);
    std::deque<Message> expected =
        old == nullptr ? std::deque<Message>{} : ExpectedQueue(v, koid, old->queue, ep->queue);
    if (expected == ep->queue) continue;
    size_t i = 0;
    while (i < expected.size() && i < ep->queue.size() && expected[i] == ep->queue[i]) ++i;
    return QueueDiff{koid, i, std::move(expected)};
  }
  return std::nullopt;
}

std::string DescribeMessage(const Message& m) {
  std::string s = std::to_string(m.bytes.size()) + " bytes, handles [";
  for (size_t i = 0; i < m.handles.size(); ++i) {
    s += (i ? ", " : "") + std::to_string(m.handles[i].object) + ":" + Rights(m.handles[i].rights);
  }
  return s + "]";
}

}  // namespace

Violation MessagesInTransit(const StepView& v) {
  auto diff = FindQueueDiff(v);
  if (!diff) return std::nullopt;
  const auto& queue = EndpointIn(v.after.state, diff->endpoint)->queue;
  std::string what = "the queue of endpoint " + std::to_string(diff->endpoint) + " holds " +
                     std::to_string(queue.size()) + " messages where " +
                     std::to_string(diff->expected.size()) + " were due";
  if (diff->index < queue.size() && diff->index < diff->expected.size()) {
    what += "; message " + std::to_string(diff->index) + " is " +
            DescribeMessage(queue[diff->index]) + ", due " +
            DescribeMessage(diff->expected[diff->index]);
  }
  return what;
}

std::vector<Witness> MessagesInTransitWitness(const StepView& v) {
  auto diff = FindQueueDiff(v);
  if (!diff) return {};
  const State& s = v.after.state;
  auto reader = FindReader(s, diff->endpoint);
  if (!reader) return {};
  std::vector<Witness> out;
  DrainAhead(s, reader->first, reader->second, diff->index, out);
  std::string expect;
  if (diff->index >= diff->expected.size()) {
    const ChannelEndpoint* ep = EndpointIn(s, diff->endpoint);
    expect = ep->peer_closed ? "ZX_ERR_PEER_CLOSED" : "ZX_ERR_SHOULD_WAIT";  // CHAN-041 (3)
  } else {
    const Message& m = diff->expected[diff->index];
    expect = "ZX_OK " + FormatBytes(m.bytes) + ", [";
    for (size_t i = 0; i < m.handles.size(); ++i) {
      expect += (i ? ", " : "") + std::string("{type: ") + TypeName(s, m.handles[i].object) +
                ", rights: " + Rights(m.handles[i].rights) + "}";
    }
    expect += "]";
  }
  out.push_back({reader->first, InitialHandleTo(s, reader->first),
                 Call{ChannelReadEtc{reader->second}}, expect});
  return out;
}

}  // namespace zxspec::props
