/* The FP register file as a witness of context switches (fp_regs.S). */
#ifndef APPS_RTOS_FP_REGS_H
#define APPS_RTOS_FP_REGS_H
#include <stdint.h>
/* Fill s0-s31 with base..base+31 and FPSCR.RMode with base & 3, spin, and return how many of
 * them changed meanwhile (0 = the FP context survived every preemption). */
uint32_t fp_hold_and_check(uint32_t base, uint32_t spins);
#endif
