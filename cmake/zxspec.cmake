# Shared build conventions: one warnings target, one test helper.

add_library(zxspec_warnings INTERFACE)
target_compile_options(zxspec_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wsign-conversion -Wswitch-enum
  $<$<BOOL:${ZXSPEC_WERROR}>:-Werror>)

# zxspec_add_test(NAME name SRCS a.cc ... DEPS lib ... [LABELS l ...] [ARGS ...])
# One executable, linked with GoogleTest's main, registered with ctest under NAME.
function(zxspec_add_test)
  cmake_parse_arguments(T "" "NAME" "SRCS;DEPS;LABELS;ARGS" ${ARGN})
  add_executable(${T_NAME} ${T_SRCS})
  target_link_libraries(${T_NAME} PRIVATE ${T_DEPS} GTest::gtest GTest::gtest_main GTest::gmock
                        zxspec_warnings)
  add_test(NAME ${T_NAME} COMMAND ${T_NAME} ${T_ARGS})
  if(T_LABELS)
    set_tests_properties(${T_NAME} PROPERTIES LABELS "${T_LABELS}")
  endif()
endfunction()
