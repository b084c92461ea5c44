/* SDRAM part model: power-up (>= 100 us of stable clock, precharge all, >= 2 auto-refresh,
 * load mode register; ISSI IS42S32800G/J datasheets, JEDEC SDR) and retention (4096 rows
 * every 64 ms; without that the cells lose their charge: the contents become noise). */
#include "sdram.h"

#include <stdio.h>
#include <string.h>

static void say(struct sdram_dev *d, const char *msg)
{
    snprintf(d->why, sizeof d->why, "%s", msg);
    if (d->log) {
        d->log(d->log_ctx, msg);
    }
}

void sdram_dev_init(struct sdram_dev *d, const struct sdram_part *p, uint8_t *mem, uint32_t size,
                    void (*log)(void *, const char *), void *ctx)
{
    memset(d, 0, sizeof *d);
    d->part = p;
    d->mem = mem;
    d->size = size;
    d->log = log;
    d->log_ctx = ctx;
}

bool sdram_dev_command(struct sdram_dev *d, enum sdram_cmd c, unsigned count, uint32_t mode, unsigned cas,
                       uint64_t now_ps)
{
    char msg[200];
    const struct sdram_part *p = d->part;
    switch (c) {
    case SDRAM_CMD_CLOCK:
        if (!d->clocked) {
            d->clocked = true;
            d->clock_on_ps = now_ps;
        }
        return true;
    case SDRAM_CMD_PALL:
        if (!d->clocked) {
            say(d, "SDRAM: precharge all without a clock (no clock enable command): ignored");
            return false;
        }
        if (now_ps - d->clock_on_ps < (uint64_t)p->powerup_us * 1000000u) {
            snprintf(msg, sizeof msg, "SDRAM: precharge all %llu us after the clock started; the %s needs %u us "
                     "of stable clock first: ignored", (unsigned long long)((now_ps - d->clock_on_ps) / 1000000u),
                     p->name, p->powerup_us);
            say(d, msg);
            return false;
        }
        d->precharged = true;
        return true;
    case SDRAM_CMD_AUTOREFRESH:
        if (!d->precharged) {
            say(d, "SDRAM: auto-refresh before precharge all: ignored (banks not idle)");
            return false;
        }
        d->autorefresh += count;
        return true;
    case SDRAM_CMD_LMR:
        if (!d->precharged || d->autorefresh < p->min_autorefresh) {
            snprintf(msg, sizeof msg, "SDRAM: load mode register after %s%u auto-refresh cycles; the %s needs "
                     "precharge all and %u: ignored", d->precharged ? "" : "no precharge all and ", d->autorefresh,
                     p->name, p->min_autorefresh);
            say(d, msg);
            return false;
        }
        if (((mode >> 4) & 7u) != cas || ((mode >> 7) & 3u) != 0u) {
            snprintf(msg, sizeof msg, "SDRAM: mode register 0x%03x sets CAS %u, the controller samples after "
                     "CAS %u: ignored", mode, (mode >> 4) & 7u, cas);
            say(d, msg);
            return false;
        }
        d->mode = mode;
        d->mode_set = true;
        return true;
    }
    return false;
}

bool sdram_dev_ready(struct sdram_dev *d, char *why, size_t len)
{
    if (d->mode_set) {
        return true;
    }
    if (d->why[0]) {
        snprintf(why, len, "the %s is not initialised (last refusal: %s)", d->part->name, d->why);
    } else {
        snprintf(why, len, "the %s is not initialised: %s", d->part->name,
                 !d->clocked ? "no clock enable command" : !d->precharged ? "no precharge all command"
                 : d->autorefresh < d->part->min_autorefresh ? "too few auto-refresh commands"
                 : "no load mode register command");
    }
    return false;
}

uint64_t sdram_dev_deadline(const struct sdram_dev *d)
{
    if (d->refreshing || !d->holds_data) {
        return UINT64_MAX;
    }
    return d->unrefreshed_ps + (uint64_t)d->part->retention_ms * 1000000000u;
}

void sdram_dev_refresh(struct sdram_dev *d, uint64_t row_interval_ps, uint64_t now_ps)
{
    uint64_t all_rows = row_interval_ps * d->part->refresh_rows;
    bool ok = row_interval_ps != 0u && all_rows <= (uint64_t)d->part->retention_ms * 1000000000u;
    if (d->holds_data && !d->refreshing && now_ps >= sdram_dev_deadline(d)) {
        /* Deterministic noise: the same run loses the same way. */
        uint32_t x = 0x9E3779B9u;
        for (uint32_t i = 0; i + 4u <= d->size; i += 4u) {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            memcpy(d->mem + i, &x, 4);
        }
        d->holds_data = false;
        d->losses++;
        char msg[200];
        snprintf(msg, sizeof msg, "SDRAM: no refresh of every row for %u ms (retention %u ms): the %s lost its "
                 "contents", (unsigned)((now_ps - d->unrefreshed_ps) / 1000000000u), d->part->retention_ms,
                 d->part->name);
        if (d->log) {
            d->log(d->log_ctx, msg);
        }
    }
    if (ok && !d->refreshing) {
        d->refreshing = true;
    } else if (!ok && d->refreshing) {
        d->refreshing = false;
        d->unrefreshed_ps = now_ps;
    }
}
