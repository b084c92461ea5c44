/* FMC on the STM32F7: registers at 0xA0000000, clock in RCC_AHB3ENR.FMCEN (bit 0, RCC at
 * 0x40023800 + 0x38), kernel clock HCLK; no controller-wide enable bit, and SDSR.BUSY exists
 * (RM0385 13.7, CMSIS-F7). */
#include "fmc.h"
#include "cm7.h"

#define RCC_F7_AHB3ENR REG32(0x40023800u + 0x38u)

const struct fmc_family fmc_family = { .base = 0xA0000000u, .has_fmcen = false, .has_sdsr_busy = true };

void fmc_clock_enable(void)
{
    RCC_F7_AHB3ENR |= 1u << 0;
    (void)RCC_F7_AHB3ENR;
}
