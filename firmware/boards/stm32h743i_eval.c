/* STM32H743I-EVAL standing in for the STM32H750 Value line (seed Table 2). */
#include "board.h"
#include "board_sdcard.h"

/* SD slot on SDMMC1 through an IP4856CX25 level translator (seed Table 2). CK PC12, CMD PD2,
 * D0-D3 PC8-PC11, all AF12 (facts sheet 1.5, BSP-743). The translator's direction pins
 * (SDMMC1_CKIN/CDIR/D0DIR/D123DIR, AF7/AF8) are not driven here: their pin numbers are
 * UNCONFIRMED (PC6 would clash with the NOR ready/busy input). Card detect sits on the
 * board's IO expander (UNCONFIRMED), not on a GPIO: absence shows as no answer to ACMD41.
 * Kernel clock pll1_q_ck = 800 MHz VCO / Q4 = 200 MHz; 50 MHz high speed is allowed by the
 * translator (UNCONFIRMED: IP4856CX25 datasheet not checked). */
static const struct board_sdcard h743i_eval_sd = {
    .sdmmc = 1, .bus_width = 4, .high_speed = 1, .has_detect = 0,
    .kernel_hz = 200000000u, .init_hz = 400000u, .default_hz = 25000000u, .high_speed_hz = 50000000u,
    .pins = { { PORT_C, 12, 12 }, { PORT_D, 2, 12 }, { PORT_C, 8, 12 }, { PORT_C, 9, 12 }, { PORT_C, 10, 12 },
              { PORT_C, 11, 12 } },
};
#include "board_fmc.h"

const struct board_desc board_stm32h743i_eval = {
    .id = "stm32h743i-eval",
    .name = "STM32H743I-EVAL",
    .value_line = "STM32H750",
    .family = FAMILY_STM32H74X,
    .vl_flash_size = 128u * 1024u,
    .icache_size = 16u * 1024u,
    .dcache_size = 16u * 1024u,
    /* HSE 25 MHz / M5 = 5 MHz (RGE 4-8 MHz), x N160 = VCO 800 MHz (wide VCO 192-836 MHz),
     * P2 = 400 MHz SYSCLK (VOS1 limit 400 MHz, RM0433), HCLK 200 MHz, APB 100 MHz.
     * Flash: 2 WS, WRHIGHFREQ 2 for AXI 185-210 MHz at VOS1 (RM0433 table 17; ST's XM boot
     * uses 4 WS here, more than needed). */
    .clock = { .hse_hz = 25000000u, .pll_m = 5, .pll_n = 160, .pll_p = 2, .pll_q = 4, .pll_r = 2,
               .pll_rge = 2, .ahb_div = 2, .apb_div = 2, .flash_ws = 2, .flash_wrhighfreq = 2,
               .sysclk_hz = 400000000u, .hclk_hz = 200000000u },
    .console_usart = 1,
    .console_tx = { PORT_B, 14, 4 },
    .console_rx = { PORT_B, 15, 4 },
    .console_baud = 115200,
    .led_count = 2,
    .leds = { { { PORT_F, 10, 0 }, 1, "LED1 green" }, { { PORT_A, 4, 0 }, 1, "LED3 red" } },
    .boot_ram = { 0x20000000u, 128u * 1024u },      /* DTCM */
    .internal_sram = { 0x24000000u, 512u * 1024u }, /* AXI SRAM */
    /* Two MT25QL512ABB (or one twin MT25TL01G) in dual-flash mode: 2 x 64 MiB, 8 data lines.
     * Kernel clock rcc_hclk3 200 MHz / 2 = 100 MHz (MT25Q: 133 MHz max STR). Reads 1-4-4 with
     * 4-byte addresses (0xEC) and the part's protocol default of 10 dummy cycles. Pins: seed
     * Table 3, signal per pin confirmed by a board pin list; the alternate function numbers
     * (AF9/AF10) are UNCONFIRMED: the STM32H743 datasheet AF table was not in reach. */
    .qspi = { .part = "MT25QL512", .dual_flash = 1, .prescaler = 2, .cs_high_cycles = 2,
              .read_dummy = 10, .kernel_hz = 200000000u, .size = 128u * 1024u * 1024u,
              .pin_count = 11,
              .pins = { { PORT_B, 2, 9 },   /* CLK */
                        { PORT_G, 6, 10 },  /* BK1_NCS */
                        { PORT_F, 8, 10 },  /* BK1_IO0 */
                        { PORT_F, 9, 10 },  /* BK1_IO1 */
                        { PORT_F, 7, 9 },   /* BK1_IO2 */
                        { PORT_F, 6, 9 },   /* BK1_IO3 */
                        { PORT_C, 11, 9 },  /* BK2_NCS */
                        { PORT_H, 2, 9 },   /* BK2_IO0 */
                        { PORT_H, 3, 9 },   /* BK2_IO1 */
                        { PORT_G, 9, 9 },   /* BK2_IO2 */
                        { PORT_G, 14, 9 } } },  /* BK2_IO3 */
    /* BootROM SPI-NOR store: the same dies read with 2 data lines each (seed Table 2). */
    .spinor_lines = 2,
    .sdcard = &h743i_eval_sd,
    .fmc = &fmc_stm32h743i_eval,
};
