# Test firmwares of the simulator's core rules (tests/sim/fw/core, one rule each), on the demo
# cell's board from internal flash. CTests: cmake/host/core.cmake.
foreach(t mpu_no_access xn_fetch escalation lockup invstate tail_chain)
  string(REPLACE "_" "-" n ${t})
  extmem_test_fw(core-${n} SOURCES ${TESTFW}/core/${t}.c)
endforeach()
