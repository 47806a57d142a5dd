// Fuzz target: the reader of `zxspec check --json` reports behind `zxspec check --merge`
// (props::ReportFromJson, props::MergeReports) on any bytes. Oracles: reading ends (no crash,
// no sanitizer report, no exception: nlohmann's parser runs without exceptions and
// ReportFromJson catches its own); a report it accepts prints as a table and as JSON, reads back
// from its own JSON to the same JSON (the merge of shard reports relies on that round trip), and
// merges with itself (alone) without crashing, in time bounded by the input.
#include <nlohmann/json.hpp>

#include <string>

#include "fuzz/fuzz_target.h"
#include "props/check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace zxspec;
  fuzz::InputBudget budget;
  auto json = nlohmann::json::parse(data, data + size, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) return 0;
  std::string why;
  auto report = props::ReportFromJson(json, &why);
  if (report.is_error()) {
    if (why.empty()) zxspec::fuzz::Finding("rejected without a reason");
    return 0;
  }
  (void)props::FormatTable(report.value());
  nlohmann::json out = props::ToJson(report.value());
  std::string text = out.dump(2);
  auto again = props::ReportFromJson(nlohmann::json::parse(text), &why);
  if (again.is_error()) fuzz::Finding("own JSON does not read back: " + why + "\n" + text);
  if (props::ToJson(again.value()) != out) fuzz::Finding("JSON round trip changed:\n" + text);
  props::CheckReport one[] = {report.value()};
  (void)props::MergeReports(one, &why);
  return 0;
}
