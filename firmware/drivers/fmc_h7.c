/* FMC on the STM32H7: registers in the D1 domain, clock in RCC_AHB3ENR.FMCEN (bit 12), kernel
 * clock rcc_hclk3 (D1CCIPR.FMCSEL = 00, reset value); the controller itself is gated by
 * BCR1.FMCEN (RM0433 22.7.6). */
#include "fmc.h"
#include "chip.h"

const struct fmc_family fmc_family = { .base = 0x52004000u, .has_fmcen = true, .has_sdsr_busy = false };

void fmc_clock_enable(void)
{
    RCC_AHB3ENR |= 1u << 12;
    (void)RCC_AHB3ENR; /* read back: clocked before the first register access */
}
