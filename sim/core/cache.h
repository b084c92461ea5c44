/* extmem-sim core: the Cortex-M7 L1 I-cache and D-cache, as far as their contents are visible
 * to software (ARMv7-M ARM B2.2.7, B3.1, B4.8; Cortex-M7 TRM chapter 4-5).
 *
 * Unicorn's memory is the CPU's view through the D-cache. For each cacheable RAM the model
 * keeps, per 32-byte line, what the D-cache holds that memory does not (dirty lines, and lines
 * another bus master changed behind the cache), and what the I-cache holds that memory no
 * longer does. An instruction fetch executes what the I-side would see: memory or the I-cache,
 * never the D-cache; when that differs from the CPU's data view the block is retranslated from
 * the right bytes. Nothing is tracked while both caches are off (fast mode). */
#ifndef SIM_CORE_CACHE_H
#define SIM_CORE_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sim;

/* What the block hook reads for every block (struct sim embeds it): blocks outside cacheable
 * RAM, and blocks found in order since the last change that matters, cost two compares. */
#define CACHE_CHUNK_SHIFT 14u
#define CACHE_MEMO_SIZE 4096u
struct cache_memo {
    uint32_t addr, size, epoch;
};
struct cache_fast {
    const uint8_t *chunks; /* per 16 KiB, nonzero where cacheable RAM is; NULL while IC and DC are off */
    struct cache_memo *memo;
    uint32_t epoch;
};

static inline bool cache_fetch_needed(const struct cache_fast *f, uint32_t addr, uint32_t size)
{
    if (f->chunks == NULL ||
        (f->chunks[addr >> CACHE_CHUNK_SHIFT] | f->chunks[(addr + size - 1u) >> CACHE_CHUNK_SHIFT]) == 0u) {
        return false;
    }
    const struct cache_memo *m = &f->memo[(addr >> 1) & (CACHE_MEMO_SIZE - 1u)];
    return m->addr != addr || m->size != size || m->epoch != f->epoch;
}

/* Memory attribute of an address for the L1 caches: the inner cache policy of ARMv7-M B3.5.7
 * (TEX/C/B, MPU or default map B3.1), and whether the D-cache caches it at all. */
enum cache_policy { CACHE_NONE, CACHE_WT, CACHE_WB };
struct cache_attr {
    enum cache_policy policy; /* inner policy as programmed */
    bool shareable;           /* S bit: on the Cortex-M7 not cached in the D-cache unless CACR.SIWT */
};
struct cache_attr cache_mem_attr(struct sim *s, uint32_t addr);

int cache_init(struct sim *s);
void cache_free(struct sim *s);
/* A RAM the CPU can write, mapped at base with host storage: tracked if cacheable memory
 * (the TCMs never are). Called again for the same window when it is remapped. */
int cache_track_ram(struct sim *s, uint32_t base, uint32_t size, void *host);
/* SCB CCR written (IC bit 17, DC bit 16). */
void cache_set_ccr(struct sim *s, uint32_t ccr);
/* Cache maintenance operation at SCS offset 0xF50..0xF78; CACR at 0xF9C. */
void cache_maintenance(struct sim *s, uint32_t off, uint32_t val);
uint32_t cache_cacr(const struct sim *s);
void cache_set_cacr(struct sim *s, uint32_t val);
/* From the block hook when cache_fetch_needed(): true when the block was redirected to be retranslated from the bytes
 * the instruction side sees (the block must not be accounted). */
bool cache_fetch(struct sim *s, uint32_t addr, uint32_t size);
/* The simulator itself is about to write guest memory as the CPU would (exception stacking). */
void cache_cpu_store(struct sim *s, uint32_t addr, const void *data, uint32_t len);
/* Another bus master (a DMA model) reads memory behind the caches: `data` holds the CPU's
 * view of [addr, addr + len) (uc_mem_read); the bytes of lines the D-cache holds with other
 * contents are replaced by memory's (a dirty line not cleaned is read stale). */
void cache_bus_read(struct sim *s, uint32_t addr, void *data, uint32_t len);
void cache_bus_write(struct sim *s, uint32_t addr, const void *data, uint32_t len);

#endif
