/* Test firmware: the boot's HyperRAM bring-up on board data with one deliberate mistake,
 * chosen at build time, to prove that the HyperRAM and OCTOSPI models refuse what the part
 * and the reference manual refuse:
 *   MISTAKE_NO_CSBOUND      no chip-select boundary: memory-mapped bursts may cross the dies
 *   MISTAKE_NO_REFRESH      DCR4.REFRESH = 0: nCS may stay low beyond tCSM
 *   MISTAKE_SHORT_LATENCY   3 latency clocks at 86 MHz (3 clocks are good to 85 MHz) */
#include "chip.h"
#include "drivers/clock.h"
#include "drivers/console.h"
#include "drivers/errors.h"
#include "memories/hyperram.h"

extern const struct board_desc EXTMEM_BOARD_SYMBOL;

void fault_report(const char *what, const uint32_t *frame)
{
    console_printf("test: fault: %s at pc 0x%08x, CFSR 0x%08x, BFAR 0x%08x\n", (uint32_t)(uintptr_t)what,
                   frame ? frame[6] : 0u, SCB_CFSR, SCB_BFAR);
    for (;;) {
        cm7_irq_disable();
        cm7_wfi();
    }
}

int main(void)
{
    const struct board_desc *b = &EXTMEM_BOARD_SYMBOL;
    struct board_hyperram h = *b->hyperram;
    struct hyperram_result r = { 0 };
    enum clock_stage st;
    cm7_cyccnt_start();
    if (clock_init(&b->clock, &st) != 0) {
        return 1;
    }
    console_init(b, b->clock.hclk_hz / b->clock.apb_div);
    console_puts("test: " MISTAKE_NAME "\n");
#if defined(MISTAKE_NO_CSBOUND)
    h.csbound_log2 = 0;
#elif defined(MISTAKE_NO_REFRESH)
    h.refresh_clocks = 0;
#elif defined(MISTAKE_SHORT_LATENCY)
    h.latency_clocks = 3;
#else
#error "define one MISTAKE_*"
#endif
    int rc = hyperram_bringup(&h, &r);
    console_printf("test: bring-up: %s at %s (die %u, ID0 %04x, CR0 %04x)\n",
                   (uint32_t)(uintptr_t)(rc == DRV_OK ? "ok" : rc == DRV_EVERIFY ? "read back differs" : "failed"),
                   (uint32_t)(uintptr_t)hyperram_stage_name(r.stage), (uint32_t)r.die, (uint32_t)r.id0[r.die],
                   (uint32_t)r.cr0[r.die]);
    return 0;
}
