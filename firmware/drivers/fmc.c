/* FMC driver shared by F7 and H7 (RM0385/RM0431 13, RM0433/RM0455 22). */
#include "fmc.h"
#include "deadline.h"
#include "errors.h"
#include "gpio.h"
#include "memories/fmc_parts.h"

/* The SDRAM controller takes a command within a few SDCLK; 1 ms is far beyond that. */
#define SDCMR_TIMEOUT_US 1000u

void fmc_pins_configure(const struct board_pin_group *g, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        gpio_clock_enable(g[i].port);
        for (unsigned pin = 0; pin < 16u; pin++) {
            if (g[i].mask & (1u << pin)) {
                struct board_pin p = { g[i].port, (uint8_t)pin, g[i].af };
                gpio_configure(p, GPIO_MODE_AF, GPIO_SPEED_VERY_HIGH);
            }
        }
    }
}

void fmc_enable(void)
{
    fmc_clock_enable();
    if (fmc_family.has_fmcen) {
        FMC_REGS->bank1[0].BCR |= FMC_BCR1_FMCEN;
    }
}

int fmc_async_configure(const struct board_fmc_async *m, unsigned mtyp)
{
    if (m->ne < 1u || m->ne > 4u || (m->bus_bits != 8u && m->bus_bits != 16u) || m->addset > 15u ||
        m->addhld < 1u || m->addhld > 15u || m->datast < 1u || m->busturn > 15u) {
        return DRV_EINVAL;
    }
    fmc_clock_enable();
    struct fmc_regs *r = FMC_REGS;
    unsigned i = m->ne - 1u;
    /* Mode 1 (no EXTMOD): one timing set for reads and writes; demultiplexed bus; bank off
     * while it changes. BCR1 keeps its controller-wide bits (FMCEN, BMAP, WFDIS, CCLKEN). */
    uint32_t keep = i == 0u ? (r->bank1[0].BCR & (FMC_BCR1_FMCEN | FMC_BCR1_BMAP_MSK | FMC_BCR1_WFDIS | FMC_BCR1_CCLKEN)) : 0u;
    uint32_t bcr = keep | FMC_BCR_MTYP(mtyp) | FMC_BCR_MWID(m->bus_bits == 16u ? 1u : 0u) | FMC_BCR_WREN;
    if (mtyp == FMC_BCR_MTYP_NOR) {
        bcr |= FMC_BCR_FACCEN;
    }
    r->bank1[i].BCR = bcr;
    r->bank1[i].BTR = FMC_BTR_ADDSET(m->addset) | FMC_BTR_ADDHLD(m->addhld) | FMC_BTR_DATAST(m->datast) |
                      FMC_BTR_BUSTURN(m->busturn) | FMC_BTR_CLKDIV(1u) | FMC_BTR_DATLAT(0u) | FMC_BTR_ACCMOD(0u);
    r->bank1[i].BCR = bcr | FMC_BCR_MBKEN;
    return r->bank1[i].BCR == (bcr | FMC_BCR_MBKEN) ? DRV_OK : DRV_EVERIFY;
}

int fmc_sdram_configure(const struct board_fmc_sdram *m, const struct sdram_part *p)
{
    if ((m->bank != 1u && m->bank != 2u) || (m->sdclk_div != 2u && m->sdclk_div != 3u) || m->cas < 1u ||
        m->cas > 3u || m->rpipe > 2u || (m->bus_bits != 16u && m->bus_bits != 32u) || m->bus_bits > p->bus_bits ||
        m->tmrd < 1u || m->txsr < 1u || m->tras < 1u || m->trc < 1u || m->twr < 1u || m->trp < 1u ||
        m->trcd < 1u || m->nrfs < 1u || m->nrfs > 16u) {
        return DRV_EINVAL;
    }
    fmc_clock_enable();
    struct fmc_regs *r = FMC_REGS;
    /* SDCLK, RBURST and RPIPE exist in SDCR1 only; TRC and TRP in SDTR1 only (RM 22.7.3). */
    uint32_t shared = FMC_SDCR_SDCLK(m->sdclk_div) | (m->rburst ? FMC_SDCR_RBURST : 0u) | FMC_SDCR_RPIPE(m->rpipe);
    uint32_t geo = FMC_SDCR_NC(p->col_bits) | FMC_SDCR_NR(p->row_bits) | FMC_SDCR_MWID(m->bus_bits) |
                   (p->banks == 4u ? FMC_SDCR_NB4 : 0u) | FMC_SDCR_CAS(m->cas) | FMC_SDCR_WP;
    uint32_t sdtr = FMC_SDTR(m->tmrd, m->txsr, m->tras, m->trc, m->twr, m->trp, m->trcd);
    if (m->bank == 1u) {
        r->SDCR[0] = shared | geo;
        r->SDTR[0] = sdtr;
    } else {
        r->SDCR[0] = (r->SDCR[0] & ~FMC_SDCR_SHARED_MSK) | shared;
        r->SDCR[1] = geo;
        /* TRC and TRP are taken from SDTR1 */
        r->SDTR[0] = (r->SDTR[0] & ~((0xFu << 12) | (0xFu << 20))) | (sdtr & ((0xFu << 12) | (0xFu << 20)));
        r->SDTR[1] = sdtr;
    }
    return DRV_OK;
}

int fmc_sdram_command(const struct board_fmc_sdram *m, unsigned mode, unsigned nrfs, uint32_t mrd)
{
    struct fmc_regs *r = FMC_REGS;
    if (fmc_family.has_sdsr_busy && wait_reg(&r->SDSR, FMC_SDSR_BUSY, 0u, SDCMR_TIMEOUT_US) != 0) {
        return DRV_ETIMEDOUT;
    }
    r->SDCMR = mode | (m->bank == 1u ? FMC_SDCMR_CTB1 : FMC_SDCMR_CTB2) | FMC_SDCMR_NRFS(nrfs ? nrfs : 1u) |
               FMC_SDCMR_MRD(mrd);
    if (fmc_family.has_sdsr_busy && wait_reg(&r->SDSR, FMC_SDSR_BUSY, 0u, SDCMR_TIMEOUT_US) != 0) {
        return DRV_ETIMEDOUT;
    }
    return DRV_OK;
}

void fmc_sdram_refresh(uint16_t count)
{
    FMC_REGS->SDRTR = FMC_SDRTR_COUNT(count & 0x1FFFu);
}

void fmc_sdram_write_protect(const struct board_fmc_sdram *m, bool on)
{
    volatile uint32_t *sdcr = &FMC_REGS->SDCR[m->bank - 1u];
    *sdcr = on ? (*sdcr | FMC_SDCR_WP) : (*sdcr & ~FMC_SDCR_WP);
}
