// The step properties (see properties.h). Each checker is a plain loop over the two states, so
// a reader can hold it against the rules it cites.
#include "props/properties.h"

#include <vector>

#include "api/constants.h"
#include "api/format.h"
#include "api/syscalls.h"
#include "model/invariants.h"
#include "props/channel_props.h"
#include "props/fidl_props.h"
#include "props/shared.h"
#include "props/trace.h"
#include "props/vmo_props.h"
#include "props/vmar_props.h"

namespace zxspec::props {
namespace {

using Violation = std::optional<std::string>;

// Every invariant of the catalog (model/invariants.h) holds after the step.
Violation Invariants(const StepView& v) {
  auto broken = model::CheckInvariants(v.after.state);
  if (broken.empty()) return std::nullopt;
  return JoinProblems(broken);
}

// Calls whose rulebook names an effect of an error: the input handle is consumed anyway.
bool ErrorHasEffect(const Call& call) {
  return std::holds_alternative<HandleReplace>(call) ||           // HANDLE-031
         std::holds_alternative<VmoReplaceAsExecutable>(call) ||  // VMO-122/123
         std::holds_alternative<ChannelWrite>(call) ||            // CHAN-021
         std::holds_alternative<ChannelWriteEtc>(call) ||         // CHAN-031
         std::holds_alternative<ProcessStart>(call);              // PROC-031
}

// handles-rights.md conventions: "On any non-OK status ... the kernel state is unchanged"
// unless a rule names an effect of the error.
Violation ErrorNoEffect(const StepView& v) {
  if (v.after.outcome.status == ZX_OK || ErrorHasEffect(v.action.call)) return std::nullopt;
  if (v.after.state == v.before) return std::nullopt;
  return std::string(SyscallOf(v.action.call).name) + " failed with " +
         StatusName(v.after.outcome.status) + " but changed the state";
}

// HANDLE-001/002: koids and handle values are never reused; new handles take the next values
// of their table; every handle an outcome reports is live afterwards.
Violation Identities(const StepView& v) {
  const model::State& a = v.before;
  const model::State& b = v.after.state;
  if (b.next_koid < a.next_koid) return "the koid counter went backwards";
  for (const auto& [koid, body] : b.objects) {
    if (!a.objects.count(koid) && (koid < a.next_koid || koid >= b.next_koid)) {
      return "new object has koid " + std::to_string(koid) + " outside [" +
             std::to_string(a.next_koid) + ", " + std::to_string(b.next_koid) + ")";
    }
  }
  for (const auto& [koid, body] : b.objects) {
    const auto* pb = std::get_if<model::Process>(&body);
    const auto* pa = ProcessIn(a, koid);
    if (pb == nullptr) continue;
    const uint32_t before = pa ? pa->handles.installed : 0;
    if (pb->handles.installed < before) {
      return "handle counter of process " + std::to_string(koid) + " went backwards";
    }
    for (const auto& [value, e] : pb->handles.entries) {
      const uint32_t k = value >> 2;
      if (k == 0 || k > pb->handles.installed) {
        return "handle " + std::to_string(value) + " of process " + std::to_string(koid) +
               " is beyond its table's counter";
      }
      if (pa != nullptr && !pa->handles.entries.count(value) && k <= before) {
        return "handle value " + std::to_string(value) + " of process " + std::to_string(koid) +
               " was reused";
      }
    }
  }
  for (zx_handle_t h : ResultHandles(v.after.outcome)) {
    bool live = false;
    for (const auto& [koid, body] : b.objects) {
      const auto* p = std::get_if<model::Process>(&body);
      live = live || (p != nullptr && p->handles.entries.count(h) > 0);
    }
    if (!live) return "reported handle " + std::to_string(h) + " is not live in any table";
  }
  return std::nullopt;
}

// RIGHTS-002, HANDLE-001: while a handle value lives, it keeps its object and its rights.
Violation HandlesStable(const StepView& v) {
  for (const auto& [koid, body] : v.after.state.objects) {
    const auto* pb = std::get_if<model::Process>(&body);
    const auto* pa = ProcessIn(v.before, koid);
    if (pb == nullptr || pa == nullptr) continue;
    for (const auto& [value, e] : pb->handles.entries) {
      auto it = pa->handles.entries.find(value);
      if (it != pa->handles.entries.end() && !(it->second == e)) {
        return "handle " + std::to_string(value) + " of process " + std::to_string(koid) +
               " changed its object or rights";
      }
    }
  }
  return std::nullopt;
}

// The step function is a function: the same state, caller and call give the same outcome and
// the same state (no hidden global state; identities are deterministic, DEVELOPERS.md).
Violation Deterministic(const StepView& v) {
  model::StepResult again = v.step(v.before, v.action.caller, v.action.call);
  if (!(again.outcome == v.after.outcome)) return "a second run gave another outcome";
  if (!(again.state == v.after.state)) return "a second run gave another state";
  return std::nullopt;
}

const std::vector<PropertyInfo>& Table() {
  static const std::vector<PropertyInfo> table = {
      {"invariants",
       "After every step, every invariant of the catalog (model/invariants.h) holds.",
       "VMO-002 VMO-003 VMO-084 VMO-085 HANDLE-001 HANDLE-002 RIGHTS-001 RIGHTS-002 CHAN-001 "
       "CHAN-002 PROC-002",
       "ModelProps/Invariants", {}, &Invariants},
      {"error-no-effect",
       "A call that fails leaves the state unchanged, except where the rulebook names an effect "
       "of the error (HANDLE-031, VMO-122/123, CHAN-021/031, PROC-031).",
       "handles-rights.md conventions HANDLE-031 VMO-122 VMO-123 CHAN-021 CHAN-031 PROC-031",
       "ModelProps/ErrorNoEffect", {}, &ErrorNoEffect},
      {"identities",
       "Koids and handle values are never reused, new handles take the next value of their "
       "table, and every handle a call reports is live.",
       "HANDLE-001 HANDLE-002", "ModelProps/Identities", {}, &Identities},
      {"handles-stable", "A live handle keeps its object and its rights.",
       "RIGHTS-002 HANDLE-001", "ModelProps/HandlesStable", {}, &HandlesStable},
      {"deterministic", "The step function gives the same outcome and state when run twice.",
       "DEVELOPERS.md Identities", "ModelProps/Deterministic", {}, &Deterministic},
      // ---- channel family (issue 4): props/channel_props.{h,cc} ----
      {"rights-lineage",
       "Every handle new after a step (in a process table or a queued message) derives from its "
       "source as the action determines and holds no right beyond it, except the additions the "
       "rulebook names (VMO-124 EXECUTE, VMO-083 child rights, defaults of new objects).",
       "RIGHTS-002 HANDLE-022 HANDLE-031 CHAN-022 CHAN-031 CHAN-032 CHAN-042 PROC-032 VMO-083 "
       "VMO-124 RIGHTS-010 RIGHTS-011 RIGHTS-013 RIGHTS-014 VMAR-004 VMAR-083",
       "ModelProps/RightsLineage", {}, &RightsLineage, &RightsLineageWitness},
      {"messages-in-transit",
       "A queued message stays as written until read; a step pops only the oldest message of "
       "the endpoint a read names and appends only at the peer of the endpoint a write names.",
       "CHAN-001 CHAN-002 CHAN-022 CHAN-042", "ModelProps/MessagesInTransit", {},
       &MessagesInTransit, &MessagesInTransitWitness},
      {"fidl-default-deny",
       "After every successful channel write, fidl_recv of that message with a constraint C "
       "(drawn from the message) delivers each handle with exactly required(C) | (optional(C) "
       "& rights sent), or, when a handle lacks a required right (or a type or count mismatches), "
       "delivers nothing, closes the receiver's handle and queues the epitaph.",
       "FIDL-002 FIDL-020 FIDL-021 FIDL-030 FIDLRIGHTS-002 FIDLRIGHTS-003 FIDLRIGHTS-006 CHAN-042",
       "ModelProps/FidlDefaultDeny", {}, &FidlDefaultDeny, &FidlDefaultDenyWitness},
      // ---- family vmo (issue 3): VMO children, copy-on-write, immutability (RFC-0080), sizes
      // and streams (RFC-0238); checkers and witnesses in props/vmo_props.cc ----
      {"vmo-immutable-stable",
       "Once a VMO reports ZX_INFO_VMO_IMMUTABLE it keeps reporting it, and its size, stream size "
       "and every byte stay the same through any later call by anyone (writes to its parent, "
       "siblings, slices and children, resizes, op_range, closes, stream writes, stores through "
       "mappings).",
       "VMO-085 VMO-131 VMO-083 VMO-086 seed RFC-0080", "ModelProps/VmoImmutableStable",
       VmoGenOptions(), &CheckVmoImmutableStable, &WitnessVmoImmutableStable},
      {"vmo-cow-isolation",
       "A root or SNAPSHOT-family VMO's size, stream size and bytes change only through calls on "
       "itself, its slices or its references: never through its parent, its snapshots or their "
       "siblings, so writes to a snapshot never reach its parent and the parent's never reach "
       "the snapshot (AT_LEAST_ON_WRITE: the model's SNAPSHOT semantics, VMO-087).",
       "VMO-086 VMO-087 VMO-041 VMO-043 VMO-084 VMO-088 VMO-089", "ModelProps/VmoCowIsolation",
       VmoGenOptions(), &CheckVmoCowIsolation, &WitnessVmoCowIsolation},
      {"vmo-slice-alias",
       "A new slice has the requested size and shows its parent's bytes at its offset, a byte "
       "written through either side is seen through the other, and byte i of a slice stays byte "
       "offset+i of its parent (offsets compose through slices of slices) until re-parenting "
       "past a dead owner ends the alias.",
       "VMO-076 VMO-080 VMO-084 VMO-088 VMO-090", "ModelProps/VmoSliceAlias", VmoGenOptions(),
       &CheckVmoSliceAlias, &WitnessVmoSliceAlias},
      {"vmo-reference-alias",
       "A reference shows its parent's size, stream size and bytes, at creation and after every "
       "later call; writes, stream sizes and (resizable) sizes set through either side are seen "
       "through the other.",
       "VMO-005 VMO-041 VMO-080 VMO-081 VMO-089", "ModelProps/VmoReferenceAlias",
       VmoGenOptions(), &CheckVmoReferenceAlias, &WitnessVmoReferenceAlias},
      {"vmo-size-frame",
       "A VMO's size changes only through zx_vmo_set_size on it or a non-slice alias (never for "
       "a slice; stream calls, writes and op_range never resize), and its stream size only "
       "through set_stream_size, ZX_PROP_VMO_CONTENT_SIZE, set_size truncation or stream writes "
       "on it or a non-slice alias (a slice's only through itself).",
       "VMO-025 VMO-041 VMO-042 VMO-049 VMO-053 VMO-088 STREAM-034 STREAM-040 STREAM-072 seed "
       "RFC-0238",
       "ModelProps/VmoSizeFrame", VmoGenOptions(), &CheckVmoSizeFrame, &WitnessVmoSizeFrame},
      {"vmo-child-rights",
       "A child handle holds exactly the rights VMO-083 gives: at most the parent handle's rights "
       "minus RESIZE, plus RESIZE with CHILD_RESIZABLE, GET/SET_PROPERTY, and WRITE for a "
       "writable SNAPSHOT-family child, which loses EXECUTE; NO_WRITE removes WRITE; EXECUTE is "
       "never added (vmar_create_vmo_child: the default VMO rights, minus WRITE with NO_WRITE, "
       "EXECUTE only with NO_WRITE).",
       "VMO-083 VMAR-083 RIGHTS-002", "ModelProps/VmoChildRights", VmoGenOptions(),
       &CheckVmoChildRights, &WitnessVmoChildRights},
      {"vmo-child-info",
       "A new child's ZX_INFO_VMO reports IMMUTABLE exactly for SNAPSHOT|NO_WRITE, IS_COW_CLONE "
       "exactly for the SNAPSHOT family, RESIZABLE as VMO-080 gives it, the requested size (a "
       "reference: its parent's) and its parent's koid; its stream size is its size (a "
       "reference: its parent's stream size).",
       "VMO-080 VMO-081 VMO-085 VMO-131 VMO-132 VMAR-083 seed RFC-0080 seed RFC-0238",
       "ModelProps/VmoChildInfo", VmoGenOptions(), &CheckVmoChildInfo, &WitnessVmoChildInfo},
      // ---- address-space family (issue 6; props/vmar_props.h). The structural invariants
      // (vmar-containment, vmar-disjoint, mapping-perms-bounded, ...) run under "invariants".
      {"vmar-map-rights",
       "A successful vmar_map maps the VMO of its handle at vmo_offset and the returned address, "
       "every page with the requested perms, with max_perms = requested perms plus every perm "
       "both handles' rights allow (so never beyond them).",
       "VMAR-021 VMAR-025 VMAR-027", "ModelProps/VmarMapRights", vmar::Generation(),
       &vmar::CheckMapRights, &vmar::MapRightsWitness, &vmar::MapRightsExpected},
      {"vmar-perms-origin",
       "Every mapped page was mapped by this step's vmar_map or, before the step, in the same "
       "VMAR to the same VMO byte with max_perms no smaller: perms stay within the rights of the "
       "handles used at map time.",
       "VMAR-002 VMAR-025 VMAR-027 VMAR-028 VMAR-033", "ModelProps/VmarPermsOrigin",
       vmar::Generation(), &vmar::CheckPermsOrigin, &vmar::PermsOriginWitness, &vmar::PermsOriginExpected},
      {"vmar-placement",
       "SPECIFIC maps and allocations land at base + offset, others at the lowest base "
       "CheckPlacement accepts before the call; NO_RESOURCES only when no base is legal, "
       "ALREADY_EXISTS only when the SPECIFIC range meets a child.",
       "VMAR-014 VMAR-015 VMAR-022 VMAR-025 VMAR-060", "ModelProps/VmarPlacement",
       vmar::Generation(), &vmar::CheckPlacementRule, &vmar::PlacementWitness, &vmar::PlacementExpected},
      {"vmar-maps-agree",
       "PROCESS_MAPS lists the address space then the VMAR tree in pre-order, one MAPPING entry "
       "per permission run; VMAR_MAPS of every live VMAR is its range of PROCESS_MAPS with "
       "depths relative to it.",
       "seed RFC-0253 MAPS-010 MAPS-011 MAPS-015 MAPS-016 MAPS-020 MAPS-021 MAPS-022",
       "ModelProps/VmarMapsAgree", vmar::Generation(), &vmar::CheckMapsAgree,
       &vmar::MapsAgreeWitness, &vmar::MapsAgreeExpected},
      {"vmar-vmo-child-content",
       "The VMO a successful vmar_create_vmo_child makes has the requested size and reads as the "
       "mapped VMO read at mapping.vmo_offset + (addr - mapping.base) before the call.",
       "seed RFC-0013 VMAR-082 VMAR-083 VMO-078 VMO-086", "ModelProps/VmarVmoChildContent",
       vmar::Generation(), &vmar::CheckVmoChildContent, &vmar::VmoChildContentWitness, &vmar::VmoChildContentExpected},
  };
  return table;
}

}  // namespace

std::span<const PropertyInfo> Properties() { return Table(); }

const PropertyInfo* FindProperty(std::string_view id) {
  for (const auto& p : Table()) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

}  // namespace zxspec::props
