/* STM32H7B3I-DK standing in for the STM32H7B0 Value line (seed Table 2). */
#include "board.h"
#include "board_ospi.h"
#include "board_h7b3.h"
#include "board_fmc.h"
#include "board_sdcard.h"

/* microSD slot on SDMMC1, HSP051-4M10 ESD protection only (seed Table 2). CK PC12, CMD PD2,
 * D0-D3 PC8-PC11, AF12; card detect PI8, low with a card in, needs the pull-up (facts sheet
 * 1.5: BSP-7B3DK; Zephyr stm32h7b3i_dk.dts: cd-gpios PI8 GPIO_ACTIVE_LOW | GPIO_PULL_UP).
 * 4-bit, 50 MHz high speed (no translator; UNCONFIRMED against the user manual). */
static const struct board_sdcard dk_sd = {
    .sdmmc = 1, .bus_width = 4, .high_speed = 1, .has_detect = 1, .detect_active_low = 1,
    .detect = { PORT_I, 8, 0 },
    .kernel_hz = BOARD_H7B3_SDMMC_KERNEL_HZ, .init_hz = 400000u, .default_hz = 25000000u, .high_speed_hz = 50000000u,
    .pins = { { PORT_C, 12, 12 }, { PORT_D, 2, 12 }, { PORT_C, 8, 12 }, { PORT_C, 9, 12 }, { PORT_C, 10, 12 },
              { PORT_C, 11, 12 } },
};

/* MX25LM51245G on OCTOSPI1 / OCTOSPIM port 1, octal DTR, 280 MHz / 3 = 93.3 MHz with 10
 * dummy cycles (see stm32h7b3i_eval.c). Pins: seed Table 3; signal per pin and AF numbers
 * UNCONFIRMED. */
static const struct board_ospi dk_ospi = {
    .part = "MX25LM51245G", .instance = 1, .port = 1, .prescaler = 3, .cs_high_cycles = 2,
    .read_dummy = 10, .kernel_hz = 280000000u, .base = 0x90000000u, .size = 64u * 1024u * 1024u,
    .pin_count = 11,
    .pins = { { PORT_B, 2, 9 },    /* CLK */
              { PORT_G, 6, 10 },   /* NCS */
              { PORT_C, 5, 10 },   /* DQS */
              { PORT_D, 11, 9 },   /* IO0 */
              { PORT_F, 9, 10 },   /* IO1 */
              { PORT_F, 7, 10 },   /* IO2 */
              { PORT_F, 6, 10 },   /* IO3 */
              { PORT_C, 1, 10 },   /* IO4 */
              { PORT_H, 3, 9 },    /* IO5 */
              { PORT_G, 9, 9 },    /* IO6 */
              { PORT_D, 7, 10 } }, /* IO7 */
};

const struct board_desc board_stm32h7b3i_dk = {
    .id = "stm32h7b3i-dk",
    .name = "STM32H7B3I-DK",
    .value_line = "STM32H7B0",
    .family = FAMILY_STM32H7BX,
    .vl_flash_size = 128u * 1024u,
    .icache_size = 16u * 1024u,
    .dcache_size = 16u * 1024u,
    .clock = BOARD_H7B3_CLOCK_280MHZ,
    /* Virtual COM port USART1 PA9/PA10 AF7; user LEDs PG11 and PG2, active low: UNCONFIRMED
     * (the DK BSP header was not in reach). */
    .console_usart = 1,
    .console_tx = { PORT_A, 9, 7 },
    .console_rx = { PORT_A, 10, 7 },
    .console_baud = 115200,
    .led_count = 2,
    .leds = { { { PORT_G, 11, 0 }, 1, "LD1 blue" }, { { PORT_G, 2, 0 }, 1, "LD2 red" } },
    .boot_ram = { 0x20000000u, 128u * 1024u },       /* DTCM */
    .internal_sram = { 0x24000000u, 1024u * 1024u }, /* AXI SRAM1-3 */
    .ospi = &dk_ospi,
    /* BootROM SPI-NOR store: the MX25LM51245G kept in SPI mode, 1 data line (seed Table 2). */
    .spinor_lines = 1,
    .fmc = &fmc_stm32h7b3i_dk,
    .sdcard = &dk_sd,
};
