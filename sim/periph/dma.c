/* DMA1 and DMA2: the STM32 general-purpose DMA controller with 8 streams (RM0431/RM0385
 * chapter 8 on the F7, RM0433/RM0455/RM0468 chapter "DMA" on the H7; the same register block).
 *
 * Registers: LISR 0x00, HISR 0x04 (read-only), LIFCR 0x08, HIFCR 0x0C (write 1 to clear),
 * then per stream x at 0x10 + 0x18 x: SxCR, SxNDTR (16 bits), SxPAR, SxM0AR, SxM1AR, SxFCR
 * (reset 0x00000021: FTH 1/2, FS "empty"). Flags of stream x, in LISR (x = 0..3) or HISR
 * (x = 4..7) at bit 0, 6, 16, 22 for x mod 4: FEIF +0, DMEIF +2, TEIF +3, HTIF +4, TCIF +5.
 * The programming port takes 32-bit accesses only. With the controller's clock off
 * (RCC_AHB1ENR DMA1EN/DMA2EN: bits 21/22 on the F7, 0/1 on the H7) reads give 0 and writes
 * are ignored, both logged.
 *
 * Rules the reference manuals state and the model keeps:
 *   - the configuration (SxCR but EN and the interrupt enables, SxNDTR, SxPAR, SxM0AR,
 *     SxM1AR except the idle buffer in double-buffer mode, SxFCR but FEIE) is read-only
 *     while EN = 1: such a write is ignored (an error on the log when it would change it);
 *   - EN reads 1 until the stream has really stopped: clearing it ends the item in flight
 *     first (one item time), then EN reads 0 and TCIF is set;
 *   - the stream's event flags must be clear when EN is set: otherwise the stream does not
 *     start (EN stays 0);
 *   - with SxNDTR = 0 an enabled stream serves no transaction;
 *   - memory-to-memory (DIR = 10) only on DMA2 of the F7: DMA1's peripheral port reaches
 *     only the APB1 peripherals, so the model gives a transfer error at once; in that
 *     direction the hardware sets DMDIS and clears PFCTRL, circular and double-buffer modes
 *     are forbidden (an error on the log; the model copies once);
 *   - an interrupt enable set while its flag is set raises the interrupt at once; writing
 *     the memory address register a double-buffer stream is using gives TEIF;
 *   - a transfer error (an address the controller's masters cannot reach: the ITCM RAM on
 *     the F7, where the DTCM is reached through the core's AHBS port; ITCM and DTCM on the
 *     H7, whose DMA1/DMA2 sit in the D2 domain; nothing mapped; a write to read-only
 *     memory) sets TEIF and clears EN.
 *
 * Time model: a memory-to-memory stream moves one item (one SxNDTR count, PSIZE bytes read
 * from the SxPAR side, written in MSIZE units to the SxM0AR side) every two HCLK cycles (one
 * read and one write AHB cycle, no bus contention, no burst gain). HTIF comes when half of
 * the items are done, TCIF and EN = 0 at the last one; each raises the stream's interrupt
 * when its enable bit is set. Peripheral-to-memory and memory-to-peripheral streams wait for
 * requests no modelled peripheral issues: they stay enabled, which the resources check at
 * the jump reports. All memory accesses go through sim_bus_master_read/write. */
#include "dma.h"

#include <stdlib.h>
#include <string.h>

#include "boards/chip.h"

/* Register offsets: controller, then stream x at STREAM0 + STRIDE x. */
#define LISR 0x00u
#define HISR 0x04u
#define LIFCR 0x08u
#define HIFCR 0x0Cu
#define STREAM0 0x10u
#define STRIDE 0x18u
#define SxCR 0x00u
#define SxNDTR 0x04u
#define SxPAR 0x08u
#define SxM0AR 0x0Cu
#define SxM1AR 0x10u
#define SxFCR 0x14u
#define STREAMS_END (STREAM0 + 8u * STRIDE)
#define IFCR_MASK 0x0F7D0F7Du /* the five flags of four streams */

#define CR_EN (1u << 0)
#define CR_DMEIE (1u << 1)
#define CR_TEIE (1u << 2)
#define CR_HTIE (1u << 3)
#define CR_TCIE (1u << 4)
#define CR_IE_MASK (CR_DMEIE | CR_TEIE | CR_HTIE | CR_TCIE)
#define CR_PFCTRL (1u << 5)
#define CR_DIR(cr) (((cr) >> 6) & 3u)
#define CR_CIRC (1u << 8)
#define CR_PINC (1u << 9)
#define CR_MINC (1u << 10)
#define CR_PSIZE(cr) (((cr) >> 11) & 3u)
#define CR_MSIZE(cr) (((cr) >> 13) & 3u)
#define CR_PINCOS (1u << 15)
#define CR_DBM (1u << 18)
#define CR_CT (1u << 19)
#define CR_CHSEL(cr) (((cr) >> 25) & 7u)
/* Implemented bits: F7 bits 0..19, 21..27 (bit 20 reserved, CHSEL 27:25); H7 bits 0..24
 * (TRBUFF at 20, no CHSEL). */
#define CR_MASK_F7 0x0FEFFFFFu
#define CR_MASK_H7 0x01FFFFFFu

#define FCR_FTH 3u
#define FCR_DMDIS (1u << 2)
#define FCR_FEIE (1u << 7)
#define FCR_RESET 0x00000021u
#define FCR_FS_EMPTY (4u << 3)

#define F_FEIF (1u << 0)
#define F_DMEIF (1u << 2)
#define F_TEIF (1u << 3)
#define F_HTIF (1u << 4)
#define F_TCIF (1u << 5)
#define F_ALL (F_FEIF | F_DMEIF | F_TEIF | F_HTIF | F_TCIF)

#define DIR_P2M 0u
#define DIR_M2P 1u
#define DIR_M2M 2u

/* Vector table positions (RM0431/RM0385 and RM0433 NVIC tables: the same numbers). */
static const uint8_t irq_of[2][8] = {
    { 11, 12, 13, 14, 15, 16, 17, 47 },
    { 56, 57, 58, 59, 60, 68, 69, 70 },
};
static const uint8_t flag_shift[4] = { 0, 6, 16, 22 };

static struct dma_model *the_dma;
static void (*prev_on_reset)(struct sim *s, uint32_t off, uint32_t v);

static const char *dir_name(unsigned dir)
{
    static const char *const n[4] = { "peripheral-to-memory", "memory-to-peripheral", "memory-to-memory",
                                      "reserved direction 11" };
    return n[dir & 3u];
}

static bool clocked(const struct dma_model *m, const struct dma_ctrl *c)
{
    return h7_rcc_enabled(m->rcc, m->enr_off, m->enr_bit[c->index - 1u]);
}

static uint32_t flags_of(const struct dma_ctrl *c, unsigned n)
{
    return (c->isr[n >> 2] >> flag_shift[n & 3u]) & F_ALL;
}

static uint64_t item_ps(const struct dma_model *m)
{
    uint32_t hclk = h7_rcc_hclk(m->rcc);
    return 2u * (1000000000000ull / (hclk ? hclk : 1u));
}

static void set_flag(struct sim *s, struct dma_ctrl *c, unsigned n, uint32_t flag)
{
    struct dma_stream *st = &c->st[n];
    c->isr[n >> 2] |= flag << flag_shift[n & 3u];
    bool ie = (flag == F_TCIF && (st->cr & CR_TCIE)) || (flag == F_HTIF && (st->cr & CR_HTIE)) ||
              (flag == F_TEIF && (st->cr & CR_TEIE)) || (flag == F_DMEIF && (st->cr & CR_DMEIE)) ||
              (flag == F_FEIF && (st->fcr & FCR_FEIE));
    if (ie) {
        sim_irq_set(s, irq_of[c->index - 1u][n], true);
    }
}

/* An interrupt enable set while its flag is already set: the interrupt comes at once (RM
 * "DMA interrupts": the flag must be cleared before the enable is set). */
static void pend_if_flagged(struct sim *s, struct dma_ctrl *c, unsigned n, uint32_t raised)
{
    uint32_t f = flags_of(c, n);
    if (((raised & CR_TCIE) && (f & F_TCIF)) || ((raised & CR_HTIE) && (f & F_HTIF)) ||
        ((raised & CR_TEIE) && (f & F_TEIF)) || ((raised & CR_DMEIE) && (f & F_DMEIF))) {
        sim_irq_set(s, irq_of[c->index - 1u][n], true);
    }
}

static void stop(struct dma_stream *st)
{
    st->cr &= ~CR_EN;
    st->stopping = false;
}

static void transfer_error(struct sim *s, struct dma_ctrl *c, unsigned n, const char *why)
{
    sim_violation(s, "DMA%u stream %u: transfer error: %s: TEIF set, stream disabled (NDTR %u left)", c->index, n,
                  why, c->st[n].ndtr);
    stop(&c->st[n]);
    set_flag(s, c, n, F_TEIF);
}

/* Whether the controller's masters reach [addr, addr + len); why not in why. */
static bool reachable(const struct dma_model *m, uint32_t addr, uint32_t len, char *why, size_t wlen)
{
    uint64_t end = (uint64_t)addr + len;
    if (m->f7) {
        if (end <= 0x00004000u) { /* ITCM RAM (16 KiB) */
            snprintf(why, wlen, "0x%08x is in the ITCM RAM, which only the CPU reaches (the DMAs reach only the DTCM, "
                     "through the core's AHBS port)", addr);
            return false;
        }
        return true;
    }
    if (end <= 0x00040000u) {
        snprintf(why, wlen, "0x%08x is in the ITCM, which the DMA1/DMA2 masters cannot reach (only the CPU and the "
                 "MDMA through AHBS)", addr);
        return false;
    }
    if (addr >= 0x20000000u && addr < 0x20020000u) {
        snprintf(why, wlen, "0x%08x is in the DTCM, which the DMA1/DMA2 masters cannot reach (only the CPU and the "
                 "MDMA through AHBS)", addr);
        return false;
    }
    return true;
}

/* One item of a memory-to-memory transfer; false after a transfer error. */
static bool move_item(struct sim *s, struct dma_model *m, struct dma_ctrl *c, unsigned n)
{
    struct dma_stream *st = &c->st[n];
    unsigned psize = 1u << CR_PSIZE(st->cr), msize = 1u << CR_MSIZE(st->cr);
    char why[200];
    uint8_t buf[4];
    if (!reachable(m, st->src, psize, why, sizeof why)) {
        transfer_error(s, c, n, why);
        return false;
    }
    if (sim_bus_master_read(s, st->src, buf, psize) != 0) {
        snprintf(why, sizeof why, "read of 0x%08x: nothing the DMA can read is mapped there", st->src);
        transfer_error(s, c, n, why);
        return false;
    }
    memcpy(st->fifo + st->fifo_len, buf, psize);
    st->fifo_len += psize;
    if (st->cr & CR_PINC) {
        st->src += (st->cr & CR_PINCOS) ? 4u : psize;
    }
    while (st->fifo_len >= msize) {
        if (!reachable(m, st->dst, msize, why, sizeof why)) {
            transfer_error(s, c, n, why);
            return false;
        }
        if (sim_bus_master_write(s, st->dst, st->fifo, msize) != 0) {
            snprintf(why, sizeof why, "write of 0x%08x: no memory the DMA can write is mapped there (unmapped or "
                     "read-only)", st->dst);
            transfer_error(s, c, n, why);
            return false;
        }
        memmove(st->fifo, st->fifo + msize, st->fifo_len - msize);
        st->fifo_len -= msize;
        if (st->cr & CR_MINC) {
            st->dst += msize;
        }
    }
    st->ndtr--;
    return true;
}

/* Brings stream n up to the current time. */
static void advance(struct sim *s, struct dma_model *m, struct dma_ctrl *c, unsigned n)
{
    struct dma_stream *st = &c->st[n];
    if (!(st->cr & CR_EN)) {
        return;
    }
    uint64_t limit = st->stopping && st->stop_ps < s->now_ps ? st->stop_ps : s->now_ps;
    if (CR_DIR(st->cr) == DIR_M2M && st->ndtr != 0u) {
        if (!clocked(m, c)) {
            st->last_ps = limit; /* no clock, no progress */
        } else if (limit > st->last_ps) {
            uint64_t per = item_ps(m);
            uint64_t due = (limit - st->last_ps) / per;
            for (uint64_t i = 0; i < due && st->ndtr != 0u; i++) {
                if (!move_item(s, m, c, n)) {
                    return;
                }
                st->last_ps += per;
                if (!st->half_done && (st->ndtr_start - st->ndtr) * 2u >= st->ndtr_start) {
                    st->half_done = true;
                    set_flag(s, c, n, F_HTIF);
                }
            }
            if (st->ndtr == 0u) {
                if (st->fifo_len) {
                    sim_violation(s, "DMA%u stream %u: NDTR x PSIZE is not a multiple of MSIZE: the last %u bytes "
                                     "stay in the FIFO, never written", c->index, n, st->fifo_len);
                }
                stop(st);
                set_flag(s, c, n, F_TCIF);
                return;
            }
        }
    }
    if (st->stopping && s->now_ps >= st->stop_ps) {
        stop(st);
        set_flag(s, c, n, F_TCIF); /* a stream disabled by software signals the end of its transfer */
    }
}

static void advance_all(struct sim *s, struct dma_model *m)
{
    for (unsigned k = 0; k < 2; k++) {
        for (unsigned n = 0; n < 8; n++) {
            advance(s, m, &m->ctl[k], n);
        }
    }
}

/* The next time something changes: the half or the last item of a copy, a stop. */
static void schedule(struct sim *s, struct dma_model *m)
{
    uint64_t per = item_ps(m);
    for (unsigned k = 0; k < 2; k++) {
        for (unsigned n = 0; n < 8; n++) {
            struct dma_stream *st = &m->ctl[k].st[n];
            if (!(st->cr & CR_EN)) {
                continue;
            }
            if (st->stopping) {
                sim_schedule(s, st->stop_ps);
            }
            if (CR_DIR(st->cr) == DIR_M2M && st->ndtr != 0u && clocked(m, &m->ctl[k])) {
                uint32_t done = st->ndtr_start - st->ndtr;
                uint32_t half = (st->ndtr_start + 1u) / 2u;
                uint32_t next = !st->half_done && done < half ? half - done : st->ndtr;
                sim_schedule(s, st->last_ps + (uint64_t)next * per);
            }
        }
    }
}

static void tick(struct sim *s, void *self)
{
    struct dma_model *m = self;
    advance_all(s, m);
    schedule(s, m);
}

static void reset_ctrl(struct dma_ctrl *c)
{
    unsigned index = c->index;
    memset(c, 0, sizeof *c);
    c->index = index;
    for (unsigned n = 0; n < 8; n++) {
        c->st[n].fcr = FCR_RESET;
    }
}

static void start(struct sim *s, struct dma_model *m, struct dma_ctrl *c, unsigned n)
{
    struct dma_stream *st = &c->st[n];
    unsigned dir = CR_DIR(st->cr);
    if (flags_of(c, n)) {
        sim_violation(s, "DMA%u stream %u: EN set with event flags 0x%02x still set in %s: the stream does not "
                         "start (clear them in %s first)", c->index, n, flags_of(c, n), n < 4 ? "LISR" : "HISR",
                      n < 4 ? "LIFCR" : "HIFCR");
        st->cr &= ~CR_EN;
        return;
    }
    if (dir == 3u) {
        sim_violation(s, "DMA%u stream %u: EN set with DIR = 11 (reserved): the stream does not start", c->index, n);
        st->cr &= ~CR_EN;
        return;
    }
    st->ndtr_start = st->ndtr;
    st->last_ps = s->now_ps;
    st->half_done = false;
    st->stopping = false;
    st->fifo_len = 0;
    if (dir == DIR_M2M) {
        if (m->f7 && c->index == 1u) {
            transfer_error(s, c, n, "memory-to-memory is only possible on DMA2: the "
                                    "peripheral port of DMA1 reaches only the APB1 peripherals");
            return;
        }
        if (st->cr & (CR_CIRC | CR_DBM)) {
            sim_violation(s, "DMA%u stream %u: memory-to-memory with %s mode, a forbidden configuration (RM table "
                             "\"Possible DMA configurations\"): the model copies once", c->index, n,
                          (st->cr & CR_DBM) ? "double-buffer" : "circular");
        }
        st->cr &= ~CR_PFCTRL;  /* the DMA is the flow controller memory-to-memory: forced by hardware */
        st->fcr |= FCR_DMDIS; /* direct mode not allowed memory-to-memory: set by hardware */
        st->src = st->par & ~((1u << CR_PSIZE(st->cr)) - 1u);
        st->dst = st->m0ar & ~((1u << CR_MSIZE(st->cr)) - 1u);
        if (CR_PSIZE(st->cr) == 3u || CR_MSIZE(st->cr) == 3u) {
            sim_violation(s, "DMA%u stream %u: PSIZE or MSIZE = 11 (reserved): the stream does not start", c->index,
                          n);
            st->cr &= ~CR_EN;
            return;
        }
    }
    if (st->ndtr == 0u) {
        sim_printf(s, "sim: DMA%u stream %u: enabled with NDTR = 0: no transaction can be served, EN stays 1",
                   c->index, n);
    } else if (dir != DIR_M2M) {
        char req[48];
        if (m->f7) {
            snprintf(req, sizeof req, "channel %u", CR_CHSEL(st->cr));
        } else {
            snprintf(req, sizeof req, "DMAMUX1 request %u", m->mux_ccr[(c->index - 1u) * 8u + n] & 0xFFu);
        }
        sim_printf(s, "sim: DMA%u stream %u: enabled, %s on %s, NDTR %u: waiting for requests (no modelled "
                      "peripheral issues DMA requests)", c->index, n, dir_name(dir), req, st->ndtr);
    }
}

/* A configuration register written while EN = 1: the hardware ignores the write. */
static void locked(struct sim *s, struct dma_ctrl *c, unsigned n, const char *reg, uint32_t old, uint32_t v)
{
    if (old != v) {
        sim_violation(s, "DMA%u stream %u: S%u%s written (0x%08x) while EN = 1: ignored by hardware, the "
                         "configuration is read-only until the stream is disabled", c->index, n, n, reg, v);
    }
}

static uint32_t ctrl_read(struct sim *s, struct dma_model *m, struct dma_ctrl *c, uint32_t off, unsigned size)
{
    if (size != 4u) {
        sim_violation(s, "DMA%u: %u-byte read at +0x%02x: the programming port takes 32-bit accesses only", c->index,
                      size, off);
        return 0;
    }
    if (!clocked(m, c)) {
        sim_printf(s, "sim: DMA%u read at +0x%02x with its clock off (%s bit %u): reads 0", c->index, off, m->enr_name,
                   m->enr_bit[c->index - 1u]);
        return 0;
    }
    advance_all(s, m);
    if (off == LISR || off == HISR) {
        return c->isr[off / 4u];
    }
    if (off < STREAM0 || off >= STREAMS_END) {
        return 0; /* LIFCR/HIFCR are write-only */
    }
    struct dma_stream *st = &c->st[(off - STREAM0) / STRIDE];
    switch ((off - STREAM0) % STRIDE) {
    case SxCR: return st->cr;
    case SxNDTR: return st->ndtr;
    case SxPAR: return st->par;
    case SxM0AR: return st->m0ar;
    case SxM1AR: return st->m1ar;
    case SxFCR: return (st->fcr & (FCR_FEIE | FCR_DMDIS | FCR_FTH)) | FCR_FS_EMPTY; /* FIFO level not modelled */
    default: return 0;
    }
}

static void stream_write(struct sim *s, struct dma_model *m, struct dma_ctrl *c, unsigned n, uint32_t r, uint32_t v)
{
    struct dma_stream *st = &c->st[n];
    bool en = (st->cr & CR_EN) != 0u;
    switch (r) {
    case SxCR: {
        uint32_t mask = m->f7 ? CR_MASK_F7 : CR_MASK_H7;
        v &= mask;
        if (en) {
            uint32_t keep = ~(CR_EN | CR_IE_MASK) & ~CR_CT;
            if (v & CR_EN) { /* a write that disables may carry anything else: it is ignored */
                locked(s, c, n, "CR", st->cr & keep, v & keep);
            }
            uint32_t raised = v & ~st->cr & CR_IE_MASK;
            st->cr = (st->cr & ~CR_IE_MASK) | (v & CR_IE_MASK);
            pend_if_flagged(s, c, n, raised);
            if (!(v & CR_EN) && !st->stopping) {
                st->stopping = true;
                st->stop_ps = s->now_ps + item_ps(m); /* the item in flight completes */
            }
            break;
        }
        uint32_t raised = v & ~st->cr & CR_IE_MASK;
        st->cr = v;
        pend_if_flagged(s, c, n, raised);
        if (v & CR_EN) {
            start(s, m, c, n);
        }
        break;
    }
    case SxNDTR:
        if (en) {
            locked(s, c, n, "NDTR", st->ndtr, v & 0xFFFFu);
        } else {
            st->ndtr = v & 0xFFFFu;
        }
        break;
    case SxPAR:
        if (en) {
            locked(s, c, n, "PAR", st->par, v);
        } else {
            st->par = v;
        }
        break;
    case SxM0AR:
    case SxM1AR: {
        bool m1 = r == SxM1AR;
        /* double-buffer mode: the buffer not in use (CT) may be written while enabled */
        bool idle = (st->cr & CR_DBM) && (((st->cr & CR_CT) != 0u) != m1);
        uint32_t *reg = m1 ? &st->m1ar : &st->m0ar;
        if (en && (st->cr & CR_DBM) && !idle) {
            /* the buffer the stream is using: a transfer error (RM "Error management") */
            sim_violation(s, "DMA%u stream %u: S%u%s written while it is the current target of the double-buffer "
                             "stream: ignored, TEIF set", c->index, n, n, m1 ? "M1AR" : "M0AR");
            set_flag(s, c, n, F_TEIF);
        } else if (en && !idle) {
            locked(s, c, n, m1 ? "M1AR" : "M0AR", *reg, v);
        } else {
            *reg = v;
        }
        break;
    }
    case SxFCR: {
        uint32_t rw = FCR_FEIE | FCR_DMDIS | FCR_FTH;
        if (en) {
            locked(s, c, n, "FCR", st->fcr & (FCR_DMDIS | FCR_FTH), v & (FCR_DMDIS | FCR_FTH));
            st->fcr = (st->fcr & ~FCR_FEIE) | (v & FCR_FEIE);
        } else {
            st->fcr = v & rw;
        }
        break;
    }
    default: break; /* not a register: the access is not 32-bit aligned */
    }
}

static void ctrl_write(struct sim *s, struct dma_model *m, struct dma_ctrl *c, uint32_t off, unsigned size, uint32_t v)
{
    if (size != 4u) {
        sim_violation(s, "DMA%u: %u-byte write at +0x%02x: the programming port takes 32-bit accesses only: ignored",
                      c->index, size, off);
        return;
    }
    if (!clocked(m, c)) {
        sim_printf(s, "sim: DMA%u write at +0x%02x with its clock off (%s bit %u): ignored", c->index, off,
                   m->enr_name, m->enr_bit[c->index - 1u]);
        return;
    }
    advance_all(s, m);
    if (off == LIFCR || off == HIFCR) {
        c->isr[(off - LIFCR) / 4u] &= ~(v & IFCR_MASK);
    } else if (off >= STREAM0 && off < STREAMS_END) {
        stream_write(s, m, c, (off - STREAM0) / STRIDE, (off - STREAM0) % STRIDE, v);
    }
    schedule(s, m);
}

static uint32_t dma1_read(struct sim *s, void *self, uint32_t off, unsigned size)
{
    struct dma_model *m = self;
    return ctrl_read(s, m, &m->ctl[0], off, size);
}
static uint32_t dma2_read(struct sim *s, void *self, uint32_t off, unsigned size)
{
    struct dma_model *m = self;
    return ctrl_read(s, m, &m->ctl[1], off, size);
}
static void dma1_write(struct sim *s, void *self, uint32_t off, unsigned size, uint32_t v)
{
    struct dma_model *m = self;
    ctrl_write(s, m, &m->ctl[0], off, size, v);
}
static void dma2_write(struct sim *s, void *self, uint32_t off, unsigned size, uint32_t v)
{
    struct dma_model *m = self;
    ctrl_write(s, m, &m->ctl[1], off, size, v);
}

/* DMAMUX1 (RM0433 17.6): C0CR..C15CR at 0x00 (DMAREQ_ID 7:0, SOIE 8, EGE 9, SE 16, SPOL
 * 18:17, NBREQ 23:19, SYNC_ID 28:24), CSR 0x80, CFR 0x84, RG0CR..RG7CR 0x100, RGSR 0x140,
 * RGCFR 0x144. The request lines are stored (the resources check names them); no request
 * generator or synchronisation is modelled, so CSR and RGSR read 0. */
static uint32_t mux_read(struct sim *s, void *self, uint32_t off, unsigned size)
{
    (void)s;
    (void)size;
    struct dma_model *m = self;
    if (off < 0x40u) {
        return m->mux_ccr[off / 4u];
    }
    if (off >= 0x100u && off < 0x120u) {
        return m->mux_rgcr[(off - 0x100u) / 4u];
    }
    return 0;
}

static void mux_write(struct sim *s, void *self, uint32_t off, unsigned size, uint32_t v)
{
    (void)s;
    (void)size;
    struct dma_model *m = self;
    if (off < 0x40u) {
        m->mux_ccr[off / 4u] = v & 0x1FFF03FFu;
    } else if (off >= 0x100u && off < 0x120u) {
        m->mux_rgcr[(off - 0x100u) / 4u] = v & 0x00FF011Fu;
    }
}

/* RCC_AHB1RSTR DMA1RST/DMA2RST: the controller back to its reset values. */
static void rcc_reset(struct sim *s, uint32_t off, uint32_t v)
{
    struct dma_model *m = the_dma;
    if (m && off == m->rstr_off) {
        for (unsigned k = 0; k < 2; k++) {
            if ((v >> m->enr_bit[k]) & 1u) {
                reset_ctrl(&m->ctl[k]);
            }
        }
    }
    if (prev_on_reset) {
        prev_on_reset(s, off, v);
    }
}

int dma_attach(struct sim *s, struct chip *c)
{
    struct dma_model *m = calloc(1, sizeof *m);
    if (m == NULL) {
        return -1;
    }
    c->dma = m;
    m->rcc = c->rcc;
    m->f7 = s->board->family == FAMILY_STM32F7;
    uint32_t base = m->f7 ? 0x40026000u : 0x40020000u;
    if (m->f7) {
        m->enr_off = 0x30u; /* RCC_AHB1ENR, DMA1EN 21, DMA2EN 22 */
        m->rstr_off = 0x10u;
        m->enr_bit[0] = 21;
        m->enr_bit[1] = 22;
    } else {
        m->enr_off = 0xD8u; /* RCC_AHB1ENR, DMA1EN 0, DMA2EN 1 */
        m->rstr_off = 0x80u;
        m->enr_bit[0] = 0;
        m->enr_bit[1] = 1;
    }
    m->enr_name = "RCC_AHB1ENR";
    for (unsigned k = 0; k < 2; k++) {
        m->ctl[k].index = k + 1u;
        reset_ctrl(&m->ctl[k]);
    }
    struct periph p1 = { "DMA1", base, 0x400u, dma1_read, dma1_write, m };
    struct periph p2 = { "DMA2", base + 0x400u, 0x400u, dma2_read, dma2_write, m };
    if (sim_add_periph(s, &p1) != 0 || sim_add_periph(s, &p2) != 0) {
        return -1;
    }
    if (!m->f7) {
        struct periph mux = { "DMAMUX1", 0x40020800u, 0x400u, mux_read, mux_write, m };
        if (sim_add_periph(s, &mux) != 0) {
            return -1;
        }
    }
    sim_add_tick(s, tick, m);
    the_dma = m;
    prev_on_reset = m->rcc->on_reset;
    m->rcc->on_reset = rcc_reset;
    return 0;
}

bool dma_model_stream_enabled(struct sim *s, struct dma_model *m, unsigned n, unsigned st, char *what, size_t len)
{
    struct dma_ctrl *c = &m->ctl[n - 1u];
    advance(s, m, c, st);
    const struct dma_stream *d = &c->st[st];
    if (!(d->cr & CR_EN)) {
        return false;
    }
    unsigned dir = CR_DIR(d->cr);
    if (dir == DIR_M2M) {
        snprintf(what, len, "%s, NDTR %u of %u left%s", dir_name(dir), d->ndtr, d->ndtr_start,
                 d->stopping ? ", stopping" : "");
    } else if (m->f7) {
        snprintf(what, len, "%s on channel %u, NDTR %u, waiting for requests%s", dir_name(dir), CR_CHSEL(d->cr),
                 d->ndtr, d->stopping ? ", stopping" : "");
    } else {
        snprintf(what, len, "%s on DMAMUX1 request %u, NDTR %u, waiting for requests%s", dir_name(dir),
                 m->mux_ccr[(n - 1u) * 8u + st] & 0xFFu, d->ndtr, d->stopping ? ", stopping" : "");
    }
    return true;
}
