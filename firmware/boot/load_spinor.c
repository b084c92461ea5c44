/* BootROM from a SPI-NOR store: the board's QUADSPI flash used as a plain SPI flash with the
 * line count of the seed's Table 2 (1 or 2 data lines per die), or its fastest read (1-4-4)
 * when SPINOR_FAST=1. The image is read with indirect reads from BINARY_BASE_OFFSET (at most
 * BINARY_SIZE bytes, or the header's size); then the flash gets a software reset and the
 * controller is reset, unclocked and its pins released (seed section 4). */
#include "load.h"
#include "boot.h"
#include "memory.h"
#include "chip.h"
#include "drivers/console.h"
#include "drivers/deadline.h"
#include "drivers/errors.h"
#include "drivers/gpio.h"
#include "drivers/quadspi.h"
#include "memories/nor_qspi.h"

#if defined(BINARY_AREA) && BINARY_AREA == USE_SPI_NOR

#if !defined(SPINOR_FAST)
#define SPINOR_FAST 0
#endif
#define RESET_TIMEOUT_US 100000u
#define CMD_FAST_READ_4B 0x0Cu      /* 1-1-1 */
#define CMD_DUAL_OUT_READ_4B 0x3Cu  /* 1-1-2 */
#define CMD_QUAD_IO_READ_4B 0xECu   /* 1-4-4 */
#define ERASED_WORDS 2u

struct spinor_mode {
    uint8_t op, addr_lines, data_lines;
};

static struct spinor_mode mode;
static uint8_t dummy;
static uint32_t bus_hz;

static uint32_t lines_code(uint8_t lines)
{
    return lines == 4u ? QSPI_LINES_4 : lines == 2u ? QSPI_LINES_2 : QSPI_LINES_1;
}

static int nor_read(void *ctx, uint32_t off, void *buf, uint32_t len)
{
    (void)ctx;
    uint8_t *p = buf;
    int rc = wait_reg(&QUADSPI->SR, QSPI_SR_BUSY, 0u, 10000u);
    if (rc != 0) {
        return DRV_ETIMEDOUT;
    }
    QUADSPI->FCR = QSPI_FCR_ALL;
    QUADSPI->DLR = len - 1u;
    QUADSPI->CCR = QSPI_CCR_FMODE(QSPI_FMODE_READ) | QSPI_CCR_INSTRUCTION(mode.op) | QSPI_CCR_IMODE(QSPI_LINES_1) |
                   QSPI_CCR_ADMODE(lines_code(mode.addr_lines)) | QSPI_CCR_ADSIZE(4u) | QSPI_CCR_DCYC(dummy) |
                   QSPI_CCR_DMODE(lines_code(mode.data_lines));
    QUADSPI->AR = (uint32_t)BINARY_BASE_OFFSET + off; /* starts the transfer */
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

static const char *nor_strerror(int err)
{
    return err == DRV_EIO ? "transfer error" : err == DRV_ETIMEDOUT ? "timeout" : "error";
}

static void shut_down(const struct board_qspi *q)
{
    (void)nor_qspi_reset(q); /* back to the power-on protocol and 3-byte addressing */
    (void)nor_qspi_wait_ready(q, RESET_TIMEOUT_US);
    qspi_abort();
    RCC_AHB3RSTR |= RCC_AHB3_QSPI;
    RCC_AHB3RSTR &= ~RCC_AHB3_QSPI;
    RCC_AHB3ENR &= ~RCC_AHB3_QSPI;
    for (unsigned i = 0; i < q->pin_count; i++) {
        gpio_release(q->pins[i]);
    }
}

void load_spinor(const struct board_desc *b, const struct boot_area *code, const struct boot_area *data,
                 struct load_result *out)
{
    const struct board_qspi *q = &b->qspi;
    unsigned lines = SPINOR_FAST ? 4u : b->spinor_lines;
    if (q->size == 0u || b->spinor_lines == 0u) {
        boot_fail(BOOT_E_CONFIG, "config: %s has no SPI-NOR store: rebuild with another BINARY_AREA",
                  (uint32_t)(uintptr_t)b->name);
    }
    if ((uint64_t)BINARY_BASE_OFFSET + BINARY_SIZE > q->size) {
        boot_fail(BOOT_E_CONFIG, "config: BINARY_BASE_OFFSET 0x%x + BINARY_SIZE %u is beyond the %M flash",
                  (uint32_t)BINARY_BASE_OFFSET, (uint32_t)BINARY_SIZE, q->size);
    }
    mode = lines == 4u ? (struct spinor_mode){ CMD_QUAD_IO_READ_4B, 4, 4 }
           : lines == 2u ? (struct spinor_mode){ CMD_DUAL_OUT_READ_4B, 1, 2 }
                         : (struct spinor_mode){ CMD_FAST_READ_4B, 1, 1 };
    dummy = q->read_dummy;
    bus_hz = q->kernel_hz / q->prescaler;
    struct nor_qspi_result r = { 0 };
    int rc = qspi_init(q);
    if (rc == 0 && (rc = nor_qspi_reset(q)) == 0 && (rc = nor_qspi_wait_ready(q, RESET_TIMEOUT_US)) == 0 &&
        (rc = nor_qspi_read_id(q, &r)) == 0 && (rc = nor_qspi_enter_4byte(q)) == 0) {
        rc = nor_qspi_set_dummy(q, q->read_dummy);
    }
    if (rc != 0) {
        shut_down(q);
        boot_fail(BOOT_E_SPINOR_SETUP, "spinor: %s did not come up (%s, id %02X %02X %02X): check the flash part, "
                                       "power and pins", (uint32_t)(uintptr_t)q->part,
                  (uint32_t)(uintptr_t)(rc == DRV_ENODEV ? "no answer" : rc == DRV_EID ? "another part answers"
                                        : rc == DRV_EVERIFY ? "configuration not taken" : "timeout"),
                  r.id[0][0], r.id[0][1], r.id[0][2]);
    }
    unsigned dies = q->dual_flash ? 2u : 1u;
    console_printf("[boot] spinor: %u x %s, 1-%u-%u read 0x%02X at %u MHz (%u data lines), image at offset 0x%x\n",
                   dies, (uint32_t)(uintptr_t)q->part, (uint32_t)mode.addr_lines, (uint32_t)mode.data_lines,
                   (uint32_t)mode.op, bus_hz / 1000000u, mode.data_lines * dies, (uint32_t)BINARY_BASE_OFFSET);
    uint32_t first[ERASED_WORDS];
    rc = nor_read(0, 0u, first, sizeof first);
    if (rc == 0 && first[0] == 0xFFFFFFFFu && first[1] == 0xFFFFFFFFu) {
        shut_down(q);
        boot_fail(BOOT_E_SPINOR_ERASED, "spinor: flash erased at offset 0x%x (reads FF): program the packed "
                                        "image there (BINARY_BASE_OFFSET)", (uint32_t)BINARY_BASE_OFFSET);
    }
    static char where[40] = "flash offset 0x";
    static const char hex[] = "0123456789abcdef";
    for (unsigned i = 0; i < 8u; i++) {
        where[15u + i] = hex[((uint32_t)BINARY_BASE_OFFSET >> (28u - 4u * i)) & 0xFu];
    }
    const struct load_store st = { "spinor", where, BINARY_SIZE, nor_read, nor_strerror, 0, BOOT_E_SPINOR_READ };
    load_from_store(b, &st, code, data, out);
    shut_down(q);
    console_printf("[boot] spinor: flash reset, QUADSPI reset and unclocked, pins released\n");
}
#endif
