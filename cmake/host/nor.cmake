# The SPI/quad/octal NOR flash model against the parts table shared with the firmware.
pkg_check_modules(CMOCKA REQUIRED cmocka)
add_executable(test_spi_nor ${CMAKE_SOURCE_DIR}/tests/sim/test_spi_nor.c)
target_include_directories(test_spi_nor PRIVATE ${CMOCKA_INCLUDE_DIRS})
target_link_libraries(test_spi_nor PRIVATE extmem_sim ${CMOCKA_LIBRARIES})
add_test(NAME model.spi-nor COMMAND test_spi_nor)
