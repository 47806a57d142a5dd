// Contents and committed pages (see content.h).
#include "spec/content.h"

namespace zxspec::spec {
namespace {

z3::expr PageOf(const z3::expr& o) { return z3::lshr(o, U64(o.ctx(), 12)); }

}  // namespace

z3::expr InRange(const z3::expr& o, const z3::expr& start, const z3::expr& len) {
  // Not `o - start < len`, which means the same: the solver proves a range within bounds from
  // comparisons with `start + len` (vmo_write's content-in-size: from a timeout to 0.5 s).
  return z3::uge(o, start) && (!NoWrap(start, len) || z3::ult(o, start + len));
}

SymState WriteBytes(const SymState& s, const View& v, const z3::expr& start, const z3::expr& len,
                    const Fn& data) {
  z3::context& c = s.ctx();
  z3::expr m = v.memory, at = v.offset + start;
  SymState out = s;
  out.content = s.content.Where(
      [m, at, len](const Args& x) { return EqFold(x[0], m) && InRange(x[1], at, len); },
      [at, data](const Args& x) { return data(x[1] - at); });
  // Pages [at / 4096, (at + len - 1) / 4096] become committed (len > 0).
  z3::expr first = PageOf(at), last = PageOf(at + len - U64(c, 1));
  out.committed = s.committed.Where(
      [m, len, first, last](const Args& x) {
        return EqFold(x[0], m) && len != U64(len.ctx(), 0) && z3::uge(x[1], first) &&
               z3::ule(x[1], last);
      },
      [&c](const Args&) { return True(c); });
  return out;
}

SymState ZeroBytes(const SymState& s, const View& v, const z3::expr& start, const z3::expr& len) {
  z3::context& c = s.ctx();
  z3::expr m = v.memory, at = v.offset + start, end = at + len;
  SymState out = s;
  out.content = s.content.Where(
      [m, at, len](const Args& x) { return EqFold(x[0], m) && InRange(x[1], at, len); },
      [&c](const Args&) { return U8(c, 0); });
  // Whole pages: [ceil(at / 4096), end / 4096).
  z3::expr first_whole = PageOf(at) + z3::ite(PageAligned(at), U64(c, 0), U64(c, 1));
  z3::expr end_page = PageOf(end);
  out.committed = s.committed.Where(
      [m, len, first_whole, end_page](const Args& x) {
        return EqFold(x[0], m) && len != U64(len.ctx(), 0) && z3::uge(x[1], first_whole) &&
               z3::ult(x[1], end_page);
      },
      [&c](const Args&) { return False(c); });
  return out;
}

SymState CommitPages(const SymState& s, const View& v, const z3::expr& start, const z3::expr& end) {
  z3::context& c = s.ctx();
  z3::expr m = v.memory, first = PageOf(v.offset + start), last = PageOf(v.offset + end);
  SymState out = s;
  out.committed = s.committed.Where(
      [m, first, last](const Args& x) {
        return EqFold(x[0], m) && z3::uge(x[1], first) && z3::ult(x[1], last);
      },
      [&c](const Args&) { return True(c); });
  return out;
}

SymState Truncate(const SymState& s, const z3::expr& m, const z3::expr& size) {
  z3::context& c = s.ctx();
  SymState out = s;
  out.content = s.content.Where(
      [m, size](const Args& x) { return EqFold(x[0], m) && z3::uge(x[1], size); },
      [&c](const Args&) { return U8(c, 0); });
  z3::expr pages = PageOf(size);
  out.committed = s.committed.Where(
      [m, pages](const Args& x) { return EqFold(x[0], m) && z3::uge(x[1], pages); },
      [&c](const Args&) { return False(c); });
  return out;
}

SymState CopyContent(const SymState& s, const z3::expr& m, const z3::expr& from,
                     const z3::expr& src, const z3::expr& visible) {
  z3::context& c = s.ctx();
  SymState out = s;
  Fn before = s.content;
  out.content = s.content.Where(
      [m](const Args& x) { return EqFold(x[0], m); },
      [&c, before, from, src, visible](const Args& x) {
        return z3::ite(z3::ult(x[1], visible), before(from, src + x[1]), U8(c, 0));
      });
  return out;
}

SymResult BytesAt(const SymState& s, const View& v, const z3::expr& start, const z3::expr& len) {
  z3::context& c = s.ctx();
  z3::expr m = v.memory, at = v.offset + start;
  Fn content = s.content;
  Fn bytes = Fn::Concrete(c, FnShape{{64}, 8}, {}).Where(
      [&c](const Args&) { return True(c); },
      [content, m, at](const Args& i) { return content(m, at + i[0]); });
  return SymResult{SymResult::Kind::kBytes, {len}, bytes};
}

SymResult NoBytes(z3::context& c) {
  return SymResult{SymResult::Kind::kBytes, {U64(c, 0)}, Fn::Concrete(c, FnShape{{64}, 8}, {})};
}

}  // namespace zxspec::spec
