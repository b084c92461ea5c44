# Test firmwares of the kernel (tests/sim/fw/rtos): each links the kernel, its console report,
# the FP witness of the demo and the harness; run from internal flash on the demo cell's board.
set(RTOS_TEST_SRC ${TESTFW}/rtos/rtos_test.c ${EXTMEM_RTOS_SRC} ${FW}/apps/rtos/fp_regs.S)
foreach(t preempt delay isr pi fp overflow fault switch mpu)
  if(EXISTS ${TESTFW}/rtos/${t}.c)
    extmem_test_fw(rtos-${t} SOURCES ${TESTFW}/rtos/${t}.c ${RTOS_TEST_SRC})
  endif()
endforeach()
