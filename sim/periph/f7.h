/* STM32F7 RCC + PWR + FLASH interface model (RM0431 for F72x/F73x, RM0385 for F74x/F75x).
 * The shared GPIO/USART/QUADSPI models see it through its struct h7_rcc (gates, HCLK). */
#ifndef SIM_PERIPH_F7_H
#define SIM_PERIPH_F7_H

#include "h7.h"

struct f7_rcc {
    struct h7_rcc base;  /* first: the shared models hold &base */
    uint32_t pwr_cr1;
    bool od_ready, odsw_ready, vos_ready;
    uint64_t od_ready_ps, odsw_ready_ps;
    uint32_t dckcfgr2; /* 0x90: CK48MSEL 27, SDMMC1SEL 28 */
};

/* Registers the RCC (0x40023800), PWR (0x40007000) and FLASH (0x40023C00) models. */
void f7_rcc_init(struct sim *s, struct f7_rcc *r, uint32_t hse_hz);
/* SDMMC1 kernel clock (SDMMCCLK) now: the 48 MHz domain (PLLQ, or PLLSAI P, not modelled:
 * 0) or SYSCLK, per DCKCFGR2; *from48 tells which. 0 when its source does not run. */
uint32_t f7_rcc_sdmmc1_hz(const struct f7_rcc *r, bool *from48);

#endif
