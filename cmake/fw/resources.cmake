# Test firmware for the simulator's resources check at the jump (seed section 4).
extmem_test_fw(resources-left-running SOURCES ${TESTFW}/resources_left_running.c)
