/* Test firmware: the F7 clock bring-up with one deliberate mistake (MISTAKE_LOW_LATENCY: one
 * flash wait state fewer than the board's HCLK needs). The simulator must refuse the switch
 * to the PLL and the driver must report the failed stage instead of running on. */
#include "chip.h"
#include "drivers/clock.h"
#include "drivers/console.h"
#include "drivers/errors.h"

extern const struct board_desc EXTMEM_BOARD_SYMBOL;

void fault_report(const char *what, const uint32_t *frame)
{
    console_printf("test: fault: %s at pc 0x%08x\n", (uint32_t)(uintptr_t)what, frame ? frame[6] : 0u);
    for (;;) {
        cm7_irq_disable();
        cm7_wfi();
    }
}

int main(void)
{
    const struct board_desc *b = &EXTMEM_BOARD_SYMBOL;
    struct board_clock c = b->clock;
#if defined(MISTAKE_LOW_LATENCY)
    c.flash_ws = (uint8_t)(c.flash_ws - 1u);
#else
#error "define the mistake to make"
#endif
    cm7_cyccnt_start();
    enum clock_stage stage;
    int rc = clock_init(&c, &stage);
    console_init(b, rc == 0 ? c.hclk_hz / c.apb_div : CHIP_HSI_HZ);
    if (rc == 0) {
        console_printf("test: clock: %u MHz with %u wait states accepted\n", c.hclk_hz / 1000000u,
                       (uint32_t)c.flash_ws);
    } else {
        console_printf("test: clock: %s failed (%s)\n", (uint32_t)(uintptr_t)clock_stage_name(stage),
                       (uint32_t)(uintptr_t)(rc == DRV_ETIMEDOUT ? "timeout" : "invalid settings"));
    }
    for (;;) {
        cm7_irq_disable();
        cm7_wfi();
    }
}
