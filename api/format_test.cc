#include "api/format.h"

#include <gtest/gtest.h>

namespace zxspec {
namespace {

TEST(FormatBytes, EscapesAndCompressesZeros) {
  EXPECT_EQ(FormatBytes(Bytes{'h', 'i'}), "\"hi\"");
  EXPECT_EQ(FormatBytes(Bytes{'a', 0, '"', '\n'}), "\"a\\x00\\\"\\n\"");
  EXPECT_EQ(FormatBytes(Bytes(4096, 0)), "zeros(4096)");
  EXPECT_EQ(FormatBytes(Bytes{}), "\"\"");
}

TEST(FormatCall, PrintsScenarioSyntax) {
  EXPECT_EQ(FormatCall(VmoCreate{4096, ZX_VMO_RESIZABLE}), "vmo_create(4096, RESIZABLE)");
  EXPECT_EQ(FormatCall(VmoCreateChild{7, ZX_VMO_CHILD_SNAPSHOT | ZX_VMO_CHILD_NO_WRITE, 0, 4096},
                       [](zx_handle_t h) { return "h" + std::to_string(h); }),
            "vmo_create_child(h7, SNAPSHOT|NO_WRITE, 0, 4096)");
  EXPECT_EQ(FormatCall(StreamSeek{3, ZX_STREAM_SEEK_ORIGIN_END, -5}), "stream_seek(3, END, -5)");
}

// The FIDL layer's lines (FIDL-010, FIDL-020): slots as the scenario parser reads them.
TEST(FormatFidl, PrintsScenarioSyntax) {
  EXPECT_EQ(FormatFidlSend(5, Bytes{'o', 'k'},
                           {{7, ZX_OBJ_TYPE_VMO, ZX_RIGHT_READ, ZX_RIGHT_MAP},
                            {9, ZX_OBJ_TYPE_NONE, ZX_RIGHT_SAME_RIGHTS, ZX_RIGHT_NONE}}),
            "fidl_send(5, \"ok\", [{handle: 7, type: VMO, rights: READ, optional: MAP}, "
            "{handle: 9, type: NONE, rights: SAME_RIGHTS, optional: NONE}])");
  EXPECT_EQ(FormatFidlRecv(5, {{std::nullopt, ZX_OBJ_TYPE_CHANNEL, ZX_RIGHT_READ | ZX_RIGHT_WRITE, ZX_RIGHT_NONE}},
                           [](zx_handle_t h) { return "h" + std::to_string(h); }),
            "fidl_recv(h5, [{type: CHANNEL, rights: READ|WRITE, optional: NONE}])");
  EXPECT_EQ(FormatFidlRecv(5, {}), "fidl_recv(5, [])");
}

// A property value prints as an integer only at the width an integer reads back as.
TEST(FormatCall, PropertyValuesRoundTrip) {
  EXPECT_EQ(FormatCall(ObjectSetProperty{3, ZX_PROP_VMO_CONTENT_SIZE, EncodeU64(4096)}),
            "object_set_property(3, VMO_CONTENT_SIZE, 4096)");
  EXPECT_EQ(FormatCall(ObjectSetProperty{3, ZX_PROP_VMO_CONTENT_SIZE, Bytes{1}}),
            "object_set_property(3, VMO_CONTENT_SIZE, \"\\x01\")");
  EXPECT_EQ(FormatCall(ObjectSetProperty{3, ZX_PROP_STREAM_MODE_APPEND, Bytes{1}}),
            "object_set_property(3, STREAM_MODE_APPEND, 1)");
  EXPECT_EQ(FormatCall(ObjectSetProperty{3, ZX_PROP_STREAM_MODE_APPEND, EncodeU64(1)}),
            "object_set_property(3, STREAM_MODE_APPEND, \"\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\")");
}

TEST(FormatOutcome, PrintsStatusAndPayload) {
  EXPECT_EQ(FormatOutcome(Outcome::Status(ZX_ERR_ACCESS_DENIED)), "ZX_ERR_ACCESS_DENIED");
  EXPECT_EQ(FormatOutcome(Outcome::Ok(U64Result{12288})), "ZX_OK 12288");
  EXPECT_EQ(FormatOutcome(Outcome::Ok(BytesResult{Bytes{'o', 'k'}})), "ZX_OK \"ok\"");
}

// Output paths (JSON reports, messages quoting a line) must stay valid UTF-8 (issue 12):
// every byte outside a well-formed sequence is spelled \xNN; valid text is unchanged.
TEST(EscapeInvalidUtf8, KeepsValidTextAndEscapesEveryInvalidByte) {
  EXPECT_EQ(EscapeInvalidUtf8("vmo_create(1, 0) # caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"),
            "vmo_create(1, 0) # caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
  EXPECT_EQ(EscapeInvalidUtf8(std::string("a\0b", 3)), std::string("a\0b", 3));  // NUL is valid
  EXPECT_EQ(EscapeInvalidUtf8("\xff"), "\\xff");
  EXPECT_EQ(EscapeInvalidUtf8("x\xc3"), "x\\xc3");               // truncated sequence
  EXPECT_EQ(EscapeInvalidUtf8("\xc0\xaf"), "\\xc0\\xaf");        // overlong '/'
  EXPECT_EQ(EscapeInvalidUtf8("\xe0\x80\xaf"), "\\xe0\\x80\\xaf");  // overlong, 3 bytes
  EXPECT_EQ(EscapeInvalidUtf8("\xed\xa0\x80"), "\\xed\\xa0\\x80");  // surrogate U+D800
  EXPECT_EQ(EscapeInvalidUtf8("\xf4\x90\x80\x80"), "\\xf4\\x90\\x80\\x80");  // above U+10FFFF
  EXPECT_EQ(EscapeInvalidUtf8("\x80z"), "\\x80z");               // stray continuation byte
}

TEST(PrintableByte, QuotesPrintableAsciiAndEscapesTheRest) {
  EXPECT_EQ(PrintableByte('a'), "a");
  EXPECT_EQ(PrintableByte(' '), " ");
  EXPECT_EQ(PrintableByte('~'), "~");
  EXPECT_EQ(PrintableByte('\0'), "\\x00");
  EXPECT_EQ(PrintableByte('\n'), "\\x0a");
  EXPECT_EQ(PrintableByte('\x7f'), "\\x7f");
  EXPECT_EQ(PrintableByte('\xe9'), "\\xe9");
}

}  // namespace
}  // namespace zxspec
