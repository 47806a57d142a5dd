// File: cli/targets.h
//
// The kernels the CLI can run against, by name: `model` (model::ModelKernel) and `impl`
// (impl::ImplKernel).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "api/kernel.h"

namespace zxspec::cli {

std::vector<std::string> TargetNames();
// A fresh kernel in the initial environment, or null for an unknown target.
std::unique_ptr<Kernel> MakeKernel(const std::string& target);

}  // namespace zxspec::cli
