/* Rule: with CCR.DIV_0_TRP set, SDIV/UDIV by zero is a UsageFault with CFSR.DIVBYZERO and the
 * stacked PC = the divide; the quotient register is not written. Negative: with the bit
 * clear a divide by zero gives 0 without a fault, and a divide by non-zero works with it set. */
#include "core_test.h"

extern const uint16_t ct_udiv_insn[], ct_sdiv_insn[];
static volatile uint32_t zero;

static void after_sdiv(void);

static void after_udiv(void)
{
    ct_eq(ct_fault.count, 1u, "one fault for UDIV");
    ct_check(ct_fault.what[0] == 'U', "taken as UsageFault", ct_fault.what[0], 'U');
    ct_eq(ct_fault.cfsr, 0x02000000u, "CFSR = DIVBYZERO");
    ct_eq(ct_fault.pc, (uint32_t)(uintptr_t)ct_udiv_insn, "stacked PC = the UDIV");
    ct_resume = (uint32_t)(uintptr_t)after_sdiv;
    int32_t q = 77;
    __asm__ volatile(".global ct_sdiv_insn\nct_sdiv_insn: sdiv %0, %1, %2" : "=r"(q) : "r"(-9), "r"(zero));
    ct_check(false, "SDIV by zero did not fault", (uint32_t)q, 0);
    ct_end();
}

static void after_sdiv(void)
{
    ct_eq(ct_fault.count, 2u, "one fault for SDIV");
    ct_eq(ct_fault.cfsr, 0x02000000u, "CFSR = DIVBYZERO (SDIV)");
    ct_eq(ct_fault.pc, (uint32_t)(uintptr_t)ct_sdiv_insn, "stacked PC = the SDIV");
    uint32_t q;
    __asm__ volatile("udiv %0, %1, %2" : "=r"(q) : "r"(100u), "r"(zero + 7u));
    ct_eq(q, 14u, "a divide by non-zero with the trap on");
    ct_eq(ct_fault.count, 2u, "no fault for it");
    ct_end();
}

int main(void)
{
    ct_begin("core-div0");
    SCB_SHCSR |= SCB_SHCSR_USGFAULTENA;
    uint32_t q = 55u;
    __asm__ volatile("udiv %0, %1, %2" : "=r"(q) : "r"(9u), "r"(zero));
    ct_eq(q, 0u, "without DIV_0_TRP a divide by zero gives 0");
    ct_eq(ct_fault.count, 0u, "without DIV_0_TRP no fault");
    SCB_CCR |= SCB_CCR_DIV_0_TRP;
    cm7_dsb();
    cm7_isb();
    ct_resume = (uint32_t)(uintptr_t)after_udiv;
    __asm__ volatile(".global ct_udiv_insn\nct_udiv_insn: udiv %0, %1, %2" : "=r"(q) : "r"(9u), "r"(zero));
    ct_check(false, "UDIV by zero did not fault", q, 0);
    ct_end();
}
