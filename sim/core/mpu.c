/* ARMv7-M default memory map and PMSAv7 MPU of the Cortex-M7 (ARMv7-M ARM B3.1, B3.5;
 * Cortex-M7 TRM 4.x: 16 regions). See mpu.h for how the simulator enforces it. */
#include "mpu.h"

#include <stdlib.h>
#include <string.h>

#include "insn.h"
#include "trap.h"
#include "sim.h"

#define MPU_REGIONS 16u

/* MPU_CTRL (B3.5.6) */
#define CTRL_ENABLE     (1u << 0)
#define CTRL_HFNMIENA   (1u << 1)
#define CTRL_PRIVDEFENA (1u << 2)
/* MPU_RBAR (B3.5.8) */
#define RBAR_VALID      (1u << 4)
#define RBAR_REGION_MSK 0xFu
#define RBAR_ADDR_MSK   0xFFFFFFE0u
/* MPU_RASR (B3.5.9) */
#define RASR_ENABLE     (1u << 0)
#define RASR_SIZE(v)    (((v) >> 1) & 0x1Fu)
#define RASR_SRD(v)     (((v) >> 8) & 0xFFu)
#define RASR_B          (1u << 16)
#define RASR_C          (1u << 17)
#define RASR_S          (1u << 18)
#define RASR_TEX(v)     (((v) >> 19) & 7u)
#define RASR_AP(v)      (((v) >> 24) & 7u)
#define RASR_XN         (1u << 28)
#define RASR_WRITABLE   0x173FFF3Fu /* XN, AP, TEX, S, C, B, SRD, SIZE, ENABLE */
#define CCR_UNALIGN_TRP (1u << 3)

#define PPB_BASE 0xE0000000u
#define PPB_END  0xE0100000u

/* Hooks kept per direction; small ranges that are no longer denied stay installed (the
 * callback checks the registers) so a guard region that moves between a few stacks does not
 * add and delete hooks at every context switch. */
#define MAX_HOOKS      96u
#define CACHE_MAX_SIZE 1024u
#define MAX_RANGES     48u
#define MAX_DELETED    32u
#define UNDO_MAX       256u

struct range {
    uint32_t lo, hi; /* inclusive */
};

struct hook_ent {
    uc_hook h;
    uint32_t lo, hi;
    bool write;
};

struct undo_ent {
    uint32_t addr;
    uint8_t len;
    uint8_t old[8];
};

struct sim_mpu_rt {
    struct hook_ent hooks[MAX_HOOKS];
    unsigned nhooks;
    unsigned deleted; /* hooks deleted since the last uc_emu_start (freed when it returns) */
    bool built;
    uint32_t built_gen;
    bool built_priv;

    /* CCR.UNALIGN_TRP: catch-all hooks that check the alignment of every access */
    uc_hook align[2];
    bool align_on;

    /* the pending data fault */
    uint32_t pc, addr;
    bool write, precise;
    enum sim_access_fault kind;
    uc_context *ctx;
    uc_hook undo_hook;
    bool undo_on;
    struct undo_ent undo[UNDO_MAX];
    unsigned nundo;
    bool undo_lost;
};

/* ---- attributes ---- */

static struct sim_mem_attr normal(enum sim_cache_policy p, bool wa, bool exec)
{
    struct sim_mem_attr a = { true, true, exec, SIM_MEM_NORMAL, p, p, wa, wa, false, -1 };
    return a;
}

struct sim_mem_attr sim_mem_default_attr(uint32_t addr)
{
    struct sim_mem_attr a;
    switch (addr >> 29) {
    case 0: a = normal(SIM_CACHE_WT, false, true); break;  /* Code */
    case 1: a = normal(SIM_CACHE_WB, true, true); break;   /* SRAM */
    case 2:                                                /* Peripheral */
        a = normal(SIM_CACHE_NONE, false, false);
        a.type = SIM_MEM_DEVICE;
        break;
    case 3: a = normal(SIM_CACHE_WB, true, true); break;   /* RAM, WBWA */
    case 4: a = normal(SIM_CACHE_WT, false, true); break;  /* RAM, WT */
    case 5:                                                /* Device, shareable */
    case 6:                                                /* Device, non-shareable */
        a = normal(SIM_CACHE_NONE, false, false);
        a.type = SIM_MEM_DEVICE;
        a.shareable = (addr >> 29) == 5u;
        break;
    default:
        a = normal(SIM_CACHE_NONE, false, false);
        a.type = addr < PPB_END ? SIM_MEM_STRONGLY_ORDERED : SIM_MEM_DEVICE;
        a.shareable = true;
        break;
    }
    return a;
}

static enum sim_cache_policy policy(uint32_t bits, bool *wa)
{
    /* TEX[2]=1 encoding of each level: 00 non-cacheable, 01 WBWA, 10 WT, 11 WB no WA */
    *wa = bits == 1u;
    return bits == 0u ? SIM_CACHE_NONE : bits == 2u ? SIM_CACHE_WT : SIM_CACHE_WB;
}

/* TEX/C/B/S (B3.5.10 table B3-13). Reserved encodings decode as strongly-ordered: the
 * simulator reports them when the region is written. */
static void region_type(uint32_t rasr, struct sim_mem_attr *a)
{
    uint32_t tex = RASR_TEX(rasr), cb = ((rasr & RASR_C) ? 2u : 0u) | ((rasr & RASR_B) ? 1u : 0u);
    bool s = (rasr & RASR_S) != 0u;
    a->type = SIM_MEM_NORMAL;
    a->inner = a->outer = SIM_CACHE_NONE;
    a->inner_wa = a->outer_wa = false;
    a->shareable = s;
    if (tex & 4u) {
        a->inner = policy(cb, &a->inner_wa);
        a->outer = policy(tex & 3u, &a->outer_wa);
        return;
    }
    switch ((tex << 2) | cb) {
    case 0x0: a->type = SIM_MEM_STRONGLY_ORDERED; a->shareable = true; break;
    case 0x1: a->type = SIM_MEM_DEVICE; a->shareable = true; break;
    case 0x2: a->inner = a->outer = SIM_CACHE_WT; break;
    case 0x3: a->inner = a->outer = SIM_CACHE_WB; break;
    case 0x4: break; /* normal, non-cacheable */
    case 0x7: a->inner = a->outer = SIM_CACHE_WB; a->inner_wa = a->outer_wa = true; break;
    case 0x8: a->type = SIM_MEM_DEVICE; a->shareable = false; break;
    default: a->type = SIM_MEM_STRONGLY_ORDERED; a->shareable = true; break;
    }
}

static uint64_t region_size(uint32_t rasr) { return 2ull << RASR_SIZE(rasr); }

static uint32_t region_base(const struct sim *s, unsigned r)
{
    return (uint32_t)(s->mpu.rbar[r] & RBAR_ADDR_MSK & ~(region_size(s->mpu.rasr[r]) - 1u));
}

static bool region_hit(const struct sim *s, unsigned r, uint32_t addr)
{
    uint32_t rasr = s->mpu.rasr[r];
    if (!(rasr & RASR_ENABLE)) {
        return false;
    }
    uint64_t size = region_size(rasr);
    uint64_t off = (uint64_t)addr - region_base(s, r);
    if ((uint64_t)addr < region_base(s, r) || off >= size) {
        return false;
    }
    if (size >= 256u) {
        unsigned sub = (unsigned)(off / (size / 8u));
        if ((RASR_SRD(rasr) >> sub) & 1u) {
            return false;
        }
    }
    return true;
}

/* AP (B3.5.9 table B3-15) */
static void region_perms(uint32_t ap, bool privileged, bool *rd, bool *wr)
{
    static const uint8_t priv[8] = { 0, 3, 3, 3, 0, 1, 1, 1 };   /* bit0 read, bit1 write */
    static const uint8_t unpriv[8] = { 0, 0, 1, 3, 0, 0, 1, 1 };
    uint8_t p = privileged ? priv[ap] : unpriv[ap];
    *rd = (p & 1u) != 0u;
    *wr = (p & 2u) != 0u;
}

static struct sim_mem_attr attr_with(struct sim *s, uint32_t addr, bool privileged, bool mpu_on)
{
    struct sim_mem_attr a = sim_mem_default_attr(addr);
    if (!mpu_on || (addr >= PPB_BASE && addr < PPB_END)) {
        return a; /* the PPB always uses the default map */
    }
    for (int r = (int)MPU_REGIONS - 1; r >= 0; r--) {
        if (region_hit(s, (unsigned)r, addr)) {
            uint32_t rasr = s->mpu.rasr[r];
            region_type(rasr, &a);
            region_perms(RASR_AP(rasr), privileged, &a.read, &a.write);
            a.exec = a.read && !(rasr & RASR_XN) && addr < PPB_BASE;
            a.region = r;
            return a;
        }
    }
    if (privileged && (s->mpu.ctrl & CTRL_PRIVDEFENA)) {
        return a;
    }
    a.read = a.write = a.exec = false; /* background fault */
    return a;
}

/* With HFNMIENA clear the MPU is off while the execution priority is negative (HardFault,
 * NMI, FAULTMASK). */
static bool mpu_active(struct sim *s)
{
    if (!(s->mpu.ctrl & CTRL_ENABLE)) {
        return false;
    }
    if (s->mpu.ctrl & CTRL_HFNMIENA) {
        return true;
    }
    if (s->nvic.active[2] || s->nvic.active[3]) {
        return false;
    }
    uint32_t fm = 0;
    uc_reg_read(s->uc, UC_ARM_REG_FAULTMASK, &fm);
    return (fm & 1u) == 0u;
}

struct sim_mem_attr sim_mem_attr(struct sim *s, uint32_t addr, bool privileged)
{
    return attr_with(s, addr, privileged, mpu_active(s));
}

bool sim_privileged(struct sim *s)
{
    if (s->handler) {
        return true;
    }
    uint32_t control = 0;
    uc_reg_read(s->uc, UC_ARM_REG_CONTROL, &control);
    return (control & 1u) == 0u;
}

bool sim_mpu_range_ok(struct sim *s, uint32_t addr, uint32_t len, bool write, bool privileged)
{
    if (!mpu_active(s)) {
        return true;
    }
    for (uint64_t a = addr & ~31u; a < (uint64_t)addr + len; a += 32u) {
        struct sim_mem_attr m = attr_with(s, (uint32_t)a, privileged, true);
        if (!(write ? m.write : m.read)) {
            return false;
        }
    }
    return true;
}

/* ---- registers ---- */

static void check_region(struct sim *s, unsigned r)
{
    uint32_t rasr = s->mpu.rasr[r];
    if (!(rasr & RASR_ENABLE)) {
        return;
    }
    if (RASR_SIZE(rasr) < 4u) {
        sim_violation(s, "MPU region %u: SIZE field %u is below 4 (32 bytes, the smallest region): UNPREDICTABLE",
                      r, RASR_SIZE(rasr));
    }
    uint64_t size = region_size(rasr);
    if ((s->mpu.rbar[r] & RBAR_ADDR_MSK & (size - 1u)) != 0u) {
        sim_violation(s, "MPU region %u: base 0x%08x is not aligned to its size (0x%llx bytes): UNPREDICTABLE", r,
                      s->mpu.rbar[r] & RBAR_ADDR_MSK, (unsigned long long)size);
    }
    if (size < 256u && RASR_SRD(rasr) != 0u) {
        sim_violation(s, "MPU region %u: sub-regions disabled (SRD 0x%02x) in a region below 256 bytes: UNPREDICTABLE",
                      r, RASR_SRD(rasr));
    }
    if (RASR_AP(rasr) == 4u) {
        sim_violation(s, "MPU region %u: AP = 100 is reserved", r);
    }
}

uint32_t sim_mpu_read(struct sim *s, uint32_t off)
{
    unsigned r = s->mpu.rnr & RBAR_REGION_MSK;
    switch (off) {
    case 0xD90: return MPU_REGIONS << 8; /* MPU_TYPE: DREGION 16, unified */
    case 0xD94: return s->mpu.ctrl;
    case 0xD98: return s->mpu.rnr;
    default:
        /* RBAR at 0xD9C, RASR at 0xDA0, and their aliases A1-A3 every 8 bytes */
        return ((off - 0xD9Cu) & 4u) ? s->mpu.rasr[r] : ((s->mpu.rbar[r] & RBAR_ADDR_MSK) | r);
    }
}

void sim_mpu_write(struct sim *s, uint32_t off, uint32_t val)
{
    s->mpu.gen++;
    s->mpu.dirty = true;
    switch (off) {
    case 0xD90: return; /* MPU_TYPE is read-only */
    case 0xD94: s->mpu.ctrl = val & (CTRL_ENABLE | CTRL_HFNMIENA | CTRL_PRIVDEFENA); return;
    case 0xD98:
        if (val >= MPU_REGIONS) {
            sim_violation(s, "MPU_RNR = %u: the Cortex-M7 MPU has %u regions", val, MPU_REGIONS);
        }
        s->mpu.rnr = val & 0xFFu;
        return;
    default: break;
    }
    unsigned r = s->mpu.rnr & RBAR_REGION_MSK;
    if ((off - 0xD9Cu) & 4u) {
        s->mpu.rasr[r] = val & RASR_WRITABLE;
    } else {
        if (val & RBAR_VALID) { /* the region number comes with the address */
            r = val & RBAR_REGION_MSK;
            s->mpu.rnr = r;
        }
        s->mpu.rbar[r] = val & RBAR_ADDR_MSK;
    }
    check_region(s, r);
}

/* ---- data access enforcement ---- */

static void log_undo(struct sim *s, struct sim_mpu_rt *rt, uint32_t addr, int size)
{
    if (sim_mem_default_attr(addr).type != SIM_MEM_NORMAL) {
        rt->undo_lost = true; /* a device write has its effect: it cannot be taken back */
        return;
    }
    if (rt->nundo >= UNDO_MAX || size <= 0 || size > 8) {
        rt->undo_lost = true;
        return;
    }
    struct undo_ent *u = &rt->undo[rt->nundo];
    if (uc_mem_read(s->uc, addr, u->old, (size_t)size) == UC_ERR_OK) {
        u->addr = addr;
        u->len = (uint8_t)size;
        rt->nundo++;
    }
}

static void on_undo_write(uc_engine *uc, uc_mem_type type, uint64_t address, int size, int64_t value, void *ud)
{
    (void)uc;
    (void)value;
    struct sim *s = ud;
    if (s->mpu.fault_pending && type == UC_MEM_WRITE) {
        log_undo(s, s->mpu.rt, (uint32_t)address, size);
    }
}

/* A denied (or, for UNALIGN_TRP, unaligned) access: find its instruction, save the context
 * and stop; the stores that still run in this block are logged to be undone. */
static void record(struct sim *s, uint32_t a, int size, uint32_t fa, bool write, enum sim_access_fault kind)
{
    uc_engine *uc = s->uc;
    struct sim_mpu_rt *rt = s->mpu.rt;
    s->mpu.fault_pending = true;
    s->mpu.dirty = true; /* the next block hook stops */
    uint32_t pc = 0;
    uc_reg_read(uc, UC_ARM_REG_PC, &pc); /* the block's start in Unicorn 2.0.1 */
    uint32_t exact;
    rt->precise = sim_insn_find_access(s, s->last_block, s->last_block_size, a, write, &exact);
    rt->pc = rt->precise ? exact : (pc & ~1u);
    rt->addr = fa;
    rt->write = write;
    rt->kind = kind;
    rt->nundo = 0;
    rt->undo_lost = false;
    uc_context_save(uc, rt->ctx);
    if (write) {
        log_undo(s, rt, a, size);
    }
    if (uc_hook_add(uc, &rt->undo_hook, UC_HOOK_MEM_WRITE, (void *)on_undo_write, s, 1, 0) == UC_ERR_OK) {
        rt->undo_on = true;
    }
    uc_emu_stop(uc);
}

static void on_access(uc_engine *uc, uc_mem_type type, uint64_t address, int size, int64_t value, void *ud)
{
    (void)uc;
    (void)value;
    struct sim *s = ud;
    if (s->mpu.fault_pending) {
        return; /* later accesses of the faulting block: undone with the context */
    }
    bool write = type == UC_MEM_WRITE;
    uint32_t a = (uint32_t)address;
    if (sim_mpu_range_ok(s, a, (uint32_t)size, write, sim_privileged(s))) {
        return;
    }
    /* the first denied byte is the fault address (an unaligned access across regions) */
    uint32_t fa = a;
    for (int i = 0; i < size; i++) {
        if (!sim_mpu_range_ok(s, a + (uint32_t)i, 1, write, sim_privileged(s))) {
            fa = a + (uint32_t)i;
            break;
        }
    }
    record(s, a, size, fa, write, SIM_FAULT_MPU);
}


static void on_align(uc_engine *uc, uc_mem_type type, uint64_t address, int size, int64_t value, void *ud)
{
    (void)uc;
    (void)value;
    struct sim *s = ud;
    uint32_t a = (uint32_t)address;
    if (s->mpu.fault_pending || size <= 1 || (a & ((uint32_t)size - 1u)) == 0u || !(s->nvic.ccr & CCR_UNALIGN_TRP)) {
        return;
    }
    record(s, a, size, a, type == UC_MEM_WRITE, SIM_FAULT_UNALIGNED);
}

bool sim_mpu_take_data_fault(struct sim *s, uint32_t *pc, uint32_t *addr, bool *write, enum sim_access_fault *kind)
{
    struct sim_mpu_rt *rt = s->mpu.rt;
    if (!s->mpu.fault_pending) {
        return false;
    }
    s->mpu.fault_pending = false;
    if (rt->undo_on) {
        uc_hook_del(s->uc, rt->undo_hook);
        rt->undo_on = false;
        rt->deleted++;
    }
    for (unsigned i = rt->nundo; i-- > 0;) {
        uc_mem_write(s->uc, rt->undo[i].addr, rt->undo[i].old, rt->undo[i].len);
    }
    if (rt->undo_lost) {
        sim_printf(s, "sim: note: a device write after the faulting access at pc 0x%08x ran before the fault was taken"
                      " (not undone)", rt->pc);
    }
    uc_context_restore(s->uc, rt->ctx);
    if (!rt->precise) {
        sim_printf(s, "sim: note: the instruction that accessed 0x%08x was not found in the block at 0x%08x: the"
                      " stacked PC is the block's start", rt->addr, rt->pc);
    }
    uint32_t thumb_pc = rt->pc | 1u;
    uc_reg_write(s->uc, UC_ARM_REG_PC, &thumb_pc);
    *pc = rt->pc;
    *addr = rt->addr;
    *write = rt->write;
    *kind = rt->kind;
    return true;
}

/* Ranges denied to a read or a write at this privilege with the MPU on; a superset when
 * there are more than max (the hook callback decides). */
static unsigned denied_ranges(struct sim *s, bool privileged, bool write, struct range *out, unsigned max)
{
    uint64_t pts[2 + MPU_REGIONS * 10u + 4u];
    unsigned n = 0;
    pts[n++] = 0;
    pts[n++] = PPB_BASE;
    pts[n++] = PPB_END;
    for (unsigned r = 0; r < MPU_REGIONS; r++) {
        uint32_t rasr = s->mpu.rasr[r];
        if (!(rasr & RASR_ENABLE)) {
            continue;
        }
        uint64_t base = region_base(s, r), size = region_size(rasr);
        unsigned parts = size >= 256u ? 8u : 1u;
        for (unsigned i = 0; i <= parts; i++) {
            pts[n++] = base + size / parts * i;
        }
    }
    /* sort (insertion: at most a few hundred points) */
    for (unsigned i = 1; i < n; i++) {
        uint64_t v = pts[i];
        unsigned j = i;
        for (; j > 0 && pts[j - 1] > v; j--) {
            pts[j] = pts[j - 1];
        }
        pts[j] = v;
    }
    unsigned nr = 0;
    for (unsigned i = 0; i < n; i++) {
        if (pts[i] >= 0x100000000ull || (i > 0 && pts[i] == pts[i - 1])) {
            continue;
        }
        uint64_t end = 0x100000000ull;
        for (unsigned j = i + 1; j < n; j++) {
            if (pts[j] > pts[i]) {
                end = pts[j] < end ? pts[j] : end;
                break;
            }
        }
        struct sim_mem_attr m = attr_with(s, (uint32_t)pts[i], privileged, true);
        if (write ? m.write : m.read) {
            continue;
        }
        uint32_t lo = (uint32_t)pts[i], hi = (uint32_t)(end - 1u);
        if (nr > 0 && (out[nr - 1].hi + 1ull == lo || nr == max)) {
            out[nr - 1].hi = hi; /* adjacent, or out of room: widen the last one */
        } else {
            out[nr].lo = lo;
            out[nr].hi = hi;
            nr++;
        }
    }
    return nr;
}

static void rebuild(struct sim *s, bool privileged)
{
    struct sim_mpu_rt *rt = s->mpu.rt;
    struct range want[2][MAX_RANGES];
    unsigned nwant[2] = { 0, 0 };
    if (s->mpu.ctrl & CTRL_ENABLE) {
        for (unsigned w = 0; w < 2; w++) {
            nwant[w] = denied_ranges(s, privileged, w != 0, want[w], MAX_RANGES);
        }
    }
    bool have[2][MAX_RANGES];
    bool wanted[MAX_HOOKS];
    memset(have, 0, sizeof have);
    unsigned nwanted = 0, missing = 0;
    for (unsigned i = 0; i < rt->nhooks; i++) {
        struct hook_ent *h = &rt->hooks[i];
        unsigned w = h->write ? 1u : 0u;
        wanted[i] = false;
        for (unsigned k = 0; k < nwant[w] && !wanted[i]; k++) {
            if (!have[w][k] && want[w][k].lo == h->lo && want[w][k].hi == h->hi) {
                have[w][k] = true;
                wanted[i] = true;
                nwanted++;
            }
        }
    }
    for (unsigned w = 0; w < 2; w++) {
        for (unsigned k = 0; k < nwant[w]; k++) {
            missing += have[w][k] ? 0u : 1u;
        }
    }
    /* keep the wanted hooks, and small stale ones while there is room */
    unsigned keep = 0, room = MAX_HOOKS - nwanted - missing;
    for (unsigned i = 0; i < rt->nhooks; i++) {
        struct hook_ent h = rt->hooks[i];
        bool small = (uint64_t)h.hi - h.lo < CACHE_MAX_SIZE;
        if (wanted[i] || (small && room > 0u)) {
            room -= wanted[i] ? 0u : 1u;
            rt->hooks[keep++] = h;
        } else {
            uc_hook_del(s->uc, h.h);
            rt->deleted++;
        }
    }
    rt->nhooks = keep;
    for (unsigned w = 0; w < 2; w++) {
        for (unsigned k = 0; k < nwant[w]; k++) {
            if (have[w][k] || rt->nhooks == MAX_HOOKS) {
                continue;
            }
            struct hook_ent *h = &rt->hooks[rt->nhooks];
            h->lo = want[w][k].lo;
            h->hi = want[w][k].hi;
            h->write = w != 0;
            if (uc_hook_add(s->uc, &h->h, w ? UC_HOOK_MEM_WRITE : UC_HOOK_MEM_READ, (void *)on_access, s, h->lo,
                            h->hi) == UC_ERR_OK) {
                rt->nhooks++;
            }
        }
    }
    rt->built = true;
    rt->built_gen = s->mpu.gen;
    rt->built_priv = privileged;
    if (rt->deleted > MAX_DELETED) {
        /* Unicorn frees deleted hooks only when uc_emu_start returns: restart it */
        s->mpu.restart = true;
        uc_emu_stop(s->uc);
    }
}

void sim_mpu_sync(struct sim *s)
{
    struct sim_mpu_rt *rt = s->mpu.rt;
    bool on = (s->mpu.ctrl & CTRL_ENABLE) != 0u;
    bool privileged = s->mpu.privileged;
    s->mpu.dirty = false;
    bool trap = (s->nvic.ccr & CCR_UNALIGN_TRP) != 0u;
    if (trap && !rt->align_on) {
        rt->align_on = uc_hook_add(s->uc, &rt->align[0], UC_HOOK_MEM_READ, (void *)on_align, s, 1, 0) == UC_ERR_OK &&
                       uc_hook_add(s->uc, &rt->align[1], UC_HOOK_MEM_WRITE, (void *)on_align, s, 1, 0) == UC_ERR_OK;
    } else if (!trap && rt->align_on) {
        uc_hook_del(s->uc, rt->align[0]);
        uc_hook_del(s->uc, rt->align[1]);
        rt->align_on = false;
        rt->deleted += 2u;
    }
    if (!rt->built || rt->built_gen != s->mpu.gen || (on && privileged != rt->built_priv)) {
        rebuild(s, privileged);
    }
    /* HardFault or NMI with HFNMIENA clear: the MPU is off for fetches (FAULTMASK is checked
     * on data accesses only, see docs/simulator.md) */
    bool neg = on && !(s->mpu.ctrl & CTRL_HFNMIENA) && (s->nvic.active[2] || s->nvic.active[3]);
    /* bits 2-3: the armed instruction traps (sim/core/trap.h: SIM_BLK_DIV 4, SIM_BLK_FP 8) */
    s->mpu.key = ((s->mpu.gen << 4) | sim_trap_armed(s) | (privileged ? 2u : 0u) | (neg ? 1u : 0u)) | 0x80000000u;
}

void sim_mpu_emu_returned(struct sim *s)
{
    s->mpu.rt->deleted = 0;
}

int sim_mpu_init(struct sim *s)
{
    struct sim_mpu_rt *rt = calloc(1, sizeof *rt);
    if (rt == NULL || uc_context_alloc(s->uc, &rt->ctx) != UC_ERR_OK) {
        free(rt);
        return -1;
    }
    s->mpu.rt = rt;
    return 0;
}

void sim_mpu_free(struct sim *s)
{
    if (s->mpu.rt != NULL) {
        uc_context_free(s->mpu.rt->ctx);
        free(s->mpu.rt);
        s->mpu.rt = NULL;
    }
}
