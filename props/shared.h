// Helpers the property files share: read-only lookups into a model::State (the process or
// channel endpoint at a koid, a process's handle-table entry), a rights mask by its flag names,
// a list of problems as one message.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api/constants.h"
#include "model/core.h"

namespace zxspec::props {

inline const model::Process* ProcessIn(const model::State& s, zx_koid_t koid) {
  return model::Find<model::Process>(s, koid);
}

inline const model::ChannelEndpoint* EndpointIn(const model::State& s, zx_koid_t koid) {
  return model::Find<model::ChannelEndpoint>(s, koid);
}

// |process|'s table entry for |h| in |s|, if |process| is a process holding |h|.
inline std::optional<model::HandleEntry> EntryOf(const model::State& s, zx_koid_t process, zx_handle_t h) {
  const model::Process* p = ProcessIn(s, process);
  if (p == nullptr) return std::nullopt;
  auto it = p->handles.entries.find(h);
  if (it == p->handles.entries.end()) return std::nullopt;
  return it->second;
}

// |r| as ZX_RIGHT_ flag names.
inline std::string Rights(zx_rights_t r) { return FlagsToString(r, ConstKind::kRight); }

// |parts| as one message, "a; b; c".
inline std::string JoinProblems(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "; ") + p;
  return out;
}

}  // namespace zxspec::props
