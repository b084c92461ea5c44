# FMC memories: for every FMC memory of every board, boot cells with code or data in it and the
# memory-test firmware; test firmwares with one bring-up mistake each.

# Memory test firmware: the boot's area bring-up (boot/area*.c) for one memory, then the test
# of firmware/lib/march.c (RAM) or read-back + program-and-execute (NOR), for every FMC memory
# of every board whose board data points to its FMC description (the layout tool accepts the
# area): build/fw/fmc-<board>/test/memtest-{sdram,sram,psram,nor}.bin.
function(extmem_fmc_memtests board)
  set(code "")
  foreach(c USE_QSPI USE_OSPI USE_NOR)
    execute_process(COMMAND ${LAYOUT_TOOL} ${board} ${c} USE_INTERNAL_SRAM "" RESULT_VARIABLE rc
                    OUTPUT_QUIET ERROR_QUIET)
    if(rc EQUAL 0 AND code STREQUAL "")
      set(code ${c})
    endif()
  endforeach()
  if(code STREQUAL "")
    return()
  endif()
  set(cell fmc-${board})
  set(tests "")
  foreach(pair sdram:USE_EXTERNAL_SDRAM sram:USE_EXTERNAL_SRAM psram:USE_EXTERNAL_PSRAM hyperram:USE_EXTERNAL_RAM
               nor:USE_NOR)
    string(REPLACE ":" ";" pair ${pair})
    list(GET pair 0 name)
    list(GET pair 1 area)
    if(area STREQUAL "USE_NOR")
      set(args ${area} USE_INTERNAL_SRAM)
    else()
      set(args ${code} ${area})
    endif()
    execute_process(COMMAND ${LAYOUT_TOOL} ${board} ${args} "" RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
    if(rc EQUAL 0)
      list(APPEND tests "${name}:${area}")
    endif()
  endforeach()
  if(NOT tests)
    return()
  endif()
  extmem_cell(${cell} ${board} ${code} USE_INTERNAL_SRAM)
  # which XiP flash the data cells execute from: the tests pass the image as --qspi or --image ospi=
  file(WRITE ${CMAKE_BINARY_DIR}/${cell}/xip-area.txt ${code})
  # Boot cells: the LED application executing in place from the NOR flash, or from the board's
  # XiP flash with its data in each FMC RAM (fmc-<board>-xip-nor, fmc-<board>-data-<ram>).
  foreach(t ${tests})
    string(REPLACE ":" ";" t ${t})
    list(GET t 0 name)
    list(GET t 1 area)
    if(area STREQUAL "USE_NOR")
      extmem_cell(${cell}-xip-nor ${board} USE_NOR USE_INTERNAL_SRAM)
    else()
      extmem_cell(${cell}-data-${name} ${board} ${code} ${area})
    endif()
  endforeach()
  include(${CMAKE_BINARY_DIR}/${cell}/layout.cmake)
  extmem_family_sources(areas ${EXTMEM_FAMILY_SUFFIX} ${FW}/boot)
  list(FILTER areas INCLUDE REGEX "/area[^/]*\\.c$")
  foreach(t ${tests})
    string(REPLACE ":" ";" t ${t})
    list(GET t 0 name)
    list(GET t 1 area)
    # the memory under test is this build's CODE_AREA (NOR) or DATA_AREA (RAM), as in a boot
    if(area STREQUAL "USE_NOR")
      set(defs CODE_AREA=USE_NOR DATA_AREA=USE_INTERNAL_SRAM)
    else()
      set(defs CODE_AREA=${code} DATA_AREA=${area})
    endif()
    extmem_test_fw(memtest-${name} CELL ${cell} SOURCES ${TESTFW}/fmc/memtest.c ${TESTFW}/fmc/fwsupport.c ${areas}
                   DEFINES MEMTEST_AREA=${area} ${defs})
  endforeach()
endfunction()
foreach(board stm32h743i-eval stm32756g-eval stm32h7b3i-eval stm32h7b3i-dk stm32f723e-disco stm32h735g-dk)
  execute_process(COMMAND ${LAYOUT_TOOL} ${board} USE_QSPI USE_INTERNAL_SRAM "" RESULT_VARIABLE rc
                  ERROR_VARIABLE err OUTPUT_QUIET)
  if(NOT err MATCHES "unknown BOARD")
    extmem_fmc_memtests(${board})
  endif()
endforeach()

# One bring-up mistake each (tests/sim/fw/fmc/fmc_mistakes.c).
foreach(mistake NO_AUTOREFRESH NO_LMR SHORT_POWERUP WRONG_CAS NO_REFRESH BANK_DISABLED NO_FMCEN)
  string(TOLOWER ${mistake} name)
  string(REPLACE "_" "-" name ${name})
  extmem_test_fw(fmc-${name} CELL fmc-stm32h743i-eval SOURCES ${TESTFW}/fmc/fmc_mistakes.c ${TESTFW}/fmc/fwsupport.c
                 DEFINES MISTAKE_${mistake} MISTAKE_NAME="${name}")
endforeach()
