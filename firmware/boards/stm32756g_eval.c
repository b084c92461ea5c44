/* STM32756G-EVAL standing in for the STM32F750 Value line (seed Table 2). Choices and
 * sources: docs/boards.md. */
#include <stddef.h>
#include "board.h"
#include "board_fmc.h"
#include "board_sdcard.h"

/* microSD slot on SDMMC1, wired to the MCU without a level translator ("native", seed
 * Table 2). CK PC12, CMD PD2, D0-D3 PC8-PC11, all AF12 (facts sheet 1.5, from ST's BSP
 * stm32756g_eval_sd.c). Card detect sits on the board's MFX IO expander (UNCONFIRMED: UM1709
 * not in reach), not on a GPIO: an empty slot shows as no answer to ACMD41 (E60).
 * Kernel clock: the 48 MHz domain from PLLQ, VCO 400 MHz / Q9 = 44.4 MHz (the RM's clock
 * tree: SDMMC and RNG need at most 48 MHz there; the seed's boot uses Q8 = 50 MHz). CK =
 * SDMMCCLK / (CLKDIV + 2): identification / 112 = 397 kHz, default speed / 2 = 22.2 MHz,
 * high speed through BYPASS = 44.4 MHz (<= 50 MHz); without a translator on the slot high
 * speed is allowed (UNCONFIRMED on the board). */
static const struct board_sdcard stm32756g_eval_sd = {
    .sdmmc = 1, .bus_width = 4, .high_speed = 1, .has_detect = 0,
    .kernel_hz = 44444444u, .init_hz = 400000u, .default_hz = 25000000u, .high_speed_hz = 50000000u,
    .pins = { { PORT_C, 12, 12 }, { PORT_D, 2, 12 }, { PORT_C, 8, 12 }, { PORT_C, 9, 12 }, { PORT_C, 10, 12 },
              { PORT_C, 11, 12 } },
};

const struct board_desc board_stm32756g_eval = {
    .id = "stm32756g-eval",
    .name = "STM32756G-EVAL",
    .value_line = "STM32F750",
    .family = FAMILY_STM32F7,
    .vl_flash_size = 64u * 1024u,
    .icache_size = 4u * 1024u,
    .dcache_size = 4u * 1024u,
    /* 200 MHz, not the F750's 216 MHz: the board's FMC SDRAM limits the system clock to
     * 200 MHz (seed Table 4), and one clock tree serves every memory configuration.
     * HSE 25 MHz / M25 = 1 MHz, x N400 = VCO 400 MHz, P2 = 200 MHz = HCLK (scale 1 with
     * over-drive, above 180 MHz). Q9: 44.4 MHz for the 48 MHz domain (SDMMC1 kernel clock).
     * APB2 /2 = 100 MHz, APB1 /4 = 50 MHz. Flash: 6 WS for
     * 180-210 MHz at 2.7-3.6 V (RM0385 table 5). HSE 25 MHz: UNCONFIRMED from UM1709. */
    .clock = { .hse_hz = 25000000u, .pll_m = 25, .pll_n = 400, .pll_p = 2, .pll_q = 9, .pll_r = 0,
               .pll_rge = 0, .ahb_div = 1, .apb_div = 2, .flash_ws = 6, .flash_wrhighfreq = 0,
               .sysclk_hz = 200000000u, .hclk_hz = 200000000u },
    /* USART1 on PA9 (TX) / PA10 (RX), AF7: the RS-232 connector CN7 of ST's examples for
     * this board; pins and AF UNCONFIRMED from the board manual. */
    .console_usart = 1,
    .console_tx = { PORT_A, 9, 7 },
    .console_rx = { PORT_A, 10, 7 },
    .console_baud = 115200,
    /* On RevB boards LED1 (green) and LED3 (red) are on GPIOs, on when driven low (ST BSP
     * stm32756g_eval.c: BSP_LED_On writes 0; LED1 needs JP24 in 2-3, LED3 JP23 in 2-3).
     * Pins PF10 (shared with the potentiometer) and PB7 (shared with the camera VSYNC) are
     * UNCONFIRMED: the BSP header with the pin numbers was not in reach. */
    .led_count = 2,
    .leds = { { { PORT_F, 10, 0 }, 1, "LED1 green" }, { { PORT_B, 7, 0 }, 1, "LED3 red" } },
    /* RAM (RM0385 2.2): DTCM 64 KiB at 0x20000000, SRAM1 240 KiB, SRAM2 16 KiB, contiguous
     * up to 0x20050000. The application owns all of it after the jump; the boot's RAM (DTCM)
     * is inside it and no longer used by then. */
    .boot_ram = { 0x20000000u, 64u * 1024u },
    .internal_sram = { 0x20000000u, 320u * 1024u },
    /* N25Q512A13GSF40E (64 MiB, two stacked 256 Mbit dies). Kernel clock = HCLK 200 MHz / 2
     * = 100 MHz (N25Q512A: 108 MHz max STR). Reads 1-4-4 with 4-byte addresses (0xEC) and
     * 10 dummy cycles in VCR[7:4] (the value ST's BSP writes). CS high 6 cycles (ST's BSP).
     * Pins: seed Table 3 lists PB2, PB6, PF6, PF8, PF9 and omits IO2 (PF7), which quad reads
     * need; AFs as on the H743I-EVAL (PB2 AF9, PB6 AF10, PF8/PF9 AF10, PF6/PF7 AF9),
     * UNCONFIRMED from the STM32F756 datasheet AF table. */
    .qspi = { .part = "N25Q512A", .dual_flash = 0, .prescaler = 2, .cs_high_cycles = 6,
              .read_dummy = 10, .kernel_hz = 200000000u, .size = 64u * 1024u * 1024u,
              .pin_count = 6,
              .pins = { { PORT_B, 2, 9 },   /* CLK */
                        { PORT_B, 6, 10 },  /* BK1_NCS */
                        { PORT_F, 8, 10 },  /* BK1_IO0 */
                        { PORT_F, 9, 10 },  /* BK1_IO1 */
                        { PORT_F, 7, 9 },   /* BK1_IO2 */
                        { PORT_F, 6, 9 } } },  /* BK1_IO3 */
    /* BootROM SPI-NOR store: the same N25Q512A read with 2 data lines (seed Table 2). */
    .spinor_lines = 2,
    .fmc = &fmc_stm32756g_eval,
    .sdcard = &stm32756g_eval_sd,
};
