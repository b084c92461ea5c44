/* Dispatch from a seed area constant to the board's memory and its bring-up. CODE_AREA and
 * DATA_AREA are compile-time constants, so the linker keeps only the bring-ups in use. */
#include "area.h"
#include "boot.h"
#include "memory.h"
#include "chip.h"
#include "drivers/errors.h"
#include "boards/board_ospi.h"
#include "boards/board_fmc.h"

int area_describe(const struct board_desc *b, int area, struct boot_area *out)
{
    *out = (struct boot_area){ "?", 0u, 0u, 0u };
    switch (area) {
    case USE_INTERNAL_SRAM:
        *out = (struct boot_area){ "internal SRAM", b->internal_sram.base, b->internal_sram.size, 0 };
        return b->internal_sram.size ? 0 : DRV_ENODEV;
    case USE_QSPI:
        *out = (struct boot_area){ "QSPI flash", QSPI_MEM_BASE, b->qspi.size, 1 };
        return b->qspi.size ? 0 : DRV_ENODEV;
    case USE_OSPI:
        if (b->ospi == 0) {
            return DRV_ENODEV;
        }
        *out = (struct boot_area){ "OSPI flash", b->ospi->base, b->ospi->size, 1 };
        return 0;
    case USE_EXTERNAL_RAM:
        if (b->hyperram == 0) {
            return DRV_ENODEV;
        }
        *out = (struct boot_area){ "OSPI HyperRAM", b->hyperram->base, b->hyperram->size, 0 };
        return 0;
    case USE_EXTERNAL_SDRAM:
        if (b->fmc == NULL || b->fmc->sdram == NULL) {
            return DRV_ENODEV;
        }
        *out = (struct boot_area){ "SDRAM", FMC_SDRAM_BASE(b->fmc->sdram->bank), b->fmc->sdram->size, 0 };
        return 0;
    case USE_EXTERNAL_SRAM:
    case USE_EXTERNAL_PSRAM: {
        const struct board_fmc_async *m = b->fmc == NULL ? NULL : area == USE_EXTERNAL_SRAM ? b->fmc->sram : b->fmc->psram;
        if (m == NULL) {
            return DRV_ENODEV;
        }
        *out = (struct boot_area){ area == USE_EXTERNAL_SRAM ? "SRAM" : "PSRAM", FMC_NE_BASE(m->ne), m->size, 0 };
        return 0;
    }
    case USE_NOR:
        if (b->fmc == NULL || b->fmc->nor == NULL) {
            return DRV_ENODEV;
        }
        *out = (struct boot_area){ "NOR flash", FMC_NE_BASE(b->fmc->nor->ne), b->fmc->nor->size, 1 };
        return 0;
    default:
        return DRV_ENODEV;
    }
}

void area_bring_up(const struct board_desc *b, int area, const struct boot_area *a)
{
    (void)a; /* unused when every area of the configuration is on-chip (BootROM into internal SRAM) */
    switch (area) {
    case USE_INTERNAL_SRAM:
        return; /* on-chip, clocked out of reset */
    /* Only the configuration's bring-ups are referenced (area.c is its own translation unit:
     * a switch over every kind would link them all into every boot). The OCTOSPI ones exist
     * on H7A3/H7B0/H7B3 and H72x/H73x only (modules *_h7.c). */
#if CODE_AREA == USE_QSPI
    case USE_QSPI:
        area_qspi_bring_up(b, a);
        return;
#endif
#if CODE_AREA == USE_OSPI
    case USE_OSPI:
        area_ospi_bring_up(b, a);
        return;
#endif
#if DATA_AREA == USE_EXTERNAL_RAM || CODE_AREA == USE_EXTERNAL_RAM
    case USE_EXTERNAL_RAM:
        area_hyperram_bring_up(b, a);
        return;
#endif
#if DATA_AREA == USE_EXTERNAL_SDRAM || CODE_AREA == USE_EXTERNAL_SDRAM
    case USE_EXTERNAL_SDRAM:
        area_sdram_bring_up(b, a);
        return;
#endif
#if DATA_AREA == USE_EXTERNAL_SRAM || CODE_AREA == USE_EXTERNAL_SRAM
    case USE_EXTERNAL_SRAM:
        area_sram_bring_up(b, a, b->fmc->sram);
        return;
#endif
#if DATA_AREA == USE_EXTERNAL_PSRAM || CODE_AREA == USE_EXTERNAL_PSRAM
    case USE_EXTERNAL_PSRAM:
        area_sram_bring_up(b, a, b->fmc->psram);
        return;
#endif
#if CODE_AREA == USE_NOR
    case USE_NOR:
        area_nor_bring_up(b, a);
        return;
#endif
    default:
        boot_fail(BOOT_E_CONFIG, "config: area %u has no bring-up on %s: rebuild with a supported configuration",
                  (uint32_t)area, (uint32_t)(uintptr_t)b->name);
    }
}
