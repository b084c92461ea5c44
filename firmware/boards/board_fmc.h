/* FMC memories of a board (NOR flash, SRAM, PSRAM on bank 1 chip selects; SDRAM on SDRAM
 * bank 1 or 2), read by the firmware's FMC driver and by the simulator's FMC model. Plain C11,
 * no chip headers. Timings are in FMC kernel clock cycles, as the controller takes them; the
 * parts' datasheet limits live in memories/fmc_parts.c and the simulator checks the two
 * against each other. */
#ifndef BOARDS_BOARD_FMC_H
#define BOARDS_BOARD_FMC_H

#include <stdint.h>
#include "board.h"

/* A group of pins of one port, all in the same alternate function (FMC: AF12 unless noted). */
struct board_pin_group {
    uint8_t port;   /* enum board_port */
    uint8_t af;
    uint16_t mask;  /* bit n = pin n */
};

#define FMC_MAX_PIN_GROUPS 8
#define FMC_PINS(p, a, m) { (p), (a), (uint16_t)(m) }

/* NOR flash, SRAM or PSRAM on one chip select of FMC bank 1 (NE1..NE4, 64 MiB each from
 * 0x60000000, RM0433 / RM0385 "NOR/PSRAM/SRAM bank"). */
struct board_fmc_async {
    const char *part;        /* name in memories/fmc_parts.c */
    uint8_t ne;              /* chip select 1..4 */
    uint8_t bus_bits;        /* 8 or 16 */
    uint8_t addset, addhld, datast, busturn; /* BTR fields, kernel clock cycles */
    uint32_t size;           /* bytes the part offers on this bus */
    uint8_t ngroups;
    struct board_pin_group pins[FMC_MAX_PIN_GROUPS];
};

/* SDRAM on SDRAM bank 1 (SDNE0/SDCKE0) or 2 (SDNE1/SDCKE1). */
struct board_fmc_sdram {
    const char *part;        /* name in memories/fmc_parts.c */
    uint8_t bank;            /* 1 or 2 */
    uint8_t bus_bits;        /* 16 or 32 (a x32 part may be wired 16 bits wide) */
    uint8_t sdclk_div;       /* SDCLK = kernel / 2 or 3 */
    uint8_t cas;             /* CAS latency 2 or 3, in SDCR and in the mode register */
    uint8_t rburst, rpipe;
    /* SDTR fields in SDCLK cycles (the register takes n - 1) */
    uint8_t tmrd, txsr, tras, trc, twr, trp, trcd;
    uint8_t nrfs;            /* auto-refresh commands in the power-up sequence */
    uint16_t refresh_count;  /* SDRTR.COUNT for this SDCLK */
    uint32_t size;           /* bytes the part offers on this bus */
    uint8_t ngroups;
    struct board_pin_group pins[FMC_MAX_PIN_GROUPS];
};

/* The FMC kernel clock is the board's HCLK on both families (F7: HCLK; H7: rcc_hclk3 = HCLK
 * with D1CCIPR.FMCSEL at its reset value), so the timings above count HCLK cycles. */
struct board_fmc {
    const struct board_fmc_async *nor;
    const struct board_fmc_async *sram;
    const struct board_fmc_async *psram;
    const struct board_fmc_sdram *sdram;
};

/* Address of an FMC bank 1 chip select, and of an SDRAM bank, in the default mapping
 * (H7 FMC_BCR1.BMAP = 00, F7 SYSCFG_MEMRMP.SWP_FMC = 00). */
#define FMC_NE_BASE(ne) (0x60000000u + ((uint32_t)(ne) - 1u) * 0x04000000u)
#define FMC_SDRAM_BASE(bank) ((bank) == 1u ? 0xC0000000u : 0xD0000000u)

extern const struct board_fmc fmc_stm32f723e_disco;
extern const struct board_fmc fmc_stm32756g_eval;
extern const struct board_fmc fmc_stm32h743i_eval;
extern const struct board_fmc fmc_stm32h7b3i_eval;
extern const struct board_fmc fmc_stm32h7b3i_dk;

#endif
