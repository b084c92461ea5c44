/* SDMMC host controller driver: power, card clock, commands with their responses, block
 * reads through the receive FIFO by polling. The card protocol is memories/sdcard.c. */
#ifndef DRIVERS_SDMMC_H
#define DRIVERS_SDMMC_H
#include <stdint.h>
#include "boards/board_sdcard.h"

/* Errors beyond drivers/errors.h, as the controller reports them. */
enum sdmmc_err {
    SDMMC_E_CMD_TIMEOUT = -20,  /* no response within 64 card clocks (STA.CTIMEOUT) */
    SDMMC_E_CMD_CRC = -21,      /* response CRC7 wrong (STA.CCRCFAIL) */
    SDMMC_E_DATA_TIMEOUT = -22, /* no data within DTIMER card clocks (STA.DTIMEOUT) */
    SDMMC_E_DATA_CRC = -23,     /* data block CRC16 wrong (STA.DCRCFAIL) */
    SDMMC_E_OVERRUN = -24,      /* receive FIFO overrun (STA.RXOVERR) */
    SDMMC_E_RESP_STATUS = -25,  /* the command's response reports an error: no data follows */
};

enum sdmmc_resp { SDMMC_RESP_NONE, SDMMC_RESP_SHORT, SDMMC_RESP_SHORT_NOCRC, SDMMC_RESP_LONG };

/* Pins, kernel clock, controller reset, power on, identification clock; waits the 74 card
 * clocks the card needs after power-up (SD spec 6.4.1) before the first command. */
int sdmmc_init(const struct board_sdcard *sd);
/* Card clock as close to hz as the divider allows without exceeding it; bus width 1 or 4.
 * Returns the clock set, in Hz. */
uint32_t sdmmc_set_bus(const struct board_sdcard *sd, uint32_t hz, unsigned width);
/* Sends one command; resp gets 1 word (short) or 4 words (long, RESP1 = bits 127:96). */
int sdmmc_command(uint8_t index, uint32_t arg, enum sdmmc_resp kind, uint32_t resp[4]);
/* Command with a read data phase of blocks x 2^block_log2 bytes into buf (any alignment).
 * A response with any bit of resp_errors set ends it at once (the card sends no data).
 * CMD12 (stop) is sent by the caller for open-ended multi-block reads. */
int sdmmc_read(uint8_t index, uint32_t arg, uint32_t resp_errors, uint32_t resp[1], void *buf, unsigned block_log2,
               uint32_t blocks);
/* Stop transmission (CMD12) with busy wait on D0. */
int sdmmc_stop(uint32_t resp[1]);
/* Card power off, controller reset and clock off, pins back to analog (seed section 4). */
void sdmmc_release(const struct board_sdcard *sd);
const char *sdmmc_strerror(int err);
#endif
