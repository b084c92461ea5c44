/* Rule: a configurable fault escalates to HardFault with HFSR.FORCED when it is disabled in
 * SHCSR or cannot preempt (its priority is not above the current execution priority); its
 * CFSR bits are set either way. Negative: enabled and more urgent, it is taken itself, HFSR
 * stays 0. The fault here is an undefined instruction (UsageFault, CFSR.UNDEFINSTR). */
#include "core_test.h"

#define SCB_SHPR1_USAGE_SHIFT 16u /* SHPR1 byte 2: UsageFault (exception 6) */
#define SCB_SHPR2_SVC_SHIFT   24u /* SHPR2 byte 3: SVCall (exception 11) */

extern const uint16_t ct_udf_thread[], ct_udf_enabled[], ct_udf_svc[];

static void after_enabled(void);
static void after_svc(void);

void SVC_Handler(void);
void SVC_Handler(void)
{
    __asm__ volatile(".global ct_udf_svc\nct_udf_svc: udf #3");
}

static void after_disabled(void)
{
    ct_eq(ct_fault.count, 1u, "one fault");
    ct_check(ct_fault.what[0] == 'H', "disabled UsageFault taken as HardFault", ct_fault.what[0], 'H');
    ct_eq(ct_fault.hfsr, 0x40000000u, "HFSR = FORCED");
    ct_eq(ct_fault.cfsr, 0x00010000u, "CFSR = UNDEFINSTR");
    ct_eq(ct_fault.pc, (uint32_t)(uintptr_t)ct_udf_thread, "stacked PC = the undefined instruction");
    /* negative: enabled, from thread mode */
    SCB_SHCSR |= SCB_SHCSR_USGFAULTENA;
    ct_resume = (uint32_t)(uintptr_t)after_enabled;
    __asm__ volatile(".global ct_udf_enabled\nct_udf_enabled: udf #2");
    ct_end();
}

static void after_enabled(void)
{
    ct_eq(ct_fault.count, 2u, "second fault");
    ct_check(ct_fault.what[0] == 'U', "enabled UsageFault taken as itself", ct_fault.what[0], 'U');
    ct_eq(ct_fault.hfsr, 0u, "HFSR = 0");
    ct_eq(ct_fault.cfsr, 0x00010000u, "CFSR = UNDEFINSTR");
    ct_eq(ct_fault.pc, (uint32_t)(uintptr_t)ct_udf_enabled, "stacked PC = the undefined instruction");
    /* enabled but not more urgent: in SVC (priority 0x40), UsageFault at 0x80 */
    SCB_SHPR1 = (SCB_SHPR1 & ~(0xFFu << SCB_SHPR1_USAGE_SHIFT)) | (0x80u << SCB_SHPR1_USAGE_SHIFT);
    SCB_SHPR2 = (SCB_SHPR2 & ~(0xFFu << SCB_SHPR2_SVC_SHIFT)) | (0x40u << SCB_SHPR2_SVC_SHIFT);
    ct_resume = (uint32_t)(uintptr_t)after_svc;
    __asm__ volatile("svc #0");
    ct_end();
}

static void after_svc(void)
{
    ct_eq(ct_fault.count, 3u, "third fault");
    ct_check(ct_fault.what[0] == 'H', "UsageFault that cannot preempt SVC taken as HardFault", ct_fault.what[0], 'H');
    ct_eq(ct_fault.hfsr, 0x40000000u, "HFSR = FORCED");
    ct_eq(ct_fault.cfsr, 0x00010000u, "CFSR = UNDEFINSTR");
    ct_eq(ct_fault.pc, (uint32_t)(uintptr_t)ct_udf_svc, "stacked PC = the instruction in the SVC handler");
    ct_end();
}

int main(void)
{
    ct_begin("core-escalation");
    SCB_SHCSR &= ~SCB_SHCSR_USGFAULTENA;
    ct_resume = (uint32_t)(uintptr_t)after_disabled;
    __asm__ volatile(".global ct_udf_thread\nct_udf_thread: udf #1");
    ct_end();
}
