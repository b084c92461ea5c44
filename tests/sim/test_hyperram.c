/* S70KL1281 HyperRAM model: each test drives the model with HyperBus transactions, the way
 * the OCTOSPI model does in HyperBus mode, and asserts what the datasheet facts say (facts
 * sheet nor-flash-parts.md section 11). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "hyperram.h"

#define MIB (1024u * 1024u)
#define MS 1000000000ull /* ps */

struct fx {
    uint8_t *mem;
    struct hyperram *h;
    char last[256];
    int logs;
};

static void log_cb(void *ctx, const char *msg)
{
    struct fx *fx = ctx;
    snprintf(fx->last, sizeof fx->last, "%s", msg);
    fx->logs++;
}

static int setup(void **state)
{
    struct fx *fx = calloc(1, sizeof *fx);
    assert_non_null(fx);
    fx->mem = calloc(1, 16u * MIB);
    assert_non_null(fx->mem);
    fx->h = hyperram_create(fx->mem, 16u * MIB, log_cb, fx, "hyperram");
    assert_non_null(fx->h);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    struct fx *fx = *state;
    hyperram_destroy(fx->h);
    free(fx->mem);
    free(fx);
    return 0;
}

/* A transaction as the board's controller issues it: 86.7 MHz, 6 clocks fixed, tRWR 4. */
static struct hyperbus_xfer xf(bool write, bool reg, uint32_t addr, uint8_t *buf, uint32_t len)
{
    struct hyperbus_xfer x = { .write = write, .reg_space = reg, .byte_addr = addr, .buf = buf, .len = len,
                               .addr = { 8, true }, .data = { 8, true }, .dqs = true, .latency_clocks = 6,
                               .fixed_latency = true, .write_zero_latency = write && reg, .rwr_clocks = 4,
                               .clk_hz = 86666666u };
    return x;
}

static uint16_t rd16(struct fx *fx, uint32_t addr, int *rc)
{
    uint8_t b[2];
    struct hyperbus_xfer x = xf(false, true, addr, b, 2);
    *rc = hyperram_xfer(fx->h, &x, 1 * MS);
    return (uint16_t)(b[0] | b[1] << 8);
}

static void each_die_reports_its_geometry_and_number_in_id0(void **state)
{
    struct fx *fx = *state;
    int rc;
    assert_int_equal(rd16(fx, 0x0000, &rc), 0x0C81);
    assert_int_equal(rc, 0);
    assert_int_equal(rd16(fx, 8u * MIB, &rc), 0x4C81);
    assert_int_equal(rc, 0);
}

static void cr0_write_takes_effect_on_the_addressed_die_only(void **state)
{
    struct fx *fx = *state;
    uint8_t w[2] = { 0xFF, 0x8F }; /* 4 clocks (1111), fixed */
    struct hyperbus_xfer x = xf(true, true, 0x1000, w, 2);
    assert_int_equal(hyperram_xfer(fx->h, &x, 1 * MS), 0);
    int rc;
    uint8_t b[2];
    struct hyperbus_xfer r = xf(false, true, 0x1000, b, 2);
    r.latency_clocks = 4;
    assert_int_equal(hyperram_xfer(fx->h, &r, 1 * MS), 0);
    assert_int_equal(b[0] | b[1] << 8, 0x8FFF);
    assert_int_equal(rd16(fx, 8u * MIB + 0x1000, &rc), 0x8F1F); /* die 1 keeps 6 clocks */
    assert_int_equal(rc, 0);
}

static void latency_other_than_the_dies_is_refused(void **state)
{
    struct fx *fx = *state;
    uint8_t b[2];
    struct hyperbus_xfer x = xf(false, true, 0, b, 2);
    x.latency_clocks = 5;
    assert_int_equal(hyperram_xfer(fx->h, &x, 1 * MS), -1);
    assert_non_null(strstr(fx->last, "controller latency 5 clocks"));
    assert_int_equal(b[0], 0xFF);
}

static void read_without_rwds_strobe_is_refused(void **state)
{
    struct fx *fx = *state;
    uint8_t b[4];
    struct hyperbus_xfer x = xf(false, false, 0, b, 4);
    x.dqs = false;
    assert_int_equal(hyperram_xfer(fx->h, &x, 1 * MS), -1);
    assert_non_null(strstr(fx->last, "without RWDS"));
}

static void memory_write_with_zero_latency_is_refused(void **state)
{
    struct fx *fx = *state;
    uint8_t b[4] = { 1, 2, 3, 4 };
    struct hyperbus_xfer x = xf(true, false, 0x100, b, 4);
    x.write_zero_latency = true;
    assert_int_equal(hyperram_xfer(fx->h, &x, 1 * MS), -1);
    assert_int_equal(fx->mem[0x100], 0);
}

static void memory_holds_what_was_written_and_bursts_stop_at_the_die(void **state)
{
    struct fx *fx = *state;
    uint8_t w[4] = { 0xDE, 0xAD, 0xBE, 0xEF }, r[4] = { 0 };
    struct hyperbus_xfer x = xf(true, false, 8u * MIB - 4u, w, 4);
    assert_int_equal(hyperram_xfer(fx->h, &x, 1 * MS), 0);
    x = xf(false, false, 8u * MIB - 4u, r, 4);
    assert_int_equal(hyperram_xfer(fx->h, &x, 1 * MS), 0);
    assert_memory_equal(w, r, 4);
    x = xf(false, false, 8u * MIB - 2u, r, 4);
    assert_int_equal(hyperram_xfer(fx->h, &x, 1 * MS), -1);
    assert_non_null(strstr(fx->last, "crosses the die boundary"));
}

static void access_before_power_up_time_is_refused(void **state)
{
    struct fx *fx = *state;
    uint8_t b[2];
    struct hyperbus_xfer x = xf(false, true, 0, b, 2);
    assert_int_equal(hyperram_xfer(fx->h, &x, 100000000ull /* 100 us */), -1);
    assert_non_null(strstr(fx->last, "tVCS"));
}

static void too_short_read_write_recovery_is_refused(void **state)
{
    struct fx *fx = *state;
    uint8_t b[2];
    struct hyperbus_xfer x = xf(false, true, 0, b, 2);
    x.rwr_clocks = 3; /* 34.6 ns at 86.7 MHz */
    assert_int_equal(hyperram_xfer(fx->h, &x, 1 * MS), -1);
    assert_non_null(strstr(fx->last, "tRWR"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(each_die_reports_its_geometry_and_number_in_id0, setup, teardown),
        cmocka_unit_test_setup_teardown(cr0_write_takes_effect_on_the_addressed_die_only, setup, teardown),
        cmocka_unit_test_setup_teardown(latency_other_than_the_dies_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(read_without_rwds_strobe_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(memory_write_with_zero_latency_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(memory_holds_what_was_written_and_bursts_stop_at_the_die, setup, teardown),
        cmocka_unit_test_setup_teardown(access_before_power_up_time_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(too_short_read_write_recovery_is_refused, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
