/* Executable aliases of memory in the default map's execute-never external window. */
#include "xalias.h"

#include "sim.h"

#define XWIN_BASE 0xA0000000u
#define XWIN_END  0xE0000000u
#define ALIAS_LO SIM_XALIAS_LO
#define ALIAS_HI SIM_XALIAS_HI
#define ALIAS_ALIGN 0x00100000u

bool sim_xalias_in_window(uint32_t addr) { return addr >= XWIN_BASE && addr < XWIN_END; }

void sim_xalias_note_map(struct sim *s, uint32_t base, uint32_t size, void *host)
{
    if (!sim_xalias_in_window(base) || s->nxwin >= SIM_MAX_XWIN) {
        return;
    }
    for (unsigned i = 0; i < s->nxwin; i++) {
        if (s->xwin[i].base == base) {
            s->xwin[i].size = size;
            s->xwin[i].host = host;
            s->xwin[i].mapped = true;
            return;
        }
    }
    struct sim_xwin *w = &s->xwin[s->nxwin++];
    w->base = base;
    w->size = size;
    w->host = host;
    w->mapped = true;
    w->aliased = false;
}

void sim_xalias_note_unmap(struct sim *s, uint32_t base, uint32_t size)
{
    (void)size;
    for (unsigned i = 0; i < s->nxwin; i++) {
        struct sim_xwin *w = &s->xwin[i];
        if (w->base == base && w->mapped) {
            w->mapped = false;
            if (w->aliased) {
                uc_mem_unmap(s->uc, w->alias, w->size);
                uc_ctl_remove_cache(s->uc, w->alias, (uint64_t)w->alias + w->size);
                w->aliased = false;
            }
        }
    }
}

static bool overlaps(struct sim *s, uint32_t lo, uint64_t hi)
{
    uc_mem_region *r = NULL;
    uint32_t n = 0;
    if (uc_mem_regions(s->uc, &r, &n) != UC_ERR_OK) {
        return true;
    }
    bool hit = false;
    for (uint32_t i = 0; i < n && !hit; i++) {
        hit = r[i].begin < hi && r[i].end >= lo;
    }
    uc_free(r);
    return hit;
}

static bool make_alias(struct sim *s, struct sim_xwin *w)
{
    uint32_t len = (w->size + ALIAS_ALIGN - 1u) & ~(ALIAS_ALIGN - 1u);
    for (uint64_t a = ALIAS_LO; a + len <= ALIAS_HI; a += ALIAS_ALIGN) {
        if (overlaps(s, (uint32_t)a, a + len)) {
            continue;
        }
        if (uc_mem_map_ptr(s->uc, a, w->size, UC_PROT_READ | UC_PROT_EXEC, w->host) != UC_ERR_OK) {
            return false;
        }
        w->alias = (uint32_t)a;
        w->aliased = true;
        s->mpu.dirty = true; /* fetches are checked from now on */
        /* translations of an earlier alias at this address are stale */
        uc_ctl_remove_cache(s->uc, w->alias, (uint64_t)w->alias + w->size);
        return true;
    }
    sim_printf(s, "sim: cannot execute from 0x%08x: no room for an executable alias of %u bytes (not implemented)",
               w->base, w->size);
    return false;
}

bool sim_xalias_enter(struct sim *s, uint32_t real, uint32_t *alias)
{
    for (unsigned i = 0; i < s->nxwin; i++) {
        struct sim_xwin *w = &s->xwin[i];
        if (!w->mapped || real < w->base || real - w->base >= w->size) {
            continue;
        }
        if (!w->aliased && !make_alias(s, w)) {
            return false;
        }
        *alias = w->alias + (real - w->base);
        return true;
    }
    return false;
}

uint32_t sim_xalias_real(const struct sim *s, uint32_t addr)
{
    for (unsigned i = 0; i < s->nxwin; i++) {
        const struct sim_xwin *w = &s->xwin[i];
        if (w->aliased && addr >= w->alias && addr - w->alias < w->size) {
            return w->base + (addr - w->alias);
        }
    }
    return addr;
}
