#include "refinement/generated_calls.h"

namespace zxspec::refinement {

std::optional<CallerCall> GeneratedCalls::Next(const model::State& s, std::mt19937_64& rng) {
  if (!props::CanAct(s, s.initial.self_koid)) return std::nullopt;
  const rc::Random random(rng());
  try {
    props::Action a = props::GenAction(s, options_)(random).value();
    return CallerCall{a.caller, std::move(a.call)};
  } catch (const std::exception&) {  // rc::GenerationFailure: nothing can be drawn here
    return std::nullopt;
  }
}

}  // namespace zxspec::refinement
