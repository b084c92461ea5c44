/* S70KL1281 bring-up. Register space (OCTOSPI DCR1.MTYP = HyperBus register): ID0 at word
 * 0x000, CR0 at word 0x800 (the controller takes byte addresses: x2); the second die answers
 * at byte address + 8 MiB. CR0 written with zero write latency (HLCR.WZL), as the part takes
 * register data right after the command-address. Then memory space (MTYP = HyperBus memory),
 * latency on writes, memory-mapped with the same framing for reads and writes. */
#include "hyperram.h"
#include "drivers/deadline.h"
#include "drivers/errors.h"
#include "drivers/octospi.h"
#include "chip.h"

#define DIE_BYTES (8u * 1024u * 1024u)
/* Latency of the dies at power-on, until CR0 is written: 6 clocks, fixed (ST's default for
 * this part, ST-S70 conf; the CR0 reset value itself is UNCONFIRMED). */
#define POWER_ON_LATENCY 6u
#define REG_ID0 0x0000u /* byte address of word 0x000 */
#define REG_CR0 0x1000u /* byte address of word 0x800 */
#define ID0_ROWS(v) ((((v) >> 8) & 0x1Fu) + 1u)
#define ID0_COLS(v) ((((v) >> 4) & 0xFu) + 1u)
#define ID0_DIE(v) (((v) >> 14) & 3u)

/* CR0: DPD off (bit 15 = 1), default drive (000), reserved 1111, latency code, fixed
 * latency (bit 3), legacy wrapped bursts (bit 2 = 1, linear bursts are what OCTOSPI issues),
 * 32-byte wrap (11). Latency codes: 3 -> 1110, 4 -> 1111, 5 -> 0000, 6 -> 0001, 7 -> 0010. */
static int cr0_for(uint8_t clocks, uint16_t *cr0)
{
    static const uint8_t code[8] = { 0, 0, 0, 0xE, 0xF, 0x0, 0x1, 0x2 };
    if (clocks < 3u || clocks > 7u) {
        return DRV_EINVAL;
    }
    *cr0 = (uint16_t)(0x8000u | 0x0F00u | ((uint16_t)code[clocks] << 4) | 0x8u | 0x4u | 0x3u);
    return DRV_OK;
}

const char *hyperram_stage_name(enum hyperram_stage s)
{
    static const char *const n[] = { "controller set-up", "identity (ID0)", "configuration (CR0)",
                                     "memory-mapped mode", "memory test" };
    return (unsigned)s < sizeof n / sizeof n[0] ? n[s] : "?";
}

static const struct ospi_cmd hb = { .addr_lines = 8, .addr_bytes = 4, .data_lines = 8, .dtr = true, .dqs = true };

int hyperram_bringup(const struct board_hyperram *h, struct hyperram_result *r)
{
    int rc;
    const unsigned n = h->instance;
    uint32_t t0 = cm7_cyccnt();
    r->stage = HYPERRAM_INIT;
    uint16_t cr0;
    if ((rc = cr0_for(h->latency_clocks, &cr0)) != 0 || h->size != 2u * DIE_BYTES) {
        return DRV_EINVAL;
    }
    const struct ospi_bus bus = { .instance = n, .port = h->port, .prescaler = h->prescaler,
                                  .cs_high_cycles = h->cs_high_cycles, .mtyp = OSPI_MTYP_HYPERBUS_REG,
                                  .size = h->size, .csbound_log2 = h->csbound_log2,
                                  .refresh_cycles = h->refresh_clocks, .pin_count = h->pin_count, .pins = h->pins };
    if ((rc = ospi_init(&bus)) != 0) {
        return rc;
    }
    for (unsigned d = 0; d < 2u; d++) {
        ospi_hyperbus_latency(n, POWER_ON_LATENCY, h->rwr_clocks, true, true);
        uint8_t b[2];
        struct ospi_cmd c = hb;
        r->die = (uint8_t)d;
        r->stage = HYPERRAM_ID;
        c.address = REG_ID0 + d * DIE_BYTES;
        if ((rc = ospi_read(n, &c, b, 2u)) != 0) {
            return rc;
        }
        r->id0[d] = (uint16_t)(b[0] | (b[1] << 8));
        /* 13 row + 9 column bits = 4 Mi words = 8 MiB per die, and the die answers as itself */
        if (r->id0[d] == 0xFFFFu) {
            return DRV_ENODEV;
        }
        if (ID0_ROWS(r->id0[d]) != 13u || ID0_COLS(r->id0[d]) != 9u || ID0_DIE(r->id0[d]) != d) {
            return DRV_EID;
        }
        r->stage = HYPERRAM_CONFIG;
        c.address = REG_CR0 + d * DIE_BYTES;
        uint8_t w[2] = { (uint8_t)cr0, (uint8_t)(cr0 >> 8) };
        if ((rc = ospi_write(n, &c, w, 2u)) != 0) {
            return rc;
        }
        ospi_hyperbus_latency(n, h->latency_clocks, h->rwr_clocks, true, true); /* the die's new latency */
        if ((rc = ospi_read(n, &c, b, 2u)) != 0) {
            return rc;
        }
        r->cr0[d] = (uint16_t)(b[0] | (b[1] << 8));
        if (r->cr0[d] != cr0) {
            return DRV_EVERIFY;
        }
    }
    r->stage = HYPERRAM_MMAP;
    if ((rc = ospi_set_memory_type(n, OSPI_MTYP_HYPERBUS_MEM)) != 0) {
        return rc;
    }
    ospi_hyperbus_latency(n, h->latency_clocks, h->rwr_clocks, true, false);
    if ((rc = ospi_memory_mapped(n, &hb, &hb)) != 0) {
        return rc;
    }
    /* Both dies hold a word each way (address lines and die select): a pattern at the first
     * and last word of each die, read back through the window. The boot runs with the
     * D-cache on: written lines are cleaned to the RAM and invalidated before the read, so
     * the read comes from the HyperRAM, not from the cache. */
    r->stage = HYPERRAM_TEST;
    static const uint32_t offs[4] = { 0u, DIE_BYTES - 4u, DIE_BYTES, 2u * DIE_BYTES - 4u };
    volatile uint32_t *m = (volatile uint32_t *)(uintptr_t)h->base;
    for (unsigned i = 0; i < 4u; i++) {
        m[offs[i] / 4u] = 0x5A5AA5A5u ^ offs[i];
        cm7_dcache_clean_range(h->base + offs[i], 4u);
        cm7_dcache_invalidate_range(h->base + offs[i], 4u);
    }
    cm7_dsb();
    for (unsigned i = 0; i < 4u; i++) {
        uint32_t want = 0x5A5AA5A5u ^ offs[i], got = m[offs[i] / 4u];
        if (got != want) {
            r->test_addr = h->base + offs[i];
            r->test_wrote = want;
            r->test_read = got;
            return DRV_EVERIFY;
        }
    }
    r->total_us = cycles_to_us(cm7_cyccnt() - t0);
    return DRV_OK;
}
