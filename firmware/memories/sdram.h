/* SDR SDRAM on the FMC: the JEDEC power-up sequence and the refresh rate (RM0433 22.9.3). */
#ifndef MEMORIES_SDRAM_H
#define MEMORIES_SDRAM_H
#include <stdint.h>
#include "boards/board_fmc.h"

enum sdram_stage { SDRAM_STAGE_PART, SDRAM_STAGE_CONFIG, SDRAM_STAGE_CLOCK, SDRAM_STAGE_PALL,
                   SDRAM_STAGE_AUTOREFRESH, SDRAM_STAGE_LMR, SDRAM_STAGE_REFRESH };

struct sdram_result {
    enum sdram_stage stage;   /* where it stopped on failure */
    uint32_t sdclk_hz;
    uint32_t mode_register;
    uint32_t refresh_ns;      /* one row refresh every ... */
};

/* Pins, controller and the power-up sequence of the board's SDRAM (kernel_hz: the FMC kernel
 * clock = HCLK); 0 or a DRV_* code. */
int sdram_bringup(const struct board_fmc *f, uint32_t kernel_hz, struct sdram_result *r);
const char *sdram_stage_name(enum sdram_stage s);
#endif
