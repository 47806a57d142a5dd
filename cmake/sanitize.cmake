# Sanitizer and fuzzing builds, each in a build directory of its own (README "Sanitizers and
# fuzzing").
#
# -DZXSPEC_SANITIZE=address,undefined (any list -fsanitize= accepts): every target (libraries,
# tests, fuzz targets, the zxspec program) is compiled and linked with the sanitizers. A UBSan
# report aborts the process, so ctest sees it as a failure instead of a line of output.
#
# -DZXSPEC_FUZZ=ON (clang only): every target gets libFuzzer's coverage instrumentation and
# the fuzz targets (fuzz/) link with libFuzzer. Without it the fuzz targets are replay
# programs (fuzz/replay_main.cc) that any compiler builds.
set(ZXSPEC_SANITIZE "" CACHE STRING
    "Comma-separated sanitizers for every target (e.g. address,undefined); empty: none")
option(ZXSPEC_FUZZ "Build the fuzz targets with libFuzzer (needs clang)" OFF)

if(ZXSPEC_SANITIZE)
  add_compile_options(-fsanitize=${ZXSPEC_SANITIZE} -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${ZXSPEC_SANITIZE})
  if(ZXSPEC_SANITIZE MATCHES "undefined")
    add_compile_options(-fno-sanitize-recover=undefined)
  endif()
  if(ZXSPEC_SANITIZE MATCHES "address" AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # GCC 12 with -fsanitize=address reports about 1,500 -Wmaybe-uninitialized warnings that are
    # false positives (GCC bug 105616, "-Wmaybe-uninitialized false positives with
    # -fsanitize=address"): every one is a copy or move of a std::variant or std::optional
    # whose inactive storage is uninitialized by design (Outcome's Payload built by
    # Outcome::Ok() or Outcome::Status(), std::optional<T> returned as std::nullopt). The
    # address sanitizer's instrumentation hides from the uninitialized-use analysis which
    # alternative is active; the same code compiles without the warning with -fsanitize=
    # undefined alone, without sanitizers, and with clang. Only this one warning is disabled,
    # and only for these builds; -Wuninitialized (definite uses) stays on, and the ordinary
    # -Werror build keeps checking -Wmaybe-uninitialized on the same code.
    add_compile_options(-Wno-maybe-uninitialized)
  endif()
endif()

if(ZXSPEC_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "ZXSPEC_FUZZ needs clang (e.g. -DCMAKE_CXX_COMPILER=clang++-14)")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
