# Shared build conventions: one warnings target, one test helper.

# ZXSPEC_UNITY_BUILD (CMakeLists.txt): every target batches its sources but the tests, whose
# files each keep their own helpers (zxspec_add_test turns it off).
if(ZXSPEC_UNITY_BUILD)
  set(CMAKE_UNITY_BUILD ON)
  set(CMAKE_UNITY_BUILD_BATCH_SIZE 8)
endif()

add_library(zxspec_warnings INTERFACE)
target_compile_options(zxspec_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wsign-conversion -Wswitch-enum
  $<$<BOOL:${ZXSPEC_WERROR}>:-Werror>)

# The ctest labels (DEVELOPERS.md "Tests"): unit (a folder's own code, in process), props
# (property suites, their wrong-variant tests and campaigns), proof (Z3), scenario (a .zxs file
# on a target), cli (the zxspec binary end to end), docs (links and recipes of the docs), fuzz
# (a fuzz target over its corpus, its crash inputs and a bounded number of fresh inputs).
set(ZXSPEC_TEST_LABELS unit props proof scenario cli docs fuzz)

# One build target per label, tests_<label>, building what the tests of that label run (and the
# zxspec program), so a build directory can build only the kinds it tests (the sanitizer stage
# of dev.sh: `ninja tests_unit tests_cli ...` then `ctest -L 'unit|cli|...'`).
foreach(label ${ZXSPEC_TEST_LABELS})
  add_custom_target(tests_${label})
endforeach()

# zxspec_label_needs(LABEL target...): the tests of LABEL run |target|s.
function(zxspec_label_needs label)
  add_dependencies(tests_${label} ${ARGN})
endfunction()

# zxspec_add_test(NAME name SRCS a.cc ... DEPS lib ... LABELS l ... [ARGS ...])
# One executable, linked with GoogleTest's main, registered with ctest under NAME with one or
# more of the labels above.
function(zxspec_add_test)
  cmake_parse_arguments(T "" "NAME" "SRCS;DEPS;LABELS;ARGS" ${ARGN})
  if(NOT T_LABELS)
    message(FATAL_ERROR "test ${T_NAME} has no label (one of ${ZXSPEC_TEST_LABELS})")
  endif()
  foreach(label ${T_LABELS})
    if(NOT label IN_LIST ZXSPEC_TEST_LABELS)
      message(FATAL_ERROR "test ${T_NAME}: unknown label ${label} (one of ${ZXSPEC_TEST_LABELS})")
    endif()
  endforeach()
  add_executable(${T_NAME} ${T_SRCS})
  set_target_properties(${T_NAME} PROPERTIES UNITY_BUILD OFF)
  target_link_libraries(${T_NAME} PRIVATE ${T_DEPS} GTest::gtest GTest::gtest_main GTest::gmock
                        zxspec_warnings)
  add_test(NAME ${T_NAME} COMMAND ${T_NAME} ${T_ARGS})
  set_tests_properties(${T_NAME} PROPERTIES LABELS "${T_LABELS}")
  foreach(label ${T_LABELS})
    zxspec_label_needs(${label} ${T_NAME})
  endforeach()
endfunction()
