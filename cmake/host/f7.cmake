# STM32F7 boards (issue 4): the real boot and LED application of the f723-xip-qspi and
# f756-xip-qspi cells, booted in the simulator; model refusals of wrong bring-ups.
if(EXTMEM_FW_DIR)
  set(EXPECT ${CMAKE_SOURCE_DIR}/tests/e2e/expect.sh)
  set(LED_PERIOD ${CMAKE_SOURCE_DIR}/tests/e2e/led_period.sh)
  file(WRITE ${CMAKE_BINARY_DIR}/empty.img "")

  # extmem_f7_tests(board cell uart banner clock-line mpu-line cache-line qspi-mmap qspi-line
  #                 sp led1 led2 other-part other-id)
  function(extmem_f7_tests B CELL UART BANNER CLOCK MPU CACHE MMAP QSPI SP LED1 LED2 OTHER OTHER_ID)
    set(FWD ${EXTMEM_FW_DIR}/${CELL})
    set(RUN "--board ${B} --boot ${FWD}/boot.bin --qspi ${FWD}/qspi.img")
    set(names "")
    add_test(NAME boot.${B}.xip-qspi.stages-in-order-then-app
      COMMAND ${EXPECT} 0 "${RUN} --until-ms 80"
        "+${UART}: extmem-boot on ${BANNER}: execute in place from QSPI flash, data in internal SRAM"
        "+${UART}: \\[boot\\] clock: ${CLOCK}"
        "+${UART}: \\[boot\\] mpu: ${MPU}"
        "+${UART}: \\[boot\\] cache: ${CACHE}"
        "+sim: QUADSPI: memory-mapped mode, ${MMAP}"
        "+${UART}: \\[boot\\] qspi: ${QSPI}"
        "+${UART}: \\[boot\\] qspi: memory-mapped at 0x90000000 \\(64 MiB\\), quad I/O read 0xEC, 10 dummy cycles"
        "+${UART}: \\[boot\\] app: vector table at 0x90000000, SP ${SP}, reset 0x9000"
        "+${UART}: \\[boot\\] jump: to 0x9000"
        "+${UART}: led: running from 0x9000[0-9a-f]{4} \\(VTOR 0x90000000\\)"
        "+sim: end: .* 0 faults, 0 errors, exit 0"
        "!sim: error" "!Fault")
    list(APPEND names boot.${B}.xip-qspi.stages-in-order-then-app)
    add_test(NAME boot.${B}.xip-qspi.led-toggles-every-100-ms
      COMMAND ${LED_PERIOD} "${RUN} --until-ms 800" ${LED1} 100 5)
    add_test(NAME boot.${B}.xip-qspi.second-led-toggles-every-250-ms
      COMMAND ${LED_PERIOD} "${RUN} --until-ms 1300" ${LED2} 250 4)
    list(APPEND names boot.${B}.xip-qspi.led-toggles-every-100-ms boot.${B}.xip-qspi.second-led-toggles-every-250-ms)
    # The Value line part has 64 KiB of flash: the boot image must fit it.
    add_test(NAME boot.${B}.xip-qspi.boot-fits-64-KiB
      COMMAND sh -c "n=$(wc -c < \"$0\") && echo \"boot.bin: $n of 65536 bytes\" && [ \"$n\" -le 65536 ]"
              ${FWD}/boot.bin)
    add_test(NAME boot.${B}.xip-qspi.erased-flash-is-refused-without-jump
      COMMAND ${EXPECT} 0 "--board ${B} --boot ${FWD}/boot.bin --qspi ${CMAKE_BINARY_DIR}/empty.img --until-ms 80"
        "+${UART}: E50 app: no application at 0x90000000 \\(flash erased\\)"
        "+gpio: ${LED2} = [01] \\([^)]* on\\)" "!jump" "!led:")
    add_test(NAME boot.${B}.xip-qspi.wrong-flash-part-is-reported-by-jedec-id
      COMMAND ${EXPECT} 0 "${RUN} --qspi-part ${OTHER} --until-ms 80"
        "+${UART}: E13 qspi: JEDEC ID ${OTHER_ID} is not the .* the board declares: check the part fitted"
        "!jump" "!led:")
    add_test(NAME sim.${B}.clock-switch-with-too-few-flash-wait-states-is-refused
      COMMAND ${EXPECT} 3 "--board ${B} --boot ${FWD}/test/clock-low-latency.bin --until-ms 50"
        "+sim: error: FLASH: switch to HCLK [0-9]+ MHz refused: [0-9] wait states serve up to [0-9]+ MHz"
        "+${UART}: test: clock: system clock switch to PLL failed \\(timeout\\)"
        "!accepted")
    add_test(NAME sim.${B}.clock-switch-above-180-MHz-without-over-drive-is-refused
      COMMAND ${EXPECT} 3 "--board ${B} --boot ${FWD}/test/clock-no-overdrive.bin --until-ms 50"
        "+sim: error: RCC: switch to HCLK [0-9]+ MHz refused: the regulator allows 180 MHz without over-drive"
        "+${UART}: test: clock: system clock switch to PLL failed \\(timeout\\)"
        "!accepted")
    add_test(NAME sim.${B}.qspi-memory-mapped-with-wrong-dummy-cycles-bus-faults
      COMMAND ${EXPECT} 2 "--board ${B} --boot ${FWD}/test/qspi-wrong-dummy.bin --qspi ${FWD}/qspi.img --until-ms 80"
        "+memory-mapped read refused by the flash: qspi die 0: 0xEC read with 8 dummy cycles, expected 10"
        "+${UART}: test: fault: HardFault at pc 0x08[0-9a-f]+, CFSR 0x00008200, BFAR 0x90000000"
        "!first word")
    add_test(NAME boot.${B}.xip-qspi.hello-reports-code-in-flash-data-in-internal-sram
      COMMAND ${EXPECT} 0 "--board ${B} --boot ${FWD}/boot.bin --qspi ${FWD}/hello.bin --until-ms 80"
        "+${UART}: hello: code 0x9000[0-9a-f]{4}, vectors 0x90000000 \\(VTOR 0x90000000\\), data 0x200[0-9a-f]{5}, stack 0x200[0-9a-f]{5}"
        "+${UART}: hello: core [0-9]+ MHz, I-cache on, D-cache on, data initialised, bss zeroed"
        "+${UART}: hello: done" "+sim: core halted" "!Fault" "!sim: error")
    list(APPEND names boot.${B}.xip-qspi.hello-reports-code-in-flash-data-in-internal-sram)
    list(APPEND names boot.${B}.xip-qspi.erased-flash-is-refused-without-jump
         boot.${B}.xip-qspi.wrong-flash-part-is-reported-by-jedec-id
         sim.${B}.clock-switch-with-too-few-flash-wait-states-is-refused
         sim.${B}.clock-switch-above-180-MHz-without-over-drive-is-refused
         sim.${B}.qspi-memory-mapped-with-wrong-dummy-cycles-bus-faults)
    set_tests_properties(${names} PROPERTIES ENVIRONMENT "SIM=$<TARGET_FILE:extmem-sim>")
  endfunction()

  extmem_f7_tests(stm32f723e-disco f723-xip-qspi uart6
    "32F723EDISCOVERY \\(as STM32F730, 64 KiB internal flash\\)"
    "SYSCLK 216 MHz, HCLK 216 MHz, flash 7 WS"
    "code 0x90000000 64 MiB read-only executable, data 0x20000000 256 KiB no-execute"
    "I-cache 8 KiB and D-cache 8 KiB enabled"
    "0xEC 1-4-4, 10 dummy cycles, 108 MHz"
    "1 x MX25L51245G, id C2 20 1A, 108 MHz"
    0x20040000 PA7 PB1 N25Q512A "20 BA 20")
  extmem_f7_tests(stm32756g-eval f756-xip-qspi uart1
    "STM32756G-EVAL \\(as STM32F750, 64 KiB internal flash\\)"
    "SYSCLK 200 MHz, HCLK 200 MHz, flash 6 WS"
    "code 0x90000000 64 MiB read-only executable, data 0x20000000 512 KiB no-execute"
    "I-cache 4 KiB and D-cache 4 KiB enabled"
    "0xEC 1-4-4, 10 dummy cycles, 100 MHz"
    "1 x N25Q512A, id 20 BA 20, 100 MHz"
    0x20050000 PF10 PB7 MX25L51245G "C2 20 1A")

  # Macronix quirk: without quad enable (SR[6]) the part keeps IO2/IO3 as WP#/HOLD#.
  set(B stm32f723e-disco)
  add_test(NAME sim.${B}.qspi-quad-read-without-quad-enable-bus-faults
    COMMAND ${EXPECT} 2 "--board ${B} --boot ${EXTMEM_FW_DIR}/f723-xip-qspi/test/qspi-macronix-no-qe.bin --qspi ${EXTMEM_FW_DIR}/f723-xip-qspi/qspi.img --until-ms 80"
      "+memory-mapped read refused by the flash: qspi die 0: 0xEC quad read with SR\\[6\\] QE=0"
      "+uart6: test: fault: HardFault at pc 0x08[0-9a-f]+, CFSR 0x00008200, BFAR 0x90000000"
      "!first word")
  set_tests_properties(sim.${B}.qspi-quad-read-without-quad-enable-bus-faults
    PROPERTIES ENVIRONMENT "SIM=$<TARGET_FILE:extmem-sim>")
endif()
