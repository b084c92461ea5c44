/* SDMMC1 model in front of an SD card model: v2 (STM32H7) here, v1 (STM32F7) in sdmmc_v1.h
 * with the same state. */
#ifndef SIM_PERIPH_SDMMC_H
#define SIM_PERIPH_SDMMC_H
#include "h7.h"
#include "boards/board_sdcard.h"

struct sdcard_dev;
struct sdmmc_model {
    struct h7_rcc *rcc;
    struct gpio_model *gpio;
    const struct board_sdcard *bsd;
    struct sdcard_dev *card; /* NULL: empty slot */
    uint32_t power, clkcr, arg, cmd, respcmd, resp[4], dtimer, dlen, dctrl, sta, mask, acktime;
    uint32_t idmactrl, idmabsize, idmabase0, idmabase1;
    uint64_t cmd_done_ps;      /* response flags appear at this time */
    uint32_t cmd_flags;        /* flags set at cmd_done_ps */
    bool cmd_busy;
    /* receive data */
    uint8_t *rx;
    uint32_t rx_cap, rx_len, rx_pos;
    uint64_t rx_start_ps, rx_ps_per_byte_x16; /* arrival: linear after rx_start_ps */
    bool rx_active, rx_crc_fail;
    uint64_t bytes_total, busy_ps;
    uint64_t dpsm_armed_ps;    /* v1 (F7): DCTRL.DTEN written at this time, DTIMER counts from it */
};
int sdmmc_model_init(struct sim *s, struct sdmmc_model *m, struct h7_rcc *rcc, struct gpio_model *gpio,
                     const struct board_sdcard *bsd, struct sdcard_dev *card);

/* Shared by both IP versions (sdmmc_common.c). */
/* The slot's pins for `lines` data lines (CK, CMD, D0, and D1-D3 for 4) are in their alternate
 * function; otherwise says which is not (`what`: "command" or "data") and returns false. */
bool sdmmc_pins_ok(struct sim *s, const struct sdmmc_model *m, unsigned lines, const char *what);
/* Time of `clocks` card clocks at hz (no clock: practically never). */
uint64_t sdmmc_clocks_ps(uint64_t clocks, uint32_t hz);
/* Bytes of the current data phase received by now: arrival is linear from rx_start_ps; a FIFO
 * of fifo_bytes that is full stops the card clock with flow control (arrival resumes later),
 * and without it sets *overrun (when not NULL). */
uint32_t sdmmc_rx_arrived(struct sim *s, struct sdmmc_model *m, uint32_t fifo_bytes, bool flow_control,
                          bool *overrun);
#endif
