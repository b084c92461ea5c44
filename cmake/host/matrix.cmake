# Every cell of the configuration matrix (build/fw/matrix.txt, cmake/fw/matrix.cmake) booted
# in the simulator with the resources check: the LED application, the hello application and
# the RTOS demo. Names: cell.<board>.<code>-<data>[-<store>].<app>.
if(EXTMEM_FW_DIR AND EXISTS ${EXTMEM_FW_DIR}/matrix.txt)
  file(STRINGS ${EXTMEM_FW_DIR}/matrix.txt cells)
  set(CELL_SH ${CMAKE_SOURCE_DIR}/tests/e2e/cell.sh)
  set(MBR ${CMAKE_BINARY_DIR}/matrix)
  file(MAKE_DIRECTORY ${MBR})
  set(media_outputs "")
  foreach(line ${cells})
    separate_arguments(f UNIX_COMMAND "${line}")
    list(GET f 0 cell)
    list(GET f 1 board)
    list(GET f 2 code)
    list(GET f 3 data)
    list(GET f 4 store)
    list(GET f 5 code_base)
    list(GET f 6 code_size)
    list(GET f 7 data_base)
    list(GET f 8 data_size)
    list(GET f 9 leds)
    list(GET f 10 spinor_flash)
    set(dir ${EXTMEM_FW_DIR}/${cell})
    # Code copied into SDRAM (0xC0000000-0xDFFFFFFF) runs through the simulator's executable
    # alias of that memory when the boot's MPU region allows execution (sim/core/xalias.c).
    string(REPLACE "m-${board}-" "" short ${cell})
    foreach(app led hello rtos)
      if(store STREQUAL "-")
        # XiP: the raw application at the start of the flash the code area names.
        if(code STREQUAL "USE_QSPI")
          set(media "--qspi ${dir}/${app}.bin")
        elseif(code STREQUAL "USE_OSPI")
          set(media "--image ospi=${dir}/${app}.bin")
        else()
          set(media "--image fmc-nor=${dir}/${app}.bin")
        endif()
        set(ALLOW "")
      elseif(store STREQUAL "USE_SDCARD")
        add_custom_command(OUTPUT ${MBR}/${cell}-${app}-sd.img
          COMMAND $<TARGET_FILE:extmem-media> sdcard -o ${MBR}/${cell}-${app}-sd.img --fat 32 ${dir}/${app}.img=PROJECT.BIN
          DEPENDS ${dir}/${app}.img extmem-media VERBATIM)
        list(APPEND media_outputs ${MBR}/${cell}-${app}-sd.img)
        set(media "--image sd=${MBR}/${cell}-${app}-sd.img")
      else()
        add_custom_command(OUTPUT ${MBR}/${cell}-${app}-nor.img
          COMMAND $<TARGET_FILE:extmem-media> spinor -o ${MBR}/${cell}-${app}-nor.img --size 2M --offset 0x100000 ${dir}/${app}.img
          DEPENDS ${dir}/${app}.img extmem-media VERBATIM)
        list(APPEND media_outputs ${MBR}/${cell}-${app}-nor.img)
        if(spinor_flash STREQUAL "OSPI")
          set(media "--image ospi=${MBR}/${cell}-${app}-nor.img")
        else()
          set(media "--qspi ${MBR}/${cell}-${app}-nor.img")
        endif()
      endif()
      add_test(NAME cell.${board}.${short}.${app}
        COMMAND ${CELL_SH} ${app} "--board ${board} --boot ${dir}/boot.bin ${media}"
                ${code_base} ${code_size} ${data_base} ${data_size} ${leds})
      set_tests_properties(cell.${board}.${short}.${app} PROPERTIES ENVIRONMENT "SIM=$<TARGET_FILE:extmem-sim>")
    endforeach()
  endforeach()
  add_custom_target(matrix-media ALL DEPENDS ${media_outputs})
  list(LENGTH cells ncells)
  message(STATUS "configuration matrix: ${ncells} cells")
endif()

# Invalid configurations: rejected at configure time by the layout tool with the board's valid
# choices, and at compile time by boot/memory.h (the second guard).
if(EXTMEM_FW_DIR)
  set(REJECTS ${CMAKE_SOURCE_DIR}/tests/e2e/rejects.sh)
  set(LAYOUT ${EXTMEM_FW_DIR}/layout-tool)
  add_test(NAME config.unknown-board-is-rejected-listing-the-boards
    COMMAND ${REJECTS} "unknown BOARD 'stm32h750-nucleo'; boards: stm32h743i-eval stm32f723e-disco"
            ${LAYOUT} stm32h750-nucleo USE_QSPI USE_INTERNAL_SRAM)
  add_test(NAME config.stm32f723e-disco.nor-code-area-is-rejected-listing-valid-areas
    COMMAND ${REJECTS} "valid CODE_AREA for stm32f723e-disco: USE_QSPI$"
            ${LAYOUT} stm32f723e-disco USE_NOR USE_INTERNAL_SRAM)
  add_test(NAME config.stm32h735g-dk.sdram-data-area-is-rejected-listing-valid-areas
    COMMAND ${REJECTS} "valid DATA_AREA for stm32h735g-dk: USE_INTERNAL_SRAM USE_EXTERNAL_RAM"
            ${LAYOUT} stm32h735g-dk USE_OSPI USE_EXTERNAL_SDRAM)
  add_test(NAME config.stm32h743i-eval.xip-with-a-ram-code-area-is-rejected
    COMMAND ${REJECTS} "CODE_AREA=USE_EXTERNAL_SDRAM DATA_AREA=USE_INTERNAL_SRAM is not valid on stm32h743i-eval"
            ${LAYOUT} stm32h743i-eval USE_EXTERNAL_SDRAM USE_INTERNAL_SRAM)
  # (the STM32H7B3I-DK gained its SD slot with the OCTOSPI boards' stores: the 32F723E-DISCO
  # is the board without one, seed Table 2)
  add_test(NAME config.stm32f723e-disco.sd-card-store-is-rejected-where-the-board-has-none
    COMMAND ${REJECTS} "BINARY_AREA=USE_SDCARD is not a store of stm32f723e-disco"
            ${LAYOUT} stm32f723e-disco USE_INTERNAL_SRAM USE_INTERNAL_SRAM USE_SDCARD)
  add_test(NAME config.stm32h743i-eval.bootrom-with-a-flash-code-area-is-rejected
    COMMAND ${REJECTS} "valid CODE_AREA and DATA_AREA for the BootROM model on stm32h743i-eval"
            ${LAYOUT} stm32h743i-eval USE_QSPI USE_INTERNAL_SRAM USE_SPI_NOR)
  add_test(NAME config.compile-time-guard-rejects-bootrom-running-from-flash
    COMMAND ${REJECTS} "the BootROM model runs the application from a RAM"
            ${CMAKE_C_COMPILER} -fsyntax-only -x c -DCODE_AREA=USE_NOR -DDATA_AREA=USE_INTERNAL_SRAM
            -DBINARY_AREA=USE_SDCARD -DBINARY_FILENAME="X" -include ${CMAKE_SOURCE_DIR}/firmware/boot/memory.h /dev/null)
  add_test(NAME config.compile-time-guard-rejects-xip-from-a-ram
    COMMAND ${REJECTS} "the XiP model executes from USE_QSPI, USE_OSPI or USE_NOR"
            ${CMAKE_C_COMPILER} -fsyntax-only -x c -DCODE_AREA=USE_EXTERNAL_SDRAM -DDATA_AREA=USE_INTERNAL_SRAM
            -include ${CMAKE_SOURCE_DIR}/firmware/boot/memory.h /dev/null)
endif()

# docs/configurations.md carries the generated matrix: it must match the board data.
if(EXTMEM_FW_DIR)
  add_test(NAME docs.configurations-matrix-matches-the-board-data
    COMMAND sh -c "sed -n '/<!-- matrix -->/,/<!-- \\/matrix -->/p' '${CMAKE_SOURCE_DIR}/docs/configurations.md' | sed '1d;$d' > doc.txt && '${CMAKE_SOURCE_DIR}/scripts/configs-table.sh' '${EXTMEM_FW_DIR}/layout-tool' > gen.txt && diff -u doc.txt gen.txt && echo matches")
endif()
