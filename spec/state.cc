// The spec state's field table, havoc and concrete states (see state.h).
#include "spec/state.h"

#include "api/result.h"

namespace zxspec::spec {

FnShape FieldDesc::shape() const {
  FnShape s;
  for (Sort a : args) s.arg_bits.push_back(BitsOf(a));
  s.bits = bits;
  return s;
}

std::span<const FieldDesc> Fields() {
  using S = SymState;
  constexpr Sort K = Sort::kKoid, M = Sort::kMemory, H = Sort::kHandle, A = Sort::kAddr,
                 O = Sort::kOffset, Q = Sort::kSeq, L = Sort::kSlot;
  static const std::vector<FieldDesc> table = {
      {"alive", &S::alive, {K}, 0},
      {"type", &S::type, {K}, 32},
      {"proc_state", &S::proc_state, {K}, 8},
      {"proc_started", &S::proc_started, {K}, 0},
      {"proc_retcode", &S::proc_retcode, {K}, 64},
      {"proc_job", &S::proc_job, {K}, 64},
      {"proc_root", &S::proc_root, {K}, 64},
      {"proc_installed", &S::proc_installed, {K}, 32},
      {"name_len", &S::name_len, {K}, 8},
      {"name", &S::name, {K, O}, 8},
      {"job_killed", &S::job_killed, {K}, 0},
      {"rsrc_kind", &S::rsrc_kind, {K}, 32},
      {"rsrc_base", &S::rsrc_base, {K}, 64},
      {"rsrc_size", &S::rsrc_size, {K}, 64},
      {"vmo_kind", &S::vmo_kind, {K}, 8},
      {"vmo_memory", &S::vmo_memory, {K}, 64},
      {"vmo_offset", &S::vmo_offset, {K}, 64},
      {"slice_size", &S::slice_size, {K}, 64},
      {"slice_stream_size", &S::slice_stream_size, {K}, 64},
      {"vmo_parent", &S::vmo_parent, {K}, 64},
      {"immutable", &S::immutable, {K}, 0},
      {"stream_vmo", &S::stream_vmo, {K}, 64},
      {"mode_read", &S::mode_read, {K}, 0},
      {"mode_write", &S::mode_write, {K}, 0},
      {"append", &S::append, {K}, 0},
      {"seek", &S::seek, {K}, 64},
      {"vmar_process", &S::vmar_process, {K}, 64},
      {"vmar_base", &S::vmar_base, {K}, 64},
      {"vmar_size", &S::vmar_size, {K}, 64},
      {"vmar_flags", &S::vmar_flags, {K}, 32},
      {"vmar_live", &S::vmar_live, {K}, 0},
      {"vmar_parent", &S::vmar_parent, {K}, 64},
      {"peer", &S::peer, {K}, 64},
      {"peer_closed", &S::peer_closed, {K}, 0},
      {"q_len", &S::q_len, {K}, 64},
      {"h_alive", &S::h_alive, {K, H}, 0},
      {"h_object", &S::h_object, {K, H}, 64},
      {"h_rights", &S::h_rights, {K, H}, 32},
      {"m_alive", &S::m_alive, {M}, 0},
      {"m_size", &S::m_size, {M}, 64},
      {"m_stream_size", &S::m_stream_size, {M}, 64},
      {"m_resizable", &S::m_resizable, {M}, 0},
      {"m_discardable", &S::m_discardable, {M}, 0},
      {"m_lock_count", &S::m_lock_count, {M}, 64},
      {"m_root_offset", &S::m_root_offset, {M}, 64},
      {"m_cow_tree", &S::m_cow_tree, {M}, 64},
      {"content", &S::content, {M, O}, 8},
      {"committed", &S::committed, {M, O}, 0},
      {"map_alive", &S::map_alive, {K, A}, 0},
      {"map_size", &S::map_size, {K, A}, 64},
      {"map_vmo", &S::map_vmo, {K, A}, 64},
      {"map_vmo_offset", &S::map_vmo_offset, {K, A}, 64},
      {"map_max_perms", &S::map_max_perms, {K, A}, 32},
      {"map_flags", &S::map_flags, {K, A}, 32},
      {"perms", &S::perms, {K, A, A}, 32},
      {"msg_nbytes", &S::msg_nbytes, {K, Q}, 32},
      {"msg_nhandles", &S::msg_nhandles, {K, Q}, 32},
      {"msg_byte", &S::msg_byte, {K, Q, O}, 8},
      {"mh_object", &S::mh_object, {K, Q, L}, 64},
      {"mh_rights", &S::mh_rights, {K, Q, L}, 32},
      {"next_koid", &S::next_koid, {}, 64},
      {"next_memory", &S::next_memory, {}, 64},
  };
  return table;
}

const FieldDesc& FieldOf(Fn SymState::*member) { return Fields()[FieldIndex(member)]; }

size_t FieldIndex(Fn SymState::*member) {
  auto fields = Fields();
  for (size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].member == member) return i;
  }
  ZXSPEC_ASSERT(false, "not a field of the spec state");
  return 0;
}

namespace {

class FreshChoiceSource final : public Choices {
 public:
  explicit FreshChoiceSource(std::string prefix) : prefix_(std::move(prefix)) {}
  Fn Make(z3::context& c, const std::string& what, const FnShape& shape) override {
    return Fn::Uninterpreted(c, prefix_ + ".choice" + std::to_string(next_++) + "." + what, shape);
  }

 private:
  std::string prefix_;
  size_t next_ = 0;
};

}  // namespace

std::shared_ptr<Choices> FreshChoices(const std::string& prefix) {
  return std::make_shared<FreshChoiceSource>(prefix);
}

SymState SymState::Fresh(z3::context& c, const std::string& prefix) {
  SymState s;
  for (const auto& f : Fields()) s.*f.member = Fn::Uninterpreted(c, prefix + "." + f.name, f.shape());
  s.choices = FreshChoices(prefix);
  return s;
}

uint64_t StateValue::Get(Fn SymState::*f, const Key& k) const {
  const Table& t = at(f);
  auto it = t.find(k);
  return it == t.end() ? 0 : it->second;
}

void StateValue::Put(Fn SymState::*f, const Key& k, uint64_t v) {
  Table& t = at(f);
  if (v == 0) {
    t.erase(k);
  } else {
    t[k] = v;
  }
}

SymState ConcreteState(z3::context& c, const StateValue& v) {
  SymState s;
  auto fields = Fields();
  for (size_t i = 0; i < fields.size(); ++i) {
    s.*fields[i].member = Fn::Concrete(c, fields[i].shape(), v.tables[i]);
  }
  s.choices = FreshChoices("concrete");
  return s;
}

std::vector<const FieldDesc*> ChangedFields(const SymState& a, const SymState& b) {
  std::vector<const FieldDesc*> out;
  for (const auto& f : Fields()) {
    if ((a.*f.member).id() != (b.*f.member).id()) out.push_back(&f);
  }
  return out;
}

uint64_t Numeral(const z3::expr& e) {
  auto v = NumeralOf(e);
  if (!v) v = NumeralOf(e.simplify());
  ZXSPEC_ASSERT(v.has_value(), "expected a numeral");
  return *v;
}

}  // namespace zxspec::spec
