/* Rule: a vector that cannot be read during exception entry is a HardFault with HFSR.VECTTBL
 * (not FORCED), the stacked frame the interrupted thread's. The vector table here is placed
 * at the last 128 bytes of the AXI SRAM: the first 32 entries are readable (HardFault's too),
 * the entry of IRQ 20 lies past the end of the memory. Negative: IRQ 4, whose entry is
 * readable in the same table, runs its handler. */
#include "core_test.h"

#define TABLE_ADDR (0x24080000u - 128u)
#define IRQ_OK 4u
#define IRQ_BAD 20u

static volatile uint32_t ok_runs;

void irq_ok(void);
void irq_ok(void) { ok_runs++; }

static void after_vecttbl(void)
{
    ct_eq(ct_fault.count, 1u, "one fault");
    ct_check(ct_fault.what[0] == 'H', "taken as HardFault", ct_fault.what[0], 'H');
    ct_eq(ct_fault.hfsr, 0x00000002u, "HFSR = VECTTBL");
    ct_eq(ct_fault.cfsr, 0u, "CFSR = 0");
    ct_end();
}

int main(void)
{
    ct_begin("core-vecttbl");
    volatile uint32_t *table = (volatile uint32_t *)(uintptr_t)TABLE_ADDR;
    const uint32_t *flash = (const uint32_t *)(uintptr_t)SCB_VTOR;
    for (unsigned i = 0; i < 32u; i++) {
        table[i] = flash[i];
    }
    table[16 + IRQ_OK] = (uint32_t)(uintptr_t)irq_ok;
    SCB_VTOR = TABLE_ADDR;
    NVIC_ISER(0) = 1u << IRQ_OK;
    NVIC_STIR = IRQ_OK;
    cm7_dsb();
    cm7_isb();
    ct_eq(ok_runs, 1u, "an interrupt with a readable vector runs");
    NVIC_ISER(0) = 1u << IRQ_BAD;
    ct_resume = (uint32_t)(uintptr_t)after_vecttbl;
    NVIC_STIR = IRQ_BAD;
    cm7_dsb();
    cm7_isb();
    ct_check(false, "an unreadable vector did not fault", 0, 0);
    ct_end();
}
