/* FMC memory part models driven bus cycle by bus cycle, the way the FMC model drives them:
 * the CFI NOR flash (M29EW/MT28EW command set) and the SDRAM (power-up sequence, retention). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fmc_parts.h"
#include "cfi_nor.h"
#include "sdram.h"

#define US 1000000ull /* ps */
#define MS (1000ull * US)

static char last[300];
static int logs;

static void log_cb(void *ctx, const char *msg)
{
    (void)ctx;
    snprintf(last, sizeof last, "%s", msg);
    logs++;
}

struct nor_fx {
    uint8_t *mem;
    struct cfi_nor n;
};

static struct nor_fx *nor_new(const char *part)
{
    struct nor_fx *fx = calloc(1, sizeof *fx);
    const struct fmc_nor_part *p = fmc_nor_part_by_name(part);
    assert_non_null(fx);
    assert_non_null(p);
    fx->mem = malloc(1u << p->size_log2);
    assert_non_null(fx->mem);
    memset(fx->mem, 0xFF, 1u << p->size_log2);
    cfi_nor_init(&fx->n, p, fx->mem, 1u << p->size_log2, log_cb, NULL);
    logs = 0;
    return fx;
}

static void nor_free(struct nor_fx *fx)
{
    free(fx->mem);
    free(fx);
}

static void unlock(struct cfi_nor *n, uint64_t t)
{
    cfi_nor_write(n, 0x555, 0xAA, t);
    cfi_nor_write(n, 0x2AA, 0x55, t);
}

static void cfi_query_gives_qry_command_set_and_uniform_128k_blocks(void **state)
{
    (void)state;
    struct nor_fx *fx = nor_new("MT28EW128ABA");
    struct cfi_nor *n = &fx->n;
    cfi_nor_write(n, 0x55, 0x98, 0);
    assert_int_equal(cfi_nor_read(n, 0x10, 0), 'Q');
    assert_int_equal(cfi_nor_read(n, 0x11, 0), 'R');
    assert_int_equal(cfi_nor_read(n, 0x12, 0), 'Y');
    assert_int_equal(cfi_nor_read(n, 0x13, 0), 0x02);
    assert_int_equal(cfi_nor_read(n, 0x27, 0), 24);      /* 16 MiB */
    assert_int_equal(cfi_nor_read(n, 0x2A, 0), 10);      /* 512-word buffer */
    assert_int_equal(cfi_nor_read(n, 0x2C, 0), 1);
    assert_int_equal(cfi_nor_read(n, 0x2D, 0) | (cfi_nor_read(n, 0x2E, 0) << 8), 127);
    assert_int_equal(cfi_nor_read(n, 0x2F, 0) | (cfi_nor_read(n, 0x30, 0) << 8), 0x200);
    assert_false(cfi_nor_in_read_array(n, 0));
    cfi_nor_write(n, 0, 0xF0, 0);
    assert_true(cfi_nor_in_read_array(n, 0));
    assert_int_equal(cfi_nor_read(n, 0x10, 0), 0xFFFF);
    nor_free(fx);
}

static void autoselect_gives_the_parts_identity_and_needs_both_unlock_cycles(void **state)
{
    (void)state;
    struct nor_fx *fx = nor_new("PC28F128M29EWL");
    struct cfi_nor *n = &fx->n;
    cfi_nor_write(n, 0x555, 0xAA, 0);
    cfi_nor_write(n, 0x555, 0x90, 0); /* second unlock cycle missing */
    assert_true(cfi_nor_in_read_array(n, 0));
    unlock(n, 0);
    cfi_nor_write(n, 0x555, 0x90, 0);
    assert_int_equal(cfi_nor_read(n, 0x00, 0), 0x0089);
    assert_int_equal(cfi_nor_read(n, 0x01, 0), 0x227E);
    assert_int_equal(cfi_nor_read(n, 0x0E, 0), 0x2221);
    assert_int_equal(cfi_nor_read(n, 0x0F, 0), 0x2200);
    cfi_nor_write(n, 0, 0xF0, 0);
    assert_true(cfi_nor_in_read_array(n, 0));
    nor_free(fx);
}

static void program_takes_its_time_toggles_dq6_and_only_clears_bits(void **state)
{
    (void)state;
    struct nor_fx *fx = nor_new("MT28EW128ABA");
    struct cfi_nor *n = &fx->n;
    unlock(n, 0);
    cfi_nor_write(n, 0x555, 0xA0, 0);
    cfi_nor_write(n, 0x100, 0x1234, 0);
    uint16_t a = cfi_nor_read(n, 0x100, 1 * US), b = cfi_nor_read(n, 0x100, 2 * US);
    assert_int_not_equal(a & 0x40, b & 0x40);           /* DQ6 toggles while busy */
    assert_int_equal(a & 0x80, (~0x1234 & 0x80));       /* DQ7: complement of the data */
    assert_false(cfi_nor_in_read_array(n, 15 * US));
    assert_true(cfi_nor_in_read_array(n, 16 * US));     /* typical 2^4 us */
    assert_int_equal(cfi_nor_read(n, 0x100, 16 * US), 0x1234);
    /* setting a 0 back to 1 fails: DQ5 with DQ6 still toggling, until reset */
    unlock(n, 20 * US);
    cfi_nor_write(n, 0x555, 0xA0, 20 * US);
    cfi_nor_write(n, 0x100, 0xFFFF, 20 * US);
    assert_non_null(strstr(last, "sets a bit back to 1"));
    a = cfi_nor_read(n, 0x100, 21 * US);
    b = cfi_nor_read(n, 0x100, 1 * MS);
    assert_true(a & 0x20);
    assert_int_not_equal(a & 0x40, b & 0x40);
    cfi_nor_write(n, 0, 0xF0, 1 * MS);
    assert_int_equal(cfi_nor_read(n, 0x100, 1 * MS), 0x1234);
    nor_free(fx);
}

static void block_erase_sets_the_block_to_ff_after_the_erase_time(void **state)
{
    (void)state;
    struct nor_fx *fx = nor_new("MT28EW128ABA");
    struct cfi_nor *n = &fx->n;
    fx->mem[0x20000] = 0x00;  /* block 1 */
    fx->mem[0x40000] = 0x00;  /* block 2 stays */
    unlock(n, 0);
    cfi_nor_write(n, 0x555, 0x80, 0);
    unlock(n, 0);
    cfi_nor_write(n, 0x20000 / 2 + 7, 0x30, 0);
    assert_false(cfi_nor_in_read_array(n, 255 * MS));
    cfi_nor_write(n, 0x555, 0xAA, 100 * MS); /* ignored while busy */
    assert_non_null(strstr(last, "while a program/erase runs"));
    assert_true(cfi_nor_in_read_array(n, 256 * MS));
    assert_int_equal(cfi_nor_read(n, 0x20000 / 2, 256 * MS), 0xFFFF);
    assert_int_equal(fx->mem[0x40000], 0x00);
    nor_free(fx);
}

struct sd_fx {
    uint8_t *mem;
    struct sdram_dev d;
};

static struct sd_fx *sd_new(void)
{
    struct sd_fx *fx = calloc(1, sizeof *fx);
    assert_non_null(fx);
    fx->mem = calloc(1, 1u << 20);
    assert_non_null(fx->mem);
    sdram_dev_init(&fx->d, sdram_part_by_name("IS42S32800G"), fx->mem, 1u << 20, log_cb, NULL);
    return fx;
}

static void sd_free(struct sd_fx *fx)
{
    free(fx->mem);
    free(fx);
}

static void sdram_ready_only_after_clock_100us_pall_2_autorefresh_and_mode_register(void **state)
{
    (void)state;
    struct sd_fx *fx = sd_new();
    struct sdram_dev *d = &fx->d;
    char why[300];
    assert_false(sdram_dev_ready(d, why, sizeof why));
    assert_non_null(strstr(why, "no clock enable command"));
    assert_true(sdram_dev_command(d, SDRAM_CMD_CLOCK, 0, 0, 3, 0));
    assert_false(sdram_dev_command(d, SDRAM_CMD_PALL, 0, 0, 3, 50 * US));
    assert_non_null(strstr(last, "needs 100 us"));
    assert_true(sdram_dev_command(d, SDRAM_CMD_PALL, 0, 0, 3, 100 * US));
    assert_true(sdram_dev_command(d, SDRAM_CMD_AUTOREFRESH, 1, 0, 3, 101 * US));
    assert_false(sdram_dev_command(d, SDRAM_CMD_LMR, 0, 0x230, 3, 102 * US)); /* one refresh is too few */
    assert_true(sdram_dev_command(d, SDRAM_CMD_AUTOREFRESH, 1, 0, 3, 103 * US));
    assert_false(sdram_dev_command(d, SDRAM_CMD_LMR, 0, 0x220, 3, 104 * US)); /* CAS 2 vs 3 */
    assert_non_null(strstr(last, "sets CAS 2"));
    assert_false(sdram_dev_ready(d, why, sizeof why));
    assert_true(sdram_dev_command(d, SDRAM_CMD_LMR, 0, 0x230, 3, 105 * US));
    assert_true(sdram_dev_ready(d, why, sizeof why));
    sd_free(fx);
}

static void sdram_keeps_data_with_refresh_and_loses_it_64ms_after_refresh_stops(void **state)
{
    (void)state;
    struct sd_fx *fx = sd_new();
    struct sdram_dev *d = &fx->d;
    const uint64_t row_ok = 15400 * 1000ull, row_slow = 16500 * 1000ull; /* ps */
    fx->mem[100] = 0x42;
    d->holds_data = true;
    sdram_dev_refresh(d, row_ok, 0);
    sdram_dev_refresh(d, row_ok, 1000 * MS);
    assert_int_equal(fx->mem[100], 0x42);
    assert_int_equal(sdram_dev_deadline(d), UINT64_MAX);
    sdram_dev_refresh(d, 0, 1000 * MS);                   /* refresh stops */
    assert_int_equal(sdram_dev_deadline(d), 1064 * MS);
    sdram_dev_refresh(d, 0, 1063 * MS);
    assert_int_equal(fx->mem[100], 0x42);
    sdram_dev_refresh(d, 0, 1064 * MS);
    assert_int_not_equal(fx->mem[100], 0x42);
    assert_int_equal(d->losses, 1);
    /* a refresh too slow for 4096 rows in 64 ms is no refresh */
    fx->mem[100] = 0x42;
    d->holds_data = true;
    sdram_dev_refresh(d, row_slow, 2000 * MS);
    assert_false(d->refreshing);
    sd_free(fx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cfi_query_gives_qry_command_set_and_uniform_128k_blocks),
        cmocka_unit_test(autoselect_gives_the_parts_identity_and_needs_both_unlock_cycles),
        cmocka_unit_test(program_takes_its_time_toggles_dq6_and_only_clears_bits),
        cmocka_unit_test(block_erase_sets_the_block_to_ff_after_the_erase_time),
        cmocka_unit_test(sdram_ready_only_after_clock_100us_pall_2_autorefresh_and_mode_register),
        cmocka_unit_test(sdram_keeps_data_with_refresh_and_loses_it_64ms_after_refresh_stops),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
