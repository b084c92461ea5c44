# The resources rules of the seed's section 4, checked by the simulator at the jump.
if(EXTMEM_FW_DIR)
  set(B stm32h743i-eval)
  set(FWD ${EXTMEM_FW_DIR}/demo)
  add_test(NAME sim.${B}.resources-left-at-the-jump-are-each-reported
    COMMAND ${CMAKE_SOURCE_DIR}/tests/e2e/expect.sh 3
      "--check-resources --board ${B} --boot ${FWD}/test/resources-left-running.bin --until-ms 20"
      "+uart1: test: jumping with the console"
      "+sim: error: resources: IRQ 37 still enabled at the jump"
      "+sim: error: resources: IRQ 40 still pending at the jump"
      "+sim: error: resources: SysTick still counting at the jump"
      "+sim: error: resources: DMA2 stream 0 still enabled at the jump \\(peripheral-to-memory on DMAMUX1 request 41, NDTR 16, waiting for requests\\): disable it and wait for EN = 0"
      "+sim: error: resources: USART1 still clocked at the jump, but the application runs from internal memory"
      "+sim: error: resources: DMA2 still clocked at the jump"
      "+sim: error: resources: PB14 left in alternate function 4 at the jump"
      "+sim: error: resources: PB15 left in alternate function 4 at the jump"
      "!resources at the jump to .*: clean")
  add_test(NAME boot.${B}.xip-qspi.boot-hands-over-only-the-qspi-flash
    COMMAND ${CMAKE_SOURCE_DIR}/tests/e2e/expect.sh 0
      "--check-resources --board ${B} --boot ${FWD}/boot.bin --qspi ${FWD}/qspi.img --until-ms 20"
      "+sim: resources at the jump to 0x9000[0-9a-f]{4}: clean \\(code in QUADSPI flash, data in internal memory\\)"
      "!sim: error")
  set_tests_properties(sim.${B}.resources-left-at-the-jump-are-each-reported
    boot.${B}.xip-qspi.boot-hands-over-only-the-qspi-flash PROPERTIES ENVIRONMENT "SIM=$<TARGET_FILE:extmem-sim>")
endif()
