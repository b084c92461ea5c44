/* SD memory card model (SD Physical Layer Simplified Specification 4.10): the command and
 * response state machine of chapter 4 (idle, ready, ident, stby, tran, data), OCR/CID/CSD/
 * SCR/switch status, bus width and high-speed switch, block reads from a disk image.
 * Fed one command at a time by a host controller model; refuses what a card refuses (no
 * response, error bits in the status) and says why on the log. Read-only. */
#ifndef SIM_DEVICES_SDCARD_H
#define SIM_DEVICES_SDCARD_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum sdcard_kind { SDCARD_SDHC, SDCARD_SDSC };

struct sdcard_dev;
typedef void (*sdcard_log_fn)(void *ctx, const char *msg);

/* image: the card's content (its size, rounded down to the card's capacity unit, is the
 * capacity). The model keeps the pointer. */
struct sdcard_dev *sdcard_dev_create(uint8_t *image, size_t len, enum sdcard_kind kind, sdcard_log_fn log,
                                     void *ctx);
void sdcard_dev_destroy(struct sdcard_dev *c);
/* Power applied at now_ps (supply ramp + 74 clocks are counted from here). */
void sdcard_dev_power(struct sdcard_dev *c, bool on, uint64_t now_ps);

struct sdcard_cmd_result {
    bool responds;        /* false: the host sees a command timeout */
    bool long_resp;       /* R2 */
    bool no_crc;          /* R3: CRC field all ones */
    bool busy;            /* R1b */
    uint32_t resp[4];     /* short: resp[0]; long: [0] = bits 127:96 ... [3] = bits 31:0 (bit 0 = 0) */
    uint32_t data_len;    /* bytes the card sends on DAT after the response (0: none) */
};

/* One command at card clock clk_hz with the host's bus width (1 or 4). */
void sdcard_dev_command(struct sdcard_dev *c, unsigned index, uint32_t arg, uint32_t clk_hz, uint64_t now_ps,
                        struct sdcard_cmd_result *r);
/* The data phase of the last command: up to len bytes into buf; returns false (and logs)
 * when the host reads it in a way the card cannot serve (width, clock), so the host sees a
 * data CRC error. */
bool sdcard_dev_data(struct sdcard_dev *c, uint8_t *buf, uint32_t len, unsigned host_width, uint32_t clk_hz);
/* Fault injection: the n-th block read command (CMD17/CMD18, counted from 1) sends its data
 * with a wrong CRC16 (0: never). */
void sdcard_dev_inject_crc_error(struct sdcard_dev *c, unsigned nth_read);
/* The card's bus width (1 or 4) and whether it runs high speed. */
unsigned sdcard_dev_width(const struct sdcard_dev *c);
uint32_t sdcard_dev_blocks(const struct sdcard_dev *c);
#endif
