# The installed package (README "Using zxspec as a library"): the libraries, their headers
# under include/zxspec/ (included as "api/kernel.h", "model/model.h", ...), and a CMake package
# so that `find_package(zxspec CONFIG REQUIRED)` gives the targets zxspec::api, zxspec::model,
# zxspec::fidl, zxspec::scenario, zxspec::props, zxspec::impl and zxspec::refinement.
# examples/consumer/ is an external project built against an installed prefix by the test
# examples_package_test (examples/CMakeLists.txt).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(ZXSPEC_PACKAGE_LIBRARIES api model fidl scenario props impl refinement)
set(ZXSPEC_PACKAGE_TARGETS)
foreach(lib ${ZXSPEC_PACKAGE_LIBRARIES})
  set_target_properties(zxspec_${lib} PROPERTIES EXPORT_NAME ${lib})
  list(APPEND ZXSPEC_PACKAGE_TARGETS zxspec_${lib})
endforeach()
# The libraries link zxspec_warnings privately; static libraries carry that link in their
# interface ($<LINK_ONLY:...>, no compile options reach a consumer), so it is exported too.
set_target_properties(zxspec_warnings PROPERTIES EXPORT_NAME internal_warnings)

install(TARGETS ${ZXSPEC_PACKAGE_TARGETS} zxspec_warnings EXPORT zxspecTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
foreach(dir ${ZXSPEC_PACKAGE_LIBRARIES})
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/${dir}/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/zxspec/${dir}
          FILES_MATCHING PATTERN "*.h" PATTERN "*test_util.h" EXCLUDE)
endforeach()

set(ZXSPEC_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/zxspec)
install(EXPORT zxspecTargets NAMESPACE zxspec:: DESTINATION ${ZXSPEC_CMAKE_DIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/zxspecConfig.cmake.in
  ${PROJECT_BINARY_DIR}/zxspecConfig.cmake INSTALL_DESTINATION ${ZXSPEC_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/zxspecConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/zxspecConfig.cmake ${PROJECT_BINARY_DIR}/zxspecConfigVersion.cmake
        DESTINATION ${ZXSPEC_CMAKE_DIR})
