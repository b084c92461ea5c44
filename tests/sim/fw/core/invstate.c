/* Rule: a branch to an address with bit 0 clear (Thumb state cleared) faults at the target
 * with UsageFault INVSTATE; the stacked PC is the target and the stacked xPSR has T = 0.
 * Negative: the same branch with bit 0 set runs the code. */
#include "core_test.h"

static uint32_t target(void) { return 7u; }

static void after_invstate(void)
{
    ct_eq(ct_fault.count, 1u, "one fault");
    ct_check(ct_fault.what[0] == 'U', "taken as UsageFault", ct_fault.what[0], 'U');
    ct_eq(ct_fault.cfsr, 0x00020000u, "CFSR = INVSTATE");
    ct_eq(ct_fault.pc, (uint32_t)(uintptr_t)target & ~1u, "stacked PC = the branch target");
    ct_eq(ct_fault.xpsr & (1u << 24), 0u, "stacked xPSR.T = 0");
    uint32_t (*ok)(void) = target;
    ct_eq(ok(), 7u, "the same code through a Thumb address runs");
    ct_eq(ct_fault.count, 1u, "no fault then");
    ct_end();
}

int main(void)
{
    ct_begin("core-invstate");
    SCB_SHCSR |= SCB_SHCSR_USGFAULTENA;
    ct_resume = (uint32_t)(uintptr_t)after_invstate;
    uint32_t even = (uint32_t)(uintptr_t)target & ~1u;
    __asm__ volatile("blx %0" : : "r"(even) : "r0", "r1", "r2", "r3", "r12", "lr", "memory");
    ct_check(false, "a branch to an even address did not fault", 0, 0);
    ct_end();
}
