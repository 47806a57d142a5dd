// The default campaign (the CheckOptions defaults `zxspec check` runs in CI): every property,
// 100 cases of up to 50 calls each, seed 1. Bounded by count; it prints the final table with
// the (call, status) coverage figures so CI logs show what the campaign reached, and leaves the
// JSON report and any counterexample under props-campaign/ in the working directory.
#include <gtest/gtest.h>

#include <fstream>
#include <iostream>

#include <nlohmann/json.hpp>

#include "props/check.h"

namespace zxspec::props {
namespace {

TEST(PropsCampaign, DefaultCampaignPasses) {
  CheckOptions options;
  options.out_dir = "props-campaign";
  CheckReport report = RunCheck(options);
  std::cout << FormatTable(report);
  std::ofstream("props-campaign.json") << ToJson(report).dump(2) << "\n";
  EXPECT_EQ(report.ExitCode(), 0);
  for (const auto& p : report.properties) EXPECT_EQ(p.cases, options.runs) << p.id;
}

}  // namespace
}  // namespace zxspec::props
