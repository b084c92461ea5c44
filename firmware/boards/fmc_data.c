/* FMC memories of every board that has them (seed Table 2 parts, Table 3 pins; timings from
 * ST's ExtMem_Boot fmc.c and the board BSPs, see reference/fmc-sd-stm32.md 3.3 and 3.4).
 * Pins: AF12 (FMC) unless noted. Sizes are what the part offers on the board's bus. */
#include "board_fmc.h"

#define B(n) (1u << (n))
#define R(a, b) ((uint16_t)(((1u << ((b) + 1u)) - 1u) & ~((1u << (a)) - 1u))) /* pins a..b */

/* ---- 32F723EDISCOVERY: PSRAM IS66WV51216EBLL-55 (512K x 16 = 1 MiB; the BSP's 0x80000 is
 * half the part) on NE1. HCLK 216 MHz: (9 + 6) x 4.63 ns = 69 ns >= 55 ns access. */
static const struct board_fmc_async f723e_psram = {
    .part = "IS66WV51216EBLL", .ne = 1, .bus_bits = 16, .addset = 9, .addhld = 2, .datast = 6, .busturn = 1,
    .size = 1024u * 1024u, .ngroups = 4,
    .pins = { FMC_PINS(PORT_D, 12, B(0) | B(1) | R(4, 5) | R(7, 12) | R(14, 15)),
              FMC_PINS(PORT_E, 12, B(0) | B(1) | R(7, 15)),
              FMC_PINS(PORT_F, 12, R(0, 5) | R(12, 15)),
              FMC_PINS(PORT_G, 12, R(0, 5)) },
};
const struct board_fmc fmc_stm32f723e_disco = { .psram = &f723e_psram };

/* ---- STM32756G-EVAL: NOR PC28F128M29EWL, SRAM IS61WV102416BLL, SDRAM IS42S32800G on SDRAM
 * bank 1 (0xC0000000). SDRAM at HCLK/2 = 100 MHz needs SYSCLK 200 MHz (seed Table 4; the board
 * file's clock tree). */
static const struct board_fmc_async e756_nor = {
    .part = "PC28F128M29EWL", .ne = 1, .bus_bits = 16, .addset = 4, .addhld = 3, .datast = 8, .busturn = 1,
    .size = 16u * 1024u * 1024u, .ngroups = 4,
    .pins = { FMC_PINS(PORT_D, 12, B(0) | B(1) | R(4, 15)),
              FMC_PINS(PORT_E, 12, R(2, 15)),
              FMC_PINS(PORT_F, 12, R(0, 5) | R(12, 15)),
              FMC_PINS(PORT_G, 12, R(0, 5)) },
};
static const struct board_fmc_async e756_sram = {
    .part = "IS61WV102416BLL", .ne = 3, .bus_bits = 16, .addset = 2, .addhld = 1, .datast = 2, .busturn = 1,
    .size = 2u * 1024u * 1024u, .ngroups = 4,
    .pins = { FMC_PINS(PORT_D, 12, B(0) | B(1) | R(3, 5) | R(8, 15)),
              FMC_PINS(PORT_E, 12, B(0) | B(1) | B(3) | B(4) | R(7, 15)),
              FMC_PINS(PORT_F, 12, R(0, 5) | R(12, 15)),
              FMC_PINS(PORT_G, 12, R(0, 5) | B(10)) },
};
/* 100 MHz SDCLK: TRCD/TRP 2 = 20 ns >= 18 ns, TRC 7 = 70 ns, TXSR 7 = 70 ns; COUNT 0x603:
 * 1540 x 10 ns x 4096 rows = 63.1 ms <= 64 ms. */
static const struct board_fmc_sdram e756_sdram = {
    .part = "IS42S32800G", .bank = 1, .bus_bits = 32, .sdclk_div = 2, .cas = 3, .rburst = 1, .rpipe = 0,
    .tmrd = 2, .txsr = 7, .tras = 4, .trc = 7, .twr = 2, .trp = 2, .trcd = 2, .nrfs = 8, .refresh_count = 0x603,
    .size = 32u * 1024u * 1024u, .ngroups = 6,
    .pins = { FMC_PINS(PORT_D, 12, B(0) | B(1) | R(8, 10) | R(14, 15)),
              FMC_PINS(PORT_E, 12, B(0) | B(1) | R(7, 15)),
              FMC_PINS(PORT_F, 12, R(0, 5) | R(11, 15)),
              FMC_PINS(PORT_G, 12, B(0) | B(1) | B(4) | B(5) | B(8) | B(15)),
              FMC_PINS(PORT_H, 12, B(2) | B(3) | B(5) | R(8, 15)),
              FMC_PINS(PORT_I, 12, R(0, 7) | B(9) | B(10)) },
};
const struct board_fmc fmc_stm32756g_eval = {
    .nor = &e756_nor, .sram = &e756_sram, .sdram = &e756_sdram,
};

/* ---- STM32H743I-EVAL: NOR MT28EW128ABA (seed; the BSP names PC28F128M29EWLA), SRAM
 * IS61WV102416BLL, SDRAM IS42S32800G on SDRAM bank 2 (0xD0000000). rcc_hclk3 = 200 MHz. */
static const struct board_fmc_async h743_nor = {
    .part = "MT28EW128ABA", .ne = 1, .bus_bits = 16, .addset = 9, .addhld = 1, .datast = 5, .busturn = 4,
    .size = 16u * 1024u * 1024u, .ngroups = 4,
    .pins = { FMC_PINS(PORT_D, 12, B(0) | B(1) | R(4, 15)),
              FMC_PINS(PORT_E, 12, R(2, 15)),
              FMC_PINS(PORT_F, 12, R(0, 5) | R(12, 15)),
              FMC_PINS(PORT_G, 12, R(0, 5)) },
};
static const struct board_fmc_async h743_sram = {
    .part = "IS61WV102416BLL", .ne = 3, .bus_bits = 16, .addset = 2, .addhld = 1, .datast = 2, .busturn = 1,
    .size = 2u * 1024u * 1024u, .ngroups = 4,
    .pins = { FMC_PINS(PORT_D, 12, B(0) | B(1) | R(3, 5) | R(8, 15)),
              FMC_PINS(PORT_E, 12, B(0) | B(1) | B(3) | B(4) | R(7, 15)),
              FMC_PINS(PORT_F, 12, R(0, 5) | R(12, 15)),
              FMC_PINS(PORT_G, 12, R(0, 6) | B(9) | B(10) | R(12, 14)) },
};
static const struct board_fmc_sdram h743_sdram = {
    .part = "IS42S32800G", .bank = 2, .bus_bits = 32, .sdclk_div = 2, .cas = 3, .rburst = 1, .rpipe = 0,
    .tmrd = 2, .txsr = 7, .tras = 4, .trc = 7, .twr = 2, .trp = 2, .trcd = 2, .nrfs = 8, .refresh_count = 0x603,
    .size = 32u * 1024u * 1024u, .ngroups = 6,
    .pins = { FMC_PINS(PORT_D, 12, B(0) | B(1) | R(8, 10) | R(14, 15)),
              FMC_PINS(PORT_E, 12, B(0) | B(1) | R(7, 15)),
              FMC_PINS(PORT_F, 12, R(0, 5) | R(11, 15)),
              FMC_PINS(PORT_G, 12, R(0, 5) | B(8) | B(15)),
              FMC_PINS(PORT_H, 12, R(5, 15)),
              FMC_PINS(PORT_I, 12, R(0, 7) | B(9) | B(10)) },
};
const struct board_fmc fmc_stm32h743i_eval = {
    .nor = &h743_nor, .sram = &h743_sram, .sdram = &h743_sdram,
};

/* ---- STM32H7B3I-EVAL: NOR MT28EW128ABA, SRAM IS61WV102416BLL (the seed's Table 2 names an
 * SDRAM part for the SRAM; the BSP's SRAM is used), SDRAM IS42S32800J on bank 2. HCLK 280
 * MHz: SDCLK /3 = 93.3 MHz, so COUNT = 15.625 us x 93.3 MHz - 20 = 1438 (ST's 0x603 would
 * refresh a row every 16.5 us: 67.6 ms for 4096 rows, beyond the 64 ms retention).
 * PC7 (NE1) in AF9: a third-party STM32H7 AF table lists PC7_FMC_NE1 as AF9 (not the
 * datasheet); PC6 (NWAIT) in AF9 UNCONFIRMED. Seed
 * Table 3 lists no D16-D31 pins for this 32-bit SDRAM: taken as given. */
static const struct board_fmc_async h7b3e_nor = {
    .part = "MT28EW128ABA", .ne = 1, .bus_bits = 16, .addset = 4, .addhld = 3, .datast = 20, .busturn = 1,
    .size = 16u * 1024u * 1024u, .ngroups = 5,
    .pins = { FMC_PINS(PORT_C, 9, B(6) | B(7)),
              FMC_PINS(PORT_D, 12, B(0) | B(1) | B(4) | B(5) | R(8, 15)),
              FMC_PINS(PORT_E, 12, B(0) | B(1) | R(7, 15)),
              FMC_PINS(PORT_F, 12, R(0, 5) | R(12, 15)),
              FMC_PINS(PORT_G, 12, R(0, 5)) },
};
static const struct board_fmc_async h7b3e_sram = {
    .part = "IS61WV102416BLL", .ne = 3, .bus_bits = 16, .addset = 2, .addhld = 1, .datast = 4, .busturn = 1,
    .size = 2u * 1024u * 1024u, .ngroups = 4,
    .pins = { FMC_PINS(PORT_D, 12, B(0) | B(1) | B(4) | B(5) | R(8, 15)),
              FMC_PINS(PORT_E, 12, B(0) | B(1) | R(7, 15)),
              FMC_PINS(PORT_F, 12, R(0, 5) | R(12, 15)),
              FMC_PINS(PORT_G, 12, R(0, 5) | B(10)) },
};
static const struct board_fmc_sdram h7b3e_sdram = {
    .part = "IS42S32800J", .bank = 2, .bus_bits = 32, .sdclk_div = 3, .cas = 3, .rburst = 1, .rpipe = 0,
    .tmrd = 2, .txsr = 7, .tras = 4, .trc = 7, .twr = 2, .trp = 2, .trcd = 2, .nrfs = 8, .refresh_count = 1438,
    .size = 32u * 1024u * 1024u, .ngroups = 6,
    .pins = { FMC_PINS(PORT_A, 12, B(7)),
              FMC_PINS(PORT_D, 12, B(0) | B(1) | R(8, 10) | R(14, 15)),
              FMC_PINS(PORT_E, 12, B(0) | B(1) | R(7, 15)),
              FMC_PINS(PORT_F, 12, R(0, 5) | R(11, 15)),
              FMC_PINS(PORT_G, 12, B(0) | B(1) | B(4) | B(5) | B(8) | B(15)),
              FMC_PINS(PORT_H, 12, B(6) | B(7)) },
};
const struct board_fmc fmc_stm32h7b3i_eval = {
    .nor = &h7b3e_nor, .sram = &h7b3e_sram, .sdram = &h7b3e_sdram,
};

/* ---- STM32H7B3I-DK: SDRAM IS42S32800J wired 16 bits wide (seed; the BSP names an
 * IS42S16800J x16 with the same 16 MiB), bank 2, CAS 2, RPIPE 2 (BSP). */
static const struct board_fmc_sdram h7b3dk_sdram = {
    .part = "IS42S32800J", .bank = 2, .bus_bits = 16, .sdclk_div = 3, .cas = 2, .rburst = 1, .rpipe = 2,
    .tmrd = 2, .txsr = 7, .tras = 4, .trc = 7, .twr = 2, .trp = 2, .trcd = 2, .nrfs = 8, .refresh_count = 1438,
    .size = 16u * 1024u * 1024u, .ngroups = 5,
    .pins = { FMC_PINS(PORT_D, 12, B(0) | B(1) | R(8, 10) | R(14, 15)),
              FMC_PINS(PORT_E, 12, B(0) | B(1) | R(7, 15)),
              FMC_PINS(PORT_F, 12, R(0, 5) | R(11, 15)),
              FMC_PINS(PORT_G, 12, B(0) | B(1) | B(4) | B(5) | B(8) | B(15)),
              FMC_PINS(PORT_H, 12, R(5, 7)) },
};
const struct board_fmc fmc_stm32h7b3i_dk = { .sdram = &h7b3dk_sdram };
