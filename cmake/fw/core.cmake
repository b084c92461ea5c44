# Test firmwares of the simulator's core rules (tests/sim/fw/core, one rule each), on the demo
# cell's board from internal flash. CTests: cmake/host/core.cmake.
foreach(t mpu_no_access mpu_regions xn_fetch escalation lockup invstate tail_chain exceptions wfe div0 nocp unaligned vecttbl invpc store_imprecise load_precise)
  string(REPLACE "_" "-" n ${t})
  extmem_test_fw(core-${n} SOURCES ${TESTFW}/core/${t}.c)
endforeach()

# Code in SDRAM: the test brings the SDRAM up with the boot's own area code, on the FMC cell of
# the STM32H743I-EVAL (cmake/fw/fmc.cmake), which exists once every fragment is read.
function(extmem_core_sdram_fw)
  set(cell fmc-stm32h743i-eval)
  if(NOT EXISTS ${CMAKE_BINARY_DIR}/${cell}/layout.cmake)
    return()
  endif()
  include(${CMAKE_BINARY_DIR}/${cell}/layout.cmake)
  extmem_family_sources(areas ${EXTMEM_FAMILY_SUFFIX} ${FW}/boot)
  list(FILTER areas INCLUDE REGEX "/area[^/]*\\.c$")
  extmem_test_fw(core-sdram-code CELL ${cell} SOURCES ${TESTFW}/core/sdram_code.c ${areas}
                 DEFINES CODE_AREA=USE_QSPI DATA_AREA=USE_EXTERNAL_SDRAM)
endfunction()
cmake_language(DEFER CALL extmem_core_sdram_fw)
