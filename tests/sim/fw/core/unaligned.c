/* Rule: with CCR.UNALIGN_TRP set, an unaligned word or halfword access is a UsageFault with
 * CFSR.UNALIGNED, stacked PC = the access, nothing stored. Negative: the same access with the
 * bit clear works (the M7 does unaligned LDR/STR in normal memory), and aligned ones with it
 * set. */
#include "core_test.h"

static volatile uint8_t buf[16] __attribute__((aligned(8)));
extern const uint16_t ct_unaligned_str[], ct_unaligned_ldrh[];

static void after_ldrh(void);

static void after_str(void)
{
    ct_eq(ct_fault.count, 1u, "one fault for the word store");
    ct_check(ct_fault.what[0] == 'U', "taken as UsageFault", ct_fault.what[0], 'U');
    ct_eq(ct_fault.cfsr, 0x01000000u, "CFSR = UNALIGNED");
    ct_eq(ct_fault.pc, (uint32_t)(uintptr_t)ct_unaligned_str, "stacked PC = the store");
    ct_eq(buf[5], 0u, "nothing stored");
    ct_resume = (uint32_t)(uintptr_t)after_ldrh;
    uint32_t v;
    __asm__ volatile(".global ct_unaligned_ldrh\nct_unaligned_ldrh: ldrh %0, [%1]" : "=r"(v) : "r"(&buf[3]) : "memory");
    ct_check(false, "an unaligned halfword load did not fault", v, 0);
    ct_end();
}

static void after_ldrh(void)
{
    ct_eq(ct_fault.count, 2u, "one fault for the halfword load");
    ct_eq(ct_fault.cfsr, 0x01000000u, "CFSR = UNALIGNED (LDRH)");
    ct_eq(ct_fault.pc, (uint32_t)(uintptr_t)ct_unaligned_ldrh, "stacked PC = the load");
    *(volatile uint32_t *)(uintptr_t)&buf[8] = 0x01020304u;
    ct_eq(*(volatile uint32_t *)(uintptr_t)&buf[8], 0x01020304u, "aligned word with the trap on");
    ct_eq(ct_fault.count, 2u, "no fault for it");
    SCB_CCR &= ~SCB_CCR_UNALIGN_TRP;
    ct_end();
}

int main(void)
{
    ct_begin("core-unaligned");
    SCB_SHCSR |= SCB_SHCSR_USGFAULTENA;
    volatile uint32_t *odd = (volatile uint32_t *)(uintptr_t)&buf[1];
    *odd = 0xA1B2C3D4u;
    ct_eq(*odd, 0xA1B2C3D4u, "unaligned word without the trap");
    ct_eq(ct_fault.count, 0u, "no fault without the trap");
    SCB_CCR |= SCB_CCR_UNALIGN_TRP;
    cm7_dsb();
    cm7_isb();
    ct_resume = (uint32_t)(uintptr_t)after_str;
    __asm__ volatile(".global ct_unaligned_str\nct_unaligned_str: str %0, [%1]" : : "r"(0x55555555u), "r"(&buf[5]) : "memory");
    ct_check(false, "an unaligned word store did not fault", 0, 0);
    ct_end();
}
