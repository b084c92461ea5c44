/* Rule: a load that gets a bus error stays a synchronous (precise) BusFault on the Cortex-M7
 * (PM0253 2.5.3; B3.2.15 PRECISERR): taken at once, stacked PC = the load, CFSR.PRECISERR and
 * BFARVALID set, BFAR = the address; the instructions after the load have not run. With
 * BusFault disabled it escalates to HardFault with HFSR.FORCED, same bits. The load is from the
 * SDRAM window of the unconfigured FMC (0xC0000000). */
#include "core_test.h"

#define SDRAM_WINDOW 0xC0000000u

/* ct_load_seq(addr, counter): the load, then in the same translated block a read-modify-write
 * of *counter that must not have run when the handler is entered. */
extern const uint16_t ct_load_insn[];
void ct_load_seq(uint32_t addr, volatile uint32_t *counter);
__asm__(".text\n.thumb\n.thumb_func\n.global ct_load_seq\nct_load_seq:\n"
        ".global ct_load_insn\nct_load_insn: ldr r3, [r0]\n"
        "  ldr r3, [r1]\n"
        "  adds r3, r3, #1\n"
        "  str r3, [r1]\n"
        "  b 1f\n"
        "1: b 1b\n");

static volatile uint32_t counter;

static void after_disabled(void);

static void check_precise(unsigned nfault, char what, uint32_t hfsr)
{
    ct_eq(ct_fault.count, nfault, "fault count");
    ct_check(ct_fault.what[0] == what, "the exception taken", ct_fault.what[0], (uint32_t)what);
    ct_eq(ct_fault.cfsr, 0x00008200u, "CFSR = PRECISERR | BFARVALID");
    ct_eq(ct_fault.bfar, SDRAM_WINDOW, "BFAR = the load's address");
    ct_eq(ct_fault.hfsr, hfsr, "HFSR");
    ct_eq(ct_fault.pc, (uint32_t)(uintptr_t)ct_load_insn, "stacked PC = the load");
    ct_eq(counter, 0u, "the instructions after the load did not run");
}

static void after_enabled(void)
{
    check_precise(1u, 'B', 0u);
    SCB_SHCSR &= ~SCB_SHCSR_BUSFAULTENA;
    ct_resume = (uint32_t)(uintptr_t)after_disabled;
    ct_load_seq(SDRAM_WINDOW, &counter);
}

static void after_disabled(void)
{
    check_precise(2u, 'H', 0x40000000u);
    ct_end();
}

int main(void)
{
    ct_begin("core-load-precise");
    SCB_SHCSR |= SCB_SHCSR_BUSFAULTENA;
    ct_resume = (uint32_t)(uintptr_t)after_enabled;
    ct_load_seq(SDRAM_WINDOW, &counter);
}
