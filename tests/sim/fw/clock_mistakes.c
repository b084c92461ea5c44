/* Test firmware: the boot's clock bring-up with one deliberate mistake, chosen at build
 * time, to prove that the RCC/PWR/FLASH model refuses what the reference manual refuses:
 *   MISTAKE_FEW_WS        one flash wait state less than the board's clock needs
 *   MISTAKE_LOW_VOS       the voltage scale lowered to VOS3 under the full clock
 *   MISTAKE_WRONG_SUPPLY  the LDO configured on a board wired for the direct SMPS */
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
    enum clock_stage st;
    cm7_cyccnt_start();
#if defined(MISTAKE_FEW_WS)
    c.flash_ws = (uint8_t)(c.flash_ws - 1u);
#elif defined(MISTAKE_WRONG_SUPPLY)
    c.supply = SUPPLY_LDO;
#elif !defined(MISTAKE_LOW_VOS)
#error "define one MISTAKE_*"
#endif
    int rc = clock_init(&c, &st);
    console_init(b, rc == 0 ? c.hclk_hz / c.apb_div : 64000000u);
    console_puts("test: " MISTAKE_NAME "\n");
    console_printf("test: clock: %s\n", (uint32_t)(uintptr_t)(rc == 0 ? "ok" : clock_stage_name(st)));
#if defined(MISTAKE_LOW_VOS)
    PWR_D3CR = (PWR_D3CR & ~PWR_D3CR_VOS_MSK) | (0u << 14); /* VOS3 on H7A3/H7B0/H7B3 */
    console_puts("test: VOS3 written\n");
#endif
    return 0;
}
