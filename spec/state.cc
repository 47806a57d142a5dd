// The spec state: construction (fresh, constant), field-wise ite, and evaluation in a model.
#include "spec/state.h"

namespace zxspec::spec {
namespace {

// Applies |f(index, field)| to every field of |slot|, in declaration order.
template <class S, class F>
void ForFields(S& slot, F&& f) {
  auto t = Tie(slot);
  [&]<size_t... I>(std::index_sequence<I...>) {
    (f(I, std::get<I>(t)), ...);
  }(std::make_index_sequence<std::tuple_size_v<decltype(t)>>{});
}

z3::sort SortOf(z3::context& c, const FieldInfo& f) {
  return f.bits == 0 ? c.bool_sort() : c.bv_sort(f.bits);
}

z3::expr Numeral(z3::context& c, const FieldInfo& f, uint64_t v) {
  return f.bits == 0 ? c.bool_val(v != 0) : c.bv_val(v, f.bits);
}

template <class Sym, size_t N>
Sym FreshSlot(z3::context& c, const std::array<FieldInfo, N>& fields, const std::string& name) {
  Sym s = Blank<Sym, N>(c.bool_val(false));
  ForFields(s, [&](size_t i, z3::expr& e) {
    e = c.constant((name + "." + fields[i].name).c_str(), SortOf(c, fields[i]));
  });
  return s;
}

template <class Sym, class Value, size_t N>
Sym ConstSlot(z3::context& c, const std::array<FieldInfo, N>& fields, const Value& v) {
  Sym s = Blank<Sym, N>(c.bool_val(false));
  ZipFields(s, v, [&](size_t i, z3::expr& e, uint64_t x) { e = Numeral(c, fields[i], x); });
  return s;
}

uint64_t ValueOf(const z3::model& m, const z3::expr& e) {
  z3::expr v = m.eval(e, /*model_completion=*/true);
  if (v.is_bool()) return v.is_true() ? 1 : 0;
  return v.get_numeral_uint64();
}

template <class Value, class Sym>
Value EvalSlot(const z3::model& m, const Sym& s) {
  Value v{};
  ZipFields(v, s, [&](size_t, uint64_t& x, const z3::expr& e) { x = ValueOf(m, e); });
  return v;
}

template <class V>
bool SlotsEqual(const V& a, const V& b) {
  bool eq = true;
  ZipFields(a, b, [&](size_t, uint64_t x, uint64_t y) { eq = eq && x == y; });
  return eq;
}

template <class V>
bool PoolsEqual(const std::vector<V>& a, const std::vector<V>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!SlotsEqual(a[i], b[i])) return false;
  }
  return true;
}

}  // namespace

Bounds StateValue::bounds() const {
  return {memories.size(), objects.size(), handles.size(), mappings.size()};
}

bool StateValue::operator==(const StateValue& o) const {
  return PoolsEqual(memories, o.memories) && PoolsEqual(objects, o.objects) &&
         PoolsEqual(handles, o.handles) && PoolsEqual(mappings, o.mappings);
}

SymMemory ConstMemory(z3::context& c, const MemoryValue& v) {
  return ConstSlot<SymMemory>(c, kMemoryFields, v);
}
SymObject ConstObject(z3::context& c, const ObjectValue& v) {
  return ConstSlot<SymObject>(c, kObjectFields, v);
}
SymHandle ConstHandle(z3::context& c, const HandleValue& v) {
  return ConstSlot<SymHandle>(c, kHandleFields, v);
}

MemoryValue DeadMemory() { return MemoryValue{}; }
ObjectValue DeadObject() { return ObjectValue{}; }
HandleValue DeadHandle() { return HandleValue{}; }
MappingValue DeadMapping() { return MappingValue{}; }

SymState SymState::Fresh(z3::context& c, const Bounds& b, const std::string& prefix) {
  SymState s(c);
  for (size_t i = 0; i < b.memories; ++i) {
    s.memories.push_back(
        FreshSlot<SymMemory>(c, kMemoryFields, prefix + ".memory" + std::to_string(i)));
  }
  for (size_t i = 0; i < b.objects; ++i) {
    s.objects.push_back(
        FreshSlot<SymObject>(c, kObjectFields, prefix + ".object" + std::to_string(i)));
  }
  for (size_t i = 0; i < b.handles; ++i) {
    s.handles.push_back(
        FreshSlot<SymHandle>(c, kHandleFields, prefix + ".handle" + std::to_string(i)));
  }
  for (size_t i = 0; i < b.mappings; ++i) {
    s.mappings.push_back(
        FreshSlot<SymMapping>(c, kMappingFields, prefix + ".mapping" + std::to_string(i)));
  }
  return s;
}

SymState SymState::Const(z3::context& c, const StateValue& v) {
  SymState s(c);
  s.concrete_ = true;
  for (const auto& m : v.memories) s.memories.push_back(ConstSlot<SymMemory>(c, kMemoryFields, m));
  for (const auto& o : v.objects) s.objects.push_back(ConstSlot<SymObject>(c, kObjectFields, o));
  for (const auto& h : v.handles) s.handles.push_back(ConstSlot<SymHandle>(c, kHandleFields, h));
  for (const auto& m : v.mappings) {
    s.mappings.push_back(ConstSlot<SymMapping>(c, kMappingFields, m));
  }
  return s;
}

Bounds SymState::bounds() const {
  return {memories.size(), objects.size(), handles.size(), mappings.size()};
}

std::vector<unsigned> SymState::Fingerprint() const {
  std::vector<unsigned> out;
  auto add = [&](const auto& slot) {
    ForFields(slot, [&](size_t, const z3::expr& e) { out.push_back(Z3_get_ast_id(*ctx_, e)); });
  };
  for (const auto& x : memories) add(x);
  for (const auto& x : objects) add(x);
  for (const auto& x : handles) add(x);
  for (const auto& x : mappings) add(x);
  return out;
}

StateValue SymState::Eval(const z3::model& m) const {
  StateValue v;
  for (const auto& x : memories) v.memories.push_back(EvalSlot<MemoryValue>(m, x));
  for (const auto& x : objects) v.objects.push_back(EvalSlot<ObjectValue>(m, x));
  for (const auto& x : handles) v.handles.push_back(EvalSlot<HandleValue>(m, x));
  for (const auto& x : mappings) v.mappings.push_back(EvalSlot<MappingValue>(m, x));
  return v;
}

}  // namespace zxspec::spec
