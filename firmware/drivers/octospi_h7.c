#include "octospi.h"
#include "deadline.h"
#include "errors.h"
#include "gpio.h"
#include "chip.h"

#define OSPI_XFER_TIMEOUT_US 10000u

static uint32_t lines_code(uint8_t lines)
{
    switch (lines) {
    case 1: return 1u;
    case 2: return 2u;
    case 4: return 3u;
    case 8: return 4u;
    default: return 0u;
    }
}

static uint32_t ccr_of(const struct ospi_cmd *c)
{
    uint32_t ccr = 0;
    if (c->instr_lines) {
        ccr |= OSPI_CCR_IMODE(lines_code(c->instr_lines)) | OSPI_CCR_ISIZE(c->instr_bytes ? c->instr_bytes : 1u) |
               (c->dtr ? OSPI_CCR_IDTR : 0u);
    }
    if (c->addr_lines) {
        ccr |= OSPI_CCR_ADMODE(lines_code(c->addr_lines)) | OSPI_CCR_ADSIZE(c->addr_bytes) |
               (c->dtr ? OSPI_CCR_ADDTR : 0u);
    }
    if (c->data_lines) {
        ccr |= OSPI_CCR_DMODE(lines_code(c->data_lines)) | (c->dtr ? OSPI_CCR_DDTR : 0u);
    }
    return ccr | (c->dqs ? OSPI_CCR_DQSE : 0u);
}

/* DTR data is held a quarter cycle longer (RM: recommended in DTR); sample shift is for
 * STR only. */
static uint32_t tcr_of(const struct ospi_cmd *c)
{
    return OSPI_TCR_DCYC(c->dummy_cycles) | (c->dtr ? OSPI_TCR_DHQC : 0u);
}

static unsigned log2_of(uint32_t v)
{
    unsigned n = 0;
    while (v > 1u) {
        v >>= 1;
        n++;
    }
    return n;
}

/* Port routing: clock, DQS, nCS and both IO nibbles of `port` from controller `inst`.
 * Written only when it differs from what the port already has, so bringing up the second
 * controller does not touch the first one's port while it runs. */
static void ospim_route(unsigned inst, unsigned port)
{
    uint32_t src = inst - 1u;
    uint32_t want = OSPIM_PCR_CLKEN | (src ? OSPIM_PCR_CLKSRC : 0u) | OSPIM_PCR_DQSEN |
                    (src ? OSPIM_PCR_DQSSRC : 0u) | OSPIM_PCR_NCSEN | (src ? OSPIM_PCR_NCSSRC : 0u) |
                    OSPIM_PCR_IOLEN | OSPIM_PCR_IOLSRC(2u * src) | OSPIM_PCR_IOHEN | OSPIM_PCR_IOHSRC(2u * src + 1u);
    if (OCTOSPIM->PCR[port - 1u] != want) {
        OCTOSPIM->PCR[port - 1u] = want;
    }
}

int ospi_init(const struct ospi_bus *b)
{
    if ((b->instance != 1u && b->instance != 2u) || (b->port != 1u && b->port != 2u) || b->prescaler == 0u ||
        b->size == 0u || (b->size & (b->size - 1u)) != 0u) {
        return DRV_EINVAL;
    }
    const uint32_t en = b->instance == 2u ? RCC_AHB3_OSPI2 : RCC_AHB3_OSPI1;
    for (unsigned i = 0; i < b->pin_count; i++) {
        gpio_clock_enable(b->pins[i].port);
        gpio_configure(b->pins[i], GPIO_MODE_AF, GPIO_SPEED_VERY_HIGH);
    }
    RCC_AHB3ENR |= en | RCC_AHB3_IOMNGR;
    (void)RCC_AHB3ENR;
    RCC_AHB3RSTR |= en; /* whatever a previous run left, start from reset */
    RCC_AHB3RSTR &= ~en;
    ospim_route(b->instance, b->port);
    struct octospi_regs *r = OCTOSPI(b->instance);
    r->DCR1 = OSPI_DCR1_MTYP(b->mtyp) | OSPI_DCR1_DEVSIZE(log2_of(b->size)) | OSPI_DCR1_CSHT(b->cs_high_cycles);
    r->DCR2 = OSPI_DCR2_PRESCALER(b->prescaler);
    r->DCR3 = OSPI_DCR3_CSBOUND(b->csbound_log2);
    r->DCR4 = OSPI_DCR4_REFRESH(b->refresh_cycles);
    r->CR = OSPI_CR_FTHRES(4) | OSPI_CR_EN;
    return DRV_OK;
}

static int wait_idle(struct octospi_regs *r)
{
    return wait_reg(&r->SR, OSPI_SR_BUSY, 0u, OSPI_XFER_TIMEOUT_US);
}

int ospi_set_memory_type(unsigned inst, uint8_t mtyp)
{
    struct octospi_regs *r = OCTOSPI(inst);
    int rc = wait_idle(r);
    if (rc == 0) {
        r->DCR1 = (r->DCR1 & ~OSPI_DCR1_MTYP(7u)) | OSPI_DCR1_MTYP(mtyp);
    }
    return rc;
}

static int wait_flag(struct octospi_regs *r, uint32_t flag)
{
    int rc = wait_reg(&r->SR, flag | OSPI_SR_TEF, flag, OSPI_XFER_TIMEOUT_US);
    if (rc != 0) {
        return (r->SR & OSPI_SR_TEF) ? DRV_EIO : rc;
    }
    return DRV_OK;
}

/* Mode, then the phase registers; IR or AR (whichever comes last for this command)
 * starts the transfer. */
static void issue(struct octospi_regs *r, const struct ospi_cmd *c, uint32_t fmode, uint32_t len)
{
    r->FCR = OSPI_FCR_ALL;
    r->CR = (r->CR & ~OSPI_CR_FMODE_MSK) | OSPI_CR_FMODE(fmode);
    if (len != 0u) {
        r->DLR = len - 1u;
    }
    r->TCR = tcr_of(c);
    r->CCR = ccr_of(c);
    r->IR = c->instruction;
    if (c->addr_lines != 0u) {
        r->AR = c->address;
    }
}

int ospi_read(unsigned inst, const struct ospi_cmd *c, void *buf, uint32_t len)
{
    struct octospi_regs *r = OCTOSPI(inst);
    int rc;
    if (len == 0u || (rc = wait_idle(r)) != 0) {
        return len == 0u ? DRV_EINVAL : rc;
    }
    issue(r, c, OSPI_FMODE_READ, len);
    /* Words while 4 or more bytes remain (a 32-bit DR read takes 4 FIFO bytes), as many as
     * FLEVEL shows per status read; bytes for the tail. Each wait for data is bounded; the
     * bound restarts when data comes. */
    uint8_t *p = buf;
    volatile uint32_t *dr32 = &r->DR;
    volatile uint8_t *dr8 = (volatile uint8_t *)&r->DR;
    const bool aligned = ((uintptr_t)p & 3u) == 0u;
    uint32_t got = 0;
    bool waiting = false;
    struct deadline d = { 0 };
    while (got < len) {
        uint32_t sr = r->SR, level = OSPI_SR_FLEVEL(sr);
        if (sr & OSPI_SR_TEF) {
            ospi_abort(inst);
            return DRV_EIO;
        }
        if (level >= 4u && len - got >= 4u) {
            uint32_t n = level / 4u, words_left = (len - got) / 4u;
            if (n > words_left) {
                n = words_left;
            }
            if (aligned) {
                uint32_t *w = (uint32_t *)(void *)(p + got);
                for (uint32_t i = 0; i < n; i++) {
                    w[i] = *dr32;
                }
            } else {
                for (uint32_t i = 0; i < n; i++) {
                    uint32_t w = *dr32;
                    uint8_t *q = p + got + 4u * i;
                    q[0] = (uint8_t)w;
                    q[1] = (uint8_t)(w >> 8);
                    q[2] = (uint8_t)(w >> 16);
                    q[3] = (uint8_t)(w >> 24);
                }
            }
            got += 4u * n;
            waiting = false;
        } else if (level != 0u && len - got < 4u) {
            p[got++] = *dr8;
            waiting = false;
        } else if (!waiting) {
            d = deadline_in_us(OSPI_XFER_TIMEOUT_US);
            waiting = true;
        } else if (deadline_passed(&d)) {
            ospi_abort(inst);
            return DRV_ETIMEDOUT;
        }
    }
    rc = wait_flag(r, OSPI_SR_TCF);
    r->FCR = OSPI_SR_TCF;
    return rc;
}

int ospi_write(unsigned inst, const struct ospi_cmd *c, const void *buf, uint32_t len)
{
    struct octospi_regs *r = OCTOSPI(inst);
    int rc;
    if ((rc = wait_idle(r)) != 0) {
        return rc;
    }
    issue(r, c, OSPI_FMODE_WRITE, len);
    const uint8_t *p = buf;
    volatile uint8_t *dr8 = (volatile uint8_t *)&r->DR;
    for (uint32_t i = 0; i < len; i++) {
        struct deadline d = deadline_in_us(OSPI_XFER_TIMEOUT_US);
        while (OSPI_SR_FLEVEL(r->SR) >= OSPI_FIFO_BYTES) {
            if (deadline_passed(&d)) {
                ospi_abort(inst);
                return DRV_ETIMEDOUT;
            }
        }
        *dr8 = p[i];
    }
    rc = wait_flag(r, OSPI_SR_TCF);
    r->FCR = OSPI_SR_TCF;
    return rc;
}

int ospi_poll(unsigned inst, const struct ospi_cmd *c, uint32_t len, uint32_t mask, uint32_t match,
              uint32_t timeout_us)
{
    struct octospi_regs *r = OCTOSPI(inst);
    int rc;
    if (len == 0u || len > 4u || (rc = wait_idle(r)) != 0) {
        return (len == 0u || len > 4u) ? DRV_EINVAL : rc;
    }
    r->PSMKR = mask;
    r->PSMAR = match;
    r->PIR = 16u; /* clock cycles between two reads of the register */
    r->CR |= OSPI_CR_APMS; /* stop at the first match */
    issue(r, c, OSPI_FMODE_POLL, len);
    rc = wait_reg(&r->SR, OSPI_SR_SMF, OSPI_SR_SMF, timeout_us);
    if (rc != 0) {
        ospi_abort(inst);
        return rc;
    }
    r->FCR = OSPI_SR_SMF;
    return wait_idle(r);
}

int ospi_memory_mapped(unsigned inst, const struct ospi_cmd *rd, const struct ospi_cmd *wr)
{
    struct octospi_regs *r = OCTOSPI(inst);
    int rc;
    if ((rc = wait_idle(r)) != 0) {
        return rc;
    }
    r->FCR = OSPI_FCR_ALL;
    r->CR &= ~OSPI_CR_TCEN; /* nCS stays low between prefetches; DCR4.REFRESH bounds it */
    r->TCR = tcr_of(rd);
    r->CCR = ccr_of(rd);
    r->IR = rd->instruction;
    if (wr != 0) {
        r->WTCR = tcr_of(wr);
        r->WCCR = ccr_of(wr);
        r->WIR = wr->instruction;
    }
    r->CR = (r->CR & ~OSPI_CR_FMODE_MSK) | OSPI_CR_FMODE(OSPI_FMODE_MMAP);
    return DRV_OK;
}

void ospi_hyperbus_latency(unsigned inst, uint8_t tacc, uint8_t trwr, bool fixed, bool write_zero_latency)
{
    OCTOSPI(inst)->HLCR = OSPI_HLCR_TACC(tacc) | OSPI_HLCR_TRWR(trwr) | (fixed ? OSPI_HLCR_LM : 0u) |
                          (write_zero_latency ? OSPI_HLCR_WZL : 0u);
}

void ospi_abort(unsigned inst)
{
    struct octospi_regs *r = OCTOSPI(inst);
    r->CR |= OSPI_CR_ABORT;
    (void)wait_reg(&r->CR, OSPI_CR_ABORT, 0u, OSPI_XFER_TIMEOUT_US);
}
