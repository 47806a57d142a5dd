#include "cli/targets.h"

#include "impl/kernel.h"
#include "model/model.h"

namespace zxspec::cli {

std::vector<std::string> TargetNames() { return {"model", "impl"}; }

std::unique_ptr<Kernel> MakeKernel(const std::string& target) {
  if (target == "model") return std::make_unique<model::ModelKernel>();
  if (target == "impl") return std::make_unique<impl::ImplKernel>();
  return nullptr;
}

}  // namespace zxspec::cli
