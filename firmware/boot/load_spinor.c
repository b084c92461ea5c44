/* BootROM from a SPI-NOR store: the board's QUADSPI or OCTOSPI flash used as a plain SPI
 * flash with the line count of the seed's Table 2 (1 or 2 data lines per die), or its
 * fastest read when SPINOR_FAST=1 (boot/spinor.h picks the controller's backend). The image
 * is read with indirect reads from BINARY_BASE_OFFSET (at most BINARY_SIZE bytes, or the
 * header's size); then the flash gets a software reset and the controller is reset,
 * unclocked and its pins released (seed section 4). */
#include "load.h"
#include "boot.h"
#include "memory.h"
#include "spinor.h"
#include "drivers/console.h"
#include "drivers/errors.h"

#if defined(BINARY_AREA) && BINARY_AREA == USE_SPI_NOR

#if !defined(SPINOR_FAST)
#define SPINOR_FAST 0
#endif
#define ERASED_WORDS 2u

static int store_read(void *ctx, uint32_t off, void *buf, uint32_t len)
{
    (void)ctx;
    return spinor_link_read((uint32_t)BINARY_BASE_OFFSET + off, buf, len);
}

static const char *store_strerror(int err)
{
    return err == DRV_EIO ? "transfer error" : err == DRV_ETIMEDOUT ? "timeout" : "error";
}

static void shut_down(const struct board_desc *b, struct spinor_link *l)
{
    spinor_link_down(b, l);
}

void load_spinor(const struct board_desc *b, const struct boot_area *code, const struct boot_area *data,
                 struct load_result *out)
{
    struct spinor_link l = { 0 };
    if (b->spinor_lines == 0u || spinor_link_describe(b, b->spinor_lines, SPINOR_FAST, &l) != 0) {
        boot_fail(BOOT_E_CONFIG, "config: %s has no SPI-NOR store with %u data lines: rebuild with another "
                                 "BINARY_AREA", (uint32_t)(uintptr_t)b->name, (uint32_t)b->spinor_lines);
    }
    if ((uint64_t)BINARY_BASE_OFFSET + BINARY_SIZE > l.flash_size) {
        boot_fail(BOOT_E_CONFIG, "config: BINARY_BASE_OFFSET 0x%x + BINARY_SIZE %u is beyond the %M flash",
                  (uint32_t)BINARY_BASE_OFFSET, (uint32_t)BINARY_SIZE, l.flash_size);
    }
    int rc = spinor_link_up(b, &l);
    if (rc != 0) {
        shut_down(b, &l);
        boot_fail(BOOT_E_SPINOR_SETUP, "spinor: %s did not come up (%s, id %02X %02X %02X): check the flash part, "
                                       "power and pins", (uint32_t)(uintptr_t)l.part,
                  (uint32_t)(uintptr_t)(rc == DRV_ENODEV ? "no answer" : rc == DRV_EID ? "another part answers"
                                        : rc == DRV_EVERIFY ? "configuration not taken" : "timeout"),
                  l.id[0], l.id[1], l.id[2]);
    }
    console_printf("[boot] spinor: %u x %s, %s read 0x%02X at %u MHz (%u data line%s%s), image at offset 0x%x\n",
                   l.dies, (uint32_t)(uintptr_t)l.part, (uint32_t)(uintptr_t)l.mode, l.opcode, l.bus_hz / 1000000u,
                   l.data_lines, (uint32_t)(uintptr_t)(l.data_lines == 1u ? "" : "s"),
                   (uint32_t)(uintptr_t)l.transfer, (uint32_t)BINARY_BASE_OFFSET);
    uint32_t first[ERASED_WORDS];
    rc = store_read(0, 0u, first, sizeof first);
    if (rc == 0 && first[0] == 0xFFFFFFFFu && first[1] == 0xFFFFFFFFu) {
        shut_down(b, &l);
        boot_fail(BOOT_E_SPINOR_ERASED, "spinor: flash erased at offset 0x%x (reads FF): program the packed "
                                        "image there (BINARY_BASE_OFFSET)", (uint32_t)BINARY_BASE_OFFSET);
    }
    static char where[40] = "flash offset 0x";
    static const char hex[] = "0123456789abcdef";
    for (unsigned i = 0; i < 8u; i++) {
        where[15u + i] = hex[((uint32_t)BINARY_BASE_OFFSET >> (28u - 4u * i)) & 0xFu];
    }
    const struct load_store st = { "spinor", where, BINARY_SIZE, store_read, store_strerror, 0, BOOT_E_SPINOR_READ };
    load_from_store(b, &st, code, data, out);
    shut_down(b, &l);
    console_printf("[boot] spinor: flash reset, %s reset and unclocked, pins released%s\n",
                   (uint32_t)(uintptr_t)l.controller, (uint32_t)(uintptr_t)l.down_note);
}
#endif
