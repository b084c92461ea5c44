/* Clock tree shared by the two STM32H7B3 boards (both with a 24 MHz HSE): HSE / M12 = 2 MHz
 * (RGE 2-4 MHz), x N280 = VCO 560 MHz (wide range), P2 = 280 MHz SYSCLK = HCLK (the H7B0
 * maximum, VOS0), APB 140 MHz; 6 WS at VOS0 (RM0455: up to 280 MHz; ST's H7B3 examples: the
 * same PLL and FLASH_LATENCY_6). Direct SMPS supply as ST's H7B3 examples configure it
 * (board wiring UNCONFIRMED for the EVAL). PLL1 Q = 560 / 3 = 186.7 MHz is the SDMMC1
 * kernel clock (pll1_q_ck, CDCCIPR.SDMMCSEL = 0): kept at or below the 200 MHz the H743 uses,
 * since the RM0455 maximum for sdmmc_ker_ck was not in reach (UNCONFIRMED); it gives 46.7 MHz
 * high speed (divider 2), 23.3 MHz default speed (4) and 398.9 kHz identification (234). */
#ifndef BOARDS_BOARD_H7B3_H
#define BOARDS_BOARD_H7B3_H
#include "board.h"
#define BOARD_H7B3_SDMMC_KERNEL_HZ 186666666u
#define BOARD_H7B3_CLOCK_280MHZ                                                                        \
    { .hse_hz = 24000000u, .pll_m = 12, .pll_n = 280, .pll_p = 2, .pll_q = 3, .pll_r = 2, .pll_rge = 1, \
      .ahb_div = 1, .apb_div = 2, .flash_ws = 6, .flash_wrhighfreq = 3, .supply = SUPPLY_SMPS_DIRECT,    \
      .sysclk_hz = 280000000u, .hclk_hz = 280000000u }
#endif
