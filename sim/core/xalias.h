/* Code in the 0xA0000000-0xDFFFFFFF window (SDRAM on the F7 and H7 boards).
 *
 * Unicorn's CPU applies QEMU's default memory map, which makes that window execute-never, and
 * QEMU's MPU cannot be programmed through Unicorn. The simulator's own MPU model decides:
 * when a region allows execution, the same host memory is mapped a second time at an
 * executable alias address and the PC is moved there. Every address the firmware sees (LR and
 * the stacked PC on exception entry, the fault registers, log lines) is translated back to the
 * real one. */
#ifndef SIM_CORE_XALIAS_H
#define SIM_CORE_XALIAS_H

#include <stdbool.h>
#include <stdint.h>

struct sim;

/* sim_map_ram / sim_unmap tell the alias table about memory in the window. */
void sim_xalias_note_map(struct sim *s, uint32_t base, uint32_t size, void *host);
void sim_xalias_note_unmap(struct sim *s, uint32_t base, uint32_t size);
/* The alias address that executes the code at real (mapped on first use), or false when
 * real is not in a mapped window of this kind. */
bool sim_xalias_enter(struct sim *s, uint32_t real, uint32_t *alias);
/* The real address of an alias address; other addresses unchanged. */
uint32_t sim_xalias_real(const struct sim *s, uint32_t addr);
bool sim_xalias_in_window(uint32_t addr);

/* Aliases live in the SRAM region (executable in QEMU's default map), above every RAM of the
 * modelled STM32s (the highest, the H7 SRAM4, is at 0x38000000... 0x3800FFFF; nothing of any
 * modelled part is at 0x28000000-0x2FFFFFFF). */
#define SIM_XALIAS_LO 0x28000000u
#define SIM_XALIAS_HI 0x30000000u
static inline bool sim_xalias_maybe(uint32_t addr) { return addr - SIM_XALIAS_LO < SIM_XALIAS_HI - SIM_XALIAS_LO; }

#endif
