/* The FP register file as a witness of context switches (fp_regs.S). */
#ifndef APPS_RTOS_FP_REGS_H
#define APPS_RTOS_FP_REGS_H
#include <stdint.h>
/* Fill s0-s31 with base..base+31 and FPSCR.RMode with base & 3, spin, and return how many of
 * them changed meanwhile (0 = the FP context survived every preemption). */
uint32_t fp_hold_and_check(uint32_t base, uint32_t spins);
/* Fill s16-s31 (callee-saved) with base+16..base+31, call fn(arg) into *rc, and return how many
 * of them changed across the call (a blocking call switches to other FP users meanwhile). */
uint32_t fp_hold_across(uint32_t base, int (*fn)(void *), void *arg, int *rc);
#endif
