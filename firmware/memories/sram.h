/* Asynchronous SRAM and pseudo-SRAM on an FMC bank 1 chip select. */
#ifndef MEMORIES_SRAM_H
#define MEMORIES_SRAM_H
#include "boards/board_fmc.h"
/* Pins and chip select for the part (a PSRAM runs on an SRAM-type bank, seed Table 4);
 * 0 or a DRV_* code. */
int fmc_sram_bringup(const struct board_fmc_async *m);
#endif
