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
#endif
