/* Memory attributes of the Cortex-M7: the ARMv7-M default memory map (ARMv7-M ARM B3.1,
 * table B3-1) and the PMSAv7 MPU (B3.5) with 16 regions, enforced on every fetch and data
 * access of the simulated core.
 *
 * Data accesses: for every address range the current MPU configuration denies to the current
 * privilege, a range-limited Unicorn memory hook is installed; a hit is checked against the
 * registers, recorded (exact PC, address, read or write), the CPU is stopped, the stores that
 * ran after the faulting one are undone and the CPU context is restored, then MemManage is
 * taken (sim/core/fault.c). Fetches are checked per translated block, cached with a
 * generation number that every MPU register write bumps. */
#ifndef SIM_CORE_MPU_H
#define SIM_CORE_MPU_H

#include <stdbool.h>
#include <stdint.h>

struct sim;

enum sim_mem_type { SIM_MEM_NORMAL, SIM_MEM_DEVICE, SIM_MEM_STRONGLY_ORDERED };
enum sim_cache_policy { SIM_CACHE_NONE, SIM_CACHE_WT, SIM_CACHE_WB };

struct sim_mem_attr {
    bool read, write, exec;       /* for the privilege asked about */
    enum sim_mem_type type;
    enum sim_cache_policy inner;  /* the L1 caches of the M7 follow the inner attributes */
    enum sim_cache_policy outer;
    bool inner_wa, outer_wa;      /* write-allocate (WB only) */
    bool shareable;
    int region;                   /* MPU region that decided, -1: default map */
};

/* Attributes of one address for an access at the given privilege, as the core would see them
 * now (MPU_CTRL.ENABLE, PRIVDEFENA, HFNMIENA with the current execution priority). */
struct sim_mem_attr sim_mem_attr(struct sim *s, uint32_t addr, bool privileged);
/* The default map alone (MPU off, or the PRIVDEFENA background). */
struct sim_mem_attr sim_mem_default_attr(uint32_t addr);
/* Thread mode with CONTROL.nPRIV set is unprivileged; handler mode is always privileged. */
bool sim_privileged(struct sim *s);

int sim_mpu_init(struct sim *s);
void sim_mpu_free(struct sim *s);
/* MPU registers, SCS offsets 0xD90-0xDBC (MPU_TYPE .. RASR_A3). */
uint32_t sim_mpu_read(struct sim *s, uint32_t off);
void sim_mpu_write(struct sim *s, uint32_t off, uint32_t val);
/* When s->mpu.dirty (an MPU register, the privilege or the HardFault/NMI state changed):
 * rebuilds the access hooks if needed and recomputes s->mpu.key, which changes whenever the
 * fetch permissions may have changed. */
void sim_mpu_sync(struct sim *s);
static inline void sim_mpu_set_privileged(struct sim *s, bool privileged);
enum sim_access_fault { SIM_FAULT_MPU, SIM_FAULT_UNALIGNED };
/* A data access the MPU denied or an unaligned one with CCR.UNALIGN_TRP, recorded with its
 * exact instruction: undoes what the block did after it, restores the CPU context there and
 * returns true with the access; false when none is pending. */
bool sim_mpu_take_data_fault(struct sim *s, uint32_t *pc, uint32_t *addr, bool *write, enum sim_access_fault *kind);
/* Exception stacking and unstacking are checked here (MSTKERR / MUNSTKERR). */
bool sim_mpu_range_ok(struct sim *s, uint32_t addr, uint32_t len, bool write, bool privileged);

/* After every uc_emu_start: Unicorn has freed the deleted hooks. */
void sim_mpu_emu_returned(struct sim *s);

#include "sim.h"

static inline void sim_mpu_set_privileged(struct sim *s, bool privileged)
{
    if (s->mpu.privileged != privileged) {
        s->mpu.privileged = privileged;
        s->mpu.dirty = true;
    }
}

#endif
