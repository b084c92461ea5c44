/* Rule: on the Cortex-M7 a store that gets a bus error is an asynchronous (imprecise) BusFault
 * (PM0253 2.5.3, Cortex-M7 TRM 2.7.1; B3.2.15 IMPRECISERR): the store is not performed, the
 * instructions after it run, CFSR.IMPRECISERR is set, BFARVALID stays clear and BFAR is not
 * written; the BusFault is pended and taken once its priority lets it preempt (it waits, it
 * does not escalate for lack of priority); with BusFault disabled, HardFault is pended instead
 * with HFSR.FORCED. The store goes to the SDRAM window of the unconfigured FMC (0xC0000000).
 * Negative: a load from the same address afterwards is still a precise bus error (the store
 * did not make anything appear there). */
#include "core_test.h"

#define SDRAM_WINDOW          0xC0000000u
#define SCB_SHPR1_BUS_SHIFT   8u /* SHPR1 byte 1: BusFault (exception 5) */

/* ct_store_seq(addr, value, counter): the store to addr, then, in the same translated block,
 * a read-modify-write of *counter (lost or run twice, it would not read 1), then a branch
 * that ends the block; spins after it until the BusFault is taken. */
extern const uint16_t ct_store_insn[], ct_store_done[], ct_store_spin[], ct_load_insn[];
void ct_store_seq(uint32_t addr, uint32_t value, volatile uint32_t *counter);
__asm__(".text\n.thumb\n.thumb_func\n.global ct_store_seq\nct_store_seq:\n"
        "ct_store_insn: str r1, [r0]\n"
        "  ldr r3, [r2]\n"
        "  adds r3, r3, #1\n"
        "  str r3, [r2]\n"
        ".global ct_store_done\nct_store_done: b 1f\n"
        "1: nop\n"
        ".global ct_store_spin\nct_store_spin: b ct_store_spin\n");

static volatile uint32_t counter;

static void after_busfault(void);
static void after_masked(void);
static void after_hardfault(void);
static void after_load(void);

static void check_imprecise(unsigned nfault, char what, uint32_t hfsr, uint32_t ncount)
{
    uint32_t pc = ct_fault.pc;
    ct_eq(ct_fault.count, nfault, "fault count");
    ct_check(ct_fault.what[0] == what, "the exception taken", ct_fault.what[0], (uint32_t)what);
    ct_eq(ct_fault.cfsr, 0x00000400u, "CFSR = IMPRECISERR, no BFARVALID");
    ct_eq(ct_fault.bfar, 0u, "BFAR not written");
    ct_eq(ct_fault.hfsr, hfsr, "HFSR");
    ct_eq(counter, ncount, "the read-modify-write after the store ran once before the handler");
    ct_check(pc > (uint32_t)(uintptr_t)ct_store_done && pc <= (uint32_t)(uintptr_t)ct_store_spin,
             "stacked PC after the store's block, not the store", pc, (uint32_t)(uintptr_t)ct_store_spin);
}

static void after_busfault(void)
{
    check_imprecise(1u, 'B', 0u, 1u);
    /* BusFault enabled but masked (BASEPRI 0x40, BusFault 0x80): it stays pending, the code
     * runs on; taken when BASEPRI drops, without escalation */
    SCB_SHPR1 = (SCB_SHPR1 & ~(0xFFu << SCB_SHPR1_BUS_SHIFT)) | (0x80u << SCB_SHPR1_BUS_SHIFT);
    __asm__ volatile("msr basepri, %0" : : "r"(0x40u) : "memory");
    ct_resume = (uint32_t)(uintptr_t)after_masked;
    __asm__ volatile("str %1, [%0]\n" : : "r"(SDRAM_WINDOW), "r"(0x22u) : "memory");
    counter += 10u;
    ct_eq(ct_fault.count, 1u, "masked BusFault not taken yet");
    ct_check((SCB_SHCSR & (1u << 14)) != 0u, "SHCSR.BUSFAULTPENDED while masked", SCB_SHCSR, 1u << 14);
    ct_eq(SCB_CFSR, 0x00000400u, "CFSR = IMPRECISERR while pending");
    __asm__ volatile("msr basepri, %0" : : "r"(0u) : "memory");
    for (unsigned i = 0; i < 100u; i++) {
        __asm__ volatile("nop");
    }
    ct_eq(1u, 0u, "masked BusFault taken once BASEPRI dropped");
    ct_end();
}

static void after_masked(void)
{
    ct_eq(ct_fault.count, 2u, "masked BusFault taken after BASEPRI dropped");
    ct_check(ct_fault.what[0] == 'B', "taken as BusFault", ct_fault.what[0], 'B');
    ct_eq(ct_fault.hfsr, 0u, "HFSR = 0: waited, not escalated");
    ct_eq(ct_fault.cfsr, 0x00000400u, "CFSR = IMPRECISERR");
    ct_eq(counter, 11u, "code after the masked store ran");
    /* BusFault disabled: HardFault pended with FORCED */
    SCB_SHCSR &= ~SCB_SHCSR_BUSFAULTENA;
    counter = 0u;
    ct_resume = (uint32_t)(uintptr_t)after_hardfault;
    ct_store_seq(SDRAM_WINDOW, 0x33u, &counter);
}

static void after_hardfault(void)
{
    check_imprecise(3u, 'H', 0x40000000u, 1u);
    /* the store did not land: the address still has nothing behind it (precise, BFAR) */
    SCB_SHCSR |= SCB_SHCSR_BUSFAULTENA;
    ct_resume = (uint32_t)(uintptr_t)after_load;
    uint32_t v;
    __asm__ volatile(".global ct_load_insn\nct_load_insn: ldr %0, [%1]" : "=r"(v) : "r"(SDRAM_WINDOW) : "memory");
    (void)v;
    ct_end();
}

static void after_load(void)
{
    ct_eq(ct_fault.count, 4u, "the read back faults");
    ct_eq(ct_fault.cfsr, 0x00008200u, "read back: CFSR = PRECISERR | BFARVALID");
    ct_eq(ct_fault.bfar, SDRAM_WINDOW, "read back: BFAR");
    ct_eq(ct_fault.pc, (uint32_t)(uintptr_t)ct_load_insn, "read back: stacked PC = the load");
    ct_end();
}

int main(void)
{
    ct_begin("core-store-imprecise");
    SCB_SHCSR |= SCB_SHCSR_BUSFAULTENA;
    ct_resume = (uint32_t)(uintptr_t)after_busfault;
    ct_store_seq(SDRAM_WINDOW, 0x11u, &counter);
}
