# The kernel's test firmwares (tests/sim/fw/rtos, built by cmake/fw/rtos.cmake) run in the
# simulator from internal flash on the demo cell's board. Each prints "test: <name>: pass" only
# when all its checks held; the kernel's own reports (PANIC, FAULT) are asserted where expected.
if(EXTMEM_FW_DIR)
  set(RT ${EXTMEM_FW_DIR}/demo/test)
  set(EXPECT ${CMAKE_SOURCE_DIR}/tests/e2e/expect.sh)
  set(BRD "--board stm32h743i-eval")
  set(rtos_sim_tests "")
  # rtos_fw_test(<test name> <firmware> <exit> <until ms> patterns...)
  macro(rtos_fw_test name fw exit ms)
    add_test(NAME rtos.${name} COMMAND ${EXPECT} ${exit} "${BRD} --boot ${RT}/rtos-${fw}.bin --until-ms ${ms}" ${ARGN})
    list(APPEND rtos_sim_tests rtos.${name})
  endmacro()

  rtos_fw_test(preemption-follows-priority-and-equal-priorities-take-turns-each-tick preempt 0 200
    "+uart1: test: trace LHhMlINme, expected LHhMlINme"
    "+uart1: test: rtos-preempt: pass" "+sim: core halted" "!FAIL" "!PANIC" "!FAULT")
  rtos_fw_test(delays-wake-at-the-exact-tick-within-one-tick-of-virtual-time delay 0 400
    "+uart1: test: rtos-delay: pass" "+sim: core halted" "!FAIL" "!PANIC" "!FAULT")
  rtos_fw_test(interrupt-hands-semaphore-and-message-to-waiting-task-first-and-waits-out-kernel-sections isr 0 100
    "+uart1: test: semaphore give in handler -> waiting task running: [0-9]+ cycles"
    "+uart1: test: queue send in handler -> waiting task running: [0-9]+ cycles"
    "+uart1: test: trace aIHbaJQbcKd, expected aIHbaJQbcKd"
    "+uart1: test: rtos-isr: pass" "+sim: core halted" "!FAIL" "!PANIC" "!FAULT")
  rtos_fw_test(mutex-priority-inheritance-keeps-a-middle-priority-task-out priority-inheritance 0 100
    "+uart1: test: trace hUHMmu, expected hUHMmu"
    "+uart1: test: rtos-pi: pass" "+sim: core halted" "!FAIL" "!PANIC" "!FAULT")
  rtos_fw_test(fp-registers-survive-preemption-by-fp-tasks-and-interrupts fp 0 400
    "+uart1: test: f1: [1-9][0-9]* holds, 0 registers changed"
    "+uart1: test: f2: [1-9][0-9]* holds, 0 registers changed"
    "+uart1: test: f3: [1-9][0-9]* holds, 0 registers changed"
    "+uart1: test: handler: [1-9][0-9]* holds, 0 registers changed"
    "+uart1: test: rtos-fp: pass" "+sim: core halted" "!FAIL" "!PANIC" "!FAULT")
  rtos_fw_test(stack-overflow-into-guard-words-is-reported-with-the-task-at-the-next-switch overflow 0 100
    "+uart1: rtos: PANIC: stack overflow in task 'deep'"
    "+uart1:   task 'deep' priority 2, stack 0x[0-9a-f]{8}-0x[0-9a-f]{8}, saved sp 0x[0-9a-f]{8}"
    "+uart1:   check: give the task a larger stack"
    "+sim: core halted" "!FAIL" "!test: rtos-overflow: pass")
  rtos_fw_test(fault-in-a-task-is-reported-with-the-task-name-and-address fault 2 100
    "+sim: HardFault: precise data bus error, read of 0x90000000"
    "+uart1: rtos: FAULT: HardFault in task 'bad' at pc 0x08[0-9a-f]{6}, lr 0x[0-9a-f]{8}, CFSR 0x00008200, MMFAR 0x[0-9a-f]{8}, BFAR 0x90000000"
    "+uart1:   task 'bad' priority 2"
    "+sim: core halted" "!FAIL" "!test: rtos-fault: pass")
  rtos_fw_test(context-switch-cycles-measured-with-dwt switch 0 100
    "+uart1: test: rtos_yield to an equal-priority task, no FP context: [0-9]+ cycles"
    "+uart1: test: rtos_yield to an equal-priority task, both with FP context: [0-9]+ cycles"
    "+uart1: test: rtos_sem_give to a more urgent waiting task: [0-9]+ cycles"
    "+uart1: test: SysTick that wakes no task [(]loop turn subtracted[)]: [0-9]+ cycles"
    "+uart1: test: rtos-switch: pass" "+sim: core halted" "!FAIL" "!PANIC" "!FAULT")
  rtos_fw_test(mpu-guard-region-follows-the-running-task mpu 0 100
    "+uart1: test: rtos-mpu: pass" "+sim: core halted" "!FAIL" "!PANIC" "!FAULT")
  # issue 7: the guard region faults at the first access into it (MemManage, DACCVIOL with
  # MMFAR in the guard; the exception frame then runs into the guard too: MSTKERR)
  rtos_fw_test(stack-overflow-into-the-mpu-guard-faults-at-once-and-is-reported-with-the-task mpu-overflow 2 100
    "+sim: MemManage: MPU: write to 0x2[0-9a-f]{7} denied"
    "+uart1: rtos: FAULT: MemManage in task 'deep' at pc 0x[0-9a-f]{8}, lr 0x[0-9a-f]{8}, CFSR 0x00000092, MMFAR 0x2[0-9a-f]{7}"
    "+uart1:   task 'deep' priority 3, stack 0x[0-9a-f]{8}-0x[0-9a-f]{8}"
    "+uart1: rtos: PANIC: stack overflow in task 'deep' [(]MPU guard[)]"
    "+sim: core halted" "!FAIL" "!test: rtos-mpu-overflow: pass" "!sim: note")
  # The same tests against a kernel with one deliberate bug (cmake/fw/rtos.cmake): they must fail.
  rtos_fw_test(fp-test-fails-on-a-port-that-does-not-save-s16-s31 mutant-no-s16-s31 0 400
    "+uart1: test: FAIL: FP registers changed under preemption"
    "+uart1: test: rtos-fp: FAIL" "!test: rtos-fp: pass")
  rtos_fw_test(priority-inheritance-test-fails-on-a-mutex-without-inheritance mutant-no-priority-inheritance 0 100
    "+uart1: test: trace hM"
    "+uart1: test: rtos-pi: FAIL" "!test: rtos-pi: pass")
  set_tests_properties(${rtos_sim_tests} PROPERTIES ENVIRONMENT "SIM=$<TARGET_FILE:extmem-sim>")
endif()
