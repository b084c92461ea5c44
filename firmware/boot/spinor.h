/* The flash behind the BootROM SPI-NOR store (seed 3.2), over the controller the chip line
 * has: QUADSPI (boot/spinor_qspi.c: H74x/H75x, F7) or OCTOSPI (boot/spinor_ospi_h7.c: H7A3/
 * H7B0/H7B3, H72x/H73x). Exactly one backend is compiled into a SPI-NOR boot; load_spinor.c
 * does the rest (store checks, image, log) the same way over both. */
#ifndef BOOT_SPINOR_H
#define BOOT_SPINOR_H
#include <stdint.h>
#include "boards/board.h"

#if defined(EXTMEM_CHIP_STM32H7BX) || defined(EXTMEM_CHIP_STM32H73X)
#define SPINOR_ON_OCTOSPI 1
#else
#define SPINOR_ON_OCTOSPI 0
#endif

struct spinor_link {
    /* filled by spinor_link_describe, before any register is touched */
    const char *part;        /* parts table name */
    const char *controller;  /* "QUADSPI", "OCTOSPI1" */
    uint32_t flash_size;     /* bytes behind the controller (all dies) */
    unsigned dies;
    const char *mode;        /* instruction-address-data lines: "1-1-2", "8D-8D-8D" */
    uint32_t opcode;         /* 0x3C, 0xEE11 (octal commands carry the complement) */
    uint32_t bus_hz;
    unsigned data_lines;     /* over all dies */
    const char *transfer;    /* "" or ", DTR with DQS" */
    int dtr;
    /* filled by spinor_link_up */
    uint8_t id[3];
    /* filled by spinor_link_down: what else was shut down ("" or ", OCTOSPIM ...") */
    const char *down_note;
};

/* The read mode for `lines` data lines per die (the seed's Table 2 count), or the part's
 * fastest read when fast != 0. DRV_EINVAL when the flash has no such mode. */
int spinor_link_describe(const struct board_desc *b, unsigned lines, int fast, struct spinor_link *l);
/* Controller and flash up in that mode (reset from whatever state, identity checked). */
int spinor_link_up(const struct board_desc *b, struct spinor_link *l);
/* Indirect read of len bytes at flash address addr. */
int spinor_link_read(uint32_t addr, void *buf, uint32_t len);
/* Flash software reset (back to its power-on protocol), controller reset through RCC and
 * unclocked, pins back to analog (seed section 4). */
void spinor_link_down(const struct board_desc *b, struct spinor_link *l);
#endif
