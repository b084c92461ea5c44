/* The Cortex-M7 L1 caches as software sees them (ARMv7-M ARM B2.2.7 cache maintenance, B3.1
 * default memory map, B3.5 MPU attributes; Cortex-M7 TRM: 32-byte lines, 4-way D-cache,
 * 2-way I-cache, CACR).
 *
 * Model. Unicorn's memory is the CPU's data view. Per tracked RAM and 32-byte line:
 *  - L_DVALID: the D-cache holds the line with contents memory does not have (the line is
 *    dirty, or another bus master changed memory behind it). `alt` holds the other side: the
 *    memory while the D-cache is on (the CPU sees the cache), the cache's data while it is off
 *    (the CPU sees memory): enabling or disabling the D-cache swaps the two.
 *    These lines live in the D-cache's real sets and ways (set from the address, round-robin
 *    replacement) and are evicted (written back) when a set overflows, as on hardware; clean
 *    lines are not tracked, so an eviction comes later than on hardware, never earlier.
 *  - L_INIC: fetched since the last I-cache invalidate. When memory of such a line changes,
 *    `icopy` keeps the old bytes (L_ICOPY): the I-cache still holds them.
 * A fetch executes memory or the I-cache's copy, never the D-cache. A block whose bytes on
 * the instruction side differ from the data view is retranslated from those bytes (they are
 * put into Unicorn's memory for the translation only) and remembered in `xlat`. */
#include "cache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mpu.h"
#include "sim.h"

#define LINE 32u
#define LINE_MASK (LINE - 1u)
#define MAX_REGIONS 16u
#define CHUNK_SHIFT CACHE_CHUNK_SHIFT
#define MAX_XLAT 64u
#define MAX_RESTORE 8u

#define CCR_DC (1u << 16)
#define CCR_IC (1u << 17)
#define CACR_SIWT (1u << 0)
#define CACR_FORCEWT (1u << 2)

#define L_DVALID 0x01u
#define L_DIRTY 0x02u
#define L_INIC 0x04u
#define L_ICOPY 0x08u
#define L_WARNED 0x10u
#define L_FETCHED 0x20u /* executed at least once: changes to it matter to the block memo */

struct sim_cache;

struct region {
    struct sim_cache *c;
    uint32_t base, size;
    uint8_t *view;  /* Unicorn's memory */
    uint8_t *alt;   /* lines with L_DVALID: memory (D-cache on) or the cache's data (off) */
    uint8_t *icopy; /* lines with L_ICOPY: the I-cache's bytes */
    uint8_t *st;    /* per line L_* */
    uint32_t ninic;
    uc_hook hook;
    bool hooked;
};

struct dslot {
    struct region *r; /* NULL: free */
    uint32_t line;
};

struct sim_cache {
    struct sim *s;
    /* Blocks found with nothing to look at (s->cache_fast.memo), valid while the epoch is
     * unchanged: it moves when a fetched line enters the D-cache or changes in memory under
     * the I-cache, on an I-cache invalidate, a CCR change and a new tracked RAM. */
    struct cache_memo memo[CACHE_MEMO_SIZE];
    struct region reg[MAX_REGIONS];
    unsigned nreg;
    uint8_t chunk[1u << (32u - CHUNK_SHIFT)]; /* region index + 1, or 0 */
    uint32_t ccr, cacr;
    unsigned dsets, dways;
    struct dslot *slots;
    uint8_t *rr;
    unsigned ndvalid, nicopy;
    struct { uint32_t addr, size; } xlat[MAX_XLAT]; /* blocks translated from non-view bytes */
    unsigned nxlat;
    struct { struct region *r; uint32_t line; uint8_t saved[LINE]; } restore[MAX_RESTORE];
    unsigned nrestore;
    uint32_t pending_xlat; /* index + 1 of the xlat entry whose size the next block gives */
};

/* ---- memory attributes (the one place that decides them) ---- */

/* The attributes come from the MPU model's decoder (sim/core/mpu.c: the default map, the
 * regions with their sub-regions, PRIVDEFENA and HFNMIENA), the one place that decides them.
 * The L1 caches follow the inner attributes; Device and strongly-ordered memory is never
 * cached. The TCMs, never cached whatever their attributes, are left out by cache_track_ram(). */
struct cache_attr cache_mem_attr(struct sim *s, uint32_t addr)
{
    struct sim_mem_attr m = sim_mem_attr(s, addr, true);
    struct cache_attr a = { CACHE_NONE, m.shareable };
    if (m.type == SIM_MEM_NORMAL && (m.read || m.write || m.exec)) {
        a.policy = m.inner == SIM_CACHE_WB ? CACHE_WB : m.inner == SIM_CACHE_WT ? CACHE_WT : CACHE_NONE;
    }
    return a;
}

static enum cache_policy d_policy(const struct sim_cache *c, uint32_t addr)
{
    struct cache_attr a = cache_mem_attr(c->s, addr);
    if (a.policy != CACHE_NONE && a.shareable) {
        return (c->cacr & CACR_SIWT) ? CACHE_WT : CACHE_NONE; /* Cortex-M7 TRM, CACR.SIWT */
    }
    if (a.policy == CACHE_WB && (c->cacr & CACR_FORCEWT)) {
        return CACHE_WT;
    }
    return a.policy;
}

/* ---- lines ---- */

static bool dc_on(const struct sim_cache *c)
{
    return (c->ccr & CCR_DC) != 0u;
}

static bool ic_on(const struct sim_cache *c)
{
    return (c->ccr & CCR_IC) != 0u;
}

static struct region *region_of(struct sim_cache *c, uint32_t addr)
{
    unsigned k = c->chunk[addr >> CHUNK_SHIFT];
    if (k == 0u) {
        return NULL; /* no tracked RAM in these 16 KiB (flash, peripherals, TCMs) */
    }
    if (addr - c->reg[k - 1u].base < c->reg[k - 1u].size) {
        return &c->reg[k - 1u];
    }
    for (unsigned i = 0; i < c->nreg; i++) {
        if (addr - c->reg[i].base < c->reg[i].size) {
            return &c->reg[i];
        }
    }
    return NULL;
}

static uint32_t line_addr(const struct region *r, uint32_t i)
{
    return r->base + i * LINE;
}

/* What memory holds for the line. */
static uint8_t *memory_of(struct sim_cache *c, struct region *r, uint32_t i)
{
    return (dc_on(c) && (r->st[i] & L_DVALID)) ? r->alt + i * LINE : r->view + i * LINE;
}

/* Blocks translated from other bytes than the view and overlapping [lo, hi) are dropped. */
static void xlat_drop(struct sim_cache *c, uint32_t lo, uint32_t hi)
{
    for (unsigned k = 0; k < c->nxlat;) {
        uint32_t a = c->xlat[k].addr, end = a + (c->xlat[k].size ? c->xlat[k].size : 1024u);
        if (a < hi && lo < end) {
            uc_ctl_remove_cache(c->s->uc, (uint64_t)a, (uint64_t)end);
            c->xlat[k] = c->xlat[--c->nxlat];
            c->pending_xlat = 0;
        } else {
            k++;
        }
    }
}

static void fetch_changed(struct sim_cache *c, struct region *r, uint32_t i)
{
    if (c->nxlat) {
        xlat_drop(c, line_addr(r, i), line_addr(r, i) + LINE);
    }
}

static void set_view(struct sim_cache *c, struct region *r, uint32_t i, const uint8_t *src)
{
    memcpy(r->view + i * LINE, src, LINE);
    uc_ctl_remove_cache(c->s->uc, (uint64_t)line_addr(r, i), (uint64_t)line_addr(r, i) + LINE);
    fetch_changed(c, r, i);
}

/* Memory of the line is about to change: an I-cache holding it keeps the old bytes. */
static void memory_changing(struct sim_cache *c, struct region *r, uint32_t i)
{
    if ((r->st[i] & (L_INIC | L_ICOPY)) == L_INIC) {
        memcpy(r->icopy + i * LINE, memory_of(c, r, i), LINE);
        r->st[i] |= L_ICOPY;
        c->nicopy++;
        c->s->cache_fast.epoch++;
    }
    fetch_changed(c, r, i);
}

static struct dslot *slot_of(struct sim_cache *c, struct region *r, uint32_t i)
{
    unsigned set = (line_addr(r, i) / LINE) & (c->dsets - 1u);
    for (unsigned w = 0; w < c->dways; w++) {
        struct dslot *sl = &c->slots[set * c->dways + w];
        if (sl->r == r && sl->line == i) {
            return sl;
        }
    }
    return NULL;
}

static void drop(struct sim_cache *c, struct region *r, uint32_t i)
{
    struct dslot *sl = slot_of(c, r, i);
    if (sl != NULL) {
        sl->r = NULL;
    }
    r->st[i] &= (uint8_t)~(L_DVALID | L_DIRTY | L_WARNED);
    c->ndvalid--;
}

/* Clean: a dirty line's data goes to memory; the line is then what memory holds. */
static void line_clean(struct sim_cache *c, struct region *r, uint32_t i)
{
    if ((r->st[i] & (L_DVALID | L_DIRTY)) != (L_DVALID | L_DIRTY)) {
        return;
    }
    memory_changing(c, r, i);
    if (!dc_on(c)) {
        set_view(c, r, i, r->alt + i * LINE); /* the CPU sees memory, which now has the data */
    }
    drop(c, r, i);
}

/* Invalidate: the line leaves the cache without being written; the CPU sees memory. */
static void line_invalidate(struct sim_cache *c, struct region *r, uint32_t i)
{
    if (!(r->st[i] & L_DVALID)) {
        return;
    }
    if (dc_on(c)) {
        set_view(c, r, i, r->alt + i * LINE);
    }
    drop(c, r, i);
}

static void line_clean_invalidate(struct sim_cache *c, struct region *r, uint32_t i)
{
    line_clean(c, r, i);
    line_invalidate(c, r, i);
}

/* The line enters the D-cache with what memory holds (the view, before the access). */
static void allocate(struct sim_cache *c, struct region *r, uint32_t i)
{
    unsigned set = (line_addr(r, i) / LINE) & (c->dsets - 1u);
    struct dslot *sl = NULL;
    for (unsigned w = 0; w < c->dways && sl == NULL; w++) {
        if (c->slots[set * c->dways + w].r == NULL) {
            sl = &c->slots[set * c->dways + w];
        }
    }
    if (sl == NULL) { /* set full: round-robin victim, written back if dirty */
        sl = &c->slots[set * c->dways + c->rr[set]];
        c->rr[set] = (uint8_t)((c->rr[set] + 1u) % c->dways);
        line_clean_invalidate(c, sl->r, sl->line);
    }
    sl->r = r;
    sl->line = i;
    memcpy(r->alt + i * LINE, r->view + i * LINE, LINE);
    r->st[i] |= L_DVALID;
    c->ndvalid++;
    if (r->st[i] & L_FETCHED) {
        c->s->cache_fast.epoch++;
    }
}

/* Stores are watched while a cache is on, and while the I-cache (even disabled: it keeps its
 * lines) holds lines whose memory could change under it. */
static bool watching(const struct sim_cache *c)
{
    if (c->ccr != 0u) {
        return true;
    }
    for (unsigned k = 0; k < c->nreg; k++) {
        if (c->reg[k].ninic != 0u) {
            return true;
        }
    }
    return false;
}

/* ---- CPU stores (write hook, before the store) ---- */

static void store_line(struct sim_cache *c, struct region *r, uint32_t off, unsigned n, const uint8_t *bytes)
{
    uint32_t i = off / LINE;
    bool dc = dc_on(c);
    enum cache_policy p = dc ? d_policy(c, r->base + off) : CACHE_NONE;
    if (p == CACHE_WB) {
        if (!(r->st[i] & L_DVALID)) {
            allocate(c, r, i);
        }
        r->st[i] |= L_DIRTY;
        return;
    }
    /* write-through, non-cacheable or D-cache off: memory receives the bytes */
    memory_changing(c, r, i);
    if (dc && (r->st[i] & L_DVALID) && bytes != NULL) {
        memcpy(r->alt + off, bytes, n);
    }
}

static void store(struct sim_cache *c, struct region *r, uint32_t off, unsigned n, const uint8_t *bytes)
{
    if (c->nxlat) {
        xlat_drop(c, r->base + off, r->base + off + n);
    }
    while (n > 0u) {
        unsigned k = LINE - (off & LINE_MASK);
        if (k > n) {
            k = n;
        }
        store_line(c, r, off, k, bytes);
        off += k;
        n -= k;
        if (bytes != NULL) {
            bytes += k;
        }
    }
}

static void on_write(uc_engine *uc, uc_mem_type type, uint64_t addr, int size, int64_t value, void *ud)
{
    (void)uc;
    (void)type;
    struct region *r = ud;
    struct sim_cache *c = r->c;
    uint32_t off = (uint32_t)addr - r->base;
    if (off >= r->size) {
        return;
    }
    unsigned n = size > 8 ? 8u : (unsigned)size;
    if (off + n > r->size) {
        n = r->size - off;
    }
    /* the common case: a store into a line the D-cache already holds dirty */
    if ((r->st[off / LINE] & L_DIRTY) && c->nxlat == 0u && (off & LINE_MASK) + n <= LINE && dc_on(c)) {
        return;
    }
    uint8_t bytes[8];
    for (unsigned k = 0; k < n; k++) {
        bytes[k] = (uint8_t)((uint64_t)value >> (8u * k));
    }
    store(c, r, off, n, bytes);
}

void cache_cpu_store(struct sim *s, uint32_t addr, const void *data, uint32_t len)
{
    struct sim_cache *c = s->cache;
    if (c == NULL || !watching(c)) {
        return;
    }
    const uint8_t *p = data;
    while (len > 0u) {
        struct region *r = region_of(c, addr);
        uint32_t k = r ? r->size - (addr - r->base) : LINE - (addr & LINE_MASK);
        if (k > len) {
            k = len;
        }
        if (r != NULL) {
            store(c, r, addr - r->base, k, p);
        }
        addr += k;
        p += k;
        len -= k;
    }
}

void cache_bus_read(struct sim *s, uint32_t addr, void *data, uint32_t len)
{
    struct sim_cache *c = s->cache;
    if (c == NULL || !dc_on(c) || c->ndvalid == 0u) {
        return; /* memory is what the CPU sees */
    }
    uint8_t *p = data;
    while (len > 0u) {
        uint32_t k = LINE - (addr & LINE_MASK);
        if (k > len) {
            k = len;
        }
        struct region *r = region_of(c, addr);
        if (r != NULL && (r->st[(addr - r->base) / LINE] & L_DVALID)) {
            memcpy(p, r->alt + (addr - r->base), k); /* the D-cache holds other contents: memory's */
        }
        addr += k;
        p += k;
        len -= k;
    }
}

void cache_bus_write(struct sim *s, uint32_t addr, const void *data, uint32_t len)
{
    struct sim_cache *c = s->cache;
    const uint8_t *p = data;
    while (len > 0u) {
        struct region *r = c ? region_of(c, addr) : NULL;
        uint32_t k = LINE - (addr & LINE_MASK);
        if (k > len) {
            k = len;
        }
        if (r == NULL) {
            uc_mem_write(s->uc, addr, p, k);
        } else {
            uint32_t off = addr - r->base, i = off / LINE;
            bool dc = dc_on(c);
            memory_changing(c, r, i);
            if (dc && !(r->st[i] & L_DVALID) && d_policy(c, addr) != CACHE_NONE) {
                /* The Cortex-M7 may have read (or speculatively fetched) any cacheable line:
                 * treated as held, so a buffer written behind the cache needs an invalidate. */
                allocate(c, r, i);
            }
            if (dc && (r->st[i] & L_DVALID)) {
                memcpy(r->alt + off, p, k);
            } else {
                memcpy(r->view + off, p, k);
                uc_ctl_remove_cache(s->uc, (uint64_t)(addr & ~LINE_MASK), (uint64_t)(addr & ~LINE_MASK) + LINE);
            }
        }
        addr += k;
        p += k;
        len -= k;
    }
}

/* ---- CCR, maintenance ---- */

static void set_hooks(struct sim_cache *c, bool on)
{
    for (unsigned k = 0; k < c->nreg; k++) {
        struct region *r = &c->reg[k];
        if (on && !r->hooked) {
            r->hooked = uc_hook_add(c->s->uc, &r->hook, UC_HOOK_MEM_WRITE, (void *)on_write, r, r->base,
                                    (uint64_t)r->base + r->size - 1u) == UC_ERR_OK;
        } else if (!on && r->hooked) {
            uc_hook_del(c->s->uc, r->hook);
            r->hooked = false;
        }
    }
}

static void swap_dvalid(struct sim_cache *c)
{
    uint8_t tmp[LINE];
    for (unsigned k = 0; k < c->dsets * c->dways; k++) {
        struct dslot *sl = &c->slots[k];
        if (sl->r != NULL) {
            uint8_t *a = sl->r->alt + sl->line * LINE;
            memcpy(tmp, sl->r->view + sl->line * LINE, LINE);
            set_view(c, sl->r, sl->line, a);
            memcpy(a, tmp, LINE);
        }
    }
}

void cache_set_ccr(struct sim *s, uint32_t ccr)
{
    struct sim_cache *c = s->cache;
    uint32_t old = c->ccr;
    c->ccr = ccr & (CCR_DC | CCR_IC);
    if ((old ^ c->ccr) & CCR_DC) {
        swap_dvalid(c); /* dirty lines stay in the cache, hidden while it is off */
    }
    if (old != c->ccr) {
        xlat_drop(c, 0u, 0xFFFFFFFFu);
    }
    set_hooks(c, watching(c));
    c->s->cache_fast.epoch++;
    s->cache_fast.chunks = c->ccr != 0u ? c->chunk : NULL;
}

uint32_t cache_cacr(const struct sim *s)
{
    return s->cache->cacr;
}

void cache_set_cacr(struct sim *s, uint32_t val)
{
    s->cache->cacr = val & 7u;
}

static void icache_invalidate_line(struct sim_cache *c, struct region *r, uint32_t i)
{
    uint8_t st = r->st[i];
    if (st & L_INIC) {
        c->s->cache_fast.epoch++;
    }
    if (st & L_ICOPY) {
        c->nicopy--;
    }
    if (st & L_INIC) {
        r->ninic--;
    }
    r->st[i] = st & (uint8_t)~(L_INIC | L_ICOPY | L_WARNED);
}

static void icache_invalidate_all(struct sim_cache *c)
{
    for (unsigned k = 0; k < c->nreg; k++) {
        struct region *r = &c->reg[k];
        for (uint32_t i = 0; r->ninic != 0u && i < r->size / LINE; i++) {
            icache_invalidate_line(c, r, i);
        }
    }
    xlat_drop(c, 0u, 0xFFFFFFFFu);
    set_hooks(c, watching(c));
}

/* By set/way (B2.2.7): way in bits [31:30] for the 4-way D-cache, set from bit 5. */
static void by_set_way(struct sim_cache *c, uint32_t val, void (*op)(struct sim_cache *, struct region *, uint32_t))
{
    unsigned set = (val >> 5) & (c->dsets - 1u), way = val >> 30;
    if (way < c->dways && c->slots[set * c->dways + way].r != NULL) {
        struct dslot *sl = &c->slots[set * c->dways + way];
        op(c, sl->r, sl->line);
    }
}

void cache_maintenance(struct sim *s, uint32_t off, uint32_t val)
{
    struct sim_cache *c = s->cache;
    struct region *r = region_of(c, val);
    uint32_t i = r ? (val - r->base) / LINE : 0u;
    switch (off) {
    case 0xF50: icache_invalidate_all(c); break;                          /* ICIALLU */
    case 0xF58:                                                            /* ICIMVAU */
        if (r != NULL) {
            icache_invalidate_line(c, r, i);
            fetch_changed(c, r, i);
        }
        break;
    case 0xF5C: if (r) line_invalidate(c, r, i); break;                    /* DCIMVAC */
    case 0xF60: by_set_way(c, val, line_invalidate); break;                /* DCISW */
    case 0xF64:                                                            /* DCCMVAU */
    case 0xF68: if (r) line_clean(c, r, i); break;                         /* DCCMVAC */
    case 0xF6C: by_set_way(c, val, line_clean); break;                     /* DCCSW */
    case 0xF70: if (r) line_clean_invalidate(c, r, i); break;              /* DCCIMVAC */
    case 0xF74: by_set_way(c, val, line_clean_invalidate); break;          /* DCCISW */
    case 0xF78: break; /* BPIALL: the branch predictor holds nothing software can observe */
    default: break;
    }
}

/* ---- instruction fetch ---- */

static __attribute__((noinline)) void restore_views(struct sim_cache *c, uint32_t addr, uint32_t size)
{
    for (unsigned k = 0; k < c->nrestore; k++) {
        memcpy(c->restore[k].r->view + c->restore[k].line * LINE, c->restore[k].saved, LINE);
    }
    c->nrestore = 0;
    if (c->pending_xlat != 0u && c->xlat[c->pending_xlat - 1u].addr == addr) {
        c->xlat[c->pending_xlat - 1u].size = size;
    }
    c->pending_xlat = 0;
}

static bool xlat_has(const struct sim_cache *c, uint32_t addr)
{
    for (unsigned k = 0; k < c->nxlat; k++) {
        if (c->xlat[k].addr == addr) {
            return true;
        }
    }
    return false;
}

/* Lines of a block that need a look: a first fetch into the I-cache, or bytes on the
 * instruction side that may differ from the data view. */
static bool fetch_needs_look(struct sim_cache *c, uint32_t first, uint32_t last)
{
    uint8_t want = L_FETCHED | (ic_on(c) ? L_INIC : 0u);
    uint8_t mask = L_FETCHED | (ic_on(c) ? L_INIC | L_ICOPY : 0u) | (dc_on(c) ? L_DVALID : 0u);
    for (uint32_t a = first; a <= last && a >= first; a += LINE) {
        struct region *r = region_of(c, a);
        if (r != NULL && (r->st[(a - r->base) / LINE] & mask) != want) {
            return true;
        }
    }
    return false;
}

/* out of line: its arrays would make every call set up a sanitizer stack frame */
static bool fetch_slow(struct sim *s, struct sim_cache *c, uint32_t addr, uint32_t first, uint32_t last)
    __attribute__((noinline));

bool cache_fetch(struct sim *s, uint32_t addr, uint32_t size)
{
    struct sim_cache *c = s->cache;
    if (c->nrestore != 0u || c->pending_xlat != 0u) {
        restore_views(c, addr, size);
    }
    if (!ic_on(c) && (!dc_on(c) || c->ndvalid == 0u)) {
        return false;
    }
    uint32_t first = addr & ~LINE_MASK, last = (addr + (size ? size : 1u) - 1u) & ~LINE_MASK;
    if (c->chunk[first >> CHUNK_SHIFT] == 0u && c->chunk[last >> CHUNK_SHIFT] == 0u) {
        return false; /* code in flash: nothing there changes behind the caches */
    }
    if (!fetch_needs_look(c, first, last)) {
        struct cache_memo *m = &c->memo[(addr >> 1) & (CACHE_MEMO_SIZE - 1u)];
        m->addr = addr;
        m->size = size;
        m->epoch = s->cache_fast.epoch;
        return false;
    }
    return fetch_slow(s, c, addr, first, last);
}

static bool fetch_slow(struct sim *s, struct sim_cache *c, uint32_t addr, uint32_t first, uint32_t last)
{
    bool ic = ic_on(c), dc = dc_on(c);
    struct { struct region *r; uint32_t i; const uint8_t *src; } sw[MAX_RESTORE];
    unsigned nsw = 0;
    bool known = false, checked = false;
    for (uint32_t a = first; a <= last && a >= first; a += LINE) {
        struct region *r = region_of(c, a);
        if (r == NULL) {
            continue;
        }
        uint32_t i = (a - r->base) / LINE;
        uint8_t st = r->st[i] | L_FETCHED;
        r->st[i] = st;
        if (ic && !(st & L_INIC) && cache_mem_attr(s, a).policy != CACHE_NONE) {
            st |= L_INIC; /* filled from memory: the I-cache now holds what memory holds */
            r->st[i] = st;
            r->ninic++;
        }
        const uint8_t *src;
        if (ic && (st & L_ICOPY)) {
            src = r->icopy + i * LINE;
        } else if (dc && (st & L_DVALID)) {
            src = r->alt + i * LINE;
        } else {
            continue;
        }
        if (memcmp(src, r->view + i * LINE, LINE) == 0) {
            continue;
        }
        if (!checked) {
            known = xlat_has(c, addr);
            checked = true;
        }
        if (known) {
            continue;
        }
        if (!(st & L_WARNED)) {
            r->st[i] = st | L_WARNED;
            if (ic && (st & L_ICOPY)) {
                sim_violation(s, "instruction fetch at 0x%08x: the I-cache still holds line 0x%08x as it was before "
                                 "memory changed (no ICIALLU/ICIMVAU after the change): the core runs the old code",
                              addr, a);
            } else if (st & L_DIRTY) {
                sim_violation(s, "instruction fetch at 0x%08x: line 0x%08x is dirty in the D-cache, not cleaned "
                                 "(DCCMVAC) before execution: the core runs the old bytes from memory",
                              addr, a);
            }
        }
        if (nsw < MAX_RESTORE) {
            sw[nsw].r = r;
            sw[nsw].i = i;
            sw[nsw].src = src;
            nsw++;
        }
    }
    if (nsw == 0u) {
        return false;
    }
    /* Retranslate this block from the instruction side's bytes; the next block hook (this
     * block again) puts the data view back. */
    for (unsigned k = 0; k < nsw; k++) {
        c->restore[k].r = sw[k].r;
        c->restore[k].line = sw[k].i;
        memcpy(c->restore[k].saved, sw[k].r->view + sw[k].i * LINE, LINE);
        memcpy(sw[k].r->view + sw[k].i * LINE, sw[k].src, LINE);
    }
    c->nrestore = nsw;
    s->cache_fast.epoch++; /* no memo may skip the next block hook: it puts the view back */
    if (c->nxlat == MAX_XLAT) {
        xlat_drop(c, 0u, 0xFFFFFFFFu);
    }
    c->xlat[c->nxlat].addr = addr;
    c->xlat[c->nxlat].size = 0;
    c->nxlat++;
    c->pending_xlat = c->nxlat;
    uc_ctl_remove_cache(s->uc, (uint64_t)first, (uint64_t)last + LINE);
    uint32_t pc = addr | 1u;
    uc_reg_write(s->uc, UC_ARM_REG_PC, &pc);
    return true;
}

/* ---- setup ---- */

int cache_track_ram(struct sim *s, uint32_t base, uint32_t size, void *host)
{
    struct sim_cache *c = s->cache;
    if (c == NULL || base == 0x00000000u || base == 0x20000000u) {
        return 0; /* ITCM and DTCM: never cached */
    }
    for (unsigned k = 0; k < c->nreg; k++) {
        if (c->reg[k].base == base && c->reg[k].size == size && c->reg[k].view == host) {
            return 0;
        }
    }
    if (c->nreg >= MAX_REGIONS || (size & LINE_MASK) != 0u) {
        fprintf(stderr, "extmem-sim: cache model: RAM at 0x%08x (+0x%x) not tracked: %s\n", base, size,
                c->nreg >= MAX_REGIONS ? "too many RAMs" : "size not a whole number of cache lines");
        return -1;
    }
    struct region *r = &c->reg[c->nreg];
    memset(r, 0, sizeof *r);
    r->c = c;
    r->base = base;
    r->size = size;
    r->view = host;
    /* calloc: the OS commits pages only where lines are actually tracked */
    r->alt = calloc(1, size);
    r->icopy = calloc(1, size);
    r->st = calloc(1, size / LINE);
    if (r->alt == NULL || r->icopy == NULL || r->st == NULL) {
        fprintf(stderr, "extmem-sim: cache model: RAM at 0x%08x (+0x%x) not tracked: out of memory\n", base, size);
        free(r->alt);
        free(r->icopy);
        free(r->st);
        return -1;
    }
    c->nreg++;
    c->s->cache_fast.epoch++;
    for (uint32_t k = base >> CHUNK_SHIFT; k <= (base + size - 1u) >> CHUNK_SHIFT; k++) {
        if (c->chunk[k] == 0u) {
            c->chunk[k] = (uint8_t)c->nreg; /* a chunk shared by two regions: the loop decides */
        }
    }
    set_hooks(c, watching(c));
    return 0;
}

int cache_init(struct sim *s)
{
    struct sim_cache *c = calloc(1, sizeof *c);
    if (c == NULL) {
        return -1;
    }
    c->s = s;
    c->dways = 4u;
    c->dsets = s->board->dcache_size / (c->dways * LINE);
    if (c->dsets == 0u || (c->dsets & (c->dsets - 1u)) != 0u) {
        free(c);
        return -1;
    }
    c->slots = calloc((size_t)c->dsets * c->dways, sizeof *c->slots);
    c->rr = calloc(c->dsets, 1);
    if (c->slots == NULL || c->rr == NULL) {
        free(c->slots);
        free(c->rr);
        free(c);
        return -1;
    }
    s->cache = c;
    s->cache_fast.memo = c->memo;
    return 0;
}

void cache_free(struct sim *s)
{
    struct sim_cache *c = s->cache;
    if (c == NULL) {
        return;
    }
    for (unsigned k = 0; k < c->nreg; k++) {
        free(c->reg[k].alt);
        free(c->reg[k].icopy);
        free(c->reg[k].st);
    }
    free(c->slots);
    free(c->rr);
    free(c);
    s->cache = NULL;
}
