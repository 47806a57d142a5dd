// File: spec/info.h (internal to spec/)
//
// The records zx_object_get_info returns, as the spec states them (spec/info.cc, spec/maps.cc).
//
// A record result (SymResult::Kind::kInfo) names the InfoRecord alternative it holds
// (api/outcome.h) and lists its fields as 64-bit values in declaration order, a name as its 32
// bytes (`FlatRecord`). The MAPS topics' list is its length plus one column per entry field,
// a function from the entry index to the field.
//
// The counts of ZX_INFO_VMO (children, mappings, processes sharing, committed pages) and the
// MAPS lists are sums and orders over the whole state: over a concrete state the spec computes
// them from the tables, by statements of its own (a count of the rows a predicate picks; the
// entries sorted by address), not by the model's walk; over a symbolic state they are the
// choices "info.*", with the constraints that pin what a formula can say cheaply (the first
// entry of a list). The calls change nothing, so no step obligation depends on them.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "api/outcome.h"
#include "spec/encode.h"

namespace zxspec::spec {

// The InfoRecord alternatives, by index.
inline constexpr size_t kRecordHandleBasic = 0;
inline constexpr size_t kRecordVmo = 1;
inline constexpr size_t kRecordVmar = 2;
inline constexpr size_t kRecordStream = 3;
inline constexpr size_t kRecordMaps = 4;
inline constexpr size_t kRecordHandleCount = 5;

// The fields of |r| as numbers (see the file comment); for the MAPS list, its length and then
// each entry's `kMapsEntryFields` fields.
std::vector<uint64_t> FlatRecord(const InfoRecord& r);
std::vector<uint64_t> FlatEntry(const zx_info_maps_t& e);
inline constexpr size_t kMapsEntryFields = ZX_MAX_NAME_LEN + 15;

// VMO-054: the 32 bytes of the name field of object |k| (its name bytes, then NULs).
std::vector<z3::expr> NameField(const SymState& s, const z3::expr& k);

// ---- counts over a concrete state (VMO-132/133, HANDLE-053), else choices ----
// |n| when known, else the choice |what| (a fresh 64-bit value).
z3::expr CountOr(const SymState& s, const char* what, std::optional<uint64_t> n);
// The number of the keys of |table| where |pick| folds to true; nullopt when it does not fold
// (a symbolic or updated table).
std::optional<uint64_t> CountRows(const Table* table, const std::function<z3::expr(const Key&)>& pick);
// VMO-132: live VMOs whose parent is |k|.
std::optional<uint64_t> Children(const SymState& s, const z3::expr& k);

// A record result from its fields.
SymResult RecordResult(size_t record, std::vector<z3::expr> fields);

// The MAPS list of a topic, and the constraints of its choices (over a symbolic state).
struct MapsList {
  SymResult result;
  std::vector<NamedFormula> choices;
};
// MAPS-011/012, MAPS-020..022: the entries of the live VMAR |vmar| (ZX_INFO_VMAR_MAPS).
MapsList VmarMaps(const SymState& s, const z3::expr& vmar);
// MAPS-016: the address space of |process|, then its root VMAR's entries one level deeper.
MapsList ProcessMaps(const SymState& s, const z3::expr& process);

}  // namespace zxspec::spec
