/* Finding the instruction of a translated block that made a data access (sim/core/insn.c). */
#ifndef SIM_CORE_INSN_H
#define SIM_CORE_INSN_H

#include <stdbool.h>
#include <stdint.h>

struct sim;

/* Called inside a memory hook: the load (write false) or store of the block at block (size
 * bytes) that accesses addr, from the current registers. False when no instruction matches
 * (the caller then reports the block start). */
bool sim_insn_find_access(struct sim *s, uint32_t block, uint32_t size, uint32_t addr, bool write, uint32_t *pc);

/* The same, with what it takes to go on after the instruction as if its access had completed:
 * its length and the base write-back still to do (wb_reg -1: none, or QEMU already did it:
 * the address matched the range from the written-back base). */
struct sim_insn {
    uint32_t pc, len;
    int wb_reg;
    uint32_t wb_val;
};
bool sim_insn_locate(struct sim *s, uint32_t block, uint32_t size, uint32_t addr, bool write, struct sim_insn *out);

#endif
