// The driver of the fuzz targets when they are built without libFuzzer (g++, ordinary CI):
//
//   <target> [--mutations N] [--seed S] [--write-mutant K FILE] FILE_OR_DIR...
//
// runs the target once on every file (directories recursively, in name order), then, with
// --mutations N, on N mutants of them: a fixed-seed mutation fuzz (byte flips, inserts,
// deletions, duplicated runs, splices of two inputs) bounded by count, for CI without clang.
// A finding aborts: ctest fails and the last "replay"/"mutant K" line names the input; the same
// command with --write-mutant K FILE writes that mutant to FILE instead of running anything
// (mutants depend only on the files and the seed). The last line counts the executions.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "fuzz/fuzz_target.h"

extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int* argc, char*** argv);

namespace {

namespace fs = std::filesystem;
using Input = std::vector<uint8_t>;

bool Read(const fs::path& p, Input& out) {
  std::ifstream in(p, std::ios::binary);
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

std::vector<fs::path> Collect(const std::vector<std::string>& args) {
  std::vector<fs::path> files;
  for (const auto& a : args) {
    if (fs::is_directory(a)) {
      for (const auto& e : fs::recursive_directory_iterator(a)) {
        if (e.is_regular_file()) files.push_back(e.path());
      }
    } else {
      files.push_back(a);
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

Input Mutate(const Input& base, const Input& other, std::mt19937_64& rng) {
  Input m = base;
  auto below = [&](size_t n) { return n == 0 ? 0 : static_cast<size_t>(rng() % n); };
  const int edits = 1 + static_cast<int>(rng() % 4);
  for (int e = 0; e < edits; ++e) {
    switch (rng() % 6) {
      case 0:  // flip a bit
        if (!m.empty()) m[below(m.size())] ^= static_cast<uint8_t>(1u << (rng() % 8));
        break;
      case 1:  // a random byte
        if (!m.empty()) m[below(m.size())] = static_cast<uint8_t>(rng());
        break;
      case 2:  // insert random bytes
        m.insert(m.begin() + static_cast<std::ptrdiff_t>(below(m.size() + 1)), 1 + rng() % 8,
                 static_cast<uint8_t>(rng()));
        break;
      case 3: {  // delete a run
        if (m.empty()) break;
        size_t at = below(m.size());
        size_t n = std::min<size_t>(m.size() - at, 1 + rng() % 16);
        m.erase(m.begin() + static_cast<std::ptrdiff_t>(at),
                m.begin() + static_cast<std::ptrdiff_t>(at + n));
        break;
      }
      case 4: {  // duplicate a run (repeats lines, nests brackets deeper)
        if (m.empty()) break;
        size_t at = below(m.size());
        size_t n = std::min<size_t>(m.size() - at, 1 + rng() % 64);
        Input run(m.begin() + static_cast<std::ptrdiff_t>(at),
                  m.begin() + static_cast<std::ptrdiff_t>(at + n));
        for (int k = static_cast<int>(rng() % 8); k >= 0; --k) {
          m.insert(m.begin() + static_cast<std::ptrdiff_t>(at), run.begin(), run.end());
        }
        break;
      }
      default: {  // splice: a run of another input
        if (other.empty()) break;
        size_t at = below(other.size());
        size_t n = std::min<size_t>(other.size() - at, 1 + rng() % 64);
        m.insert(m.begin() + static_cast<std::ptrdiff_t>(below(m.size() + 1)),
                 other.begin() + static_cast<std::ptrdiff_t>(at),
                 other.begin() + static_cast<std::ptrdiff_t>(at + n));
        break;
      }
    }
  }
  if (m.size() > (size_t{1} << 16)) m.resize(size_t{1} << 16);
  return m;
}

}  // namespace

int main(int argc, char** argv) {
  if (LLVMFuzzerInitialize != nullptr) LLVMFuzzerInitialize(&argc, &argv);
  uint64_t mutations = 0;
  uint64_t seed = 1;
  std::optional<uint64_t> write_mutant;
  std::string write_to;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--mutations") == 0 && i + 1 < argc) {
      mutations = std::stoull(argv[++i]);
    } else if (std::strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
      seed = std::stoull(argv[++i]);
    } else if (std::strcmp(argv[i], "--write-mutant") == 0 && i + 2 < argc) {
      write_mutant = std::stoull(argv[++i]);
      write_to = argv[++i];
      mutations = std::max(mutations, *write_mutant + 1);
    } else {
      paths.push_back(argv[i]);
    }
  }
  auto start = std::chrono::steady_clock::now();
  std::vector<fs::path> files = Collect(paths);
  std::vector<Input> inputs(files.size());
  uint64_t runs = 0;
  for (size_t i = 0; i < files.size(); ++i) {
    if (!Read(files[i], inputs[i])) {
      std::fprintf(stderr, "cannot read %s\n", files[i].c_str());
      return 2;
    }
  }
  for (size_t i = 0; i < files.size() && !write_mutant; ++i) {
    std::fprintf(stderr, "replay %s\n", files[i].c_str());
    LLVMFuzzerTestOneInput(inputs[i].data(), inputs[i].size());
    ++runs;
  }
  std::mt19937_64 rng(seed);
  for (uint64_t k = 0; k < mutations && !inputs.empty(); ++k) {
    size_t i = k % inputs.size();
    Input m = Mutate(inputs[i], inputs[rng() % inputs.size()], rng);
    if (write_mutant) {
      if (k < *write_mutant) continue;
      std::ofstream(write_to, std::ios::binary)
          .write(reinterpret_cast<const char*>(m.data()), static_cast<std::streamsize>(m.size()));
      return 0;
    }
    std::fprintf(stderr, "mutant %llu of %s\n", static_cast<unsigned long long>(k),
                 files[i].c_str());
    LLVMFuzzerTestOneInput(m.data(), m.size());
    ++runs;
  }
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%s: %llu executions (%zu files, %llu mutants) in %.1f s, no finding\n", argv[0],
              static_cast<unsigned long long>(runs), files.size(),
              static_cast<unsigned long long>(mutations), seconds);
  return 0;
}
