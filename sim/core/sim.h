/* extmem-sim core: one simulated board around a Unicorn Cortex-M7.
 *
 * Time is virtual: every executed instruction advances it by one core clock period (fast
 * mode), peripherals compute their state from it, and the same inputs give the same log.
 * Peripherals are MMIO regions; memories are host buffers mapped into the CPU; external
 * memory windows are mapped only while their controller makes them readable, so any other
 * access faults in the firmware and the controller model says why. */
#ifndef SIM_CORE_SIM_H
#define SIM_CORE_SIM_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <unicorn/unicorn.h>

#include "boards/board.h"
#include "cache.h"

struct sim;
struct sim_gdb;
struct sim_cache;

/* A peripheral register block. Offsets are relative to base; size in bytes (>= 4). */
struct periph {
    const char *name;
    uint32_t base, size;
    uint32_t (*read)(struct sim *s, void *self, uint32_t off, unsigned size);
    void (*write)(struct sim *s, void *self, uint32_t off, unsigned size, uint32_t val);
    void *self;
};

/* Explains why an address in an external window is not accessible right now, or returns
 * false when the region is not this controller's. */
typedef bool (*sim_explain_fn)(struct sim *s, void *self, uint32_t addr, char *why, size_t len);

enum sim_exit { SIM_EXIT_OK = 0, SIM_EXIT_USAGE = 1, SIM_EXIT_FAULT = 2, SIM_EXIT_VIOLATION = 3 };

#define SIM_MAX_PERIPHS 64
#define SIM_MAX_PAGES 256
#define SIM_MAX_EXPLAIN 8
#define SIM_NUM_IRQ 150
#define SIM_NUM_EXC (16 + SIM_NUM_IRQ)

struct sim_nvic {
    uint8_t enabled[SIM_NUM_EXC];
    uint8_t pending[SIM_NUM_EXC];
    uint8_t active[SIM_NUM_EXC];
    uint8_t prio[SIM_NUM_EXC];  /* 8-bit field; the M7 implements the top 4 bits */
    uint32_t vtor, aircr, scr, ccr, shcsr, cfsr, hfsr, mmfar, bfar, cpacr, csselr;
    uint32_t fpccr; /* stored only: stacking is always automatic (Unicorn) and eager */
    bool any_pending;
};

struct sim_systick {
    uint32_t csr, rvr;
    uint64_t load_cycles; /* core cycle count at which the counter was last (re)loaded */
};

struct sim_mpu_rt;
struct sim_mpu {
    uint32_t ctrl, rnr;
    uint32_t rbar[16], rasr[16];
    uint32_t gen;         /* bumped by every MPU register write */
    bool dirty;           /* the access hooks need rebuilding */
    bool restart;         /* uc_emu_start stopped only to free deleted hooks */
    bool fault_pending;   /* a denied data access is being undone */
    bool privileged;      /* current privilege, kept at exception entry/return and MSR CONTROL */
    uint32_t key;         /* fetch-permission key (sim/core/mpu.c) */
    struct sim_mpu_rt *rt; /* sim/core/mpu.c */
};

#define SIM_MAX_XWIN 4
struct sim_xwin { /* memory of the execute-never external window (sim/core/xalias.c) */
    uint32_t base, size, alias;
    void *host;
    bool mapped, aliased;
};

struct sim {
    uc_engine *uc;
    const struct board_desc *board;
    FILE *out;
    bool trace;

    /* time */
    uint64_t now_ps;      /* virtual time at the start of the current block */
    uint64_t instructions;
    uint32_t core_hz;
    uint64_t period_ps;   /* one core clock */
    uint64_t until_ps;
    uint64_t next_event_ps;
    uint64_t dwt_base_cycles; /* CYCCNT = cycles - base */
    uint64_t cycles;
    uint32_t dwt_ctrl, demcr;

    /* run state */
    bool stop;
    bool halted;          /* WFI with nothing able to wake the core */
    bool handler;         /* handler mode (IPSR != 0), kept by exception entry and return */
    bool event;           /* the event register of WFE/SEV */
    uint32_t other_sp;    /* MSP or PSP, the one not in R13, for unprivileged thread mode */
    enum sim_exit exit;
    unsigned faults, violations;
    uint32_t last_block;  /* address of the block about to execute */
    uint32_t last_block_size;

    struct sim_nvic nvic;
    struct sim_systick systick;
    struct sim_mpu mpu;

    struct periph periphs[SIM_MAX_PERIPHS];
    unsigned nperiph;
    uint32_t pages[SIM_MAX_PAGES];
    unsigned npages;
    struct { sim_explain_fn fn; void *self; } explain[SIM_MAX_EXPLAIN];
    unsigned nexplain;
    void (*tick_fns[8])(struct sim *s, void *self);
    void *tick_selves[8];
    unsigned nticks;

    /* the debugger (--gdb), or NULL: time is then counted per instruction by its hook */
    struct sim_gdb *gdb;
    struct sim_cache *cache; /* L1 caches (cache.c) */
    struct cache_fast cache_fast;

    struct sim_xwin xwin[SIM_MAX_XWIN];
    unsigned nxwin;

    /* instruction count per translated block; tag = MPU key (sim/core/mpu.c) << 32 | address,
     * valid when the block may be fetched under that key */
    struct { uint64_t tag; uint16_t size; uint16_t count; uint8_t special; } *icache;
    bool recheck_privilege; /* the previous block wrote CONTROL */
};

int sim_init(struct sim *s, const struct board_desc *b, FILE *out);
void sim_free(struct sim *s);
int sim_map_ram(struct sim *s, uint32_t base, uint32_t size, uint32_t prot, void *host);
/* The same for a window whose memory may have changed while it was unmapped (a flash erased
 * and programmed through its controller): code translated from the old contents is dropped.
 * Called from register writes (QUADSPI/OCTOSPI), not from accesses to the window itself. */
int sim_map_ram_fresh(struct sim *s, uint32_t base, uint32_t size, uint32_t prot, void *host);
void sim_unmap(struct sim *s, uint32_t base, uint32_t size);
int sim_add_periph(struct sim *s, const struct periph *p);
void sim_add_explain(struct sim *s, sim_explain_fn fn, void *self);
void sim_add_tick(struct sim *s, void (*fn)(struct sim *, void *), void *self);
int sim_load(struct sim *s, uint32_t addr, const void *data, size_t len);
/* Accesses by a bus master other than the CPU (the DMA controllers): they reach memory
 * directly, behind any CPU cache, so every such access goes through these two functions
 * (a cache model hooks here). They fail (-1) where nothing is mapped, and a write also
 * where the memory is mapped read-only (flash, a memory-mapped NOR window); the caller
 * turns that into its own bus error. Peripheral registers are reached through their
 * models. For now: plain Unicorn memory accesses. */
int sim_bus_master_read(struct sim *s, uint32_t addr, void *data, size_t len);
int sim_bus_master_write(struct sim *s, uint32_t addr, const void *data, size_t len);
enum sim_exit sim_run(struct sim *s, uint64_t until_ps);

/* Logging: every line starts with the virtual time. */
void sim_printf(struct sim *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A firmware mistake the hardware would not forgive: logged, counted, fails the run. */
void sim_violation(struct sim *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Clock changes (RCC model) */
void sim_set_core_clock(struct sim *s, uint32_t hz);
/* Earliest time something must be re-evaluated (SysTick wrap, timers). */
void sim_schedule(struct sim *s, uint64_t when_ps);

/* Exceptions */
void sim_set_pending(struct sim *s, unsigned exc);
void sim_irq_set(struct sim *s, unsigned irq, bool level);
uint32_t sim_scs_read(struct sim *s, uint32_t off, unsigned size);
void sim_scs_write(struct sim *s, uint32_t off, unsigned size, uint32_t val);
void sim_systick_update(struct sim *s);

#endif
