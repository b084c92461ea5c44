/* When CODE_AREA and DATA_AREA name the same RAM (BootROM with USE_INTERNAL_SRAM for both),
 * the application's code gets the lower half and its data the upper half, so the copy never
 * lands on the application's data and stack. One rule, used by the layout generator (host)
 * and by the boot. */
#ifndef BOOT_AREA_SPLIT_H
#define BOOT_AREA_SPLIT_H
#include <stdint.h>

static inline void area_split_shared(uint32_t *code_base, uint32_t *code_size, uint32_t *data_base,
                                     uint32_t *data_size)
{
    if (*code_base == *data_base && *code_size == *data_size) {
        uint32_t half = *code_size / 2u;
        *code_size = half;
        *data_base = *code_base + half;
        *data_size = half;
    }
}

/* BootROM: the boot still runs while the application is copied, so when the internal SRAM
 * starts with the boot's own RAM (F7: DTCM at 0x20000000 is both), the application's
 * USE_INTERNAL_SRAM area (code or data) begins above it. Applied before the split above. */
static inline void area_skip_boot_ram(uint32_t *base, uint32_t *size, uint32_t boot_base, uint32_t boot_size)
{
    if (*base == boot_base && *size > boot_size) {
        *base += boot_size;
        *size -= boot_size;
    }
}
#endif
