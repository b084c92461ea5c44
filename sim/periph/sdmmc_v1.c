/* SDMMC1 v1 of the STM32F7 (RM0385 "SD/SDIO/MMC card host interface") at 0x40012C00: CPSM
 * (commands and responses), DPSM armed by DCTRL.DTEN before the read command (it waits for
 * the start bit, DTIMEOUT after DTIMER card clocks), a 32-word receive FIFO with hardware
 * flow control (overrun without it), the status flags and their clear register. It refuses
 * what this IP refuses: no card clock without CLKCR.CLKEN and POWER on, no kernel clock
 * without its source, pins not in their AF, data on the wrong bus width (the card model).
 * Times as the v2 model: a command takes 48 + 8 + 48 (or 136) card clocks, 64 + 48 without
 * response; data after a 100 us first-block access time at (512 x 8 / lines + CRC16 +
 * start/end + 8 gap) clocks per block. CK = SDMMCCLK / (CLKDIV + 2), or SDMMCCLK with BYPASS. */
#include "sdmmc_v1.h"

#include <stdlib.h>
#include <string.h>

#include "devices/sdcard.h"

#define SDMMC1_BASE 0x40012C00u
#define APB2ENR_OFF 0x44u
#define APB2RSTR_OFF 0x24u
#define APB2_SDMMC1 11u
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
#define STA_CMDACT (1u << 11)
#define STA_RXACT (1u << 13)
#define STA_RXFIFOHF (1u << 15)
#define STA_RXFIFOF (1u << 17)
#define STA_RXFIFOE (1u << 19)
#define STA_RXDAVL (1u << 21)
#define ICR_MASK 0x004005FFu
#define CMD_CPSMEN (1u << 10)
#define DCTRL_DTEN (1u << 0)
#define DCTRL_DTDIR (1u << 1)
#define DCTRL_DTMODE (1u << 2)
#define DCTRL_DMAEN (1u << 3)
#define CLKCR_CLKEN (1u << 8)
#define CLKCR_BYPASS (1u << 10)
#define CLKCR_HWFC (1u << 14)
#define FIFO_BYTES 128u
#define HALF_FIFO_BYTES 32u
#define FIRST_BLOCK_PS 100000000ull /* 100 us read access time */
#define DOMAIN48_MAX_HZ 48000000u

static struct sdmmc_model *the_sdmmc;
static struct f7_rcc *the_rcc;
static void (*next_reset)(struct sim *s, uint32_t off, uint32_t v);

static bool clocked(const struct sdmmc_model *m)
{
    return h7_rcc_enabled(m->rcc, APB2ENR_OFF, APB2_SDMMC1);
}

static uint32_t ker_hz(struct sim *s)
{
    bool from48;
    uint32_t hz = f7_rcc_sdmmc1_hz(the_rcc, &from48);
    static bool said; /* once per run: every status read asks for the clock */
    if (from48 && hz > DOMAIN48_MAX_HZ && !said) {
        said = true;
        sim_violation(s, "SDMMC1: the 48 MHz clock runs at %u Hz (PLLQ): SDMMC needs at most 48 MHz there (RM0385)",
                      hz);
    }
    return hz;
}

static uint32_t card_hz(struct sim *s, const struct sdmmc_model *m)
{
    if (!(m->clkcr & CLKCR_CLKEN)) {
        return 0;
    }
    uint32_t ker = ker_hz(s);
    return (m->clkcr & CLKCR_BYPASS) ? ker : ker / ((m->clkcr & 0xFFu) + 2u);
}

static unsigned width(const struct sdmmc_model *m)
{
    unsigned w = (m->clkcr >> 11) & 3u;
    return w == 1u ? 4u : w == 2u ? 8u : 1u;
}

/* Bytes received by now (the FIFO holds at most FIFO_BYTES with flow control). */
static uint32_t arrived(struct sim *s, struct sdmmc_model *m, bool *overrun)
{
    return sdmmc_rx_arrived(s, m, FIFO_BYTES, (m->clkcr & CLKCR_HWFC) != 0u, overrun);
}

/* The DPSM (armed: m->dctrl has DTEN and rx_active) with the data of the last command. */
static uint32_t sta_value(struct sim *s, struct sdmmc_model *m)
{
    if (m->cmd_busy && s->now_ps >= m->cmd_done_ps) {
        m->cmd_busy = false;
        m->sta |= m->cmd_flags;
    }
    uint32_t v = m->sta;
    if (m->cmd_busy) {
        v |= STA_CMDACT;
    }
    uint32_t level = 0;
    if (m->rx_active) {
        bool overrun = false;
        uint32_t got = arrived(s, m, &overrun);
        level = got - m->rx_pos;
        if (overrun) {
            m->sta |= STA_RXOVERR;
            m->rx_active = false;
            sim_printf(s, "sim: SDMMC1: receive FIFO overrun: the CPU did not keep up and CLKCR.HWFC_EN is 0");
            return m->sta | STA_RXFIFOF;
        }
        if (m->rx_len < m->dlen && got >= m->rx_len) {
            /* no (more) data comes: the data timer runs out from the arming of the DPSM */
            uint64_t tmo = m->dpsm_armed_ps + sdmmc_clocks_ps(m->dtimer, card_hz(s, m));
            if (s->now_ps >= tmo) {
                m->sta |= STA_DTIMEOUT;
                m->rx_active = false;
            }
        } else if (got >= m->rx_len && m->rx_len != 0u) {
            if (m->rx_crc_fail) {
                m->sta |= STA_DCRCFAIL;
                m->rx_active = false;
            } else {
                m->sta |= STA_DATAEND | STA_DBCKEND;
            }
        }
        if (!(m->sta & (STA_DATAEND | STA_DCRCFAIL | STA_DTIMEOUT))) {
            v |= STA_RXACT;
        }
        v |= m->sta;
        if ((m->sta & STA_DATAEND) && level == 0u) {
            m->rx_active = false;
        }
    } else {
        level = m->rx_len > m->rx_pos ? m->rx_len - m->rx_pos : 0u;
    }
    v |= level >= HALF_FIFO_BYTES ? STA_RXFIFOHF : 0u;
    v |= level >= FIFO_BYTES ? STA_RXFIFOF : 0u;
    v |= level == 0u ? STA_RXFIFOE : STA_RXDAVL;
    return v;
}

static void start_data(struct sim *s, struct sdmmc_model *m, unsigned index, const struct sdcard_cmd_result *r,
                       uint32_t hz)
{
    uint32_t want = m->dlen & 0x1FFFFFFu;
    uint32_t have = r->data_len == UINT32_MAX ? want : (r->data_len < want ? r->data_len : want);
    if (r->data_len != UINT32_MAX && r->data_len != want) {
        sim_printf(s, "sim: SDMMC1: CMD%u sends %u data bytes, DLEN asks %u", index, r->data_len, want);
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
    m->rx_crc_fail = false;
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

static void send_command(struct sim *s, struct sdmmc_model *m, uint32_t cmd)
{
    unsigned index = cmd & 0x3Fu, waitresp = (cmd >> 6) & 3u;
    uint32_t hz = card_hz(s, m);
    struct sdcard_cmd_result r = { 0 };
    m->sta &= ~(STA_CMDREND | STA_CMDSENT | STA_CTIMEOUT | STA_CCRCFAIL);
    if ((m->power & 3u) != PWR_ON) {
        sim_printf(s, "sim: SDMMC1: CMD%u with the card power off (POWER.PWRCTRL=%u): no response", index,
                   m->power & 3u);
    } else if (!(m->clkcr & CLKCR_CLKEN)) {
        sim_printf(s, "sim: SDMMC1: CMD%u with CLKCR.CLKEN=0: the card gets no clock, no response", index);
    } else if (hz == 0u) {
        sim_printf(s, "sim: SDMMC1: CMD%u without a kernel clock (PLL off, or DCKCFGR2 selects PLLSAI, not modelled)",
                   index);
    } else if (m->card && sdmmc_pins_ok(s, m, 1u, "command")) {
        sdcard_dev_command(m->card, index, m->arg, hz, s->now_ps, &r);
    }
    uint32_t clk = hz ? hz : 400000u; /* the CPSM's own timing when the card sees no clock */
    bool resp = waitresp == 1u || waitresp == 3u;
    uint32_t flags;
    if (!resp) {
        flags = STA_CMDSENT;
        m->cmd_done_ps = s->now_ps + sdmmc_clocks_ps(48u + 8u, clk);
    } else if (!r.responds) {
        flags = STA_CTIMEOUT;
        m->cmd_done_ps = s->now_ps + sdmmc_clocks_ps(48u + 64u, clk);
    } else {
        m->cmd_done_ps = s->now_ps + sdmmc_clocks_ps(48u + 8u + (waitresp == 3u ? 136u : 48u), clk);
        /* v1 checks the CRC of every response: R3's all-ones field fails it (CCRCFAIL, the
         * response is still in RESP1); a response of the other length fails it too. */
        bool crc_bad = r.no_crc || (r.long_resp != (waitresp == 3u));
        flags = crc_bad ? STA_CCRCFAIL : STA_CMDREND;
        memcpy(m->resp, r.resp, sizeof m->resp);
        m->respcmd = r.long_resp || r.no_crc ? 0x3Fu : index;
    }
    m->cmd_flags = flags;
    m->cmd_busy = true;
    if (r.responds && r.data_len != 0u) {
        if (!m->rx_active || m->rx_len != 0u) {
            sim_violation(s, "SDMMC1: CMD%u: the card sends data but the DPSM is not waiting for it (write DLEN, "
                          "DTIMER and DCTRL with DTEN before the command, RM0385)", index);
        } else {
            start_data(s, m, index, &r, hz);
        }
    }
}

static uint32_t fifo_read(struct sim *s, struct sdmmc_model *m)
{
    (void)sta_value(s, m);
    uint32_t got = m->rx_active ? arrived(s, m, NULL) : m->rx_len;
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

static uint32_t v1_read(struct sim *s, void *self, uint32_t off, unsigned size)
{
    (void)size;
    struct sdmmc_model *m = self;
    if (!clocked(m)) {
        sim_printf(s, "sim: SDMMC1 read at +0x%02x with its clock off (RCC_APB2ENR.SDMMC1EN=0): reads 0", off);
        return 0;
    }
    if (off >= 0x80u && off < 0x100u) {
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
    case 0x30: { /* DCOUNT: bytes still to come from the card */
        (void)sta_value(s, m);
        uint32_t got = m->rx_active ? arrived(s, m, NULL) : m->rx_len;
        return m->dlen > got ? m->dlen - got : 0u;
    }
    case 0x34: return sta_value(s, m);
    case 0x3C: return m->mask;
    case 0x48: /* FIFOCNT: words still to be read from the FIFO */
        return m->dlen > m->rx_pos ? (m->dlen - m->rx_pos + 3u) / 4u : 0u;
    default: return 0;
    }
}

static void v1_write(struct sim *s, void *self, uint32_t off, unsigned size, uint32_t v)
{
    (void)size;
    struct sdmmc_model *m = self;
    if (!clocked(m)) {
        sim_printf(s, "sim: SDMMC1 write at +0x%02x with its clock off (RCC_APB2ENR.SDMMC1EN=0): ignored", off);
        return;
    }
    switch (off) {
    case 0x00: {
        bool was_on = (m->power & 3u) == PWR_ON;
        m->power = v & 3u;
        bool on = (m->power & 3u) == PWR_ON;
        if (m->card && on != was_on) {
            sdcard_dev_power(m->card, on, s->now_ps);
        }
        return;
    }
    case 0x04: m->clkcr = v & 0x7FFFu; return;
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
        m->dctrl = v & 0xFFFu;
        if (v & DCTRL_DMAEN) {
            sim_printf(s, "sim: SDMMC1: DCTRL.DMAEN set: DMA2 is not modelled (the boot reads the FIFO)");
        }
        if (v & DCTRL_DTEN) {
            if (v & DCTRL_DTMODE) {
                sim_violation(s, "SDMMC1: DCTRL.DTMODE=1 (stream) is for MultiMediaCards: SD cards transfer blocks");
            }
            if (!(v & DCTRL_DTDIR)) {
                sim_violation(s, "SDMMC1: DPSM started with DCTRL.DTDIR=0 (write): the boot only reads");
            }
            /* Wait_R: the data timer counts from here until the start bit. */
            m->rx_active = true;
            m->rx_len = m->rx_pos = 0;
            m->rx_crc_fail = false;
            m->dpsm_armed_ps = s->now_ps;
            m->sta &= ~(STA_DATAEND | STA_DBCKEND | STA_DCRCFAIL | STA_DTIMEOUT | STA_RXOVERR);
        }
        return;
    case 0x38: m->sta &= ~(v & ICR_MASK); return;
    case 0x3C: m->mask = v; return;
    default: return;
    }
}

static void v1_reset(struct sim *s, uint32_t off, uint32_t v)
{
    if (off == APB2RSTR_OFF && (v & (1u << APB2_SDMMC1)) && the_sdmmc) {
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

int sdmmc_v1_model_init(struct sim *s, struct sdmmc_model *m, struct f7_rcc *rcc, struct gpio_model *gpio,
                        const struct board_sdcard *bsd, struct sdcard_dev *card)
{
    memset(m, 0, sizeof *m);
    m->rcc = &rcc->base;
    m->gpio = gpio;
    m->bsd = bsd;
    m->card = card;
    struct periph p = { "SDMMC1", SDMMC1_BASE, 0x400u, v1_read, v1_write, m };
    sim_add_periph(s, &p);
    the_sdmmc = m;
    the_rcc = rcc;
    next_reset = rcc->base.on_reset;
    rcc->base.on_reset = v1_reset;
    return 0;
}
