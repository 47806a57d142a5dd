// File: props/zygote.h
//
// The zygote property of seed RFC-0013 (property id "vmar-zygote"): the RFC's use case for
// zx_vmar_create_vmo_child, done through the kernel interface.
//
//  1. Layout: a generated address space in the initial process: VMOs of a few pages (each page
//     tagged with its VMO and page number; some made executable), sub-VMARs (nested, SPECIFIC or
//     placed), mappings at VMO offsets with perms {none, R, RW, RX}, mappings that continue an
//     earlier one (VMAR-028 merges), partial protects and partial unmaps.
//  2. Zygote: read ZX_INFO_PROCESS_MAPS of the initial process; create a process; for every
//     MAPPING entry (one per permission run, MAPS-020) clone the range with
//     vmar_create_vmo_child(root, SNAPSHOT [| NO_WRITE for executable runs], base, size) and map
//     the clone SPECIFIC at the same address with the entry's perms in the new process.
//  3. Check: at clone time every mapped page reads (mem_read, 8 bytes at each page start) the
//     same in both processes, with the same fault status where it faults; then writes on either
//     side (mem_write, vmo_write through the source VMO handles or the clones' handles) are seen
//     by that side exactly as VMO semantics say (aliases within a side included) and never by
//     the other side.
//
// A failure is printed as a .zxs scenario whose failing line pins the outcome the property
// expected, so it fails on replay against the kernel that broke it. `CheckZygote` runs cases
// with their own seeds and shrinks the first failure (tests, campaigns); `ZygoteCase` is the body
// of the RapidCheck property (props/model_props.cc).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <rapidcheck.h>

#include "api/kernel.h"
#include "props/check.h"
#include "props/properties.h"
#include "props/trace.h"

namespace zxspec::props::zygote {

inline constexpr std::string_view kPropertyId = "vmar-zygote";
inline constexpr std::string_view kRules =
    "seed RFC-0013 VMAR-082 VMAR-083 MAPS-016 MAPS-020 MEM-004 VMO-086";
inline constexpr std::string_view kStatement =
    "Cloning every mapping of a process with vmar_create_vmo_child (SNAPSHOT) and mapping the "
    "clones at the same addresses in a new process gives identical mem_read results at clone "
    "time; later writes on either side are invisible to the other.";

struct VmoSpec {
  uint32_t pages = 1;
  bool executable = false;  // vmo_replace_as_executable after the tags are written
};

// One layout step. Indices pick among what exists when the step runs (modulo the count); a step
// whose target does not exist is skipped.
struct LayoutOp {
  enum class Kind : uint8_t { kAllocate, kMap, kMapAfter, kProtect, kUnmap };
  Kind kind = Kind::kMap;
  uint32_t target = 0;  // kAllocate/kMap: VMAR (0 = root); others: an earlier mapping
  uint32_t vmo = 0;     // kMap
  uint32_t first = 0;   // kMap: VMO offset in pages; kProtect/kUnmap: first page
  uint32_t pages = 1;
  uint32_t perms = 0;   // kMap: index into {none, R, RW, RX}; kProtect: into {none, R, as mapped}
  bool specific = false;  // kAllocate/kMap: SPECIFIC at |at| pages into the VMAR
  uint32_t at = 0;
};

struct WriteOp {
  bool clone_side = false;   // the new process and the clones, else the initial process
  bool through_vmo = false;  // vmo_write through a handle, else mem_write
  uint32_t window = 0;       // which sampled page (modulo their number)
  uint32_t shift = 0;        // byte offset within the 8 sampled bytes
  Bytes data;                // 1..8 bytes (cut at the window's end)
};

struct Case {
  std::vector<VmoSpec> vmos;
  std::vector<LayoutOp> layout;
  std::vector<WriteOp> writes;
};

rc::Gen<Case> GenCase();

struct CaseResult {
  std::string failure;  // "" when the property held
  Trace trace;          // every call made; on failure the failing one last, its `expect` set
  uint64_t calls = 0;
};

// Runs |c| on |kernel| (a fresh kernel in its initial state).
CaseResult RunCase(const Case& c, Kernel& kernel);

// The scenario of a failed case.
std::string FormatFailure(const CaseResult& r, const std::string& origin);

struct ZygoteOptions {
  uint64_t seed = 1;
  uint64_t runs = 100;
  int size = 10;                      // RapidCheck size: bounds the layout and write counts
  uint64_t max_shrink_evaluations = 5000;
  StepFn step;                        // empty: model::ModelKernel; else a props::StepKernel
  uint64_t shard_index = 0;           // runs the cases i with i % shard_count == shard_index
  uint64_t shard_count = 1;
  double time_budget_seconds = 0;     // 0: none; else no case starts once it is spent
};

struct ZygoteReport {
  uint64_t cases = 0;
  uint64_t calls = 0;  // kernel calls over all cases run (shrinking not counted)
  double seconds = 0;
  bool failed = false;
  std::string failure;   // of the shrunk case
  std::string scenario;  // the shrunk case as .zxs
  uint64_t failing_calls = 0;
  uint64_t failing_case = 0;
  uint64_t failing_seed = 0;
  Trace trace;
};

// Runs |runs| cases (case i from seed CaseSeed(seed, "vmar-zygote", i)); the first failing case
// is shrunk greedily with RapidCheck's shrinks and reported.
ZygoteReport CheckZygote(const ZygoteOptions& options);

// `zxspec check --property vmar-zygote` (props/check.cc): CheckZygote with the campaign's seed,
// runs, shard, time budget and step function, reported as a property row (steps = kernel
// calls), its counterexample written to options.out_dir.
PropertyReport ZygoteCampaign(const CheckOptions& options);

// The RapidCheck body: draws a case, runs it on a fresh model::ModelKernel, and fails (with the
// scenario written to |out_dir|/vmar-zygote-gtest.zxs and logged) when the property breaks.
void ZygoteProperty(const std::string& out_dir);

}  // namespace zxspec::props::zygote
