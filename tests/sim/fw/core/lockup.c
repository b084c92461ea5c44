/* Rule: a fault while the execution priority is negative cannot be taken: the core locks up
 * and the simulator stops the run with a report. Here an undefined instruction in thread mode
 * with UsageFault disabled escalates to HardFault (HFSR.FORCED), and the HardFault handler
 * executes another undefined instruction: lock-up. Nothing after it runs. */
#include "core_test.h"

int main(void)
{
    ct_begin("core-lockup");
    SCB_SHCSR &= ~SCB_SHCSR_USGFAULTENA;
    ct_lockup_test = 1u;
    __asm__ volatile("udf #1");
    console_printf("test: FAIL: ran on after a fault in HardFault\n");
    ct_end();
}
