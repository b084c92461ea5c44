# BootROM model on the simulator: the application packed with its header, placed on an SD
# card (FAT) or in the SPI-NOR store by the host tools, loaded into the code RAM, verified and
# run; and the table of bad inputs, each ending in its error line with no jump.
if(EXTMEM_FW_DIR)
  set(B stm32h743i-eval)
  set(BR ${CMAKE_BINARY_DIR}/bootrom)
  set(SDC ${EXTMEM_FW_DIR}/bootrom-sd-${B})
  set(NORC ${EXTMEM_FW_DIR}/bootrom-spinor-${B})
  set(NORF ${EXTMEM_FW_DIR}/bootrom-spinor-fast-${B})
  set(RAWC ${EXTMEM_FW_DIR}/bootrom-sd-raw-${B})
  set(EXPECT ${CMAKE_SOURCE_DIR}/tests/e2e/expect.sh)
  set(MEDIA $<TARGET_FILE:extmem-media>)
  set(IMAGE $<TARGET_FILE:extmem_image_tool>)
  file(MAKE_DIRECTORY ${BR})

  # Media for the good paths: FAT32 with MBR (the usual card), FAT16 without partition table
  # with fragmented files, a 200 KB image for the copy throughput, the SPI-NOR images.
  add_custom_command(OUTPUT ${BR}/big.img
    COMMAND sh -c "head -c 204800 /dev/zero > big.pad && cat '${SDC}/led.bin' big.pad | head -c 204800 > big.bin"
    COMMAND ${IMAGE} pack --load 0x24000000 --version 1.2.3 -o big.img big.bin
    DEPENDS ${SDC}/led.bin extmem_image_tool WORKING_DIRECTORY ${BR} VERBATIM)
  add_custom_command(OUTPUT ${BR}/sd-fat32.img
    COMMAND ${MEDIA} sdcard -o sd-fat32.img --fat 32 ${SDC}/led.img=PROJECT.BIN ${SDC}/hello.img=HELLO.BIN
    DEPENDS ${SDC}/led.img ${SDC}/hello.img extmem-media WORKING_DIRECTORY ${BR} VERBATIM)
  add_custom_command(OUTPUT ${BR}/sd-fat16-frag.img
    COMMAND ${MEDIA} sdcard -o sd-fat16-frag.img --fat 16 --no-mbr --fragment ${SDC}/hello.img=A.BIN
            ${SDC}/led.img=PROJECT.BIN ${SDC}/hello.img=B.BIN
    DEPENDS ${SDC}/led.img ${SDC}/hello.img extmem-media WORKING_DIRECTORY ${BR} VERBATIM)
  add_custom_command(OUTPUT ${BR}/sd-big.img
    COMMAND ${MEDIA} sdcard -o sd-big.img --fat 32 big.img=PROJECT.BIN
    DEPENDS ${BR}/big.img extmem-media WORKING_DIRECTORY ${BR} VERBATIM)
  add_custom_command(OUTPUT ${BR}/sd-raw.img
    COMMAND ${MEDIA} sdcard -o sd-raw.img --fat 32 ${RAWC}/led.bin=PROJECT.BIN
    DEPENDS ${RAWC}/led.bin extmem-media WORKING_DIRECTORY ${BR} VERBATIM)
  add_custom_command(OUTPUT ${BR}/nor.img
    COMMAND ${MEDIA} spinor -o nor.img --size 2M --offset 0x100000 ${NORC}/led.img
    DEPENDS ${NORC}/led.img extmem-media WORKING_DIRECTORY ${BR} VERBATIM)
  add_custom_command(OUTPUT ${BR}/nor-big.img
    COMMAND ${MEDIA} spinor -o nor-big.img --size 2M --offset 0x100000 big.img
    DEPENDS ${BR}/big.img extmem-media WORKING_DIRECTORY ${BR} VERBATIM)
  add_custom_target(bootrom-media ALL DEPENDS ${BR}/sd-fat32.img ${BR}/sd-fat16-frag.img ${BR}/sd-big.img
    ${BR}/sd-raw.img ${BR}/nor.img ${BR}/nor-big.img)

  set(SD_RUN "--board ${B} --boot ${SDC}/boot.bin --image sd=${BR}/sd-fat32.img")
  set(NOR_RUN "--board ${B} --boot ${NORC}/boot.bin --qspi ${BR}/nor.img")
  set(ok_tail "+uart1: \\[boot\\] jump: to 0x24000309" "+uart1: led: running from 0x2400[0-9a-f]{4} \\(VTOR 0x24000000\\)"
      "!sim: error" "!Fault" "!E[0-9][0-9] ")
  # A function, not a macro: a macro would re-read the regex escapes of ARGN.
  function(bootrom_test name)
    add_test(NAME ${name} ${ARGN})
    set_tests_properties(${name} PROPERTIES ENVIRONMENT "SIM=$<TARGET_FILE:extmem-sim>")
  endfunction()

  bootrom_test(boot.${B}.bootrom-sd.fat32-file-loaded-verified-into-axi-sram-then-runs
    COMMAND ${EXPECT} 0 "${SD_RUN} --until-ms 30"
      "+uart1: \\[boot\\] watchdog: IWDG1 2000 ms over the boot"
      "+uart1: \\[boot\\] mpu: code 0x24000000 256 KiB read-write executable, data 0x24040000 256 KiB no-execute"
      "+uart1: \\[boot\\] sdcard: SDHC/SDXC card 'SIMSD', 64 MiB, 4-bit bus at 50 MHz \\(high speed\\)"
      "+uart1: \\[boot\\] sdcard: FAT32 volume, PROJECT.BIN is [0-9]+ bytes"
      "+uart1: \\[boot\\] image: version 1.0.0, [0-9]+ bytes for 0x24000000, entry 0x24000309, header ok"
      "+uart1: \\[boot\\] copy: [0-9]+ bytes in"
      "+uart1: \\[boot\\] image: SHA-256 of [0-9]+ bytes at 0x24000000 verified"
      "+uart1: \\[boot\\] cache: D-cache cleaned over 0x24000000\\+[0-9]+, I-cache invalidated"
      "+uart1: \\[boot\\] sdcard: SDMMC1 powered off and reset"
      "+uart1: \\[boot\\] watchdog: handed over with 32768 ms"
      ${ok_tail})
  bootrom_test(boot.${B}.bootrom-sd.led-toggles-every-100-ms
    COMMAND ${CMAKE_SOURCE_DIR}/tests/e2e/led_period.sh "${SD_RUN} --until-ms 800" PF10 100 5)
  bootrom_test(boot.${B}.bootrom-sd.second-led-toggles-every-250-ms
    COMMAND ${CMAKE_SOURCE_DIR}/tests/e2e/led_period.sh "${SD_RUN} --until-ms 1300" PA4 250 4)
  bootrom_test(boot.${B}.bootrom-sd.fat16-superfloppy-fragmented-file-runs
    COMMAND ${EXPECT} 0 "--board ${B} --boot ${SDC}/boot.bin --image sd=${BR}/sd-fat16-frag.img --until-ms 30"
      "+uart1: \\[boot\\] sdcard: FAT16 volume, PROJECT.BIN is" ${ok_tail})
  bootrom_test(boot.${B}.bootrom-sd.sdsc-card-byte-addressed-runs
    COMMAND ${EXPECT} 0 "${SD_RUN} --set sd.kind=sdsc --until-ms 30"
      "+uart1: \\[boot\\] sdcard: SDSC card 'SIMSD', 64 MiB" ${ok_tail})
  bootrom_test(boot.${B}.bootrom-sd.200-kb-image-copy-throughput
    COMMAND ${EXPECT} 0 "--board ${B} --boot ${SDC}/boot.bin --image sd=${BR}/sd-big.img --until-ms 80"
      "+uart1: \\[boot\\] image: version 1.2.3, 204800 bytes"
      "+uart1: \\[boot\\] copy: 204800 bytes in [0-9]+ us \\([0-9.]+ MB/s\\)" ${ok_tail})
  bootrom_test(boot.${B}.bootrom-sd.raw-binary-runs-only-with-allow-raw-and-warns
    COMMAND ${EXPECT} 0 "--board ${B} --boot ${RAWC}/boot.bin --image sd=${BR}/sd-raw.img --until-ms 30"
      "+uart1: \\[boot\\] warning: file PROJECT.BIN holds a raw binary without header: copied unverified"
      ${ok_tail})
  bootrom_test(boot.${B}.bootrom-spinor.2-line-copy-from-offset-then-runs
    COMMAND ${EXPECT} 0 "${NOR_RUN} --until-ms 30"
      "+uart1: \\[boot\\] spinor: 2 x MT25QL512, 1-1-2 read 0x3C at 100 MHz \\(4 data lines\\), image at offset 0x100000"
      "+uart1: \\[boot\\] image: version 1.0.0, [0-9]+ bytes for 0x24000000"
      "+uart1: \\[boot\\] image: SHA-256 of [0-9]+ bytes at 0x24000000 verified"
      "+uart1: \\[boot\\] spinor: flash reset, QUADSPI reset and unclocked, pins released"
      ${ok_tail})
  bootrom_test(boot.${B}.bootrom-spinor.led-toggles-every-100-ms
    COMMAND ${CMAKE_SOURCE_DIR}/tests/e2e/led_period.sh "${NOR_RUN} --until-ms 800" PF10 100 5)
  bootrom_test(boot.${B}.bootrom-spinor.200-kb-image-copy-throughput
    COMMAND ${EXPECT} 0 "--board ${B} --boot ${NORC}/boot.bin --qspi ${BR}/nor-big.img --until-ms 80"
      "+uart1: \\[boot\\] copy: 204800 bytes in [0-9]+ us \\([0-9.]+ MB/s\\)" ${ok_tail})
  bootrom_test(boot.${B}.bootrom-spinor-fast.1-4-4-copy-then-runs
    COMMAND ${EXPECT} 0 "--board ${B} --boot ${NORF}/boot.bin --qspi ${BR}/nor-big.img --until-ms 80"
      "+uart1: \\[boot\\] spinor: 2 x MT25QL512, 1-4-4 read 0xEC at 100 MHz \\(8 data lines\\)"
      "+uart1: \\[boot\\] copy: 204800 bytes in [0-9]+ us \\([0-9.]+ MB/s\\)" ${ok_tail})

  bootrom_test(boot.${B}.xip-qspi.header-image-verified-in-place-then-runs
    COMMAND ${EXPECT} 0 "--board ${B} --boot ${EXTMEM_FW_DIR}/demo/boot.bin --qspi ${EXTMEM_FW_DIR}/demo/test/led-xip-header.img --until-ms 30"
      "+uart1: \\[boot\\] image: version 2.0.0, [0-9]+ bytes at 0x90000400 verified in place \\(SHA-256\\)"
      "+uart1: \\[boot\\] app: vector table at 0x90000400"
      "+uart1: led: running from 0x9000[0-9a-f]{4} \\(VTOR 0x90000400\\)" "!warning" "!Fault" "!E[0-9][0-9] ")

  # Seed section 4: the store's interface (SDMMC1, QUADSPI) released before the jump.
  bootrom_test(boot.${B}.bootrom-sd.sdmmc-released-resources-clean-at-the-jump
    COMMAND ${EXPECT} 0 "${SD_RUN} --check-resources --until-ms 20"
      "+sim: resources at the jump to 0x24000308: clean" "!sim: error")
  bootrom_test(boot.${B}.bootrom-spinor.quadspi-released-resources-clean-at-the-jump
    COMMAND ${EXPECT} 0 "${NOR_RUN} --check-resources --until-ms 20"
      "+sim: resources at the jump to 0x24000308: clean" "!sim: error")

  # Bad inputs: one CTest each, expected error line and no jump (tests/sim/fw/bootrom).
  foreach(c sd-no-card sd-unformatted sd-file-missing sd-empty-file sd-truncated-image sd-truncated-header sd-payload-bit-flip
            sd-header-bit-flip sd-wrong-magic sd-header-version-2 sd-image-larger-than-code-area
            sd-load-address-outside-code-area sd-load-address-over-boot-ram sd-entry-outside-image
            sd-raw-binary-refused sd-data-crc-error spinor-erased spinor-wrong-magic spinor-payload-bit-flip
            xip-header-payload-bit-flip sd-error-blinks-code-then-watchdog-resets)
    bootrom_test(boot.${B}.bootrom-bad.${c}
      COMMAND sh ${CMAKE_SOURCE_DIR}/tests/sim/fw/bootrom/bootrom_case.sh ${c} ${EXTMEM_FW_DIR}
              ${CMAKE_BINARY_DIR}/tools ${BR}/bad/${c})
  endforeach()

  # SDMMC/SD card models refuse the drivers' deliberate mistakes (tests/sim/fw/bootrom/sdmmc_mistakes.c).
  set(SDT "--board ${B} --image sd=${BR}/sd-fat32.img --until-ms 30 --boot ${EXTMEM_FW_DIR}/demo/test")
  bootrom_test(sim.${B}.sd-identification-faster-than-400-khz-gets-no-response
    COMMAND ${EXPECT} 0 "${SDT}/sdmmc-ident-fast.bin"
      "+sim: sd card: CMD8 at 25000 kHz in identification mode ignored: at most 400 kHz until CMD3"
      "+uart1: test: CMD8 at 25 MHz: no response \\(command timeout\\)")
  bootrom_test(sim.${B}.sdmmc-fifo-overruns-without-hardware-flow-control
    COMMAND ${EXPECT} 0 "${SDT}/sdmmc-no-hwfc.bin"
      "+sim: SDMMC1: receive FIFO overrun: the CPU did not keep up and CLKCR.HWFC_EN is 0"
      "+uart1: test: STA after 2 ms: RXOVERR 1")
  bootrom_test(sim.${B}.sd-data-on-the-wrong-bus-width-is-a-crc-error
    COMMAND ${EXPECT} 0 "${SDT}/sdmmc-wrong-width.bin"
      "+sim: sd card: data sent on 4 lines, the host samples 1 \\(CLKCR.WIDBUS\\): CRC errors"
      "+uart1: test: block read with WIDBUS 1: data CRC error")

  # IWDG model: key sequence, write protection, reset on expiry (test firmware).
  set(IWDG_FW ${EXTMEM_FW_DIR}/demo/test)
  bootrom_test(sim.${B}.iwdg-expiry-resets-after-prescaler-times-reload
    COMMAND ${EXPECT} 0 "--board ${B} --boot ${IWDG_FW}/iwdg-expire.bin --until-ms 500"
      "+uart1: test: iwdg started, 100 ms, spinning"
      "+sim: IWDG1: watchdog reset: counter reached 0 \\(100 ms without refresh, /4, reload 799\\)"
      "!test: still running")
  bootrom_test(sim.${B}.iwdg-registers-locked-without-key-0x5555
    COMMAND ${EXPECT} 0 "--board ${B} --boot ${IWDG_FW}/iwdg-locked.bin --until-ms 1000"
      "+sim: IWDG1: write of 0x[0-9a-f]+ at \\+0x04 ignored: registers are write-protected"
      "+uart1: test: PR reads 0, RLR reads 4095 after writes without the key"
      "+sim: IWDG1: watchdog reset: counter reached 0 \\(512 ms without refresh, /4, reload 4095\\)")
  bootrom_test(sim.${B}.iwdg-refresh-keeps-the-chip-running
    COMMAND ${EXPECT} 0 "--board ${B} --boot ${IWDG_FW}/iwdg-refresh.bin --until-ms 400"
      "+uart1: test: refreshed 30 times over 300 ms" "!IWDG1: watchdog reset")

endif()

# The OCTOSPI boards (H7B3I-EVAL, H7B3I-DK, H735G-DK): SD card on SDMMC1 and the MX25LM51245G as
# SPI-NOR store, 1 line (seed Table 2) and octal DTR (SPINOR_FAST=1), into internal SRAM; the
# copy throughput of a large image; the store's interface released at the jump; bad inputs
# (tests/sim/fw/bootrom/bootrom_board_case.sh). The other code RAMs of these boards are booted
# by the matrix's BootROM cells (cmake/host/matrix.cmake).
#   board | console | LED1 | SD clock MHz | OSPI clock MHz | code half KiB | SP | big image bytes
if(EXTMEM_FW_DIR)
  set(ospi_boards
      "stm32h7b3i-eval|uart1|PG13|46|93|512|0x24100000|204800"
      "stm32h7b3i-dk|uart1|PG11|46|93|512|0x24100000|204800"
      "stm32h735g-dk|uart3|PC3|43|86|160|0x24050000|131072")
  foreach(row ${ospi_boards})
    string(REPLACE "|" ";" f "${row}")
    list(GET f 0 B)
    list(GET f 1 U)
    list(GET f 2 LED)
    list(GET f 3 SDMHZ)
    list(GET f 4 OMHZ)
    list(GET f 5 HALF)
    list(GET f 6 SP)
    list(GET f 7 BIG)
    math(EXPR BIGK "${BIG} / 1024")
    set(BR ${CMAKE_BINARY_DIR}/bootrom/${B})
    set(SDC ${EXTMEM_FW_DIR}/bootrom-sd-${B})
    set(NORC ${EXTMEM_FW_DIR}/bootrom-spinor-${B})
    set(NORF ${EXTMEM_FW_DIR}/bootrom-spinor-fast-${B})
    file(MAKE_DIRECTORY ${BR})
    add_custom_command(OUTPUT ${BR}/big.img
      COMMAND sh -c "head -c ${BIG} /dev/zero > big.pad && cat '${SDC}/led.bin' big.pad | head -c ${BIG} > big.bin"
      COMMAND ${IMAGE} pack --load 0x24000000 --version 1.2.3 -o big.img big.bin
      DEPENDS ${SDC}/led.bin extmem_image_tool WORKING_DIRECTORY ${BR} VERBATIM)
    add_custom_command(OUTPUT ${BR}/sd-fat32.img
      COMMAND ${MEDIA} sdcard -o sd-fat32.img --fat 32 ${SDC}/led.img=PROJECT.BIN
      DEPENDS ${SDC}/led.img extmem-media WORKING_DIRECTORY ${BR} VERBATIM)
    add_custom_command(OUTPUT ${BR}/sd-big.img
      COMMAND ${MEDIA} sdcard -o sd-big.img --fat 32 big.img=PROJECT.BIN
      DEPENDS ${BR}/big.img extmem-media WORKING_DIRECTORY ${BR} VERBATIM)
    add_custom_command(OUTPUT ${BR}/nor.img
      COMMAND ${MEDIA} spinor -o nor.img --size 2M --offset 0x100000 ${NORC}/led.img
      DEPENDS ${NORC}/led.img extmem-media WORKING_DIRECTORY ${BR} VERBATIM)
    add_custom_command(OUTPUT ${BR}/nor-big.img
      COMMAND ${MEDIA} spinor -o nor-big.img --size 2M --offset 0x100000 big.img
      DEPENDS ${BR}/big.img extmem-media WORKING_DIRECTORY ${BR} VERBATIM)
    # An odd payload (the LED application plus one byte): octal DTR reads whole 16-bit words,
    # the last byte comes through the driver's bounce.
    add_custom_command(OUTPUT ${BR}/nor-odd.img
      COMMAND sh -c "cat '${NORF}/led.bin' > odd.bin && printf 'x' >> odd.bin"
      COMMAND ${IMAGE} pack --load 0x24000000 --version 1.0.1 -o odd.img odd.bin
      COMMAND ${MEDIA} spinor -o nor-odd.img --size 2M --offset 0x100000 odd.img
      DEPENDS ${NORF}/led.bin extmem_image_tool extmem-media WORKING_DIRECTORY ${BR} VERBATIM)
    add_custom_target(bootrom-media-${B} ALL DEPENDS ${BR}/sd-fat32.img ${BR}/sd-big.img ${BR}/nor.img
      ${BR}/nor-big.img ${BR}/nor-odd.img)

    set(SD_RUN "--board ${B} --boot ${SDC}/boot.bin --image sd=${BR}/sd-fat32.img")
    set(NOR_RUN "--board ${B} --boot ${NORC}/boot.bin --image ospi=${BR}/nor.img")
    # (error lines start with their code: "E11 " inside "0xEE11 " is not one)
    set(ok "+${U}: \\[boot\\] jump: to 0x24000309" "+${U}: led: running from 0x2400[0-9a-f]{4} \\(VTOR 0x24000000\\)"
        "!sim: error" "!Fault" "!${U}: E[0-9][0-9] ")
    set(mpu "+${U}: \\[boot\\] mpu: code 0x24000000 [0-9]+ KiB read-write executable")
    bootrom_test(boot.${B}.bootrom-sd.fat32-file-loaded-verified-into-axi-sram-then-runs
      COMMAND ${EXPECT} 0 "${SD_RUN} --until-ms 30" ${mpu}
        "+${U}: \\[boot\\] sdcard: SDHC/SDXC card 'SIMSD', 64 MiB, 4-bit bus at ${SDMHZ} MHz \\(high speed\\)"
        "+${U}: \\[boot\\] sdcard: FAT32 volume, PROJECT.BIN is [0-9]+ bytes"
        "+${U}: \\[boot\\] image: version 1.0.0, [0-9]+ bytes for 0x24000000, entry 0x24000309, header ok"
        "+${U}: \\[boot\\] image: SHA-256 of [0-9]+ bytes at 0x24000000 verified"
        "+${U}: \\[boot\\] cache: D-cache cleaned over 0x24000000\\+[0-9]+, I-cache invalidated"
        "+${U}: \\[boot\\] sdcard: SDMMC1 powered off and reset"
        "+${U}: \\[boot\\] app: loaded at 0x24000000, SP ${SP}, reset 0x24000309" ${ok})
    bootrom_test(boot.${B}.bootrom-sd.led-toggles-every-100-ms
      COMMAND ${CMAKE_SOURCE_DIR}/tests/e2e/led_period.sh "${SD_RUN} --until-ms 800" ${LED} 100 5)
    bootrom_test(boot.${B}.bootrom-sd.${BIGK}-kib-image-copy-throughput
      COMMAND ${EXPECT} 0 "--board ${B} --boot ${SDC}/boot.bin --image sd=${BR}/sd-big.img --until-ms 80"
        "+${U}: \\[boot\\] image: version 1.2.3, ${BIG} bytes"
        "+${U}: \\[boot\\] copy: ${BIG} bytes in [0-9]+ us \\([0-9.]+ MB/s\\)" ${ok})
    bootrom_test(boot.${B}.bootrom-sd.sdmmc-released-resources-clean-at-the-jump
      COMMAND ${EXPECT} 0 "${SD_RUN} --check-resources --until-ms 20"
        "+sim: resources at the jump to 0x24000308: clean" "!sim: error")

    bootrom_test(boot.${B}.bootrom-spinor.1-line-copy-from-offset-then-runs
      COMMAND ${EXPECT} 0 "${NOR_RUN} --until-ms 30" ${mpu}
        "+${U}: \\[boot\\] spinor: 1 x MX25LM51245G, 1-1-1 read 0x0C at ${OMHZ} MHz \\(1 data line\\), image at offset 0x100000"
        "+${U}: \\[boot\\] image: version 1.0.0, [0-9]+ bytes for 0x24000000"
        "+${U}: \\[boot\\] image: SHA-256 of [0-9]+ bytes at 0x24000000 verified"
        "+${U}: \\[boot\\] spinor: flash reset, OCTOSPI1 reset and unclocked, pins released, OCTOSPIM reset and unclocked"
        ${ok})
    bootrom_test(boot.${B}.bootrom-spinor.led-toggles-every-100-ms
      COMMAND ${CMAKE_SOURCE_DIR}/tests/e2e/led_period.sh "${NOR_RUN} --until-ms 800" ${LED} 100 5)
    bootrom_test(boot.${B}.bootrom-spinor.${BIGK}-kib-image-copy-throughput
      COMMAND ${EXPECT} 0 "--board ${B} --boot ${NORC}/boot.bin --image ospi=${BR}/nor-big.img --until-ms 80"
        "+${U}: \\[boot\\] copy: ${BIG} bytes in [0-9]+ us \\([0-9.]+ MB/s\\)" ${ok})
    bootrom_test(boot.${B}.bootrom-spinor.octospi-and-octospim-released-resources-clean-at-the-jump
      COMMAND ${EXPECT} 0 "${NOR_RUN} --check-resources --until-ms 20"
        "+sim: resources at the jump to 0x24000308: clean" "!sim: error")
    bootrom_test(boot.${B}.bootrom-spinor-fast.octal-dtr-${BIGK}-kib-copy-then-runs
      COMMAND ${EXPECT} 0 "--board ${B} --boot ${NORF}/boot.bin --image ospi=${BR}/nor-big.img --until-ms 80"
        "+${U}: \\[boot\\] spinor: 1 x MX25LM51245G, 8D-8D-8D read 0xEE11 at ${OMHZ} MHz \\(8 data lines, DTR with DQS\\)"
        "+${U}: \\[boot\\] copy: ${BIG} bytes in [0-9]+ us \\([0-9.]+ MB/s\\)"
        "+${U}: \\[boot\\] image: SHA-256 of ${BIG} bytes at 0x24000000 verified" ${ok})
    bootrom_test(boot.${B}.bootrom-spinor-fast.odd-sized-payload-last-byte-through-the-dtr-bounce-then-runs
      COMMAND ${EXPECT} 0 "--board ${B} --boot ${NORF}/boot.bin --image ospi=${BR}/nor-odd.img --until-ms 30"
        "+${U}: \\[boot\\] image: version 1.0.1, [0-9]*[13579] bytes for 0x24000000"
        "+${U}: \\[boot\\] image: SHA-256 of [0-9]*[13579] bytes at 0x24000000 verified" ${ok})
    bootrom_test(boot.${B}.bootrom-spinor-fast.flash-reset-from-octal-dtr-resources-clean-at-the-jump
      COMMAND ${EXPECT} 0 "--board ${B} --boot ${NORF}/boot.bin --image ospi=${BR}/nor.img --check-resources --until-ms 20"
        "+${U}: \\[boot\\] spinor: flash reset, OCTOSPI1 reset and unclocked, pins released, OCTOSPIM reset and unclocked"
        "+sim: resources at the jump to 0x24000308: clean" "!sim: error")

    foreach(c sd-no-card sd-file-missing sd-payload-bit-flip spinor-erased spinor-payload-bit-flip spinor-fast-payload-bit-flip)
      bootrom_test(boot.${B}.bootrom-bad.${c}
        COMMAND sh ${CMAKE_SOURCE_DIR}/tests/sim/fw/bootrom/bootrom_board_case.sh ${c} ${B} ${EXTMEM_FW_DIR}
                ${CMAKE_BINARY_DIR}/tools ${BR}/bad/${c})
    endforeach()
  endforeach()

  # The slot's card-detect switch (GPIO model): open with the slot empty, the input floats
  # without a pull-up (reported, reads 0 = "card"), reads 1 with it; a card closes it to 0.
  set(DET "--board stm32h7b3i-dk --boot ${EXTMEM_FW_DIR}/bootrom-sd-stm32h7b3i-dk/test/sd-detect-no-pull.bin --until-ms 10")
  bootrom_test(sim.stm32h7b3i-dk.sd-detect-input-without-pull-up-floats-on-an-empty-slot
    COMMAND ${EXPECT} 0 "${DET} --set sd.card=absent"
      "+sim: GPIO PI8: input on an open switch floats \\(no pull-up in PUPDR\\)"
      "+uart1: test: detect PI8 reads 0 without pull-up, 1 with it")
  bootrom_test(sim.stm32h7b3i-dk.sd-detect-switch-closed-by-a-card-reads-low
    COMMAND ${EXPECT} 0 "${DET} --image sd=${CMAKE_BINARY_DIR}/bootrom/stm32h7b3i-dk/sd-fat32.img"
      "+uart1: test: detect PI8 reads 0 without pull-up, 0 with it" "!floats")

  # H735G-DK, code copied into the HyperRAM (OCTOSPI2) from the SPI-NOR store (OCTOSPI1): both
  # controllers share the OCTOSPIM, so the boot shuts OCTOSPI1 down but keeps the I/O manager,
  # and the resources check accepts exactly that (the matrix cell's boot and medium).
  set(HRC m-stm32h735g-dk-external_ram-internal_sram-spi_nor)
  bootrom_test(boot.stm32h735g-dk.bootrom-spinor.code-in-hyperram-octospim-kept-for-octospi2-resources-clean
    COMMAND ${EXPECT} 0 "--board stm32h735g-dk --boot ${EXTMEM_FW_DIR}/${HRC}/boot.bin --image ospi=${CMAKE_BINARY_DIR}/matrix/${HRC}-led-nor.img --check-resources --until-ms 30"
      "+uart3: \\[boot\\] hyperram: memory-mapped at 0x70000000"
      "+uart3: \\[boot\\] image: SHA-256 of [0-9]+ bytes at 0x70000000 verified"
      "+uart3: \\[boot\\] spinor: flash reset, OCTOSPI1 reset and unclocked, pins released, OCTOSPIM kept \\(it routes the other OCTOSPI\\)"
      "+sim: resources at the jump to 0x70000308: clean \\(code in OCTOSPI2 RAM, data in internal memory\\)"
      "+uart3: led: running from 0x7000[0-9a-f]{4} \\(VTOR 0x70000000\\)" "!sim: error" "!Fault")
endif()

# SD card model rules, one CTest per cmocka test.
pkg_check_modules(CMOCKA REQUIRED cmocka)
add_executable(test_sdcard_model ${CMAKE_SOURCE_DIR}/tests/sim/fw/bootrom/test_sdcard_model.c)
target_include_directories(test_sdcard_model PRIVATE ${CMOCKA_INCLUDE_DIRS})
target_link_libraries(test_sdcard_model PRIVATE extmem_sim ${CMOCKA_LIBRARIES})
foreach(t identification_reaches_transfer_state_and_reads_blocks
          acmd41_reports_busy_until_initialisation_completes_then_ccs sdhc_card_stays_busy_without_hcs
          commands_within_74_clocks_of_power_up_are_ignored identification_faster_than_400_khz_is_ignored
          fifty_mhz_needs_the_cmd6_high_speed_switch data_on_the_wrong_bus_width_is_a_crc_error
          read_beyond_capacity_sets_out_of_range illegal_command_gets_no_response_and_a_status_bit
          sdsc_card_is_byte_addressed_with_csd_v1)
  add_test(NAME model.sdcard.${t} COMMAND test_sdcard_model ${t})
endforeach()
