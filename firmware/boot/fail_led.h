/* The error code on a board LED after the error line: tens as long pulses, units as short
 * ones, a pause, repeated a bounded number of times (then the boot stops or the watchdog
 * resets the chip). */
#ifndef BOOT_FAIL_LED_H
#define BOOT_FAIL_LED_H
#include "boards/board.h"
/* refresh: called at every 10 ms tick while blinking (the watchdog's refresh), or NULL. */
void fail_led_blink(const struct board_led *led, unsigned code, void (*refresh)(void));
#endif
