/* QUADSPI controller (RM0433 23; the same block on F7, RM0431 13) in front of one NOR die or
 * two in dual-flash mode. Indirect transfers become xspi transactions to the device models;
 * data moves at the bus rate in virtual time (FIFO of 32 bytes); automatic polling reads the
 * device until the masked match; memory-mapped mode maps the flash array at 0x90000000 only
 * when every die would answer the configured read command. */
#include "h7.h"

#include <stdlib.h>
#include <string.h>

#include "devices/spi_nor.h"

#define QSPI_WINDOW 0x90000000u
#define QSPI_WINDOW_SIZE 0x10000000u

#define CR_EN (1u << 0)
#define CR_ABORT (1u << 1)
#define CR_DFM (1u << 6)
#define CR_FSEL (1u << 7)
#define CR_APMS (1u << 22)
#define CR_PMM (1u << 23)
#define SR_TEF (1u << 0)
#define SR_TCF (1u << 1)
#define SR_FTF (1u << 2)
#define SR_SMF (1u << 3)
#define SR_TOF (1u << 4)
#define SR_BUSY (1u << 5)

static struct {
    uint8_t *buf;
    uint32_t cap;
} rx;

static unsigned fmode(const struct quadspi_model *q) { return (q->ccr >> 26) & 3u; }
static unsigned lines(unsigned code) { return code == 3u ? 4u : code; }
static bool dual(const struct quadspi_model *q) { return (q->cr & CR_DFM) != 0u; }

static uint64_t bus_hz(const struct quadspi_model *q)
{
    /* kernel clock: H7 rcc_hclk3 (D1CCIPR.QSPISEL = 00, the reset value); F7 HCLK (AHB3) */
    return h7_rcc_hclk(q->rcc) / (((q->cr >> 24) & 0xFFu) + 1u);
}

static bool pins_ok(struct sim *s, struct quadspi_model *q)
{
    for (unsigned i = 0; i < q->bq->pin_count; i++) {
        const struct board_pin *p = &q->bq->pins[i];
        unsigned af;
        unsigned mode = gpio_model_mode(q->gpio, p->port, p->pin, &af);
        if (mode != 2u || af != p->af) {
            if (!dual(q) && i >= 6u) {
                continue; /* bank 2 pins unused in single-flash mode */
            }
            snprintf(q->mmap_why, sizeof q->mmap_why,
                     "QUADSPI pin P%c%u is in mode %u AF%u, the board needs AF%u: the flash sees no signal",
                     'A' + p->port, p->pin, mode, af, p->af);
            (void)s;
            return false;
        }
    }
    return true;
}

static void build_xfer(const struct quadspi_model *q, struct xspi_xfer *x, uint64_t clk)
{
    memset(x, 0, sizeof *x);
    uint32_t ccr = q->ccr;
    bool ddr = (ccr >> 31) & 1u;
    x->instr.lines = (uint8_t)lines((ccr >> 8) & 3u);
    x->instr_bytes = 1;
    x->instruction = (uint16_t)(ccr & 0xFFu);
    x->addr.lines = (uint8_t)lines((ccr >> 10) & 3u);
    x->addr.dtr = ddr;
    x->addr_bytes = (uint8_t)(((ccr >> 12) & 3u) + 1u);
    x->address = q->ar;
    x->alt.lines = (uint8_t)lines((ccr >> 14) & 3u);
    x->alt.dtr = ddr;
    x->alt_bytes = (uint8_t)(((ccr >> 16) & 3u) + 1u);
    x->alt_value = q->abr;
    x->dummy_cycles = (uint8_t)((ccr >> 18) & 0x1Fu);
    x->data.lines = (uint8_t)lines((ccr >> 24) & 3u);
    x->data.dtr = ddr;
    x->clk_hz = clk;
}

/* Bus clock cycles of a transaction carrying n data bytes in total. */
static uint64_t xfer_cycles(const struct quadspi_model *q, const struct xspi_xfer *x, uint32_t n)
{
    uint64_t c = 0;
    unsigned dies = dual(q) ? 2u : 1u;
    if (x->instr.lines) c += 8u / x->instr.lines;
    if (x->addr.lines) c += (8u * x->addr_bytes / x->addr.lines) >> x->addr.dtr;
    if (x->alt.lines) c += (8u * x->alt_bytes / x->alt.lines) >> x->alt.dtr;
    c += x->dummy_cycles;
    if (x->data.lines) c += ((uint64_t)8u * n / (x->data.lines * dies)) >> x->data.dtr;
    return c + ((q->dcr >> 8) & 7u) + 1u; /* chip select high time */
}

/* Runs one transaction on the die(s); data interleaved byte by byte in dual-flash mode. */
static void run_xfer(struct sim *s, struct quadspi_model *q, struct xspi_xfer *x, uint8_t *data, uint32_t n,
                     bool write)
{
    if (!pins_ok(s, q)) {
        sim_printf(s, "sim: %s", q->mmap_why);
        if (!write) {
            memset(data, 0xFF, n);
        }
        return;
    }
    x->write = write;
    if (!dual(q)) {
        struct spi_nor *d = q->die[(q->cr & CR_FSEL) ? 1 : 0];
        x->buf = data;
        x->len = n;
        if (d) {
            spi_nor_xfer(d, x, s->now_ps);
        } else if (!write) {
            memset(data, 0xFF, n);
        }
        return;
    }
    uint32_t half[2] = { (n + 1u) / 2u, n / 2u };
    uint8_t *part = malloc(half[0] ? half[0] : 1u);
    if (part == NULL) {
        return;
    }
    struct xspi_xfer dx = *x;
    dx.address = x->address / 2u;
    for (unsigned d = 0; d < 2; d++) {
        for (uint32_t i = 0; i < half[d] && write; i++) {
            part[i] = data[2u * i + d];
        }
        dx.buf = part;
        dx.len = half[d];
        if (half[d] == 0u && x->data.lines) {
            continue;
        }
        spi_nor_xfer(q->die[d], &dx, s->now_ps);
        for (uint32_t i = 0; i < half[d] && !write; i++) {
            data[2u * i + d] = part[i];
        }
    }
    free(part);
}

static uint64_t cycles_ps(const struct quadspi_model *q, uint64_t cycles)
{
    return cycles * 1000000000000ull / bus_hz(q);
}

static void start_indirect(struct sim *s, struct quadspi_model *q)
{
    struct xspi_xfer x;
    build_xfer(q, &x, bus_hz(q));
    uint32_t n = x.data.lines ? q->dlr + 1u : 0u;
    bool write = fmode(q) == 0u;
    if (write) {
        /* header, then the data at the bus rate as the CPU fills the FIFO (cycles per byte
         * from the transfer of the whole DLR, chip select high time last) */
        uint64_t cs = ((q->dcr >> 8) & 7u) + 1u, head = xfer_cycles(q, &x, 0) - cs;
        uint64_t data = xfer_cycles(q, &x, n) - cs - head;
        if (n != 0u && n > sizeof q->wbuf) {
            sim_printf(s, "sim: QUADSPI: indirect write of %u bytes: not implemented beyond %zu, the rest is "
                          "dropped", n, sizeof q->wbuf);
        }
        xspi_fifo_start_write(&q->xf, s->now_ps, cycles_ps(q, head), n ? cycles_ps(q, data) / n : 0u,
                              cycles_ps(q, cs), n);
        if (n == 0u) {
            run_xfer(s, q, &x, rx.buf, 0, false); /* a command: the device acts on it now */
            q->sr &= ~SR_TCF;
        }
        return;
    }
    if (n > q->storage_size + 64u) {
        sim_violation(s, "QUADSPI: indirect read of %u bytes, more than the flash holds", n);
        n = q->storage_size;
    }
    if (n > rx.cap) {
        uint8_t *nb = realloc(rx.buf, n);
        if (nb == NULL) {
            return;
        }
        rx.buf = nb;
        rx.cap = n;
    }
    run_xfer(s, q, &x, rx.buf, n, false);
    xspi_fifo_start_read(&q->xf, s->now_ps, s->now_ps + cycles_ps(q, xfer_cycles(q, &x, n)), n);
    q->sr &= ~SR_TCF;
}

static void finish_write(struct sim *s, struct quadspi_model *q)
{
    struct xspi_xfer x;
    build_xfer(q, &x, bus_hz(q));
    run_xfer(s, q, &x, q->wbuf, q->xf.wlen < sizeof q->wbuf ? q->xf.wlen : (uint32_t)sizeof q->wbuf, true);
}

static void unmap(struct sim *s, struct quadspi_model *q)
{
    if (q->mapped) {
        uc_mem_unmap(s->uc, QSPI_WINDOW, q->storage_size);
        q->mapped = false;
    }
}

static void enter_mmap(struct sim *s, struct quadspi_model *q)
{
    struct xspi_xfer x;
    build_xfer(q, &x, bus_hz(q));
    x.address = 0;
    q->mmap_why[0] = '\0';
    if (!pins_ok(s, q)) {
        return;
    }
    if (x.data.lines == 0u || x.addr.lines == 0u) {
        snprintf(q->mmap_why, sizeof q->mmap_why, "QUADSPI memory-mapped mode needs address and data phases");
        return;
    }
    uint64_t fsize = 2ull << ((q->dcr >> 16) & 0x1Fu);
    if (fsize < q->storage_size) {
        snprintf(q->mmap_why, sizeof q->mmap_why, "QUADSPI DCR.FSIZE gives %llu bytes, the flash holds %u",
                 (unsigned long long)fsize, q->storage_size);
        return;
    }
    unsigned ndies = dual(q) ? 2u : 1u;
    for (unsigned d = 0; d < ndies; d++) {
        struct spi_nor *die = dual(q) ? q->die[d] : q->die[(q->cr & CR_FSEL) ? 1 : 0];
        char why[200];
        if (die == NULL || !spi_nor_mmap_ok(die, &x, s->now_ps, why, sizeof why)) {
            snprintf(q->mmap_why, sizeof q->mmap_why, "memory-mapped read refused by the flash: %s",
                     die ? why : "no flash on this bank");
            return;
        }
    }
    if (!dual(q) && q->die[1] != NULL) {
        snprintf(q->mmap_why, sizeof q->mmap_why,
                 "QUADSPI in single-flash mode but the board wires two dies in dual-flash mode (CR.DFM=0)");
        return;
    }
    if (sim_map_ram_fresh(s, QSPI_WINDOW, q->storage_size, UC_PROT_READ | UC_PROT_EXEC, q->storage) == 0) {
        q->mapped = true;
        sim_printf(s, "sim: QUADSPI: memory-mapped mode, 0x%02X %u-%u-%u, %u dummy cycles, %llu MHz",
                   x.instruction, x.instr.lines, x.addr.lines, x.data.lines, x.dummy_cycles,
                   (unsigned long long)(bus_hz(q) / 1000000u));
    }
}

static bool clocked(const struct quadspi_model *q)
{
    return h7_rcc_enabled(q->rcc, q->rcc->map->qspi_enr, q->rcc->map->qspi_bit);
}

static void poll_once(struct sim *s, struct quadspi_model *q)
{
    struct xspi_xfer x;
    build_xfer(q, &x, bus_hz(q));
    uint32_t n = (q->dlr & 3u) + 1u;
    uint8_t b[4] = { 0 };
    run_xfer(s, q, &x, b, n, false);
    uint32_t v = (uint32_t)b[0] | ((uint32_t)b[1] << 8) | ((uint32_t)b[2] << 16) | ((uint32_t)b[3] << 24);
    bool match;
    if (q->cr & CR_PMM) {
        match = ((v ^ ~q->psmar) & q->psmkr) != 0u; /* OR: any masked bit matches */
    } else {
        match = ((v ^ q->psmar) & q->psmkr) == 0u;
    }
    if (s->trace) {
        sim_printf(s, "sim: trace: QUADSPI poll 0x%02X -> 0x%08x (mask 0x%08x match 0x%08x)", x.instruction, v,
                   q->psmkr, q->psmar);
    }
    if (match) {
        q->sr |= SR_SMF;
        if (q->cr & CR_APMS) {
            q->polling = false;
        }
    }
}

static uint32_t sr_value(struct sim *s, struct quadspi_model *q)
{
    if (q->polling) {
        /* the controller reads the device every PIR.INTERVAL clocks after each read */
        if (s->now_ps >= q->next_poll_ps) {
            struct xspi_xfer x;
            build_xfer(q, &x, bus_hz(q));
            uint64_t cycles = xfer_cycles(q, &x, (q->dlr & 3u) + 1u) + (q->pir & 0xFFFFu);
            poll_once(s, q);
            q->next_poll_ps = s->now_ps + cycles_ps(q, cycles);
        }
        return (q->sr & (SR_TEF | SR_SMF | SR_TOF | SR_TCF)) | (q->polling ? SR_BUSY : 0u);
    }
    uint32_t st = xspi_fifo_status(&q->xf, s->now_ps, ((q->cr >> 8) & 0x1Fu) + 1u, &q->sr);
    return (q->sr & (SR_TEF | SR_SMF | SR_TOF | SR_TCF)) | st;
}

/* Automatic polling or an indirect transfer, as CCR.FMODE says. */
static void start_transfer(struct sim *s, struct quadspi_model *q)
{
    if (fmode(q) == 2u) {
        q->polling = true;
        q->next_poll_ps = 0;
        q->sr &= ~SR_SMF;
    } else {
        start_indirect(s, q);
    }
}

static uint32_t qspi_read(struct sim *s, void *self, uint32_t off, unsigned size)
{
    struct quadspi_model *q = self;
    if (!clocked(q)) {
        sim_printf(s, "sim: QUADSPI read at +0x%02x with its clock off (RCC_AHB3ENR.QSPIEN=0): reads 0", off);
        return 0;
    }
    switch (off) {
    case 0x00: return q->cr;
    case 0x04: return q->dcr;
    case 0x08: return sr_value(s, q);
    case 0x10: return q->dlr;
    case 0x14: return q->ccr;
    case 0x18: return q->ar;
    case 0x1C: return q->abr;
    case 0x20: {
        uint32_t v = 0;
        for (unsigned i = 0; i < size; i++) {
            if (xspi_fifo_avail(&q->xf, s->now_ps) == 0u) {
                if (q->xf.busy_read) {
                    sim_printf(s, "sim: QUADSPI: DR read with the FIFO empty (FLEVEL=0): reads 0");
                }
                break;
            }
            v |= (uint32_t)rx.buf[q->xf.fifo_pos++] << (8 * i);
        }
        return v;
    }
    case 0x24: return q->psmkr;
    case 0x28: return q->psmar;
    case 0x2C: return q->pir;
    case 0x30: return q->lptr;
    default: return 0;
    }
}

static void qspi_write(struct sim *s, void *self, uint32_t off, unsigned size, uint32_t v)
{
    struct quadspi_model *q = self;
    if (!clocked(q)) {
        sim_printf(s, "sim: QUADSPI write at +0x%02x with its clock off (RCC_AHB3ENR.QSPIEN=0): ignored", off);
        return;
    }
    bool busy = (sr_value(s, q) & SR_BUSY) != 0u;
    switch (off) {
    case 0x00:
        if (v & CR_ABORT) {
            xspi_fifo_clear(&q->xf);
            q->polling = false;
            unmap(s, q);
            v &= ~CR_ABORT;
        }
        q->cr = v;
        if (!(v & CR_EN)) {
            unmap(s, q);
        }
        return;
    case 0x04:
        if (busy) {
            sim_violation(s, "QUADSPI: DCR written while BUSY: ignored by hardware");
            return;
        }
        q->dcr = v;
        return;
    case 0x0C: q->sr &= ~(v & (SR_TEF | SR_TCF | SR_SMF | SR_TOF)); return;
    case 0x10: q->dlr = v; return;
    case 0x14:
        if (busy && !q->mapped) {
            sim_violation(s, "QUADSPI: CCR written while BUSY (previous transfer not finished): ignored");
            return;
        }
        unmap(s, q);
        q->ccr = v;
        if (!(q->cr & CR_EN)) {
            return;
        }
        if (fmode(q) == 3u) {
            enter_mmap(s, q);
        } else if (((v >> 10) & 3u) == 0u) { /* no address phase: starts now */
            start_transfer(s, q);
        }
        return;
    case 0x18:
        if (busy) {
            sim_violation(s, "QUADSPI: AR written while BUSY: ignored");
            return;
        }
        q->ar = v;
        if ((q->cr & CR_EN) && ((q->ccr >> 10) & 3u) != 0u && fmode(q) != 3u) {
            start_transfer(s, q); /* the address write starts it */
        }
        return;
    case 0x1C: q->abr = v; return;
    case 0x20:
        if (q->xf.busy_write && q->xf.wait_data) {
            for (unsigned i = 0; i < size && q->xf.wait_data; i++) {
                if (q->xf.wlen < sizeof q->wbuf) {
                    q->wbuf[q->xf.wlen] = (uint8_t)(v >> (8 * i));
                }
                if (xspi_fifo_push(&q->xf, s->now_ps)) {
                    finish_write(s, q);
                }
            }
        } else {
            sim_printf(s, "sim: QUADSPI: DR written outside an indirect write: ignored");
        }
        return;
    case 0x24: q->psmkr = v; return;
    case 0x28: q->psmar = v; return;
    case 0x2C: q->pir = v & 0xFFFFu; return;
    case 0x30: q->lptr = v & 0xFFFFu; return;
    default: return;
    }
}

static bool qspi_explain(struct sim *s, void *self, uint32_t addr, char *why, size_t len)
{
    (void)s;
    struct quadspi_model *q = self;
    if (addr < QSPI_WINDOW || addr - QSPI_WINDOW >= QSPI_WINDOW_SIZE) {
        return false;
    }
    if (q->mapped) {
        snprintf(why, len, "0x%08x is beyond the %u bytes of the QUADSPI flash", addr, q->storage_size);
    } else if (!clocked(q)) {
        snprintf(why, len, "QUADSPI has no clock (RCC_AHB3ENR.QSPIEN=0)");
    } else if (!(q->cr & CR_EN)) {
        snprintf(why, len, "QUADSPI is disabled (CR.EN=0)");
    } else if (q->mmap_why[0]) {
        snprintf(why, len, "%s", q->mmap_why);
    } else {
        snprintf(why, len, "QUADSPI is not in memory-mapped mode (CCR.FMODE=%u)", fmode(q));
    }
    return true;
}

static void qspi_log(void *ctx, const char *msg)
{
    sim_printf(ctx, "sim: %s", msg);
}

static void qspi_reset(struct sim *s, uint32_t off, uint32_t v);
static struct quadspi_model *the_qspi;

int quadspi_model_init(struct sim *s, struct quadspi_model *q, struct h7_rcc *rcc, struct gpio_model *gpio,
                       const struct board_qspi *bq, uint8_t *storage, uint32_t storage_size,
                       const char *part_override)
{
    memset(q, 0, sizeof *q);
    q->rcc = rcc;
    q->gpio = gpio;
    q->bq = bq;
    q->storage = storage;
    q->storage_size = storage_size;
    const char *name = part_override ? part_override : bq->part;
    const struct nor_part *part = nor_part_by_name(name);
    if (part == NULL) {
        fprintf(stderr, "extmem-sim: unknown flash part '%s'\n", name);
        return -1;
    }
    unsigned dies = bq->dual_flash ? 2u : 1u;
    for (unsigned d = 0; d < dies; d++) {
        static const char *const names[2] = { "qspi die 0", "qspi die 1" };
        q->die[d] = spi_nor_create(part, storage, dies, d, qspi_log, s, names[d]);
        if (q->die[d] == NULL) {
            return -1;
        }
        spi_nor_power_on(q->die[d], 0);
    }
    struct periph p = { "QUADSPI", rcc->map->qspi_base, 0x400u, qspi_read, qspi_write, q };
    sim_add_periph(s, &p);
    sim_add_explain(s, qspi_explain, q);
    the_qspi = q;
    rcc->on_reset = qspi_reset;
    return 0;
}

static void qspi_reset(struct sim *s, uint32_t off, uint32_t v)
{
    if (the_qspi && off == the_qspi->rcc->map->qspi_rstr && (v & (1u << the_qspi->rcc->map->qspi_bit))) {
        struct quadspi_model *q = the_qspi;
        unmap(s, q);
        q->cr = q->dcr = q->sr = q->dlr = q->ccr = q->ar = q->abr = 0;
        q->psmkr = q->psmar = q->pir = q->lptr = 0;
        xspi_fifo_clear(&q->xf);
        q->polling = false;
    }
}
