# End-to-end tests: the real boot and application binaries of the firmware build, booted in
# the simulator. Names: <area>.<board>.<what> (DESIGN.md).
if(EXTMEM_FW_DIR)
  set(FWD ${EXTMEM_FW_DIR}/demo)
  set(B stm32h743i-eval)
  set(RUN "--board ${B} --boot ${FWD}/boot.bin --qspi ${FWD}/qspi.img")
  set(EXPECT ${CMAKE_SOURCE_DIR}/tests/e2e/expect.sh)
  file(WRITE ${CMAKE_BINARY_DIR}/empty.img "")

  add_test(NAME boot.${B}.xip-qspi.stages-in-order-then-app-at-0x90000000
    COMMAND ${EXPECT} 0 "${RUN} --until-ms 50"
      "+uart1: extmem-boot on STM32H743I-EVAL \\(as STM32H750, 128 KiB internal flash\\)"
      "+uart1: \\[boot\\] clock: SYSCLK 400 MHz, HCLK 200 MHz, flash 2 WS"
      "+uart1: \\[boot\\] mpu: code 0x90000000 128 MiB read-only executable, data 0x24000000 512 KiB no-execute"
      "+uart1: \\[boot\\] cache: I-cache 16 KiB and D-cache 16 KiB enabled"
      "+sim: QUADSPI: memory-mapped mode, 0xEC 1-4-4, 10 dummy cycles, 100 MHz"
      "+uart1: \\[boot\\] qspi: 2 x MT25QL512, id 20 BA 20, 100 MHz"
      "+uart1: \\[boot\\] qspi: memory-mapped at 0x90000000 \\(128 MiB\\)"
      "+uart1: \\[boot\\] app: vector table at 0x90000000, SP 0x24080000, reset 0x9000"
      "+uart1: \\[boot\\] jump: to 0x9000"
      "+uart1: led: running from 0x9000[0-9a-f]{4} \\(VTOR 0x90000000\\), stack at 0x2407ff"
      "+sim: end: .* 0 faults, 0 errors, exit 0"
      "!sim: error" "!Fault")
  add_test(NAME boot.${B}.xip-qspi.led-toggles-every-100-ms
    COMMAND ${CMAKE_SOURCE_DIR}/tests/e2e/led_period.sh "${RUN} --until-ms 800" PF10 100 5)
  add_test(NAME boot.${B}.xip-qspi.second-led-toggles-every-250-ms
    COMMAND ${CMAKE_SOURCE_DIR}/tests/e2e/led_period.sh "${RUN} --until-ms 1300" PA4 250 4)
  add_test(NAME boot.${B}.xip-qspi.erased-flash-is-refused-without-jump
    COMMAND ${EXPECT} 0 "--board ${B} --boot ${FWD}/boot.bin --qspi ${CMAKE_BINARY_DIR}/empty.img --until-ms 50"
      "+uart1: E50 app: no application at 0x90000000 \\(flash erased\\)"
      "+gpio: PA4 = 0 \\(LED3 red on\\)" "!jump" "!led:")
  add_test(NAME boot.${B}.xip-qspi.wrong-flash-part-is-reported-by-jedec-id
    COMMAND ${EXPECT} 0 "${RUN} --qspi-part MX25L51245G --until-ms 50"
      "+uart1: E13 qspi: JEDEC ID C2 20 1A is not the MT25QL512 the board declares"
      "!jump" "!led:")
  add_test(NAME sim.${B}.qspi-window-read-without-memory-mapped-mode-bus-faults
    COMMAND ${EXPECT} 2 "--board ${B} --boot ${FWD}/test/qspi-no-mmap.bin --qspi ${FWD}/qspi.img --until-ms 50"
      "+sim: HardFault: precise data bus error, read of 0x90000000 at pc 0x08[0-9a-f]+: QUADSPI is not in memory-mapped mode"
      "+uart1: test: fault: HardFault at pc 0x08[0-9a-f]+, CFSR 0x00008200, BFAR 0x90000000"
      "!first word")
  add_test(NAME sim.${B}.qspi-memory-mapped-with-wrong-dummy-cycles-bus-faults
    COMMAND ${EXPECT} 2 "--board ${B} --boot ${FWD}/test/qspi-wrong-dummy.bin --qspi ${FWD}/qspi.img --until-ms 50"
      "+memory-mapped read refused by the flash: qspi die 0: 0xEC read with 8 dummy cycles, expected 10"
      "+uart1: test: fault: HardFault at pc 0x08[0-9a-f]+, CFSR 0x00008200, BFAR 0x90000000"
      "!first word")
  add_test(NAME sim.${B}.qspi-command-inside-reset-recovery-is-ignored
    COMMAND ${EXPECT} 0 "--board ${B} --boot ${FWD}/test/qspi-no-reset-wait.bin --qspi ${FWD}/qspi.img --until-ms 50"
      "+sim: qspi die 0: 0x9F command ignored: within reset recovery"
      "+uart1: test: identity: no answer \\(reads all ones\\)")
  add_test(NAME boot.${B}.xip-qspi.hello-reports-code-in-flash-data-in-axi-sram
    COMMAND ${EXPECT} 0 "--board ${B} --boot ${FWD}/boot.bin --qspi ${FWD}/hello.bin --until-ms 50"
      "+uart1: hello: code 0x9000[0-9a-f]{4}, vectors 0x90000000 \\(VTOR 0x90000000\\), data 0x240[0-9a-f]{5}, stack 0x2407ff"
      "+uart1: hello: core 400 MHz, I-cache on, D-cache on, data initialised, bss zeroed"
      "+uart1: hello: done" "+sim: core halted" "!Fault" "!sim: error")
  add_test(NAME sim.${B}.same-inputs-give-the-same-log
    COMMAND sh -c "\"$0\" ${RUN} --until-ms 300 > run1.log; \"$0\" ${RUN} --until-ms 300 > run2.log; cmp run1.log run2.log && echo identical"
            $<TARGET_FILE:extmem-sim>)
  set_tests_properties(
    boot.${B}.xip-qspi.stages-in-order-then-app-at-0x90000000 boot.${B}.xip-qspi.led-toggles-every-100-ms
    boot.${B}.xip-qspi.second-led-toggles-every-250-ms boot.${B}.xip-qspi.erased-flash-is-refused-without-jump
    boot.${B}.xip-qspi.wrong-flash-part-is-reported-by-jedec-id
    sim.${B}.qspi-window-read-without-memory-mapped-mode-bus-faults
    sim.${B}.qspi-memory-mapped-with-wrong-dummy-cycles-bus-faults
    sim.${B}.qspi-command-inside-reset-recovery-is-ignored
    boot.${B}.xip-qspi.hello-reports-code-in-flash-data-in-axi-sram
    PROPERTIES ENVIRONMENT "SIM=$<TARGET_FILE:extmem-sim>")
endif()
