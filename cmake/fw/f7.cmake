# STM32F7 boards (issue 4): the LED application executing in place from the QUADSPI flash,
# data in internal SRAM.
extmem_cell(f723-xip-qspi stm32f723e-disco USE_QSPI USE_INTERNAL_SRAM)
extmem_cell(f756-xip-qspi stm32756g-eval USE_QSPI USE_INTERNAL_SRAM)

# The clock bring-up with one deliberate mistake each (the simulator must refuse the switch;
# the firmware must report it): too few flash wait states, no over-drive above 180 MHz.
foreach(cell f723-xip-qspi f756-xip-qspi)
  extmem_test_fw(clock-low-latency CELL ${cell} SOURCES ${TESTFW}/f7_clock_mistakes.c
                 DEFINES MISTAKE_LOW_LATENCY)
  extmem_test_fw(clock-no-overdrive CELL ${cell} SOURCES ${TESTFW}/f7_clock_mistakes.c
                 DEFINES MISTAKE_NO_OVERDRIVE)
endforeach()

# The QSPI bring-up with one mistake each, on the F7 boards (sources shared with the H7).
foreach(cell f723-xip-qspi f756-xip-qspi)
  extmem_test_fw(qspi-wrong-dummy CELL ${cell} SOURCES ${TESTFW}/qspi_mistakes.c
                 DEFINES MISTAKE_WRONG_DUMMY MISTAKE_NAME="wrong-dummy")
endforeach()
# Macronix only: the vendor step (quad enable, dummy cycles) left out.
extmem_test_fw(qspi-macronix-no-qe CELL f723-xip-qspi SOURCES ${TESTFW}/qspi_macronix_no_qe.c)
