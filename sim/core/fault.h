/* Faults of the Cortex-M7 (ARMv7-M ARM B1.5.14-B1.5.16, B3.2.15-B3.2.18): the fault status
 * and address registers as hardware sets them, escalation to HardFault, lock-up. */
#ifndef SIM_CORE_FAULT_H
#define SIM_CORE_FAULT_H

#include <stdint.h>

struct sim;

/* CFSR bits (B3.2.15) */
#define CFSR_IACCVIOL   (1u << 0)
#define CFSR_DACCVIOL   (1u << 1)
#define CFSR_MUNSTKERR  (1u << 3)
#define CFSR_MSTKERR    (1u << 4)
#define CFSR_MMARVALID  (1u << 7)
#define CFSR_IBUSERR    (1u << 8)
#define CFSR_PRECISERR  (1u << 9)
#define CFSR_IMPRECISERR (1u << 10)
#define CFSR_UNSTKERR   (1u << 11)
#define CFSR_STKERR     (1u << 12)
#define CFSR_BFARVALID  (1u << 15)
#define CFSR_UNDEFINSTR (1u << 16)
#define CFSR_INVSTATE   (1u << 17)
#define CFSR_INVPC      (1u << 18)
#define CFSR_NOCP       (1u << 19)
#define CFSR_UNALIGNED  (1u << 24)
#define CFSR_DIVBYZERO  (1u << 25)
/* HFSR (B3.2.16) */
#define HFSR_VECTTBL (1u << 1)
#define HFSR_FORCED  (1u << 30)

enum { EXC_NMI = 2, EXC_HARDFAULT = 3, EXC_MEMMANAGE = 4, EXC_BUSFAULT = 5, EXC_USAGEFAULT = 6 };

/* A synchronous fault of instruction ret_pc: sets the CFSR bits (MMFAR/BFAR are set by the
 * caller), logs "sim: <handler>: <what> at pc 0x...[: <why>]", and enters the fault's handler, or
 * HardFault with HFSR.FORCED when the fault is disabled or cannot preempt, or locks up when
 * the execution priority is already negative (HardFault, NMI, FAULTMASK). */
void sim_fault(struct sim *s, unsigned exc, uint32_t cfsr_bits, uint32_t ret_pc, const char *why, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* Lock-up: the run stops with a report (the core would spin at 0xEFFFFFFE). */
void sim_lockup(struct sim *s, uint32_t pc, const char *why);

/* Exception machinery of sim/core/sim.c used here. */
int sim_exec_prio(struct sim *s);
int sim_exc_group_prio(struct sim *s, unsigned exc);
int sim_exc_enabled(struct sim *s, unsigned exc);
void sim_exc_enter(struct sim *s, unsigned exc, uint32_t ret_pc);
const char *sim_exc_name(unsigned exc);

#endif
