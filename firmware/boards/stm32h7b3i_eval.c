/* STM32H7B3I-EVAL standing in for the STM32H7B0 Value line (seed Table 2). */
#include "board.h"
#include "board_ospi.h"
#include "board_h7b3.h"
#include "board_fmc.h"
#include "board_sdcard.h"

/* microSD slot on SDMMC1, HSP051-4M10 ESD protection only (no level translator: 3.3 V
 * signalling, seed Table 2). CK PC12, CMD PD2, D0-D3 PC8-PC11, AF12 (facts sheet 1.5,
 * BSP-7B3E; the same SDMMC1 pins as the H743I-EVAL). Card detect sits on the board's MFX I/O
 * expander, not on a GPIO (UNCONFIRMED, as on the H743I-EVAL): an empty slot shows as no
 * answer to ACMD41. 4-bit bus and 50 MHz high speed: no translator limits them (ESD diodes
 * only; UNCONFIRMED against the board's user manual). */
static const struct board_sdcard eval_sd = {
    .sdmmc = 1, .bus_width = 4, .high_speed = 1, .has_detect = 0,
    .kernel_hz = BOARD_H7B3_SDMMC_KERNEL_HZ, .init_hz = 400000u, .default_hz = 25000000u, .high_speed_hz = 50000000u,
    .pins = { { PORT_C, 12, 12 }, { PORT_D, 2, 12 }, { PORT_C, 8, 12 }, { PORT_C, 9, 12 }, { PORT_C, 10, 12 },
              { PORT_C, 11, 12 } },
};

/* MX25LM51245G on OCTOSPI1 / OCTOSPIM port 1, octal DTR. Kernel clock rcc_hclk3 280 MHz / 3
 * = 93.3 MHz (ST's H7B3 BSP uses prescaler 3; part max 133 MHz); 10 dummy cycles cover up
 * to 104 MHz (ST-MXLM1 constant names, facts sheet 6). Pins: seed Table 3; the signal of
 * each pin and the alternate function numbers (AF9/AF10) are UNCONFIRMED (STM32H7B3 datasheet
 * AF table not in reach; assignment after ST's EVAL BSP as far as remembered). */
static const struct board_ospi eval_ospi = {
    .part = "MX25LM51245G", .instance = 1, .port = 1, .prescaler = 3, .cs_high_cycles = 2,
    .read_dummy = 10, .kernel_hz = 280000000u, .base = 0x90000000u, .size = 64u * 1024u * 1024u,
    .pin_count = 11,
    .pins = { { PORT_B, 2, 9 },    /* CLK */
              { PORT_G, 6, 10 },   /* NCS */
              { PORT_C, 5, 10 },   /* DQS */
              { PORT_F, 8, 10 },   /* IO0 */
              { PORT_F, 9, 10 },   /* IO1 */
              { PORT_F, 7, 10 },   /* IO2 */
              { PORT_F, 6, 10 },   /* IO3 */
              { PORT_C, 1, 10 },   /* IO4 */
              { PORT_H, 3, 9 },    /* IO5 */
              { PORT_D, 6, 10 },   /* IO6 */
              { PORT_G, 14, 9 } }, /* IO7 */
};

const struct board_desc board_stm32h7b3i_eval = {
    .id = "stm32h7b3i-eval",
    .name = "STM32H7B3I-EVAL",
    .value_line = "STM32H7B0",
    .family = FAMILY_STM32H7BX,
    .vl_flash_size = 128u * 1024u,
    .icache_size = 16u * 1024u,
    .dcache_size = 16u * 1024u,
    .clock = BOARD_H7B3_CLOCK_280MHZ,
    /* ST BSP stm32h7b3i_eval.h: COM1 = USART1 on PB14/PB15 AF4; LED1 on PG13 (the other
     * three LEDs sit behind the MFX I/O expander); LED active level UNCONFIRMED (low). */
    .console_usart = 1,
    .console_tx = { PORT_B, 14, 4 },
    .console_rx = { PORT_B, 15, 4 },
    .console_baud = 115200,
    .led_count = 1,
    .leds = { { { PORT_G, 13, 0 }, 1, "LED1 green" } },
    .boot_ram = { 0x20000000u, 128u * 1024u },       /* DTCM */
    .internal_sram = { 0x24000000u, 1024u * 1024u }, /* AXI SRAM1-3 */
    .ospi = &eval_ospi,
    /* BootROM SPI-NOR store: the same MX25LM51245G kept in SPI mode, 1 data line (seed
     * Table 2). */
    .spinor_lines = 1,
    .fmc = &fmc_stm32h7b3i_eval,
    .sdcard = &eval_sd,
};
