// zxspec_bench: calls per second of the reference model (model::ModelKernel) and the optimized
// implementation (impl::ImplKernel) on the same call mixes. Each benchmark reports
// `items_per_second` = kernel calls per second. Both kernels run the same calls with the same
// outcomes (refinement/ checks that); only the data structures differ.
//
//   build/bench/zxspec_bench [--benchmark_filter=Snapshot]
#include <benchmark/benchmark.h>

#include <random>

#include "impl/kernel.h"
#include "model/model.h"

namespace zxspec {
namespace {


template <class K>
zx_handle_t NewVmo(K& k, uint64_t size, uint32_t options = 0) {
  return std::get<HandleResult>(k.Apply(k.Initial().self_koid, VmoCreate{size, options}).payload)
      .handle;
}

template <class K>
void Apply(K& k, const Call& c, benchmark::State& state) {
  if (!k.Models(c)) {
    state.SkipWithError("a call of this mix is not modeled by this kernel yet");
    return;
  }
  Outcome o = k.Apply(k.Initial().self_koid, c);
  benchmark::DoNotOptimize(o);
  if (o.status != ZX_OK) state.SkipWithError("unexpected status");
}

// Write/read heavy: page-sized writes and reads at random pages of a 1 MiB VMO, plus small
// unaligned writes.
template <class K>
void BM_WriteRead(benchmark::State& state) {
  K k;
  const zx_handle_t v = NewVmo(k, 256 * kPage);
  std::mt19937_64 rng(1);
  Bytes page(kPage);
  uint8_t round = 0;
  for (auto _ : state) {
    ++round;  // new content every time, so no write is a no-op
    for (size_t j = 0; j < page.size(); ++j) page[j] = static_cast<uint8_t>(j * 7 + round);
    uint64_t at = (rng() % 256) * kPage;
    Apply(k, VmoWrite{v, at, page}, state);
    Apply(k, VmoRead{v, (rng() % 256) * kPage, kPage}, state);
    Apply(k, VmoWrite{v, rng() % (255 * kPage), Bytes{1, 2, 3, 4, 5, 6, 7}}, state);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * 3);
}

// Snapshot chains: a 64-page VMO, then repeatedly a SNAPSHOT of the newest VMO, one page written
// in it and one read; the chain keeps its last 8 links (older handles are closed).
template <class K>
void BM_SnapshotChain(benchmark::State& state) {
  K k;
  zx_handle_t head = NewVmo(k, 64 * kPage);
  Bytes page(kPage, 0x5A);
  for (uint64_t i = 0; i < 64; ++i) Apply(k, VmoWrite{head, i * kPage, page}, state);
  std::vector<zx_handle_t> chain{head};
  std::mt19937_64 rng(2);
  for (auto _ : state) {
    const Call snapshot = VmoCreateChild{chain.back(), ZX_VMO_CHILD_SNAPSHOT, 0, 64 * kPage};
    if (!k.Models(snapshot)) {
      state.SkipWithError("a call of this mix is not modeled by this kernel yet");
      break;
    }
    Outcome o = k.Apply(k.Initial().self_koid, snapshot);
    zx_handle_t child = std::get<HandleResult>(o.payload).handle;
    chain.push_back(child);
    Apply(k, VmoWrite{child, (rng() % 64) * kPage, Bytes(16, static_cast<uint8_t>(rng()))},
          state);
    Apply(k, VmoRead{child, (rng() % 64) * kPage, kPage}, state);
    if (chain.size() > 8) {
      Apply(k, HandleClose{chain.front()}, state);
      chain.erase(chain.begin());
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * 4);
}

// Handle churn among many live objects: duplicate, basic info, replace, close, with 200 VMOs
// alive (so whole-state work per call shows).
template <class K>
void BM_HandleChurn(benchmark::State& state) {
  K k;
  std::vector<zx_handle_t> vmos;
  for (int i = 0; i < 200; ++i) vmos.push_back(NewVmo(k, kPage));
  std::mt19937_64 rng(3);
  for (auto _ : state) {
    zx_handle_t src = vmos[rng() % vmos.size()];
    Outcome d = k.Apply(k.Initial().self_koid, HandleDuplicate{src, ZX_RIGHT_SAME_RIGHTS});
    zx_handle_t dup = std::get<HandleResult>(d.payload).handle;
    Apply(k, ObjectGetInfo{dup, ZX_INFO_HANDLE_BASIC}, state);
    Outcome r = k.Apply(k.Initial().self_koid, HandleReplace{dup, ZX_RIGHT_READ});
    Apply(k, HandleClose{std::get<HandleResult>(r.payload).handle}, state);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * 4);
}

// Address space: map, store, load, protect, unmap in a root VMAR holding 100 other mappings.
template <class K>
void BM_MapAccess(benchmark::State& state) {
  K k;
  const zx_handle_t root = k.Initial().root;
  const zx_handle_t v = NewVmo(k, 16 * kPage);
  const uint32_t rw = ZX_VM_PERM_READ | ZX_VM_PERM_WRITE;
  for (int i = 0; i < 100; ++i) Apply(k, VmarMap{root, rw, 0, v, 0, kPage}, state);
  for (auto _ : state) {
    if (!k.Models(VmarMap{})) break;  // reported by the setup above
    Outcome m = k.Apply(k.Initial().self_koid, VmarMap{root, rw, 0, v, 0, 16 * kPage});
    zx_vaddr_t a = std::get<U64Result>(m.payload).value;
    Apply(k, MemWrite{a + 100, Bytes(64, 7)}, state);
    Apply(k, MemRead{a + 3 * kPage, 256}, state);
    Apply(k, VmarProtect{root, ZX_VM_PERM_READ, a + kPage, kPage}, state);
    Apply(k, VmarUnmap{root, a, 16 * kPage}, state);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * 5);
}

// Streams: positioned and appending writes, reads and seeks on a 256 KiB VMO.
template <class K>
void BM_Stream(benchmark::State& state) {
  K k;
  const zx_koid_t self = k.Initial().self_koid;
  const zx_handle_t v = NewVmo(k, 64 * kPage);
  Outcome c = k.Apply(self, StreamCreate{ZX_STREAM_MODE_READ | ZX_STREAM_MODE_WRITE, v, 0});
  const zx_handle_t s = std::get<HandleResult>(c.payload).handle;
  Apply(k, VmoSetStreamSize{v, 0}, state);
  Bytes chunk(512);
  uint8_t round = 0;
  for (auto _ : state) {
    ++round;
    for (size_t j = 0; j < chunk.size(); ++j) chunk[j] = static_cast<uint8_t>(j + round);
    Apply(k, StreamSeek{s, ZX_STREAM_SEEK_ORIGIN_START, 0}, state);
    Apply(k, StreamWritev{s, 0, chunk}, state);
    Apply(k, StreamReadvAt{s, 0, 0, 1024}, state);
    Apply(k, StreamWritev{s, ZX_STREAM_APPEND, chunk}, state);
    Apply(k, VmoSetStreamSize{v, 4096}, state);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * 5);
}

BENCHMARK_TEMPLATE(BM_WriteRead, model::ModelKernel);
BENCHMARK_TEMPLATE(BM_WriteRead, impl::ImplKernel);
BENCHMARK_TEMPLATE(BM_SnapshotChain, model::ModelKernel);
BENCHMARK_TEMPLATE(BM_SnapshotChain, impl::ImplKernel);
BENCHMARK_TEMPLATE(BM_HandleChurn, model::ModelKernel);
BENCHMARK_TEMPLATE(BM_HandleChurn, impl::ImplKernel);
BENCHMARK_TEMPLATE(BM_MapAccess, model::ModelKernel);
BENCHMARK_TEMPLATE(BM_MapAccess, impl::ImplKernel);
BENCHMARK_TEMPLATE(BM_Stream, model::ModelKernel);
BENCHMARK_TEMPLATE(BM_Stream, impl::ImplKernel);

}  // namespace
}  // namespace zxspec

BENCHMARK_MAIN();
