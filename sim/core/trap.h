/* Instruction traps QEMU does not raise for the Cortex-M7 as Unicorn runs it: divide by zero
 * with CCR.DIV_0_TRP (UsageFault DIVBYZERO) and FPU instructions while CPACR denies CP10/CP11
 * (UsageFault NOCP). While a trap is armed, every SDIV/UDIV or FP instruction of a block
 * about to run gets a code hook at its own address (the block is translated again with it),
 * which checks the condition before the instruction executes: the fault is precise. */
#ifndef SIM_CORE_TRAP_H
#define SIM_CORE_TRAP_H

#include <stdbool.h>
#include <stdint.h>

struct sim;

#define SIM_BLK_DIV 4u /* the block has SDIV/UDIV (count_instructions) */
#define SIM_BLK_FP  8u /* the block has CP10/CP11 (FPU) instructions */

/* Which traps are armed now: SIM_BLK_DIV and/or SIM_BLK_FP. */
unsigned sim_trap_armed(struct sim *s);
/* Classifies one instruction for the flags above. */
unsigned sim_trap_classify(uint16_t h1, uint16_t h2);
/* Hooks the block's trapped instructions. True when hooks were added: the block must be
 * translated again (the caller re-executes it from its start). */
bool sim_trap_hook_block(struct sim *s, uint32_t block, uint32_t size, unsigned kinds);

#endif
