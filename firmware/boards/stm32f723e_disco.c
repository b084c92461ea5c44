/* 32F723EDISCOVERY standing in for the STM32F730 Value line (seed Table 2). Choices and
 * sources: docs/boards.md. */
#include <stddef.h>
#include "board.h"
#include "board_fmc.h"

const struct board_desc board_stm32f723e_disco = {
    .id = "stm32f723e-disco",
    .name = "32F723EDISCOVERY",
    .value_line = "STM32F730",
    .family = FAMILY_STM32F7,
    .vl_flash_size = 64u * 1024u,
    .icache_size = 8u * 1024u,
    .dcache_size = 8u * 1024u,
    /* HSE 25 MHz / M25 = 1 MHz (PLL input 1-2 MHz), x N432 = VCO 432 MHz (100-432 MHz),
     * P2 = 216 MHz SYSCLK = HCLK: the F730 maximum, in scale 1 with over-drive (above
     * 180 MHz). APB2 /2 = 108 MHz (max 108), APB1 /4 = 54 MHz (max 54, set by the clock
     * driver). Flash: 7 WS for 210-216 MHz at 2.7-3.6 V (RM0431 table 7). The HSE frequency
     * (25 MHz crystal X2) is UNCONFIRMED from the board manual (UM2180). */
    .clock = { .hse_hz = 25000000u, .pll_m = 25, .pll_n = 432, .pll_p = 2, .pll_q = 9, .pll_r = 0,
               .pll_rge = 0, .ahb_div = 1, .apb_div = 2, .flash_ws = 7, .flash_wrhighfreq = 0,
               .sysclk_hz = 216000000u, .hclk_hz = 216000000u },
    /* ST-LINK virtual COM port: USART6 on PC6 (TX) / PC7 (RX), AF8, as a public example for
     * this board uses it; UNCONFIRMED from UM2180 (ST's BSP COM1 is USART2 on PA2/PA3, the
     * Arduino connector). */
    .console_usart = 6,
    .console_tx = { PORT_C, 6, 8 },
    .console_rx = { PORT_C, 7, 8 },
    .console_baud = 115200,
    /* LD5 red PA7 and LD6 green PB1, on when the pin is high (ST BSP stm32f723e_discovery.c). */
    .led_count = 2,
    .leds = { { { PORT_A, 7, 0 }, 0, "LD5 red" }, { { PORT_B, 1, 0 }, 0, "LD6 green" } },
    /* RAM (RM0431 2.2): DTCM 64 KiB at 0x20000000, SRAM1 176 KiB, SRAM2 16 KiB, contiguous
     * up to 0x20040000. The application owns all of it after the jump; the boot's RAM (DTCM)
     * is inside it and no longer used by then. 256 KiB keeps the data MPU region exact. */
    .boot_ram = { 0x20000000u, 64u * 1024u },
    .internal_sram = { 0x20000000u, 256u * 1024u },
    /* MX25L51245GXD (64 MiB, quad). Kernel clock = HCLK 216 MHz / 2 = 108 MHz, as ST's BSP
     * runs it; reads 1-4-4 with 4-byte addresses (0xEC) and 10 dummy cycles (CR DC = 11, the
     * setting ST's BSP pairs with 108 MHz; the datasheet frequency table is UNCONFIRMED).
     * CS high time 2 cycles (18.5 ns): UNCONFIRMED against the datasheet's tSHSL.
     * Pins: seed Table 3; signals and alternate functions from a public register-level
     * example for this board (PB2 CLK AF9, PB6 NCS AF10, PC9/PC10/PE2/PD13 IO0-IO3 AF9),
     * not from the STM32F723 datasheet AF table (UNCONFIRMED). */
    .qspi = { .part = "MX25L51245G", .dual_flash = 0, .prescaler = 2, .cs_high_cycles = 2,
              .read_dummy = 10, .kernel_hz = 216000000u, .size = 64u * 1024u * 1024u,
              .pin_count = 6,
              .pins = { { PORT_B, 2, 9 },    /* CLK */
                        { PORT_B, 6, 10 },   /* BK1_NCS */
                        { PORT_C, 9, 9 },    /* BK1_IO0 */
                        { PORT_C, 10, 9 },   /* BK1_IO1 */
                        { PORT_E, 2, 9 },    /* BK1_IO2 */
                        { PORT_D, 13, 9 } } }, /* BK1_IO3 */
    .fmc = &fmc_stm32f723e_disco,
    .sdcard = NULL,
};
