/* OCTOSPI (RM0455 22, RM0468 24) and OCTOSPIM (RM0455 23, RM0468 25). Indirect transfers
 * become xspi transactions to the device behind the controller; data moves at the bus rate
 * in virtual time (32-byte FIFO); automatic polling reads the device until the masked
 * match; memory-mapped mode maps the device at the controller's window only when the
 * device would answer the configured read command. Signals reach the device only through
 * the OCTOSPIM port the board wires it to, from pins in the right alternate function.
 * 8-line DTR data: the MX25LM51245G sends the bytes of each 16-bit word swapped; the
 * controller in Macronix memory type (DCR1.MTYP = 001) swaps them back, in any other type
 * the CPU sees them swapped (facts sheet 7 and 13). */
#include "octospi.h"

#include <stdlib.h>
#include <string.h>

#include "devices/spi_nor.h"
#include "devices/hyperram.h"

#define WINDOW_SIZE 0x10000000u

#define CR_EN (1u << 0)
#define CR_ABORT (1u << 1)
#define CR_TCEN (1u << 3)
#define CR_DMM (1u << 6)
#define CR_APMS (1u << 22)
#define CR_PMM (1u << 23)
#define SR_TEF (1u << 0)
#define SR_TCF (1u << 1)
#define SR_FTF (1u << 2)
#define SR_SMF (1u << 3)
#define SR_TOF (1u << 4)
#define SR_BUSY (1u << 5)
#define MTYP_MACRONIX 1u
#define MTYP_HYPERBUS_MEM 4u
#define MTYP_HYPERBUS_REG 5u

static const unsigned enr_bit[3] = { 0, 14, 19 }; /* RCC_AHB3ENR OCTOSPI1EN, OCTOSPI2EN */
#define IOMNGR_BIT 21u

static unsigned fmode(const struct octospi_model *o) { return (o->cr >> 28) & 3u; }
static unsigned mtyp(const struct octospi_model *o) { return (o->dcr1 >> 24) & 7u; }
static unsigned lines(unsigned code) { return code == 0u ? 0u : code == 1u ? 1u : code == 2u ? 2u : code == 3u ? 4u : 8u; }

static uint64_t bus_hz(const struct octospi_model *o)
{
    /* kernel clock: rcc_hclk3 (CDCCIPR/D1CCIPR.OCTOSPISEL = 00, the reset value) */
    return h7_rcc_hclk(o->rcc) / ((o->dcr2 & 0xFFu) + 1u);
}

static bool clocked(const struct octospi_model *o)
{
    return h7_rcc_enabled(o->rcc, RCC_AHB3ENR_OFF, enr_bit[o->index]);
}

/* Does the board's port carry this controller's signals to the device? */
static bool routed(const struct octospi_model *o, char *why, size_t len)
{
    const struct octospim_model *om = o->om;
    if (om->cr & 1u) {
        snprintf(why, len, "OCTOSPIM multiplexed mode (CR.MUXEN=1) is not implemented");
        return false;
    }
    uint32_t pcr = om->pcr[o->port - 1u], src = o->index - 1u;
    struct { uint32_t en, srcmask, want; const char *what; } sig[] = {
        { 1u << 0, 1u << 1, src << 1, "CLK" },
        { 1u << 8, 1u << 9, src << 9, "NCS" },
        { 1u << 16, 3u << 17, (2u * src) << 17, "IO[3:0]" },
        { 1u << 24, 3u << 25, (2u * src + 1u) << 25, "IO[7:4]" },
    };
    for (unsigned i = 0; i < 4; i++) {
        if (!(pcr & sig[i].en) || (pcr & sig[i].srcmask) != sig[i].want) {
            snprintf(why, len, "OCTOSPIM port %u %s is not routed from OCTOSPI%u (PCR 0x%08x): the memory sees "
                               "no signal", o->port, sig[i].what, o->index, pcr);
            return false;
        }
    }
    return true;
}

static bool dqs_reaches(const struct octospi_model *o)
{
    uint32_t pcr = o->om->pcr[o->port - 1u];
    return !o->dqs_open && (pcr & (1u << 4)) && ((pcr >> 5) & 1u) == o->index - 1u;
}

static bool pins_ok(const struct octospi_model *o, char *why, size_t len)
{
    for (unsigned i = 0; i < o->pin_count; i++) {
        const struct board_pin *p = &o->pins[i];
        unsigned af;
        unsigned mode = gpio_model_mode(o->gpio, p->port, p->pin, &af);
        if (mode != 2u || af != p->af) {
            snprintf(why, len, "OCTOSPI%u pin P%c%u is in mode %u AF%u, the board needs AF%u: the memory sees no "
                               "signal", o->index, 'A' + p->port, p->pin, mode, af, p->af);
            return false;
        }
    }
    return routed(o, why, len);
}

static void build_xfer(const struct octospi_model *o, struct xspi_xfer *x, uint32_t ccr, uint32_t tcr, uint32_t ir)
{
    memset(x, 0, sizeof *x);
    x->instr.lines = (uint8_t)lines(ccr & 7u);
    x->instr.dtr = (ccr >> 3) & 1u;
    x->instr_bytes = (uint8_t)(((ccr >> 4) & 3u) + 1u);
    x->instruction = (uint16_t)(ir & 0xFFFFu);
    x->addr.lines = (uint8_t)lines((ccr >> 8) & 7u);
    x->addr.dtr = (ccr >> 11) & 1u;
    x->addr_bytes = (uint8_t)(((ccr >> 12) & 3u) + 1u);
    x->address = o->ar;
    x->alt.lines = (uint8_t)lines((ccr >> 16) & 7u);
    x->alt.dtr = (ccr >> 19) & 1u;
    x->alt_bytes = (uint8_t)(((ccr >> 20) & 3u) + 1u);
    x->alt_value = o->abr;
    x->dummy_cycles = (uint8_t)(tcr & 0x1Fu);
    x->data.lines = (uint8_t)lines((ccr >> 24) & 7u);
    x->data.dtr = (ccr >> 27) & 1u;
    x->dqs = ((ccr >> 29) & 1u) && dqs_reaches(o);
    x->clk_hz = bus_hz(o);
}

/* Bus clock cycles of a transaction carrying n data bytes. */
static uint64_t xfer_cycles(const struct octospi_model *o, const struct xspi_xfer *x, uint32_t n)
{
    uint64_t c = 0;
    if (x->instr.lines) c += (8u * x->instr_bytes / x->instr.lines) >> x->instr.dtr;
    if (x->addr.lines) c += (8u * x->addr_bytes / x->addr.lines) >> x->addr.dtr;
    if (x->alt.lines) c += (8u * x->alt_bytes / x->alt.lines) >> x->alt.dtr;
    c += x->dummy_cycles;
    if (x->data.lines) c += ((uint64_t)8u * n / x->data.lines) >> x->data.dtr;
    return c + ((o->dcr1 >> 8) & 7u) + 1u; /* chip select high time */
}

static bool swaps(const struct octospi_model *o, const struct xspi_xfer *x)
{
    return x->data.lines == 8u && x->data.dtr && mtyp(o) != MTYP_MACRONIX;
}

static void swap_pairs(uint8_t *d, uint32_t n)
{
    for (uint32_t i = 0; i + 1u < n; i += 2u) {
        uint8_t t = d[i];
        d[i] = d[i + 1u];
        d[i + 1u] = t;
    }
}

static bool hyperbus(const struct octospi_model *o)
{
    return mtyp(o) == MTYP_HYPERBUS_MEM || mtyp(o) == MTYP_HYPERBUS_REG;
}

/* HyperBus framing (RM0455 22.4.x HyperBus mode): the controller builds CA from AR, the
 * memory type (register or memory space) and the direction; latency from HLCR. */
static void to_hyperbus(const struct octospi_model *o, const struct xspi_xfer *x, struct hyperbus_xfer *h)
{
    memset(h, 0, sizeof *h);
    h->write = x->write;
    h->reg_space = mtyp(o) == MTYP_HYPERBUS_REG;
    h->byte_addr = x->address;
    h->buf = x->buf;
    h->len = x->len;
    h->addr = x->addr;
    h->data = x->data;
    h->instr = x->instr.lines != 0u;
    h->dqs = x->dqs;
    h->latency_clocks = (uint8_t)((o->hlcr >> 8) & 0xFFu);
    h->fixed_latency = o->hlcr & 1u;
    h->write_zero_latency = (o->hlcr >> 1) & 1u;
    h->rwr_clocks = (uint8_t)((o->hlcr >> 16) & 0xFFu);
    h->clk_hz = x->clk_hz;
}

static void run_xfer(struct sim *s, struct octospi_model *o, struct xspi_xfer *x, uint8_t *data, uint32_t n,
                     bool write)
{
    char why[300];
    x->write = write;
    x->buf = data;
    x->len = n;
    if (!pins_ok(o, why, sizeof why)) {
        if (strcmp(why, o->last_why) != 0) { /* once per cause, not once per poll */
            sim_printf(s, "sim: %s", why);
            snprintf(o->last_why, sizeof o->last_why, "%s", why);
        }
        if (!write && n) {
            memset(data, 0xFF, n);
        }
        return;
    }
    if (hyperbus(o)) {
        struct hyperbus_xfer h;
        to_hyperbus(o, x, &h);
        if (o->ram) {
            hyperram_xfer(o->ram, &h, s->now_ps);
        } else if (!write && n) {
            sim_printf(s, "sim: OCTOSPI%u: HyperBus memory type but no HyperRAM on this controller", o->index);
            memset(data, 0xFF, n);
        }
        return;
    }
    if (o->nor == NULL) {
        sim_printf(s, "sim: OCTOSPI%u: no memory on this controller", o->index);
        if (!write && n) {
            memset(data, 0xFF, n);
        }
        return;
    }
    /* The flash swaps the bytes of each word in 8-line DTR; Macronix mode undoes it. */
    bool undo = x->data.lines == 8u && x->data.dtr && mtyp(o) == MTYP_MACRONIX;
    if (write && undo) {
        swap_pairs(data, n);
    }
    spi_nor_xfer(o->nor, x, s->now_ps);
    if (undo) {
        swap_pairs(data, n);
    }
}

static uint64_t cycles_ps(const struct octospi_model *o, uint64_t cycles)
{
    return cycles * 1000000000000ull / bus_hz(o);
}

static void start_indirect(struct sim *s, struct octospi_model *o)
{
    struct xspi_xfer x;
    build_xfer(o, &x, o->ccr, o->tcr, o->ir);
    uint32_t n = x.data.lines ? o->dlr + 1u : 0u;
    bool write = fmode(o) == 0u;
    if (write) {
        /* header, then the data at the bus rate as the CPU fills the FIFO (cycles per byte
         * from the transfer of the whole DLR, chip select high time last) */
        uint64_t cs = ((o->dcr1 >> 8) & 7u) + 1u, head = xfer_cycles(o, &x, 0) - cs;
        uint64_t data = xfer_cycles(o, &x, n) - cs - head;
        if (n != 0u && n > sizeof o->wbuf) {
            sim_printf(s, "sim: OCTOSPI%u: indirect write of %u bytes: not implemented beyond %zu, the rest is "
                          "dropped", o->index, n, sizeof o->wbuf);
        }
        xspi_fifo_start_write(&o->xf, s->now_ps, cycles_ps(o, head), n ? cycles_ps(o, data) / n : 0u,
                              cycles_ps(o, cs), n);
        if (n == 0u) {
            run_xfer(s, o, &x, o->rx, 0, false); /* a command: the device acts on it now */
            o->sr &= ~SR_TCF;
        }
        return;
    }
    if (n > o->storage_size + 64u) {
        sim_violation(s, "OCTOSPI%u: indirect read of %u bytes, more than the memory holds", o->index, n);
        n = o->storage_size;
    }
    if (n > o->rx_cap) {
        uint8_t *nb = realloc(o->rx, n);
        if (nb == NULL) {
            return;
        }
        o->rx = nb;
        o->rx_cap = n;
    }
    run_xfer(s, o, &x, o->rx, n, false);
    xspi_fifo_start_read(&o->xf, s->now_ps, s->now_ps + cycles_ps(o, xfer_cycles(o, &x, n)), n);
    o->sr &= ~SR_TCF;
}

static void finish_write(struct sim *s, struct octospi_model *o)
{
    struct xspi_xfer x;
    build_xfer(o, &x, o->ccr, o->tcr, o->ir);
    run_xfer(s, o, &x, o->wbuf, o->xf.wlen < sizeof o->wbuf ? o->xf.wlen : (uint32_t)sizeof o->wbuf, true);
}

static void unmap(struct sim *s, struct octospi_model *o)
{
    if (o->mapped) {
        uc_mem_unmap(s->uc, o->window, o->storage_size);
        o->mapped = false;
    }
}

/* HyperRAM window: reads with CCR/TCR, writes with WCCR/WTCR; bursts split at CSBOUND and
 * nCS released every DCR4.REFRESH clocks. Without a write command the window is read-only. */
static void enter_mmap_hyperbus(struct sim *s, struct octospi_model *o, struct xspi_xfer *rx)
{
    if (mtyp(o) != MTYP_HYPERBUS_MEM || o->ram == NULL) {
        snprintf(o->mmap_why, sizeof o->mmap_why, "OCTOSPI%u memory-mapped in HyperBus %s",
                 o->index, o->ram ? "register space (DCR1.MTYP=101): use the memory space (100)" : "mode without a HyperRAM");
        return;
    }
    struct xspi_xfer wx;
    build_xfer(o, &wx, o->wccr, o->wtcr, o->wir);
    struct hyperbus_xfer rd, wr;
    rx->len = 2;
    wx.write = true;
    wx.len = 2;
    to_hyperbus(o, rx, &rd);
    to_hyperbus(o, &wx, &wr);
    bool writable = wx.data.lines != 0u;
    uint32_t csb = (o->dcr3 >> 16) & 0x1Fu;
    uint64_t refresh = o->dcr4;
    uint64_t cs_low_ps = refresh ? refresh * 1000000000000ull / bus_hz(o) : 0u;
    char why[240];
    if (!hyperram_mmap_ok(o->ram, &rd, writable ? &wr : NULL, csb ? 1u << csb : 0u, cs_low_ps, s->now_ps, why,
                          sizeof why)) {
        snprintf(o->mmap_why, sizeof o->mmap_why, "memory-mapped access refused by the HyperRAM: %s", why);
        return;
    }
    uint32_t prot = UC_PROT_READ | UC_PROT_EXEC | (writable ? UC_PROT_WRITE : 0u);
    if (!writable) {
        snprintf(o->mmap_why, sizeof o->mmap_why, "OCTOSPI%u window is read-only: no write command (WCCR) "
                 "configured for memory-mapped mode", o->index);
    }
    if (sim_map_ram_fresh(s, o->window, o->storage_size, prot, o->storage) == 0) {
        o->mapped = true;
        sim_printf(s, "sim: OCTOSPI%u: memory-mapped HyperBus, %u latency clocks%s, %s, %llu MHz", o->index,
                   rd.latency_clocks, rd.fixed_latency ? " fixed" : "", writable ? "read/write" : "read-only",
                   (unsigned long long)(bus_hz(o) / 1000000u));
    }
}

static void enter_mmap(struct sim *s, struct octospi_model *o)
{
    struct xspi_xfer x;
    build_xfer(o, &x, o->ccr, o->tcr, o->ir);
    x.address = 0;
    o->mmap_why[0] = '\0';
    if (!pins_ok(o, o->mmap_why, sizeof o->mmap_why)) {
        return;
    }
    if (x.data.lines == 0u || x.addr.lines == 0u) {
        snprintf(o->mmap_why, sizeof o->mmap_why, "OCTOSPI%u memory-mapped mode needs address and data phases",
                 o->index);
        return;
    }
    if ((o->tcr >> 30) & 1u && x.data.dtr) {
        snprintf(o->mmap_why, sizeof o->mmap_why, "OCTOSPI%u TCR.SSHIFT set with DTR data (must be 0 in DTR)",
                 o->index);
        return;
    }
    uint64_t devsize = 2ull << ((o->dcr1 >> 16) & 0x1Fu);
    if (devsize < o->storage_size) {
        snprintf(o->mmap_why, sizeof o->mmap_why, "OCTOSPI%u DCR1.DEVSIZE gives %llu bytes, the memory holds %u",
                 o->index, (unsigned long long)devsize, o->storage_size);
        return;
    }
    if (hyperbus(o)) {
        enter_mmap_hyperbus(s, o, &x);
        return;
    }
    char why[200];
    if (o->nor == NULL || !spi_nor_mmap_ok(o->nor, &x, s->now_ps, why, sizeof why)) {
        snprintf(o->mmap_why, sizeof o->mmap_why, "memory-mapped read refused by the flash: %s",
                 o->nor ? why : "no flash on this controller");
        return;
    }
    uint8_t *view = o->storage;
    if (swaps(o, &x)) {
        if (o->swapped == NULL && (o->swapped = malloc(o->storage_size)) == NULL) {
            return;
        }
        memcpy(o->swapped, o->storage, o->storage_size);
        swap_pairs(o->swapped, o->storage_size);
        view = o->swapped;
        sim_printf(s, "sim: OCTOSPI%u: 8-line DTR reads with DCR1.MTYP=%u: the flash's byte order is not undone, "
                      "every 16-bit word reads swapped", o->index, mtyp(o));
    }
    if (sim_map_ram_fresh(s, o->window, o->storage_size, UC_PROT_READ | UC_PROT_EXEC, view) == 0) {
        o->mapped = true;
        sim_printf(s, "sim: OCTOSPI%u: memory-mapped mode, 0x%04X %u%s-%u%s-%u%s, %u dummy cycles, %s%llu MHz",
                   o->index, x.instruction, x.instr.lines, x.instr.dtr ? "D" : "", x.addr.lines,
                   x.addr.dtr ? "D" : "", x.data.lines, x.data.dtr ? "D" : "", x.dummy_cycles,
                   x.dqs ? "DQS, " : "", (unsigned long long)(bus_hz(o) / 1000000u));
    }
}

static void poll_once(struct sim *s, struct octospi_model *o)
{
    struct xspi_xfer x;
    build_xfer(o, &x, o->ccr, o->tcr, o->ir);
    uint32_t n = (o->dlr & 3u) + 1u;
    uint8_t b[4] = { 0 };
    run_xfer(s, o, &x, b, n, false);
    uint32_t v = (uint32_t)b[0] | ((uint32_t)b[1] << 8) | ((uint32_t)b[2] << 16) | ((uint32_t)b[3] << 24);
    bool match = (o->cr & CR_PMM) ? ((v ^ ~o->psmar) & o->psmkr) != 0u : ((v ^ o->psmar) & o->psmkr) == 0u;
    if (s->trace) {
        sim_printf(s, "sim: trace: OCTOSPI%u poll 0x%04X -> 0x%08x (mask 0x%08x match 0x%08x)", o->index,
                   x.instruction, v, o->psmkr, o->psmar);
    }
    if (match) {
        o->sr |= SR_SMF;
        if (o->cr & CR_APMS) {
            o->polling = false;
        }
    }
}

static uint32_t sr_value(struct sim *s, struct octospi_model *o)
{
    if (o->polling) {
        /* the controller reads the device every PIR.INTERVAL clocks after each read */
        if (s->now_ps >= o->next_poll_ps) {
            struct xspi_xfer x;
            build_xfer(o, &x, o->ccr, o->tcr, o->ir);
            uint64_t cycles = xfer_cycles(o, &x, (o->dlr & 3u) + 1u) + (o->pir & 0xFFFFu);
            poll_once(s, o);
            o->next_poll_ps = s->now_ps + cycles_ps(o, cycles);
        }
        return (o->sr & (SR_TEF | SR_SMF | SR_TOF | SR_TCF)) | (o->polling ? SR_BUSY : 0u);
    }
    uint32_t st = xspi_fifo_status(&o->xf, s->now_ps, ((o->cr >> 8) & 0x1Fu) + 1u, &o->sr);
    return (o->sr & (SR_TEF | SR_SMF | SR_TOF | SR_TCF)) | st;
}

/* RM0455 22.4.x "triggering the start of a command": in indirect and automatic-polling
 * modes the command starts with the write of IR when there is no address phase, else with
 * the write of AR; an indirect write with data then waits for DR. */
static void start_transfer(struct sim *s, struct octospi_model *o)
{
    if (!(o->cr & CR_EN)) {
        return;
    }
    if (fmode(o) == 2u) {
        o->polling = true;
        o->next_poll_ps = 0;
        o->sr &= ~SR_SMF;
    } else if (fmode(o) != 3u) {
        start_indirect(s, o);
    }
}

static void abort_all(struct sim *s, struct octospi_model *o)
{
    xspi_fifo_clear(&o->xf);
    o->polling = false;
    unmap(s, o);
}

static uint32_t ospi_read(struct sim *s, void *self, uint32_t off, unsigned size)
{
    struct octospi_model *o = self;
    if (!clocked(o)) {
        sim_printf(s, "sim: OCTOSPI%u read at +0x%03x with its clock off (RCC_AHB3ENR bit %u = 0): reads 0", o->index,
                   off, enr_bit[o->index]);
        return 0;
    }
    switch (off) {
    case 0x000: return o->cr;
    case 0x008: return o->dcr1;
    case 0x00C: return o->dcr2;
    case 0x010: return o->dcr3;
    case 0x014: return o->dcr4;
    case 0x020: return sr_value(s, o);
    case 0x040: return o->dlr;
    case 0x048: return o->ar;
    case 0x050: {
        uint32_t v = 0;
        for (unsigned i = 0; i < size; i++) {
            if (xspi_fifo_avail(&o->xf, s->now_ps) == 0u) {
                if (o->xf.busy_read) {
                    sim_printf(s, "sim: OCTOSPI%u: DR read with the FIFO empty (FLEVEL=0): reads 0", o->index);
                }
                break;
            }
            v |= (uint32_t)o->rx[o->xf.fifo_pos++] << (8 * i);
        }
        return v;
    }
    case 0x080: return o->psmkr;
    case 0x088: return o->psmar;
    case 0x090: return o->pir;
    case 0x100: return o->ccr;
    case 0x108: return o->tcr;
    case 0x110: return o->ir;
    case 0x120: return o->abr;
    case 0x130: return o->lptr;
    case 0x180: return o->wccr;
    case 0x188: return o->wtcr;
    case 0x190: return o->wir;
    case 0x1A0: return o->wabr;
    case 0x200: return o->hlcr;
    default: return 0;
    }
}

static void ospi_write(struct sim *s, void *self, uint32_t off, unsigned size, uint32_t v)
{
    struct octospi_model *o = self;
    if (!clocked(o)) {
        sim_printf(s, "sim: OCTOSPI%u write at +0x%03x with its clock off (RCC_AHB3ENR bit %u = 0): ignored",
                   o->index, off, enr_bit[o->index]);
        return;
    }
    bool busy = !o->mapped && (sr_value(s, o) & SR_BUSY) != 0u;
    /* Registers the RM lets change only while idle (BUSY = 0); in memory-mapped mode the
     * controller is busy until an abort. */
    bool config = off == 0x008 || off == 0x00C || off == 0x010 || off == 0x014 || off == 0x100 || off == 0x108 ||
                  off == 0x110 || off == 0x120 || off == 0x180 || off == 0x188 || off == 0x190 || off == 0x200;
    if (config && (busy || o->mapped)) {
        sim_violation(s, "OCTOSPI%u: register +0x%03x written while %s: ignored by hardware (abort first)",
                      o->index, off, o->mapped ? "in memory-mapped mode" : "BUSY");
        return;
    }
    switch (off) {
    case 0x000: {
        if (v & CR_ABORT) {
            abort_all(s, o);
            v &= ~CR_ABORT;
        }
        if (v & CR_DMM) {
            sim_printf(s, "sim: OCTOSPI%u: dual-memory mode (CR.DMM) not implemented", o->index);
        }
        bool was_mmap = fmode(o) == 3u && (o->cr & CR_EN);
        if (busy && ((v ^ o->cr) & (3u << 28))) {
            sim_violation(s, "OCTOSPI%u: CR.FMODE changed while BUSY: ignored by hardware", o->index);
            v = (v & ~(3u << 28)) | (o->cr & (3u << 28));
        }
        o->cr = v;
        bool now_mmap = fmode(o) == 3u && (o->cr & CR_EN);
        if (!now_mmap) {
            unmap(s, o);
        } else if (!was_mmap) {
            enter_mmap(s, o);
        }
        return;
    }
    case 0x008: o->dcr1 = v; return;
    case 0x00C: o->dcr2 = v; return;
    case 0x010: o->dcr3 = v; return;
    case 0x014: o->dcr4 = v; return;
    case 0x024: o->sr &= ~(v & (SR_TEF | SR_TCF | SR_SMF | SR_TOF)); return;
    case 0x040: o->dlr = v; return;
    case 0x048:
        if (busy) {
            sim_violation(s, "OCTOSPI%u: AR written while BUSY: ignored", o->index);
            return;
        }
        o->ar = v;
        if (((o->ccr >> 8) & 7u) != 0u) {
            start_transfer(s, o); /* the address write starts it */
        }
        return;
    case 0x050:
        if (o->xf.busy_write && o->xf.wait_data) {
            for (unsigned i = 0; i < size && o->xf.wait_data; i++) {
                if (o->xf.wlen < sizeof o->wbuf) {
                    o->wbuf[o->xf.wlen] = (uint8_t)(v >> (8 * i));
                }
                if (xspi_fifo_push(&o->xf, s->now_ps)) {
                    finish_write(s, o);
                }
            }
        } else {
            sim_printf(s, "sim: OCTOSPI%u: DR written outside an indirect write: ignored", o->index);
        }
        return;
    case 0x080: o->psmkr = v; return;
    case 0x088: o->psmar = v; return;
    case 0x090: o->pir = v & 0xFFFFu; return;
    case 0x100: o->ccr = v; return;
    case 0x108: o->tcr = v; return;
    case 0x110:
        o->ir = v;
        if (((o->ccr >> 8) & 7u) == 0u) {
            start_transfer(s, o); /* no address phase: the instruction write starts it */
        }
        return;
    case 0x120: o->abr = v; return;
    case 0x130: o->lptr = v & 0xFFFFu; return;
    case 0x180: o->wccr = v; return;
    case 0x188: o->wtcr = v; return;
    case 0x190: o->wir = v; return;
    case 0x1A0: o->wabr = v; return;
    case 0x200: o->hlcr = v; return;
    default: return;
    }
}

static bool ospi_explain(struct sim *s, void *self, uint32_t addr, char *why, size_t len)
{
    (void)s;
    struct octospi_model *o = self;
    if (addr < o->window || addr - o->window >= WINDOW_SIZE) {
        return false;
    }
    if (o->mapped) {
        snprintf(why, len, "0x%08x is beyond the %u bytes of the OCTOSPI%u memory, or a write to a read-only "
                           "window%s%s", addr, o->storage_size, o->index, o->mmap_why[0] ? ": " : "", o->mmap_why);
    } else if (!clocked(o)) {
        snprintf(why, len, "OCTOSPI%u has no clock (RCC_AHB3ENR bit %u = 0)", o->index, enr_bit[o->index]);
    } else if (!(o->cr & CR_EN)) {
        snprintf(why, len, "OCTOSPI%u is disabled (CR.EN=0)", o->index);
    } else if (fmode(o) != 3u) {
        snprintf(why, len, "OCTOSPI%u is not in memory-mapped mode (CR.FMODE=%u)", o->index, fmode(o));
    } else {
        snprintf(why, len, "%s", o->mmap_why[0] ? o->mmap_why : "OCTOSPI memory-mapped mode refused");
    }
    return true;
}

/* ---- OCTOSPIM ---- */

static bool om_clocked(const struct octospim_model *om)
{
    return h7_rcc_enabled(om->rcc, RCC_AHB3ENR_OFF, IOMNGR_BIT);
}

static uint32_t om_read(struct sim *s, void *self, uint32_t off, unsigned size)
{
    (void)size;
    struct octospim_model *om = self;
    if (!om_clocked(om)) {
        sim_printf(s, "sim: OCTOSPIM read at +0x%02x with its clock off (RCC_AHB3ENR.IOMNGREN=0): reads 0", off);
        return 0;
    }
    return off == 0 ? om->cr : off == 4 ? om->pcr[0] : off == 8 ? om->pcr[1] : 0u;
}

static void om_write(struct sim *s, void *self, uint32_t off, unsigned size, uint32_t v)
{
    (void)size;
    struct octospim_model *om = self;
    if (!om_clocked(om)) {
        sim_printf(s, "sim: OCTOSPIM write at +0x%02x with its clock off (RCC_AHB3ENR.IOMNGREN=0): ignored", off);
        return;
    }
    /* RM0455 23.4: the I/O manager is configured while the controllers it routes are
     * disabled. */
    for (unsigned i = 0; i < 2; i++) {
        if (om->ctl[i] && (om->ctl[i]->cr & CR_EN) && clocked(om->ctl[i])) {
            sim_violation(s, "OCTOSPIM +0x%02x written while OCTOSPI%u is enabled: disable the controllers first",
                          off, i + 1u);
            return;
        }
    }
    if (off == 0) {
        om->cr = v & 0x00FF0001u;
    } else if (off == 4 || off == 8) {
        om->pcr[off / 4 - 1] = v & 0x07770333u;
    }
}

static struct octospi_model *the_ospi[3];
static void (*prev_on_reset)(struct sim *s, uint32_t off, uint32_t v);

static void ospi_reset_regs(struct sim *s, struct octospi_model *o)
{
    abort_all(s, o);
    o->cr = o->dcr1 = o->dcr3 = o->dcr4 = o->sr = o->dlr = o->ar = 0;
    o->psmkr = o->psmar = o->pir = o->ccr = o->tcr = o->ir = o->abr = o->lptr = 0;
    o->wccr = o->wtcr = o->wir = o->wabr = o->hlcr = 0;
    o->dcr2 = 0;
}

/* RCC_AHB3RSTR.IOMNGRRST: the I/O manager back to its reset mapping (RM0455 OCTOSPIM_PnCR
 * reset values), as octospim_model_init sets it. */
static void om_reset_regs(struct octospim_model *om)
{
    om->cr = 0;
    om->pcr[0] = 0x03010111u;
    om->pcr[1] = 0x07050333u;
}

static void ospi_rcc_reset(struct sim *s, uint32_t off, uint32_t v)
{
    if (off == 0x7Cu) {
        for (unsigned i = 1; i <= 2; i++) {
            if (the_ospi[i] && (v & (1u << enr_bit[i]))) {
                ospi_reset_regs(s, the_ospi[i]);
            }
        }
        struct octospi_model *any = the_ospi[1] ? the_ospi[1] : the_ospi[2];
        if (any && (v & (1u << IOMNGR_BIT))) {
            om_reset_regs(any->om);
        }
    }
    if (prev_on_reset) {
        prev_on_reset(s, off, v);
    }
}

void octospim_model_init(struct sim *s, struct octospim_model *om, struct h7_rcc *rcc)
{
    memset(om, 0, sizeof *om);
    om->rcc = rcc;
    /* reset mapping: port 1 from OCTOSPI1 (IO[7:4] of it on IOH), port 2 from OCTOSPI2
     * (RM0455 OCTOSPIM_PnCR reset values 0x03010111 / 0x07050333) */
    om_reset_regs(om);
    struct periph p = { "OCTOSPIM", 0x5200B400u, 0x400u, om_read, om_write, om };
    sim_add_periph(s, &p);
}

int octospi_model_init(struct sim *s, struct octospi_model *o, unsigned index, struct octospim_model *om,
                       struct h7_rcc *rcc, struct gpio_model *gpio, unsigned port, const struct board_pin *pins,
                       unsigned pin_count, uint8_t *storage, uint32_t storage_size)
{
    memset(o, 0, sizeof *o);
    o->index = index;
    o->window = index == 2u ? 0x70000000u : 0x90000000u;
    o->rcc = rcc;
    o->gpio = gpio;
    o->om = om;
    o->port = port;
    o->pins = pins;
    o->pin_count = pin_count;
    o->storage = storage;
    o->storage_size = storage_size;
    om->ctl[index - 1u] = o;
    struct periph p = { index == 2u ? "OCTOSPI2" : "OCTOSPI1", index == 2u ? 0x5200A000u : 0x52005000u, 0x400u,
                        ospi_read, ospi_write, o };
    sim_add_periph(s, &p);
    sim_add_explain(s, ospi_explain, o);
    if (the_ospi[1] == NULL && the_ospi[2] == NULL) {
        prev_on_reset = rcc->on_reset;
        rcc->on_reset = ospi_rcc_reset;
    }
    the_ospi[index] = o;
    return 0;
}

void octospi_model_free(struct octospi_model *o)
{
    free(o->rx);
    free(o->swapped);
    if (o->ram) {
        hyperram_destroy(o->ram);
    }
    if (o->nor) {
        spi_nor_destroy(o->nor);
    }
    if (the_ospi[o->index] == o) {
        the_ospi[o->index] = NULL;
    }
}
