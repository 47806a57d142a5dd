// FTP-028 handle declarations: handles-rights.md FIDLRIGHTS-001..004, channel-fidl.md
// FIDL-002/003.
#include <gtest/gtest.h>

#include "fidl/fidl.h"

namespace zxspec::fidl {
namespace {

HandleConstraint Parse(std::string_view decl) {
  std::string error;
  auto r = ParseHandleType(decl, &error);
  EXPECT_TRUE(r.is_ok()) << decl << ": " << error;
  return r.is_ok() ? r.value() : HandleConstraint{};
}

std::string ErrorOf(std::string_view decl) {
  std::string error;
  auto r = ParseHandleType(decl, &error);
  EXPECT_EQ(r.status_value(), ZX_ERR_INVALID_ARGS) << decl;
  return error;
}

void ExpectEq(const HandleConstraint& got, zx_obj_type_t type, zx_rights_t rights,
              zx_rights_t optional) {
  EXPECT_EQ(got.type, type);
  EXPECT_EQ(got.rights, rights);
  EXPECT_EQ(got.optional, optional);
}

// FIDLRIGHTS-001: handle<subtype, R> with a bits expression over zx.rights.
TEST(FidlHandleType, RequiredRights) {
  ExpectEq(Parse("handle<vmo, zx.rights.READ | zx.rights.MAP>"), ZX_OBJ_TYPE_VMO,
           ZX_RIGHT_READ | ZX_RIGHT_MAP, 0);
  ExpectEq(Parse("handle<vmo,zx.rights.WRITE>"), ZX_OBJ_TYPE_VMO, ZX_RIGHT_WRITE, 0);
  // The seed's short form zx.NAME (`using readable_vmo = handle<vmo, zx.READ>`).
  ExpectEq(Parse("  handle < channel , zx.READ|zx.SIGNAL_PEER >  "), ZX_OBJ_TYPE_CHANNEL,
           ZX_RIGHT_READ | ZX_RIGHT_SIGNAL_PEER, 0);
}

// FIDLRIGHTS-002: no constraint means SAME_RIGHTS; a bare handle has no subtype either.
TEST(FidlHandleType, UnconstrainedForms) {
  ExpectEq(Parse("handle<vmo>"), ZX_OBJ_TYPE_VMO, ZX_RIGHT_SAME_RIGHTS, 0);
  ExpectEq(Parse("handle"), ZX_OBJ_TYPE_NONE, ZX_RIGHT_SAME_RIGHTS, 0);
  ExpectEq(Parse("handle<stream>"), ZX_OBJ_TYPE_STREAM, ZX_RIGHT_SAME_RIGHTS, 0);
  ExpectEq(Parse("handle<vmar>"), ZX_OBJ_TYPE_VMAR, ZX_RIGHT_SAME_RIGHTS, 0);
}

// FIDL-002: optional rights, positional (seed: handle<channel, RRC, ORC>) or labelled.
TEST(FidlHandleType, OptionalRights) {
  ExpectEq(Parse("handle<vmo, zx.rights.READ, zx.rights.MAP | zx.rights.WRITE>"),
           ZX_OBJ_TYPE_VMO, ZX_RIGHT_READ, ZX_RIGHT_MAP | ZX_RIGHT_WRITE);
  ExpectEq(Parse("handle<vmo, zx.rights.READ, optional: zx.rights.EXECUTE>"), ZX_OBJ_TYPE_VMO,
           ZX_RIGHT_READ, ZX_RIGHT_EXECUTE);
}

// FIDL-003, FIDLRIGHTS-004: protocol endpoints are channels with 0xF00E.
TEST(FidlHandleType, ProtocolEndpoints) {
  ExpectEq(Parse("client_end:Foo"), ZX_OBJ_TYPE_CHANNEL, 0xF00E, 0);
  ExpectEq(Parse("server_end:fuchsia.io.Directory"), ZX_OBJ_TYPE_CHANNEL, 0xF00E, 0);
  ExpectEq(Parse("request<Foo>"), ZX_OBJ_TYPE_CHANNEL, 0xF00E, 0);
}

// FIDLRIGHTS-001: at least one right; rights only with a subtype.
TEST(FidlHandleType, EmptyConstraintIsAnErrorWithColumn) {
  EXPECT_EQ(ErrorOf("handle<vmo, >"), "column 13: expected a right such as zx.rights.READ");
  EXPECT_EQ(ErrorOf("handle<zx.rights.READ>").rfind("column 8: ", 0), 0u);
  EXPECT_EQ(ErrorOf("handle<, zx.rights.READ>"),
            "column 8: expected a handle subtype (vmo, channel, ...)");
}

TEST(FidlHandleType, UnknownNamesAreErrors) {
  EXPECT_EQ(ErrorOf("handle<vmo, zx.rights.READ | zx.rights.FLY>"),
            "column 40: `FLY` is not a right");
  EXPECT_EQ(ErrorOf("handle<vmo, zx.rights.SAME_RIGHTS>"),
            "column 23: `SAME_RIGHTS` is not a right");
  EXPECT_EQ(ErrorOf("handle<vmo, zx.rights.NONE>"), "column 23: `NONE` is not a right");
  EXPECT_EQ(ErrorOf("handle<vmo, READ>"), "column 13: expected a right such as zx.rights.READ");
  EXPECT_EQ(ErrorOf("handle<vnode>"), "column 8: unknown handle subtype `vnode`");
  EXPECT_EQ(ErrorOf("handle<none>"), "column 8: unknown handle subtype `none`");
  EXPECT_EQ(ErrorOf("bytes"),
            "column 1: expected `handle`, `client_end:`, `server_end:` or `request<`");
  EXPECT_EQ(ErrorOf(""),
            "column 1: expected `handle`, `client_end:`, `server_end:` or `request<`");
}

TEST(FidlHandleType, StructuralErrors) {
  EXPECT_EQ(ErrorOf("handle<vmo"), "column 11: expected `>`, found the end");
  EXPECT_EQ(ErrorOf("handle<vmo, zx.rights.READ"), "column 27: expected `>`, found the end");
  EXPECT_EQ(ErrorOf("handle<vmo> x"), "column 13: unexpected text after the declaration");
  EXPECT_EQ(ErrorOf("handle<vmo>:optional"),
            "column 12: unexpected `:`: nullable handles are not modelled (Open point C-4)");
  EXPECT_EQ(ErrorOf("handle<vmo, zx.rights.READ, zx.rights.MAP, zx.rights.WRITE>"),
            "column 42: expected `>`, found `,`");
  EXPECT_EQ(ErrorOf("handle<vmo, zx.rights.READ, optimal: zx.rights.MAP>"),
            "column 29: expected a right or `optional:`");
}

// FIDL-003: protocol endpoints carry no other constraint.
TEST(FidlHandleType, EndpointsRefuseConstraints) {
  EXPECT_EQ(ErrorOf("client_end:Foo, zx.rights.READ").rfind("column 15: protocol endpoints", 0),
            0u);
  EXPECT_EQ(ErrorOf("client_end:<Foo, optional>"), "column 12: expected a protocol name");
  EXPECT_EQ(ErrorOf("server_end:"), "column 12: expected a protocol name");
  EXPECT_EQ(ErrorOf("client_end Foo"), "column 12: expected `:`, found `F`");
  // A byte that is not printable ASCII is quoted as \xNN: the message stays valid UTF-8.
  EXPECT_EQ(ErrorOf("request<Foo\xa9"), "column 12: expected `>`, found `\\xa9`");
  EXPECT_EQ(ErrorOf("handle<vmo\x01"), "column 11: expected `>`, found `\\x01`");
  EXPECT_EQ(ErrorOf("request<Foo"), "column 12: expected `>`, found the end");
}

// Bad input never crashes and a null message pointer is allowed.
TEST(FidlHandleType, NullMessageAndOddBytes) {
  EXPECT_EQ(ParseHandleType("handle<", nullptr).status_value(), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(ParseHandleType(std::string_view("handle<\0vmo>", 12), nullptr).status_value(),
            ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(ParseHandleType("handle<vmo, zx.rights.\xff>", nullptr).status_value(),
            ZX_ERR_INVALID_ARGS);
}

}  // namespace
}  // namespace zxspec::fidl
