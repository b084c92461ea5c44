/* The indirect-transfer status shared by the QUADSPI and OCTOSPI models
 * (sim/periph/xspi_fifo.c): FIFO level, FTF, BUSY and TCF of reads and writes in virtual time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "xspi_fifo.h"

#define NS 1000ull /* ps */
#define FTHRES 4u  /* CR.FTHRES = 3 */

static uint32_t level(uint32_t sr) { return (sr >> 8) & 0x3Fu; }

/* 64 bytes at 10 ns each after a 100 ns header: the CPU writes 40 bytes at once, the FIFO
 * holds 32 of them less what the clock has sent. */
static void write_drains_at_the_bus_rate(void **state)
{
    (void)state;
    struct xspi_fifo f;
    uint32_t sticky = 0;
    xspi_fifo_start_write(&f, 0, 100 * NS, 10 * NS, 20 * NS, 64);
    uint32_t sr = xspi_fifo_status(&f, 0, FTHRES, &sticky);
    assert_true(sr & XSPI_SR_BUSY);
    assert_true(sr & XSPI_SR_FTF); /* empty FIFO: room for FTHRES bytes */
    assert_int_equal(level(sr), 0);
    for (unsigned i = 0; i < 40; i++) {
        assert_false(xspi_fifo_push(&f, 50 * NS));
    }
    /* still in the header: nothing sent, the level saturates at 32 */
    sr = xspi_fifo_status(&f, 50 * NS, FTHRES, &sticky);
    assert_int_equal(level(sr), 32);
    assert_false(sr & XSPI_SR_FTF);
    /* 100 ns of data phase: 10 bytes out, 30 in the FIFO */
    sr = xspi_fifo_status(&f, 200 * NS, FTHRES, &sticky);
    assert_int_equal(level(sr), 30);
    assert_false(sr & XSPI_SR_FTF);
    sr = xspi_fifo_status(&f, 300 * NS, FTHRES, &sticky);
    assert_int_equal(level(sr), 20);
    assert_true(sr & XSPI_SR_FTF);
    for (unsigned i = 40; i < 63; i++) {
        assert_false(xspi_fifo_push(&f, 300 * NS));
    }
    assert_true(xspi_fifo_push(&f, 300 * NS)); /* the 64th byte completes the transfer */
    /* last byte out at 100 + 64 x 10 = 740 ns, chip select high until 760 ns */
    sr = xspi_fifo_status(&f, 759 * NS, FTHRES, &sticky);
    assert_true(sr & XSPI_SR_BUSY);
    assert_int_equal(sticky & XSPI_SR_TCF, 0);
    sr = xspi_fifo_status(&f, 760 * NS, FTHRES, &sticky);
    assert_false(sr & XSPI_SR_BUSY);
    assert_true(sr & XSPI_SR_TCF);
    assert_true(sticky & XSPI_SR_TCF);
}

/* A CPU slower than the bus: the clock stops with the FIFO empty and each byte leaves as it
 * is written; the end is counted from the last byte. */
static void write_slower_than_the_bus_ends_after_the_last_byte(void **state)
{
    (void)state;
    struct xspi_fifo f;
    uint32_t sticky = 0;
    xspi_fifo_start_write(&f, 0, 100 * NS, 10 * NS, 20 * NS, 2);
    assert_false(xspi_fifo_push(&f, 1000 * NS));
    uint32_t sr = xspi_fifo_status(&f, 1005 * NS, FTHRES, &sticky);
    assert_int_equal(level(sr), 1);
    assert_true(xspi_fifo_push(&f, 5000 * NS));
    sr = xspi_fifo_status(&f, 5015 * NS, FTHRES, &sticky);
    assert_true(sr & XSPI_SR_BUSY);
    sr = xspi_fifo_status(&f, 5030 * NS, FTHRES, &sticky);
    assert_true(sr & XSPI_SR_TCF);
}

/* A command without data is done after its header and the chip select high time. */
static void command_without_data_completes_after_its_header(void **state)
{
    (void)state;
    struct xspi_fifo f;
    uint32_t sticky = 0;
    xspi_fifo_start_write(&f, 1000 * NS, 80 * NS, 0, 20 * NS, 0);
    assert_true(xspi_fifo_status(&f, 1099 * NS, FTHRES, &sticky) & XSPI_SR_BUSY);
    uint32_t sr = xspi_fifo_status(&f, 1100 * NS, FTHRES, &sticky);
    assert_false(sr & XSPI_SR_BUSY);
    assert_true(sr & XSPI_SR_TCF);
}

/* 100 bytes arriving evenly over 1000 ns; the CPU takes none: the FIFO stops at 32. */
static void read_fills_evenly_and_stops_at_32_bytes(void **state)
{
    (void)state;
    struct xspi_fifo f;
    uint32_t sticky = 0;
    xspi_fifo_start_read(&f, 0, 1000 * NS, 100);
    uint32_t sr = xspi_fifo_status(&f, 30 * NS, FTHRES, &sticky);
    assert_int_equal(level(sr), 3);
    assert_false(sr & XSPI_SR_FTF);
    sr = xspi_fifo_status(&f, 100 * NS, FTHRES, &sticky);
    assert_int_equal(level(sr), 10);
    assert_true(sr & XSPI_SR_FTF);
    sr = xspi_fifo_status(&f, 2000 * NS, FTHRES, &sticky);
    assert_int_equal(level(sr), 32);
    assert_false(sr & XSPI_SR_TCF); /* 68 bytes still to come: not complete */
    f.fifo_pos = 90;
    sr = xspi_fifo_status(&f, 2000 * NS, FTHRES, &sticky);
    assert_int_equal(level(sr), 10);
    assert_true(sr & XSPI_SR_TCF);
    assert_true(sr & XSPI_SR_FTF);
    f.fifo_pos = 100;
    sr = xspi_fifo_status(&f, 2000 * NS, FTHRES, &sticky);
    assert_false(sr & XSPI_SR_BUSY);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(write_drains_at_the_bus_rate),
        cmocka_unit_test(write_slower_than_the_bus_ends_after_the_last_byte),
        cmocka_unit_test(command_without_data_completes_after_its_header),
        cmocka_unit_test(read_fills_evenly_and_stops_at_32_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
