/* The seed's memory areas (USE_* of memory.h) as the boot sees them: where an area lives on
 * this board (from the board data alone), and how its memory is brought up. One function
 * per memory kind, in boot/area_<kind>.c; area.c is the one place that dispatches. */
#ifndef BOOT_AREA_H
#define BOOT_AREA_H
#include <stdint.h>
#include "boards/board.h"

struct boot_area {
    const char *name;  /* for the log: "QSPI flash", "internal SRAM", ... */
    uint32_t base, size;
    uint8_t nonvolatile; /* flash (XiP): read-only to the application */
};

/* 0 and *out filled when the board has the area, DRV_ENODEV when it does not. */
int area_describe(const struct board_desc *b, int area, struct boot_area *out);

/* Brings the memory behind an area up to the point where the CPU can use it (memory-mapped
 * reads for flash, reads and writes for RAM). On failure it calls boot_fail: no return. */
void area_bring_up(const struct board_desc *b, int area, const struct boot_area *a);

/* Per memory kind (boot/area_<kind>.c). */
void area_qspi_bring_up(const struct board_desc *b, const struct boot_area *a);
struct board_fmc_async;
void area_sdram_bring_up(const struct board_desc *b, const struct boot_area *a);
void area_sram_bring_up(const struct board_desc *b, const struct boot_area *a, const struct board_fmc_async *m);
void area_nor_bring_up(const struct board_desc *b, const struct boot_area *a);
void area_ospi_bring_up(const struct board_desc *b, const struct boot_area *a);
void area_hyperram_bring_up(const struct board_desc *b, const struct boot_area *a);
#endif
