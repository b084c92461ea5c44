# FMC memories: boot cells with code or data in an FMC memory, the memory-test firmware for
# every FMC memory of every board, and test firmwares with one bring-up mistake each.

# Cells of the STM32H743I-EVAL: XiP from the FMC NOR flash (the NOR image is led.bin), and the
# LED application from QSPI with its data in the SDRAM or in the SRAM.
extmem_cell(h743i-xip-nor stm32h743i-eval USE_NOR USE_INTERNAL_SRAM)
extmem_cell(h743i-data-sdram stm32h743i-eval USE_QSPI USE_EXTERNAL_SDRAM)
extmem_cell(h743i-data-sram stm32h743i-eval USE_QSPI USE_EXTERNAL_SRAM)

# Memory test firmware: the boot's area bring-up (boot/area*.c) for one memory, then the test
# of firmware/lib/march.c (RAM) or read-back + program-and-execute (NOR).
#   extmem_memtest(<cell> <name> <USE_* area>)  ->  build/fw/<cell>/test/memtest-<name>.bin
function(extmem_memtest cell name area)
  include(${CMAKE_BINARY_DIR}/${cell}/layout.cmake)
  extmem_family_sources(areas ${EXTMEM_FAMILY_SUFFIX} ${FW}/boot)
  list(FILTER areas INCLUDE REGEX "/area[^/]*\\.c$")
  extmem_test_fw(memtest-${name} CELL ${cell} SOURCES ${TESTFW}/fmc/memtest.c ${areas}
                 DEFINES MEMTEST_AREA=${area} CODE_AREA=USE_QSPI DATA_AREA=USE_INTERNAL_SRAM)
endfunction()
extmem_memtest(h743i-data-sdram sdram USE_EXTERNAL_SDRAM)
extmem_memtest(h743i-data-sdram sram USE_EXTERNAL_SRAM)
extmem_memtest(h743i-data-sdram nor USE_NOR)

# One bring-up mistake each (tests/sim/fw/fmc/fmc_mistakes.c).
foreach(mistake NO_AUTOREFRESH NO_LMR SHORT_POWERUP WRONG_CAS NO_REFRESH BANK_DISABLED NO_FMCEN)
  string(TOLOWER ${mistake} name)
  string(REPLACE "_" "-" name ${name})
  extmem_test_fw(fmc-${name} CELL h743i-data-sdram SOURCES ${TESTFW}/fmc/fmc_mistakes.c
                 DEFINES MISTAKE_${mistake} MISTAKE_NAME="${name}")
endforeach()
