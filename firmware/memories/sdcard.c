/* SD card bring-up and reads over the SDMMC driver. Command flow from the SD Physical Layer
 * Simplified Specification 4.10 (4.2 card identification, 4.3.10 switch function, 4.7
 * commands); fields of OCR/CID/CSD/SCR as in the facts sheet (reference/fmc-sd-stm32.md 5). */
#include "sdcard.h"
#include "chip.h"
#include "drivers/deadline.h"
#include "drivers/errors.h"
#include "drivers/sdmmc.h"

#define CMD8_ARG 0x000001AAu        /* VHS 0001 (2.7-3.6 V), check pattern 0xAA */
#define ACMD41_ARG 0x80100000u      /* busy bit + 3.2-3.3 V window */
#define ACMD41_HCS (1u << 30)
#define OCR_READY (1u << 31)
#define OCR_CCS (1u << 30)
#define CMD6_HIGH_SPEED 0x80FFFFF1u /* mode 1 (switch), group 1 = function 1, others unchanged */
#define R1_ERRORS 0xFDFFE008u       /* card status error bits (table 4-42) */
#define R1_STATE(r) (((r) >> 9) & 0xFu)
#define R1_APP_CMD (1u << 5)
#define OP_COND_TIMEOUT_US 1000000u /* ACMD41 initialisation within 1 s (spec 4.2.3) */
#define SD_BLOCK_LOG2 9u
#define MAX_BLOCKS_PER_READ 16384u  /* 8 MiB per CMD18: DLEN holds 25 bits */

const char *sdcard_stage_name(enum sdcard_stage s)
{
    static const char *const n[] = { "card detect", "controller power-up", "CMD0 go idle",
                                     "CMD8 interface condition", "ACMD41 operating condition", "CMD2 CID",
                                     "CMD3 RCA", "CMD9 CSD", "CMD7 select", "ACMD51 SCR", "ACMD6 bus width",
                                     "CMD6 high speed", "CMD16 block length", "block read" };
    return (unsigned)s < sizeof n / sizeof n[0] ? n[s] : "?";
}

const char *sdcard_strerror(int err)
{
    switch (err) {
    case SDCARD_E_ABSENT: return "card-detect switch open";
    case SDCARD_E_NO_CARD: return "no card answers";
    case SDCARD_E_VOLTAGE: return "card refuses 3.3 V";
    case SDCARD_E_STATUS: return "card status reports an error";
    case SDCARD_E_UNSUPPORTED: return "card feature not supported";
    case SDCARD_E_RANGE: return "read past the card's capacity";
    default: return sdmmc_strerror(err);
    }
}

static int r1(struct sdcard *c, uint8_t index, uint32_t arg)
{
    uint32_t resp[4];
    int rc = sdmmc_command(index, arg, SDMMC_RESP_SHORT, resp);
    if (rc != DRV_OK) {
        return rc;
    }
    c->status = resp[0];
    return (resp[0] & R1_ERRORS) ? SDCARD_E_STATUS : DRV_OK;
}

static int app_cmd(struct sdcard *c)
{
    int rc = r1(c, 55u, (uint32_t)c->rca << 16);
    if (rc == DRV_OK && (c->status & R1_APP_CMD) == 0u) {
        rc = SDCARD_E_STATUS;
    }
    return rc;
}

static int op_cond(struct sdcard *c, int v2)
{
    uint32_t resp[4];
    struct deadline d = deadline_in_us(OP_COND_TIMEOUT_US);
    for (unsigned tries = 0;; tries++) {
        int rc = app_cmd(c);
        if (rc != DRV_OK) {
            return (rc == SDMMC_E_CMD_TIMEOUT && tries == 0u && !v2) ? SDCARD_E_NO_CARD : rc;
        }
        rc = sdmmc_command(41u, ACMD41_ARG | (v2 ? ACMD41_HCS : 0u), SDMMC_RESP_SHORT_NOCRC, resp);
        if (rc != DRV_OK) {
            return rc;
        }
        if (resp[0] & OCR_READY) {
            c->high_capacity = (resp[0] & OCR_CCS) ? 1u : 0u;
            return (resp[0] & ACMD41_ARG & ~OCR_READY) ? DRV_OK : SDCARD_E_VOLTAGE;
        }
        if (deadline_passed(&d)) {
            return DRV_ETIMEDOUT;
        }
    }
}

static int parse_csd(struct sdcard *c, const uint32_t csd[4])
{
    unsigned structure = csd[0] >> 30;
    if (structure == 1u) { /* CSD 2.0: C_SIZE [69:48], capacity (C_SIZE + 1) x 512 KiB */
        uint32_t c_size = ((csd[1] & 0x3Fu) << 16) | (csd[2] >> 16);
        c->blocks = (c_size + 1u) * 1024u;
        return DRV_OK;
    }
    if (structure == 0u) { /* CSD 1.0: (C_SIZE + 1) x 2^(C_SIZE_MULT + 2) x 2^READ_BL_LEN bytes */
        uint32_t c_size = ((csd[1] & 0x3FFu) << 2) | (csd[2] >> 30);
        uint32_t mult = (csd[2] >> 15) & 7u;
        uint32_t bl_len = (csd[1] >> 16) & 0xFu;
        if (bl_len < 9u || bl_len > 11u) {
            return SDCARD_E_UNSUPPORTED;
        }
        c->blocks = (c_size + 1u) << (mult + 2u + bl_len - SD_BLOCK_LOG2);
        return DRV_OK;
    }
    return SDCARD_E_UNSUPPORTED;
}

static int high_speed(struct sdcard *c)
{
    uint8_t status[64];
    uint32_t resp[1];
    int rc = sdmmc_read(6u, CMD6_HIGH_SPEED, R1_ERRORS, resp, status, 6u, 1u);
    if (rc != DRV_OK) {
        return rc;
    }
    c->status = resp[0];
    /* Function group 1 result, status bits 379:376 (spec table 4-13). */
    c->high_speed = (status[16] & 0xFu) == 1u;
    return DRV_OK;
}

static int init_steps(struct sdcard *c)
{
    const struct board_sdcard *sd = c->bsd;
    uint32_t resp[4];
    int rc;
    c->stage = SD_STAGE_POWER;
    if ((rc = sdmmc_init(sd)) != DRV_OK) {
        return rc;
    }
    if (sd->has_detect) {
        c->stage = SD_STAGE_DETECT;
        unsigned level = (GPIO_PORT(sd->detect.port)->IDR >> sd->detect.pin) & 1u;
        if (level != (sd->detect_active_low ? 0u : 1u)) {
            return SDCARD_E_ABSENT;
        }
    }
    c->stage = SD_STAGE_IDLE;
    if ((rc = sdmmc_command(0u, 0u, SDMMC_RESP_NONE, resp)) != DRV_OK) {
        return rc;
    }
    c->stage = SD_STAGE_IF_COND;
    rc = sdmmc_command(8u, CMD8_ARG, SDMMC_RESP_SHORT, resp);
    int v2 = rc == DRV_OK;
    if (v2 && (resp[0] & 0xFFFu) != CMD8_ARG) {
        return SDCARD_E_VOLTAGE;
    }
    if (rc != DRV_OK && rc != SDMMC_E_CMD_TIMEOUT) {
        return rc;
    }
    c->stage = SD_STAGE_OP_COND;
    if ((rc = op_cond(c, v2)) != DRV_OK) {
        return (rc == SDMMC_E_CMD_TIMEOUT && !v2) ? SDCARD_E_NO_CARD : rc;
    }
    c->stage = SD_STAGE_CID;
    if ((rc = sdmmc_command(2u, 0u, SDMMC_RESP_LONG, resp)) != DRV_OK) {
        return rc;
    }
    /* PNM, CID bits 103:64: low byte of RESP1, then RESP2 from its top byte. */
    c->product[0] = (char)(resp[0] & 0xFFu);
    for (unsigned i = 0; i < 4u; i++) {
        c->product[1u + i] = (char)(resp[1] >> (24u - 8u * i));
    }
    c->product[5] = '\0';
    c->stage = SD_STAGE_RCA;
    if ((rc = sdmmc_command(3u, 0u, SDMMC_RESP_SHORT, resp)) != DRV_OK) {
        return rc;
    }
    c->rca = (uint16_t)(resp[0] >> 16);
    c->stage = SD_STAGE_CSD;
    if ((rc = sdmmc_command(9u, (uint32_t)c->rca << 16, SDMMC_RESP_LONG, resp)) != DRV_OK ||
        (rc = parse_csd(c, resp)) != DRV_OK) {
        return rc;
    }
    c->stage = SD_STAGE_SELECT;
    if ((rc = r1(c, 7u, (uint32_t)c->rca << 16)) != DRV_OK) {
        return rc;
    }
    c->clock_hz = sdmmc_set_bus(sd, sd->default_hz, 1u);
    c->bus_width = 1u;
    c->stage = SD_STAGE_SCR;
    uint8_t scr[8];
    if ((rc = app_cmd(c)) != DRV_OK || (rc = sdmmc_read(51u, 0u, R1_ERRORS, resp, scr, 3u, 1u)) != DRV_OK) {
        return rc;
    }
    c->sd_spec = scr[0] & 0xFu;
    const unsigned widths = scr[1] & 0xFu; /* SD_BUS_WIDTHS: bit 0 1-bit, bit 2 4-bit */
    if (sd->bus_width == 4u && (widths & 4u)) {
        c->stage = SD_STAGE_BUS_WIDTH;
        if ((rc = app_cmd(c)) != DRV_OK || (rc = r1(c, 6u, 2u)) != DRV_OK) {
            return rc;
        }
        c->bus_width = 4u;
        c->clock_hz = sdmmc_set_bus(sd, sd->default_hz, 4u);
    }
    if (sd->high_speed && c->sd_spec >= 1u) { /* CMD6 exists from version 1.10 on */
        c->stage = SD_STAGE_HIGH_SPEED;
        if ((rc = high_speed(c)) != DRV_OK) {
            return rc;
        }
        if (c->high_speed) {
            c->clock_hz = sdmmc_set_bus(sd, sd->high_speed_hz, c->bus_width);
        }
    }
    if (!c->high_capacity) {
        c->stage = SD_STAGE_BLOCKLEN;
        if ((rc = r1(c, 16u, 1u << SD_BLOCK_LOG2)) != DRV_OK) {
            return rc;
        }
    }
    c->stage = SD_STAGE_READ;
    return DRV_OK;
}

int sdcard_init(struct sdcard *c, const struct board_sdcard *bsd)
{
    *c = (struct sdcard){ .bsd = bsd };
    return init_steps(c);
}

int sdcard_read(struct sdcard *c, uint32_t lba, uint32_t count, void *buf)
{
    uint8_t *p = buf;
    c->stage = SD_STAGE_READ;
    if (count == 0u || lba >= c->blocks || count > c->blocks - lba) {
        return SDCARD_E_RANGE;
    }
    while (count != 0u) {
        uint32_t n = count > MAX_BLOCKS_PER_READ ? MAX_BLOCKS_PER_READ : count;
        uint32_t addr = c->high_capacity ? lba : lba << SD_BLOCK_LOG2;
        uint32_t resp[1] = { 0 };
        int rc = sdmmc_read(n == 1u ? 17u : 18u, addr, R1_ERRORS, resp, p, SD_BLOCK_LOG2, n);
        if (n != 1u) {
            uint32_t stop[1];
            int src = sdmmc_stop(stop);
            rc = rc != DRV_OK ? rc : src;
        }
        c->status = resp[0];
        if (rc != DRV_OK) {
            return rc == SDMMC_E_RESP_STATUS ? SDCARD_E_STATUS : rc;
        }
        lba += n;
        count -= n;
        p += n << SD_BLOCK_LOG2;
    }
    return DRV_OK;
}

void sdcard_release(struct sdcard *c)
{
    sdmmc_release(c->bsd);
}
