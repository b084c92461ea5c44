/* Rule: WFE sleeps (virtual time skips to the next event) unless the event register is set,
 * and clears it; SEV sets it, and so do exception entry and return (ARMv7-M ARM B1.5.18).
 *   SEV; WFE          -> no sleep (the SEV's event is consumed)
 *   WFE               -> sleeps until the SysTick interrupt (thousands of cycles skipped)
 *   WFE               -> no sleep: the SysTick handler's exception return set the event
 *   WFE               -> sleeps again
 * Cycles are measured with DWT CYCCNT, which counts the skipped time. */
#include "core_test.h"

#define PERIOD 20000u
static volatile uint32_t ticks;

void SysTick_Handler(void);
void SysTick_Handler(void) { ticks++; }

static uint32_t wfe_cycles(bool sev_first)
{
    uint32_t t0 = cm7_cyccnt();
    if (sev_first) {
        __asm__ volatile("sev\n\twfe" ::: "memory");
    } else {
        __asm__ volatile("wfe" ::: "memory");
    }
    return cm7_cyccnt() - t0;
}

int main(void)
{
    ct_begin("core-wfe");
    cm7_cyccnt_start();
    SYST_RVR = PERIOD - 1u;
    SYST_CVR = 0u;
    SYST_CSR = SYST_CSR_CLKSOURCE | SYST_CSR_TICKINT | SYST_CSR_ENABLE;
    uint32_t c1 = wfe_cycles(true);
    uint32_t k1 = ticks;
    uint32_t c2 = wfe_cycles(false);
    uint32_t k2 = ticks;
    uint32_t c3 = wfe_cycles(false);
    uint32_t k3 = ticks;
    uint32_t c4 = wfe_cycles(false);
    uint32_t k4 = ticks;
    SYST_CSR = 0u;
    console_printf("test: WFE cycles: after SEV %u, then %u, after the handler %u, then %u\n", c1, c2, c3, c4);
    ct_check(c1 < 100u, "SEV then WFE does not sleep", c1, 100u);
    ct_check(c2 > PERIOD / 4u, "WFE with no event sleeps until SysTick", c2, PERIOD / 4u);
    ct_eq(k2 - k1, 1u, "woken by one SysTick interrupt");
    ct_check(c3 < 100u, "WFE after an exception return does not sleep", c3, 100u);
    ct_eq(k3, k2, "no interrupt then");
    ct_check(c4 > PERIOD / 4u, "the next WFE sleeps again", c4, PERIOD / 4u);
    ct_eq(k4 - k3, 1u, "woken by the next SysTick");
    ct_end();
}
