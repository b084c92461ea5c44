/* FMC controller model (RM0433 22 / RM0385 13: same register map on F7 and H7; H7 gates the
 * whole controller with BCR1.FMCEN) with the board's memories. Default bank mapping only
 * (H7 BMAP = 00, F7 SWP_FMC = 00): NOR/PSRAM/SRAM chip selects at 0x60000000 + 64 MiB x (n-1),
 * SDRAM bank 1 at 0xC0000000, bank 2 at 0xD0000000. */
#include "fmc.h"

#include <stdlib.h>
#include <string.h>

#include "boards/chip.h"
#include "h7.h"

#define BCR_MBKEN (1u << 0)
#define BCR_MUXEN (1u << 1)
#define BCR_MTYP(v) (((v) >> 2) & 3u)
#define BCR_MWID(v) (((v) >> 4) & 3u)
#define BCR_FACCEN (1u << 6)
#define BCR_WREN (1u << 12)
#define BCR1_BMAP(v) (((v) >> 24) & 3u)
#define BCR1_FMCEN (1u << 31)
#define SDCR_WP (1u << 9)
#define PS_PER_S 1000000000000ull

static void fmc_log(void *ctx, const char *msg)
{
    sim_printf(ctx, "sim: %s", msg);
}

static bool enabled(const struct fmc_model *m, char *why, size_t len)
{
    if (!h7_rcc_enabled(m->rcc, m->enr_off, m->enr_bit)) {
        snprintf(why, len, "the FMC has no clock (RCC FMCEN=0)");
        return false;
    }
    if (m->has_fmcen && !(m->bcr[0] & BCR1_FMCEN)) {
        snprintf(why, len, "the FMC is disabled (FMC_BCR1.FMCEN=0)");
        return false;
    }
    if (m->has_fmcen && BCR1_BMAP(m->bcr[0]) != 0u) {
        snprintf(why, len, "FMC_BCR1.BMAP=%u remaps the banks: only the default mapping is modelled",
                 BCR1_BMAP(m->bcr[0]));
        return false;
    }
    return true;
}

static bool pins_ok(const struct fmc_model *m, const struct board_pin_group *g, unsigned n, char *why, size_t len)
{
    for (unsigned i = 0; i < n; i++) {
        for (unsigned pin = 0; pin < 16u; pin++) {
            if (!(g[i].mask & (1u << pin))) {
                continue;
            }
            unsigned af;
            unsigned mode = gpio_model_mode(m->gpio, g[i].port, pin, &af);
            if (mode != 2u || af != g[i].af) {
                snprintf(why, len, "FMC pin P%c%u is in mode %u AF%u, the board needs AF%u: the memory sees no "
                         "signal", 'A' + g[i].port, pin, mode, af, g[i].af);
                return false;
            }
        }
    }
    return true;
}

/* A bank 1 chip select: enabled, the type and width the part needs, demultiplexed, with an
 * access time the part can meet. *writable reflects BCR.WREN. */
static bool async_ok(const struct fmc_model *m, const struct board_fmc_async *a, bool nor, bool pseudo,
                     uint32_t t_acc_ns, bool *writable, char *why, size_t len)
{
    static const char *const types[] = { "SRAM", "PSRAM", "NOR", "reserved" };
    unsigned i = a->ne - 1u;
    uint32_t bcr = m->bcr[i], btr = m->btr[i];
    *writable = (bcr & BCR_WREN) != 0u;
    if (!enabled(m, why, len)) {
        return false;
    }
    if (!(bcr & BCR_MBKEN)) {
        snprintf(why, len, "FMC bank 1 chip select NE%u is disabled (FMC_BCR%u.MBKEN=0)", a->ne, a->ne);
        return false;
    }
    unsigned mtyp = BCR_MTYP(bcr);
    bool type_ok = nor ? mtyp == 2u : (mtyp == 0u || (pseudo && mtyp == 1u));
    if (!type_ok) {
        snprintf(why, len, "FMC_BCR%u.MTYP=%s but NE%u carries the %s", a->ne, types[mtyp], a->ne, a->part);
        return false;
    }
    if (nor && !(bcr & BCR_FACCEN)) {
        snprintf(why, len, "FMC_BCR%u.FACCEN=0: NOR flash accesses disabled", a->ne);
        return false;
    }
    if (bcr & BCR_MUXEN) {
        snprintf(why, len, "FMC_BCR%u.MUXEN=1 multiplexes address and data, the %s has a separate address bus",
                 a->ne, a->part);
        return false;
    }
    unsigned width = 8u << BCR_MWID(bcr);
    if (width != a->bus_bits) {
        snprintf(why, len, "FMC_BCR%u.MWID gives a %u-bit bus, the %s is wired %u bits wide", a->ne, width, a->part,
                 a->bus_bits);
        return false;
    }
    uint64_t tk = PS_PER_S / h7_rcc_hclk(m->rcc);
    uint64_t acc = (uint64_t)((btr & 0xFu) + ((btr >> 8) & 0xFFu)) * tk;
    if (((btr >> 8) & 0xFFu) == 0u || acc < (uint64_t)t_acc_ns * 1000u) {
        snprintf(why, len, "FMC_BTR%u gives ADDSET+DATAST = %llu ns, the %s needs %u ns to return data", a->ne,
                 (unsigned long long)(acc / 1000u), a->part, t_acc_ns);
        return false;
    }
    return pins_ok(m, a->pins, a->ngroups, why, len);
}

static uint64_t sdclk_period_ps(const struct fmc_model *m)
{
    unsigned div = (m->sdcr[0] >> 10) & 3u;
    return div < 2u ? 0u : div * (PS_PER_S / h7_rcc_hclk(m->rcc));
}

static bool sdram_ok(struct fmc_model *m, bool *writable, char *why, size_t len)
{
    const struct board_fmc_sdram *b = m->bf->sdram;
    const struct sdram_part *p = m->sdram.part;
    unsigned i = b->bank - 1u;
    uint32_t sdcr = m->sdcr[i], sdtr = m->sdtr[i];
    *writable = !(sdcr & SDCR_WP);
    if (!enabled(m, why, len)) {
        return false;
    }
    uint64_t t = sdclk_period_ps(m);
    if (t == 0u) {
        snprintf(why, len, "FMC_SDCR1.SDCLK=0: no SDRAM clock");
        return false;
    }
    unsigned nc = (sdcr & 3u) + 8u, nr = ((sdcr >> 2) & 3u) + 11u, width = 8u << ((sdcr >> 4) & 3u);
    unsigned nb = (sdcr >> 6) & 1u ? 4u : 2u;
    if (nc != p->col_bits || nr != p->row_bits || nb != p->banks || width != b->bus_bits) {
        snprintf(why, len, "FMC_SDCR%u declares %u columns, %u rows, %u banks, %u bits; the %s on this board has "
                 "%u, %u, %u, %u", b->bank, nc, nr, nb, width, p->name, p->col_bits, p->row_bits, p->banks, b->bus_bits);
        return false;
    }
    if (PS_PER_S / t > p->max_hz) {
        snprintf(why, len, "SDCLK %llu MHz is above the %s's %u MHz", (unsigned long long)(PS_PER_S / t / 1000000u),
                 p->name, p->max_hz / 1000000u);
        return false;
    }
    struct { const char *name; unsigned cycles; unsigned need_ns; } tm[] = {
        { "TRCD", ((sdtr >> 24) & 0xFu) + 1u, p->t_rcd_ns }, { "TRP", ((m->sdtr[0] >> 20) & 0xFu) + 1u, p->t_rp_ns },
        { "TRC", ((m->sdtr[0] >> 12) & 0xFu) + 1u, p->t_rc_ns }, { "TXSR", ((sdtr >> 4) & 0xFu) + 1u, p->t_xsr_ns },
    };
    for (unsigned k = 0; k < sizeof tm / sizeof tm[0]; k++) {
        if ((uint64_t)tm[k].cycles * t < (uint64_t)tm[k].need_ns * 1000u) {
            snprintf(why, len, "FMC_SDTR %s = %u SDCLK = %llu ns, the %s needs %u ns", tm[k].name, tm[k].cycles,
                     (unsigned long long)(tm[k].cycles * t / 1000u), p->name, tm[k].need_ns);
            return false;
        }
    }
    if ((sdtr & 0xFu) + 1u < p->t_mrd_clk) {
        snprintf(why, len, "FMC_SDTR TMRD = %u SDCLK, the %s needs %u", (sdtr & 0xFu) + 1u, p->name, p->t_mrd_clk);
        return false;
    }
    if (!pins_ok(m, b->pins, b->ngroups, why, len)) {
        return false;
    }
    char dev_why[260];
    if (!sdram_dev_ready(&m->sdram, dev_why, sizeof dev_why)) {
        snprintf(why, len, "SDRAM bank %u: %s", b->bank, dev_why);
        return false;
    }
    return true;
}

/* ---- NOR window while commands run ---- */

static struct sim *g_sim; /* MMIO callbacks carry the model only */

static uint64_t nor_mmio_read(uc_engine *uc, uint64_t off, unsigned size, void *ud)
{
    (void)uc;
    struct fmc_model *m = ud;
    uint32_t w = (uint32_t)off / 2u;
    uint64_t now = g_sim->now_ps;
    if (size == 4u) {
        return cfi_nor_read(&m->nor, w, now) | ((uint32_t)cfi_nor_read(&m->nor, w + 1u, now) << 16);
    }
    uint16_t v = cfi_nor_read(&m->nor, w, now);
    return size == 1u ? ((off & 1u) ? v >> 8 : v & 0xFFu) : v;
}

static void nor_mmio_write(uc_engine *uc, uint64_t off, unsigned size, uint64_t val, void *ud)
{
    (void)uc;
    struct fmc_model *m = ud;
    uint32_t w = (uint32_t)off / 2u;
    uint64_t now = g_sim->now_ps;
    if (size == 1u) {
        sim_printf(g_sim, "sim: NOR: 8-bit write to the 16-bit flash at 0x%08x: the other byte lane is undefined",
                   m->win[FMC_WIN_NOR].base + (uint32_t)off);
    }
    cfi_nor_write(&m->nor, w, (uint16_t)val, now);
    if (size == 4u) {
        cfi_nor_write(&m->nor, w + 1u, (uint16_t)(val >> 16), now);
    }
    /* back to plain memory at the next block once the flash reads its array again */
    sim_schedule(g_sim, m->nor.state == NOR_BUSY ? m->nor.busy_until_ps : now);
}

static void unmap(struct sim *s, struct fmc_window *w)
{
    if (w->state != FMC_WIN_UNMAPPED) {
        sim_unmap(s, w->base, w->size);
        w->state = FMC_WIN_UNMAPPED;
    }
}

static void map_window(struct sim *s, struct fmc_model *m, struct fmc_window *w, enum fmc_win_state st, uint32_t prot)
{
    if (w->state == st && (st != FMC_WIN_HOST || w->prot == prot)) {
        return;
    }
    if (w->state == FMC_WIN_HOST && st == FMC_WIN_HOST) {
        uc_mem_protect(s->uc, w->base, w->size, prot);
        w->prot = prot;
        return;
    }
    unmap(s, w);
    if (st == FMC_WIN_HOST) {
        if (sim_map_ram(s, w->base, w->size, prot, w->host) == 0) {
            w->state = FMC_WIN_HOST;
            w->prot = prot;
        }
    } else if (st == FMC_WIN_MMIO) {
        if (uc_mmio_map(s->uc, w->base, w->size, nor_mmio_read, m, nor_mmio_write, m) == UC_ERR_OK) {
            w->state = FMC_WIN_MMIO;
        }
    }
}

static void note_ready(struct sim *s, struct fmc_model *m, unsigned k)
{
    struct fmc_window *w = &m->win[k];
    if (k == FMC_WIN_SDRAM && m->sdram_ready_ps == 0u) {
        m->sdram_ready_ps = s->now_ps;
        sim_printf(s, "sim: FMC: SDRAM %s ready at 0x%08x (%u MiB), SDCLK %llu MHz", m->sdram.part->name, w->base,
                   w->size >> 20, (unsigned long long)(PS_PER_S / sdclk_period_ps(m) / 1000000u));
    }
}

static void update(struct sim *s, struct fmc_model *m)
{
    for (unsigned k = 0; k < FMC_WINS; k++) {
        struct fmc_window *w = &m->win[k];
        if (w->host == NULL) {
            continue;
        }
        bool ok = false, writable = false;
        w->why[0] = '\0';
        if (k == FMC_WIN_SDRAM) {
            ok = sdram_ok(m, &writable, w->why, sizeof w->why);
        } else if (k == FMC_WIN_NOR) {
            ok = async_ok(m, m->bf->nor, true, false, m->nor.part->t_acc_ns, &writable, w->why, sizeof w->why);
        } else {
            const struct board_fmc_async *a = k == FMC_WIN_SRAM ? m->bf->sram : m->bf->psram;
            const struct fmc_ram_part *p = fmc_ram_part_by_name(a->part);
            ok = async_ok(m, a, false, p->pseudo, p->t_rc_ns, &writable, w->why, sizeof w->why);
        }
        if (!ok) {
            unmap(s, w);
            continue;
        }
        if (k == FMC_WIN_NOR) {
            if (cfi_nor_in_read_array(&m->nor, s->now_ps)) {
                /* writes start commands: they reach the model through the write-protect hook */
                map_window(s, m, w, FMC_WIN_HOST, UC_PROT_READ | UC_PROT_EXEC);
            } else {
                map_window(s, m, w, FMC_WIN_MMIO, 0);
            }
            continue;
        }
        map_window(s, m, w, FMC_WIN_HOST, writable ? UC_PROT_ALL : (UC_PROT_READ | UC_PROT_EXEC));
        if (!writable) {
            snprintf(w->why, sizeof w->why, "%s", k == FMC_WIN_SDRAM ? "the SDRAM bank is write-protected (FMC_SDCR.WP=1)"
                                                                      : "writes disabled on the chip select (FMC_BCR.WREN=0)");
        }
        if (k == FMC_WIN_SDRAM && writable && !m->sdram.holds_data) {
            m->sdram.holds_data = true;
            if (!m->sdram.refreshing) {
                m->sdram.unrefreshed_ps = s->now_ps;
            }
        }
        note_ready(s, m, k);
    }
}

/* The controller's refresh as the SDRAM sees it. */
static void refresh(struct sim *s, struct fmc_model *m)
{
    if (!m->has_sdram) {
        return;
    }
    char why[200];
    uint64_t t = sdclk_period_ps(m);
    uint32_t count = (m->sdrtr >> 1) & 0x1FFFu;
    uint64_t row = (enabled(m, why, sizeof why) && t && count) ? (count + 1u) * t : 0u;
    sdram_dev_refresh(&m->sdram, row, s->now_ps);
}

static void tick(struct sim *s, void *self)
{
    struct fmc_model *m = self;
    refresh(s, m);
    if (m->has_nor && m->win[FMC_WIN_NOR].state == FMC_WIN_MMIO) {
        update(s, m);
    }
    uint64_t next = sdram_dev_deadline(&m->sdram);
    if (m->has_sdram && m->sdram.holds_data) {
        /* the refresh also stops when the clock is gated behind the model's back */
        uint64_t periodic = s->now_ps + PS_PER_S / 1000u;
        next = periodic < next ? periodic : next;
    }
    if (m->has_nor && m->nor.state == NOR_BUSY && m->nor.busy_until_ps < next) {
        next = m->nor.busy_until_ps;
    }
    if (next != UINT64_MAX) {
        sim_schedule(s, next);
    }
}

static bool nor_write_prot(uc_engine *uc, uc_mem_type type, uint64_t addr, int size, int64_t value, void *ud)
{
    (void)uc;
    (void)type;
    (void)size;
    (void)value;
    struct fmc_model *m = ud;
    struct fmc_window *w = &m->win[FMC_WIN_NOR];
    bool writable;
    char why[300];
    if (addr < w->base || addr - w->base >= w->size || w->state != FMC_WIN_HOST ||
        !async_ok(m, m->bf->nor, true, false, m->nor.part->t_acc_ns, &writable, why, sizeof why) || !writable) {
        return false; /* a real write-protect fault */
    }
    /* A command cycle: the window becomes the flash's bus interface; the store then reaches
     * nor_mmio_write through the new mapping. */
    map_window(g_sim, m, w, FMC_WIN_MMIO, 0);
    return w->state == FMC_WIN_MMIO;
}

/* ---- registers ---- */

static uint32_t reg_read(struct sim *s, void *self, uint32_t off, unsigned size)
{
    (void)s;
    (void)size;
    struct fmc_model *m = self;
    if (off < 0x20u) {
        return (off & 4u) ? m->btr[off / 8u] : m->bcr[off / 8u];
    }
    if (off >= 0x104u && off < 0x120u && (off & 4u)) {
        return m->bwtr[(off - 0x104u) / 8u];
    }
    switch (off) {
    case 0x140: return m->sdcr[0];
    case 0x144: return m->sdcr[1];
    case 0x148: return m->sdtr[0];
    case 0x14C: return m->sdtr[1];
    case 0x150: return m->sdcmr;
    case 0x154: return m->sdrtr;
    case 0x158: return 0u; /* normal mode, not busy: commands complete at once in the model */
    default: return 0u;
    }
}

static void sdram_command(struct sim *s, struct fmc_model *m, uint32_t v)
{
    static const char *const names[] = { "normal", "clock enable", "precharge all", "auto-refresh",
                                         "load mode register", "self-refresh", "power-down", "reserved" };
    unsigned mode = v & 7u;
    char why[200];
    if (!enabled(m, why, sizeof why)) {
        sim_printf(s, "sim: FMC: SDRAM command %s ignored: %s", names[mode], why);
        return;
    }
    if (!m->has_sdram) {
        return;
    }
    unsigned bank = m->bf->sdram->bank;
    bool to_dev = bank == 1u ? (v & (1u << 4)) : (v & (1u << 3));
    if (!(v & (3u << 3))) {
        sim_printf(s, "sim: FMC: SDRAM command %s with no target bank (CTB1=CTB2=0): ignored", names[mode]);
        return;
    }
    if (!to_dev) {
        sim_printf(s, "sim: FMC: SDRAM command %s sent to bank %u, the %s is on bank %u", names[mode],
                   bank == 1u ? 2u : 1u, m->sdram.part->name, bank);
        return;
    }
    unsigned nrfs = ((v >> 5) & 0xFu) + 1u;
    uint32_t mrd = (v >> 9) & 0x1FFFu;
    unsigned cas = (m->sdcr[bank - 1u] >> 7) & 3u;
    switch (mode) {
    case 0: return;
    case 1:
        if (sdclk_period_ps(m) == 0u) {
            sim_printf(s, "sim: FMC: clock enable command with FMC_SDCR1.SDCLK=0: no clock reaches the SDRAM");
            return;
        }
        sdram_dev_command(&m->sdram, SDRAM_CMD_CLOCK, 0, 0, cas, s->now_ps);
        return;
    case 2: sdram_dev_command(&m->sdram, SDRAM_CMD_PALL, 0, 0, cas, s->now_ps); return;
    case 3: sdram_dev_command(&m->sdram, SDRAM_CMD_AUTOREFRESH, nrfs, 0, cas, s->now_ps); return;
    case 4: sdram_dev_command(&m->sdram, SDRAM_CMD_LMR, 0, mrd, cas, s->now_ps); return;
    default:
        sim_printf(s, "sim: FMC: SDRAM %s command not modelled: ignored", names[mode]);
        return;
    }
}

static void reg_write(struct sim *s, void *self, uint32_t off, unsigned size, uint32_t v)
{
    (void)size;
    struct fmc_model *m = self;
    if (off < 0x20u) {
        if (off & 4u) {
            m->btr[off / 8u] = v & 0x3FFFFFFFu;
        } else {
            m->bcr[off / 8u] = v;
        }
    } else if (off >= 0x104u && off < 0x120u && (off & 4u)) {
        m->bwtr[(off - 0x104u) / 8u] = v;
    } else {
        switch (off) {
        case 0x140: m->sdcr[0] = v & 0x7FFFu; break;
        case 0x144: m->sdcr[1] = v & 0x3FFu; break;
        case 0x148: m->sdtr[0] = v & 0x0FFFFFFFu; break;
        case 0x14C: m->sdtr[1] = v & 0x0FFFFFFFu; break;
        case 0x150: m->sdcmr = v; sdram_command(s, m, v); break;
        case 0x154: m->sdrtr = v & 0x7FFFu; break;
        default: break;
        }
    }
    refresh(s, m);
    update(s, m);
    tick(s, m);
}

static bool explain(struct sim *s, void *self, uint32_t addr, char *why, size_t len)
{
    (void)s;
    struct fmc_model *m = self;
    bool bank1 = addr >= 0x60000000u && addr < 0x70000000u, sd = addr >= 0xC0000000u && addr < 0xE0000000u;
    if (!bank1 && !sd) {
        return false;
    }
    for (unsigned k = 0; k < FMC_WINS; k++) {
        struct fmc_window *w = &m->win[k];
        if (w->host == NULL) {
            continue;
        }
        uint32_t region = k == FMC_WIN_SDRAM ? 0x10000000u : 0x04000000u;
        if (addr < w->base || addr - w->base >= region) {
            continue;
        }
        if (addr - w->base >= w->size) {
            snprintf(why, len, "0x%08x is beyond the %u KiB of the %s (%s)", addr, w->size / 1024u, w->name,
                     k == FMC_WIN_SDRAM ? "FMC: address out of range" : "it would alias on the board");
        } else if (w->why[0]) {
            snprintf(why, len, "FMC %s: %s", w->name, w->why);
        } else {
            snprintf(why, len, "FMC %s: not accessible", w->name);
        }
        return true;
    }
    snprintf(why, len, "no memory on this FMC %s of the board", bank1 ? "chip select" : "SDRAM bank");
    return true;
}

static void window(struct fmc_model *m, unsigned k, const char *name, uint32_t base, uint32_t size)
{
    m->win[k].name = name;
    m->win[k].base = base;
    m->win[k].size = size;
    m->win[k].host = malloc(size);
}

/* H7 (RM0433 22): registers in D1, RCC_AHB3ENR.FMCEN bit 12, BCR1.FMCEN gates the controller.
 * F7 (RM0385 13): registers at 0xA0000000, RCC_AHB3ENR.FMCEN bit 0, no controller enable. */
const struct fmc_family_desc fmc_family_h7 = { 0x52004000u, true, 0xD4u, 12 };
const struct fmc_family_desc fmc_family_f7 = { 0xA0000000u, false, 0x38u, 0 };

static int model_init(struct sim *s, struct fmc_model *m, const struct board_fmc *bf, const struct fmc_family_desc *fam,
                      struct gpio_model *gpio, struct h7_rcc *rcc, struct chip_images *img)
{
    uint32_t reg_base = fam->reg_base;
    memset(m, 0, sizeof *m);
    g_sim = s;
    m->gpio = gpio;
    m->reg_base = reg_base;
    m->has_fmcen = fam->has_fmcen;
    m->rcc = rcc;
    m->enr_off = fam->enr_off;
    m->enr_bit = fam->enr_bit;
    m->bf = bf;
    /* reset values (RM: BCR1 0x30DB, BCR2..4 0x30D2, BTR 0x0FFFFFFF, SDCR 0x2D0, SDTR 0x0FFFFFFF) */
    m->bcr[0] = 0x000030DBu;
    m->bcr[1] = m->bcr[2] = m->bcr[3] = 0x000030D2u;
    for (unsigned i = 0; i < 4; i++) {
        m->btr[i] = m->bwtr[i] = 0x0FFFFFFFu;
    }
    m->sdcr[0] = m->sdcr[1] = 0x000002D0u;
    m->sdtr[0] = m->sdtr[1] = 0x0FFFFFFFu;
    if (bf->nor) {
        const char *name = chip_option(img, "fmc-nor-part");
        const struct fmc_nor_part *p = fmc_nor_part_by_name(name ? name : bf->nor->part);
        if (p == NULL) {
            fprintf(stderr, "extmem-sim: unknown FMC NOR part '%s'\n", name ? name : bf->nor->part);
            return -1;
        }
        window(m, FMC_WIN_NOR, "NOR flash", FMC_NE_BASE(bf->nor->ne), bf->nor->size);
        if (m->win[FMC_WIN_NOR].host == NULL) {
            return -1;
        }
        memset(m->win[FMC_WIN_NOR].host, 0xFF, bf->nor->size);
        struct chip_image *ci = chip_image(img, "fmc-nor");
        if (ci) {
            if (ci->len > bf->nor->size) {
                fprintf(stderr, "extmem-sim: fmc-nor image of %zu bytes is larger than the %u MiB flash\n", ci->len,
                        bf->nor->size >> 20);
                return -1;
            }
            memcpy(m->win[FMC_WIN_NOR].host, ci->data, ci->len);
        }
        cfi_nor_init(&m->nor, p, m->win[FMC_WIN_NOR].host, bf->nor->size, fmc_log, s);
        m->has_nor = true;
    }
    const struct board_fmc_async *rams[2] = { bf->sram, bf->psram };
    for (unsigned r = 0; r < 2; r++) {
        if (rams[r] == NULL) {
            continue;
        }
        const struct fmc_ram_part *p = fmc_ram_part_by_name(rams[r]->part);
        if (p == NULL || rams[r]->size > p->size) {
            fprintf(stderr, "extmem-sim: FMC RAM part '%s' unknown or smaller than the board says\n", rams[r]->part);
            return -1;
        }
        window(m, FMC_WIN_SRAM + r, r ? "PSRAM" : "SRAM", FMC_NE_BASE(rams[r]->ne), rams[r]->size);
        if (m->win[FMC_WIN_SRAM + r].host == NULL) {
            return -1;
        }
        /* power-up contents of a static RAM are undefined: a pattern, not zeros */
        memset(m->win[FMC_WIN_SRAM + r].host, 0xA5, rams[r]->size);
    }
    if (bf->sdram) {
        const struct sdram_part *p = sdram_part_by_name(bf->sdram->part);
        if (p == NULL) {
            fprintf(stderr, "extmem-sim: unknown SDRAM part '%s'\n", bf->sdram->part);
            return -1;
        }
        window(m, FMC_WIN_SDRAM, "SDRAM", FMC_SDRAM_BASE(bf->sdram->bank), bf->sdram->size);
        if (m->win[FMC_WIN_SDRAM].host == NULL) {
            return -1;
        }
        memset(m->win[FMC_WIN_SDRAM].host, 0x5A, bf->sdram->size);
        sdram_dev_init(&m->sdram, p, m->win[FMC_WIN_SDRAM].host, bf->sdram->size, fmc_log, s);
        m->has_sdram = true;
    }
    struct periph p = { "FMC", reg_base, 0x1000u, reg_read, reg_write, m };
    sim_add_periph(s, &p);
    sim_add_explain(s, explain, m);
    sim_add_tick(s, tick, m);
    if (m->has_nor) {
        uc_hook h;
        uint32_t b = m->win[FMC_WIN_NOR].base;
        uc_hook_add(s->uc, &h, UC_HOOK_MEM_WRITE_PROT, (void *)nor_write_prot, m, b, b + m->win[FMC_WIN_NOR].size - 1u);
    }
    return 0;
}

int fmc_attach(struct sim *s, struct chip *c, struct chip_images *img, const struct fmc_family_desc *fam)
{
    const struct board_fmc *bf = s->board->fmc;
    if (bf == NULL) {
        return 0;
    }
    c->fmc = calloc(1, sizeof *c->fmc);
    return c->fmc != NULL ? model_init(s, c->fmc, bf, fam, c->gpio, c->rcc, img) : -1;
}

void fmc_model_free(struct fmc_model *m)
{
    for (unsigned k = 0; k < FMC_WINS; k++) {
        free(m->win[k].host);
        m->win[k].host = NULL;
    }
}
