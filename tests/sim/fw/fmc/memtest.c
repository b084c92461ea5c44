/* Diagnostic firmware: the boot's clock and area bring-up for one memory (MEMTEST_AREA), then
 * the memory test. RAM: byte lanes, March C- over the whole area, retention over more than the
 * 64 ms refresh window. Code flash (XiP): read-back CRC-32 over the whole area, then a function
 * programmed into an erased place of the flash and called there. One line per result; errors
 * as the boot prints them ("Enn ..."). */
#include "fwsupport.h"
#include "memory.h"
#include "area.h"
#include "chip.h"
#include "crc32.h"
#include "march.h"
#include "boards/board_fmc.h"
#include "drivers/clock.h"
#include "drivers/console.h"
#include "drivers/deadline.h"
#include "memories/fmc_nor.h"

extern const struct board_desc EXTMEM_BOARD_SYMBOL;

static void test_ram(const struct boot_area *a)
{
    struct march_fail f;
    if (march_lanes(a->base, &f) != 0) {
        boot_fail(BOOT_E_MEMTEST_LANES, "memtest: %s byte lanes: step %u at 0x%08x wrote 0x%08x, read 0x%08x: check "
                  "NBL0..NBL3 and the bus width", (uint32_t)(uintptr_t)a->name, f.element, (uint32_t)f.addr,
                  f.expected, f.got);
    }
    uint32_t t0 = cm7_cyccnt();
    if (march_c_minus(a->base, a->size, &f) != 0) {
        boot_fail(BOOT_E_MEMTEST_MARCH, "memtest: %s March C- element %u at 0x%08x expected 0x%08x, read 0x%08x",
                  (uint32_t)(uintptr_t)a->name, f.element, (uint32_t)f.addr, f.expected, f.got);
    }
    console_printf("memtest: %s March C- over %M passed (%u us)\n", (uint32_t)(uintptr_t)a->name, a->size,
                   cycles_to_us(cm7_cyccnt() - t0));
    /* Retention: one word per 4 KiB, left alone longer than a DRAM's 64 ms refresh window. */
    volatile uint32_t *p = (volatile uint32_t *)(uintptr_t)a->base;
    for (uint32_t i = 0; i < a->size / 4u; i += 1024u) {
        p[i] = i * 0x9E3779B9u + 0x12345678u;
    }
    fw_sleep_ms(100u);
    for (uint32_t i = 0; i < a->size / 4u; i += 1024u) {
        if (p[i] != i * 0x9E3779B9u + 0x12345678u) {
            boot_fail(BOOT_E_MEMTEST_RETENTION, "memtest: %s lost data after 100 ms at 0x%08x (0x%08x): check the "
                      "refresh rate (FMC_SDRTR)", (uint32_t)(uintptr_t)a->name, a->base + 4u * i, p[i]);
        }
    }
    console_printf("memtest: %s kept its data for 100 ms\n", (uint32_t)(uintptr_t)a->name);
}

/* f(x) = 3x + 7 in Thumb: lsls r1, r0, #1; adds r0, r0, r1; adds r0, #7; bx lr */
static const uint16_t probe_code[] = { 0x0041u, 0x1840u, 0x3007u, 0x4770u };

static void test_nor(const struct board_desc *b, const struct boot_area *a)
{
    const struct board_fmc_async *m = b->fmc->nor;
    uint32_t t0 = cm7_cyccnt();
    uint32_t crc = crc32((const void *)(uintptr_t)a->base, a->size);
    console_printf("memtest: %s read-back CRC-32 over %M: 0x%08x (%u us)\n", (uint32_t)(uintptr_t)a->name, a->size, crc,
                   cycles_to_us(cm7_cyccnt() - t0));
    /* The last 32 bytes of the flash hold the function; erase its block only if needed. */
    uint32_t off = a->size - 32u;
    const volatile uint16_t *w = (const volatile uint16_t *)(uintptr_t)(a->base + off);
    int erased = 1;
    for (unsigned i = 0; i < 16u; i++) {
        erased &= w[i] == 0xFFFFu;
    }
    int rc = erased ? 0 : fmc_nor_erase_block(m, off);
    if (rc == 0) {
        rc = fmc_nor_program(m, off, probe_code, sizeof probe_code / sizeof probe_code[0]);
    }
    if (rc != 0) {
        boot_fail(BOOT_E_MEMTEST_EXEC, "memtest: programming the %s at 0x%08x failed (%d)", (uint32_t)(uintptr_t)a->name,
                  a->base + off, rc);
    }
    int (*fn)(int) = (int (*)(int))(uintptr_t)((a->base + off) | 1u);
    int got = fn(0x1234);
    if (got != 0x1234 * 3 + 7) {
        boot_fail(BOOT_E_MEMTEST_EXEC, "memtest: function at 0x%08x returned 0x%x, expected 0x%x",
                  a->base + off, (uint32_t)got, (uint32_t)(0x1234 * 3 + 7));
    }
    console_printf("memtest: %s executed a function programmed at 0x%08x: f(0x1234) = 0x%x\n",
                   (uint32_t)(uintptr_t)a->name, a->base + off, (uint32_t)got);
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
    area_bring_up(b, MEMTEST_AREA, &a);
    if (MEMTEST_AREA == USE_NOR) {
        test_nor(b, &a);
    } else {
        test_ram(&a);
    }
    console_printf("memtest: %s passed\n", (uint32_t)(uintptr_t)a.name);
    for (;;) {
        cm7_wfi();
    }
}
