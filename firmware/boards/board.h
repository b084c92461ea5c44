/* A board is data: one const description per board, read by the firmware and by the
 * simulator. Plain C11, no chip headers, so both builds can include it. */
#ifndef BOARDS_BOARD_H
#define BOARDS_BOARD_H

#include <stdint.h>

enum board_port { PORT_A, PORT_B, PORT_C, PORT_D, PORT_E, PORT_F, PORT_G, PORT_H, PORT_I, PORT_J, PORT_K };

struct board_pin {
    uint8_t port; /* enum board_port */
    uint8_t pin;  /* 0..15 */
    uint8_t af;   /* alternate function number, when the pin is used in AF mode */
};

struct board_led {
    struct board_pin pin;
    uint8_t active_low;
    const char *name;
};

enum chip_family { FAMILY_STM32F7, FAMILY_STM32H74X, FAMILY_STM32H7BX, FAMILY_STM32H73X };

/* VCORE supply as the board is wired (PWR_CR3 must match it: RM0455 6.4, RM0468 6.4).
 * LDO is the reset configuration; the SMPS exists on H7A3/H7B0/H7B3 and H725/H730/H735. */
enum board_supply { SUPPLY_LDO, SUPPLY_SMPS_DIRECT };

/* Clock tree (PLL1 from the HSE), with the limits it was checked against in a comment. */
struct board_clock {
    uint32_t hse_hz;
    uint8_t pll_m, pll_p, pll_q, pll_r;
    uint16_t pll_n;
    uint8_t pll_rge;      /* PLL input range code (H7) */
    uint8_t ahb_div;      /* HCLK = SYSCLK / ahb_div */
    uint8_t apb_div;      /* every APB = HCLK / apb_div */
    uint8_t flash_ws;     /* wait states for HCLK at the chosen voltage scale */
    uint8_t flash_wrhighfreq;
    uint8_t supply;       /* enum board_supply: how the board powers VCORE */
    uint32_t sysclk_hz;   /* derived, stated for the log and checked by the boot */
    uint32_t hclk_hz;
};

enum board_mem_kind {
    MEM_QSPI_NOR,   /* QUADSPI NOR flash (one die, or two in dual-flash mode) */
    MEM_OSPI_NOR,   /* OCTOSPI NOR flash */
    MEM_FMC_NOR, MEM_FMC_SRAM, MEM_FMC_PSRAM, MEM_FMC_SDRAM,
    MEM_OSPI_HYPERRAM,
    MEM_INTERNAL_SRAM
};

#define BOARD_MAX_MEM_PINS 12

struct board_qspi {
    const char *part;      /* parts table name (firmware/memories) */
    uint8_t dual_flash;    /* 1: two dies, DFM, 8 data lines */
    uint8_t prescaler;     /* bus clock = kernel clock / prescaler */
    uint8_t cs_high_cycles;
    uint8_t read_dummy;    /* dummy cycles of the XiP read at this clock */
    uint32_t kernel_hz;
    uint32_t size;         /* bytes behind the memory-mapped window */
    uint8_t pin_count;
    struct board_pin pins[BOARD_MAX_MEM_PINS];
};

struct board_mem_area {
    uint32_t base;
    uint32_t size;
};

/* Memories other than the QUADSPI flash: each kind's description is defined by its own
 * header (boards/board_<kind>.h), so modules grow without touching this one. A null
 * pointer means the board does not carry that memory. */
struct board_ospi;      /* OCTOSPI NOR flash (+ I/O manager): boards/board_ospi.h */
struct board_hyperram;  /* OCTOSPI HyperRAM: boards/board_ospi.h */
struct board_fmc;       /* FMC NOR / SRAM / PSRAM / SDRAM banks: boards/board_fmc.h */
struct board_sdcard;    /* SDMMC + card slot: boards/board_sdcard.h */

struct board_desc {
    const char *id;          /* "stm32h743i-eval" */
    const char *name;        /* "STM32H743I-EVAL" */
    const char *value_line;  /* the device it stands in for: "STM32H750" */
    enum chip_family family;
    uint32_t vl_flash_size;  /* internal flash of the Value line device */
    uint32_t icache_size, dcache_size;
    struct board_clock clock;
    uint32_t console_usart;  /* 1..8 */
    struct board_pin console_tx, console_rx;
    uint32_t console_baud;
    uint8_t led_count;
    struct board_led leds[4];
    struct board_mem_area boot_ram;     /* the boot's own RAM (stack, data) */
    struct board_mem_area internal_sram; /* USE_INTERNAL_SRAM for the application */
    struct board_qspi qspi;             /* size 0: none */
    const struct board_ospi *ospi;
    const struct board_hyperram *hyperram;
    const struct board_fmc *fmc;
    const struct board_sdcard *sdcard;
};

extern const struct board_desc board_stm32h743i_eval;
extern const struct board_desc board_stm32h7b3i_eval;
extern const struct board_desc board_stm32h7b3i_dk;
extern const struct board_desc board_stm32h735g_dk;

/* Host programs only (boards.c): every board, and lookup by id. */
extern const struct board_desc *const board_list[];
extern const unsigned board_count;
const struct board_desc *board_find(const char *id);

#endif
