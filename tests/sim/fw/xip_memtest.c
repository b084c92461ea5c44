/* Diagnostic firmware: memory test of the board's XiP flash behind QUADSPI or OCTOSPI
 * (MEMTEST_AREA = USE_QSPI or USE_OSPI). The boot's own bring-up (boot/area_qspi.c,
 * boot/area_ospi_h7.c with memories/nor_*.c) to memory-mapped mode, then twice, with two
 * patterns and two functions, on the last erase unit of the flash:
 *   leave memory-mapped mode; erase the unit through the driver (write enable, status
 *   polling); memory-mapped: the unit reads erased; indirect: program a pattern over the unit
 *   and a position-independent function into its last 16 bytes (write enable per page,
 *   status polling); memory-mapped: CRC-32 of the unit equals the pattern's, and the
 *   function called in place returns what it computes.
 * The second pass programs over the first: it passes only if the erase really erased (NOR
 * programming only clears bits). One line per step with its virtual time; errors as the boot
 * prints them ("Enn ...").
 *   MISTAKE_NO_WREN: the first pattern is sent without write enable, as a driver that forgot
 *   it would: the flash ignores the program and the read-back shows it. */
#include "fmc/fwsupport.h"
#include "memory.h"
#include "area.h"
#include "chip.h"
#include "crc32.h"
#include "drivers/clock.h"
#include "drivers/console.h"
#include "drivers/deadline.h"
#include "drivers/errors.h"
#if MEMTEST_AREA == USE_OSPI
#include "boards/board_ospi.h"
#include "drivers/octospi.h"
#include "memories/nor_ospi.h"
#elif MEMTEST_AREA == USE_QSPI
#include "drivers/quadspi.h"
#include "memories/nor_qspi.h"
#else
#error "MEMTEST_AREA must be USE_QSPI or USE_OSPI"
#endif

extern const struct board_desc EXTMEM_BOARD_SYMBOL;

#define PASSES 2u
#define FN_BYTES 16u
#define CHUNK 256u

/* While the flash is busy erasing or programming, the core sleeps 1 ms between status polls. */
static void idle(void)
{
    fw_sleep_ms(1u);
}

/* The flash operations of this area's driver. */
#if MEMTEST_AREA == USE_OSPI
static uint32_t erase_unit(const struct board_desc *b) { return nor_ospi_erase_unit(b->ospi); }
static void leave_mmap(const struct board_desc *b) { ospi_abort(b->ospi->instance); }
static int enter_mmap(const struct board_desc *b) { return nor_ospi_memory_mapped(b->ospi, b->ospi->read_dummy, 1); }
static int erase(const struct board_desc *b, uint32_t off) { return nor_ospi_erase(b->ospi, off, idle); }
static int program(const struct board_desc *b, uint32_t off, const void *d, uint32_t n)
{
    return nor_ospi_program(b->ospi, off, d, n, idle);
}
#if defined(MISTAKE_NO_WREN)
/* 12ED page program in 8D-8D-8D as the driver sends it, without the 06F9 before it. */
static int program_without_wren(const struct board_desc *b, uint32_t off, const void *d, uint32_t n)
{
    const struct ospi_cmd c = { .instruction = 0x12EDu, .instr_lines = 8, .instr_bytes = 2, .addr_lines = 8,
                                .addr_bytes = 4, .address = off, .data_lines = 8, .dtr = true };
    return ospi_write(b->ospi->instance, &c, d, n);
}
#endif
#else
static uint32_t erase_unit(const struct board_desc *b) { return nor_qspi_erase_unit(&b->qspi); }
static void leave_mmap(const struct board_desc *b) { (void)b; qspi_abort(); }
static int enter_mmap(const struct board_desc *b) { return nor_qspi_memory_mapped(b->qspi.read_dummy); }
static int erase(const struct board_desc *b, uint32_t off) { return nor_qspi_erase(&b->qspi, off, idle); }
static int program(const struct board_desc *b, uint32_t off, const void *d, uint32_t n)
{
    return nor_qspi_program(&b->qspi, off, d, n, idle);
}
#if defined(MISTAKE_NO_WREN)
/* 12 page program (4-byte address) as the driver sends it, without the 06 before it. */
static int program_without_wren(const struct board_desc *b, uint32_t off, const void *d, uint32_t n)
{
    const struct qspi_cmd c = { .instruction = 0x12u, .instr_lines = 1, .addr_lines = 1, .addr_bytes = 4,
                                .address = off, .data_lines = 1 };
    int rc = qspi_write(&c, d, n);
    return rc != 0 ? rc : nor_qspi_wait_ready(&b->qspi, 10000u);
}
#endif
#endif

static const char *why(int rc)
{
    return rc == DRV_ETIMEDOUT ? "timeout" : rc == DRV_EVERIFY ? "write enable latch not set"
           : rc == DRV_EIO ? "transfer error" : "invalid request";
}

/* Pattern word at byte offset i of the unit, different for every pass. */
static uint32_t pattern(unsigned pass, uint32_t i)
{
    uint32_t x = (i + 1u) * 0x9E3779B9u ^ (pass + 1u) * 0x85EBCA6Bu;
    return x ^ (x >> 15);
}

/* f(x) = 3x + k in Thumb: lsls r1, r0, #1; adds r0, r0, r1; adds r0, #k; bx lr; padded
 * with erased halfwords. k = 7 in the first pass, 9 in the second. */
static void function_code(unsigned pass, uint16_t code[FN_BYTES / 2u])
{
    static const uint16_t f[4] = { 0x0041u, 0x1840u, 0x3000u, 0x4770u };
    for (unsigned i = 0; i < FN_BYTES / 2u; i++) {
        code[i] = i < 4u ? f[i] : 0xFFFFu;
    }
    code[2] |= (uint16_t)(7u + 2u * pass);
}

static void flash_changed(uintptr_t addr, uint32_t len)
{
    cm7_dcache_invalidate_range(addr, len);
    cm7_icache_invalidate();
}

static void test_pass(const struct board_desc *b, const struct boot_area *a, unsigned pass)
{
    const uint32_t unit = erase_unit(b), off = a->size - unit, at = a->base + off;
    const uint32_t data_len = unit - FN_BYTES;
    const char *name = a->name;
    int rc;

    leave_mmap(b);
    uint32_t t0 = cm7_cyccnt();
    if ((rc = erase(b, off)) != 0) {
        boot_fail(BOOT_E_MEMTEST_READBACK, "memtest: %s erase of %M at 0x%08x failed (%s)", (uint32_t)(uintptr_t)name,
                  unit, at, (uint32_t)(uintptr_t)why(rc));
    }
    uint32_t erase_us = cycles_to_us(cm7_cyccnt() - t0);
    if ((rc = enter_mmap(b)) != 0) {
        boot_fail(BOOT_E_MEMTEST_READBACK, "memtest: %s memory-mapped mode refused after the erase (%s)",
                  (uint32_t)(uintptr_t)name, (uint32_t)(uintptr_t)why(rc));
    }
    flash_changed(at, unit);
    const volatile uint32_t *w = (const volatile uint32_t *)(uintptr_t)at;
    for (uint32_t i = 0; i < unit / 4u; i++) {
        if (w[i] != 0xFFFFFFFFu) {
            boot_fail(BOOT_E_MEMTEST_READBACK, "memtest: %s not erased at 0x%08x (0x%08x) after the erase",
                      (uint32_t)(uintptr_t)name, at + 4u * i, w[i]);
        }
    }
    console_printf("memtest: %s pass %u: erased %M at 0x%08x in %u us, reads erased\n", (uint32_t)(uintptr_t)name,
                   pass + 1u, unit, at, erase_us);

    leave_mmap(b);
    t0 = cm7_cyccnt();
    uint32_t expect = 0;
    for (uint32_t i = 0; i < data_len; i += CHUNK) {
        uint32_t chunk[CHUNK / 4u];
        uint32_t n = data_len - i < CHUNK ? data_len - i : CHUNK;
        for (uint32_t k = 0; k < n / 4u; k++) {
            chunk[k] = pattern(pass, i + 4u * k);
        }
        expect = crc32_update(expect, chunk, n);
#if defined(MISTAKE_NO_WREN)
        rc = pass == 0u ? program_without_wren(b, off + i, chunk, n) : program(b, off + i, chunk, n);
#else
        rc = program(b, off + i, chunk, n);
#endif
        if (rc != 0) {
            boot_fail(BOOT_E_MEMTEST_READBACK, "memtest: %s program at 0x%08x failed (%s)", (uint32_t)(uintptr_t)name,
                      at + i, (uint32_t)(uintptr_t)why(rc));
        }
    }
    uint16_t code[FN_BYTES / 2u];
    function_code(pass, code);
    if ((rc = program(b, off + data_len, code, sizeof code)) != 0) {
        boot_fail(BOOT_E_MEMTEST_EXEC, "memtest: %s program of the function at 0x%08x failed (%s)",
                  (uint32_t)(uintptr_t)name, at + data_len, (uint32_t)(uintptr_t)why(rc));
    }
    uint32_t program_us = cycles_to_us(cm7_cyccnt() - t0);
    if ((rc = enter_mmap(b)) != 0) {
        boot_fail(BOOT_E_MEMTEST_READBACK, "memtest: %s memory-mapped mode refused after programming (%s)",
                  (uint32_t)(uintptr_t)name, (uint32_t)(uintptr_t)why(rc));
    }
    flash_changed(at, unit);
    t0 = cm7_cyccnt();
    uint32_t got = crc32((const void *)(uintptr_t)at, data_len);
    uint32_t read_us = cycles_to_us(cm7_cyccnt() - t0);
    console_printf("memtest: %s pass %u: programmed %u bytes and a function in %u us, read-back CRC-32 0x%08x "
                   "(programmed 0x%08x) in %u us\n", (uint32_t)(uintptr_t)name, pass + 1u, data_len, program_us, got,
                   expect, read_us);
    if (got != expect) {
        boot_fail(BOOT_E_MEMTEST_READBACK, "memtest: %s read-back differs from the programmed pattern at 0x%08x "
                  "(first word 0x%08x, programmed 0x%08x): the flash did not take the program",
                  (uint32_t)(uintptr_t)name, at, w[0], pattern(pass, 0u));
    }
    int (*fn)(int) = (int (*)(int))(uintptr_t)((at + data_len) | 1u);
    const int want = 0x1234 * 3 + 7 + 2 * (int)pass;
    int r = fn(0x1234);
    if (r != want) {
        boot_fail(BOOT_E_MEMTEST_EXEC, "memtest: function at 0x%08x returned 0x%x, expected 0x%x", at + data_len,
                  (uint32_t)r, (uint32_t)want);
    }
    console_printf("memtest: %s pass %u: executed a function programmed at 0x%08x: f(0x1234) = 0x%x\n",
                   (uint32_t)(uintptr_t)name, pass + 1u, at + data_len, (uint32_t)r);
}

int main(void)
{
    const struct board_desc *b = &EXTMEM_BOARD_SYMBOL;
    cm7_cyccnt_start();
    enum clock_stage st;
    int rc = clock_init(&b->clock, &st);
    console_init(b, rc == 0 ? b->clock.hclk_hz / b->clock.apb_div : 64000000u);
    if (rc != 0) {
        boot_fail(BOOT_E_CLOCK, "clock: %s did not complete", (uint32_t)(uintptr_t)clock_stage_name(st));
    }
    struct boot_area a;
    if (area_describe(b, MEMTEST_AREA, &a) != 0) {
        boot_fail(BOOT_E_CONFIG, "config: the memory under test is not on %s", (uint32_t)(uintptr_t)b->name);
    }
    console_printf("memtest: %s on %s at 0x%08x (%M)\n", (uint32_t)(uintptr_t)a.name, (uint32_t)(uintptr_t)b->name,
                   a.base, a.size);
    uint32_t t0 = cm7_cyccnt();
    area_bring_up(b, MEMTEST_AREA, &a);
    uint32_t t1 = cm7_cyccnt();
    for (unsigned pass = 0; pass < PASSES; pass++) {
        test_pass(b, &a, pass);
    }
    console_printf("memtest: %s passed (bring-up %u us, test %u ms)\n", (uint32_t)(uintptr_t)a.name,
                   cycles_to_us(t1 - t0), cycles_to_us(cm7_cyccnt() - t1) / 1000u);
    for (;;) {
        cm7_wfi();
    }
}
