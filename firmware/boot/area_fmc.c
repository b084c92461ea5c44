/* FMC memories: SDRAM (JEDEC power-up sequence), SRAM / PSRAM (chip select), NOR flash (CFI
 * and identity, read-array mode for execution in place). Each prints what came up and after
 * how long; each failure one line with what to check. */
#include "area.h"
#include "boot.h"
#include "chip.h"
#include "drivers/console.h"
#include "drivers/deadline.h"
#include "drivers/errors.h"
#include "boards/board_fmc.h"
#include "memories/fmc_nor.h"
#include "memories/sdram.h"
#include "memories/sram.h"

static const char *rc_text(int rc)
{
    return rc == DRV_ETIMEDOUT ? "timeout" : rc == DRV_EINVAL ? "board data out of range"
         : rc == DRV_EVERIFY ? "register read back differs" : "error";
}

/* A RAM that came up holds what is written: two words at its ends, through the cache. */
static void ram_check(const struct boot_area *a)
{
    volatile uint32_t *first = (volatile uint32_t *)(uintptr_t)a->base;
    volatile uint32_t *last = (volatile uint32_t *)(uintptr_t)(a->base + a->size - 4u);
    *first = 0x5A5AA5A5u;
    *last = ~0x5A5AA5A5u;
    cm7_dsb();
    cm7_dcache_clean_range(a->base, 32u);
    cm7_dcache_clean_range(a->base + a->size - 32u, 32u);
    cm7_dcache_invalidate_range(a->base, 32u);
    cm7_dcache_invalidate_range(a->base + a->size - 32u, 32u);
    if (*first != 0x5A5AA5A5u || *last != ~0x5A5AA5A5u) {
        boot_fail(BOOT_E_FMC_PROBE, "fmc: %s does not hold a written word (0x%08x: 0x%08x, 0x%08x: 0x%08x): "
                  "check the bus width, byte lanes and timings in the board data", (uint32_t)(uintptr_t)a->name,
                  a->base, *first, a->base + a->size - 4u, *last);
    }
}

void area_sdram_bring_up(const struct board_desc *b, const struct boot_area *a)
{
    const struct board_fmc *f = b->fmc;
    struct sdram_result r = { 0 };
    uint32_t t0 = cm7_cyccnt();
    int rc = sdram_bringup(f, b->clock.hclk_hz, &r);
    if (rc != 0) {
        boot_fail(r.stage == SDRAM_STAGE_REFRESH ? BOOT_E_SDRAM_REFRESH
                  : r.stage <= SDRAM_STAGE_CONFIG ? BOOT_E_FMC_CONFIG : BOOT_E_SDRAM_SEQ,
                  "sdram: %s failed (%s): check the %s data of %s", (uint32_t)(uintptr_t)sdram_stage_name(r.stage),
                  (uint32_t)(uintptr_t)rc_text(rc), (uint32_t)(uintptr_t)f->sdram->part, (uint32_t)(uintptr_t)b->name);
    }
    uint32_t us = cycles_to_us(cm7_cyccnt() - t0);
    ram_check(a);
    console_printf("[boot] sdram: %s %u-bit on SDRAM bank %u at 0x%08x (%M), SDCLK %u MHz, CAS %u, "
                   "row refresh every %u ns, ready in %u us\n", (uint32_t)(uintptr_t)f->sdram->part,
                   (uint32_t)f->sdram->bus_bits, (uint32_t)f->sdram->bank, a->base, a->size, r.sdclk_hz / 1000000u,
                   (uint32_t)f->sdram->cas, r.refresh_ns, us);
}

void area_sram_bring_up(const struct board_desc *b, const struct boot_area *a, const struct board_fmc_async *m)
{
    uint32_t t0 = cm7_cyccnt();
    int rc = fmc_sram_bringup(m);
    if (rc != 0) {
        boot_fail(rc == DRV_EINVAL ? BOOT_E_FMC_CONFIG : BOOT_E_FMC_BANK,
                  "fmc: chip select NE%u for the %s failed (%s): check the board data of %s", (uint32_t)m->ne,
                  (uint32_t)(uintptr_t)m->part, (uint32_t)(uintptr_t)rc_text(rc), (uint32_t)(uintptr_t)b->name);
    }
    uint32_t us = cycles_to_us(cm7_cyccnt() - t0);
    ram_check(a);
    console_printf("[boot] fmc: %s %u-bit on NE%u at 0x%08x (%M), %u+%u kernel clocks per read, ready in %u us\n",
                   (uint32_t)(uintptr_t)m->part, (uint32_t)m->bus_bits, (uint32_t)m->ne, a->base, a->size,
                   (uint32_t)m->addset, (uint32_t)m->datast, us);
}

void area_nor_bring_up(const struct board_desc *b, const struct boot_area *a)
{
    const struct board_fmc_async *m = b->fmc->nor;
    struct fmc_nor_info n = { 0 };
    uint32_t t0 = cm7_cyccnt();
    int rc = fmc_nor_bringup(m, &n);
    uint32_t us = cycles_to_us(cm7_cyccnt() - t0);
    if (rc == DRV_ENODEV) {
        boot_fail(BOOT_E_NOR_NODEV, "nor: no CFI answer on NE%u (QRY reads %02X %02X %02X): check the flash power, "
                  "pins and chip select timings", (uint32_t)m->ne, (uint32_t)n.qry[0], (uint32_t)n.qry[1],
                  (uint32_t)n.qry[2]);
    }
    if (rc == DRV_EID) {
        boot_fail(BOOT_E_NOR_ID, "nor: identity %04X %04X %04X %04X is not the %s the board declares: check the "
                  "part fitted", (uint32_t)n.manufacturer, (uint32_t)n.device[0], (uint32_t)n.device[1],
                  (uint32_t)n.device[2], (uint32_t)(uintptr_t)m->part);
    }
    if (rc == DRV_EVERIFY) {
        boot_fail(BOOT_E_NOR_GEOMETRY, "nor: CFI geometry (command set %04X, 2^%u bytes, %u blocks of %u bytes, "
                  "buffer 2^%u) differs from the %s", (uint32_t)n.cmdset, (uint32_t)n.size_log2, (uint32_t)n.blocks,
                  n.block_size, (uint32_t)n.buffer_log2, (uint32_t)(uintptr_t)m->part);
    }
    if (rc != 0) {
        boot_fail(rc == DRV_EINVAL ? BOOT_E_FMC_CONFIG : BOOT_E_FMC_BANK, "nor: %s failed (%s)",
                  (uint32_t)(uintptr_t)fmc_nor_stage_name(n.stage), (uint32_t)(uintptr_t)rc_text(rc));
    }
    console_printf("[boot] nor: %s on NE%u, id %04X %04X %04X %04X, CFI %u x %u KiB blocks, ready in %u us\n",
                   (uint32_t)(uintptr_t)m->part, (uint32_t)m->ne, (uint32_t)n.manufacturer, (uint32_t)n.device[0],
                   (uint32_t)n.device[1], (uint32_t)n.device[2], (uint32_t)n.blocks, n.block_size / 1024u, us);
    console_printf("[boot] nor: read-array mode, execute in place at 0x%08x (%M)\n", a->base, a->size);
}
