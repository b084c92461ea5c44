/* The L1 cache model's rule for other bus masters (sim/core/cache.c, cache_bus_write), driven
 * directly: no DMA controller is modelled yet, so this stands in for one. The CPU's view is
 * Unicorn's memory (uc_mem_read); CPU stores go through cache_cpu_store() first, as the
 * simulator's own exception stacking does. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/cache.h"
#include "core/sim.h"

#define RAM 0x24000000u /* AXI SRAM: normal write-back memory in the default map */
#define BUF (RAM + 0x100u)
#define CCR_DC (1u << 16)
#define DCIMVAC 0xF5Cu
#define DCCMVAC 0xF68u

static uint8_t ram[64 * 1024];

struct fx {
    struct sim s;
    FILE *log;
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->log = tmpfile();
    assert_non_null(f->log);
    const struct board_desc *b = board_find("stm32h743i-eval");
    assert_non_null(b);
    assert_int_equal(sim_init(&f->s, b, f->log), 0);
    memset(ram, 0, sizeof ram);
    assert_int_equal(sim_map_ram(&f->s, RAM, sizeof ram, UC_PROT_ALL, ram), 0);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    sim_free(&f->s);
    fclose(f->log);
    free(f);
    return 0;
}

static uint32_t cpu_read(struct fx *f, uint32_t addr)
{
    uint32_t v = 0;
    assert_int_equal(uc_mem_read(f->s.uc, addr, &v, 4), UC_ERR_OK);
    return v;
}

static void cpu_write(struct fx *f, uint32_t addr, uint32_t v)
{
    cache_cpu_store(&f->s, addr, &v, 4);
    assert_int_equal(uc_mem_write(f->s.uc, addr, &v, 4), UC_ERR_OK);
}

static void dma_write(struct fx *f, uint32_t addr, uint32_t v)
{
    cache_bus_write(&f->s, addr, &v, 4);
}

static void dcache_on(struct fx *f)
{
    sim_scs_write(&f->s, 0xD14, 4, f->s.nvic.ccr | CCR_DC);
}

static void bus_write_with_dcache_on_reads_stale_until_invalidated(void **state)
{
    struct fx *f = *state;
    cpu_write(f, BUF, 0x11111111u);
    dcache_on(f);
    dma_write(f, BUF, 0xAAAAAAAAu);
    assert_int_equal(cpu_read(f, BUF), 0x11111111u); /* the D-cache hides the new memory */
    sim_scs_write(&f->s, DCIMVAC, 4, BUF);
    assert_int_equal(cpu_read(f, BUF), 0xAAAAAAAAu);
}

static void bus_write_with_dcache_off_is_seen_at_once(void **state)
{
    struct fx *f = *state;
    cpu_write(f, BUF, 0x11111111u);
    dma_write(f, BUF, 0xAAAAAAAAu);
    assert_int_equal(cpu_read(f, BUF), 0xAAAAAAAAu);
}

static void clean_after_bus_write_overwrites_it_with_dirty_cpu_data(void **state)
{
    struct fx *f = *state;
    dcache_on(f);
    cpu_write(f, BUF, 0x22222222u); /* dirty */
    dma_write(f, BUF + 4u, 0xAAAAAAAAu);
    sim_scs_write(&f->s, DCCMVAC, 4, BUF); /* the classic mistake: clean instead of invalidate */
    sim_scs_write(&f->s, DCIMVAC, 4, BUF);
    assert_int_equal(cpu_read(f, BUF), 0x22222222u);
    assert_int_equal(cpu_read(f, BUF + 4u), 0u); /* the whole dirty line went back over the DMA data */
}

static void mpu_region0(struct fx *f, uint32_t rasr_attr)
{
    sim_scs_write(&f->s, 0xD98, 4, 0);
    sim_scs_write(&f->s, 0xD9C, 4, RAM);
    sim_scs_write(&f->s, 0xDA0, 4, (3u << 24) | rasr_attr | (15u << 1) | 1u); /* 64 KiB, RW */
    sim_scs_write(&f->s, 0xD94, 4, 5u);                                      /* ENABLE | PRIVDEFENA */
}

static void bus_write_to_uncached_mpu_region_is_seen_at_once(void **state)
{
    struct fx *f = *state;
    mpu_region0(f, 1u << 19); /* normal non-cacheable: TEX 1, C 0, B 0 */
    dcache_on(f);
    dma_write(f, BUF, 0xAAAAAAAAu);
    assert_int_equal(cpu_read(f, BUF), 0xAAAAAAAAu);
}

/* 16 KiB, 4 ways: 128 sets, so lines 4 KiB apart share a set. A fifth dirty line must push one
 * of the four out to memory, whatever the replacement policy. */
static void a_fifth_dirty_line_in_a_set_writes_one_back(void **state)
{
    struct fx *f = *state;
    dcache_on(f);
    for (uint32_t k = 0; k < 5u; k++) {
        cpu_write(f, BUF + k * 4096u, 0x50u + k);
    }
    unsigned kept = 0;
    for (uint32_t k = 0; k < 5u; k++) {
        sim_scs_write(&f->s, DCIMVAC, 4, BUF + k * 4096u);
        kept += cpu_read(f, BUF + k * 4096u) == 0x50u + k;
    }
    assert_int_equal(kept, 1);
}

/* Cortex-M7: normal shareable memory is not cached in the D-cache unless CACR.SIWT. */
static void shareable_write_back_memory_is_not_cached_without_siwt(void **state)
{
    struct fx *f = *state;
    mpu_region0(f, (1u << 19) | (1u << 18) | (1u << 17) | (1u << 16)); /* TEX 1, S, C, B */
    dcache_on(f);
    cpu_write(f, BUF, 0x22222222u);
    sim_scs_write(&f->s, DCIMVAC, 4, BUF);
    assert_int_equal(cpu_read(f, BUF), 0x22222222u);
    sim_scs_write(&f->s, 0xF9C, 4, 1u); /* CACR.SIWT: write-through */
    cpu_write(f, BUF, 0x33333333u);
    sim_scs_write(&f->s, DCIMVAC, 4, BUF);
    assert_int_equal(cpu_read(f, BUF), 0x33333333u);
    sim_scs_write(&f->s, 0xF9C, 4, 0u);
    mpu_region0(f, (1u << 19) | (1u << 17) | (1u << 16)); /* not shareable: write-back again */
    cpu_write(f, BUF, 0x44444444u);
    sim_scs_write(&f->s, DCIMVAC, 4, BUF);
    assert_int_equal(cpu_read(f, BUF), 0x33333333u);
}

/* argv[1]: the one test to run (each is its own CTest). */
int main(int argc, char **argv)
{
    if (argc > 1) {
        cmocka_set_test_filter(argv[1]);
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(bus_write_with_dcache_on_reads_stale_until_invalidated, setup, teardown),
        cmocka_unit_test_setup_teardown(bus_write_with_dcache_off_is_seen_at_once, setup, teardown),
        cmocka_unit_test_setup_teardown(clean_after_bus_write_overwrites_it_with_dirty_cpu_data, setup, teardown),
        cmocka_unit_test_setup_teardown(bus_write_to_uncached_mpu_region_is_seen_at_once, setup, teardown),
        cmocka_unit_test_setup_teardown(a_fifth_dirty_line_in_a_set_writes_one_back, setup, teardown),
        cmocka_unit_test_setup_teardown(shareable_write_back_memory_is_not_cached_without_siwt, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
