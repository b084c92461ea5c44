#ifndef DRIVERS_CLOCK_H
#define DRIVERS_CLOCK_H
#include "boards/board.h"
/* Failure points of the clock bring-up, for the boot's error line. */
enum clock_stage { CLOCK_SUPPLY, CLOCK_VOS, CLOCK_HSE, CLOCK_PLL, CLOCK_FLASH_WS, CLOCK_SWITCH };
/* Brings the clock tree to the board's configuration. On failure returns a negative
 * DRV_* code and the stage in *failed. */
int clock_init(const struct board_clock *c, enum clock_stage *failed);
const char *clock_stage_name(enum clock_stage s);
#endif
