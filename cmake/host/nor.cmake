# The SPI/quad/octal NOR flash model against the parts table shared with the firmware.
pkg_check_modules(CMOCKA REQUIRED cmocka)
add_executable(test_spi_nor ${CMAKE_SOURCE_DIR}/tests/sim/test_spi_nor.c)
target_include_directories(test_spi_nor PRIVATE ${CMOCKA_INCLUDE_DIRS})
target_link_libraries(test_spi_nor PRIVATE extmem_sim ${CMOCKA_LIBRARIES})
add_test(NAME model.spi-nor COMMAND test_spi_nor)

# The indirect-transfer FIFO status shared by the QUADSPI and OCTOSPI models.
add_executable(test_xspi_fifo ${CMAKE_SOURCE_DIR}/tests/sim/test_xspi_fifo.c)
target_include_directories(test_xspi_fifo PRIVATE ${CMOCKA_INCLUDE_DIRS} ${CMAKE_SOURCE_DIR}/sim/periph)
target_link_libraries(test_xspi_fifo PRIVATE extmem_sim ${CMOCKA_LIBRARIES})
add_test(NAME model.xspi-fifo-write-drains-at-the-bus-rate-read-fills-evenly COMMAND test_xspi_fifo)
