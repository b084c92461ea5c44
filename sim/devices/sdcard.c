/* SD card state machine. Facts: reference/fmc-sd-stm32.md section 5 (commands, responses,
 * OCR/CSD/SCR fields, card status bits); SD spec 4.2 (identification at <= 400 kHz, ACMD41
 * busy until initialisation completes, HCS), 4.3.10 (CMD6 switch status), 6.4.1 (74 clocks
 * after power-up). */
#include "sdcard.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum state { ST_IDLE, ST_READY, ST_IDENT, ST_STBY, ST_TRAN, ST_DATA, ST_RCV, ST_PRG, ST_DIS };

#define ST_APP_CMD (1u << 5)
#define ST_READY_FOR_DATA (1u << 8)
#define ST_ILLEGAL_COMMAND (1u << 22)
#define ST_OUT_OF_RANGE (1u << 31)
#define ST_ADDRESS_ERROR (1u << 30)
#define OCR_VOLTAGES 0x00FF8000u /* 2.7-3.6 V */
#define OCR_BUSY_DONE (1u << 31)
#define OCR_CCS (1u << 30)
#define ACMD41_HCS (1u << 30)
#define INIT_TIME_PS 500000000ull /* the card finishes initialisation 0.5 ms after the first ACMD41 */
#define IDENT_MAX_HZ 400000u
#define DEFAULT_MAX_HZ 25000000u
#define HS_MAX_HZ 50000000u
#define POWER_UP_CLOCKS 74u
#define RCA 0x4567u
#define BLOCK 512u

struct sdcard_dev {
    uint8_t *image;
    uint32_t blocks;
    enum sdcard_kind kind;
    sdcard_log_fn log;
    void *ctx;
    bool powered;
    uint64_t power_ps;
    enum state st;
    bool app;            /* the previous command was CMD55 */
    bool init_started;
    uint64_t init_done_ps;
    bool hcs_refused_logged;
    uint32_t status_err; /* error bits for the next status */
    unsigned width;
    bool high_speed;
    uint32_t blocklen;
    /* data phase */
    uint8_t small[64];
    uint32_t data_addr;  /* byte offset into the image for block reads */
    bool data_blocks;    /* true: stream from the image; false: small[] */
    uint32_t data_len;
    unsigned reads, crc_error_read;
};

static void say(struct sdcard_dev *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(struct sdcard_dev *c, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    c->log(c->ctx, msg);
}

struct sdcard_dev *sdcard_dev_create(uint8_t *image, size_t len, enum sdcard_kind kind, sdcard_log_fn log, void *ctx)
{
    struct sdcard_dev *c = calloc(1, sizeof *c);
    if (c == NULL) {
        return NULL;
    }
    c->image = image;
    /* SDHC capacity comes in 512 KiB units (CSD 2.0 C_SIZE), SDSC here in 256 KiB units. */
    uint32_t unit = kind == SDCARD_SDHC ? 1024u : 512u;
    c->blocks = (uint32_t)((len / BLOCK) / unit * unit);
    c->kind = kind;
    c->log = log;
    c->ctx = ctx;
    c->width = 1;
    c->blocklen = BLOCK;
    return c;
}

void sdcard_dev_destroy(struct sdcard_dev *c)
{
    free(c);
}

void sdcard_dev_power(struct sdcard_dev *c, bool on, uint64_t now_ps)
{
    if (on && !c->powered) {
        c->power_ps = now_ps;
    }
    c->powered = on;
    if (!on) {
        c->st = ST_IDLE;
        c->init_started = false;
        c->width = 1;
        c->high_speed = false;
        c->app = false;
    }
}

void sdcard_dev_inject_crc_error(struct sdcard_dev *c, unsigned nth_read)
{
    c->crc_error_read = nth_read;
}

unsigned sdcard_dev_width(const struct sdcard_dev *c) { return c->width; }
uint32_t sdcard_dev_blocks(const struct sdcard_dev *c) { return c->blocks; }

static uint32_t status(struct sdcard_dev *c, enum state st)
{
    uint32_t v = c->status_err | ((uint32_t)st << 9) | ST_READY_FOR_DATA | (c->app ? ST_APP_CMD : 0u);
    c->status_err = 0;
    return v;
}

/* 128-bit register (bits 127:0, bit 0 = 1 as the end bit position holds CRC7|1) into the
 * four response words the host presents: word 0 = bits 127:96. */
static void put_bits(uint32_t w[4], unsigned hi, unsigned lo, uint32_t v)
{
    for (unsigned b = lo; b <= hi; b++) {
        if ((v >> (b - lo)) & 1u) {
            w[3u - b / 32u] |= 1u << (b % 32u);
        }
    }
}

static void cid(const struct sdcard_dev *c, uint32_t w[4])
{
    (void)c;
    memset(w, 0, 16);
    put_bits(w, 127, 120, 0x1Du);      /* MID */
    put_bits(w, 119, 104, ('E' << 8) | 'X'); /* OID */
    const char *pnm = "SIMSD";
    for (unsigned i = 0; i < 5u; i++) { /* PNM 103:64 */
        put_bits(w, 103u - 8u * i, 96u - 8u * i, (uint8_t)pnm[i]);
    }
    put_bits(w, 63, 56, 0x10u);        /* PRV 1.0 */
    put_bits(w, 55, 24, 0x12345678u);  /* PSN */
    put_bits(w, 19, 8, (26u << 4) | 1u); /* MDT: 2026-01 */
}

static void csd(const struct sdcard_dev *c, uint32_t w[4])
{
    memset(w, 0, 16);
    if (c->kind == SDCARD_SDHC) {
        put_bits(w, 127, 126, 1u);     /* CSD 2.0 */
        put_bits(w, 119, 112, 0x0Eu);  /* TAAC */
        put_bits(w, 103, 96, c->high_speed ? 0x5Au : 0x32u);
        put_bits(w, 95, 84, 0x5B5u);   /* CCC */
        put_bits(w, 83, 80, 9u);
        put_bits(w, 69, 48, c->blocks / 1024u - 1u);
    } else {
        /* CSD 1.0: capacity = (C_SIZE + 1) x 2^(C_SIZE_MULT + 2) x 2^READ_BL_LEN, MULT 7, BL 512 */
        put_bits(w, 127, 126, 0u);
        put_bits(w, 119, 112, 0x26u);
        put_bits(w, 103, 96, 0x32u);
        put_bits(w, 95, 84, 0x5B5u);
        put_bits(w, 83, 80, 9u);
        put_bits(w, 73, 62, c->blocks / 512u - 1u);
        put_bits(w, 49, 47, 7u);
    }
}

/* A register-sized data phase (SCR, SD status, switch status) after an R1 response. */
static void small_data(struct sdcard_dev *c, struct sdcard_cmd_result *r, enum state st, uint32_t len)
{
    c->data_blocks = false;
    c->data_len = len;
    r->responds = true;
    r->resp[0] = status(c, st);
    r->data_len = len;
}

static bool addr_of(struct sdcard_dev *c, uint32_t arg, uint32_t *byte)
{
    uint64_t a = c->kind == SDCARD_SDHC ? (uint64_t)arg * BLOCK : arg;
    if (a >= (uint64_t)c->blocks * BLOCK) {
        return false;
    }
    *byte = (uint32_t)a;
    return true;
}

void sdcard_dev_command(struct sdcard_dev *c, unsigned index, uint32_t arg, uint32_t clk_hz, uint64_t now_ps,
                        struct sdcard_cmd_result *r)
{
    memset(r, 0, sizeof *r);
    c->data_len = 0;
    bool app = c->app;
    c->app = false;
    if (!c->powered) {
        return;
    }
    uint64_t need_ps = (uint64_t)POWER_UP_CLOCKS * 1000000000000ull / (clk_hz ? clk_hz : 1u);
    if (now_ps - c->power_ps < need_ps) {
        say(c, "sd card: CMD%u %llu us after power-up ignored: the card needs 74 clocks first (%llu us at %u kHz)",
            index, (unsigned long long)((now_ps - c->power_ps) / 1000000u), (unsigned long long)(need_ps / 1000000u),
            clk_hz / 1000u);
        return;
    }
    bool ident = c->st == ST_IDLE || c->st == ST_READY || c->st == ST_IDENT;
    if (ident && clk_hz > IDENT_MAX_HZ) {
        say(c, "sd card: CMD%u at %u kHz in identification mode ignored: at most 400 kHz until CMD3 (SD spec 4.2)",
            index, clk_hz / 1000u);
        return;
    }
    uint32_t max_hz = c->high_speed ? HS_MAX_HZ : DEFAULT_MAX_HZ;
    if (!ident && clk_hz > max_hz) {
        say(c, "sd card: CMD%u at %u MHz ignored: the card runs at most %u MHz (%s)", index, clk_hz / 1000000u,
            max_hz / 1000000u, c->high_speed ? "high speed" : "default speed, no CMD6 switch");
        return;
    }
    uint32_t rca_arg = arg >> 16;
    enum state st = c->st;
    if (app) {
        switch (index) {
        case 41:
            if (st != ST_IDLE) {
                break;
            }
            r->responds = true;
            r->no_crc = true;
            if ((arg & OCR_VOLTAGES) == 0u) { /* inquiry */
                r->resp[0] = OCR_VOLTAGES;
                return;
            }
            if (!c->init_started) {
                c->init_started = true;
                c->init_done_ps = now_ps + INIT_TIME_PS;
            }
            if (c->kind == SDCARD_SDHC && !(arg & ACMD41_HCS)) {
                if (!c->hcs_refused_logged) {
                    say(c, "sd card: ACMD41 without HCS: a high-capacity card stays busy (SD spec 4.2.3.1)");
                    c->hcs_refused_logged = true;
                }
                r->resp[0] = OCR_VOLTAGES;
                return;
            }
            if (now_ps >= c->init_done_ps) {
                r->resp[0] = OCR_VOLTAGES | OCR_BUSY_DONE | (c->kind == SDCARD_SDHC ? OCR_CCS : 0u);
                c->st = ST_READY;
            } else {
                r->resp[0] = OCR_VOLTAGES;
            }
            return;
        case 6:
            if (st != ST_TRAN || (arg != 0u && arg != 2u)) {
                break;
            }
            c->width = arg == 2u ? 4u : 1u;
            r->responds = true;
            r->resp[0] = status(c, st);
            return;
        case 51:
            if (st != ST_TRAN) {
                break;
            }
            memset(c->small, 0, 8);
            c->small[0] = 0x02u; /* SCR_STRUCTURE 0, SD_SPEC 2 (2.00 / 3.0x) */
            c->small[1] = 0x05u; /* SD_BUS_WIDTHS: 1 and 4 bit */
            c->small[2] = 0x80u; /* SD_SPEC3 */
            small_data(c, r, st, 8);
            return;
        case 13:
            if (st != ST_TRAN) {
                break;
            }
            memset(c->small, 0, 64);
            small_data(c, r, st, 64);
            return;
        default:
            break;
        }
        /* unknown or misplaced ACMD: handled as the plain command below would be */
    }
    switch (index) {
    case 0:
        c->st = ST_IDLE;
        c->init_started = false;
        c->width = 1;
        c->high_speed = false;
        return; /* no response */
    case 8:
        if (st != ST_IDLE) {
            break;
        }
        if (((arg >> 8) & 0xFu) != 1u) {
            say(c, "sd card: CMD8 with VHS %u: voltage not supported, no response", (arg >> 8) & 0xFu);
            return;
        }
        r->responds = true;
        r->resp[0] = arg & 0xFFFu;
        return;
    case 55:
        if (st == ST_IDLE || st == ST_STBY || st == ST_TRAN || (rca_arg == RCA)) {
            if (st != ST_IDLE && rca_arg != RCA) {
                break;
            }
            c->app = true;
            r->responds = true;
            r->resp[0] = status(c, st);
            return;
        }
        break;
    case 2:
        if (st != ST_READY) {
            break;
        }
        c->st = ST_IDENT;
        r->responds = true;
        r->long_resp = true;
        cid(c, r->resp);
        return;
    case 3:
        if (st != ST_IDENT && st != ST_STBY) {
            break;
        }
        c->st = ST_STBY;
        r->responds = true;
        r->resp[0] = ((uint32_t)RCA << 16) | ((uint32_t)ST_IDENT << 9) | ST_READY_FOR_DATA;
        return;
    case 9:
        if (st != ST_STBY || rca_arg != RCA) {
            break;
        }
        r->responds = true;
        r->long_resp = true;
        csd(c, r->resp);
        return;
    case 7:
        if (rca_arg != RCA) {
            if (st == ST_TRAN) {
                c->st = ST_STBY; /* deselected: no response */
            }
            return;
        }
        if (st != ST_STBY && st != ST_TRAN) {
            break;
        }
        c->st = ST_TRAN;
        r->responds = true;
        r->busy = true;
        r->resp[0] = status(c, st);
        return;
    case 13:
        if (rca_arg != RCA || st < ST_STBY) {
            break;
        }
        r->responds = true;
        r->resp[0] = status(c, st);
        return;
    case 16:
        if (st != ST_TRAN) {
            break;
        }
        r->responds = true;
        if (c->kind == SDCARD_SDSC) {
            c->blocklen = arg;
        }
        if (arg != BLOCK) {
            c->status_err |= 1u << 29; /* BLOCK_LEN_ERROR */
        }
        r->resp[0] = status(c, st);
        return;
    case 6: {
        if (st != ST_TRAN) {
            break;
        }
        memset(c->small, 0, 64);
        unsigned fn = arg & 0xFu;
        c->small[0] = 0x00u;
        c->small[1] = 0x64u;             /* max current 100 mA */
        c->small[12] = 0x80u;
        c->small[13] = 0x03u;            /* group 1 supports functions 0 and 1 */
        c->small[16] = (uint8_t)(fn <= 1u ? fn : 0xFu); /* bits 379:376: function selected */
        if ((arg >> 31) && fn == 1u) {
            c->high_speed = true;
        }
        small_data(c, r, st, 64);
        return;
    }
    case 17:
    case 18: {
        if (st != ST_TRAN) {
            break;
        }
        uint32_t byte;
        r->responds = true;
        if (!addr_of(c, arg, &byte)) {
            c->status_err |= ST_OUT_OF_RANGE;
            say(c, "sd card: CMD%u at %u is beyond the %u blocks of the card: OUT_OF_RANGE", index, arg, c->blocks);
            r->resp[0] = status(c, st);
            return;
        }
        c->data_blocks = true;
        c->data_addr = byte;
        c->reads++;
        c->data_len = index == 17 ? BLOCK : UINT32_MAX;
        c->st = index == 18 ? ST_DATA : ST_TRAN;
        r->resp[0] = status(c, st);
        r->data_len = c->data_len;
        return;
    }
    case 12:
        if (st != ST_DATA) {
            break;
        }
        c->st = ST_TRAN;
        r->responds = true;
        r->busy = true;
        r->resp[0] = status(c, ST_DATA);
        return;
    default:
        break;
    }
    say(c, "sd card: %sCMD%u (arg 0x%08x) is illegal in state %u: no response", app ? "A" : "", index, arg,
        (unsigned)st);
    c->status_err |= ST_ILLEGAL_COMMAND;
}

bool sdcard_dev_data(struct sdcard_dev *c, uint8_t *buf, uint32_t len, unsigned host_width, uint32_t clk_hz)
{
    bool ok = true;
    if (host_width != c->width) {
        say(c, "sd card: data sent on %u line%s, the host samples %u (CLKCR.WIDBUS): CRC errors", c->width,
            c->width == 1 ? "" : "s", host_width);
        ok = false;
    }
    if (clk_hz > (c->high_speed ? HS_MAX_HZ : DEFAULT_MAX_HZ)) {
        say(c, "sd card: data at %u MHz, faster than the card's mode allows: CRC errors", clk_hz / 1000000u);
        ok = false;
    }
    if (!c->data_blocks) {
        uint32_t n = len < c->data_len ? len : c->data_len;
        memcpy(buf, c->small, n);
        memset(buf + n, 0xFF, len - n);
        return ok;
    }
    if (c->crc_error_read != 0u && c->reads == c->crc_error_read) {
        say(c, "sd card: block read %u sent with a wrong CRC16 (fault injected by sd.crc-error-read)", c->reads);
        ok = false;
    }
    uint64_t cap = (uint64_t)c->blocks * BLOCK;
    for (uint32_t i = 0; i < len; i++) {
        uint64_t a = (uint64_t)c->data_addr + i;
        buf[i] = a < cap ? c->image[a] : 0xFFu;
    }
    if ((uint64_t)c->data_addr + len > cap) {
        say(c, "sd card: multi-block read runs past the card's capacity: OUT_OF_RANGE");
        c->status_err |= ST_OUT_OF_RANGE;
        ok = false;
    }
    c->data_addr += len;
    return ok;
}
