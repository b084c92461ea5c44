# OCTOSPI NOR flash (XiP) cells of the H7B0 and H730 stand-in boards, and the OSPI test
# firmwares with one deliberate mistake each. The flash image of a cell is its led.bin (or
# any application .bin) given to the simulator as --image ospi=FILE.
extmem_cell(stm32h7b3i-eval-xip-ospi stm32h7b3i-eval USE_OSPI USE_INTERNAL_SRAM)
extmem_cell(stm32h7b3i-dk-xip-ospi stm32h7b3i-dk USE_OSPI USE_INTERNAL_SRAM)
extmem_cell(stm32h735g-dk-xip-ospi stm32h735g-dk USE_OSPI USE_INTERNAL_SRAM)

foreach(mistake NO_MMAP NO_DQS WRONG_DUMMY FEW_DUMMY NO_ROUTE)
  string(TOLOWER ${mistake} name)
  string(REPLACE "_" "-" name ${name})
  extmem_test_fw(ospi-${name} SOURCES ${TESTFW}/ospi_mistakes.c CELL stm32h735g-dk-xip-ospi
                 DEFINES MISTAKE_${mistake} MISTAKE_NAME="${name}")
endforeach()

# The clock bring-up of the H7B3 line with one mistake each (RCC/PWR/FLASH model checks).
foreach(mistake FEW_WS LOW_VOS WRONG_SUPPLY)
  string(TOLOWER ${mistake} name)
  string(REPLACE "_" "-" name ${name})
  extmem_test_fw(clock-${name} SOURCES ${TESTFW}/clock_mistakes.c CELL stm32h7b3i-dk-xip-ospi
                 DEFINES MISTAKE_${mistake} MISTAKE_NAME="${name}")
endforeach()

# XiP from the OSPI NOR flash with the application's data in the HyperRAM (STM32H735G-DK).
extmem_cell(stm32h735g-dk-xip-ospi-data-hyperram stm32h735g-dk USE_OSPI USE_EXTERNAL_RAM)

foreach(mistake NO_CSBOUND NO_REFRESH SHORT_LATENCY)
  string(TOLOWER ${mistake} name)
  string(REPLACE "_" "-" name ${name})
  extmem_test_fw(hyperram-${name} SOURCES ${TESTFW}/hyperram_mistakes.c CELL stm32h735g-dk-xip-ospi-data-hyperram
                 DEFINES MISTAKE_${mistake} MISTAKE_NAME="${name}")
endforeach()
