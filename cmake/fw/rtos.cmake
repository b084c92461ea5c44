# Test firmwares of the kernel (tests/sim/fw/rtos): each links the kernel, its console report,
# the demo's FP witness (apps/rtos/fp_regs.S) and the harness; they run from internal flash on
# the demo cell's board. CTests: cmake/host/rtos_sim.cmake.
set(RTOS_TEST_SRC ${TESTFW}/rtos/rtos_test.c ${EXTMEM_RTOS_SRC} ${FW}/apps/rtos/fp_regs.S)
foreach(t preempt delay isr priority-inheritance fp overflow fault switch mpu mpu-overflow)
  extmem_test_fw(rtos-${t} SOURCES ${TESTFW}/rtos/${t}.c ${RTOS_TEST_SRC})
endforeach()

# Mutants: a test firmware built with one deliberate kernel bug, to prove its test can fail.
# The bug is text replacements in a generated copy of one kernel file (the sources are not
# touched); a replacement that no longer matches stops the configuration.
#   rtos_mutant(<name> <test> <kernel file> <text> <replacement> [<text> <replacement>]...)
function(rtos_mutant name test file)
  file(READ ${FW}/rtos/${file} text)
  set(pairs ${ARGN})
  list(LENGTH pairs n)
  math(EXPR last "${n} - 1")
  foreach(i RANGE 0 ${last} 2)
    math(EXPR j "${i} + 1")
    list(GET pairs ${i} old)
    list(GET pairs ${j} new)
    string(FIND "${text}" "${old}" at)
    if(at EQUAL -1)
      message(FATAL_ERROR "rtos mutant ${name}: '${old}' not found in firmware/rtos/${file}")
    endif()
    string(REPLACE "${old}" "${new}" text "${text}")
  endforeach()
  set(copy ${CMAKE_BINARY_DIR}/rtos-mutants/${name}/${file})
  file(WRITE ${copy}.tmp "${text}")
  configure_file(${copy}.tmp ${copy} COPYONLY) # rewritten only when it changes
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${FW}/rtos/${file})
  set(src ${RTOS_TEST_SRC})
  list(REMOVE_ITEM src ${FW}/rtos/${file})
  extmem_test_fw(rtos-mutant-${name} SOURCES ${TESTFW}/rtos/${test}.c ${src} ${copy})
  target_include_directories(demo.test.rtos-mutant-${name} PRIVATE ${FW}/rtos)
endfunction()

# PendSV that only moves sp past s16-s31 instead of saving and restoring them.
rtos_mutant(no-s16-s31 fp rtos_port_cm7.c
  "vstmdbeq r0!, {s16-s31}" "subeq r0, r0, #64"
  "vldmiaeq r0!, {s16-s31}" "addeq r0, r0, #64")
# A mutex that does not lend the waiter's priority to its owner (the lock's call; the tick's
# call, which gives priority back on a timeout, is indented deeper). No ';' in the texts:
# CMake would split them.
rtos_mutant(no-priority-inheritance priority-inheritance rtos.c
  "\n    prio_propagate_locked(m->owner)" "\n    (void)m->owner")
