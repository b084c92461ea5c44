# Memory test of the XiP flash of every board (QUADSPI or OCTOSPI NOR): the boot's bring-up,
# then erase, program and read-back through the driver and a function executed in place
# (tests/sim/fw/xip_memtest.c), built in the configuration-matrix cell that executes in place
# from that flash with its data in internal SRAM: build/fw/<cell>/test/memtest-{qspi,ospi}.bin.
# One mistake: the program sent without write enable (memtest-<area>-no-wren.bin).
foreach(board stm32h743i-eval stm32756g-eval stm32f723e-disco stm32h7b3i-eval stm32h7b3i-dk stm32h735g-dk)
  foreach(area qspi ospi)
    set(cell m-${board}-${area}-internal_sram)
    if(NOT EXISTS ${CMAKE_BINARY_DIR}/${cell}/layout.cmake)
      continue()
    endif()
    string(TOUPPER ${area} AREA)
    include(${CMAKE_BINARY_DIR}/${cell}/layout.cmake)
    extmem_family_sources(areas ${EXTMEM_FAMILY_SUFFIX} ${FW}/boot)
    list(FILTER areas INCLUDE REGEX "/area[^/]*\\.c$")
    set(defs MEMTEST_AREA=USE_${AREA} CODE_AREA=USE_${AREA} DATA_AREA=USE_INTERNAL_SRAM)
    extmem_test_fw(memtest-${area} CELL ${cell} SOURCES ${TESTFW}/xip_memtest.c ${TESTFW}/fmc/fwsupport.c ${areas}
                   DEFINES ${defs})
    if(board STREQUAL "stm32h743i-eval" OR board STREQUAL "stm32h735g-dk")
      extmem_test_fw(memtest-${area}-no-wren CELL ${cell}
                     SOURCES ${TESTFW}/xip_memtest.c ${TESTFW}/fmc/fwsupport.c ${areas}
                     DEFINES ${defs} MISTAKE_NO_WREN)
    endif()
  endforeach()
endforeach()
