/* SDR SDRAM bring-up (JEDEC power-up as the ISSI IS42S32800G/J datasheets and RM0433 22.9.3
 * give it): clock, >= 100 us with a stable clock, precharge all, auto-refresh cycles, load
 * mode register, refresh rate, then writes allowed. */
#include "sdram.h"
#include "drivers/deadline.h"
#include "drivers/errors.h"
#include "drivers/fmc.h"
#include "fmc_parts.h"

const char *sdram_stage_name(enum sdram_stage s)
{
    static const char *const names[] = { "part lookup", "controller configuration (SDCR/SDTR)",
                                         "clock enable command", "precharge all command",
                                         "auto-refresh commands", "load mode register command",
                                         "refresh rate (SDRTR)" };
    return (unsigned)s < sizeof names / sizeof names[0] ? names[s] : "?";
}

static void delay_us(uint32_t us)
{
    /* No status bit tells that the power-up time has passed: a bounded time wait. */
    struct deadline d = deadline_in_us(us);
    while (!deadline_passed(&d)) {
    }
}

int sdram_bringup(const struct board_fmc *f, uint32_t kernel_hz, struct sdram_result *r)
{
    const struct board_fmc_sdram *m = f->sdram;
    int rc;
    r->stage = SDRAM_STAGE_PART;
    const struct sdram_part *p = sdram_part_by_name(m->part);
    if (p == NULL) {
        return DRV_EINVAL;
    }
    r->sdclk_hz = kernel_hz / m->sdclk_div;
    r->mode_register = SDRAM_MR_BL1 | SDRAM_MR_CAS(m->cas) | SDRAM_MR_SINGLE_WRITE;
    r->refresh_ns = (uint32_t)(((uint64_t)(m->refresh_count + 1u) * 1000000000u) / r->sdclk_hz);
    fmc_pins_configure(m->pins, m->ngroups);
    r->stage = SDRAM_STAGE_CONFIG;
    if ((rc = fmc_sdram_configure(m, p)) != 0) {
        return rc;
    }
    fmc_enable();
    /* SDCKE high, SDCLK running. */
    r->stage = SDRAM_STAGE_CLOCK;
    if ((rc = fmc_sdram_command(m, FMC_SDCMR_MODE_CLK, 1u, 0u)) != 0) {
        return rc;
    }
    /* Power-up: the part needs a stable clock for this long before any command but NOP. */
    delay_us(p->powerup_us + p->powerup_us / 10u);
    /* All banks to idle. */
    r->stage = SDRAM_STAGE_PALL;
    if ((rc = fmc_sdram_command(m, FMC_SDCMR_MODE_PALL, 1u, 0u)) != 0) {
        return rc;
    }
    /* Auto-refresh cycles (at least the part's minimum; the board may give more). */
    r->stage = SDRAM_STAGE_AUTOREFRESH;
    unsigned n = m->nrfs < p->min_autorefresh ? p->min_autorefresh : m->nrfs;
    if ((rc = fmc_sdram_command(m, FMC_SDCMR_MODE_AUTOREF, n, 0u)) != 0) {
        return rc;
    }
    /* Burst length 1 (the FMC splits bursts itself), CAS as in SDCR, single-location writes. */
    r->stage = SDRAM_STAGE_LMR;
    if ((rc = fmc_sdram_command(m, FMC_SDCMR_MODE_LMR, 1u, r->mode_register)) != 0) {
        return rc;
    }
    /* One row every (COUNT + 1) SDCLK: all rows within the retention time. */
    r->stage = SDRAM_STAGE_REFRESH;
    uint64_t all_rows_us = (uint64_t)r->refresh_ns * p->refresh_rows / 1000u;
    if (all_rows_us > (uint64_t)p->retention_ms * 1000u) {
        return DRV_EINVAL;
    }
    fmc_sdram_refresh(m->refresh_count);
    fmc_sdram_write_protect(m, false);
    return DRV_OK;
}
