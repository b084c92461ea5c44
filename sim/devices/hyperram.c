/* S70KL1281 HyperRAM model (see hyperram.h). */
#include "hyperram.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DIE_BYTES (8u * 1024u * 1024u)
#define DIES 2u
#define PS_PER_NS ((uint64_t)1000u)

/* Facts sheet 11: power-up tVCS 150 us (S27KL0642 model value), tRWR 40 ns, tCSM 4 us
 * (industrial), 100 MHz max at 3 V (DS-HRAM). */
#define TVCS_PS (150000ull * PS_PER_NS)
#define TRWR_NS 40u
#define TCSM_PS (4000ull * PS_PER_NS)
#define MAX_HZ 100000000u

/* ID0: manufacturer 1, 9 column bits (8 = bits - 1), 13 row bits (12), die in 15:14
 * (CY-MODEL 0x0C81, facts sheet 11). ID1: 0 = HyperRAM device type... CY-MODEL reads 0x0001. */
#define ID0_DIE0 0x0C81u
#define ID1_VAL 0x0001u
/* CR0 at power-on: DPD off (1), 34 ohm, reserved 1111, 6 clocks (0001), fixed latency,
 * legacy wrapped bursts, 32 B: ST's default for this part (reset value UNCONFIRMED). */
#define CR0_RESET 0x8F1Fu
#define CR1_RESET 0xFFC2u /* reserved 1s, distributed refresh default (10): UNCONFIRMED */

#define CA_REG_ID0 0x000u
#define CA_REG_ID1 0x001u
#define CA_REG_CR0 0x800u
#define CA_REG_CR1 0x801u

struct hyperram {
    uint8_t *storage;
    uint32_t size;
    xspi_log_fn log;
    void *log_ctx;
    char name[32];
    uint16_t cr0[DIES], cr1[DIES];
    uint64_t ready_ps;
};

static void hr_log(const struct hyperram *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void hr_log(const struct hyperram *h, const char *fmt, ...)
{
    char msg[256];
    int n = snprintf(msg, sizeof msg, "%s: ", h->name);
    va_list ap;
    va_start(ap, fmt);
    if (n > 0 && (size_t)n < sizeof msg)
        vsnprintf(msg + n, sizeof msg - (size_t)n, fmt, ap);
    va_end(ap);
    if (h->log)
        h->log(h->log_ctx, msg);
}

struct hyperram *hyperram_create(uint8_t *storage, uint32_t size, xspi_log_fn log, void *log_ctx, const char *name)
{
    if (size != DIES * DIE_BYTES)
        return NULL;
    struct hyperram *h = calloc(1, sizeof *h);
    if (h == NULL)
        return NULL;
    h->storage = storage;
    h->size = size;
    h->log = log;
    h->log_ctx = log_ctx;
    snprintf(h->name, sizeof h->name, "%s", name);
    hyperram_power_on(h, 0);
    return h;
}

void hyperram_destroy(struct hyperram *h)
{
    free(h);
}

void hyperram_power_on(struct hyperram *h, uint64_t now_ps)
{
    for (unsigned d = 0; d < DIES; d++) {
        h->cr0[d] = CR0_RESET;
        h->cr1[d] = CR1_RESET;
    }
    h->ready_ps = now_ps + TVCS_PS;
}

/* Initial latency in clocks of a CR0 value (facts sheet 11: 0000 5, 0001 6, 0010 7, 1110 3,
 * 1111 4). */
static unsigned latency_of(uint16_t cr0)
{
    switch ((cr0 >> 4) & 0xFu) {
    case 0x0: return 5;
    case 0x1: return 6;
    case 0x2: return 7;
    case 0xE: return 3;
    case 0xF: return 4;
    default: return 0;
    }
}

/* Highest clock for an initial latency (facts sheet 11, LITEX). */
static uint64_t latency_max_hz(unsigned clocks)
{
    return clocks >= 7u ? 250000000u : clocks == 6u ? 166000000u : clocks == 5u ? 133000000u
         : clocks == 4u ? 104000000u : 85000000u;
}

/* Checks common to transactions and memory-mapped templates; die = the addressed die. */
static bool check(const struct hyperram *h, const struct hyperbus_xfer *x, unsigned die, uint64_t now_ps,
                  char *why, size_t len)
{
    if (now_ps < h->ready_ps) {
        snprintf(why, len, "accessed %" PRIu64 " ns after power-on, before tVCS 150 us", (uint64_t)(now_ps / PS_PER_NS));
        return false;
    }
    if (x->instr) {
        snprintf(why, len, "HyperBus has no instruction phase (CCR.IMODE must be 0): the instruction is taken as CA");
        return false;
    }
    if (x->addr.lines != 8u || !x->addr.dtr || (x->len && (x->data.lines != 8u || !x->data.dtr))) {
        snprintf(why, len, "command-address and data must be 8 lines DTR (have %u%s / %u%s)", x->addr.lines,
                 x->addr.dtr ? "D" : "", x->data.lines, x->data.dtr ? "D" : "");
        return false;
    }
    if (x->clk_hz > MAX_HZ) {
        snprintf(why, len, "clock %" PRIu64 " Hz above the 100 MHz of the 3 V part", x->clk_hz);
        return false;
    }
    if (!x->write && x->len && !x->dqs) {
        snprintf(why, len, "read without RWDS as data strobe (CCR.DQSE=0): data cannot be sampled");
        return false;
    }
    uint64_t trwr_ps = x->clk_hz ? (uint64_t)x->rwr_clocks * 1000000000000ull / x->clk_hz : 0;
    if (trwr_ps < TRWR_NS * PS_PER_NS) {
        snprintf(why, len, "read-write recovery %u clocks = %" PRIu64 " ns, below tRWR 40 ns (HLCR.TRWR)",
                 x->rwr_clocks, (uint64_t)(trwr_ps / PS_PER_NS));
        return false;
    }
    unsigned lat = latency_of(h->cr0[die]);
    bool fixed = (h->cr0[die] >> 3) & 1u;
    if (x->clk_hz > latency_max_hz(lat)) {
        snprintf(why, len, "die %u set to %u latency clocks (CR0 0x%04X), too few at %" PRIu64 " Hz", die, lat,
                 h->cr0[die], x->clk_hz);
        return false;
    }
    bool zero_latency = x->write && (x->reg_space ? true : false);
    if (x->write && x->reg_space && !x->write_zero_latency) {
        snprintf(why, len, "register write with latency (HLCR.WZL=0): register writes take their data right "
                           "after CA");
        return false;
    }
    if (x->write && !x->reg_space && x->write_zero_latency) {
        snprintf(why, len, "memory write with zero latency (HLCR.WZL=1): data would land during the latency");
        return false;
    }
    if (!zero_latency && x->latency_clocks != lat) {
        snprintf(why, len, "controller latency %u clocks (HLCR.TACC), die %u is set to %u (CR0 0x%04X)",
                 x->latency_clocks, die, lat, h->cr0[die]);
        return false;
    }
    if (!zero_latency && fixed && !x->fixed_latency) {
        /* variable-latency controllers read RWDS during CA: with fixed latency it is always
         * high, so they wait 2 x latency as well; accepted */
    }
    return true;
}

static bool reg_known(uint32_t word)
{
    uint32_t w = word & ~(1u << 22);
    return w == CA_REG_ID0 || w == CA_REG_ID1 || w == CA_REG_CR0 || w == CA_REG_CR1;
}

int hyperram_xfer(struct hyperram *h, const struct hyperbus_xfer *x, uint64_t now_ps)
{
    char why[200];
    uint32_t word = x->byte_addr >> 1;
    unsigned die = (x->byte_addr >> 23) & 1u;
    if (!check(h, x, die, now_ps, why, sizeof why)) {
        hr_log(h, "%s %s at 0x%08" PRIX32 " refused: %s", x->reg_space ? "register" : "memory",
               x->write ? "write" : "read", x->byte_addr, why);
        if (!x->write && x->len)
            memset(x->buf, 0xFF, x->len);
        return -1;
    }
    if (x->reg_space) {
        if (!reg_known(word) || (x->byte_addr & 1u)) {
            hr_log(h, "register access at byte address 0x%08" PRIX32 ": no such register", x->byte_addr);
            if (!x->write && x->len)
                memset(x->buf, 0xFF, x->len);
            return -1;
        }
        uint32_t w = word & ~(1u << 22);
        if (x->write) {
            if (x->len < 2u || (w != CA_REG_CR0 && w != CA_REG_CR1)) {
                hr_log(h, "register write to 0x%03" PRIX32 " of %" PRIu32 " bytes refused (CR0/CR1 take one word)",
                       w, x->len);
                return -1;
            }
            /* register words go out little-endian from the controller's FIFO (UNCONFIRMED) */
            uint16_t v = (uint16_t)(x->buf[0] | (x->buf[1] << 8));
            if (w == CA_REG_CR0) {
                if (!(v & 0x8000u)) {
                    hr_log(h, "CR0 write 0x%04X enters deep power-down: not implemented, ignored", v);
                    return -1;
                }
                if (latency_of(v) == 0u) {
                    hr_log(h, "CR0 write 0x%04X: reserved latency code", v);
                    return -1;
                }
                h->cr0[die] = v;
            } else {
                h->cr1[die] = v;
            }
            return 0;
        }
        uint16_t v = w == CA_REG_ID0 ? (uint16_t)(ID0_DIE0 | (die << 14)) : w == CA_REG_ID1 ? ID1_VAL
                   : w == CA_REG_CR0 ? h->cr0[die] : h->cr1[die];
        for (uint32_t i = 0; i < x->len; i++)
            x->buf[i] = (uint8_t)(i & 1u ? v >> 8 : v);
        return 0;
    }
    if (x->byte_addr >= h->size || x->len > h->size - x->byte_addr) {
        hr_log(h, "memory access 0x%08" PRIX32 "+%" PRIu32 " beyond the 16 MiB", x->byte_addr, x->len);
        return -1;
    }
    if (((x->byte_addr + x->len - 1u) >> 23) != die && x->len) {
        hr_log(h, "linear burst 0x%08" PRIX32 "+%" PRIu32 " crosses the die boundary at 8 MiB: the second die "
                  "never sees it (DCR3.CSBOUND)", x->byte_addr, x->len);
        return -1;
    }
    if (x->write)
        memcpy(h->storage + x->byte_addr, x->buf, x->len);
    else
        memcpy(x->buf, h->storage + x->byte_addr, x->len);
    return 0;
}

bool hyperram_mmap_ok(const struct hyperram *h, const struct hyperbus_xfer *rd, const struct hyperbus_xfer *wr,
                      uint32_t max_burst_bytes, uint64_t cs_low_max_ps, uint64_t now_ps, char *why,
                      size_t why_len)
{
    char buf[200];
    for (unsigned d = 0; d < DIES; d++) {
        if (!check(h, rd, d, now_ps, buf, sizeof buf) || (wr && !check(h, wr, d, now_ps, buf, sizeof buf))) {
            snprintf(why, why_len, "%s: die %u: %s", h->name, d, buf);
            return false;
        }
    }
    if (max_burst_bytes == 0u || max_burst_bytes > DIE_BYTES) {
        snprintf(why, why_len, "%s: memory-mapped bursts may cross the 8 MiB die boundary (DCR3.CSBOUND not set "
                               "to 23 or less)", h->name);
        return false;
    }
    if (cs_low_max_ps == 0u || cs_low_max_ps > TCSM_PS) {
        snprintf(why, why_len, "%s: nCS may stay low longer than tCSM 4 us (DCR4.REFRESH %s): the dies cannot "
                               "refresh, data would be lost", h->name, cs_low_max_ps ? "too large" : "= 0");
        return false;
    }
    return true;
}
