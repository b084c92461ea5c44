# The simulator's GDB server (sim/core/gdb.c) driven by gdb-multiarch in batch mode: the demo
# boot and the LED application in QSPI flash (tests/e2e/gdb.sh checks every step).
if(EXTMEM_FW_DIR)
  add_test(NAME sim.stm32h743i-eval.gdb-breaks-in-qspi-main-reads-registers-steps-continues
    COMMAND ${CMAKE_SOURCE_DIR}/tests/e2e/gdb.sh $<TARGET_FILE:extmem-sim> ${EXTMEM_FW_DIR}/demo)
  add_test(NAME sim.stm32h743i-eval.gdb-shows-a-lock-up-as-sigsegv-then-the-exit-status
    COMMAND ${CMAKE_SOURCE_DIR}/tests/e2e/gdb.sh $<TARGET_FILE:extmem-sim> ${EXTMEM_FW_DIR}/demo lockup)
  set_tests_properties(sim.stm32h743i-eval.gdb-breaks-in-qspi-main-reads-registers-steps-continues
    sim.stm32h743i-eval.gdb-shows-a-lock-up-as-sigsegv-then-the-exit-status PROPERTIES TIMEOUT 150)
  add_test(NAME sim.stm32h743i-eval.gdb-port-out-of-range-is-a-usage-error
    COMMAND ${CMAKE_SOURCE_DIR}/tests/e2e/expect.sh 1
      "--board stm32h743i-eval --boot ${EXTMEM_FW_DIR}/demo/boot.bin --gdb 65536"
      "+extmem-sim: --gdb takes a TCP port 0..65535" "!listening")
  set_tests_properties(sim.stm32h743i-eval.gdb-port-out-of-range-is-a-usage-error
    PROPERTIES ENVIRONMENT "SIM=$<TARGET_FILE:extmem-sim>")
endif()
