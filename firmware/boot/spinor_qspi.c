/* SPI-NOR store on QUADSPI (H74x/H75x, F7): the board's quad flash (one die or two in
 * dual-flash mode) read with 1 or 2 data lines per die as the seed's Table 2 says (1-1-1
 * 0x0C, 1-1-2 0x3C, 4-byte addresses), or 1-4-4 (0xEC) as the fastest read. Indirect reads;
 * afterwards a software reset puts the flash back to 3-byte addressing and its power-on
 * state, and the QUADSPI is reset, unclocked and its pins released. */
#include "spinor.h"
#include "memory.h"
#include "chip.h"
#include "drivers/deadline.h"
#include "drivers/errors.h"
#include "drivers/gpio.h"
#include "drivers/quadspi.h"
#include "memories/nor_qspi.h"

#if defined(BINARY_AREA) && BINARY_AREA == USE_SPI_NOR && !SPINOR_ON_OCTOSPI

#define RESET_TIMEOUT_US 100000u
#define CMD_FAST_READ_4B 0x0Cu      /* 1-1-1 */
#define CMD_DUAL_OUT_READ_4B 0x3Cu  /* 1-1-2 */
#define CMD_QUAD_IO_READ_4B 0xECu   /* 1-4-4 */

static uint8_t op, addr_lines, data_lines, dummy;
static uint32_t bus_hz;

static uint32_t lines_code(uint8_t lines)
{
    return lines == 4u ? QSPI_LINES_4 : lines == 2u ? QSPI_LINES_2 : QSPI_LINES_1;
}

int spinor_link_describe(const struct board_desc *b, unsigned lines, int fast, struct spinor_link *l)
{
    const struct board_qspi *q = &b->qspi;
    if (q->size == 0u) {
        return DRV_ENODEV;
    }
    if (fast) {
        lines = 4u;
    }
    if (lines != 1u && lines != 2u && lines != 4u) {
        return DRV_EINVAL;
    }
    op = lines == 4u ? CMD_QUAD_IO_READ_4B : lines == 2u ? CMD_DUAL_OUT_READ_4B : CMD_FAST_READ_4B;
    addr_lines = lines == 4u ? 4u : 1u;
    data_lines = (uint8_t)lines;
    dummy = q->read_dummy;
    bus_hz = q->kernel_hz / q->prescaler;
    l->part = q->part;
    l->controller = "QUADSPI";
    l->flash_size = q->size;
    l->dies = q->dual_flash ? 2u : 1u;
    l->mode = lines == 4u ? "1-4-4" : lines == 2u ? "1-1-2" : "1-1-1";
    l->opcode = op;
    l->bus_hz = bus_hz;
    l->data_lines = lines * l->dies;
    l->transfer = "";
    l->dtr = 0;
    l->down_note = "";
    return DRV_OK;
}

int spinor_link_up(const struct board_desc *b, struct spinor_link *l)
{
    const struct board_qspi *q = &b->qspi;
    struct nor_qspi_result r = { 0 };
    int rc = qspi_init(q);
    if (rc == 0 && (rc = nor_qspi_reset(q)) == 0 && (rc = nor_qspi_wait_ready(q, RESET_TIMEOUT_US)) == 0 &&
        (rc = nor_qspi_read_id(q, &r)) == 0 && (rc = nor_qspi_enter_4byte(q)) == 0) {
        rc = nor_qspi_set_dummy(q, q->read_dummy);
    }
    for (unsigned i = 0; i < 3u; i++) {
        l->id[i] = r.id[0][i];
    }
    return rc;
}

int spinor_link_read(uint32_t addr, void *buf, uint32_t len)
{
    uint8_t *p = buf;
    int rc = wait_reg(&QUADSPI->SR, QSPI_SR_BUSY, 0u, 10000u);
    if (rc != 0) {
        return DRV_ETIMEDOUT;
    }
    QUADSPI->FCR = QSPI_FCR_ALL;
    QUADSPI->DLR = len - 1u;
    QUADSPI->CCR = QSPI_CCR_FMODE(QSPI_FMODE_READ) | QSPI_CCR_INSTRUCTION(op) | QSPI_CCR_IMODE(QSPI_LINES_1) |
                   QSPI_CCR_ADMODE(lines_code(addr_lines)) | QSPI_CCR_ADSIZE(4u) | QSPI_CCR_DCYC(dummy) |
                   QSPI_CCR_DMODE(lines_code(data_lines));
    QUADSPI->AR = addr; /* starts the transfer */
    /* Bound: the whole transfer at 1 byte per bus clock cycle on one line, plus 10 ms. */
    struct deadline d = deadline_in_us((uint32_t)(((uint64_t)len * 8u * 1000000u) / bus_hz) + 10000u);
    uint32_t got = 0;
    volatile uint32_t *dr32 = &QUADSPI->DR;
    volatile uint8_t *dr8 = (volatile uint8_t *)&QUADSPI->DR;
    while (got < len) {
        uint32_t sr = QUADSPI->SR;
        uint32_t level = QSPI_SR_FLEVEL(sr);
        if (sr & QSPI_SR_TEF) {
            qspi_abort();
            return DRV_EIO;
        }
        if (level >= 4u && len - got >= 4u) {
            uint32_t w = *dr32;
            if ((((uintptr_t)p + got) & 3u) == 0u) {
                *(uint32_t *)(void *)(p + got) = w;
            } else {
                p[got] = (uint8_t)w;
                p[got + 1u] = (uint8_t)(w >> 8);
                p[got + 2u] = (uint8_t)(w >> 16);
                p[got + 3u] = (uint8_t)(w >> 24);
            }
            got += 4u;
        } else if (level != 0u && len - got < 4u) {
            p[got++] = *dr8;
        } else if (deadline_passed(&d)) {
            qspi_abort();
            return DRV_ETIMEDOUT;
        }
    }
    rc = wait_reg(&QUADSPI->SR, QSPI_SR_TCF, QSPI_SR_TCF, 10000u);
    QUADSPI->FCR = QSPI_FCR_ALL;
    return rc == 0 ? DRV_OK : DRV_ETIMEDOUT;
}

void spinor_link_down(const struct board_desc *b, struct spinor_link *l)
{
    const struct board_qspi *q = &b->qspi;
    (void)nor_qspi_reset(q); /* back to the power-on protocol and 3-byte addressing */
    (void)nor_qspi_wait_ready(q, RESET_TIMEOUT_US);
    qspi_abort();
    RCC_AHB3RSTR |= RCC_AHB3_QSPI;
    RCC_AHB3RSTR &= ~RCC_AHB3_QSPI;
    RCC_AHB3ENR &= ~RCC_AHB3_QSPI;
    for (unsigned i = 0; i < q->pin_count; i++) {
        gpio_release(q->pins[i]);
    }
    l->down_note = "";
}
#endif
