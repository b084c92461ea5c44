# Test firmware for the simulator's DMA1/DMA2 model (tests/sim/fw/dma_checks.c), on the
# STM32H743I-EVAL (demo cell) and on the STM32F723E-DISCO (f723-xip-qspi cell, from f7.cmake).
extmem_test_fw(dma-checks SOURCES ${TESTFW}/dma_checks.c)
extmem_test_fw(dma-checks CELL f723-xip-qspi SOURCES ${TESTFW}/dma_checks.c)
