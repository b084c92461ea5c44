#include "quadspi.h"
#include "deadline.h"
#include "errors.h"
#include "gpio.h"
#include "chip.h"

#define QSPI_XFER_TIMEOUT_US 10000u

static uint32_t lines_code(uint8_t lines)
{
    switch (lines) {
    case 1: return QSPI_LINES_1;
    case 2: return QSPI_LINES_2;
    case 4: return QSPI_LINES_4;
    default: return QSPI_LINES_NONE;
    }
}

static uint32_t ccr_of(const struct qspi_cmd *c, uint32_t fmode)
{
    uint32_t ccr = QSPI_CCR_FMODE(fmode) | QSPI_CCR_INSTRUCTION(c->instruction) |
                   QSPI_CCR_IMODE(lines_code(c->instr_lines)) | QSPI_CCR_DCYC(c->dummy_cycles) |
                   QSPI_CCR_DMODE(lines_code(c->data_lines));
    if (c->addr_lines != 0u) {
        ccr |= QSPI_CCR_ADMODE(lines_code(c->addr_lines)) | QSPI_CCR_ADSIZE(c->addr_bytes);
    }
    return ccr;
}

static int log2_of(uint32_t v)
{
    int n = 0;
    while (v > 1u) {
        v >>= 1;
        n++;
    }
    return n;
}

int qspi_init(const struct board_qspi *q)
{
    if (q->prescaler == 0u || q->size == 0u || (q->size & (q->size - 1u)) != 0u) {
        return DRV_EINVAL;
    }
    for (unsigned i = 0; i < q->pin_count; i++) {
        gpio_clock_enable(q->pins[i].port);
        gpio_configure(q->pins[i], GPIO_MODE_AF, GPIO_SPEED_VERY_HIGH);
    }
    RCC_AHB3ENR |= RCC_AHB3_QSPI;
    (void)RCC_AHB3ENR;
    RCC_AHB3RSTR |= RCC_AHB3_QSPI; /* whatever a previous run left, start from reset */
    RCC_AHB3RSTR &= ~RCC_AHB3_QSPI;
    QUADSPI->DCR = QSPI_DCR_FSIZE(log2_of(q->size)) | QSPI_DCR_CSHT(q->cs_high_cycles);
    /* Sample shift: half a cycle later, for the flash's output delay at high clock rates. */
    QUADSPI->CR = QSPI_CR_PRESCALER(q->prescaler) | QSPI_CR_FTHRES(4) | QSPI_CR_SSHIFT |
                  (q->dual_flash ? QSPI_CR_DFM : 0u) | QSPI_CR_EN;
    return DRV_OK;
}

static int wait_flag(uint32_t flag)
{
    int rc = wait_reg(&QUADSPI->SR, flag | QSPI_SR_TEF, flag, QSPI_XFER_TIMEOUT_US);
    if (rc != 0) {
        return (QUADSPI->SR & QSPI_SR_TEF) ? DRV_EIO : rc;
    }
    return DRV_OK;
}

static int wait_idle(void)
{
    return wait_reg(&QUADSPI->SR, QSPI_SR_BUSY, 0u, QSPI_XFER_TIMEOUT_US);
}

int qspi_read(const struct qspi_cmd *c, void *buf, uint32_t len)
{
    int rc;
    if (len == 0u || (rc = wait_idle()) != 0) {
        return len == 0u ? DRV_EINVAL : rc;
    }
    QUADSPI->FCR = QSPI_FCR_ALL;
    QUADSPI->DLR = len - 1u;
    QUADSPI->CCR = ccr_of(c, QSPI_FMODE_READ);
    if (c->addr_lines != 0u) {
        QUADSPI->AR = c->address; /* the address write starts the transfer */
    }
    uint8_t *p = buf;
    volatile uint8_t *dr8 = (volatile uint8_t *)&QUADSPI->DR;
    for (uint32_t i = 0; i < len; i++) {
        struct deadline d = deadline_in_us(QSPI_XFER_TIMEOUT_US);
        while (QSPI_SR_FLEVEL(QUADSPI->SR) == 0u) {
            if (deadline_passed(&d)) {
                qspi_abort();
                return DRV_ETIMEDOUT;
            }
        }
        p[i] = *dr8;
    }
    rc = wait_flag(QSPI_SR_TCF);
    QUADSPI->FCR = QSPI_SR_TCF;
    return rc;
}

int qspi_write(const struct qspi_cmd *c, const void *buf, uint32_t len)
{
    int rc;
    if ((rc = wait_idle()) != 0) {
        return rc;
    }
    QUADSPI->FCR = QSPI_FCR_ALL;
    if (len != 0u) {
        QUADSPI->DLR = len - 1u;
    }
    QUADSPI->CCR = ccr_of(c, QSPI_FMODE_WRITE);
    if (c->addr_lines != 0u) {
        QUADSPI->AR = c->address;
    }
    const uint8_t *p = buf;
    volatile uint8_t *dr8 = (volatile uint8_t *)&QUADSPI->DR;
    for (uint32_t i = 0; i < len; i++) {
        struct deadline d = deadline_in_us(QSPI_XFER_TIMEOUT_US);
        while (QSPI_SR_FLEVEL(QUADSPI->SR) >= 32u) {
            if (deadline_passed(&d)) {
                qspi_abort();
                return DRV_ETIMEDOUT;
            }
        }
        *dr8 = p[i];
    }
    rc = wait_flag(QSPI_SR_TCF);
    QUADSPI->FCR = QSPI_SR_TCF;
    return rc;
}

int qspi_poll(const struct qspi_cmd *c, uint32_t len, uint32_t mask, uint32_t match, uint32_t timeout_us)
{
    int rc;
    if (len == 0u || len > 4u || (rc = wait_idle()) != 0) {
        return (len == 0u || len > 4u) ? DRV_EINVAL : rc;
    }
    QUADSPI->FCR = QSPI_FCR_ALL;
    QUADSPI->PSMKR = mask;
    QUADSPI->PSMAR = match;
    QUADSPI->PIR = 16u; /* clock cycles between two reads of the register */
    QUADSPI->DLR = len - 1u;
    QUADSPI->CR |= QSPI_CR_APMS; /* stop at the first match */
    QUADSPI->CCR = ccr_of(c, QSPI_FMODE_POLL);
    if (c->addr_lines != 0u) {
        QUADSPI->AR = c->address;
    }
    rc = wait_reg(&QUADSPI->SR, QSPI_SR_SMF, QSPI_SR_SMF, timeout_us);
    if (rc != 0) {
        qspi_abort();
        return rc;
    }
    QUADSPI->FCR = QSPI_SR_SMF;
    return wait_idle();
}

int qspi_memory_mapped(const struct qspi_cmd *c)
{
    int rc;
    if ((rc = wait_idle()) != 0) {
        return rc;
    }
    QUADSPI->CR &= ~QSPI_CR_TCEN; /* keep nCS timing simple: no timeout release */
    QUADSPI->CCR = ccr_of(c, QSPI_FMODE_MMAP);
    return DRV_OK;
}

void qspi_abort(void)
{
    QUADSPI->CR |= QSPI_CR_ABORT;
    (void)wait_reg(&QUADSPI->CR, QSPI_CR_ABORT, 0u, QSPI_XFER_TIMEOUT_US);
}
