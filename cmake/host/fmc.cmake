# FMC: the memory parts table is shared by the firmware and the simulator's models. This
# fragment is read before sim.cmake defines the library, hence the deferred call.
cmake_language(DEFER DIRECTORY ${CMAKE_SOURCE_DIR} CALL
  target_sources extmem_sim PRIVATE ${CMAKE_SOURCE_DIR}/firmware/memories/fmc_parts.c)

# The part models on their own (cmocka).
pkg_check_modules(CMOCKA REQUIRED cmocka)
add_executable(test_fmc_models ${CMAKE_SOURCE_DIR}/tests/sim/test_fmc_models.c)
target_include_directories(test_fmc_models PRIVATE ${CMOCKA_INCLUDE_DIRS} ${CMAKE_SOURCE_DIR}/sim/devices
                           ${CMAKE_SOURCE_DIR}/firmware/memories)
target_link_libraries(test_fmc_models PRIVATE extmem_sim ${CMOCKA_LIBRARIES})
add_test(NAME model.fmc-cfi-nor-and-sdram COMMAND test_fmc_models)

# Boots and memory tests in the simulator (firmware cells of cmake/fw/fmc.cmake).
if(EXTMEM_FW_DIR)
  set(B stm32h743i-eval)
  set(EXPECT ${CMAKE_SOURCE_DIR}/tests/e2e/expect.sh)
  set(LEDP ${CMAKE_SOURCE_DIR}/tests/e2e/led_period.sh)
  set(NORC ${EXTMEM_FW_DIR}/fmc-${B}-xip-nor)
  set(SDC ${EXTMEM_FW_DIR}/fmc-${B}-data-sdram)
  set(SRC ${EXTMEM_FW_DIR}/fmc-${B}-data-sram)
  set(TFW ${EXTMEM_FW_DIR}/fmc-${B}/test)
  set(fmc_tests "")

  # Memory test of every FMC memory of every board built by cmake/fw/fmc.cmake: bring-up by
  # the boot's code, then March C- and retention (RAM) or read-back and execution (NOR).
  foreach(board stm32h743i-eval stm32756g-eval stm32h7b3i-eval stm32h7b3i-dk stm32f723e-disco stm32h735g-dk)
    set(D ${EXTMEM_FW_DIR}/fmc-${board})
    # The OCTOSPI HyperRAM goes through the same memory test as the FMC RAMs.
    if(EXISTS ${D}/test/memtest-hyperram.bin)
      add_test(NAME mem.${board}.hyperram-march
        COMMAND ${EXPECT} 0 "--board ${board} --boot ${D}/test/memtest-hyperram.bin --until-ms 3000"
          "+uart[0-9]: memtest: OSPI HyperRAM on .* at 0x70000000"
          "+uart[0-9]: \\[boot\\] hyperram: memory-mapped at 0x70000000 .* up in [0-9]+ us"
          "+uart[0-9]: memtest: OSPI HyperRAM March C- over 16 MiB passed"
          "+uart[0-9]: memtest: OSPI HyperRAM kept its data for 100 ms"
          "+uart[0-9]: memtest: OSPI HyperRAM passed" "!Fault" "!sim: error")
      list(APPEND fmc_tests mem.${board}.hyperram-march)
    endif()
    foreach(ram sdram sram psram)
      string(TOUPPER ${ram} NAME)
      if(EXISTS ${D}/test/memtest-${ram}.bin)
        add_test(NAME mem.${board}.${ram}-march
          COMMAND ${EXPECT} 0 "--board ${board} --boot ${D}/test/memtest-${ram}.bin --until-ms 3000"
            "+uart[0-9]: memtest: ${NAME} on .* at 0x[0-9a-f]{8}"
            "+uart[0-9]: \\[boot\\] (sdram|fmc): .* ready in [0-9]+ us"
            "+uart[0-9]: memtest: ${NAME} March C- over [0-9]+ (MiB|KiB) passed"
            "+uart[0-9]: memtest: ${NAME} kept its data for 100 ms"
            "+uart[0-9]: memtest: ${NAME} passed" "!lost its contents" "!Fault" "!sim: error")
        list(APPEND fmc_tests mem.${board}.${ram}-march)
      endif()
    endforeach()
    set(xip_opt --qspi)
    if(EXISTS ${D}/xip-area.txt)
      file(READ ${D}/xip-area.txt xip)
      if(xip STREQUAL "USE_OSPI")
        set(xip_opt "--image ospi=")
      endif()
    endif()
    foreach(ram sdram sram psram)
      set(C ${D}-data-${ram})
      if(xip_opt STREQUAL "--qspi")
        set(img "--qspi ${C}/qspi.img")
      else()
        set(img "--image ospi=${C}/led.bin")
      endif()
      if(EXISTS ${C}/boot.bin AND NOT board STREQUAL B)
        add_test(NAME boot.${board}.data-${ram}.led
          COMMAND ${EXPECT} 0 "--board ${board} --boot ${C}/boot.bin ${img} --until-ms 400"
            "+uart[0-9]: \\[boot\\] (sdram|fmc): .* ready in [0-9]+ us"
            "+uart[0-9]: led: running from 0x9000[0-9a-f]{4} \\(VTOR 0x90000000\\), stack at 0x[cd6]"
            "+gpio: P[A-K][0-9]+ = " "!Fault" "!sim: error" "!lost its contents")
        list(APPEND fmc_tests boot.${board}.data-${ram}.led)
      endif()
    endforeach()
    if(EXISTS ${D}-xip-nor/boot.bin AND NOT board STREQUAL B)
      add_test(NAME boot.${board}.xip-nor.led
        COMMAND ${EXPECT} 0 "--board ${board} --boot ${D}-xip-nor/boot.bin --image fmc-nor=${D}-xip-nor/led.bin --until-ms 400"
          "+uart[0-9]: \\[boot\\] nor: .* ready in [0-9]+ us"
          "+uart[0-9]: led: running from 0x6000[0-9a-f]{4} \\(VTOR 0x60000000\\)"
          "+gpio: P[A-K][0-9]+ = " "!Fault" "!sim: error")
      list(APPEND fmc_tests boot.${board}.xip-nor.led)
    endif()
    if(EXISTS ${D}/test/memtest-nor.bin)
      add_test(NAME mem.${board}.nor-readback-and-execute
        COMMAND ${CMAKE_SOURCE_DIR}/tests/sim/fw/fmc/nor_readback.sh ${D}/led.bin 16777216
          "--board ${board} --boot ${D}/test/memtest-nor.bin --until-ms 3000"
          "+uart[0-9]: memtest: NOR flash executed a function programmed at 0x60ffffe0: f\\(0x1234\\) = 0x36a3"
          "+uart[0-9]: memtest: NOR flash passed" "!Fault" "!sim: error")
      list(APPEND fmc_tests mem.${board}.nor-readback-and-execute)
    endif()
  endforeach()

  # The boot with code or data in an FMC memory, and the LED application on top.
  add_test(NAME boot.${B}.xip-nor.led
    COMMAND ${EXPECT} 0 "--board ${B} --boot ${NORC}/boot.bin --image fmc-nor=${NORC}/led.bin --until-ms 50"
      "+uart1: extmem-boot on STM32H743I-EVAL .*: execute in place from NOR flash, data in internal SRAM"
      "+uart1: \\[boot\\] mpu: code 0x60000000 16 MiB read-only executable"
      "+uart1: \\[boot\\] nor: MT28EW128ABA on NE1, id 0089 227E 2221 2201, CFI 128 x 128 KiB blocks, ready in [0-9]+ us"
      "+uart1: \\[boot\\] nor: read-array mode, execute in place at 0x60000000 \\(16 MiB\\)"
      "+uart1: \\[boot\\] app: vector table at 0x60000000"
      "+uart1: led: running from 0x6000[0-9a-f]{4} \\(VTOR 0x60000000\\)" "!Fault" "!sim: error")
  add_test(NAME boot.${B}.xip-nor.led-toggles-every-100-ms
    COMMAND ${LEDP} "--board ${B} --boot ${NORC}/boot.bin --image fmc-nor=${NORC}/led.bin --until-ms 800" PF10 100 5)
  add_test(NAME boot.${B}.data-sdram.led
    COMMAND ${EXPECT} 0 "--board ${B} --boot ${SDC}/boot.bin --qspi ${SDC}/qspi.img --until-ms 50"
      "+uart1: \\[boot\\] mpu: code 0x90000000 128 MiB read-only executable, data 0xd0000000 32 MiB no-execute"
      "+uart1: \\[boot\\] sdram: IS42S32800G 32-bit on SDRAM bank 2 at 0xd0000000"
      "+uart1: \\[boot\\] app: vector table at 0x90000000, SP 0xd2000000"
      "+uart1: led: running from 0x9000[0-9a-f]{4} \\(VTOR 0x90000000\\), stack at 0xd1ffff" "!Fault" "!sim: error")
  # 800 ms of LED toggling with the stack in SDRAM: the refresh keeps it beyond 64 ms.
  add_test(NAME boot.${B}.data-sdram.led-toggles-every-100-ms-beyond-the-refresh-window
    COMMAND ${LEDP} "--board ${B} --boot ${SDC}/boot.bin --qspi ${SDC}/qspi.img --until-ms 800" PF10 100 5)
  add_test(NAME boot.${B}.data-sram.led
    COMMAND ${EXPECT} 0 "--board ${B} --boot ${SRC}/boot.bin --qspi ${SRC}/qspi.img --until-ms 50"
      "+uart1: \\[boot\\] fmc: IS61WV102416BLL 16-bit on NE3 at 0x68000000 \\(2 MiB\\)"
      "+uart1: \\[boot\\] app: vector table at 0x90000000, SP 0x68200000"
      "+uart1: led: running from 0x9000[0-9a-f]{4} \\(VTOR 0x90000000\\), stack at 0x681fff" "!Fault" "!sim: error")
  add_test(NAME boot.${B}.data-sram.led-toggles-every-100-ms
    COMMAND ${LEDP} "--board ${B} --boot ${SRC}/boot.bin --qspi ${SRC}/qspi.img --until-ms 800" PF10 100 5)
  list(APPEND fmc_tests boot.${B}.xip-nor.led boot.${B}.xip-nor.led-toggles-every-100-ms boot.${B}.data-sdram.led
       boot.${B}.data-sdram.led-toggles-every-100-ms-beyond-the-refresh-window boot.${B}.data-sram.led
       boot.${B}.data-sram.led-toggles-every-100-ms)

  # Refusals: a wrong bring-up, the model's diagnostic and the firmware's error line.
  add_test(NAME sim.${B}.sdram-without-auto-refresh-refuses-data-access
    COMMAND ${EXPECT} 2 "--board ${B} --boot ${TFW}/fmc-no-autorefresh.bin --until-ms 50"
      "+sim: SDRAM: load mode register after 0 auto-refresh cycles; the IS42S32800G needs precharge all and 2: ignored"
      "+sim: HardFault: imprecise data bus error, write to 0xd0000000: FMC SDRAM: SDRAM bank 2: the IS42S32800G is not initialised"
      "+sim: HardFault: precise data bus error, read of 0xd0000000 at pc 0x08[0-9a-f]+: FMC SDRAM: SDRAM bank 2: the IS42S32800G is not initialised"
      "+uart1: E90 fault: HardFault at pc 0x08[0-9a-f]+ \\(CFSR 0x00008600, BFAR 0xd0000000\\)" "!first word")
  add_test(NAME sim.${B}.sdram-without-load-mode-register-refuses-data-access
    COMMAND ${EXPECT} 2 "--board ${B} --boot ${TFW}/fmc-no-lmr.bin --until-ms 50"
      "+sim: HardFault: imprecise data bus error, write to 0xd0000000: FMC SDRAM: SDRAM bank 2: the IS42S32800G is not initialised: no load mode register command"
      "+sim: HardFault: precise data bus error, read of 0xd0000000 at pc 0x08[0-9a-f]+: .*no load mode register command"
      "+uart1: E90 fault: HardFault at pc 0x08[0-9a-f]+ \\(CFSR 0x00008600, BFAR 0xd0000000\\)" "!first word")
  add_test(NAME sim.${B}.sdram-precharge-inside-the-power-up-delay-is-ignored
    COMMAND ${EXPECT} 2 "--board ${B} --boot ${TFW}/fmc-short-powerup.bin --until-ms 50"
      "+sim: SDRAM: precharge all 0 us after the clock started; the IS42S32800G needs 100 us of stable clock first: ignored"
      "+sim: HardFault: imprecise data bus error, write to 0xd0000000: FMC SDRAM: SDRAM bank 2: the IS42S32800G is not initialised"
      "+sim: HardFault: precise data bus error, read of 0xd0000000 at pc 0x08[0-9a-f]+: "
      "+uart1: E90 fault: HardFault at pc 0x08[0-9a-f]+ \\(CFSR 0x00008600, BFAR 0xd0000000\\)" "!first word")
  add_test(NAME sim.${B}.sdram-mode-register-cas-differing-from-the-controller-is-refused
    COMMAND ${EXPECT} 2 "--board ${B} --boot ${TFW}/fmc-wrong-cas.bin --until-ms 50"
      "+sim: SDRAM: mode register 0x220 sets CAS 2, the controller samples after CAS 3: ignored"
      "+sim: HardFault: imprecise data bus error, write to 0xd0000000: FMC SDRAM: SDRAM bank 2: the IS42S32800G is not initialised"
      "+uart1: E90 fault: HardFault at pc 0x08[0-9a-f]+ \\(CFSR 0x00008600, BFAR 0xd0000000\\)" "!first word")
  add_test(NAME mem.${B}.sdram-without-refresh-loses-data-after-64-ms
    COMMAND ${EXPECT} 0 "--board ${B} --boot ${TFW}/fmc-no-refresh.bin --until-ms 200"
      "+uart1: test: first word 0xc0ffee00"
      "+sim: SDRAM: no refresh of every row for 64 ms \\(retention 64 ms\\): the IS42S32800G lost its contents"
      "+uart1: E82 memtest: lost data after 100 ms at 0xd0000000 \\(0x[0-9a-f]+\\): check the refresh rate \\(FMC_SDRTR\\)"
      "!memory test passed")
  add_test(NAME sim.${B}.sram-chip-select-not-enabled-bus-faults
    COMMAND ${EXPECT} 2 "--board ${B} --boot ${TFW}/fmc-bank-disabled.bin --until-ms 50"
      "+sim: HardFault: imprecise data bus error, write to 0x68000000: FMC SRAM: FMC bank 1 chip select NE3 is disabled \\(FMC_BCR3.MBKEN=0\\)"
      "+sim: HardFault: precise data bus error, read of 0x68000000 at pc 0x08[0-9a-f]+: FMC SRAM: FMC bank 1 chip select NE3 is disabled"
      "+uart1: E90 fault: HardFault at pc 0x08[0-9a-f]+ \\(CFSR 0x00008600, BFAR 0x68000000\\)" "!first word")
  add_test(NAME sim.${B}.fmc-controller-not-enabled-bus-faults
    COMMAND ${EXPECT} 2 "--board ${B} --boot ${TFW}/fmc-no-fmcen.bin --until-ms 50"
      "+sim: HardFault: imprecise data bus error, write to 0x68000000: FMC SRAM: the FMC is disabled \\(FMC_BCR1.FMCEN=0\\)"
      "+sim: HardFault: precise data bus error, read of 0x68000000 at pc 0x08[0-9a-f]+: FMC SRAM: the FMC is disabled"
      "+uart1: E90 fault: HardFault at pc 0x08[0-9a-f]+ \\(CFSR 0x00008600, BFAR 0x68000000\\)" "!first word")
  add_test(NAME boot.${B}.xip-nor.wrong-nor-part-is-reported-by-its-identity
    COMMAND ${EXPECT} 0 "--board ${B} --boot ${NORC}/boot.bin --image fmc-nor=${NORC}/led.bin --set fmc-nor-part=PC28F128M29EWL --until-ms 50"
      "+uart1: E33 nor: identity 0089 227E 2221 2200 is not the MT28EW128ABA the board declares: check the part fitted"
      "+gpio: PA4 = 0 \\(LED3 red on\\)" "!jump" "!led:")
  add_test(NAME boot.${B}.xip-nor.erased-nor-is-refused-without-jump
    COMMAND ${EXPECT} 0 "--board ${B} --boot ${NORC}/boot.bin --until-ms 50"
      "+uart1: \\[boot\\] nor: MT28EW128ABA on NE1"
      "+uart1: E50 app: no application at 0x60000000 \\(flash erased\\)" "!jump" "!led:")
  list(APPEND fmc_tests sim.${B}.sdram-without-auto-refresh-refuses-data-access
       sim.${B}.sdram-without-load-mode-register-refuses-data-access
       sim.${B}.sdram-precharge-inside-the-power-up-delay-is-ignored
       sim.${B}.sdram-mode-register-cas-differing-from-the-controller-is-refused
       mem.${B}.sdram-without-refresh-loses-data-after-64-ms sim.${B}.sram-chip-select-not-enabled-bus-faults
       sim.${B}.fmc-controller-not-enabled-bus-faults boot.${B}.xip-nor.wrong-nor-part-is-reported-by-its-identity
       boot.${B}.xip-nor.erased-nor-is-refused-without-jump)
  set_tests_properties(${fmc_tests} PROPERTIES ENVIRONMENT "SIM=$<TARGET_FILE:extmem-sim>" TIMEOUT 900)
endif()
