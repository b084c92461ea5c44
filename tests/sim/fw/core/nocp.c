/* Rule: an FPU instruction while CPACR denies CP10/CP11 is a UsageFault with CFSR.NOCP and
 * the stacked PC = that instruction (the reset value of CPACR denies them). Negative: with
 * full access the same instruction runs. */
#include "core_test.h"

extern const uint16_t ct_vmov_insn[];

static __attribute__((noinline)) uint32_t vmov_roundtrip(uint32_t v)
{
    uint32_t out;
    __asm__ volatile(".global ct_vmov_insn\nct_vmov_insn: vmov s0, %1\n\tvmov %0, s0" : "=r"(out) : "r"(v) : "s0");
    return out;
}

static void after_nocp(void)
{
    ct_eq(ct_fault.count, 1u, "one fault");
    ct_check(ct_fault.what[0] == 'U', "taken as UsageFault", ct_fault.what[0], 'U');
    ct_eq(ct_fault.cfsr, 0x00080000u, "CFSR = NOCP");
    ct_eq(ct_fault.pc, (uint32_t)(uintptr_t)ct_vmov_insn, "stacked PC = the VMOV");
    SCB_CPACR |= SCB_CPACR_CP10_CP11_FULL;
    cm7_dsb();
    cm7_isb();
    ct_eq(vmov_roundtrip(0x1234u), 0x1234u, "the VMOV runs with CP10/CP11 full access");
    ct_eq(ct_fault.count, 1u, "no fault then");
    ct_end();
}

int main(void)
{
    ct_begin("core-nocp");
    SCB_SHCSR |= SCB_SHCSR_USGFAULTENA;
    SCB_CPACR &= ~SCB_CPACR_CP10_CP11_FULL;
    cm7_dsb();
    cm7_isb();
    ct_resume = (uint32_t)(uintptr_t)after_nocp;
    (void)vmov_roundtrip(0x1234u);
    ct_check(false, "an FPU instruction with CP10/CP11 denied did not fault", 0, 0);
    ct_end();
}
