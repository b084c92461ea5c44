# The RTOS demo (firmware/apps/rtos) booted by the real boot from each cell's execution memory.
# Board-agnostic: one call per cell; the console is the board's, the LED pins its first two LEDs.
#   extmem_rtos_demo_tests(<cell dir> <board> <area name> <console> <led1 pin> <led2 pin>)
function(extmem_rtos_demo_tests cell_dir board area con led1 led2)
  set(run "--board ${board} --boot ${cell_dir}/boot.bin --qspi ${cell_dir}/rtos.bin")
  set(p rtos.${board}.${area})
  add_test(NAME ${p}.demo-runs-three-tasks-and-queue-without-errors
    COMMAND ${CMAKE_SOURCE_DIR}/tests/e2e/expect.sh 0 "${run} --until-ms 2100"
      "+${con}: rtos: demo on [^:]+: code 0x[0-9a-f]{8}, VTOR 0x[0-9a-f]{8}, stacks 0x[0-9a-f]{8}.., tick 1000 Hz"
      "+${con}: rtos: led1 .* every 100 ms, led2 .* every 250 ms, queue led1 -> led2, fp task checks s0-s31"
      "+${con}: rtos: 1000 ms: led1 10 toggles, led2 4, (9|10) messages in order, fp [1-9][0-9]* checks, 0 errors"
      "+${con}: rtos: stack headroom of 1024: led1 [0-9]+, led2 [0-9]+, fp [0-9]+ bytes"
      "+${con}: rtos: 2000 ms: led1 20 toggles, led2 8, (19|20) messages in order, fp [1-9][0-9]* checks, 0 errors"
      "+sim: end: .* 0 faults, 0 errors, exit 0"
      "!ERROR" "!PANIC" "!FAULT" "!Fault" "!sim: error")
  add_test(NAME ${p}.demo-led1-toggles-every-100-ms
    COMMAND ${CMAKE_SOURCE_DIR}/tests/e2e/led_period.sh "${run} --until-ms 1300" ${led1} 100 10)
  add_test(NAME ${p}.demo-led2-toggles-every-250-ms
    COMMAND ${CMAKE_SOURCE_DIR}/tests/e2e/led_period.sh "${run} --until-ms 1300" ${led2} 250 4)
  set_tests_properties(${p}.demo-runs-three-tasks-and-queue-without-errors
    ${p}.demo-led1-toggles-every-100-ms ${p}.demo-led2-toggles-every-250-ms
    PROPERTIES ENVIRONMENT "SIM=$<TARGET_FILE:extmem-sim>")
endfunction()

if(EXTMEM_FW_DIR)
  # The cells built so far, all XiP from QSPI with data in internal SRAM (the configuration
  # matrix, a later issue, will call this for every board and execution memory).
  extmem_rtos_demo_tests(${EXTMEM_FW_DIR}/demo stm32h743i-eval xip-qspi uart1 PF10 PA4)
  extmem_rtos_demo_tests(${EXTMEM_FW_DIR}/f723-xip-qspi stm32f723e-disco xip-qspi uart6 PA7 PB1)
  extmem_rtos_demo_tests(${EXTMEM_FW_DIR}/f756-xip-qspi stm32756g-eval xip-qspi uart1 PF10 PB7)
endif()
