/* STM32H7 clock tree: supply (LDO or direct SMPS), top voltage scale, HSE, PLL1, flash
 * latency, switch (RM0433 6.4 and 8.5; RM0455 and RM0468 the same steps with their own
 * supply bits and VOS codes, chips/stm32h7.h; every ready flag is polled with a bound). */
#include "clock.h"
#include "deadline.h"
#include "errors.h"
#include "chip.h"

/* Bounds: HSE crystal start-up is 2 ms typical (datasheet tSU(HSE)); allow 100 ms. PLL lock
 * and regulator steps take microseconds; allow 10 ms. */
#define HSE_TIMEOUT_US 100000u
#define STEP_TIMEOUT_US 10000u

const char *clock_stage_name(enum clock_stage s)
{
    static const char *const names[] = { "supply configuration (PWR_CR3)",
                                         "voltage scaling (PWR_D3CR.VOS)",
                                         "HSE oscillator",
                                         "PLL1 lock",
                                         "flash wait states (FLASH_ACR)",
                                         "system clock switch to PLL1" };
    return (unsigned)s < sizeof names / sizeof names[0] ? names[s] : "?";
}

int clock_init(const struct board_clock *c, enum clock_stage *failed)
{
    int rc;
    *failed = CLOCK_PLL;
    if (c->pll_m == 0u || c->pll_p == 0u || (c->ahb_div != 1u && c->ahb_div != 2u) ||
        (c->apb_div != 1u && c->apb_div != 2u) ||
        (uint64_t)c->hse_hz / c->pll_m * c->pll_n / c->pll_p != c->sysclk_hz ||
        c->sysclk_hz / c->ahb_div != c->hclk_hz) {
        return DRV_EINVAL; /* the board data contradicts itself */
    }
    if (c->supply == SUPPLY_SMPS_DIRECT && !CHIP_HAS_SMPS) {
        return DRV_EINVAL; /* no SMPS on this line */
    }
    /* Supply as the board is wired, written once (H74x: SCUEN cleared by the write locks
     * it; the SMPS lines accept one write after power-on). Until ACTVOSRDY the voltage
     * scaling must not change. */
    PWR_CR3 = (PWR_CR3 & ~PWR_CR3_SUPPLY_MSK) |
              (c->supply == SUPPLY_SMPS_DIRECT ? PWR_CR3_SMPSEN : PWR_CR3_LDOEN);
    *failed = CLOCK_SUPPLY;
    if ((rc = wait_reg(&PWR_CSR1, PWR_CSR1_ACTVOSRDY, PWR_CSR1_ACTVOSRDY, STEP_TIMEOUT_US)) != 0) {
        return rc;
    }
    PWR_D3CR = (PWR_D3CR & ~PWR_D3CR_VOS_MSK) | PWR_VOS_TOP;
    *failed = CLOCK_VOS;
    if ((rc = wait_reg(&PWR_D3CR, PWR_D3CR_VOSRDY, PWR_D3CR_VOSRDY, STEP_TIMEOUT_US)) != 0) {
        return rc;
    }
    RCC_CR |= RCC_CR_HSEON;
    *failed = CLOCK_HSE;
    if ((rc = wait_reg(&RCC_CR, RCC_CR_HSERDY, RCC_CR_HSERDY, HSE_TIMEOUT_US)) != 0) {
        return rc;
    }
    RCC_PLLCKSELR = RCC_PLLCKSELR_PLLSRC_HSE | RCC_PLLCKSELR_DIVM1(c->pll_m);
    RCC_PLLCFGR = RCC_PLLCFGR_PLL1RGE(c->pll_rge) | RCC_PLLCFGR_DIVP1EN | RCC_PLLCFGR_DIVQ1EN |
                  RCC_PLLCFGR_DIVR1EN; /* wide VCO range, integer mode */
    RCC_PLL1DIVR = RCC_PLL1DIVR_VAL(c->pll_n, c->pll_p, c->pll_q, c->pll_r);
    RCC_CR |= RCC_CR_PLL1ON;
    *failed = CLOCK_PLL;
    if ((rc = wait_reg(&RCC_CR, RCC_CR_PLL1RDY, RCC_CR_PLL1RDY, STEP_TIMEOUT_US)) != 0) {
        return rc;
    }
    /* More wait states before the clock goes up; the new value must read back. */
    FLASH_ACR = (FLASH_ACR & ~(FLASH_ACR_LATENCY_MSK | FLASH_ACR_WRHIGHFREQ_MSK)) | c->flash_ws |
                FLASH_ACR_WRHIGHFREQ(c->flash_wrhighfreq);
    *failed = CLOCK_FLASH_WS;
    if ((rc = wait_reg(&FLASH_ACR, FLASH_ACR_LATENCY_MSK | FLASH_ACR_WRHIGHFREQ_MSK,
                       c->flash_ws | FLASH_ACR_WRHIGHFREQ(c->flash_wrhighfreq), STEP_TIMEOUT_US)) != 0) {
        return rc;
    }
    RCC_D1CFGR = (c->ahb_div == 2 ? RCC_D1CFGR_HPRE_DIV2 : 0u) |
                 (c->apb_div == 2 ? RCC_D1CFGR_D1PPRE_DIV2 : 0u);
    RCC_D2CFGR = c->apb_div == 2 ? (RCC_D2CFGR_D2PPRE1_DIV2 | RCC_D2CFGR_D2PPRE2_DIV2) : 0u;
    RCC_D3CFGR = c->apb_div == 2 ? RCC_D3CFGR_D3PPRE_DIV2 : 0u;
    RCC_CFGR = (RCC_CFGR & ~RCC_CFGR_SW_MSK) | RCC_CFGR_SW_PLL1;
    *failed = CLOCK_SWITCH;
    if ((rc = wait_reg(&RCC_CFGR, 0x7u << 3, RCC_CFGR_SW_PLL1 << 3, STEP_TIMEOUT_US)) != 0) {
        return rc;
    }
    g_core_hz = c->sysclk_hz;
    return DRV_OK;
}
