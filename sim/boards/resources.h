/* Seed section 4 checked at the jump into the application (see resources.c). */
#ifndef SIM_BOARDS_RESOURCES_H
#define SIM_BOARDS_RESOURCES_H
#include "chip.h"

/* Arms the check: at the first instruction fetched outside the internal flash, logs
 * "sim: resources at the jump to ADDR: clean (...)" or one error per resource left behind. */
int resources_watch(struct sim *s, struct chip *c);
#endif
