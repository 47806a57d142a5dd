#include <gtest/gtest.h>
#include <iostream>
#include "spec/prove.h"
namespace zxspec::spec {
TEST(Prove, All) {
  ProveOptions o;
  if (const char* ops = std::getenv("OPS")) o.operations = {ops};
  if (const char* inv = std::getenv("INV")) o.invariants = {inv};
  if (std::getenv("NOPATHS")) o.paths = false;
  if (std::getenv("NOSTATE")) o.state = false;
  if (std::getenv("NOSTEPS")) o.steps = false;
  if (const char* t = std::getenv("TIMEOUT")) o.timeout_ms = static_cast<unsigned>(std::atoi(t));
  ProveReport r = ProveAll(o);
  std::cout << FormatTable(r);
  EXPECT_TRUE(r.ok());
}
}
