// Malformed scenario files: each gives one diagnostic with line and column (issue 2).
#include "scenario/parser.h"

#include <gtest/gtest.h>

namespace zxspec::scenario {
namespace {

Diagnostic Err(std::string_view src) {
  auto r = Parse(src, "t.zxs");
  EXPECT_TRUE(std::holds_alternative<Diagnostic>(r)) << "expected a parse error for: " << src;
  return std::holds_alternative<Diagnostic>(r) ? std::get<Diagnostic>(r) : Diagnostic{};
}

Program Ok(std::string_view src) {
  auto r = Parse(src, "t.zxs");
  EXPECT_TRUE(std::holds_alternative<Program>(r))
      << FormatDiagnostic("t.zxs", std::get<Diagnostic>(r));
  return std::holds_alternative<Program>(r) ? std::get<Program>(r) : Program{};
}

void ExpectAt(const Diagnostic& d, int line, int col, std::string_view fragment) {
  EXPECT_EQ(d.pos.line, line) << d.message;
  EXPECT_EQ(d.pos.col, col) << d.message;
  EXPECT_NE(d.message.find(fragment), std::string::npos) << d.message;
}

TEST(Parse, UnknownCall) {
  ExpectAt(Err("\nvmo_creat(4096, 0)"), 2, 1, "unknown call 'vmo_creat'; did you mean 'vmo_create'");
}

TEST(Parse, UnknownConstantNamesCandidates) {
  ExpectAt(Err("v = vmo_create(4096, 0)\nvmo_create_child(v, SNAPSHOTT, 0, 4096)"), 2, 21,
           "did you mean ZX_VMO_CHILD_SNAPSHOT");
}

TEST(Parse, WrongArgumentCount) {
  ExpectAt(Err("vmo_create(4096)"), 1, 1, "vmo_create takes 2 arguments (size, options), got 1");
  ExpectAt(Err("handle_close(1, 2)"), 1, 1, "takes 1 argument (h), got 2");
}

TEST(Parse, OverflowingIntegerAndArithmetic) {
  ExpectAt(Err("vmo_create(99999999999999999999, 0)"), 1, 12, "does not fit in 64 bits");
  ExpectAt(Err("vmo_create(UINT64_MAX + 1, 0)"), 1, 25, "overflows 64 bits");
  ExpectAt(Err("vmo_create(1 - 2, 0)"), 1, 16, "below zero");
}

TEST(Parse, UnterminatedString) {
  ExpectAt(Err("v = vmo_create(4096, 0)\nvmo_write(v, 0, \"abc)"), 2, 17, "unterminated string");
}

TEST(Parse, NamesMustBeBoundBeforeUse) {
  ExpectAt(Err("vmo_read(v, 0, 1)"), 1, 10, "'v' is not bound to a handle");
  ExpectAt(Err("v = vmo_create(1, 0)\nn = vmo_get_size(v)\nhandle_close(n)"), 3, 14,
           "bound to an integer, not a handle");
}

TEST(Parse, BindingAFailingCallIsAnError) {
  ExpectAt(Err("v = vmo_create(1, 0x100) -> ZX_ERR_INVALID_ARGS"), 1, 1, "cannot bind");
  ExpectAt(Err("a, b = vmo_create(1, 0)"), 1, 4, "cannot bind 'b'");
}

TEST(Parse, NegativeOnlyForSignedArguments) {
  ExpectAt(Err("vmo_create(-1, 0)"), 1, 12, "unsigned");
  Ok("s = vmo_create(1, 0)\nstream_seek(s, END, -5) -> any");
}

TEST(Parse, ExpectationShapes) {
  Program p = Ok(
      "v = vmo_create(10000, RESIZABLE)\n"
      "vmo_get_size(v) -> ZX_OK 12288\n"
      "object_get_info(v, VMO) -> ZX_OK {flags: +RESIZABLE|VIA_HANDLE, size_bytes: 8K + 4K}\n");
  (void)p;
}

TEST(Parse, ExpectationErrors) {
  ExpectAt(Err("v = vmo_create(1, 0)\nobject_get_info(v, VMO) -> ZX_OK {flagz: 1}"), 2, 35,
           "no field 'flagz'");
  ExpectAt(Err("v = vmo_create(1, 0)\nobject_get_info(v, VMO) -> ZX_OK {size_bytes: +1}"), 2, 47,
           "only apply to flags");
  ExpectAt(Err("v = vmo_create(1, 0)\nobject_get_info(v, VMO) -> ZX_OK {size_bytes: 1 -2}"), 2, 50,
           "goes below zero");
  ExpectAt(Err("v = vmo_create(1, 0)\nobject_get_info(v, VMO) -> ZX_OK {flags: +RESIZABLE -}"), 2, 54,
           "expected a value");
  ExpectAt(Err("v = vmo_create(1, 0)\nvmo_get_size(v) -> ZX_ERR_NOPE"), 2, 20, "unknown status");
  ExpectAt(Err("v = vmo_create(1, 0)\nvmo_get_size(v) -> ZX_ERR_BAD_HANDLE 3"), 2, 38,
           "vmo_get_size returns no values with ZX_ERR_BAD_HANDLE");
  // HANDLE-052: object_wait_one returns its observed signals with TIMED_OUT, nothing else does.
  Ok("v = vmo_create(1, 0)\nobject_wait_one(v, READABLE, 0) -> ZX_ERR_TIMED_OUT ZERO_CHILDREN\n");
  ExpectAt(Err("object_wait_one(1, READABLE, 0) -> ZX_ERR_BAD_HANDLE 0"), 1, 54,
           "object_wait_one returns no values with ZX_ERR_BAD_HANDLE");
  ExpectAt(Err("v = vmo_create(1, 0)\nvmo_get_size(v) -> ZX_OK 1, 2"), 2, 29, "only 1 result");
}

TEST(Parse, ConstantsByKind) {
  Program p = Ok(
      "v = vmo_create(64K, ZX_VMO_RESIZABLE)\n"
      "c = vmo_create_child(v, SNAPSHOT|NO_WRITE, 0, 4096)\n"
      "handle_duplicate(v, READ|MAP) -> any\n"
      "object_get_info(v, INFO_VMO) -> any\n"
      "@self vmo_get_size(c) -> any\n");
  ASSERT_EQ(p.statements.size(), 5u);
  const auto& opt = std::get<IntExpr>(p.statements[1].args[1]);
  ASSERT_EQ(opt.terms.size(), 2u);
  EXPECT_EQ(opt.terms[0].second.value, ZX_VMO_CHILD_SNAPSHOT);
  EXPECT_EQ(opt.terms[1].second.value, ZX_VMO_CHILD_NO_WRITE);
  EXPECT_TRUE(p.statements[4].proc.has_value());
}

// VMO-053, STREAM-061: a property value is an integer at the property's width or the buffer
// itself, a string of any length (a short one is BUFFER_TOO_SMALL at run time).
TEST(Parse, PropertyValuesAreIntegersOrBuffers) {
  Program p = Ok("v = vmo_create(1, 0)\n"
                 "object_set_property(v, VMO_CONTENT_SIZE, 4096)\n"
                 "object_set_property(v, VMO_CONTENT_SIZE, \"\\x01\\x02\") -> ZX_ERR_BUFFER_TOO_SMALL\n"
                 "object_set_property(v, NAME, \"n\")\n");
  ASSERT_EQ(p.statements.size(), 4u);
  EXPECT_TRUE(std::holds_alternative<IntExpr>(p.statements[1].args[2]));
  ASSERT_TRUE(std::holds_alternative<BytesExpr>(p.statements[2].args[2]));
  EXPECT_EQ(std::get<BytesExpr>(p.statements[2].args[2]).bytes, (Bytes{1, 2}));
  ExpectAt(Err("v = vmo_create(1, 0)\nobject_set_property(v, NAME, 7)"), 2, 30, "byte string");
}

TEST(Parse, TrailingGarbage) {
  ExpectAt(Err("vmo_create(1, 0) junk"), 1, 18, "expected end of line");
}

}  // namespace
}  // namespace zxspec::scenario
