/* Test firmware: the F7 clock bring-up with one deliberate mistake. The simulator must refuse
 * the switch to the PLL and the firmware must see it instead of running on:
 *   MISTAKE_LOW_LATENCY   the clock driver with one flash wait state fewer than HCLK needs
 *   MISTAKE_NO_OVERDRIVE  the board's PLL and wait states set by hand, over-drive left out
 *                         (above 180 MHz scale 1 needs it) */
#include "chip.h"
#include "drivers/clock.h"
#include "drivers/console.h"
#include "drivers/deadline.h"
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

#if defined(MISTAKE_NO_OVERDRIVE)
/* HSE, PLL, wait states and switch as clock_f7.c does them, without ODEN/ODSWEN. */
static int clock_without_overdrive(const struct board_clock *c, enum clock_stage *stage)
{
    RCC_APB1ENR |= RCC_APB1_PWR;
    RCC_CR |= RCC_CR_HSEON;
    *stage = CLOCK_HSE;
    if (wait_reg(&RCC_CR, RCC_CR_HSERDY, RCC_CR_HSERDY, 100000u) != 0) {
        return DRV_ETIMEDOUT;
    }
    RCC_PLLCFGR = (RCC_PLLCFGR & RCC_PLLCFGR_KEEP_MSK) | RCC_PLLCFGR_VAL(c->pll_m, c->pll_n, c->pll_p, c->pll_q);
    RCC_CR |= RCC_CR_PLLON;
    *stage = CLOCK_PLL;
    if (wait_reg(&RCC_CR, RCC_CR_PLLRDY, RCC_CR_PLLRDY, 10000u) != 0) {
        return DRV_ETIMEDOUT;
    }
    FLASH_ACR = c->flash_ws | FLASH_ACR_PRFTEN | FLASH_ACR_ARTEN;
    RCC_CFGR = RCC_CFGR_PPRE1(5u) | RCC_CFGR_PPRE2(4u); /* APB1 /4, APB2 /2 */
    RCC_CFGR |= RCC_CFGR_SW_PLL;
    *stage = CLOCK_SWITCH;
    return wait_reg(&RCC_CFGR, RCC_CFGR_SWS_MSK, RCC_CFGR_SWS_PLL, 10000u);
}
#endif

int main(void)
{
    const struct board_desc *b = &EXTMEM_BOARD_SYMBOL;
    struct board_clock c = b->clock;
    cm7_cyccnt_start();
    enum clock_stage stage;
#if defined(MISTAKE_LOW_LATENCY)
    c.flash_ws = (uint8_t)(c.flash_ws - 1u);
    int rc = clock_init(&c, &stage);
#elif defined(MISTAKE_NO_OVERDRIVE)
    int rc = clock_without_overdrive(&c, &stage);
#else
#error "define the mistake to make"
#endif
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
