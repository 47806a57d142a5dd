// The FTP-028 bindings layer over the reference model: channel-fidl.md FIDL-001..031,
// handles-rights.md FIDLRIGHTS-002..007.
#include "fidl/fidl.h"

#include <gtest/gtest.h>

#include <functional>
#include <set>

#include "api/syscalls.h"
#include "model/core.h"
#include "model/model.h"
#include "model/test_util.h"

namespace zxspec::fidl {
namespace {

Bytes B(std::string_view s) { return Bytes(s.begin(), s.end()); }

constexpr zx_rights_t kR = ZX_RIGHT_READ;
constexpr zx_rights_t kW = ZX_RIGHT_WRITE;
constexpr zx_rights_t kMap = ZX_RIGHT_MAP;
constexpr zx_rights_t kT = ZX_RIGHT_TRANSFER;
constexpr zx_rights_t kSame = ZX_RIGHT_SAME_RIGHTS;

// A Kernel that forwards to the model and records which calls the layer makes (FIDL-001).
class RecordingKernel final : public Kernel {
 public:
  std::string_view Name() const override { return "recording"; }
  InitialEnvironment Initial() const override { return model_.Initial(); }
  CallerState Caller(zx_koid_t p) const override { return model_.Caller(p); }
  bool Models(const Call& c) const override { return model_.Models(c); }
  Outcome Apply(zx_koid_t caller, const Call& c) override {
    used.insert(SyscallOf(c).name);
    return model_.Apply(caller, c);
  }
  std::vector<std::string> CheckInvariants() const override { return model_.CheckInvariants(); }
  const model::State& state() const { return model_.state(); }

  std::set<std::string_view> used;

 private:
  model::ModelKernel model_;
};

class FidlTest : public ::testing::Test {
 public:  // public so that per-case lambdas can build slots through a FidlTest&
  RecordingKernel k;
  zx_koid_t self = k.Initial().self_koid;
  zx_handle_t c0 = 0, c1 = 0;

  void SetUp() override {
    auto ch = k.zx_channel_create(self, 0);
    ASSERT_TRUE(ch.is_ok());
    c0 = ch->first;
    c1 = ch->second;
  }
  zx_handle_t Vmo() {
    auto h = k.zx_vmo_create(self, 4096, 0);
    EXPECT_TRUE(h.is_ok());
    return h.is_ok() ? h.value() : 0;
  }
  zx_handle_t Replace(zx_handle_t h, zx_rights_t rights) {
    auto r = k.zx_handle_replace(self, h, rights);
    EXPECT_TRUE(r.is_ok());
    return r.is_ok() ? r.value() : 0;
  }
  bool Valid(zx_handle_t h) {
    return k.Apply(self, ObjectGetInfo{h, ZX_INFO_HANDLE_VALID}).status == ZX_OK;
  }
  zx_info_handle_basic_t Basic(zx_handle_t h) {
    return std::get<zx_info_handle_basic_t>(k.zx_object_get_info(self, h, ZX_INFO_HANDLE_BASIC).value());
  }
  bool Alive(zx_koid_t koid) { return k.state().objects.count(koid) > 0; }
  // The next handle value the caller's table will hand out (README "Identities").
  zx_handle_t NextValue() {
    const auto& p = model::Get<model::Process>(k.state(), self);
    return ((p.handles.installed + 1) << 2) | 3u;
  }
  void ExpectInvariants() { EXPECT_EQ(k.CheckInvariants(), std::vector<std::string>{}); }
};

// ---- epitaph bytes (FIDL-030) ----

TEST(FidlEpitaph, EncodesTheWireLayout) {
  Bytes e = EncodeEpitaph(ZX_ERR_ACCESS_DENIED);  // -30 = 0xFFFFFFE2
  Bytes want = {0, 0, 0, 0, 0x02, 0, 0, 0x01, 0xFF, 0xFF, 0xFF, 0xFF,
                0xFF, 0xFF, 0xFF, 0xFF, 0xE2, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0};
  EXPECT_EQ(e, want);
  EXPECT_EQ(DecodeEpitaph(e), ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(DecodeEpitaph(EncodeEpitaph(ZX_OK)), ZX_OK);
}

TEST(FidlEpitaph, RecognisesOnlyTheEpitaphOrdinal) {
  Bytes e = EncodeEpitaph(ZX_ERR_BAD_STATE);
  EXPECT_EQ(DecodeEpitaph(Bytes(e.begin(), e.begin() + 16)), ZX_OK);  // status cut: zero
  EXPECT_EQ(DecodeEpitaph(Bytes(e.begin(), e.begin() + 15)), std::nullopt);
  e[15] = 0x7F;
  EXPECT_EQ(DecodeEpitaph(e), std::nullopt);
  EXPECT_EQ(DecodeEpitaph({}), std::nullopt);
}

// ---- fidl_send (FIDL-010/011) ----

// FIDL-010 (4), FIDL-011, FIDLRIGHTS-003: rights outside R | O are filtered on send; the handle
// is moved.
TEST_F(FidlTest, SendFiltersToRequiredAndOptional) {
  zx_handle_t v = Vmo();
  ASSERT_EQ(fidl_send(k, self, c0, B("msg"), {{v, ZX_OBJ_TYPE_VMO, kR | kMap, kW}}), ZX_OK);
  EXPECT_FALSE(Valid(v));
  auto r = k.zx_channel_read_etc(self, c1);
  ASSERT_TRUE(r.is_ok());
  EXPECT_EQ(r->data, B("msg"));  // FIDL-031: rights never change the bytes
  ASSERT_EQ(r->handles.size(), 1u);
  EXPECT_EQ(r->handles[0].rights, kR | kMap | kW);
  ExpectInvariants();
}

// FIDL-010 (4): optional rights the handle does not have are simply absent.
TEST_F(FidlTest, SendOptionalRightsAreNotRequired) {
  zx_handle_t v = Replace(Vmo(), kT | kR);
  ASSERT_EQ(fidl_send(k, self, c0, {}, {{v, ZX_OBJ_TYPE_VMO, kR, kW | kMap}}), ZX_OK);
  EXPECT_EQ(k.zx_channel_read_etc(self, c1)->handles[0].rights, kR);
}

// FIDLRIGHTS-002: an unconstrained slot forwards the rights unchanged (SAME_RIGHTS).
TEST_F(FidlTest, SendUnconstrainedSlotKeepsRights) {
  zx_handle_t v = Vmo();
  ASSERT_EQ(fidl_send(k, self, c0, {}, {{v, ZX_OBJ_TYPE_VMO, kSame, kW}}), ZX_OK);
  EXPECT_EQ(k.zx_channel_read_etc(self, c1)->handles[0].rights, ZX_DEFAULT_VMO_RIGHTS);
}

// FIDL-003: a protocol endpoint travels with 0xF00E.
TEST_F(FidlTest, SendProtocolEndpoint) {
  auto other = k.zx_channel_create(self, 0);
  ASSERT_TRUE(other.is_ok());
  ASSERT_EQ(fidl_send(k, self, c0, {},
                      {{other->second, ZX_OBJ_TYPE_CHANNEL, kProtocolEndpointRights, 0}}),
            ZX_OK);
  auto r = k.zx_channel_read_etc(self, c1);
  EXPECT_EQ(r->handles[0].type, ZX_OBJ_TYPE_CHANNEL);
  EXPECT_EQ(r->handles[0].rights, 0xF00Eu);
}

// FIDL-010 (1): the channel lookup fails -> its status, slot handles closed, no epitaph, the
// channel handle untouched.
TEST_F(FidlTest, SendChannelLookupFailures) {
  zx_handle_t v = Vmo();
  zx_koid_t vk = Basic(v).koid;
  EXPECT_EQ(fidl_send(k, self, 0x4321, {}, {{v, ZX_OBJ_TYPE_VMO, kR, 0}}), ZX_ERR_BAD_HANDLE);
  EXPECT_FALSE(Valid(v));
  EXPECT_FALSE(Alive(vk));
  zx_handle_t not_channel = Vmo();
  zx_handle_t v2 = Vmo();
  EXPECT_EQ(fidl_send(k, self, not_channel, {}, {{v2, ZX_OBJ_TYPE_VMO, kR, 0}}),
            ZX_ERR_WRONG_TYPE);
  EXPECT_FALSE(Valid(v2));
  EXPECT_TRUE(Valid(not_channel));
  zx_handle_t ro = Replace(c0, ZX_DEFAULT_CHANNEL_RIGHTS & ~kW);
  zx_handle_t v3 = Vmo();
  EXPECT_EQ(fidl_send(k, self, ro, {}, {{v3, ZX_OBJ_TYPE_VMO, kR, 0}}), ZX_ERR_ACCESS_DENIED);
  EXPECT_FALSE(Valid(v3));
  EXPECT_TRUE(Valid(ro));
  EXPECT_EQ(k.zx_channel_read(self, c1).status_value(), ZX_ERR_SHOULD_WAIT);  // no epitaph
}

// FIDL-010 (3), seed FTP-028: a missing required right destroys the message, writes the
// epitaph BAD_STATE, closes the channel handle and answers ACCESS_DENIED.
TEST_F(FidlTest, SendMissingRequiredRightClosesWithBadStateEpitaph) {
  zx_handle_t ok = Vmo();
  zx_handle_t weak = Replace(Vmo(), kT | kR);
  zx_koid_t ok_koid = Basic(ok).koid;
  EXPECT_EQ(fidl_send(k, self, c0, B("never sent"),
                      {{ok, ZX_OBJ_TYPE_VMO, kR, 0}, {weak, ZX_OBJ_TYPE_VMO, kR | kW, 0}}),
            ZX_ERR_ACCESS_DENIED);
  EXPECT_FALSE(Valid(ok));
  EXPECT_FALSE(Valid(weak));
  EXPECT_FALSE(Alive(ok_koid));
  EXPECT_FALSE(Valid(c0));  // FIDL-021
  auto raw = k.zx_channel_read(self, c1);
  ASSERT_TRUE(raw.is_ok());
  EXPECT_EQ(raw->data, EncodeEpitaph(ZX_ERR_BAD_STATE));  // only the epitaph was sent
  EXPECT_TRUE(raw->handles.empty());
  EXPECT_EQ(k.zx_channel_read(self, c1).status_value(), ZX_ERR_PEER_CLOSED);
  ExpectInvariants();
}

// FIDL-010 (2)(3), Open point C-2: the other encoding failures answer BAD_STATE, with the same
// epitaph and closing.
TEST_F(FidlTest, SendOtherEncodingFailuresAnswerBadState) {
  struct Case {
    const char* what;
    std::function<std::vector<SendSlot>(FidlTest&)> slots;
  };
  std::vector<Case> cases = {
      {"absent handle", [](FidlTest&) { return std::vector<SendSlot>{{0x4321, 0, kSame, 0}}; }},
      {"repeated handle",
       [](FidlTest& t) {
         zx_handle_t v = t.Vmo();
         return std::vector<SendSlot>{{v, 0, kSame, 0}, {v, 0, kSame, 0}};
       }},
      {"own endpoint",
       [](FidlTest& t) { return std::vector<SendSlot>{{t.c0, 0, kSame, 0}}; }},
      {"wrong type",
       [](FidlTest& t) {
         return std::vector<SendSlot>{{t.Vmo(), ZX_OBJ_TYPE_CHANNEL, kSame, 0}};
       }},
      {"no TRANSFER",
       [](FidlTest& t) {
         return std::vector<SendSlot>{{t.Replace(t.Vmo(), kR), ZX_OBJ_TYPE_VMO, kR, 0}};
       }},
      // The first failure in slot order decides: a wrong type before a missing right.
      {"first failure wins",
       [](FidlTest& t) {
         return std::vector<SendSlot>{{t.Vmo(), ZX_OBJ_TYPE_STREAM, kSame, 0},
                                      {t.Replace(t.Vmo(), kT), ZX_OBJ_TYPE_VMO, kR, 0}};
       }},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    auto ch = k.zx_channel_create(self, 0);
    ASSERT_TRUE(ch.is_ok());
    c0 = ch->first;
    c1 = ch->second;
    std::vector<SendSlot> slots = c.slots(*this);
    EXPECT_EQ(fidl_send(k, self, c0, B("x"), slots), ZX_ERR_BAD_STATE);
    EXPECT_FALSE(Valid(c0));
    for (const SendSlot& s : slots) EXPECT_FALSE(Valid(s.handle));
    EXPECT_EQ(k.zx_channel_read(self, c1)->data, EncodeEpitaph(ZX_ERR_BAD_STATE));
    ExpectInvariants();
  }
}

// FIDL-010 (4): OUT_OF_RANGE and PEER_CLOSED pass through; the handles are consumed
// (CHAN-021) and the channel handle stays open; no epitaph.
TEST_F(FidlTest, SendKernelErrorsPassThrough) {
  zx_handle_t v = Vmo();
  EXPECT_EQ(fidl_send(k, self, c0, Bytes(65537, 0), {{v, ZX_OBJ_TYPE_VMO, kR, 0}}),
            ZX_ERR_OUT_OF_RANGE);
  EXPECT_FALSE(Valid(v));
  EXPECT_TRUE(Valid(c0));
  std::vector<SendSlot> many;
  for (int i = 0; i < 65; ++i) many.push_back({Vmo(), ZX_OBJ_TYPE_VMO, kSame, 0});
  EXPECT_EQ(fidl_send(k, self, c0, {}, many), ZX_ERR_OUT_OF_RANGE);
  for (const SendSlot& s : many) EXPECT_FALSE(Valid(s.handle));
  EXPECT_EQ(k.zx_channel_read(self, c1).status_value(), ZX_ERR_SHOULD_WAIT);
  ASSERT_EQ(k.zx_handle_close(self, c1), ZX_OK);
  zx_handle_t v2 = Vmo();
  EXPECT_EQ(fidl_send(k, self, c0, {}, {{v2, ZX_OBJ_TYPE_VMO, kR, 0}}), ZX_ERR_PEER_CLOSED);
  EXPECT_FALSE(Valid(v2));
  EXPECT_TRUE(Valid(c0));
}

// ---- fidl_recv (FIDL-020/021) ----

// FIDL-020 (5): received rights = R | (O & sent); extra rights are replaced away under a fresh
// value, the raw value is gone.
TEST_F(FidlTest, RecvFiltersExtrasWithReplace) {
  zx_handle_t v = Vmo();
  zx_koid_t vk = Basic(v).koid;
  ASSERT_EQ(k.zx_channel_write(self, c0, B("m"), {v}), ZX_OK);
  zx_handle_t raw_value = NextValue();
  auto r = fidl_recv(k, self, c1, {{ZX_OBJ_TYPE_VMO, kR, kMap | ZX_RIGHT_EXECUTE}});
  ASSERT_TRUE(r.is_ok()) << r.status_value();
  ASSERT_EQ(r->handles.size(), 1u);
  EXPECT_EQ(r->handles[0].rights, kR | kMap);
  EXPECT_EQ(r->handles[0].type, ZX_OBJ_TYPE_VMO);
  EXPECT_EQ(r->handles[0].handle, raw_value + 4);  // HANDLE-032: a fresh value
  EXPECT_FALSE(Valid(raw_value));
  EXPECT_EQ(Basic(r->handles[0].handle).koid, vk);
  EXPECT_EQ(Basic(r->handles[0].handle).rights, kR | kMap);
  EXPECT_EQ(r->data, B("m"));
  EXPECT_TRUE(Valid(c1));
  ExpectInvariants();
}

// FIDL-020 (5): no replacement when nothing is to be removed, or the slot is unconstrained.
TEST_F(FidlTest, RecvKeepsHandlesThatNeedNoFiltering) {
  zx_handle_t a = Replace(Vmo(), kT | kR);
  zx_handle_t b = Vmo();
  ASSERT_EQ(k.zx_channel_write(self, c0, {}, {a, b}), ZX_OK);
  zx_handle_t first = NextValue();
  auto r = fidl_recv(k, self, c1, {{ZX_OBJ_TYPE_VMO, kR, kT}, {ZX_OBJ_TYPE_NONE, kSame, 0}});
  ASSERT_TRUE(r.is_ok());
  EXPECT_EQ(r->handles[0].handle, first);
  EXPECT_EQ(r->handles[1].handle, first + 4);
  EXPECT_EQ(r->handles[0].rights, kT | kR);
  EXPECT_EQ(r->handles[1].rights, ZX_DEFAULT_VMO_RIGHTS);
}

// FIDL-020 (4), seed FTP-028: a missing required right destroys the message, writes the
// epitaph ACCESS_DENIED to the peer and closes the channel.
TEST_F(FidlTest, RecvMissingRequiredRightClosesWithAccessDeniedEpitaph) {
  zx_handle_t v = Replace(Vmo(), kT | kR);
  zx_koid_t vk = Basic(v).koid;
  ASSERT_EQ(k.zx_channel_write(self, c0, {}, {v}), ZX_OK);
  auto r = fidl_recv(k, self, c1, {{ZX_OBJ_TYPE_VMO, kR | kW, 0}});
  EXPECT_EQ(r.status_value(), ZX_ERR_ACCESS_DENIED);
  EXPECT_FALSE(Alive(vk));
  EXPECT_FALSE(Valid(c1));
  // The peer's bindings see the epitaph's status (FIDL-020 (2)) and close their end too.
  EXPECT_EQ(fidl_recv(k, self, c0, {}).status_value(), ZX_ERR_ACCESS_DENIED);
  EXPECT_FALSE(Valid(c0));
  ExpectInvariants();
}

// FIDL-020 (3)(4), Open point C-3: count and type mismatches are decoding failures.
TEST_F(FidlTest, RecvCountOrTypeMismatchIsInvalidArgs) {
  ASSERT_EQ(k.zx_channel_write(self, c0, {}, {Vmo()}), ZX_OK);
  EXPECT_EQ(fidl_recv(k, self, c1, {}).status_value(), ZX_ERR_INVALID_ARGS);
  EXPECT_FALSE(Valid(c1));
  auto raw = k.zx_channel_read(self, c0);
  ASSERT_TRUE(raw.is_ok());
  EXPECT_EQ(raw->data, EncodeEpitaph(ZX_ERR_INVALID_ARGS));

  auto ch = k.zx_channel_create(self, 0);
  ASSERT_TRUE(ch.is_ok());
  ASSERT_EQ(k.zx_channel_write(self, ch->first, {}, {Vmo()}), ZX_OK);
  EXPECT_EQ(fidl_recv(k, self, ch->second, {{ZX_OBJ_TYPE_CHANNEL, kSame, 0}}).status_value(),
            ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(k.zx_channel_read(self, ch->first)->data, EncodeEpitaph(ZX_ERR_INVALID_ARGS));

  // Fewer handles than slots is a mismatch too.
  auto ch2 = k.zx_channel_create(self, 0);
  ASSERT_TRUE(ch2.is_ok());
  ASSERT_EQ(k.zx_channel_write(self, ch2->first, B("no handles"), {}), ZX_OK);
  EXPECT_EQ(fidl_recv(k, self, ch2->second, {{ZX_OBJ_TYPE_VMO, kSame, 0}}).status_value(),
            ZX_ERR_INVALID_ARGS);
  EXPECT_FALSE(Valid(ch2->second));
}

// FIDL-020: every check finishes before any replacement, so a failure on handle 1 leaves no
// filtered copy of handle 0 behind; the first failing handle decides.
TEST_F(FidlTest, RecvChecksEverythingBeforeFiltering) {
  zx_handle_t a = Vmo();
  zx_handle_t b = Replace(Vmo(), kT);
  zx_koid_t ak = Basic(a).koid;
  ASSERT_EQ(k.zx_channel_write(self, c0, {}, {a, b}), ZX_OK);
  zx_handle_t before = NextValue();
  auto r = fidl_recv(k, self, c1, {{ZX_OBJ_TYPE_VMO, kR, 0}, {ZX_OBJ_TYPE_VMO, kR, 0}});
  EXPECT_EQ(r.status_value(), ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(NextValue(), before + 8);  // two installs by the read, no replacement
  EXPECT_FALSE(Alive(ak));
  // Rights failure on handle 0 is reported before a type failure on handle 1.
  auto ch = k.zx_channel_create(self, 0);
  ASSERT_TRUE(ch.is_ok());
  ASSERT_EQ(k.zx_channel_write(self, ch->first, {}, {Replace(Vmo(), kT), Vmo()}), ZX_OK);
  EXPECT_EQ(fidl_recv(k, self, ch->second,
                      {{ZX_OBJ_TYPE_VMO, kR, 0}, {ZX_OBJ_TYPE_CHANNEL, kSame, 0}})
                .status_value(),
            ZX_ERR_ACCESS_DENIED);
}

// FIDL-020 (1): read errors pass through and nothing is closed.
TEST_F(FidlTest, RecvReadErrorsPassThrough) {
  EXPECT_EQ(fidl_recv(k, self, c1, {}).status_value(), ZX_ERR_SHOULD_WAIT);
  EXPECT_TRUE(Valid(c1));
  EXPECT_EQ(fidl_recv(k, self, 0x4321, {}).status_value(), ZX_ERR_BAD_HANDLE);
  zx_handle_t v = Vmo();
  EXPECT_EQ(fidl_recv(k, self, v, {}).status_value(), ZX_ERR_WRONG_TYPE);
  EXPECT_TRUE(Valid(v));
  ASSERT_EQ(k.zx_handle_close(self, c0), ZX_OK);
  EXPECT_EQ(fidl_recv(k, self, c1, {}).status_value(), ZX_ERR_PEER_CLOSED);
  EXPECT_TRUE(Valid(c1));
}

// FIDL-020 (2): an epitaph ends the binding with its status (PEER_CLOSED for ZX_OK) and closes
// the channel and any handles it carried.
TEST_F(FidlTest, RecvEpitaphReturnsItsStatus) {
  ASSERT_EQ(k.zx_channel_write(self, c0, EncodeEpitaph(ZX_ERR_NOT_SUPPORTED), {}), ZX_OK);
  EXPECT_EQ(fidl_recv(k, self, c1, {}).status_value(), ZX_ERR_NOT_SUPPORTED);
  EXPECT_FALSE(Valid(c1));

  auto ch = k.zx_channel_create(self, 0);
  ASSERT_TRUE(ch.is_ok());
  zx_handle_t v = Vmo();
  zx_koid_t vk = Basic(v).koid;
  ASSERT_EQ(k.zx_channel_write(self, ch->first, EncodeEpitaph(ZX_OK), {v}), ZX_OK);
  EXPECT_EQ(fidl_recv(k, self, ch->second, {}).status_value(), ZX_ERR_PEER_CLOSED);
  EXPECT_FALSE(Alive(vk));
  EXPECT_FALSE(Valid(ch->second));
}

// FIDL-001: the layer reaches the kernel only through the calls the rulebook lists.
TEST_F(FidlTest, UsesOnlyTheListedKernelCalls) {
  zx_handle_t v = Vmo();
  k.used.clear();
  ASSERT_EQ(fidl_send(k, self, c0, {}, {{v, ZX_OBJ_TYPE_VMO, kR, kMap}}), ZX_OK);
  ASSERT_TRUE(fidl_recv(k, self, c1, {{ZX_OBJ_TYPE_VMO, kR, 0}}).is_ok());
  ASSERT_EQ(fidl_send(k, self, c0, {}, {{0x4321, 0, kSame, 0}}), ZX_ERR_BAD_STATE);
  EXPECT_EQ(fidl_recv(k, self, c1, {}).status_value(), ZX_ERR_BAD_STATE);
  std::set<std::string_view> allowed = {"object_get_info",   "channel_write", "channel_write_etc",
                                        "channel_read_etc", "handle_replace", "handle_close"};
  for (std::string_view name : k.used) EXPECT_TRUE(allowed.count(name)) << name;
  EXPECT_TRUE(k.used.count("handle_replace"));
  EXPECT_TRUE(k.used.count("channel_write_etc"));
}

// ---- FIDL-031: compatibility facts, as schema changes between sender and receiver ----

TEST_F(FidlTest, AddingAnOptionalRightIsCompatible) {
  // Sender (old schema) handle<vmo, READ>; receiver (new schema) handle<vmo, READ, MAP>.
  ASSERT_EQ(fidl_send(k, self, c0, {}, {{Vmo(), ZX_OBJ_TYPE_VMO, kR, 0}}), ZX_OK);
  auto r = fidl_recv(k, self, c1, {{ZX_OBJ_TYPE_VMO, kR, kMap}});
  ASSERT_TRUE(r.is_ok());
  EXPECT_EQ(r->handles[0].rights, kR);
}

TEST_F(FidlTest, RemovingARequiredRightOnTheSenderBreaksTheReceiver) {
  // Sender handle<vmo, READ>; receiver still requires READ | MAP.
  ASSERT_EQ(fidl_send(k, self, c0, {}, {{Vmo(), ZX_OBJ_TYPE_VMO, kR, 0}}), ZX_OK);
  EXPECT_EQ(fidl_recv(k, self, c1, {{ZX_OBJ_TYPE_VMO, kR | kMap, 0}}).status_value(),
            ZX_ERR_ACCESS_DENIED);
}

TEST_F(FidlTest, AddingARequiredRightBreaksSendersThatLackIt) {
  zx_handle_t v = Vmo();  // default VMO rights have no EXECUTE
  EXPECT_EQ(fidl_send(k, self, c0, {}, {{v, ZX_OBJ_TYPE_VMO, kR | ZX_RIGHT_EXECUTE, 0}}),
            ZX_ERR_ACCESS_DENIED);
}

// ---- between processes ----

TEST(FidlProcesses, RightsAreEnforcedAcrossProcesses) {
  model::State s = model::InitialState();
  zx_koid_t self = s.initial.self_koid;
  zx_koid_t server = model::AddRunningProcess(s, "server");
  model::StepResult ch = model::Step(std::move(s), self, ChannelCreate{0});
  auto pair = std::get<HandlePairResult>(ch.outcome.payload);
  model::State s1 = std::move(ch.state);
  zx_handle_t server_end =
      model::InstallHandle(s1, server, model::RemoveHandle(s1, self, pair.second));
  model::ModelKernel k(std::move(s1));

  auto v = k.zx_vmo_create(self, 4096, 0);
  ASSERT_TRUE(v.is_ok());
  ASSERT_EQ(fidl_send(k, self, pair.first, B("req"), {{v.value(), ZX_OBJ_TYPE_VMO, kR, kMap}}),
            ZX_OK);
  auto r = fidl_recv(k, server, server_end, {{ZX_OBJ_TYPE_VMO, kR, kMap}});
  ASSERT_TRUE(r.is_ok());
  EXPECT_EQ(r->handles[0].rights, kR | kMap);
  EXPECT_EQ(k.zx_vmo_write(server, r->handles[0].handle, 0, B("x")), ZX_ERR_ACCESS_DENIED);
  // The server cannot send the read-only VMO on: it has no TRANSFER (encoding failure).
  EXPECT_EQ(fidl_send(k, server, server_end, {}, {{r->handles[0].handle, ZX_OBJ_TYPE_VMO, kR, 0}}),
            ZX_ERR_BAD_STATE);
  EXPECT_EQ(fidl_recv(k, self, pair.first, {}).status_value(), ZX_ERR_BAD_STATE);
  EXPECT_EQ(k.CheckInvariants(), std::vector<std::string>{});
}

}  // namespace
}  // namespace zxspec::fidl
