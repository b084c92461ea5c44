/* SD card slot behind an SDMMC controller (BootROM store BINARY_AREA = USE_SDCARD). */
#ifndef BOARDS_BOARD_SDCARD_H
#define BOARDS_BOARD_SDCARD_H
#include <stdint.h>
#include "board.h"

#define BOARD_SD_PINS 6

struct board_sdcard {
    uint8_t sdmmc;          /* controller instance: 1 = SDMMC1 */
    uint8_t bus_width;      /* 1 or 4 data lines wired to the slot */
    uint8_t high_speed;     /* 1: the slot (and its level shifter) allows 50 MHz */
    uint8_t has_detect;     /* 1: a card-detect switch on a GPIO */
    uint8_t detect_active_low;
    struct board_pin detect;
    uint32_t kernel_hz;     /* SDMMC kernel clock (H7: pll1_q_ck, D1CCIPR.SDMMCSEL = 0) */
    uint32_t init_hz;       /* identification clock, <= 400 kHz (SD spec 4.2) */
    uint32_t default_hz;    /* default speed, <= 25 MHz */
    uint32_t high_speed_hz; /* after CMD6 high speed, <= 50 MHz */
    struct board_pin pins[BOARD_SD_PINS]; /* CK, CMD, D0..D3 */
};
#endif
