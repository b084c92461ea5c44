/* STM32F7 clock tree: HSE, main PLL, voltage scale 1 with over-drive above 180 MHz, flash
 * latency, switch (RM0431 4.1.4 over-drive sequence and 5.2; RM0385 the same). Every ready
 * flag is polled with a bound. */
#include <stdbool.h>
#include "clock.h"
#include "deadline.h"
#include "errors.h"
#include "chip.h"

/* Bounds: HSE crystal start-up is 2 ms typical (datasheet tSU(HSE)); allow 100 ms. PLL lock
 * (datasheet tLOCK, at most hundreds of us) and the over-drive steps take microseconds;
 * allow 10 ms. */
#define HSE_TIMEOUT_US 100000u
#define STEP_TIMEOUT_US 10000u

/* Flash wait states at 2.7-3.6 V: one per 30 MHz of HCLK (RM0431 table 7, RM0385 table 5). */
#define FLASH_HZ_PER_WS 30000000u

const char *clock_stage_name(enum clock_stage s)
{
    static const char *const names[] = { "over-drive (PWR_CR1.ODEN/ODSWEN)",
                                         "voltage scaling (PWR_CR1.VOS)",
                                         "HSE oscillator",
                                         "PLL lock",
                                         "flash wait states (FLASH_ACR)",
                                         "system clock switch to PLL" };
    return (unsigned)s < sizeof names / sizeof names[0] ? names[s] : "?";
}

/* APB prescaler code for a divider of 1, 2, 4, 8 or 16 (0: not a valid divider). */
static uint32_t ppre_code(uint32_t div)
{
    switch (div) {
    case 1: return 0u;
    case 2: return 4u;
    case 4: return 5u;
    case 8: return 6u;
    case 16: return 7u;
    default: return 0xFFu;
    }
}

int clock_init(const struct board_clock *c, enum clock_stage *failed)
{
    int rc;
    *failed = CLOCK_PLL;
    /* The board data must be consistent and inside the PLL's ranges (RM0431 5.3.2: input
     * 1-2 MHz, VCO 100-432 MHz, N 50-432, P 2/4/6/8, Q 2-15). */
    uint32_t ref = c->pll_m ? c->hse_hz / c->pll_m : 0u;
    uint64_t vco = (uint64_t)ref * c->pll_n;
    if (c->pll_m < 2u || c->pll_m > 63u || ref < 1000000u || ref > 2000000u || c->pll_n < 50u ||
        c->pll_n > 432u || vco < 100000000u || vco > 432000000u || c->pll_p < 2u || c->pll_p > 8u ||
        (c->pll_p & 1u) || c->pll_q < 2u || c->pll_q > 15u || vco / c->pll_p != c->sysclk_hz ||
        (c->ahb_div != 1u && c->ahb_div != 2u) || c->sysclk_hz / c->ahb_div != c->hclk_hz ||
        c->flash_ws > 15u) {
        return DRV_EINVAL;
    }
    /* APB2 = HCLK / apb_div (the console's bus); APB1 takes the smallest divider that keeps
     * it within its 54 MHz limit. */
    uint32_t apb1_div = c->apb_div;
    while (c->hclk_hz / apb1_div > CHIP_APB1_MAX_HZ && apb1_div < 16u) {
        apb1_div *= 2u;
    }
    if (ppre_code(c->apb_div) == 0xFFu || c->hclk_hz / c->apb_div > CHIP_APB2_MAX_HZ ||
        c->hclk_hz / apb1_div > CHIP_APB1_MAX_HZ) {
        return DRV_EINVAL;
    }
    bool overdrive = c->hclk_hz > CHIP_HCLK_MAX_NO_OD;

    /* Scale 1 is selected while the PLL is still off (VOS is read-only while it runs). */
    RCC_APB1ENR |= RCC_APB1_PWR;
    (void)RCC_APB1ENR;
    PWR_CR1 = (PWR_CR1 & ~PWR_CR1_VOS_MSK) | PWR_CR1_VOS_SCALE1;

    RCC_CR |= RCC_CR_HSEON;
    *failed = CLOCK_HSE;
    if ((rc = wait_reg(&RCC_CR, RCC_CR_HSERDY, RCC_CR_HSERDY, HSE_TIMEOUT_US)) != 0) {
        return rc;
    }
    RCC_PLLCFGR = (RCC_PLLCFGR & RCC_PLLCFGR_KEEP_MSK) | RCC_PLLCFGR_VAL(c->pll_m, c->pll_n, c->pll_p, c->pll_q);
    RCC_CR |= RCC_CR_PLLON;
    *failed = CLOCK_PLL;
    if ((rc = wait_reg(&RCC_CR, RCC_CR_PLLRDY, RCC_CR_PLLRDY, STEP_TIMEOUT_US)) != 0) {
        return rc;
    }
    /* With the PLL running the regulator reaches scale 1. */
    *failed = CLOCK_VOS;
    if ((rc = wait_reg(&PWR_CSR1, PWR_CSR1_VOSRDY, PWR_CSR1_VOSRDY, STEP_TIMEOUT_US)) != 0) {
        return rc;
    }
    if (overdrive) {
        /* Over-drive while the system still runs from HSI: enable, then switch the
         * regulator over (RM0431 4.1.4). */
        *failed = CLOCK_SUPPLY;
        PWR_CR1 |= PWR_CR1_ODEN;
        if ((rc = wait_reg(&PWR_CSR1, PWR_CSR1_ODRDY, PWR_CSR1_ODRDY, STEP_TIMEOUT_US)) != 0) {
            return rc;
        }
        PWR_CR1 |= PWR_CR1_ODSWEN;
        if ((rc = wait_reg(&PWR_CSR1, PWR_CSR1_ODSWRDY, PWR_CSR1_ODSWRDY, STEP_TIMEOUT_US)) != 0) {
            return rc;
        }
    }
    /* More wait states before the clock goes up; the new value must read back. ART
     * accelerator and prefetch on, as for any code running from the internal flash. */
    FLASH_ACR = (FLASH_ACR & ~FLASH_ACR_LATENCY_MSK) | c->flash_ws | FLASH_ACR_PRFTEN | FLASH_ACR_ARTEN;
    *failed = CLOCK_FLASH_WS;
    if ((rc = wait_reg(&FLASH_ACR, FLASH_ACR_LATENCY_MSK, c->flash_ws, STEP_TIMEOUT_US)) != 0) {
        return rc;
    }
    RCC_CFGR = (RCC_CFGR & ~(RCC_CFGR_HPRE_MSK | RCC_CFGR_PPRE1_MSK | RCC_CFGR_PPRE2_MSK)) |
               (c->ahb_div == 2u ? RCC_CFGR_HPRE_DIV2 : 0u) | RCC_CFGR_PPRE1(ppre_code(apb1_div)) |
               RCC_CFGR_PPRE2(ppre_code(c->apb_div));
    RCC_CFGR = (RCC_CFGR & ~RCC_CFGR_SW_MSK) | RCC_CFGR_SW_PLL;
    *failed = CLOCK_SWITCH;
    if ((rc = wait_reg(&RCC_CFGR, RCC_CFGR_SWS_MSK, RCC_CFGR_SWS_PLL, STEP_TIMEOUT_US)) != 0) {
        return rc;
    }
    g_core_hz = c->sysclk_hz;
    return DRV_OK;
}
