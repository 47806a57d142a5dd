#include "api/format.h"

#include <cstdio>
#include <sstream>
#include <type_traits>

#include "api/constants.h"
#include "api/syscalls.h"

namespace zxspec {
namespace {

std::string Dec(uint64_t v) { return std::to_string(v); }

// Sizes and offsets print in decimal when small, in hex when page-ish or huge.
std::string Num(uint64_t v) { return v >= 0x10000 ? FormatHex(v) : Dec(v); }

std::string Flags(uint64_t v, ConstKind k) { return FlagsToString(v, k); }

std::string Enum(uint64_t v, ConstKind k) {
  if (auto n = NameOf(v, k)) {
    std::string s(*n);
    for (auto prefix : KindPrefixes(k)) {
      if (s.rfind(prefix, 0) == 0) return s.substr(prefix.size());
    }
    return s;
  }
  return Dec(v);
}

class Printer {
 public:
  explicit Printer(const HandleNamer& namer) : namer_(namer) {}

  std::string H(zx_handle_t h) const { return namer_ ? namer_(h) : Dec(h); }

  std::string operator()(const HandleClose& c) const { return Call("handle_close", {H(c.handle)}); }
  std::string operator()(const HandleDuplicate& c) const {
    return Call("handle_duplicate", {H(c.handle), Flags(c.rights, ConstKind::kRight)});
  }
  std::string operator()(const HandleReplace& c) const {
    return Call("handle_replace", {H(c.handle), Flags(c.rights, ConstKind::kRight)});
  }
  std::string operator()(const ObjectGetInfo& c) const {
    return Call("object_get_info", {H(c.handle), Enum(c.topic, ConstKind::kTopic)});
  }
  std::string operator()(const ObjectGetProperty& c) const {
    return Call("object_get_property", {H(c.handle), Enum(c.property, ConstKind::kProperty)});
  }
  // An integer reads back as the property's own width (1 byte for MODE_APPEND, 8 otherwise,
  // api/calls.h), so only a buffer of exactly that width prints as one; any other buffer (the
  // BUFFER_TOO_SMALL cases) prints as bytes.
  std::string operator()(const ObjectSetProperty& c) const {
    const size_t width = c.property == ZX_PROP_STREAM_MODE_APPEND ? 1 : 8;
    std::string v = c.property == ZX_PROP_NAME || c.value.size() != width
                        ? FormatBytes(c.value)
                        : Num(DecodeLe(c.value));
    return Call("object_set_property", {H(c.handle), Enum(c.property, ConstKind::kProperty), v});
  }
  std::string operator()(const ObjectWaitOne& c) const {
    std::string deadline = c.deadline == ZX_TIME_INFINITE        ? "ZX_TIME_INFINITE"
                           : c.deadline == ZX_TIME_INFINITE_PAST ? "ZX_TIME_INFINITE_PAST"
                                                                 : std::to_string(c.deadline);
    return Call("object_wait_one", {H(c.handle), Flags(c.signals, ConstKind::kSignal), deadline});
  }
  std::string operator()(const VmoCreate& c) const {
    return Call("vmo_create", {Num(c.size), Flags(c.options, ConstKind::kVmoOption)});
  }
  std::string operator()(const VmoCreateChild& c) const {
    return Call("vmo_create_child", {H(c.handle), Flags(c.options, ConstKind::kVmoChildOption),
                                     Num(c.offset), Num(c.size)});
  }
  std::string operator()(const VmoRead& c) const {
    return Call("vmo_read", {H(c.handle), Num(c.offset), Num(c.len)});
  }
  std::string operator()(const VmoWrite& c) const {
    return Call("vmo_write", {H(c.handle), Num(c.offset), FormatBytes(c.data)});
  }
  std::string operator()(const VmoGetSize& c) const { return Call("vmo_get_size", {H(c.handle)}); }
  std::string operator()(const VmoSetSize& c) const {
    return Call("vmo_set_size", {H(c.handle), Num(c.size)});
  }
  std::string operator()(const VmoGetStreamSize& c) const {
    return Call("vmo_get_stream_size", {H(c.handle)});
  }
  std::string operator()(const VmoSetStreamSize& c) const {
    return Call("vmo_set_stream_size", {H(c.handle), Num(c.size)});
  }
  std::string operator()(const VmoOpRange& c) const {
    return Call("vmo_op_range",
                {H(c.handle), Enum(c.op, ConstKind::kVmoOp), Num(c.offset), Num(c.size)});
  }
  std::string operator()(const VmoReplaceAsExecutable& c) const {
    return Call("vmo_replace_as_executable", {H(c.handle), H(c.vmex)});
  }
  std::string operator()(const StreamCreate& c) const {
    return Call("stream_create",
                {Flags(c.options, ConstKind::kStreamMode), H(c.vmo), Num(c.seek)});
  }
  std::string operator()(const StreamWritev& c) const {
    return Call("stream_writev",
                {H(c.handle), Flags(c.options, ConstKind::kStreamOption), FormatBytes(c.data)});
  }
  std::string operator()(const StreamWritevAt& c) const {
    return Call("stream_writev_at", {H(c.handle), Flags(c.options, ConstKind::kStreamOption),
                                     Num(c.offset), FormatBytes(c.data)});
  }
  std::string operator()(const StreamReadv& c) const {
    return Call("stream_readv",
                {H(c.handle), Flags(c.options, ConstKind::kStreamOption), Num(c.len)});
  }
  std::string operator()(const StreamReadvAt& c) const {
    return Call("stream_readv_at", {H(c.handle), Flags(c.options, ConstKind::kStreamOption),
                                    Num(c.offset), Num(c.len)});
  }
  std::string operator()(const StreamSeek& c) const {
    return Call("stream_seek",
                {H(c.handle), Enum(c.whence, ConstKind::kSeekOrigin), std::to_string(c.offset)});
  }
  std::string operator()(const VmarAllocate& c) const {
    return Call("vmar_allocate", {H(c.parent), Flags(c.options, ConstKind::kVmOption),
                                  Num(c.offset), Num(c.size)});
  }
  std::string operator()(const VmarMap& c) const {
    return Call("vmar_map", {H(c.vmar), Flags(c.options, ConstKind::kVmOption),
                             Num(c.vmar_offset), H(c.vmo), Num(c.vmo_offset), Num(c.len)});
  }
  std::string operator()(const VmarUnmap& c) const {
    return Call("vmar_unmap", {H(c.vmar), FormatHex(c.addr), Num(c.len)});
  }
  std::string operator()(const VmarProtect& c) const {
    return Call("vmar_protect", {H(c.vmar), Flags(c.options, ConstKind::kVmOption),
                                 FormatHex(c.addr), Num(c.len)});
  }
  std::string operator()(const VmarDestroy& c) const { return Call("vmar_destroy", {H(c.vmar)}); }
  std::string operator()(const VmarCreateVmoChild& c) const {
    return Call("vmar_create_vmo_child", {H(c.vmar), Flags(c.options, ConstKind::kVmoChildOption),
                                          FormatHex(c.addr), Num(c.size)});
  }
  std::string operator()(const ProcessCreate& c) const {
    return Call("process_create",
                {H(c.job), FormatBytes(c.name), Flags(c.options, ConstKind::kProcessOption)});
  }
  std::string operator()(const TaskKill& c) const { return Call("task_kill", {H(c.handle)}); }
  std::string operator()(const ProcessStart& c) const {
    return Call("process_start", {H(c.process), H(c.handle)});
  }
  std::string operator()(const ChannelCreate& c) const {
    return Call("channel_create", {Dec(c.options)});
  }
  std::string operator()(const ChannelWrite& c) const {
    std::string list = "[";
    for (size_t i = 0; i < c.handles.size(); ++i) list += (i ? ", " : "") + H(c.handles[i]);
    list += "]";
    return Call("channel_write", {H(c.handle), FormatBytes(c.bytes), list});
  }
  std::string operator()(const ChannelWriteEtc& c) const {
    std::string list = "[";
    for (size_t i = 0; i < c.dispositions.size(); ++i) {
      const auto& d = c.dispositions[i];
      list += (i ? ", " : "");
      list += "{op: " + Enum(d.operation, ConstKind::kHandleOp) + ", handle: " + H(d.handle) +
              ", type: " + Enum(d.type, ConstKind::kObjType) +
              ", rights: " + Flags(d.rights, ConstKind::kRight) + "}";
    }
    list += "]";
    return Call("channel_write_etc", {H(c.handle), FormatBytes(c.bytes), list});
  }
  std::string operator()(const ChannelRead& c) const { return Call("channel_read", {H(c.handle)}); }
  std::string operator()(const ChannelReadEtc& c) const {
    return Call("channel_read_etc", {H(c.handle)});
  }
  std::string operator()(const MemRead& c) const {
    return Call("mem_read", {FormatHex(c.addr), Num(c.len)});
  }
  std::string operator()(const MemWrite& c) const {
    return Call("mem_write", {FormatHex(c.addr), FormatBytes(c.data)});
  }

 private:
  static std::string Call(std::string_view name, std::initializer_list<std::string> args) {
    std::string s(name);
    s += "(";
    bool first = true;
    for (const auto& a : args) {
      if (!first) s += ", ";
      s += a;
      first = false;
    }
    return s + ")";
  }

  const HandleNamer& namer_;
};

std::string FormatMapsList(const std::vector<zx_info_maps_t>& list) {
  std::string s = "[";
  for (size_t i = 0; i < list.size(); ++i) {
    const auto& m = list[i];
    s += i ? ", " : "";
    s += "{type: " + Enum(m.type, ConstKind::kMapsType) + ", depth: " + Dec(m.depth) +
         ", base: " + FormatHex(m.base) + ", size: " + FormatHex(m.size);
    if (m.type == ZX_INFO_MAPS_TYPE_MAPPING) {
      s += ", mmu_flags: " + Flags(m.u.mapping.mmu_flags, ConstKind::kVmOption) +
           ", vmo_koid: " + Dec(m.u.mapping.vmo_koid) +
           ", vmo_offset: " + FormatHex(m.u.mapping.vmo_offset);
    }
    s += "}";
  }
  return s + "]";
}

std::string FormatRecord(const InfoRecord& r) {
  struct V {
    std::string operator()(const zx_info_handle_basic_t& b) const {
      return "{koid: " + Dec(b.koid) + ", rights: " + Flags(b.rights, ConstKind::kRight) +
             ", type: " + Enum(b.type, ConstKind::kObjType) +
             ", related_koid: " + Dec(b.related_koid) + "}";
    }
    std::string operator()(const zx_info_vmo_t& v) const {
      return "{koid: " + Dec(v.koid) + ", size_bytes: " + Num(v.size_bytes) +
             ", parent_koid: " + Dec(v.parent_koid) + ", num_children: " +
             Dec(v.num_children) + ", num_mappings: " + Dec(v.num_mappings) +
             ", flags: " + Flags(v.flags, ConstKind::kInfoVmoFlag) +
             ", committed_bytes: " + Num(v.committed_bytes) +
             ", handle_rights: " + Flags(v.handle_rights, ConstKind::kRight) + "}";
    }
    std::string operator()(const zx_info_vmar_t& v) const {
      return "{base: " + FormatHex(v.base) + ", len: " + FormatHex(v.len) + "}";
    }
    std::string operator()(const zx_info_stream_t& v) const {
      return "{options: " + Flags(v.options, ConstKind::kStreamMode) + ", seek: " + Num(v.seek) +
             ", content_size: " + Num(v.content_size) + "}";
    }
    std::string operator()(const std::vector<zx_info_maps_t>& l) const {
      return FormatMapsList(l);
    }
    std::string operator()(const zx_info_handle_count_t& n) const {
      return "{handle_count: " + Dec(n.handle_count) + "}";
    }
  };
  return std::visit(V{}, r);
}

}  // namespace

std::string FormatHex(uint64_t v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(v));
  return buf;
}

std::string FormatBytes(const Bytes& bytes) {
  if (!bytes.empty()) {
    bool all_zero = true;
    for (uint8_t b : bytes) all_zero = all_zero && b == 0;
    if (all_zero && bytes.size() > 4) return "zeros(" + Dec(bytes.size()) + ")";
  }
  std::string s = "\"";
  for (uint8_t b : bytes) {
    switch (b) {
      case '\n': s += "\\n"; break;
      case '\t': s += "\\t"; break;
      case '\\': s += "\\\\"; break;
      case '"': s += "\\\""; break;
      default:
        if (b >= 0x20 && b < 0x7F) {
          s += static_cast<char>(b);
        } else {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\x%02x", b);
          s += buf;
        }
    }
  }
  return s + "\"";
}

std::string FormatCall(const Call& call, const HandleNamer& namer) {
  return std::visit(Printer(namer), call);
}

namespace {

std::string SlotList(const std::vector<FidlSlotText>& slots, const HandleNamer& namer) {
  std::string list = "[";
  for (size_t i = 0; i < slots.size(); ++i) {
    const FidlSlotText& x = slots[i];
    list += i ? ", {" : "{";
    if (x.handle) list += "handle: " + (namer ? namer(*x.handle) : Dec(*x.handle)) + ", ";
    list += "type: " + Enum(x.type, ConstKind::kObjType) +
            ", rights: " + Flags(x.rights, ConstKind::kRight) +
            ", optional: " + Flags(x.optional, ConstKind::kRight) + "}";
  }
  return list + "]";
}

std::string HandleText(zx_handle_t h, const HandleNamer& namer) { return namer ? namer(h) : Dec(h); }

}  // namespace

std::string FormatFidlSend(zx_handle_t channel, const Bytes& bytes,
                           const std::vector<FidlSlotText>& slots, const HandleNamer& namer) {
  return "fidl_send(" + HandleText(channel, namer) + ", " + FormatBytes(bytes) + ", " +
         SlotList(slots, namer) + ")";
}

std::string FormatFidlRecv(zx_handle_t channel, const std::vector<FidlSlotText>& slots,
                           const HandleNamer& namer) {
  return "fidl_recv(" + HandleText(channel, namer) + ", " + SlotList(slots, namer) + ")";
}

std::string FormatOutcome(const Outcome& o) {
  std::string s = StatusName(o.status);
  if (o.status != ZX_OK && std::holds_alternative<NoResult>(o.payload)) return s;
  struct V {
    std::string operator()(const NoResult&) const { return ""; }
    std::string operator()(const HandleResult& h) const { return " " + Dec(h.handle); }
    std::string operator()(const HandlePairResult& p) const {
      return " " + Dec(p.first) + ", " + Dec(p.second);
    }
    std::string operator()(const VmarAllocateResult& r) const {
      return " " + Dec(r.child) + ", " + FormatHex(r.addr);
    }
    std::string operator()(const U64Result& v) const { return " " + Num(v.value); }
    std::string operator()(const BytesResult& b) const { return " " + FormatBytes(b.data); }
    std::string operator()(const ChannelReadResult& r) const {
      std::string t = " " + FormatBytes(r.data) + ", [";
      for (size_t i = 0; i < r.handles.size(); ++i) {
        const auto& h = r.handles[i];
        t += (i ? ", " : "");
        t += "{handle: " + Dec(h.handle) + ", type: " + Enum(h.type, ConstKind::kObjType) +
             ", rights: " + Flags(h.rights, ConstKind::kRight) + "}";
      }
      return t + "]";
    }
    std::string operator()(const InfoResult& r) const { return " " + FormatRecord(r.record); }
  };
  return s + std::visit(V{}, o.payload);
}

namespace {

// The length of the well-formed UTF-8 sequence at the start of |s|, or 0 (RFC 3629 table 3-7).
size_t Utf8SequenceLength(std::string_view s) {
  auto at = [&](size_t i) { return static_cast<uint8_t>(s[i]); };
  auto cont = [&](size_t i, uint8_t lo = 0x80, uint8_t hi = 0xBF) {
    return i < s.size() && at(i) >= lo && at(i) <= hi;
  };
  uint8_t b = at(0);
  if (b < 0x80) return 1;
  if (b >= 0xC2 && b <= 0xDF) return cont(1) ? 2 : 0;
  if (b == 0xE0) return cont(1, 0xA0) && cont(2) ? 3 : 0;             // no overlong forms
  if (b == 0xED) return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0;       // no surrogates
  if (b >= 0xE1 && b <= 0xEF) return cont(1) && cont(2) ? 3 : 0;
  if (b == 0xF0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;  // no overlong forms
  if (b >= 0xF1 && b <= 0xF3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (b == 0xF4) return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0;  // <= U+10FFFF
  return 0;
}

}  // namespace

std::string PrintableByte(char c) {
  if (c >= 0x20 && c < 0x7f) return std::string(1, c);
  char buf[8];
  std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<uint8_t>(c));
  return buf;
}

std::string EscapeInvalidUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  while (!text.empty()) {
    size_t n = Utf8SequenceLength(text);
    if (n == 0) {
      out += PrintableByte(text[0]);  // never printable: \xNN
      n = 1;
    } else {
      out.append(text.substr(0, n));
    }
    text.remove_prefix(n);
  }
  return out;
}

}  // namespace zxspec
