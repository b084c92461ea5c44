/* SDMMC1 v2 (RM0433 55) at 0x52007000: CPSM (commands and responses), DPSM (block reads
 * started by CMD.CMDTRANS), 16-word receive FIFO with hardware flow control, the status
 * flags and their clear register. Time: a command takes 48 + 8 + 48 (or 136) card clocks,
 * 64 + 48 without response (CTIMEOUT); data arrives after a 100 us first-block access time
 * at (512 x 8 / lines + CRC16 + start/end + 8 gap) clocks per 512-byte block. The card is a
 * separate model (sim/devices/sdcard.c) fed one command at a time. */
#include "sdmmc.h"

#include <stdlib.h>
#include <string.h>

#include "devices/sdcard.h"

#define SDMMC1_BASE 0x52007000u
#define AHB3_SDMMC1 16u
#define PWR_ON 3u
#define STA_CCRCFAIL (1u << 0)
#define STA_DCRCFAIL (1u << 1)
#define STA_CTIMEOUT (1u << 2)
#define STA_DTIMEOUT (1u << 3)
#define STA_RXOVERR (1u << 5)
#define STA_CMDREND (1u << 6)
#define STA_CMDSENT (1u << 7)
#define STA_DATAEND (1u << 8)
#define STA_DBCKEND (1u << 10)
#define STA_DPSMACT (1u << 12)
#define STA_CPSMACT (1u << 13)
#define STA_RXFIFOHF (1u << 15)
#define STA_RXFIFOF (1u << 17)
#define STA_RXFIFOE (1u << 19)
#define STA_BUSYD0 (1u << 20)
#define STA_BUSYD0END (1u << 21)
#define CMD_CMDTRANS (1u << 6)
#define CMD_CPSMEN (1u << 12)
#define DCTRL_DTEN (1u << 0)
#define DCTRL_DTDIR (1u << 1)
#define DCTRL_FIFORST (1u << 13)
#define CLKCR_HWFC (1u << 17)
#define FIFO_BYTES 64u
#define FIRST_BLOCK_PS 100000000ull /* 100 us read access time */

static struct sdmmc_model *the_sdmmc;
static void (*next_reset)(struct sim *s, uint32_t off, uint32_t v);

static bool clocked(const struct sdmmc_model *m)
{
    return h7_rcc_enabled(m->rcc, RCC_AHB3ENR_OFF, AHB3_SDMMC1);
}

/* pll1_q_ck, the kernel clock with D1CCIPR.SDMMCSEL = 0 (RM0433 8.5). */
static uint32_t ker_hz(struct sim *s, const struct sdmmc_model *m)
{
    const struct h7_rcc *r = m->rcc;
    (void)s;
    if (r->d1ccipr & (1u << 16)) {
        return 0; /* pll2_r_ck: PLL2 is not modelled */
    }
    if (!(r->cr & RCC_PLL1RDY) || !(r->pllcfgr & (1u << 17))) {
        return 0;
    }
    uint32_t src = r->pllckselr & 3u, divm = (r->pllckselr >> 4) & 0x3Fu;
    uint32_t in = src == 2u ? r->hse_hz : src == 0u ? 64000000u : 0u;
    if (divm == 0u || in == 0u) {
        return 0;
    }
    uint64_t vco = (uint64_t)in / divm * ((r->pll1divr & 0x1FFu) + 1u);
    return (uint32_t)(vco / (((r->pll1divr >> 16) & 0x7Fu) + 1u));
}

static uint32_t card_hz(struct sim *s, const struct sdmmc_model *m)
{
    uint32_t ker = ker_hz(s, m), div = m->clkcr & 0x3FFu;
    return div == 0u ? ker : ker / (2u * div);
}

static unsigned width(const struct sdmmc_model *m)
{
    unsigned w = (m->clkcr >> 14) & 3u;
    return w == 1u ? 4u : w == 2u ? 8u : 1u;
}

/* Bytes received by now (the FIFO holds at most FIFO_BYTES with flow control). */
static uint32_t arrived(struct sim *s, struct sdmmc_model *m, bool *overrun)
{
    return sdmmc_rx_arrived(s, m, FIFO_BYTES, (m->clkcr & CLKCR_HWFC) != 0u, overrun);
}

static uint32_t sta_value(struct sim *s, struct sdmmc_model *m)
{
    if (m->cmd_busy && s->now_ps >= m->cmd_done_ps) {
        m->cmd_busy = false;
        m->sta |= m->cmd_flags;
    }
    uint32_t v = m->sta;
    if (m->cmd_busy) {
        v |= STA_CPSMACT;
    }
    if (m->rx_active && !m->cmd_busy) {
        bool overrun = false;
        uint32_t got = arrived(s, m, &overrun);
        uint32_t level = got - m->rx_pos;
        if (overrun) {
            m->sta |= STA_RXOVERR;
            m->rx_active = false;
            sim_printf(s, "sim: SDMMC1: receive FIFO overrun: the CPU did not keep up and CLKCR.HWFC_EN is 0");
            return m->sta;
        }
        if (got >= m->rx_len) {
            if (m->rx_crc_fail) {
                m->sta |= STA_DCRCFAIL;
                m->rx_active = false;
            } else if (m->rx_len < m->dlen) {
                uint64_t tmo = m->rx_start_ps + sdmmc_clocks_ps(m->dtimer, card_hz(s, m));
                if (s->now_ps >= tmo) {
                    m->sta |= STA_DTIMEOUT;
                    m->rx_active = false;
                }
            } else {
                m->sta |= STA_DATAEND | STA_DBCKEND;
            }
        }
        if (!(m->sta & (STA_DATAEND | STA_DCRCFAIL | STA_DTIMEOUT))) {
            v |= STA_DPSMACT;
        }
        v |= m->sta;
        v |= level >= 32u ? STA_RXFIFOHF : 0u;
        v |= level >= FIFO_BYTES ? STA_RXFIFOF : 0u;
        v |= level == 0u ? STA_RXFIFOE : 0u;
        if ((m->sta & STA_DATAEND) && level == 0u) {
            m->rx_active = false;
        }
    } else if (!m->rx_active) {
        v |= STA_RXFIFOE;
    }
    return v;
}

static void send_command(struct sim *s, struct sdmmc_model *m, uint32_t cmd)
{
    unsigned index = cmd & 0x3Fu, waitresp = (cmd >> 8) & 3u;
    bool trans = (cmd & CMD_CMDTRANS) != 0u;
    uint32_t hz = card_hz(s, m);
    struct sdcard_cmd_result r = { 0 };
    m->sta &= ~(STA_CMDREND | STA_CMDSENT | STA_CTIMEOUT | STA_CCRCFAIL);
    if ((m->power & 3u) != PWR_ON) {
        sim_printf(s, "sim: SDMMC1: CMD%u with the card power off (POWER.PWRCTRL=%u): no response", index,
                   m->power & 3u);
    } else if (hz == 0u) {
        sim_printf(s, "sim: SDMMC1: CMD%u without a kernel clock (pll1_q_ck off or SDMMCSEL not PLL1 Q)", index);
    } else if (m->card && sdmmc_pins_ok(s, m, 1u, "command")) {
        sdcard_dev_command(m->card, index, m->arg, hz, s->now_ps, &r);
    }
    uint64_t resp_bits = waitresp == 3u ? 136u : 48u;
    uint32_t flags;
    if (waitresp == 0u) {
        flags = STA_CMDSENT;
        m->cmd_done_ps = s->now_ps + sdmmc_clocks_ps(48u + 8u, hz);
    } else if (!r.responds) {
        flags = STA_CTIMEOUT;
        m->cmd_done_ps = s->now_ps + sdmmc_clocks_ps(48u + 64u, hz);
    } else {
        m->cmd_done_ps = s->now_ps + sdmmc_clocks_ps(48u + 8u + resp_bits, hz);
        bool crc_bad = (r.no_crc && waitresp != 2u) || (r.long_resp != (waitresp == 3u));
        flags = crc_bad ? STA_CCRCFAIL : STA_CMDREND;
        memcpy(m->resp, r.resp, sizeof m->resp);
        m->respcmd = r.long_resp || r.no_crc ? 0x3Fu : index;
    }
    m->cmd_flags = flags;
    m->cmd_busy = true;
    if (hz == 0u) {
        m->cmd_done_ps = s->now_ps + 1000000000ull;
    }
    if (trans) {
        if (m->dctrl & DCTRL_DTEN) {
            sim_violation(s, "SDMMC1: CMD%u with CMDTRANS while DCTRL.DTEN=1: DTEN is only for transfers "
                          "without a command (RM0433 55.10.9)", index);
        }
        if (!(m->dctrl & DCTRL_DTDIR)) {
            sim_violation(s, "SDMMC1: CMD%u starts a data phase with DCTRL.DTDIR=0 (write): the boot only reads", index);
        }
        m->rx_len = 0;
        m->rx_pos = 0;
        m->rx_crc_fail = false;
        m->sta &= ~(STA_DATAEND | STA_DBCKEND | STA_DCRCFAIL | STA_DTIMEOUT | STA_RXOVERR);
        m->rx_active = true;
        uint32_t want = m->dlen & 0x1FFFFFFu;
        uint32_t have = r.responds ? (r.data_len == UINT32_MAX ? want : (r.data_len < want ? r.data_len : want)) : 0u;
        if (r.responds && r.data_len != UINT32_MAX && r.data_len != want && r.data_len != 0u) {
            sim_printf(s, "sim: SDMMC1: CMD%u sends %u data bytes, DLEN asks %u", index, r.data_len, want);
        }
        if (have > m->rx_cap) {
            uint8_t *nb = realloc(m->rx, have);
            if (nb == NULL) {
                have = 0;
            } else {
                m->rx = nb;
                m->rx_cap = have;
            }
        }
        if (have && !sdmmc_pins_ok(s, m, width(m), "data")) {
            m->rx_crc_fail = true;
        }
        if (have) {
            bool ok = sdcard_dev_data(m->card, m->rx, have, width(m), hz);
            m->rx_crc_fail = m->rx_crc_fail || !ok;
        }
        m->rx_len = have;
        unsigned lines = width(m) >= 4u ? 4u : 1u;
        uint32_t bsize = 1u << ((m->dctrl >> 4) & 0xFu);
        uint64_t block_clocks = (uint64_t)bsize * 8u / lines + 16u + 2u + 8u;
        m->rx_ps_per_byte_x16 = sdmmc_clocks_ps(block_clocks * 16u, hz) / bsize;
        if (m->rx_ps_per_byte_x16 == 0u) {
            m->rx_ps_per_byte_x16 = 1u;
        }
        m->rx_start_ps = m->cmd_done_ps + (have >= 512u ? FIRST_BLOCK_PS : sdmmc_clocks_ps(8u, hz));
        m->bytes_total += have;
    }
}

static uint32_t fifo_read(struct sim *s, struct sdmmc_model *m)
{
    (void)sta_value(s, m);
    uint32_t got = arrived(s, m, NULL);
    if (m->rx_pos >= got) {
        sim_printf(s, "sim: SDMMC1: FIFO read with the receive FIFO empty: reads 0");
        return 0;
    }
    uint32_t v = 0;
    for (unsigned i = 0; i < 4u; i++) {
        uint32_t at = m->rx_pos + i;
        v |= (uint32_t)(at < got ? m->rx[at] : 0u) << (8u * i);
    }
    m->rx_pos = got - m->rx_pos >= 4u ? m->rx_pos + 4u : got;
    return v;
}

static uint32_t sdmmc_read(struct sim *s, void *self, uint32_t off, unsigned size)
{
    (void)size;
    struct sdmmc_model *m = self;
    if (!clocked(m)) {
        sim_printf(s, "sim: SDMMC1 read at +0x%02x with its clock off (RCC_AHB3ENR.SDMMC1EN=0): reads 0", off);
        return 0;
    }
    if (off >= 0x80u && off < 0xC0u) {
        return fifo_read(s, m);
    }
    switch (off) {
    case 0x00: return m->power;
    case 0x04: return m->clkcr;
    case 0x08: return m->arg;
    case 0x0C: return m->cmd;
    case 0x10: (void)sta_value(s, m); return m->respcmd;
    case 0x14: case 0x18: case 0x1C: case 0x20: return m->resp[(off - 0x14u) / 4u];
    case 0x24: return m->dtimer;
    case 0x28: return m->dlen;
    case 0x2C: return m->dctrl;
    case 0x30: return m->rx_len > m->rx_pos ? m->dlen - m->rx_pos : 0u;
    case 0x34: return sta_value(s, m);
    case 0x3C: return m->mask;
    case 0x40: return m->acktime;
    case 0x50: return m->idmactrl;
    case 0x54: return m->idmabsize;
    case 0x58: return m->idmabase0;
    case 0x5C: return m->idmabase1;
    case 0x3FC: return 0x00000010u; /* IPVR: version 1.0 */
    default: return 0;
    }
}

static void sdmmc_write(struct sim *s, void *self, uint32_t off, unsigned size, uint32_t v)
{
    (void)size;
    struct sdmmc_model *m = self;
    if (!clocked(m)) {
        sim_printf(s, "sim: SDMMC1 write at +0x%02x with its clock off (RCC_AHB3ENR.SDMMC1EN=0): ignored", off);
        return;
    }
    switch (off) {
    case 0x00: {
        bool was_on = (m->power & 3u) == PWR_ON;
        m->power = v & 0x1Fu;
        bool on = (m->power & 3u) == PWR_ON;
        if (m->card && on != was_on) {
            sdcard_dev_power(m->card, on, s->now_ps);
        }
        return;
    }
    case 0x04: m->clkcr = v & 0x003FF3FFu; return;
    case 0x08: m->arg = v; return;
    case 0x0C:
        m->cmd = v;
        if (v & CMD_CPSMEN) {
            if (m->cmd_busy && s->now_ps < m->cmd_done_ps) {
                sim_violation(s, "SDMMC1: CMD written while the CPSM is busy with the previous command");
                return;
            }
            send_command(s, m, v);
        }
        return;
    case 0x24: m->dtimer = v; return;
    case 0x28: m->dlen = v & 0x1FFFFFFu; return;
    case 0x2C:
        if (v & DCTRL_FIFORST) {
            m->rx_active = false;
            m->rx_len = m->rx_pos = 0;
        }
        m->dctrl = v & ~DCTRL_FIFORST;
        return;
    case 0x38: m->sta &= ~v; return;
    case 0x3C: m->mask = v; return;
    case 0x40: m->acktime = v; return;
    case 0x50:
        m->idmactrl = v & 7u;
        if (v & 1u) {
            sim_printf(s, "sim: SDMMC1: IDMA enabled: not modelled (the boot reads the FIFO)");
        }
        return;
    case 0x54: m->idmabsize = v; return;
    case 0x58: m->idmabase0 = v; return;
    case 0x5C: m->idmabase1 = v; return;
    default: return;
    }
}

static void sdmmc_reset(struct sim *s, uint32_t off, uint32_t v)
{
    if (off == 0x7Cu && (v & (1u << AHB3_SDMMC1)) && the_sdmmc) {
        struct sdmmc_model *m = the_sdmmc;
        if (m->card && (m->power & 3u) == PWR_ON) {
            sdcard_dev_power(m->card, false, s->now_ps);
        }
        m->power = m->clkcr = m->arg = m->cmd = m->dtimer = m->dlen = m->dctrl = m->sta = m->mask = 0;
        m->cmd_busy = m->rx_active = false;
        m->rx_len = m->rx_pos = 0;
    }
    if (next_reset) {
        next_reset(s, off, v);
    }
}

int sdmmc_model_init(struct sim *s, struct sdmmc_model *m, struct h7_rcc *rcc, struct gpio_model *gpio,
                     const struct board_sdcard *bsd, struct sdcard_dev *card)
{
    memset(m, 0, sizeof *m);
    m->rcc = rcc;
    m->gpio = gpio;
    m->bsd = bsd;
    m->card = card;
    struct periph p = { "SDMMC1", SDMMC1_BASE, 0x400u, sdmmc_read, sdmmc_write, m };
    sim_add_periph(s, &p);
    the_sdmmc = m;
    next_reset = rcc->on_reset;
    rcc->on_reset = sdmmc_reset;
    return 0;
}
