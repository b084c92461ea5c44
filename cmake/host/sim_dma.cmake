# The DMA1/DMA2 model (sim/periph/dma.c) against the reference manuals, with the test
# firmware tests/sim/fw/dma_checks.c on the STM32H743I-EVAL and on the STM32F723E-DISCO.
# The firmware makes three deliberate mistakes (SxPAR written while enabled, EN set with a
# flag left set, a copy the hardware refuses), so every run ends with exit status 3.
if(EXTMEM_FW_DIR)
  set(EXPECT ${CMAKE_SOURCE_DIR}/tests/e2e/expect.sh)
  # extmem_dma_tests(board cell uart sram-base)
  function(extmem_dma_tests B CELL UART SRAM)
    set(RUN "--board ${B} --boot ${EXTMEM_FW_DIR}/${CELL}/test/dma-checks.bin --until-ms 20")
    set(T "${UART}: test: dma:")
    set(names "")
    add_test(NAME sim.${B}.dma-register-read-with-clock-off-reads-0-and-is-logged
      COMMAND ${EXPECT} 3 "${RUN}"
        "+sim: DMA1 read at \\+0x10 with its clock off \\(RCC_AHB1ENR bit [0-9]+\\): reads 0"
        "+${T} DMA1 S0CR with the clock off reads 0x00000000")
    # 64 items at 2 HCLK cycles each (HCLK = core clock after reset): 128 cycles, plus the
    # polling loop's own; EN read 1 on the first polls.
    add_test(NAME sim.${B}.dma-memory-to-memory-copy-lands-with-tcif-htif-and-its-interrupt
      COMMAND ${EXPECT} 3 "${RUN}"
        "+${T} memory-to-memory copy of 256 bytes: 0 words wrong, NDTR 0, TCIF 1 HTIF 1, interrupt taken 1 times, EN 0 after [2-9][0-9]* polls, 1[2-9][0-9] cycles")
    add_test(NAME sim.${B}.dma-memory-to-memory-packs-bytes-into-words
      COMMAND ${EXPECT} 3 "${RUN}"
        "+${T} 16 bytes packed into words 0x13121110 0x17161514 0x1b1a1918 0x1f1e1d1c, TCIF 1")
    add_test(NAME sim.${B}.dma-par-write-while-enabled-is-ignored
      COMMAND ${EXPECT} 3 "${RUN}"
        "+sim: error: DMA2 stream 1: S1PAR written \\(0x12345678\\) while EN = 1: ignored by hardware"
        "+${T} SxPAR written while EN = 1: reads ${SRAM}, was ${SRAM}")
    add_test(NAME sim.${B}.dma-stream-disabled-by-software-stops-with-tcif
      COMMAND ${EXPECT} 3 "${RUN}"
        "+${T} stream disabled: EN 0 after [1-9][0-9]* polls, TCIF 1, NDTR 16")
    add_test(NAME sim.${B}.dma-enable-with-event-flag-left-set-does-not-start
      COMMAND ${EXPECT} 3 "${RUN}"
        "+sim: error: DMA2 stream 1: EN set with event flags 0x20 still set in LISR: the stream does not start"
        "+${T} EN set with TCIF still set: EN reads 0")
    add_test(NAME sim.${B}.dma-interrupt-enable-with-flag-set-interrupts-at-once
      COMMAND ${EXPECT} 3 "${RUN}"
        "+${T} TCIE set with TCIF still set: interrupt taken 1 times, TCIF now 0")
    add_test(NAME sim.${B}.dma-rcc-reset-restores-register-reset-values
      COMMAND ${EXPECT} 3 "${RUN}"
        "+${T} DMA2 reset: S3NDTR 0x55 -> 0x0, S3PAR 0x0, S3FCR 0x21")
    list(APPEND names sim.${B}.dma-interrupt-enable-with-flag-set-interrupts-at-once
      sim.${B}.dma-rcc-reset-restores-register-reset-values
      sim.${B}.dma-register-read-with-clock-off-reads-0-and-is-logged
      sim.${B}.dma-memory-to-memory-copy-lands-with-tcif-htif-and-its-interrupt
      sim.${B}.dma-memory-to-memory-packs-bytes-into-words sim.${B}.dma-par-write-while-enabled-is-ignored
      sim.${B}.dma-stream-disabled-by-software-stops-with-tcif
      sim.${B}.dma-enable-with-event-flag-left-set-does-not-start)
    set(dma_names ${names} PARENT_SCOPE)
  endfunction()

  extmem_dma_tests(stm32h743i-eval demo uart1 0x24020000)
  set(all ${dma_names})
  set(RUN "--board stm32h743i-eval --boot ${EXTMEM_FW_DIR}/demo/test/dma-checks.bin --until-ms 20")
  add_test(NAME sim.stm32h743i-eval.dma-copy-into-dtcm-ends-in-teif
    COMMAND ${EXPECT} 3 "${RUN}"
      "+sim: error: DMA2 stream 2: transfer error: 0x20008000 is in the DTCM, which the DMA1/DMA2 masters cannot reach"
      "+uart1: test: dma: copy into the DTCM: TEIF 1 TCIF 0, EN 0, NDTR 16, first word 0x00000000")
  list(APPEND all sim.stm32h743i-eval.dma-copy-into-dtcm-ends-in-teif)

  extmem_dma_tests(stm32f723e-disco f723-xip-qspi uart6 0x20020000)
  list(APPEND all ${dma_names})
  set(RUN "--board stm32f723e-disco --boot ${EXTMEM_FW_DIR}/f723-xip-qspi/test/dma-checks.bin --until-ms 20")
  add_test(NAME sim.stm32f723e-disco.dma-copy-into-dtcm-lands-through-ahbs
    COMMAND ${EXPECT} 3 "${RUN}"
      "+uart6: test: dma: copy into the DTCM: TEIF 0 TCIF 1, EN 0, NDTR 0, first word 0x13121110")
  add_test(NAME sim.stm32f723e-disco.dma1-memory-to-memory-is-refused-with-teif
    COMMAND ${EXPECT} 3 "${RUN}"
      "+sim: error: DMA1 stream 0: transfer error: memory-to-memory is only possible on DMA2"
      "+uart6: test: dma: DMA1 memory-to-memory: TEIF 1 TCIF 0, EN 0, NDTR 16")
  list(APPEND all sim.stm32f723e-disco.dma-copy-into-dtcm-lands-through-ahbs
    sim.stm32f723e-disco.dma1-memory-to-memory-is-refused-with-teif)
  set_tests_properties(${all} PROPERTIES ENVIRONMENT "SIM=$<TARGET_FILE:extmem-sim>")
endif()
