# Memory test of the XiP flash of every board (cmake/fw/xip.cmake): the boot's bring-up, then
# twice erase, program and read back the last erase unit through the driver, and call the
# function programmed there in place; the read-back CRC-32 (memory-mapped) must equal the CRC-32
# of what was programmed. SFDP cross-check of the QSPI boot against the declared part.
if(EXTMEM_FW_DIR)
  set(EXPECT ${CMAKE_SOURCE_DIR}/tests/e2e/expect.sh)
  set(xip_tests "")
  # board|area|flash option|console|bring-up line
  foreach(spec
      "stm32h743i-eval|qspi|--qspi|uart1|qspi: 2 x MT25QL512, id 20 BA 20, 100 MHz, ready [0-9]+ us after reset, SFDP 512 Mbit"
      "stm32756g-eval|qspi|--qspi|uart1|qspi: 1 x N25Q512A, id 20 BA 20, 100 MHz, ready [0-9]+ us after reset, SFDP 512 Mbit"
      "stm32f723e-disco|qspi|--qspi|uart6|qspi: 1 x MX25L51245G, id C2 20 1A, 108 MHz, ready [0-9]+ us after reset, SFDP 512 Mbit"
      "stm32h7b3i-eval|ospi|--image ospi=|uart1|ospi: octal DTR at 93 MHz, DQS, 10 dummy cycles, memory-mapped at 0x90000000"
      "stm32h7b3i-dk|ospi|--image ospi=|uart1|ospi: octal DTR at 93 MHz, DQS, 10 dummy cycles, memory-mapped at 0x90000000"
      "stm32h735g-dk|ospi|--image ospi=|uart3|ospi: octal DTR at 86 MHz, DQS, 10 dummy cycles, memory-mapped at 0x90000000")
    string(REPLACE "|" ";" f "${spec}")
    list(GET f 0 B)
    list(GET f 1 A)
    list(GET f 2 OPT)
    list(GET f 3 U)
    list(GET f 4 UP)
    string(TOUPPER ${A} NAME)
    set(C ${EXTMEM_FW_DIR}/m-${B}-${A}-internal_sram)
    if(OPT STREQUAL "--qspi")
      set(IMG "--qspi ${C}/qspi.img")
    else()
      set(IMG "--image ospi=${C}/led.bin")
    endif()
    if(B STREQUAL "stm32h743i-eval")
      set(UNIT "8 KiB at 0x97ffe000")
      set(FN 0x97fffff0)
    else()
      set(UNIT "4 KiB at 0x93fff000")
      set(FN 0x93fffff0)
    endif()
    set(check "")
    foreach(pass 1 2)
      math(EXPR k "0x1234 * 3 + 7 + 2 * (${pass} - 1)" OUTPUT_FORMAT HEXADECIMAL)
      string(REPLACE "0x" "" k ${k})
      list(APPEND check
        "+${U}: memtest: ${NAME} flash pass ${pass}: erased ${UNIT} in [0-9]+ us, reads erased"
        "+${U}: memtest: ${NAME} flash pass ${pass}: programmed [0-9]+ bytes and a function in [0-9]+ us, read-back CRC-32 (0x[0-9a-f]{8}) \\(programmed \\1\\)"
        "+${U}: memtest: ${NAME} flash pass ${pass}: executed a function programmed at ${FN}: f\\(0x1234\\) = 0x${k}")
    endforeach()
    add_test(NAME mem.${B}.${A}-readback-and-execute
      COMMAND ${EXPECT} 0 "--board ${B} --boot ${C}/test/memtest-${A}.bin ${IMG} --until-ms 3000"
        "+${U}: memtest: ${NAME} flash on .* at 0x90000000 \\((64|128) MiB\\)"
        "+${U}: \\[boot\\] ${UP}"
        ${check}
        "+${U}: memtest: ${NAME} flash passed \\(bring-up [0-9]+ us, test [0-9]+ ms\\)"
        "!page program ignored" "!Fault" "!sim: error")
    list(APPEND xip_tests mem.${B}.${A}-readback-and-execute)
    if(EXISTS ${C}/test/memtest-${A}-no-wren.bin)
      if(A STREQUAL "qspi")
        set(REFUSED "qspi die 0: 0x12 page program ignored: write enable latch not set")
      else()
        set(REFUSED "ospi flash: 0x12 page program ignored: write enable latch not set")
      endif()
      add_test(NAME mem.${B}.${A}-program-without-write-enable-is-refused-by-the-flash
        COMMAND ${EXPECT} 0 "--board ${B} --boot ${C}/test/memtest-${A}-no-wren.bin ${IMG} --until-ms 3000"
          "+${U}: memtest: ${NAME} flash pass 1: erased ${UNIT} in [0-9]+ us, reads erased"
          "+sim: ${REFUSED} \\(send 0x06 first\\)"
          "+${U}: E83 memtest: ${NAME} flash read-back differs from the programmed pattern at 0x9[0-9a-f]+ \\(first word 0xffffffff, programmed 0x[0-9a-f]+\\): the flash did not take the program"
          "!executed a function" "!passed")
      list(APPEND xip_tests mem.${B}.${A}-program-without-write-enable-is-refused-by-the-flash)
    endif()
  endforeach()

  # SFDP against the parts table: the other Micron part answers the same JEDEC ID (20 BA 20)
  # but its basic flash parameter table lists other erase types; the boot refuses it.
  foreach(spec "stm32756g-eval|f756-xip-qspi|uart1|MT25QL512|N25Q512A|0" "stm32h743i-eval|demo|uart1|N25Q512A|MT25QL512|0")
    string(REPLACE "|" ";" f "${spec}")
    list(GET f 0 B)
    list(GET f 1 CELL)
    list(GET f 2 U)
    list(GET f 3 OTHER)
    list(GET f 4 PART)
    list(GET f 5 DIE)
    set(C ${EXTMEM_FW_DIR}/${CELL})
    add_test(NAME boot.${B}.xip-qspi.part-with-the-same-jedec-id-is-refused-by-its-sfdp
      COMMAND ${EXPECT} 0 "--board ${B} --boot ${C}/boot.bin --qspi ${C}/qspi.img --qspi-part ${OTHER} --until-ms 80"
        "+${U}: E16 qspi: SFDP erase types of die ${DIE} differ from the ${PART} the board declares \\(JEDEC ID 20 BA 20 matches\\): check the part fitted"
        "!jump" "!led:" "!sim: error")
    list(APPEND xip_tests boot.${B}.xip-qspi.part-with-the-same-jedec-id-is-refused-by-its-sfdp)
  endforeach()
  set_tests_properties(${xip_tests} PROPERTIES ENVIRONMENT "SIM=$<TARGET_FILE:extmem-sim>")
endif()
