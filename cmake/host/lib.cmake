# firmware/lib on the host: the image format, SHA-256 and CRC-32 as a library, the
# extmem-image tool, and their tests (unit.* with cmocka, tool.extmem-image.* as scripts).
file(GLOB EXTMEM_LIB_HOST_SRC CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/firmware/lib/*.c)
add_library(extmem_lib STATIC ${EXTMEM_LIB_HOST_SRC})
target_include_directories(extmem_lib PUBLIC
  ${CMAKE_SOURCE_DIR}/firmware ${CMAKE_SOURCE_DIR}/firmware/lib)

add_executable(extmem_image_tool ${CMAKE_SOURCE_DIR}/tools/extmem-image.c)
target_link_libraries(extmem_image_tool PRIVATE extmem_lib)
set_target_properties(extmem_image_tool PROPERTIES
  OUTPUT_NAME extmem-image
  RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tools)

pkg_check_modules(CMOCKA REQUIRED cmocka)

foreach(t sha256 crc32 image)
  add_executable(test_${t} ${CMAKE_SOURCE_DIR}/tests/unit/test_${t}.c)
  target_link_libraries(test_${t} PRIVATE extmem_lib ${CMOCKA_LINK_LIBRARIES})
  target_include_directories(test_${t} PRIVATE ${CMOCKA_INCLUDE_DIRS})
  add_test(NAME unit.${t} COMMAND test_${t})
endforeach()

add_executable(sha256_file ${CMAKE_SOURCE_DIR}/tests/unit/sha256_file.c)
target_link_libraries(sha256_file PRIVATE extmem_lib)
add_test(NAME unit.sha256.matches-host-sha256sum
  COMMAND sh ${CMAKE_SOURCE_DIR}/tests/unit/sha256_vs_sha256sum.sh
          $<TARGET_FILE:sha256_file> ${CMAKE_BINARY_DIR}/tests/sha256)

# Tool tests: one script, one case per CTest. Exit 77 = skipped (no cross compiler).
foreach(case pack-bin pack-elf pack-xip-elf inspect verify corrupt-payload corrupt-header
             truncated bad-input usage placement-limits)
  add_test(NAME tool.extmem-image.${case}
    COMMAND sh ${CMAKE_SOURCE_DIR}/tests/tools/extmem-image.sh ${case}
            $<TARGET_FILE:extmem_image_tool> ${CMAKE_BINARY_DIR}/tests/extmem-image/${case})
  set_tests_properties(tool.extmem-image.${case} PROPERTIES SKIP_RETURN_CODE 77)
endforeach()
