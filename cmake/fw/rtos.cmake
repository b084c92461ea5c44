# Test firmwares of the kernel (tests/sim/fw/rtos): each links the kernel, its console report,
# the demo's FP witness (apps/rtos/fp_regs.S) and the harness; they run from internal flash on
# the demo cell's board. CTests: cmake/host/rtos_sim.cmake.
set(RTOS_TEST_SRC ${TESTFW}/rtos/rtos_test.c ${EXTMEM_RTOS_SRC} ${FW}/apps/rtos/fp_regs.S)
foreach(t preempt delay isr priority-inheritance fp overflow fault switch mpu)
  extmem_test_fw(rtos-${t} SOURCES ${TESTFW}/rtos/${t}.c ${RTOS_TEST_SRC})
endforeach()
