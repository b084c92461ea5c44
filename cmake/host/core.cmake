# The simulator's core rules (ARMv7-M default map, MPU, faults, exceptions), one test firmware
# each (tests/sim/fw/core, built by cmake/fw/core.cmake), run from internal flash on the demo
# cell's board. Each prints "test: <name>: pass" only when all its checks held; the
# simulator's own lines (the fault it took and why) are asserted too. A run that took a fault
# ends with exit status 2 (SIM_EXIT_FAULT).
if(EXTMEM_FW_DIR)
  set(CT ${EXTMEM_FW_DIR}/demo/test)
  set(EXPECT ${CMAKE_SOURCE_DIR}/tests/e2e/expect.sh)
  set(core_tests "")
  # core_fw_test(<rule> <firmware> <exit> <until ms> patterns...)
  macro(core_fw_test rule fw exit ms)
    add_test(NAME core.${rule}
      COMMAND ${EXPECT} ${exit} "--board stm32h743i-eval --boot ${CT}/core-${fw}.bin --until-ms ${ms}" ${ARGN})
    list(APPEND core_tests core.${rule})
  endmacro()

  core_fw_test(mpu-no-access-region-faults-with-daccviol-and-mmfar mpu-no-access 2 50
    "+sim: MemManage: MPU: write to 0x2[0-9a-f]{7} denied [(]its region's access permissions[)] at pc 0x08[0-9a-f]{6}"
    "+uart1: test: fault: MemManage at pc 0x08[0-9a-f]{6}, CFSR 0x00000082, HFSR 0x00000000, MMFAR 0x2[0-9a-f]{7}"
    "+sim: MemManage: MPU: read of 0x2[0-9a-f]{7} denied"
    "+uart1: test: core-mpu-no-access: pass" "!FAIL" "!sim: note")
  core_fw_test(xn-fetch-faults-with-iaccviol xn-fetch 2 50
    "+sim: MemManage: instruction fetch from 0x2[0-9a-f]{7}: execute-never or no read access in its MPU region"
    "+uart1: test: fault: MemManage at pc 0x2[0-9a-f]{7}, CFSR 0x00000001, HFSR 0x00000000, MMFAR 0x00000000"
    "+sim: MemManage: instruction fetch from 0x40000000: execute-never in the default map"
    "+sim: MemManage: instruction fetch from 0xc0000000: execute-never in the default map"
    "+sim: MemManage: instruction fetch from 0xe0100000: execute-never in the default map"
    "+uart1: test: core-xn-fetch: pass" "!FAIL" "!BusFault")
  set_tests_properties(${core_tests} PROPERTIES ENVIRONMENT "SIM=$<TARGET_FILE:extmem-sim>")
endif()
