# Every cell of the configuration matrix (build/fw/matrix.txt, cmake/fw/matrix.cmake) booted
# in the simulator with the resources check: the LED application, the hello application and
# the RTOS demo. Names: cell.<board>.<code>-<data>[-<store>].<app>.
if(EXTMEM_FW_DIR AND EXISTS ${EXTMEM_FW_DIR}/matrix.txt)
  file(STRINGS ${EXTMEM_FW_DIR}/matrix.txt cells)
  set(CELL_SH ${CMAKE_SOURCE_DIR}/tests/e2e/cell.sh)
  set(MBR ${CMAKE_BINARY_DIR}/matrix)
  file(MAKE_DIRECTORY ${MBR})
  set(media_outputs "")
  set(not_booted "")
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
    set(dir ${EXTMEM_FW_DIR}/${cell})
    # Code copied into SDRAM (0xC0000000-0xDFFFFFFF) cannot run in this simulator yet: Unicorn
    # refuses to fetch there and the executable alias that works around it is issue 3's work.
    # These cells are built, not booted, and counted in the configure log.
    if(NOT store STREQUAL "-" AND code STREQUAL "USE_EXTERNAL_SDRAM")
      list(APPEND not_booted ${cell})
      continue()
    endif()
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
        set(media "--qspi ${MBR}/${cell}-${app}-nor.img")
      endif()
      add_test(NAME cell.${board}.${short}.${app}
        COMMAND ${CELL_SH} ${app} "--board ${board} --boot ${dir}/boot.bin ${media}"
                ${code_base} ${code_size} ${data_base} ${data_size} ${leds})
      set_tests_properties(cell.${board}.${short}.${app} PROPERTIES ENVIRONMENT "SIM=$<TARGET_FILE:extmem-sim>")
    endforeach()
  endforeach()
  add_custom_target(matrix-media ALL DEPENDS ${media_outputs})
  list(LENGTH cells ncells)
  list(LENGTH not_booted nskipped)
  message(STATUS "configuration matrix: ${ncells} cells, ${nskipped} built but not booted (code in SDRAM): ${not_booted}")
endif()
