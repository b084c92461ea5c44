/* OCTOSPI HyperRAM (data): identity and latency of each die, memory-mapped reads and writes,
 * a word test per die; every failure reported with what to check. */
#include "area.h"
#include "boot.h"
#include "boards/board_ospi.h"
#include "drivers/console.h"
#include "drivers/errors.h"
#include "memories/hyperram.h"

void area_hyperram_bring_up(const struct board_desc *b, const struct boot_area *a)
{
    const struct board_hyperram *h = b->hyperram;
    struct hyperram_result r = { 0 };
    int rc = hyperram_bringup(h, &r);
    const uint32_t part = (uint32_t)(uintptr_t)h->part;
    if (rc != 0) {
        switch (r.stage) {
        case HYPERRAM_INIT:
            boot_fail(BOOT_E_HYPERRAM_SETUP, "hyperram: OCTOSPI%u set-up refused: check the board's HyperRAM data "
                                             "(latency 3-7 clocks, 16 MiB)", (uint32_t)h->instance);
        case HYPERRAM_ID:
            if (rc == DRV_ENODEV || rc == DRV_ETIMEDOUT) {
                boot_fail(BOOT_E_HYPERRAM_NODEV, "hyperram: die %u of the %s does not answer (ID0 reads FFFF): "
                                                 "check the pins, RWDS and the OCTOSPIM port %u routing",
                          (uint32_t)r.die, part, (uint32_t)h->port);
            }
            boot_fail(BOOT_E_HYPERRAM_ID, "hyperram: die %u ID0 0x%04x is not a 64 Mbit die of the %s: check the "
                                          "part fitted", (uint32_t)r.die, (uint32_t)r.id0[r.die], part);
        case HYPERRAM_CONFIG:
            boot_fail(BOOT_E_HYPERRAM_CONFIG, "hyperram: die %u CR0 reads 0x%04x after the write: check the "
                                              "latency and HLCR", (uint32_t)r.die, (uint32_t)r.cr0[r.die]);
        case HYPERRAM_MMAP:
            boot_fail(BOOT_E_HYPERRAM_MMAP, "hyperram: memory-mapped mode refused");
        default:
            boot_fail(BOOT_E_HYPERRAM_TEST, "hyperram: 0x%08x reads 0x%08x, wrote 0x%08x: check the latency, "
                                            "the die boundary (CSBOUND) and refresh (DCR4)", r.test_addr,
                      r.test_read, r.test_wrote);
        }
    }
    uint32_t bus_mhz = h->kernel_hz / h->prescaler / 1000000u;
    console_printf("[boot] hyperram: %s, 2 dies ID0 %04x %04x, CR0 %04x, %u latency clocks fixed, %u MHz\n", part,
                   (uint32_t)r.id0[0], (uint32_t)r.id0[1], (uint32_t)r.cr0[0], (uint32_t)h->latency_clocks, bus_mhz);
    console_printf("[boot] hyperram: memory-mapped at 0x%08x (%M), read/write, tested, up in %u us\n", a->base,
                   a->size, r.total_us);
}
