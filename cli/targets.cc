#include "cli/targets.h"

#include "model/model.h"

namespace zxspec::cli {

std::vector<std::string> TargetNames() { return {"model"}; }

std::unique_ptr<Kernel> MakeKernel(const std::string& target) {
  if (target == "model") return std::make_unique<model::ModelKernel>();
  return nullptr;
}

}  // namespace zxspec::cli
