/* STM32H735G-DK standing in for the STM32H730 Value line (seed Table 2). The L1 caches are
 * 32 KiB each on H72x/H73x (RM0468); the facts sheet boards.md says 16 KiB: flagged. */
#include "board.h"
#include "board_ospi.h"
#include "board_sdcard.h"

/* microSD slot on SDMMC1, HSP051-4M10 ESD protection only (seed Table 2). CK PC12, CMD PD2,
 * D0-D3 PC8-PC11, AF12; card detect PF5, low with a card in (facts sheet 1.5: BSP-735;
 * Zephyr stm32h735g_disco.dts: cd-gpios PF5 GPIO_ACTIVE_LOW, no pull flag, so the board may
 * carry its own pull-up: UNCONFIRMED; the MCU pull-up is enabled anyway). Kernel clock
 * pll1_q_ck = 520 MHz VCO / Q3 = 173.3 MHz (at or below the H743's 200 MHz; the RM0468
 * maximum for sdmmc_ker_ck was not in reach, UNCONFIRMED): 43.3 MHz high speed (divider 2),
 * 21.7 MHz default (4), 399.4 kHz identification (217). */
static const struct board_sdcard dk_sd = {
    .sdmmc = 1, .bus_width = 4, .high_speed = 1, .has_detect = 1, .detect_active_low = 1,
    .detect = { PORT_F, 5, 0 },
    .kernel_hz = 173333333u, .init_hz = 400000u, .default_hz = 25000000u, .high_speed_hz = 50000000u,
    .pins = { { PORT_C, 12, 12 }, { PORT_D, 2, 12 }, { PORT_C, 8, 12 }, { PORT_C, 9, 12 }, { PORT_C, 10, 12 },
              { PORT_C, 11, 12 } },
};

/* MX25LM51245G on OCTOSPI1 / OCTOSPIM port 1, octal DTR. Kernel clock rcc_hclk3 260 MHz / 3
 * = 86.7 MHz with 10 dummy cycles (up to 104 MHz, ST-MXLM1). Pins: seed Table 3 (DQS on PB2
 * as in Zephyr's board file); signal per pin and AF numbers UNCONFIRMED. */
static const struct board_ospi dk_ospi = {
    .part = "MX25LM51245G", .instance = 1, .port = 1, .prescaler = 3, .cs_high_cycles = 2,
    .read_dummy = 10, .kernel_hz = 260000000u, .base = 0x90000000u, .size = 64u * 1024u * 1024u,
    .pin_count = 11,
    .pins = { { PORT_F, 10, 9 },   /* CLK */
              { PORT_G, 6, 10 },   /* NCS */
              { PORT_B, 2, 10 },   /* DQS */
              { PORT_D, 11, 9 },   /* IO0 */
              { PORT_D, 12, 9 },   /* IO1 */
              { PORT_E, 2, 9 },    /* IO2 */
              { PORT_D, 13, 9 },   /* IO3 */
              { PORT_D, 4, 10 },   /* IO4 */
              { PORT_D, 5, 10 },   /* IO5 */
              { PORT_G, 9, 9 },    /* IO6 */
              { PORT_D, 7, 10 } }, /* IO7 */
};

/* S70KL1281 HyperRAM (2 x 64 Mbit dies) on OCTOSPI2 / OCTOSPIM port 2, memory-mapped at
 * 0x70000000. 260 MHz / 3 = 86.7 MHz (part: 100 MHz max at 3 V); initial latency 6 clocks,
 * fixed (ST's default for this part), tRWR 40 ns = 4 clocks, nCS low at most tCSM 4 us =
 * 346 clocks, bursts kept inside one 8 MiB die (facts sheet 11). Pins: seed Table 3 lists
 * ten; PF2 (IO2) is missing there and added here (seed inconsistency). Signal per pin and
 * AF numbers UNCONFIRMED. */
static const struct board_hyperram dk_hyperram = {
    .part = "S70KL1281", .instance = 2, .port = 2, .prescaler = 3, .cs_high_cycles = 2,
    .latency_clocks = 6, .rwr_clocks = 4, .refresh_clocks = 346, .csbound_log2 = 23,
    .kernel_hz = 260000000u, .base = 0x70000000u, .size = 16u * 1024u * 1024u,
    .pin_count = 11,
    .pins = { { PORT_F, 4, 9 },    /* CLK */
              { PORT_G, 12, 3 },   /* NCS */
              { PORT_F, 12, 9 },   /* RWDS */
              { PORT_F, 0, 9 },    /* DQ0 */
              { PORT_F, 1, 9 },    /* DQ1 */
              { PORT_F, 2, 9 },    /* DQ2 */
              { PORT_F, 3, 9 },    /* DQ3 */
              { PORT_G, 0, 9 },    /* DQ4 */
              { PORT_G, 1, 9 },    /* DQ5 */
              { PORT_G, 10, 3 },   /* DQ6 */
              { PORT_G, 11, 9 } }, /* DQ7 */
};

const struct board_desc board_stm32h735g_dk = {
    .id = "stm32h735g-dk",
    .name = "STM32H735G-DK",
    .value_line = "STM32H730",
    .family = FAMILY_STM32H73X,
    .vl_flash_size = 128u * 1024u,
    .icache_size = 32u * 1024u,
    .dcache_size = 32u * 1024u,
    /* HSE 25 MHz / M5 = 5 MHz (RGE 4-8 MHz), x N104 = VCO 520 MHz, P1 = 520 MHz SYSCLK at VOS0,
     * HCLK 260 MHz, APB 130 MHz, 3 WS (ST's H735G-DK examples, direct SMPS supply). 550 MHz
     * needs the CPUFREQ_BOOST option bit (RM0468, UNCONFIRMED): not used. PLL1 Q3 = 173.3 MHz
     * feeds SDMMC1 (see dk_sd). */
    .clock = { .hse_hz = 25000000u, .pll_m = 5, .pll_n = 104, .pll_p = 1, .pll_q = 3, .pll_r = 2,
               .pll_rge = 2, .ahb_div = 2, .apb_div = 2, .flash_ws = 3, .flash_wrhighfreq = 3,
               .supply = SUPPLY_SMPS_DIRECT, .sysclk_hz = 520000000u, .hclk_hz = 260000000u },
    /* Virtual COM port USART3 PD8/PD9 AF7; user LEDs PC3 (LD1) and PC2 (LD2), active low:
     * UNCONFIRMED (the DK BSP header was not in reach). */
    .console_usart = 3,
    .console_tx = { PORT_D, 8, 7 },
    .console_rx = { PORT_D, 9, 7 },
    .console_baud = 115200,
    .led_count = 2,
    .leds = { { { PORT_C, 3, 0 }, 1, "LD1 green" }, { { PORT_C, 2, 0 }, 1, "LD2 red" } },
    .boot_ram = { 0x20000000u, 128u * 1024u },      /* DTCM */
    .internal_sram = { 0x24000000u, 320u * 1024u }, /* AXI SRAM (default TCM/AXI split) */
    .ospi = &dk_ospi,
    /* BootROM SPI-NOR store: the MX25LM51245G kept in SPI mode, 1 data line (seed Table 2). */
    .spinor_lines = 1,
    .hyperram = &dk_hyperram,
    .sdcard = &dk_sd,
};
