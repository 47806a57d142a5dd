// The property campaign (see check.h).
#include "props/check.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>
#include <rapidcheck.h>

#include "api/constants.h"
#include "api/format.h"
#include "api/syscalls.h"
#include "props/suite.h"
#include "props/zxs.h"
#include "props/zygote.h"

namespace zxspec::props {
namespace {

using Clock = std::chrono::steady_clock;
using Json = nlohmann::json;

double Since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

uint64_t SplitMix64(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

uint64_t Fnv1a(std::string_view s) {
  uint64_t h = 0xCBF29CE484222325ull;
  for (char c : s) h = (h ^ static_cast<uint8_t>(c)) * 0x100000001B3ull;
  return h;
}

std::vector<std::string> SplitIds(const std::string& list) {
  std::vector<std::string> out;
  std::stringstream ss(list);
  for (std::string id; std::getline(ss, id, ',');) {
    if (!id.empty()) out.push_back(id);
  }
  return out;
}

// "ModelProps/Invariants" -> "ModelProps.Invariants" (the gtest filter syntax).
std::string GtestFilter(std::string_view gtest_id) {
  std::string s(gtest_id);
  std::replace(s.begin(), s.end(), '/', '.');
  return s;
}

// RapidCheck's reproduce parameters for a failing case of |property|.
std::string ReproduceParams(const PropertyInfo& property, uint64_t case_seed, int size,
                            const std::vector<size_t>& shrink_path) {
  rc::detail::Configuration config;
  rc::detail::Reproduce reproduce;
  reproduce.random = rc::Random(case_seed);
  reproduce.size = size;
  reproduce.shrinkPath = shrink_path;
  config.reproduce[std::string(property.gtest_id)] = reproduce;
  return rc::detail::configToMinimalString(config);
}

bool WriteFile(const std::string& dir, const std::string& name, const std::string& text,
               std::string* path) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return false;
  *path = (std::filesystem::path(dir) / name).string();
  std::ofstream out(*path);
  out << text;
  return static_cast<bool>(out);
}

class PropertyRun {
 public:
  PropertyRun(const PropertyInfo& property, const CheckOptions& options)
      : property_(property),
        options_(options),
        step_(options.step ? options.step : StepFn(&model::Step)),
        size_(static_cast<int>(std::max<uint64_t>(options.max_steps, 1) - 1)),
        gen_(rc::detail::toProperty([this] { CheckSequence(property_, step_, &recorder_); })) {}

  PropertyReport Run(Coverage* coverage) {
    PropertyReport report{std::string(property_.id), 0, 0, 0, 0, {}};
    const auto start = Clock::now();
    const uint64_t planned = Planned();
    for (uint64_t i = options_.shard_index; i < options_.runs; i += options_.shard_count) {
      if (OutOfTime(start)) break;
      const uint64_t case_seed = CaseSeed(options_.seed, property_.id, i);
      Coverage case_coverage;
      recorder_.coverage = &case_coverage;
      recorder_.steps = 0;
      auto shrinkable = gen_(rc::Random(case_seed), size_);
      const auto result = shrinkable.value().result;
      recorder_.coverage = nullptr;
      ++report.cases;
      report.steps += recorder_.steps;
      if (coverage != nullptr) coverage->Merge(case_coverage);
      if (result.type == rc::detail::CaseResult::Type::Failure) {
        ++report.failures;
        report.counterexamples.push_back(Shrink(shrinkable, i, case_seed, start));
      }
      report.seconds = Since(start);
      if (options_.progress) {
        options_.progress(Progress{report.id, report.cases, planned, report.steps,
                                   report.failures, report.seconds});
      }
      if (report.failures > 0) break;  // like RapidCheck: the first failure ends the property
    }
    report.seconds = Since(start);
    return report;
  }

 private:
  uint64_t Planned() const {
    if (options_.shard_index >= options_.runs) return 0;
    return (options_.runs - options_.shard_index + options_.shard_count - 1) /
           options_.shard_count;
  }

  bool OutOfTime(Clock::time_point start) const {
    return options_.time_budget_seconds > 0 && Since(start) >= options_.time_budget_seconds;
  }

  // RapidCheck's shrinking: take the first shrink that still fails, repeat from it; the path of
  // indices taken is what a reproduce string replays.
  Counterexample Shrink(const rc::Shrinkable<rc::detail::CaseDescription>& failing,
                        uint64_t index, uint64_t case_seed, Clock::time_point start) {
    auto best = failing;
    std::vector<size_t> path;
    uint64_t evaluations = 0;
    size_t at = 0;
    auto shrinks = best.shrinks();
    while (auto next = shrinks.next()) {
      if (++evaluations > options_.max_shrink_evaluations) break;
      if (options_.time_budget_seconds > 0 && Since(start) > 2 * options_.time_budget_seconds) {
        break;
      }
      auto description = next->value();
      if (description.result.type == rc::detail::CaseResult::Type::Failure) {
        best = *next;
        shrinks = best.shrinks();
        path.push_back(at);
        at = 0;
      } else {
        ++at;
      }
    }
    // Runs the shrunk case once more: the recorder now holds its trace and its failure.
    const std::string description = best.value().result.description;

    Counterexample cx;
    cx.property = std::string(property_.id);
    cx.case_index = index;
    cx.case_seed = case_seed;
    cx.message = recorder_.failure.empty() ? description : recorder_.failure;
    cx.trace = recorder_.trace;
    for (const auto& t : cx.trace) cx.calls += t.acted ? 1 : 0;
    cx.reproduce = "RC_PARAMS=\"" + ReproduceParams(property_, case_seed, size_, path) + "\"";
    cx.rerun = cx.reproduce + " build/props/model_props --gtest_filter=" +
               GtestFilter(property_.gtest_id) + "   or   zxspec check --property " +
               cx.property + " --seed " + std::to_string(options_.seed) + " --runs " +
               std::to_string(index + 1) + " --shard " + std::to_string(index) + "/" +
               std::to_string(index + 1) + " --max-steps " + std::to_string(options_.max_steps);
    ScenarioHeader header;
    header.property = cx.property;
    header.rules = std::string(property_.rules);
    header.statement = std::string(property_.statement);
    header.message = cx.message;
    header.origin = "zxspec check seed " + std::to_string(options_.seed) + ", case " +
                    std::to_string(index) + " (case seed " + FormatHex(case_seed) + ")";
    header.reproduce = cx.reproduce;
    header.rerun = cx.rerun;
    header.witnesses = recorder_.witnesses;
    cx.scenario = FormatScenario(cx.trace, model::InitialState(), header);
    if (!options_.out_dir.empty()) {
      std::string name = cx.property + "-seed" + std::to_string(options_.seed) + "-case" +
                         std::to_string(index) + ".zxs";
      if (!WriteFile(options_.out_dir, name, cx.scenario, &cx.file)) cx.file.clear();
    }
    return cx;
  }

  const PropertyInfo& property_;
  const CheckOptions& options_;
  StepFn step_;
  int size_;
  Recorder recorder_;
  rc::detail::Property gen_;
};

std::vector<const PropertyInfo*> Select(const std::string& filter, std::string* error) {
  std::vector<const PropertyInfo*> out;
  if (filter.empty()) {
    for (const auto& p : Properties()) out.push_back(&p);
    return out;
  }
  for (const auto& id : SplitIds(filter)) {
    const PropertyInfo* p = FindProperty(id);
    if (p == nullptr) {
      *error = "unknown property \"" + id + "\"; known:";
      for (const auto& q : Properties()) *error += " " + std::string(q.id);
      return {};
    }
    out.push_back(p);
  }
  return out;
}

std::string Percent(size_t part, size_t whole) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f%%", whole ? 100.0 * static_cast<double>(part) /
                                                       static_cast<double>(whole)
                                                 : 0.0);
  return buf;
}

}  // namespace

uint64_t CaseSeed(uint64_t seed, std::string_view property, uint64_t index) {
  return SplitMix64(seed ^ SplitMix64(Fnv1a(property) ^ SplitMix64(index)));
}

uint64_t CheckReport::Failures() const {
  uint64_t n = 0;
  for (const auto& p : properties) n += p.failures;
  return n;
}

int CheckReport::ExitCode() const {
  if (!error.empty()) return 2;
  if (Failures() > 0) return 1;
  uint64_t cases = 0;
  for (const auto& p : properties) cases += p.cases;
  return cases == 0 ? 4 : 0;
}

PropertyReport CheckProperty(const PropertyInfo& property, const CheckOptions& options,
                             Coverage* coverage) {
  PropertyRun run(property, options);
  return run.Run(coverage);
}

CheckReport RunCheck(const CheckOptions& options) {
  CheckReport report;
  report.property = options.property;
  report.seed = options.seed;
  report.runs = options.runs;
  report.max_steps = options.max_steps;
  report.time_budget_seconds = options.time_budget_seconds;
  report.shard_count = options.shard_count;
  report.shards = {options.shard_index};
  if (options.shard_count == 0 || options.shard_index >= options.shard_count) {
    report.error = "the shard must be I/N with 0 <= I < N";
    return report;
  }
  if (options.max_steps == 0) {
    report.error = "max steps must be at least 1";
    return report;
  }
  // Address-space family (issue 6): the zygote property (props/zygote.h) is a procedure, not a
  // step property; it runs when named, after the step properties.
  std::string filter;
  bool zygote = false;
  for (const auto& id : SplitIds(options.property)) {
    if (id == zygote::kPropertyId) {
      zygote = true;
    } else {
      filter += (filter.empty() ? "" : ",") + id;
    }
  }
  std::vector<const PropertyInfo*> selected;
  if (!zygote || !filter.empty()) {
    selected = Select(filter, &report.error);
    if (selected.empty()) return report;
  }
  std::set<size_t> drawn;
  for (const auto* p : selected) {
    for (size_t i : GeneratedCalls(p->gen)) drawn.insert(i);
  }
  report.drawn_calls.assign(drawn.begin(), drawn.end());
  const auto start = Clock::now();
  for (size_t k = 0; k < selected.size(); ++k) {
    CheckOptions per = options;
    if (options.time_budget_seconds > 0) {
      double left = options.time_budget_seconds - Since(start);
      per.time_budget_seconds = std::max(left, 1e-9) / static_cast<double>(selected.size() - k);
    }
    report.properties.push_back(CheckProperty(*selected[k], per, &report.coverage));
  }
  if (zygote) {  // issue 6: the rest of the time budget, if any
    CheckOptions per = options;
    if (options.time_budget_seconds > 0) {
      per.time_budget_seconds = std::max(options.time_budget_seconds - Since(start), 1e-9);
    }
    report.properties.push_back(zygote::ZygoteCampaign(per));
  }
  return report;
}

std::string FormatTable(const CheckReport& r) {
  std::ostringstream os;
  char line[160];
  std::snprintf(line, sizeof line, "%-24s %10s %12s %9s %9s\n", "property", "cases", "steps",
                "failures", "seconds");
  os << line;
  uint64_t cases = 0, steps = 0;
  double seconds = 0;
  for (const auto& p : r.properties) {
    std::snprintf(line, sizeof line, "%-24s %10llu %12llu %9llu %9.2f\n", p.id.c_str(),
                  static_cast<unsigned long long>(p.cases),
                  static_cast<unsigned long long>(p.steps),
                  static_cast<unsigned long long>(p.failures), p.seconds);
    os << line;
    cases += p.cases;
    steps += p.steps;
    seconds += p.seconds;
  }
  std::snprintf(line, sizeof line, "%-24s %10llu %12llu %9llu %9.2f\n", "total",
                static_cast<unsigned long long>(cases), static_cast<unsigned long long>(steps),
                static_cast<unsigned long long>(r.Failures()), seconds);
  os << line;
  if (seconds > 0) {
    std::snprintf(line, sizeof line, "throughput: %.0f cases/s, %.0f steps/s\n",
                  static_cast<double>(cases) / seconds, static_cast<double>(steps) / seconds);
    os << line;
  }
  auto cov = Summarize(r.coverage, r.drawn_calls);
  os << "coverage: " << cov.reached_named_pairs << " of " << cov.named_pairs
     << " (call, status) pairs the rulebook names for the drawn calls were reached ("
     << Percent(cov.reached_named_pairs, cov.named_pairs) << ")\n";
  if (!cov.unreached.empty()) {
    os << "  never reached:";
    for (const auto& u : cov.unreached) os << " " << u.call << "/" << u.status;
    os << "\n";
  }
  if (!cov.unlisted.empty()) {
    os << "  reached but not named by the rulebook:";
    for (const auto& u : cov.unlisted) os << " " << u.call << "/" << u.status << " (" << u.count << ")";
    os << "\n";
  }
  os << "  calls not drawn (not modeled yet): " << cov.not_drawn.size() << "\n";
  for (const auto& p : r.properties) {
    for (const auto& cx : p.counterexamples) {
      os << "counterexample: property " << cx.property << ", case " << cx.case_index << ", "
         << cx.calls << " calls" << (cx.file.empty() ? "" : ", written to " + cx.file) << "\n"
         << "  " << cx.message << "\n"
         << "  reproduce: " << cx.rerun << "\n";
    }
  }
  if (!r.error.empty()) os << "error: " << r.error << "\n";
  return os.str();
}

Json ToJson(const CheckReport& r) {
  Json j;
  j["format"] = "zxspec-check/1";
  j["property"] = r.property;
  j["seed"] = r.seed;
  j["runs"] = r.runs;
  j["max_steps"] = r.max_steps;
  j["time_budget_seconds"] = r.time_budget_seconds;
  j["shard_count"] = r.shard_count;
  j["shards"] = r.shards;
  j["properties"] = Json::array();
  for (const auto& p : r.properties) {
    Json jp = {{"id", p.id},       {"cases", p.cases},     {"steps", p.steps},
               {"failures", p.failures}, {"seconds", p.seconds}, {"counterexamples", Json::array()}};
    for (const auto& cx : p.counterexamples) {
      jp["counterexamples"].push_back({{"case", cx.case_index},
                                       {"case_seed", cx.case_seed},
                                       {"message", cx.message},
                                       {"calls", cx.calls},
                                       {"reproduce", cx.reproduce},
                                       {"rerun", cx.rerun},
                                       {"file", cx.file},
                                       {"scenario", cx.scenario}});
    }
    j["properties"].push_back(jp);
  }
  auto cov = Summarize(r.coverage, r.drawn_calls);
  auto pairs = [](const std::vector<CallStatus>& list, bool with_count) {
    Json a = Json::array();
    for (const auto& cs : list) {
      Json e = {{"call", cs.call}, {"status", cs.status}};
      if (with_count) e["count"] = cs.count;
      a.push_back(e);
    }
    return a;
  };
  j["coverage"] = {{"reached", pairs(cov.reached, true)},
                   {"unreached", pairs(cov.unreached, false)},
                   {"unlisted", pairs(cov.unlisted, true)},
                   {"not_drawn", cov.not_drawn},
                   {"named_pairs", cov.named_pairs},
                   {"reached_named_pairs", cov.reached_named_pairs}};
  j["drawn_calls"] = Json::array();
  for (size_t i : r.drawn_calls) j["drawn_calls"].push_back(SyscallAt(i).name);
  j["failures"] = r.Failures();
  j["exit_code"] = r.ExitCode();
  if (!r.error.empty()) j["error"] = r.error;
  return j;
}

Result<CheckReport> ReportFromJson(const Json& j, std::string* why) {
  std::string ignored;
  std::string& error = why ? *why : ignored;
  try {
    if (j.value("format", "") != "zxspec-check/1") {
      error = "not a zxspec check report";
      return Error{ZX_ERR_INVALID_ARGS};
    }
    CheckReport r;
    r.property = j.at("property").get<std::string>();
    r.seed = j.at("seed").get<uint64_t>();
    r.runs = j.at("runs").get<uint64_t>();
    r.max_steps = j.at("max_steps").get<uint64_t>();
    r.time_budget_seconds = j.at("time_budget_seconds").get<double>();
    r.shard_count = j.at("shard_count").get<uint64_t>();
    r.shards = j.at("shards").get<std::vector<uint64_t>>();
    if (j.contains("error")) r.error = j.at("error").get<std::string>();
    for (const auto& jp : j.at("properties")) {
      PropertyReport p;
      p.id = jp.at("id").get<std::string>();
      p.cases = jp.at("cases").get<uint64_t>();
      p.steps = jp.at("steps").get<uint64_t>();
      p.failures = jp.at("failures").get<uint64_t>();
      p.seconds = jp.at("seconds").get<double>();
      for (const auto& jc : jp.at("counterexamples")) {
        Counterexample cx;
        cx.property = p.id;
        cx.case_index = jc.at("case").get<uint64_t>();
        cx.case_seed = jc.at("case_seed").get<uint64_t>();
        cx.message = jc.at("message").get<std::string>();
        cx.calls = jc.at("calls").get<uint64_t>();
        cx.reproduce = jc.at("reproduce").get<std::string>();
        cx.rerun = jc.at("rerun").get<std::string>();
        cx.file = jc.at("file").get<std::string>();
        cx.scenario = jc.at("scenario").get<std::string>();
        p.counterexamples.push_back(cx);
      }
      r.properties.push_back(p);
    }
    for (const auto& e : j.at("coverage").at("reached")) {
      const SyscallInfo* info = FindSyscall(e.at("call").get<std::string>());
      auto status = ResolveConstant(e.at("status").get<std::string>(), ConstKind::kStatus);
      if (info == nullptr || !info->call_index || !status.value) {
        error = "unknown (call, status) pair in the coverage table";
        return Error{ZX_ERR_INVALID_ARGS};
      }
      r.coverage.Add(*info->call_index, static_cast<zx_status_t>(*status.value),
                     e.at("count").get<uint64_t>());
    }
    for (const auto& name : j.at("drawn_calls")) {
      const SyscallInfo* info = FindSyscall(name.get<std::string>());
      if (info == nullptr || !info->call_index) {
        error = "unknown call in drawn_calls";
        return Error{ZX_ERR_INVALID_ARGS};
      }
      r.drawn_calls.push_back(*info->call_index);
    }
    return r;
  } catch (const nlohmann::json::exception& e) {
    error = e.what();
    return Error{ZX_ERR_INVALID_ARGS};
  }
}

Result<CheckReport> MergeReports(std::span<const CheckReport> reports, std::string* why) {
  std::string ignored;
  std::string& error = why ? *why : ignored;
  if (reports.empty()) {
    error = "no reports to merge";
    return Error{ZX_ERR_INVALID_ARGS};
  }
  CheckReport out = reports[0];
  out.properties.clear();
  out.coverage = Coverage();
  out.shards.clear();
  std::set<uint64_t> shards;
  std::set<size_t> drawn;
  for (const auto& r : reports) {
    if (r.property != out.property || r.seed != out.seed || r.runs != out.runs ||
        r.max_steps != out.max_steps || r.shard_count != out.shard_count) {
      error = "the reports come from different campaigns (property, seed, runs, max steps or "
              "shard count differ)";
      return Error{ZX_ERR_INVALID_ARGS};
    }
    for (uint64_t s : r.shards) {
      if (s >= out.shard_count) {
        error = "shard " + std::to_string(s) + " is not a shard of " +
                std::to_string(out.shard_count);
        return Error{ZX_ERR_INVALID_ARGS};
      }
      if (!shards.insert(s).second) {
        error = "shard " + std::to_string(s) + " appears twice";
        return Error{ZX_ERR_INVALID_ARGS};
      }
    }
    if (out.error.empty()) out.error = r.error;
    out.coverage.Merge(r.coverage);
    drawn.insert(r.drawn_calls.begin(), r.drawn_calls.end());
    for (const auto& p : r.properties) {
      auto it = std::find_if(out.properties.begin(), out.properties.end(),
                             [&](const PropertyReport& q) { return q.id == p.id; });
      if (it == out.properties.end()) {
        out.properties.push_back(p);
        continue;
      }
      it->cases += p.cases;
      it->steps += p.steps;
      it->failures += p.failures;
      it->seconds += p.seconds;
      it->counterexamples.insert(it->counterexamples.end(), p.counterexamples.begin(),
                                 p.counterexamples.end());
    }
  }
  // The shards must cover the campaign exactly once: every shard index 0..N-1.
  for (uint64_t s = 0; s < out.shard_count; ++s) {
    if (!shards.contains(s)) {
      error = "shard " + std::to_string(s) + "/" + std::to_string(out.shard_count) +
              " is missing: the reports do not cover the campaign";
      return Error{ZX_ERR_INVALID_ARGS};
    }
  }
  out.shards.assign(shards.begin(), shards.end());
  out.drawn_calls.assign(drawn.begin(), drawn.end());
  return out;
}

}  // namespace zxspec::props
