# NOR flash parts table (shared with the firmware) and the SPI/quad/octal NOR flash model.
add_library(extmem_sim_nor STATIC
  ${CMAKE_SOURCE_DIR}/sim/devices/spi_nor.c
  ${CMAKE_SOURCE_DIR}/firmware/memories/nor_parts.c)
target_include_directories(extmem_sim_nor PUBLIC
  ${CMAKE_SOURCE_DIR}/sim/devices
  ${CMAKE_SOURCE_DIR}/firmware/memories)

pkg_check_modules(CMOCKA REQUIRED cmocka)
add_executable(test_spi_nor ${CMAKE_SOURCE_DIR}/tests/sim/test_spi_nor.c)
target_include_directories(test_spi_nor PRIVATE ${CMOCKA_INCLUDE_DIRS})
target_link_libraries(test_spi_nor PRIVATE extmem_sim_nor ${CMOCKA_LIBRARIES})
add_test(NAME model.spi-nor COMMAND test_spi_nor)
