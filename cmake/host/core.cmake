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
  core_fw_test(mpu-higher-region-wins-subregions-read-only-privileged-only-and-no-background mpu-regions 2 50
    "+sim: MemManage: MPU: write to 0x2[0-9a-f]{7} denied"
    "+sim: MemManage: MPU: read of 0x2[0-9a-f]{7} denied"
    "+sim: MemManage: MPU: write to 0x2[0-9a-f]{7} denied"
    "+sim: MemManage: MPU: write to 0x2[0-9a-f]{7} denied"
    "+sim: MemManage: MPU: read of 0x24000000 denied [(]no region, background[)]"
    "+uart1: test: core-mpu-regions: pass" "!FAIL" "!MSTKERR" "!HardFault")
  core_fw_test(xn-fetch-faults-with-iaccviol xn-fetch 2 50
    "+sim: MemManage: instruction fetch from 0x2[0-9a-f]{7}: execute-never or no read access in its MPU region"
    "+uart1: test: fault: MemManage at pc 0x2[0-9a-f]{7}, CFSR 0x00000001, HFSR 0x00000000, MMFAR 0x00000000"
    "+sim: MemManage: instruction fetch from 0x40000000: execute-never in the default map"
    "+sim: MemManage: instruction fetch from 0xc0000000: execute-never in the default map"
    "+sim: MemManage: instruction fetch from 0xe0100000: execute-never in the default map"
    "+uart1: test: core-xn-fetch: pass" "!FAIL" "!BusFault")
  core_fw_test(fault-escalates-to-hardfault-forced-when-disabled-or-not-more-urgent escalation 2 50
    "+sim: HardFault: undefined instruction 0xde01 at pc 0x08[0-9a-f]{6}"
    "+uart1: test: fault: HardFault at pc 0x08[0-9a-f]{6}, CFSR 0x00010000, HFSR 0x40000000"
    "+sim: UsageFault: undefined instruction 0xde02"
    "+uart1: test: fault: UsageFault at pc 0x08[0-9a-f]{6}, CFSR 0x00010000, HFSR 0x00000000"
    "+sim: HardFault: undefined instruction 0xde03"
    "+uart1: test: core-escalation: pass" "!FAIL")
  core_fw_test(lockup-stops-the-run lockup 2 50
    "+sim: HardFault: undefined instruction 0xde01"
    "+sim: lock-up: UsageFault [(]undefined instruction 0xde01[)] with execution priority -1 [(]in HardFault[)] at pc 0x08[0-9a-f]{6}.*: the core stops"
    "!uart1: test: fault" "!ran on" "!core-lockup: pass" "!core halted")
  core_fw_test(branch-to-even-address-faults-with-invstate invstate 2 50
    "+sim: UsageFault: instruction with EPSR.T = 0 [(]branch to an even address[)] at pc 0x08[0-9a-f]{6}"
    "+uart1: test: fault: UsageFault at pc 0x08[0-9a-f]{6}, CFSR 0x00020000, HFSR 0x00000000"
    "+uart1: test: core-invstate: pass" "!FAIL")
  core_fw_test(tail-chaining-skips-unstacking tail-chain 2 50
    "+sim: MemManage: unstacking from 0x2[0-9a-f]{7} denied by the MPU [(]MUNSTKERR[)]"
    "+uart1: test: fault: MemManage at pc 0x08[0-9a-f]{6}, CFSR 0x00000008"
    "+uart1: test: core-tail-chaining: pass" "!FAIL" "!HardFault")
  core_fw_test(nesting-follows-group-priority-and-icsr-shcsr-show-the-state exceptions 0 50
    "+uart1: test: trace ACaB, expected ACaB"
    "+uart1: test: core-exceptions: pass" "+sim: core halted" "!FAIL" "!test: fault")
  core_fw_test(wfe-sleeps-unless-an-event-is-set-and-sev-sets-it wfe 0 50
    "+uart1: test: WFE cycles: after SEV [0-9]{1,2}, then [0-9]{5}, after the handler [0-9]{1,2}, then [0-9]{5}"
    "+uart1: test: core-wfe: pass" "!FAIL" "!CPU stopped")
  core_fw_test(divide-by-zero-faults-with-divbyzero-only-with-div-0-trp div0 2 50
    "+sim: UsageFault: divide by zero with CCR.DIV_0_TRP at pc 0x08[0-9a-f]{6}"
    "+uart1: test: fault: UsageFault at pc 0x08[0-9a-f]{6}, CFSR 0x02000000"
    "+sim: UsageFault: divide by zero with CCR.DIV_0_TRP"
    "+uart1: test: core-div0: pass" "!FAIL")
  core_fw_test(fpu-instruction-faults-with-nocp-while-cpacr-denies-it nocp 2 50
    "+sim: UsageFault: FPU instruction while CPACR denies CP10/CP11 [(]0x00000000[)] at pc 0x08[0-9a-f]{6}"
    "+uart1: test: fault: UsageFault at pc 0x08[0-9a-f]{6}, CFSR 0x00080000"
    "+uart1: test: core-nocp: pass" "!FAIL")
  core_fw_test(unaligned-access-faults-with-unaligned-only-with-unalign-trp unaligned 2 50
    "+sim: UsageFault: unaligned write to 0x2[0-9a-f]{7} with CCR.UNALIGN_TRP at pc 0x08[0-9a-f]{6}"
    "+uart1: test: fault: UsageFault at pc 0x08[0-9a-f]{6}, CFSR 0x01000000"
    "+sim: UsageFault: unaligned read of 0x2[0-9a-f]{7} with CCR.UNALIGN_TRP"
    "+uart1: test: core-unaligned: pass" "!FAIL" "!sim: note")
  core_fw_test(unreadable-vector-is-a-hardfault-with-vecttbl vecttbl 2 50
    "+sim: HardFault: vector table read of IRQ at 0x24080010 failed [(]HFSR.VECTTBL[)]"
    "+uart1: test: fault: HardFault at pc 0x08[0-9a-f]{6}, CFSR 0x00000000, HFSR 0x00000002"
    "+uart1: test: core-vecttbl: pass" "!FAIL" "!lock-up")
  core_fw_test(invalid-exc-return-is-a-tail-chained-usagefault-with-invpc invpc 2 50
    "+uart1: test: valid exception return: ok [(]0 checks failed[)]"
    "+sim: UsageFault: exception return 0xfffffff3 from SVCall: invalid [(]UFSR.INVPC[)]"
    "+uart1: test: fault: UsageFault at pc 0x08[0-9a-f]{6}, CFSR 0x00040000, HFSR 0x00000000, MMFAR 0x00000000, BFAR 0x00000000, LR 0xfffffff3"
    "!HardFault" "!returned")
  core_fw_test(store-to-unmapped-external-memory-is-an-imprecise-busfault-without-bfar store-imprecise 2 50
    "+sim: BusFault: imprecise data bus error, write to 0xc0000000: no memory on this FMC SDRAM bank of the board"
    "+uart1: test: fault: BusFault at pc 0x08[0-9a-f]{6}, CFSR 0x00000400, HFSR 0x00000000, MMFAR 0x00000000, BFAR 0x00000000"
    "+sim: BusFault: imprecise data bus error, write to 0xc0000000"
    "+uart1: test: fault: BusFault at pc 0x08[0-9a-f]{6}, CFSR 0x00000400, HFSR 0x00000000"
    "+sim: HardFault: imprecise data bus error, write to 0xc0000000"
    "+uart1: test: fault: HardFault at pc 0x08[0-9a-f]{6}, CFSR 0x00000400, HFSR 0x40000000, MMFAR 0x00000000, BFAR 0x00000000"
    "+sim: BusFault: precise data bus error, read of 0xc0000000 at pc 0x08[0-9a-f]{6}"
    "+uart1: test: core-store-imprecise: pass"
    "+sim: end: [0-9]+ instructions, 4 faults" "!FAIL" "!sim: note" "!lock-up" "!Fault: precise data bus error, write")
  core_fw_test(load-from-unmapped-external-memory-stays-precise-with-bfar load-precise 2 50
    "+sim: BusFault: precise data bus error, read of 0xc0000000 at pc 0x08[0-9a-f]{6}: no memory on this FMC SDRAM bank of the board"
    "+uart1: test: fault: BusFault at pc 0x08[0-9a-f]{6}, CFSR 0x00008200, HFSR 0x00000000, MMFAR 0x00000000, BFAR 0xc0000000"
    "+sim: HardFault: precise data bus error, read of 0xc0000000 at pc 0x08[0-9a-f]{6}"
    "+uart1: test: fault: HardFault at pc 0x08[0-9a-f]{6}, CFSR 0x00008200, HFSR 0x40000000, MMFAR 0x00000000, BFAR 0xc0000000"
    "+uart1: test: core-load-precise: pass" "!FAIL" "!imprecise" "!sim: note")
  if(EXISTS ${EXTMEM_FW_DIR}/fmc-stm32h743i-eval/test/core-sdram-code.bin)
    add_test(NAME core.sdram-code-runs-only-with-an-executable-mpu-region
      COMMAND ${EXPECT} 2 "--board stm32h743i-eval --boot ${EXTMEM_FW_DIR}/fmc-stm32h743i-eval/test/core-sdram-code.bin --until-ms 20"
        "+sim: FMC: SDRAM IS42S32800G ready at 0xd0000000"
        "+sim: MemManage: instruction fetch from 0xd0000100: execute-never in the default map at pc 0xd0000100"
        "+sim: MemManage: instruction fetch from 0xd0000100: execute-never in its MPU region at pc 0xd0000100"
        "+sim: UsageFault: undefined instruction 0xde07 at pc 0xd0000104"
        "+uart1: test: fault: UsageFault at pc 0xd0000104, CFSR 0x00010000"
        "+sim: MemManage: instruction fetch from 0xd0000100: execute-never in the default map"
        "+uart1: test: core-sdram-code: pass" "!FAIL" "!0x28[0-9a-f]{6}")
    list(APPEND core_tests core.sdram-code-runs-only-with-an-executable-mpu-region)
  endif()
  set_tests_properties(${core_tests} PROPERTIES ENVIRONMENT "SIM=$<TARGET_FILE:extmem-sim>")
endif()
