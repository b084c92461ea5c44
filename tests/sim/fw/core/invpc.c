/* Rule: an exception return with an invalid EXC_RETURN (here 0xFFFFFFF3: bits [3:0] = 0011 is
 * no return mode) is not performed: the returning SVC is deactivated and UsageFault INVPC is
 * tail-chained, with LR = 0xF0000000 + EXC_RETURN[27:0] and the SVC's frame still on the main
 * stack (its stacked PC = after the SVC). Positive case first: the same handler returning with
 * its own EXC_RETURN goes back. The fault report then halts (it cannot return through the
 * invalid LR). */
#include "core_test.h"

static volatile uint32_t bad_return, svc_runs;
extern const uint16_t ct_after_svc[];

__attribute__((naked)) void SVC_Handler(void);
__attribute__((naked)) void SVC_Handler(void)
{
    __asm__ volatile("ldr r0, =svc_runs\n\t"
                     "ldr r1, [r0]\n\t"
                     "adds r1, #1\n\t"
                     "str r1, [r0]\n\t"
                     "ldr r0, =bad_return\n\t"
                     "ldr r0, [r0]\n\t"
                     "cbz r0, 1f\n\t"
                     "ldr lr, =0xFFFFFFF3\n"
                     "1: bx lr\n\t"
                     ".ltorg");
}

int main(void)
{
    ct_begin("core-invpc");
    SCB_SHCSR |= SCB_SHCSR_USGFAULTENA;
    __asm__ volatile("svc #0" ::: "r0", "r1", "memory");
    ct_eq(svc_runs, 1u, "the SVC handler ran and returned");
    ct_eq(ct_fault.count, 0u, "no fault for a valid return");
    console_printf("test: valid exception return: ok (%u checks failed)\n", ct_failed);
    bad_return = 1u;
    __asm__ volatile("svc #0\n\t"
                     ".global ct_after_svc\nct_after_svc: nop" ::: "r0", "r1", "memory");
    ct_check(false, "an invalid EXC_RETURN returned", 0, 0);
    ct_end();
}
