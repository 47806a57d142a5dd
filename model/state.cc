#include "model/state.h"

#include <algorithm>

#include "model/core.h"

namespace zxspec::model {

namespace {
const std::shared_ptr<const std::array<uint8_t, ZX_PAGE_SIZE>>& ZeroBuffer() {
  static const auto zero = std::make_shared<const std::array<uint8_t, ZX_PAGE_SIZE>>();
  return zero;
}
}  // namespace

Page::Page() : data_(ZeroBuffer()) {}
Page::Page(const std::array<uint8_t, ZX_PAGE_SIZE>& bytes)
    : data_(std::make_shared<const std::array<uint8_t, ZX_PAGE_SIZE>>(bytes)) {}

void Page::set(size_t i, uint8_t v) { assign(i, &v, 1); }

void Page::assign(size_t at, const uint8_t* src, size_t n) {
  const uint8_t* from = src != nullptr ? src : ZeroBuffer()->data();
  if (std::equal(from, from + n, data_->begin() + at)) return;
  auto copy = std::make_shared<std::array<uint8_t, ZX_PAGE_SIZE>>(*data_);
  std::copy(from, from + n, copy->begin() + at);
  data_ = std::move(copy);
}

bool Page::IsZero() const {
  return data_ == ZeroBuffer() ||
         std::all_of(data_->begin(), data_->end(), [](uint8_t b) { return b == 0; });
}

uint8_t PageStore::ReadByte(uint64_t offset) const {
  auto it = pages.find(offset / ZX_PAGE_SIZE);
  return it == pages.end() ? 0 : it->second.at(offset % ZX_PAGE_SIZE);
}

Bytes PageStore::Read(uint64_t offset, uint64_t len) const {
  Bytes out(len, 0);
  // Visit only stored pages that intersect the range.
  uint64_t first = offset / ZX_PAGE_SIZE;
  for (auto it = pages.lower_bound(first); it != pages.end(); ++it) {
    uint64_t page_start = it->first * ZX_PAGE_SIZE;
    if (page_start >= offset + len) break;
    const uint64_t lo = std::max(offset, page_start);
    const uint64_t hi = std::min(offset + len, page_start + ZX_PAGE_SIZE);
    for (uint64_t a = lo; a < hi; ++a) out[a - offset] = it->second.at(a - page_start);
  }
  return out;
}

// Writes |n| bytes of |src| (nullptr: zeros) at |in| of page |index|, one page at a time; a page
// that ends all zero is dropped (the store stays canonical).
void PageStore::WriteInPage(uint64_t index, size_t in, const uint8_t* src, size_t n) {
  const bool zeros = src == nullptr || std::all_of(src, src + n, [](uint8_t b) { return b == 0; });
  auto it = pages.find(index);
  if (it == pages.end()) {
    if (zeros) return;
    it = pages.emplace(index, Page()).first;
  }
  it->second.assign(in, src, n);
  if (zeros && it->second.IsZero()) pages.erase(it);
}

void PageStore::Write(uint64_t offset, const Bytes& data) {
  for (uint64_t i = 0; i < data.size();) {
    const uint64_t a = offset + i;
    const size_t in = a % ZX_PAGE_SIZE;
    const size_t n = static_cast<size_t>(std::min<uint64_t>(ZX_PAGE_SIZE - in, data.size() - i));
    WriteInPage(a / ZX_PAGE_SIZE, in, data.data() + i, n);
    i += n;
  }
}

void PageStore::Zero(uint64_t offset, uint64_t len) {
  if (len == 0) return;
  const uint64_t end = offset + len;  // callers keep offset + len in range
  // Visit only stored pages that intersect the range (absent pages are zero already).
  for (auto it = pages.lower_bound(offset / ZX_PAGE_SIZE); it != pages.end();) {
    const uint64_t page_start = it->first * ZX_PAGE_SIZE;
    if (page_start >= end) break;
    const uint64_t lo = std::max(offset, page_start);
    const uint64_t hi = std::min(end, page_start + ZX_PAGE_SIZE);
    const uint64_t index = it->first;
    ++it;  // WriteInPage may erase the page
    WriteInPage(index, lo - page_start, nullptr, hi - lo);
  }
}

void PageStore::TruncateFrom(uint64_t offset) {
  const uint64_t first = offset / ZX_PAGE_SIZE;
  if (offset % ZX_PAGE_SIZE != 0) {
    const size_t in = offset % ZX_PAGE_SIZE;
    WriteInPage(first, in, nullptr, ZX_PAGE_SIZE - in);
  }
  pages.erase(pages.lower_bound(first + (offset % ZX_PAGE_SIZE != 0)), pages.end());
}

void PageSet::InsertRange(uint64_t first, uint64_t end) {
  if (first >= end) return;
  // Absorb every run that overlaps or touches [first, end).
  auto it = runs_.upper_bound(first);
  if (it != runs_.begin() && std::prev(it)->second >= first) --it;
  while (it != runs_.end() && it->first <= end) {
    first = std::min(first, it->first);
    end = std::max(end, it->second);
    it = runs_.erase(it);
  }
  runs_.emplace(first, end);
}

void PageSet::EraseRange(uint64_t first, uint64_t end) {
  if (first >= end) return;
  auto it = runs_.upper_bound(first);
  if (it != runs_.begin() && std::prev(it)->second > first) --it;
  while (it != runs_.end() && it->first < end) {
    auto [run_first, run_end] = *it;
    it = runs_.erase(it);
    if (run_first < first) runs_.emplace(run_first, first);
    if (run_end > end) runs_.emplace(end, run_end);
  }
}

bool PageSet::contains(uint64_t page) const {
  auto it = runs_.upper_bound(page);
  return it != runs_.begin() && std::prev(it)->second > page;
}

uint64_t PageSet::size() const {
  uint64_t n = 0;
  for (const auto& [first, end] : runs_) n += end - first;
  return n;
}

zx_obj_type_t ObjTypeOf(const ObjectBody& body) {
  return std::visit([](const auto& b) { return ObjTypeFor<std::decay_t<decltype(b)>>(); }, body);
}

State InitialState() {
  State s;
  zx_koid_t job = NewObject(s, Job{});
  Process self;
  self.name = "self";
  self.job = job;
  self.state = ProcessState::kRunning;
  self.started = true;
  zx_koid_t self_koid = NewObject(s, std::move(self));
  Vmar root;
  root.process = self_koid;
  root.base = kUserAspaceBase;
  root.size = kUserAspaceSize;
  root.flags = ZX_VM_CAN_MAP_SPECIFIC | ZX_VM_CAN_MAP_READ | ZX_VM_CAN_MAP_WRITE |
               ZX_VM_CAN_MAP_EXECUTE;  // VMAR-003
  root.name = "root";
  zx_koid_t root_koid = NewObject(s, std::move(root));
  Get<Process>(s, self_koid).root_vmar = root_koid;
  zx_koid_t vmex = NewObject(s, Resource{ZX_RSRC_KIND_SYSTEM, ZX_RSRC_SYSTEM_VMEX_BASE, 1});

  s.initial.self_koid = self_koid;
  s.initial.job = InstallHandle(s, self_koid, {job, ZX_DEFAULT_JOB_RIGHTS});
  s.initial.self = InstallHandle(s, self_koid, {self_koid, ZX_DEFAULT_PROCESS_RIGHTS});
  s.initial.root = InstallHandle(s, self_koid,
                                 {root_koid, ZX_DEFAULT_VMAR_RIGHTS | ZX_RIGHT_READ |
                                                 ZX_RIGHT_WRITE | ZX_RIGHT_EXECUTE});  // VMAR-003: 0x20801F
  s.initial.vmex = InstallHandle(s, self_koid, {vmex, ZX_DEFAULT_RESOURCE_RIGHTS});
  return s;
}

}  // namespace zxspec::model
