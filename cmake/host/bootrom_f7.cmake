# BootROM model on the STM32756G-EVAL (F7: SDMMC1 v1, IWDG, N25Q512A read with 2 lines): the
# application loaded from the SD card and from the SPI-NOR store into each code RAM of the
# board, verified and run; the copy throughput; bad inputs with their error line and no jump;
# the SDMMC v1 and IWDG models refusing the drivers' deliberate mistakes. The cells are the
# matrix cells (cmake/fw/matrix.cmake) plus bootrom-spinor-fast-stm32756g-eval.
if(EXTMEM_FW_DIR)
  set(B7 stm32756g-eval)
  set(BR7 ${CMAKE_BINARY_DIR}/bootrom-f7)
  set(M7 ${EXTMEM_FW_DIR}/m-${B7})
  set(MED7 ${CMAKE_BINARY_DIR}/matrix/m-${B7})
  set(EXPECT7 ${CMAKE_SOURCE_DIR}/tests/e2e/expect.sh)
  set(IMAGE7 $<TARGET_FILE:extmem_image_tool>)
  set(MEDIA7 $<TARGET_FILE:extmem-media>)
  file(MAKE_DIRECTORY ${BR7})
  function(bootrom_f7_test name)
    add_test(NAME ${name} ${ARGN})
    set_tests_properties(${name} PROPERTIES ENVIRONMENT "SIM=$<TARGET_FILE:extmem-sim>")
  endfunction()

  # A 200 KB image for the copy throughput: the LED application of the cell with code in
  # internal SRAM (256 KiB at 0x20010000) and data in SDRAM, padded, on a card and in flash.
  set(BIGC7 ${M7}-internal_sram-external_sdram-sdcard)
  add_custom_command(OUTPUT ${BR7}/big.img
    COMMAND sh -c "head -c 204800 /dev/zero > big.pad && cat '${BIGC7}/led.bin' big.pad | head -c 204800 > big.bin"
    COMMAND ${IMAGE7} pack --load 0x20010000 --version 1.2.3 -o big.img big.bin
    DEPENDS ${BIGC7}/led.bin extmem_image_tool WORKING_DIRECTORY ${BR7} VERBATIM)
  add_custom_command(OUTPUT ${BR7}/sd-big.img
    COMMAND ${MEDIA7} sdcard -o sd-big.img --fat 32 big.img=PROJECT.BIN
    DEPENDS ${BR7}/big.img extmem-media WORKING_DIRECTORY ${BR7} VERBATIM)
  add_custom_command(OUTPUT ${BR7}/nor-big.img
    COMMAND ${MEDIA7} spinor -o nor-big.img --size 2M --offset 0x100000 big.img
    DEPENDS ${BR7}/big.img extmem-media WORKING_DIRECTORY ${BR7} VERBATIM)
  add_custom_target(bootrom-f7-media ALL DEPENDS ${BR7}/sd-big.img ${BR7}/nor-big.img)

  set(no_err7 "!sim: error" "!Fault" "!E[0-9][0-9] ")
  # The application in each code RAM, from each store: the boot's log from the store's
  # bring-up to the jump, the LED application's start at the code area, a clean resources
  # report at the jump (SDMMC1 or QUADSPI reset, unclocked, pins analog).
  foreach(store sdcard spi_nor)
    if(store STREQUAL "sdcard")
      set(s sd)
      set(store_pre
        "+uart1: \\[boot\\] sdcard: SDHC/SDXC card 'SIMSD', 64 MiB, 4-bit bus at 44 MHz \\(high speed\\)"
        "+uart1: \\[boot\\] sdcard: FAT32 volume, PROJECT.BIN is [0-9]+ bytes")
      set(store_post "+uart1: \\[boot\\] sdcard: SDMMC1 powered off and reset")
    else()
      set(s spinor)
      set(store_pre
        "+uart1: \\[boot\\] spinor: 1 x N25Q512A, 1-1-2 read 0x3C at 100 MHz \\(2 data lines\\), image at offset 0x100000")
      set(store_post "+uart1: \\[boot\\] spinor: flash reset, QUADSPI reset and unclocked, pins released")
    endif()
    foreach(ram internal_sram-internal_sram external_sram-internal_sram external_sdram-internal_sram)
      set(cell ${M7}-${ram}-${store})
      if(ram MATCHES "^internal")
        set(base 0x20010000)
        set(pfx 0x2001)
        set(what internal-sram)
        set(mpu "+uart1: \\[boot\\] mpu: code 0x20010000 128 KiB read-write executable, data 0x20030000 128 KiB no-execute")
      elseif(ram MATCHES "^external_sram")
        set(base 0x68000000)
        set(pfx 0x6800)
        set(what fmc-sram)
        set(mpu "+uart1: \\[boot\\] mpu: code 0x68000000 2 MiB read-write executable, data 0x20010000 256 KiB no-execute")
      else()
        set(base 0xc0000000)
        set(pfx 0xc000)
        set(what fmc-sdram)
        set(mpu "+uart1: \\[boot\\] mpu: code 0xc0000000 32 MiB read-write executable, data 0x20010000 256 KiB no-execute")
      endif()
      if(store STREQUAL "sdcard")
        set(media "--image sd=${MED7}-${ram}-${store}-led-sd.img")
      else()
        set(media "--qspi ${MED7}-${ram}-${store}-led-nor.img")
      endif()
      set(t boot.${B7}.bootrom-${s}.led-loaded-verified-into-${what}-then-runs)
      bootrom_f7_test(${t}
        COMMAND ${EXPECT7} 0 "--board ${B7} --boot ${cell}/boot.bin ${media} --check-resources --until-ms 320"
          "+uart1: \\[boot\\] watchdog: IWDG 2000 ms over the boot"
          "${mpu}"
          ${store_pre}
          "+uart1: \\[boot\\] image: version 1.0.0, [0-9]+ bytes for ${base}, entry ${pfx}[0-9a-f]{4}, header ok"
          "+uart1: \\[boot\\] image: SHA-256 of [0-9]+ bytes at ${base} verified"
          "+uart1: \\[boot\\] cache: D-cache cleaned over ${base}\\+[0-9]+, I-cache invalidated"
          ${store_post}
          "+uart1: \\[boot\\] watchdog: handed over with 32768 ms: the application must refresh IWDG"
          "+sim: resources at the jump to ${pfx}[0-9a-f]{4}: clean"
          "+uart1: led: running from ${pfx}[0-9a-f]{4} \\(VTOR ${base}\\)"
          "+gpio: PF10 = 0 \\(LED1 green on\\)" "+gpio: PB7 = 0 \\(LED3 red on\\)" ${no_err7})
    endforeach()
  endforeach()
  bootrom_f7_test(boot.${B7}.bootrom-sd.led-toggles-every-100-ms
    COMMAND ${CMAKE_SOURCE_DIR}/tests/e2e/led_period.sh
      "--board ${B7} --boot ${M7}-internal_sram-internal_sram-sdcard/boot.bin --image sd=${MED7}-internal_sram-internal_sram-sdcard-led-sd.img --until-ms 800"
      PF10 100 5)
  bootrom_f7_test(boot.${B7}.bootrom-spinor.second-led-toggles-every-250-ms
    COMMAND ${CMAKE_SOURCE_DIR}/tests/e2e/led_period.sh
      "--board ${B7} --boot ${M7}-internal_sram-internal_sram-spi_nor/boot.bin --qspi ${MED7}-internal_sram-internal_sram-spi_nor-led-nor.img --until-ms 1300"
      PB7 250 4)

  # Copy throughput of a 204800-byte payload into internal SRAM, per path.
  set(tp_tail "+uart1: \\[boot\\] image: SHA-256 of 204800 bytes at 0x20010000 verified"
      "+uart1: led: running from 0x2001[0-9a-f]{4}" ${no_err7})
  bootrom_f7_test(boot.${B7}.bootrom-sd.200-kb-image-copy-throughput
    COMMAND ${EXPECT7} 0 "--board ${B7} --boot ${BIGC7}/boot.bin --image sd=${BR7}/sd-big.img --until-ms 150"
      "+uart1: \\[boot\\] image: version 1.2.3, 204800 bytes"
      "+uart1: \\[boot\\] copy: 204800 bytes in [0-9]+ us \\([0-9.]+ MB/s\\)" ${tp_tail})
  bootrom_f7_test(boot.${B7}.bootrom-spinor.200-kb-image-copy-throughput
    COMMAND ${EXPECT7} 0 "--board ${B7} --boot ${M7}-internal_sram-external_sdram-spi_nor/boot.bin --qspi ${BR7}/nor-big.img --until-ms 150"
      "+uart1: \\[boot\\] copy: 204800 bytes in [0-9]+ us \\([0-9.]+ MB/s\\)" ${tp_tail})
  bootrom_f7_test(boot.${B7}.bootrom-spinor-fast.1-4-4-copy-then-runs
    COMMAND ${EXPECT7} 0 "--board ${B7} --boot ${EXTMEM_FW_DIR}/bootrom-spinor-fast-${B7}/boot.bin --qspi ${BR7}/nor-big.img --until-ms 150"
      "+uart1: \\[boot\\] spinor: 1 x N25Q512A, 1-4-4 read 0xEC at 100 MHz \\(4 data lines\\)"
      "+uart1: \\[boot\\] copy: 204800 bytes in [0-9]+ us \\([0-9.]+ MB/s\\)" ${tp_tail})

  # Bad inputs (tests/sim/fw/bootrom/bootrom_case.sh with this board's cells): error line,
  # the code blinked on LED3 (PB7), no jump; and the IWDG resetting the chip 2 s after the
  # error (the boot's watchdog on the F7).
  foreach(c sd-no-card sd-file-missing sd-payload-bit-flip sd-load-address-over-boot-ram sd-data-crc-error
            spinor-erased spinor-wrong-magic spinor-payload-bit-flip sd-error-blinks-code-then-watchdog-resets)
    add_test(NAME boot.${B7}.bootrom-bad.${c}
      COMMAND sh ${CMAKE_SOURCE_DIR}/tests/sim/fw/bootrom/bootrom_case.sh ${c} ${EXTMEM_FW_DIR}
              ${CMAKE_BINARY_DIR}/tools ${BR7}/bad/${c})
    set_tests_properties(boot.${B7}.bootrom-bad.${c} PROPERTIES ENVIRONMENT
      "SIM=$<TARGET_FILE:extmem-sim>;BOOTROM_BOARD=${B7};BOOTROM_SD_CELL=${M7}-internal_sram-internal_sram-sdcard;BOOTROM_NOR_CELL=${M7}-internal_sram-internal_sram-spi_nor;BOOTROM_CODE=0x20010000;BOOTROM_BOOT_RAM=0x20000000\\+64 KiB;BOOTROM_RED=PB7 = 0 \\(LED3 red on\\);BOOTROM_LED_PIN=PB7;BOOTROM_IWDG=IWDG")
  endforeach()

  # The layout tool (configure time) and the boot share one rule: in the BootROM model the
  # internal SRAM starts above the boot's DTCM; XiP applications keep all of it.
  add_test(NAME config.${B7}.bootrom-internal-sram-starts-above-the-boot-ram-split-in-halves
    COMMAND sh -c "'${EXTMEM_FW_DIR}/layout-tool' ${B7} USE_INTERNAL_SRAM USE_INTERNAL_SRAM USE_SDCARD | tr '\\n' ' ' | grep -q 'CODE_BASE 0x20010000) set(CODE_SIZE 0x20000) set(DATA_BASE 0x20030000) set(DATA_SIZE 0x20000)' && '${EXTMEM_FW_DIR}/layout-tool' ${B7} USE_INTERNAL_SRAM USE_EXTERNAL_SDRAM USE_SPI_NOR | tr '\\n' ' ' | grep -q 'CODE_BASE 0x20010000) set(CODE_SIZE 0x40000)' && '${EXTMEM_FW_DIR}/layout-tool' ${B7} USE_QSPI USE_INTERNAL_SRAM | tr '\\n' ' ' | grep -q 'DATA_BASE 0x20000000) set(DATA_SIZE 0x50000)' && echo ok")

  # SDMMC v1 and the F7's IWDG refuse the deliberate mistakes (test firmwares of the
  # bootrom-spinor-fast cell, run from internal flash).
  set(T7 ${EXTMEM_FW_DIR}/bootrom-spinor-fast-${B7}/test)
  set(SDT7 "--board ${B7} --image sd=${MED7}-internal_sram-internal_sram-sdcard-led-sd.img --until-ms 30 --boot ${T7}")
  bootrom_f7_test(sim.${B7}.sd-identification-faster-than-400-khz-gets-no-response
    COMMAND ${EXPECT7} 0 "${SDT7}/sdmmc-ident-fast.bin"
      "+sim: sd card: CMD8 at 22222 kHz in identification mode ignored: at most 400 kHz until CMD3"
      "+uart1: test: CMD8 at 25 MHz: no response \\(command timeout\\)")
  bootrom_f7_test(sim.${B7}.sdmmc-v1-fifo-overruns-without-hardware-flow-control
    COMMAND ${EXPECT7} 0 "${SDT7}/sdmmc-no-hwfc.bin"
      "+sim: SDMMC1: receive FIFO overrun: the CPU did not keep up and CLKCR.HWFC_EN is 0"
      "+uart1: test: STA after 2 ms: RXOVERR 1")
  bootrom_f7_test(sim.${B7}.sd-data-on-the-wrong-bus-width-is-a-crc-error
    COMMAND ${EXPECT7} 0 "${SDT7}/sdmmc-wrong-width.bin"
      "+sim: sd card: data sent on 4 lines, the host samples 1 \\(CLKCR.WIDBUS\\): CRC errors"
      "+uart1: test: block read with WIDBUS 1: data CRC error")
  bootrom_f7_test(sim.${B7}.sdmmc-v1-without-clken-the-card-gets-no-clock-and-no-response
    COMMAND ${EXPECT7} 0 "${SDT7}/sdmmc-no-clken.bin"
      "+sim: SDMMC1: CMD8 with CLKCR.CLKEN=0: the card gets no clock, no response"
      "+uart1: test: CMD8: no response \\(command timeout\\)")
  bootrom_f7_test(sim.${B7}.sdmmc-v1-cmd-pin-not-in-af12-gets-no-response
    COMMAND ${EXPECT7} 0 "${SDT7}/sdmmc-pin-analog.bin"
      "+sim: SDMMC1: command: pin PD2 is in mode 3 AF0, the slot needs AF12: the card sees no signal"
      "+uart1: test: CMD8: no response \\(command timeout\\)")
  bootrom_f7_test(sim.${B7}.iwdg-at-0x40003000-expiry-resets-after-prescaler-times-reload
    COMMAND ${EXPECT7} 0 "--board ${B7} --boot ${T7}/iwdg-expire.bin --until-ms 500"
      "+uart1: test: iwdg started, 100 ms, spinning"
      "+sim: IWDG: watchdog reset: counter reached 0 \\(100 ms without refresh, /4, reload 799\\)"
      "!test: still running")
  bootrom_f7_test(sim.${B7}.iwdg-registers-locked-without-key-0x5555
    COMMAND ${EXPECT7} 0 "--board ${B7} --boot ${T7}/iwdg-locked.bin --until-ms 1000"
      "+sim: IWDG: write of 0x[0-9a-f]+ at \\+0x04 ignored: registers are write-protected"
      "+uart1: test: PR reads 0, RLR reads 4095 after writes without the key"
      "+sim: IWDG: watchdog reset: counter reached 0 \\(512 ms without refresh, /4, reload 4095\\)")
endif()
