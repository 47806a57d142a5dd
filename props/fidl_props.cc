// fidl-default-deny: the FIDL receive layer over the step function under test (see
// fidl_props.h). Seed FTP-028; channel-fidl.md FIDL-002, FIDL-020, FIDL-021, FIDL-030;
// handles-rights.md FIDLRIGHTS-003, FIDLRIGHTS-006.
#include "props/fidl_props.h"

#include <set>

#include "api/constants.h"
#include "api/format.h"
#include "props/channel_props.h"
#include "props/shared.h"
#include "props/step_kernel.h"

namespace zxspec::props {
namespace {

using Violation = std::optional<std::string>;
using model::ChannelEndpoint;
using model::Message;
using model::State;

// The rights Zircon names (ZX_RIGHT_DUPLICATE .. ZX_RIGHT_MANAGE_VMO).
constexpr zx_rights_t kNamedRights = 0x01FFFFFFu;

bool Constrained(zx_rights_t required) { return required != ZX_RIGHT_SAME_RIGHTS; }

std::string RightsOrSame(zx_rights_t r) {
  if (r == ZX_RIGHT_SAME_RIGHTS) return "SAME_RIGHTS";
  return FlagsToString(r, ConstKind::kRight);
}

std::string TypeName(zx_obj_type_t t) {
  auto name = NameOf(t, ConstKind::kObjType);
  if (!name) return std::to_string(t);
  std::string s(*name);
  constexpr std::string_view kPrefix = "ZX_OBJ_TYPE_";
  if (s.rfind(kPrefix, 0) == 0) s = s.substr(kPrefix.size());
  return s;
}

const model::HandleTable* TableOf(const State& s, zx_koid_t process) {
  auto it = s.objects.find(process);
  if (it == s.objects.end()) return nullptr;
  const auto* p = std::get_if<model::Process>(&it->second);
  return p == nullptr ? nullptr : &p->handles;
}

zx_obj_type_t TypeOf(const State& s, zx_koid_t object) {
  auto it = s.objects.find(object);
  return it == s.objects.end() ? ZX_OBJ_TYPE_NONE : model::ObjTypeOf(it->second);
}

uint64_t Mix(uint64_t x) {  // splitmix64's finalizer
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

// The (k mod n)-th of the n rights in |set| (NONE when |set| is empty).
zx_rights_t OneOf(zx_rights_t set, uint64_t k) {
  std::vector<zx_rights_t> bits;
  for (zx_rights_t b = 1; b != 0; b <<= 1) {
    if ((set & b) != 0) bits.push_back(b);
  }
  return bits.empty() ? ZX_RIGHT_NONE : bits[k % bits.size()];
}

// FIDL-020 (3)(4), in order: the status a receive of |m| against |slots| must answer.
zx_status_t DueStatus(const State& s, const Message& m, const std::vector<fidl::RecvSlot>& slots) {
  if (m.handles.size() != slots.size()) return ZX_ERR_INVALID_ARGS;  // FIDL-020 (3)
  for (size_t i = 0; i < slots.size(); ++i) {                      // FIDL-020 (4)
    const fidl::RecvSlot& slot = slots[i];
    if (slot.type != ZX_OBJ_TYPE_NONE && slot.type != TypeOf(s, m.handles[i].object)) {
      return ZX_ERR_INVALID_ARGS;
    }
    if (Constrained(slot.rights) && (m.handles[i].rights & slot.rights) != slot.rights) {
      return ZX_ERR_ACCESS_DENIED;  // seed FTP-028: a required right is missing
    }
  }
  return ZX_OK;
}

// FIDL-002, FIDL-020 (5), FIDLRIGHTS-003: required | (optional & sent); everything sent for an
// unconstrained slot (FIDLRIGHTS-002).
zx_rights_t DueRights(const fidl::RecvSlot& slot, zx_rights_t sent) {
  if (!Constrained(slot.rights)) return sent;
  return slot.rights | (slot.optional & sent);
}

// What one probe found: the message written, who receives it, and what came back.
struct FidlProbe {
  zx_koid_t reader = 0;
  zx_handle_t channel = 0;  // the reader's handle to the peer endpoint
  zx_koid_t endpoint = 0;   // the endpoint the message is queued at
  zx_koid_t writer_endpoint = 0;
  size_t ahead = 0;         // messages queued before it
  Message message;
  std::vector<fidl::RecvSlot> slots;
  zx_status_t due = ZX_OK;
  std::vector<std::string> problems;
};

// The message a successful write put at the peer of the endpoint it names, and a reader of it;
// nullopt when the step is not such a write or nobody nameable can read it.
std::optional<FidlProbe> FindProbe(const StepView& v) {
  if (v.after.outcome.status != ZX_OK) return std::nullopt;
  zx_handle_t writer = 0;
  if (const auto* w = std::get_if<ChannelWrite>(&v.action.call)) writer = w->handle;
  if (const auto* w = std::get_if<ChannelWriteEtc>(&v.action.call)) writer = w->handle;
  if (writer == 0) return std::nullopt;
  auto e = EntryOf(v.before, v.action.caller, writer);
  const ChannelEndpoint* ep = e ? EndpointIn(v.before, e->object) : nullptr;
  if (ep == nullptr) return std::nullopt;
  const State& s = v.after.state;
  const ChannelEndpoint* peer = EndpointIn(s, ep->peer);
  if (peer == nullptr || peer->queue.empty()) return std::nullopt;
  if (fidl::DecodeEpitaph(peer->queue.back().bytes)) return std::nullopt;  // FIDL-020 (2)
  auto reader = ChannelReader(s, ep->peer);
  if (!reader) return std::nullopt;
  FidlProbe p;
  p.reader = reader->first;
  p.channel = reader->second;
  p.endpoint = ep->peer;
  p.writer_endpoint = e->object;
  p.ahead = peer->queue.size() - 1;
  p.message = peer->queue.back();
  p.slots = ConstraintFor(s, p.message);
  p.due = DueStatus(s, p.message, p.slots);
  return p;
}

// Handle values of |process| in |after| that |before| did not hold.
std::vector<zx_handle_t> NewValues(const State& before, const State& after, zx_koid_t process) {
  std::vector<zx_handle_t> out;
  const auto* t0 = TableOf(before, process);
  const auto* t1 = TableOf(after, process);
  if (t1 == nullptr) return out;
  for (const auto& [value, e] : t1->entries) {
    if (t0 == nullptr || t0->entries.count(value) == 0) out.push_back(value);
  }
  return out;
}

// FIDL-020 (5)(6): a delivered message: its bytes, each handle naming the object that
// travelled, holding exactly DueRights, as reported and in the table.
void JudgeDelivered(const FidlProbe& p, const ChannelReadResult& got, const State& after,
                    std::vector<std::string>& problems) {
  if (got.data != p.message.bytes) problems.push_back("the bytes changed on the way");
  if (got.handles.size() != p.message.handles.size()) {
    problems.push_back(std::to_string(got.handles.size()) + " handles delivered, " +
                       std::to_string(p.message.handles.size()) + " sent");
    return;
  }
  for (size_t i = 0; i < got.handles.size(); ++i) {
    const zx_rights_t sent = p.message.handles[i].rights;
    const zx_rights_t due = DueRights(p.slots[i], sent);
    const std::string at = "handle " + std::to_string(i) + " (sent with " + RightsOrSame(sent) +
                           ", slot required " + RightsOrSame(p.slots[i].rights) + " optional " +
                           RightsOrSame(p.slots[i].optional) + ")";
    auto entry = EntryOf(after, p.reader, got.handles[i].handle);
    if (!entry) {
      problems.push_back(at + " is not in the receiver's table");
      continue;
    }
    if (entry->object != p.message.handles[i].object) {
      problems.push_back(at + " names object " + std::to_string(entry->object) + ", sent " +
                         std::to_string(p.message.handles[i].object));
    }
    if (entry->rights != due) {
      problems.push_back(at + " holds " + RightsOrSame(entry->rights) + ", due " + RightsOrSame(due) +
                         " (FIDL-020 (5))");
    }
    if (got.handles[i].rights != due) {
      problems.push_back(at + " is reported with " + RightsOrSame(got.handles[i].rights) + ", due " +
                         RightsOrSame(due));
    }
  }
  if (!EntryOf(after, p.reader, p.channel)) {
    problems.push_back("the receiver's channel handle was closed by a successful receive");
  }
}

// FIDL-020 (3)(4), FIDL-021, FIDL-030: a refused message is never delivered, the receiver's
// channel handle is closed, and the epitaph reaches the writer's endpoint when it can.
void JudgeRefused(const FidlProbe& p, const State& before, const State& after,
                  std::vector<std::string>& problems) {
  if (auto fresh = NewValues(before, after, p.reader); !fresh.empty()) {
    problems.push_back("the refused message left " + std::to_string(fresh.size()) +
                       " new handle(s) in the receiver's table (never delivered: FIDL-020 (4))");
  }
  if (EntryOf(after, p.reader, p.channel)) {
    problems.push_back("the receiver's channel handle is still open (FIDL-021)");
  }
  auto h = EntryOf(before, p.reader, p.channel);
  const ChannelEndpoint* mine = EndpointIn(before, p.endpoint);
  const bool can_write = h && (h->rights & ZX_RIGHT_WRITE) != 0 && mine != nullptr &&
                         !mine->peer_closed;
  if (!can_write) return;
  const ChannelEndpoint* writer = EndpointIn(after, p.writer_endpoint);
  const Message epitaph{fidl::EncodeEpitaph(p.due), {}};
  if (writer == nullptr || writer->queue.empty() || !(writer->queue.back() == epitaph)) {
    problems.push_back("no epitaph " + StatusName(p.due) +
                       " queued at the writer's endpoint (FIDL-020 (4), FIDL-030)");
  }
}

// Receives |p|'s message with |recv| on a copy of |after|: reads the messages ahead with
// channel_read_etc, then the FIDL receive. Returns the problems found.
std::vector<std::string> RunProbe(const StepView& v, const FidlProbe& p, FidlRecvFn recv) {
  StepKernel k(v.step, v.after.state);
  for (size_t i = 0; i < p.ahead; ++i) {
    if (k.zx_channel_read_etc(p.reader, p.channel).is_error()) {
      return {"a read of a message ahead of the written one failed"};
    }
  }
  const State before = k.state();
  auto got = recv(k, p.reader, p.channel, p.slots);
  const zx_status_t status = got.is_ok() ? ZX_OK : got.status_value();
  std::vector<std::string> problems;
  if (status != p.due) {
    problems.push_back("fidl_recv answered " + StatusName(status) + ", due " +
                       StatusName(p.due) + " (FIDL-020)");
  }
  if (p.due == ZX_OK && got.is_ok()) JudgeDelivered(p, got.value(), k.state(), problems);
  if (p.due != ZX_OK) JudgeRefused(p, before, k.state(), problems);
  return problems;
}

std::string SlotsText(const std::vector<fidl::RecvSlot>& slots) {
  std::string s = "[";
  for (size_t i = 0; i < slots.size(); ++i) {
    s += (i ? ", " : "") + std::string("{type: ") + TypeName(slots[i].type) +
         ", rights: " + RightsOrSame(slots[i].rights) + ", optional: " + RightsOrSame(slots[i].optional) +
         "}";
  }
  return s + "]";
}

}  // namespace

std::vector<fidl::RecvSlot> ConstraintFor(const State& s, const Message& message) {
  uint64_t seed = 0xF1D1;
  for (uint8_t b : message.bytes) seed = Mix(seed ^ b);
  std::vector<fidl::RecvSlot> slots;
  for (size_t i = 0; i < message.handles.size(); ++i) {
    const zx_rights_t sent = message.handles[i].rights;
    const zx_obj_type_t type = TypeOf(s, message.handles[i].object);
    const uint64_t r = Mix(seed ^ Mix(i + (uint64_t{type} << 8) + (uint64_t{sent} << 16)));
    const auto m1 = static_cast<zx_rights_t>(r >> 8) & kNamedRights;
    const auto m2 = static_cast<zx_rights_t>(r >> 33) & kNamedRights;
    const zx_obj_type_t checked = (r >> 60) & 1 ? type : ZX_OBJ_TYPE_NONE;
    fidl::RecvSlot slot{checked, sent & m1, m2};
    switch (r % 16) {
      case 0:
      case 1:  // unconstrained (FIDLRIGHTS-002)
        slot = {checked, ZX_RIGHT_SAME_RIGHTS, ZX_RIGHT_NONE};
        break;
      case 11:
      case 12:
      case 13: {  // one required right the handle lacks: ACCESS_DENIED
        slot.rights |= OneOf(kNamedRights & ~sent, r >> 4);
        break;
      }
      case 14:  // the wrong type: INVALID_ARGS (FIDL-020 (4), C-3)
        slot.type = type == ZX_OBJ_TYPE_VMO ? ZX_OBJ_TYPE_CHANNEL : ZX_OBJ_TYPE_VMO;
        break;
      case 15:  // no optional rights: everything beyond R goes
        slot.optional = ZX_RIGHT_NONE;
        break;
      default:  // satisfied, with optional rights drawn over all rights
        break;
    }
    slots.push_back(slot);
  }
  if (Mix(seed ^ 0xC0) % 32 == 0) {  // a slot count off by one: INVALID_ARGS (FIDL-020 (3))
    if (slots.empty()) {
      slots.push_back({ZX_OBJ_TYPE_NONE, ZX_RIGHT_SAME_RIGHTS, ZX_RIGHT_NONE});
    } else {
      slots.pop_back();
    }
  }
  return slots;
}

Violation FidlDefaultDenyWith(const StepView& v, FidlRecvFn recv) {
  auto probe = FindProbe(v);
  if (!probe) return std::nullopt;
  auto problems = RunProbe(v, *probe, recv);
  if (problems.empty()) return std::nullopt;
  return "receiving the message written with fidl_recv(" + SlotsText(probe->slots) +
         "): " + JoinProblems(problems);
}

std::optional<zx_status_t> FidlProbeStatus(const StepView& v) {
  auto probe = FindProbe(v);
  if (!probe) return std::nullopt;
  return probe->due;
}

Violation FidlDefaultDeny(const StepView& v) { return FidlDefaultDenyWith(v, &fidl::fidl_recv); }

std::vector<Witness> FidlDefaultDenyWitness(const StepView& v) {
  auto probe = FindProbe(v);
  if (!probe) return {};
  const State& s = v.after.state;
  const zx_handle_t via = InitialHandleTo(s, probe->reader);
  std::vector<Witness> out;
  for (size_t i = 0; i < probe->ahead; ++i) {
    out.push_back({probe->reader, via, Call{ChannelReadEtc{probe->channel}}, "any"});
  }
  const std::string call = "fidl_recv({h}, " + SlotsText(probe->slots) + ")";
  if (probe->due != ZX_OK) {
    out.push_back({probe->reader, via, Call{}, StatusName(probe->due), "", call, probe->channel});
    return out;
  }
  std::string names = "fidl_bytes";
  for (size_t i = 0; i < probe->message.handles.size(); ++i) {
    names += ", fidl_h" + std::to_string(i);
  }
  out.push_back({probe->reader, via, Call{}, "ZX_OK", "", names + " = " + call, probe->channel});
  for (size_t i = 0; i < probe->message.handles.size(); ++i) {
    const auto& sent = probe->message.handles[i];
    out.push_back({probe->reader, via, Call{},
                   "ZX_OK {type: " + TypeName(TypeOf(s, sent.object)) + ", rights: " +
                       RightsOrSame(DueRights(probe->slots[i], sent.rights)) + "}",
                   "", "object_get_info(fidl_h" + std::to_string(i) + ", HANDLE_BASIC)"});
  }
  return out;
}

}  // namespace zxspec::props
