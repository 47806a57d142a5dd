#include "model/core.h"

namespace zxspec::model {

std::optional<uint64_t> RoundUpPage(uint64_t v) {
  uint64_t rem = v % ZX_PAGE_SIZE;
  if (rem == 0) return v;
  uint64_t add = ZX_PAGE_SIZE - rem;
  if (v > UINT64_MAX - add) return std::nullopt;
  return v + add;
}

zx_koid_t NewObject(State& s, ObjectBody body) {
  zx_koid_t koid = s.next_koid++;
  s.objects.emplace(koid, std::move(body));
  return koid;
}

zx_koid_t AttachRootVmar(State& s, zx_koid_t process) {
  Vmar root;
  root.process = process;
  root.base = kUserAspaceBase;
  root.size = kUserAspaceSize;
  root.flags =
      ZX_VM_CAN_MAP_SPECIFIC | ZX_VM_CAN_MAP_READ | ZX_VM_CAN_MAP_WRITE | ZX_VM_CAN_MAP_EXECUTE;
  root.name = "root";
  const zx_koid_t koid = NewObject(s, std::move(root));
  Get<Process>(s, process).root_vmar = koid;
  return koid;
}

MemoryId NewMemory(State& s, Memory memory) {
  MemoryId id = s.next_memory++;
  s.memories.emplace(id, std::move(memory));
  return id;
}

Process& CallerProcess(State& s, zx_koid_t caller) { return Get<Process>(s, caller); }
const Process& CallerProcess(const State& s, zx_koid_t caller) {
  return Get<Process>(s, caller);
}

Result<HandleEntry> LookupHandle(const State& s, zx_koid_t caller, zx_handle_t h) {
  const auto& table = CallerProcess(s, caller).handles.entries;
  auto it = table.find(h);
  if (it == table.end()) return Error{ZX_ERR_BAD_HANDLE};  // GEN-001 (1), GEN-003
  return it->second;
}

zx_handle_t InstallHandle(State& s, zx_koid_t process, HandleEntry entry) {
  auto& table = Get<Process>(s, process).handles;
  ZXSPEC_ASSERT(table.installed < (1u << 30) - 1, "handle table exhausted (GEN-006)");
  ++table.installed;
  zx_handle_t value = (table.installed << 2) | ZX_HANDLE_FIXED_BITS_MASK;  // HANDLE-001
  table.entries.emplace(value, entry);
  return value;
}

HandleEntry RemoveHandle(State& s, zx_koid_t caller, zx_handle_t h) {
  auto& table = CallerProcess(s, caller).handles.entries;
  auto it = table.find(h);
  ZXSPEC_ASSERT(it != table.end(), "RemoveHandle of a handle that is not in the table");
  HandleEntry e = it->second;
  table.erase(it);
  return e;
}

}  // namespace zxspec::model
