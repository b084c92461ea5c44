# rtos: the portable kernel + a fake port, built for the host and unit-tested with cmocka.
# firmware/rtos/rtos_port_cm7.c is target-only (the firmware build globs firmware/rtos/*.c).
add_library(extmem_rtos_host STATIC
  ${CMAKE_SOURCE_DIR}/firmware/rtos/rtos.c
  ${CMAKE_SOURCE_DIR}/tests/unit/rtos_fake_port.c)
target_include_directories(extmem_rtos_host PUBLIC
  ${CMAKE_SOURCE_DIR}/firmware/rtos ${CMAKE_SOURCE_DIR}/tests/unit)

pkg_check_modules(CMOCKA REQUIRED cmocka)
add_executable(test_rtos ${CMAKE_SOURCE_DIR}/tests/unit/test_rtos.c)
target_include_directories(test_rtos PRIVATE ${CMOCKA_INCLUDE_DIRS})
target_link_libraries(test_rtos PRIVATE extmem_rtos_host ${CMOCKA_LINK_LIBRARIES})
add_test(NAME unit.rtos COMMAND test_rtos)
