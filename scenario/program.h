// File: scenario/program.h
//
// A parsed scenario: one Statement per call line, with every argument already checked against
// its kind (api/syscalls.h) and every constant resolved. What is left for run time is only what
// depends on earlier results: bound names (handles, integers, byte strings) and arithmetic on
// them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "api/constants.h"
#include "api/syscalls.h"
#include "scenario/lexer.h"

namespace zxspec::scenario {

// One term of an integer expression: a literal/constant, or a bound name.
struct IntTerm {
  Pos pos;
  uint64_t value = 0;
  std::string binding;  // non-empty: the value of this bound integer (or handle value)
};

// Terms combined left to right with '+', '-' or '|' (the first term's op is '+'). `negative`
// is a leading '-' (only where the argument is signed: stream_seek).
struct IntExpr {
  Pos pos;
  bool negative = false;
  std::vector<std::pair<char, IntTerm>> terms;
};

struct HandleExpr {
  Pos pos;
  std::string binding;      // a bound handle name, or empty for a literal
  zx_handle_t literal = 0;  // a literal handle value (stale or invalid on purpose)
};

struct BytesExpr {
  Pos pos;
  Bytes bytes;                  // a string literal
  std::optional<IntExpr> zeros;  // zeros(N)
  std::string binding;           // a bound byte string
};

struct DispositionExpr {
  Pos pos;
  IntExpr op;
  HandleExpr handle;
  IntExpr type;
  IntExpr rights;
};

struct SendSlotExpr {
  Pos pos;
  HandleExpr handle;
  IntExpr type;
  IntExpr rights;
  IntExpr optional;
};

struct RecvSlotExpr {
  Pos pos;
  IntExpr type;
  IntExpr rights;
  IntExpr optional;
};

using Arg = std::variant<IntExpr, HandleExpr, BytesExpr, std::vector<HandleExpr>,
                         std::vector<DispositionExpr>, std::vector<SendSlotExpr>,
                         std::vector<RecvSlotExpr>>;

// The static type of a call result, used to check bindings and expectations.
enum class ValueType {
  kHandle,
  kInt,
  kBytes,
  kHandleBasic,  // zx_info_handle_basic_t
  kInfoVmo,      // zx_info_vmo_t
  kInfoVmar,     // zx_info_vmar_t
  kInfoStream,   // zx_info_stream_t
  kHandleCount,  // zx_info_handle_count_t
  kMaps,         // one zx_info_maps_t
  kHandleInfo,   // zx_handle_info_t (channel_read_etc, fidl_recv)
  kList,         // list of kMaps
};

std::string_view ValueTypeName(ValueType t);

// How one field of a record compares.
enum class FieldKind { kInt, kFlags, kEnum, kKoid, kName, kHandle };

struct FieldInfo {
  std::string_view name;
  FieldKind kind;
  ConstKind consts;  // for kFlags / kEnum
};

struct FieldExpect;

struct Expect {
  enum class Kind { kWildcard, kInt, kBytes, kBinding, kRecord, kList };
  Pos pos;
  Kind kind = Kind::kWildcard;
  IntExpr int_value;  // kInt (also flag sets)
  BytesExpr bytes;    // kBytes
  std::string binding;  // kBinding: compare with a bound name's value (handle: its koid for koid fields)
  ValueType record_type = ValueType::kInt;  // kRecord
  std::vector<FieldExpect> fields;          // kRecord
  std::vector<Expect> items;                // kList
};

struct FieldExpect {
  Pos pos;
  const FieldInfo* field = nullptr;
  enum class Mode { kExact, kSet, kClear } mode = Mode::kExact;  // `+A|B`, `-A`
  Expect value;
};

// kStatusValues: an error status with values, where the call returns some (HasResultsOn).
enum class ExpectKind { kOk, kStatus, kOkValues, kStatusValues, kAny };

struct Statement {
  Pos pos;
  std::string source;  // the line's text, for reports
  std::optional<HandleExpr> proc;  // @PROC
  std::vector<std::pair<std::string, Pos>> outs;  // "_" binds nothing
  const SyscallInfo* call = nullptr;
  Pos call_pos;
  std::vector<Arg> args;
  ExpectKind expect = ExpectKind::kOk;
  zx_status_t status = 0;      // kStatus
  std::vector<Expect> values;  // kOkValues, kStatusValues
};

struct Program {
  std::string file;
  std::vector<Statement> statements;
};

// Record field tables (Zircon field names; mapping sub-fields without `u.mapping.`).
std::span<const FieldInfo> FieldsOf(ValueType record_type);
const FieldInfo* FindField(ValueType record_type, std::string_view name);

}  // namespace zxspec::scenario
