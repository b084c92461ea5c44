# OCTOSPI NOR flash (XiP) on the H7B0 and H730 stand-in boards: the real boot and LED
# application booted in the simulator, the flash content given as --image ospi=FILE.
if(EXTMEM_FW_DIR)
  set(EXPECT ${CMAKE_SOURCE_DIR}/tests/e2e/expect.sh)
  set(LEDP ${CMAKE_SOURCE_DIR}/tests/e2e/led_period.sh)
  file(WRITE ${CMAKE_BINARY_DIR}/ospi-empty.img "")
  set(ospi_tests "")

  # board, console, first LED, board name, value line, clock line, ospi clock, SP
  foreach(spec
      "stm32h7b3i-eval|uart1|PG13|STM32H7B3I-EVAL|STM32H7B0|SYSCLK 280 MHz, HCLK 280 MHz, flash 6 WS|93|0x24100000"
      "stm32h7b3i-dk|uart1|PG11|STM32H7B3I-DK|STM32H7B0|SYSCLK 280 MHz, HCLK 280 MHz, flash 6 WS|93|0x24100000"
      "stm32h735g-dk|uart3|PC3|STM32H735G-DK|STM32H730|SYSCLK 520 MHz, HCLK 260 MHz, flash 3 WS|86|0x24050000")
    string(REPLACE "|" ";" f "${spec}")
    list(GET f 0 B)
    list(GET f 1 U)
    list(GET f 2 LED)
    list(GET f 3 NAME)
    list(GET f 4 VL)
    list(GET f 5 CLK)
    list(GET f 6 MHZ)
    list(GET f 7 SP)
    set(FWD ${EXTMEM_FW_DIR}/${B}-xip-ospi)
    set(RUN "--board ${B} --boot ${FWD}/boot.bin --image ospi=${FWD}/led.bin")
    add_test(NAME boot.${B}.xip-ospi.stages-in-order-then-app
      COMMAND ${EXPECT} 0 "${RUN} --until-ms 50"
        "+${U}: extmem-boot on ${NAME} \\(as ${VL}, 128 KiB internal flash\\): execute in place from OSPI flash, data in internal SRAM"
        "+${U}: \\[boot\\] clock: ${CLK}"
        "+${U}: \\[boot\\] mpu: code 0x90000000 64 MiB read-only executable, data 0x24000000"
        "+sim: OCTOSPI1: memory-mapped mode, 0xEE11 8D-8D-8D, 10 dummy cycles, DQS, ${MHZ} MHz"
        "+${U}: \\[boot\\] ospi: MX25LM51245G, id C2 85 3A, SFDP 512 Mbit, ready [0-9]+ us after reset"
        "+${U}: \\[boot\\] ospi: octal DTR at ${MHZ} MHz, DQS, 10 dummy cycles, memory-mapped at 0x90000000 \\(64 MiB\\), read 0xEE11, up in [0-9]+ us"
        "+${U}: \\[boot\\] app: vector table at 0x90000000, SP ${SP}, reset 0x9000"
        "+${U}: \\[boot\\] jump: to 0x9000"
        "+${U}: led: running from 0x9000[0-9a-f]{4} \\(VTOR 0x90000000\\)"
        "+sim: end: .* 0 faults, 0 errors, exit 0"
        "!sim: error" "!Fault")
    add_test(NAME boot.${B}.xip-ospi.led-toggles-every-100-ms
      COMMAND ${LEDP} "${RUN} --until-ms 800" ${LED} 100 5)
    add_test(NAME boot.${B}.xip-ospi.erased-flash-is-refused-without-jump
      COMMAND ${EXPECT} 0 "--board ${B} --boot ${FWD}/boot.bin --image ospi=${CMAKE_BINARY_DIR}/ospi-empty.img --until-ms 50"
        "+${U}: E50 app: no application at 0x90000000 \\(flash erased\\)" "+gpio: P[A-K][0-9]+ = [01] \\([^)]* on\\)" "!jump" "!led:")
    list(APPEND ospi_tests boot.${B}.xip-ospi.stages-in-order-then-app boot.${B}.xip-ospi.led-toggles-every-100-ms
         boot.${B}.xip-ospi.erased-flash-is-refused-without-jump)
  endforeach()

  set(B stm32h735g-dk)
  set(FWD ${EXTMEM_FW_DIR}/${B}-xip-ospi)
  set(IMG "--image ospi=${FWD}/led.bin")
  add_test(NAME boot.${B}.xip-ospi.second-led-toggles-every-250-ms
    COMMAND ${LEDP} "--board ${B} --boot ${FWD}/boot.bin ${IMG} --until-ms 1300" PC2 250 4)
  add_test(NAME boot.${B}.xip-ospi.hello-reports-code-in-flash-data-in-axi-sram
    COMMAND ${EXPECT} 0 "--board ${B} --boot ${FWD}/boot.bin --image ospi=${FWD}/hello.bin --until-ms 50"
      "+uart3: hello: code 0x9000[0-9a-f]{4}, vectors 0x90000000 \\(VTOR 0x90000000\\), data 0x240[0-9a-f]{5}"
      "+uart3: hello: core 520 MHz, I-cache on, D-cache on, data initialised, bss zeroed"
      "+uart3: hello: done" "!Fault" "!sim: error")
  add_test(NAME boot.${B}.xip-ospi.dqs-not-connected-stops-with-a-clear-error
    COMMAND ${EXPECT} 0 "--board ${B} --boot ${FWD}/boot.bin ${IMG} --set ospi-dqs=open --until-ms 60"
      "+sim: ospi flash: 0x05 read status register in octal DTR without DQS: data cannot be sampled"
      "+uart3: E25 ospi: octal DTR entry \\(CR2 0x000\\) failed \\(timeout: no ready status read in octal DTR\\): check the DQS pin"
      "+gpio: P[A-K][0-9]+ = [01] \\([^)]* on\\)" "!jump" "!led:")
  add_test(NAME boot.${B}.xip-ospi.flash-left-in-octal-dtr-is-reset-in-octal-and-boots
    COMMAND ${EXPECT} 0 "--board ${B} --boot ${FWD}/boot.bin ${IMG} --set ospi-flash-mode=octal-dtr --until-ms 50"
      "+sim: ospi flash: instruction 0x66 on 1 line\\(s\\), 1 byte\\(s\\), ignored: expected 8 line\\(s\\) DTR"
      "+uart3: \\[boot\\] ospi: MX25LM51245G, id C2 85 3A, SFDP 512 Mbit, ready [0-9]+ us after reset \\(was left in octal mode\\)"
      "+uart3: led: running from 0x9000" "!sim: error" "!Fault")
  add_test(NAME sim.${B}.ospi-octal-dtr-read-without-dqs-is-refused
    COMMAND ${EXPECT} 2 "--board ${B} --boot ${FWD}/test/ospi-no-dqs.bin ${IMG} --until-ms 50"
      "+sim: ospi flash: 0x9F read JEDEC ID in octal DTR without DQS: data cannot be sampled"
      "+uart3: test: identity in octal DTR without DQS: read back differs"
      "+sim: HardFault: precise data bus error, read of 0x90000000 .*: memory-mapped read refused by the flash: ospi flash: 0xEE read in octal DTR without DQS"
      "!first word")
  add_test(NAME sim.${B}.ospi-memory-mapped-with-wrong-dummy-cycles-bus-faults
    COMMAND ${EXPECT} 2 "--board ${B} --boot ${FWD}/test/ospi-wrong-dummy.bin ${IMG} --until-ms 50"
      "+memory-mapped read refused by the flash: ospi flash: 0xEE read with 8 dummy cycles, expected 10 \\(CR2\\[0x300\\] DC=5\\)"
      "+uart3: test: fault: HardFault at pc 0x08[0-9a-f]+, CFSR 0x00008200, BFAR 0x90000000" "!first word")
  add_test(NAME sim.${B}.ospi-dummy-cycles-too-few-for-the-clock-bus-faults
    COMMAND ${EXPECT} 2 "--board ${B} --boot ${FWD}/test/ospi-few-dummy.bin ${IMG} --until-ms 50"
      "+0xEE read with 6 dummy cycles \\(CR2\\[0x300\\] DC=7\\) at 86666666 Hz: the flash needs more dummy cycles above 66000000 Hz"
      "+uart3: test: fault: HardFault at pc 0x08[0-9a-f]+, CFSR 0x00008200, BFAR 0x90000000" "!first word")
  add_test(NAME sim.${B}.ospi-window-read-without-memory-mapped-mode-bus-faults
    COMMAND ${EXPECT} 2 "--board ${B} --boot ${FWD}/test/ospi-no-mmap.bin ${IMG} --until-ms 50"
      "+uart3: test: identity in octal DTR: ok"
      "+sim: HardFault: precise data bus error, read of 0x90000000 at pc 0x08[0-9a-f]+: OCTOSPI1 is not in memory-mapped mode \\(CR.FMODE=1\\)"
      "+uart3: test: fault: HardFault at pc 0x08[0-9a-f]+, CFSR 0x00008200, BFAR 0x90000000" "!first word")
  add_test(NAME sim.${B}.ospi-port-not-routed-by-octospim-gets-no-answer
    COMMAND ${EXPECT} 0 "--board ${B} --boot ${FWD}/test/ospi-no-route.bin ${IMG} --until-ms 205"
      "+sim: OCTOSPIM port 1 CLK is not routed from OCTOSPI1 \\(PCR 0x07050333\\): the memory sees no signal"
      "+uart3: test: reset: timeout" "!sim: error")
  list(APPEND ospi_tests boot.${B}.xip-ospi.second-led-toggles-every-250-ms
       boot.${B}.xip-ospi.flash-left-in-octal-dtr-is-reset-in-octal-and-boots
       boot.${B}.xip-ospi.hello-reports-code-in-flash-data-in-axi-sram
       boot.${B}.xip-ospi.dqs-not-connected-stops-with-a-clear-error
       sim.${B}.ospi-octal-dtr-read-without-dqs-is-refused sim.${B}.ospi-memory-mapped-with-wrong-dummy-cycles-bus-faults
       sim.${B}.ospi-dummy-cycles-too-few-for-the-clock-bus-faults
       sim.${B}.ospi-window-read-without-memory-mapped-mode-bus-faults
       sim.${B}.ospi-port-not-routed-by-octospim-gets-no-answer)

  # Data in the HyperRAM on OCTOSPI2 (STM32H735G-DK), code XiP from the NOR flash.
  set(B stm32h735g-dk)
  set(FWD ${EXTMEM_FW_DIR}/${B}-xip-ospi-data-hyperram)
  set(RUN "--board ${B} --boot ${FWD}/boot.bin --image ospi=${FWD}/led.bin")
  add_test(NAME boot.${B}.data-hyperram.stages-in-order-then-app
    COMMAND ${EXPECT} 0 "${RUN} --until-ms 50"
      "+uart3: extmem-boot on STM32H735G-DK \\(as STM32H730, 128 KiB internal flash\\): execute in place from OSPI flash, data in OSPI HyperRAM"
      "+uart3: \\[boot\\] mpu: code 0x90000000 64 MiB read-only executable, data 0x70000000 16 MiB no-execute"
      "+sim: OCTOSPI2: memory-mapped HyperBus, 6 latency clocks fixed, read/write, 86 MHz"
      "+uart3: \\[boot\\] hyperram: S70KL1281, 2 dies ID0 0c81 4c81, CR0 8f1f, 6 latency clocks fixed, 86 MHz"
      "+uart3: \\[boot\\] hyperram: memory-mapped at 0x70000000 \\(16 MiB\\), read/write, tested"
      "+sim: OCTOSPI1: memory-mapped mode, 0xEE11 8D-8D-8D"
      "+uart3: \\[boot\\] app: vector table at 0x90000000, SP 0x71000000"
      "+uart3: led: running from 0x9000[0-9a-f]{4} \\(VTOR 0x90000000\\), stack at 0x70ffff"
      "+sim: end: .* 0 faults, 0 errors, exit 0" "!sim: error" "!Fault")
  add_test(NAME boot.${B}.data-hyperram.led
    COMMAND ${LEDP} "${RUN} --until-ms 800" PC3 100 5)
  add_test(NAME boot.${B}.data-hyperram.hello-reports-data-and-stack-in-hyperram
    COMMAND ${EXPECT} 0 "--board ${B} --boot ${FWD}/boot.bin --image ospi=${FWD}/hello.bin --until-ms 50"
      "+uart3: hello: code 0x9000[0-9a-f]{4}, vectors 0x90000000 \\(VTOR 0x90000000\\), data 0x70[0-9a-f]{6}, stack 0x70ffff"
      "+uart3: hello: core 520 MHz, I-cache on, D-cache on, data initialised, bss zeroed"
      "+uart3: hello: done" "!Fault" "!sim: error")
  add_test(NAME sim.${B}.hyperram-without-die-boundary-bus-faults
    COMMAND ${EXPECT} 2 "--board ${B} --boot ${FWD}/test/hyperram-no-csbound.bin --until-ms 30"
      "+sim: HardFault: imprecise data bus error, write to 0x70000000: memory-mapped access refused by the HyperRAM: hyperram: memory-mapped bursts may cross the 8 MiB die boundary"
      "+uart3: test: fault: HardFault at pc 0x08[0-9a-f]+, CFSR 0x00000400, BFAR 0x00000000")
  add_test(NAME sim.${B}.hyperram-without-refresh-bound-bus-faults
    COMMAND ${EXPECT} 2 "--board ${B} --boot ${FWD}/test/hyperram-no-refresh.bin --until-ms 30"
      "+sim: HardFault: imprecise data bus error, write to 0x70000000: memory-mapped access refused by the HyperRAM: hyperram: nCS may stay low longer than tCSM 4 us"
      "+uart3: test: fault: HardFault at pc 0x08[0-9a-f]+, CFSR 0x00000400, BFAR 0x00000000")
  add_test(NAME sim.${B}.hyperram-latency-too-short-for-the-clock-is-refused
    COMMAND ${EXPECT} 0 "--board ${B} --boot ${FWD}/test/hyperram-short-latency.bin --until-ms 30"
      "+sim: hyperram: register read at 0x00001000 refused: die 0 set to 3 latency clocks \\(CR0 0x8FEF\\), too few at 86666666 Hz"
      "+uart3: test: bring-up: read back differs at configuration \\(CR0\\)")
  list(APPEND ospi_tests boot.${B}.data-hyperram.stages-in-order-then-app boot.${B}.data-hyperram.led
       boot.${B}.data-hyperram.hello-reports-data-and-stack-in-hyperram sim.${B}.hyperram-without-die-boundary-bus-faults
       sim.${B}.hyperram-without-refresh-bound-bus-faults sim.${B}.hyperram-latency-too-short-for-the-clock-is-refused)

  # RCC/PWR/FLASH of the H7B3 line refusing what RM0455 refuses.
  set(B stm32h7b3i-dk)
  set(FWD ${EXTMEM_FW_DIR}/${B}-xip-ospi)
  add_test(NAME sim.${B}.too-few-flash-wait-states-for-280-mhz-is-refused
    COMMAND ${EXPECT} 3 "--board ${B} --boot ${FWD}/test/clock-few-ws.bin --until-ms 20"
      "+sim: error: FLASH: 5 wait states cannot run at HCLK 280 MHz at VOS0 on STM32H7A3/H7B0/H7B3 \\(RM0455\\) \\(limit 252 MHz\\)")
  add_test(NAME sim.${B}.voltage-scale-too-low-for-the-clock-is-refused
    COMMAND ${EXPECT} 3 "--board ${B} --boot ${FWD}/test/clock-low-vos.bin --until-ms 20"
      "+sim: error: PWR: voltage scale lowered to VOS3 while the CPU runs at 280 MHz \\(max 88 MHz\\)")
  add_test(NAME sim.${B}.ldo-supply-on-a-board-wired-for-smps-is-refused
    COMMAND ${EXPECT} 3 "--board ${B} --boot ${FWD}/test/clock-wrong-supply.bin --until-ms 20"
      "+sim: error: PWR: supply configuration CR3 0x02, the STM32H7B3I-DK is wired for direct SMPS"
      "+uart1: test: clock: supply configuration \\(PWR_CR3\\)")
  list(APPEND ospi_tests sim.${B}.too-few-flash-wait-states-for-280-mhz-is-refused
       sim.${B}.voltage-scale-too-low-for-the-clock-is-refused sim.${B}.ldo-supply-on-a-board-wired-for-smps-is-refused)
  set_tests_properties(${ospi_tests} PROPERTIES ENVIRONMENT "SIM=$<TARGET_FILE:extmem-sim>")
endif()

# The HyperRAM model on its own, driven with HyperBus transactions.
pkg_check_modules(CMOCKA REQUIRED cmocka)
add_executable(test_hyperram ${CMAKE_SOURCE_DIR}/tests/sim/test_hyperram.c)
target_include_directories(test_hyperram PRIVATE ${CMOCKA_INCLUDE_DIRS})
target_link_libraries(test_hyperram PRIVATE extmem_sim ${CMOCKA_LIBRARIES})
add_test(NAME model.hyperram COMMAND test_hyperram)
