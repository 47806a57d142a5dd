// File: api/result.h
//
// `Result<T>`: a value of type T or a non-OK `zx_status_t`, modelled on Zircon's `zx::result`.
// It is [[nodiscard]]; building an error from ZX_OK is a bug and aborts (ZXSPEC_ASSERT). No
// exception crosses a zxspec API: every fallible function returns a Result or a status.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <utility>
#include <variant>

#include "api/zircon.h"

// Internal-consistency check that survives release builds. A failure is a zxspec bug, never a
// consequence of user input.
#define ZXSPEC_ASSERT(cond, why)                                                     \
  do {                                                                               \
    if (!(cond)) {                                                                   \
      std::fprintf(stderr, "%s:%d: zxspec internal assertion failed: %s (%s)\n",     \
                   __FILE__, __LINE__, #cond, why);                                  \
      std::abort();                                                                  \
    }                                                                                \
  } while (0)

namespace zxspec {

// A failed status. Never ZX_OK.
struct Error {
  zx_status_t status;
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(Error e) : v_(e) {                   // NOLINT(google-explicit-constructor)
    ZXSPEC_ASSERT(e.status != ZX_OK, "an Error must not carry ZX_OK");
  }

  bool is_ok() const { return std::holds_alternative<T>(v_); }
  bool is_error() const { return !is_ok(); }
  zx_status_t status_value() const { return is_ok() ? ZX_OK : std::get<Error>(v_).status; }
  Error error_value() const {
    ZXSPEC_ASSERT(is_error(), "error_value() of an ok Result");
    return std::get<Error>(v_);
  }
  const T& value() const& {
    ZXSPEC_ASSERT(is_ok(), "value() of an error Result");
    return std::get<T>(v_);
  }
  T& value() & {
    ZXSPEC_ASSERT(is_ok(), "value() of an error Result");
    return std::get<T>(v_);
  }
  T&& value() && {
    ZXSPEC_ASSERT(is_ok(), "value() of an error Result");
    return std::get<T>(std::move(v_));
  }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

 private:
  std::variant<T, Error> v_;
};

}  // namespace zxspec
