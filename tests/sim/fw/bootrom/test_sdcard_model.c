/* SD card model: driven command by command the way the SDMMC model drives it, each test
 * asserting one rule of the SD Physical Layer Simplified Specification. Named
 * model.sdcard.<test> in CTest (the binary takes a test-name filter). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "devices/sdcard.h"

#define US 1000000ull /* ps */
#define MS (1000ull * US)
#define KHZ400 400000u
#define MHZ25 25000000u
#define MHZ50 50000000u
#define IMG_SIZE (4u * 1024u * 1024u)

struct fx {
    uint8_t *img;
    struct sdcard_dev *c;
    char last[256];
    int logs;
    uint64_t now;
};
static struct fx F;

static void log_cb(void *ctx, const char *msg)
{
    (void)ctx;
    snprintf(F.last, sizeof F.last, "%s", msg);
    F.logs++;
}

static int setup_kind(enum sdcard_kind k)
{
    memset(&F, 0, sizeof F);
    F.img = malloc(IMG_SIZE);
    for (uint32_t i = 0; i < IMG_SIZE; i++) {
        F.img[i] = (uint8_t)(i * 7u + (i >> 9));
    }
    F.c = sdcard_dev_create(F.img, IMG_SIZE, k, log_cb, NULL);
    sdcard_dev_power(F.c, true, 0);
    F.now = 1 * MS; /* well past the 74 clocks */
    return 0;
}
static int setup(void **st) { (void)st; return setup_kind(SDCARD_SDHC); }
static int setup_sdsc(void **st) { (void)st; return setup_kind(SDCARD_SDSC); }
static int teardown(void **st)
{
    (void)st;
    sdcard_dev_destroy(F.c);
    free(F.img);
    return 0;
}

static struct sdcard_cmd_result cmd(unsigned idx, uint32_t arg, uint32_t hz)
{
    struct sdcard_cmd_result r;
    sdcard_dev_command(F.c, idx, arg, hz, F.now, &r);
    F.now += 300 * US;
    return r;
}

static struct sdcard_cmd_result acmd(unsigned idx, uint32_t arg, uint32_t hz, uint32_t rca)
{
    struct sdcard_cmd_result r = cmd(55, rca << 16, hz);
    assert_true(r.responds);
    assert_true(r.resp[0] & (1u << 5)); /* APP_CMD */
    return cmd(idx, arg, hz);
}

/* Identification to transfer state; returns the RCA. */
static uint32_t to_tran(uint32_t hcs)
{
    cmd(0, 0, KHZ400);
    struct sdcard_cmd_result r = cmd(8, 0x1AA, KHZ400);
    assert_true(r.responds);
    assert_int_equal(r.resp[0], 0x1AA);
    for (int i = 0; i < 10; i++) {
        r = acmd(41, 0x80100000u | hcs, KHZ400, 0);
        assert_true(r.no_crc);
        if (r.resp[0] & (1u << 31)) {
            break;
        }
    }
    assert_true(r.resp[0] & (1u << 31));
    r = cmd(2, 0, KHZ400);
    assert_true(r.responds && r.long_resp);
    r = cmd(3, 0, KHZ400);
    uint32_t rca = r.resp[0] >> 16;
    assert_int_not_equal(rca, 0);
    r = cmd(7, rca << 16, MHZ25);
    assert_true(r.responds && r.busy);
    return rca;
}

static void identification_reaches_transfer_state_and_reads_blocks(void **st)
{
    (void)st;
    uint32_t rca = to_tran(1u << 30);
    struct sdcard_cmd_result r = cmd(13, rca << 16, MHZ25);
    assert_int_equal((r.resp[0] >> 9) & 0xF, 4); /* tran */
    r = cmd(17, 3, MHZ25); /* block addressed */
    assert_int_equal(r.data_len, 512);
    uint8_t buf[512];
    assert_true(sdcard_dev_data(F.c, buf, 512, 1, MHZ25));
    assert_memory_equal(buf, F.img + 3 * 512, 512);
}

static void acmd41_reports_busy_until_initialisation_completes_then_ccs(void **st)
{
    (void)st;
    cmd(0, 0, KHZ400);
    cmd(8, 0x1AA, KHZ400);
    struct sdcard_cmd_result r = acmd(41, 0x80100000u | (1u << 30), KHZ400, 0);
    assert_false(r.resp[0] & (1u << 31));
    F.now += 1 * MS;
    r = acmd(41, 0x80100000u | (1u << 30), KHZ400, 0);
    assert_true(r.resp[0] & (1u << 31));
    assert_true(r.resp[0] & (1u << 30));
}

static void sdhc_card_stays_busy_without_hcs(void **st)
{
    (void)st;
    cmd(0, 0, KHZ400);
    cmd(8, 0x1AA, KHZ400);
    for (int i = 0; i < 20; i++) {
        struct sdcard_cmd_result r = acmd(41, 0x80100000u, KHZ400, 0);
        assert_false(r.resp[0] & (1u << 31));
    }
    assert_non_null(strstr(F.last, "without HCS"));
}

static void commands_within_74_clocks_of_power_up_are_ignored(void **st)
{
    (void)st;
    sdcard_dev_power(F.c, false, F.now);
    sdcard_dev_power(F.c, true, F.now);
    struct sdcard_cmd_result r;
    sdcard_dev_command(F.c, 8, 0x1AA, KHZ400, F.now + 10 * US, &r);
    assert_false(r.responds);
    assert_non_null(strstr(F.last, "74 clocks"));
    sdcard_dev_command(F.c, 8, 0x1AA, KHZ400, F.now + 200 * US, &r);
    assert_true(r.responds);
}

static void identification_faster_than_400_khz_is_ignored(void **st)
{
    (void)st;
    cmd(0, 0, KHZ400);
    struct sdcard_cmd_result r = cmd(8, 0x1AA, MHZ25);
    assert_false(r.responds);
    assert_non_null(strstr(F.last, "identification mode"));
}

static void fifty_mhz_needs_the_cmd6_high_speed_switch(void **st)
{
    (void)st;
    uint32_t rca = to_tran(1u << 30);
    struct sdcard_cmd_result r = cmd(13, rca << 16, MHZ50);
    assert_false(r.responds);
    r = cmd(6, 0x80FFFFF1u, MHZ25);
    assert_int_equal(r.data_len, 64);
    uint8_t status[64];
    assert_true(sdcard_dev_data(F.c, status, 64, 1, MHZ25));
    assert_int_equal(status[16] & 0xF, 1);
    r = cmd(13, rca << 16, MHZ50);
    assert_true(r.responds);
}

static void data_on_the_wrong_bus_width_is_a_crc_error(void **st)
{
    (void)st;
    uint32_t rca = to_tran(1u << 30);
    struct sdcard_cmd_result r = acmd(6, 2, MHZ25, rca);
    assert_true(r.responds);
    assert_int_equal(sdcard_dev_width(F.c), 4);
    r = cmd(17, 0, MHZ25);
    uint8_t buf[512];
    assert_false(sdcard_dev_data(F.c, buf, 512, 1, MHZ25));
    assert_non_null(strstr(F.last, "WIDBUS"));
}

static void read_beyond_capacity_sets_out_of_range(void **st)
{
    (void)st;
    (void)to_tran(1u << 30);
    /* OUT_OF_RANGE is an "E R" bit: reported in the response of the command itself. */
    struct sdcard_cmd_result r = cmd(17, IMG_SIZE / 512u, MHZ25);
    assert_int_equal(r.data_len, 0);
    assert_true(r.resp[0] & (1u << 31));
}

static void illegal_command_gets_no_response_and_a_status_bit(void **st)
{
    (void)st;
    uint32_t rca = to_tran(1u << 30);
    struct sdcard_cmd_result r = cmd(2, 0, MHZ25); /* CMD2 is for the ready state */
    assert_false(r.responds);
    r = cmd(13, rca << 16, MHZ25);
    assert_true(r.resp[0] & (1u << 22));
}

static void sdsc_card_is_byte_addressed_with_csd_v1(void **st)
{
    (void)st;
    uint32_t rca = to_tran(1u << 30);
    cmd(7, 0, MHZ25); /* deselect to stby for CMD9 */
    struct sdcard_cmd_result r = cmd(9, rca << 16, MHZ25);
    assert_true(r.long_resp);
    assert_int_equal(r.resp[0] >> 30, 0); /* CSD 1.0 */
    cmd(7, rca << 16, MHZ25);
    r = cmd(17, 1024, MHZ25); /* byte address of block 2 */
    uint8_t buf[512];
    assert_true(sdcard_dev_data(F.c, buf, 512, 1, MHZ25));
    assert_memory_equal(buf, F.img + 1024, 512);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(identification_reaches_transfer_state_and_reads_blocks, setup, teardown),
        cmocka_unit_test_setup_teardown(acmd41_reports_busy_until_initialisation_completes_then_ccs, setup, teardown),
        cmocka_unit_test_setup_teardown(sdhc_card_stays_busy_without_hcs, setup, teardown),
        cmocka_unit_test_setup_teardown(commands_within_74_clocks_of_power_up_are_ignored, setup, teardown),
        cmocka_unit_test_setup_teardown(identification_faster_than_400_khz_is_ignored, setup, teardown),
        cmocka_unit_test_setup_teardown(fifty_mhz_needs_the_cmd6_high_speed_switch, setup, teardown),
        cmocka_unit_test_setup_teardown(data_on_the_wrong_bus_width_is_a_crc_error, setup, teardown),
        cmocka_unit_test_setup_teardown(read_beyond_capacity_sets_out_of_range, setup, teardown),
        cmocka_unit_test_setup_teardown(illegal_command_gets_no_response_and_a_status_bit, setup, teardown),
        cmocka_unit_test_setup_teardown(sdsc_card_is_byte_addressed_with_csd_v1, setup_sdsc, teardown),
    };
    if (argc > 1) {
        cmocka_set_test_filter(argv[1]);
    }
    return cmocka_run_group_tests(tests, NULL, NULL);
}
