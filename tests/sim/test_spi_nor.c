/* SPI/quad/octal NOR flash model: each test drives the model with bus transactions, the
 * way a QUADSPI/OCTOSPI controller model does, and asserts what the datasheet says. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "nor_parts.h"
#include "spi_nor.h"

#define MHZ 1000000ull
#define US 1000000ull /* ps */
#define MS (1000ull * US)

struct fx {
    uint8_t *mem;
    size_t mem_len;
    struct spi_nor *f;
    struct spi_nor *g; /* second die of a twin */
    char last[256];
    int logs;
    uint64_t now;
};

static void log_cb(void *ctx, const char *msg)
{
    struct fx *fx = ctx;
    snprintf(fx->last, sizeof fx->last, "%s", msg);
    fx->logs++;
}

static struct fx *fx_new(const struct nor_part *p, const char *name)
{
    struct fx *fx = calloc(1, sizeof *fx);
    assert_non_null(fx);
    fx->mem_len = p->size;
    fx->mem = malloc(fx->mem_len);
    assert_non_null(fx->mem);
    memset(fx->mem, 0xFF, fx->mem_len);
    fx->f = spi_nor_create(p, fx->mem, 1, 0, log_cb, fx, name);
    assert_non_null(fx->f);
    spi_nor_power_on(fx->f, 0);
    fx->now = 1 * MS;
    return fx;
}

static void fx_free(struct fx *fx)
{
    spi_nor_destroy(fx->f);
    spi_nor_destroy(fx->g);
    free(fx->mem);
    free(fx);
}

/* A 1-1-1 command without address or data. */
static struct xspi_xfer spi(uint16_t op)
{
    struct xspi_xfer x = {0};
    x.instr.lines = 1;
    x.instr_bytes = 1;
    x.instruction = op;
    x.clk_hz = 50 * MHZ;
    return x;
}

static struct xspi_xfer with_addr(struct xspi_xfer x, uint8_t lines, uint8_t bytes, uint32_t a)
{
    x.addr.lines = lines;
    x.addr.dtr = x.instr.dtr;
    x.addr_bytes = bytes;
    x.address = a;
    return x;
}

static struct xspi_xfer with_rd(struct xspi_xfer x, uint8_t lines, uint8_t dummy, uint8_t *buf,
                                uint32_t len)
{
    x.dummy_cycles = dummy;
    x.data.lines = lines;
    x.data.dtr = x.instr.dtr;
    x.buf = buf;
    x.len = len;
    return x;
}

static struct xspi_xfer with_wr(struct xspi_xfer x, uint8_t lines, uint8_t *buf, uint32_t len)
{
    x.data.lines = lines;
    x.data.dtr = x.instr.dtr;
    x.write = true;
    x.buf = buf;
    x.len = len;
    return x;
}

static int run(struct fx *fx, struct xspi_xfer x)
{
    fx->now += 1 * US; /* each command a microsecond after the previous one */
    return spi_nor_xfer(fx->f, &x, fx->now);
}

static int cmd(struct fx *fx, uint8_t op)
{
    return run(fx, spi(op));
}

static uint8_t rd_reg(struct fx *fx, uint8_t op)
{
    uint8_t b = 0;
    assert_int_equal(run(fx, with_rd(spi(op), 1, 0, &b, 1)), 0);
    return b;
}

static void assert_logged(struct fx *fx, const char *needle)
{
    if (strstr(fx->last, needle) == NULL)
        fail_msg("log \"%s\" does not contain \"%s\"", fx->last, needle);
}

/* ---- identification ------------------------------------------------------------------ */

static void jedec_id_of_each_part_matches_the_table(void **state)
{
    (void)state;
    static const struct {
        const struct nor_part *p;
        uint8_t id[6];
    } want[] = {
        {&nor_part_mt25ql512, {0x20, 0xBA, 0x20, 0x10, 0x44, 0x00}},
        {&nor_part_n25q512a, {0x20, 0xBA, 0x20, 0x00, 0x00, 0x00}},
        {&nor_part_mx25l51245g, {0xC2, 0x20, 0x1A, 0x00, 0x00, 0x00}},
        {&nor_part_mx25lm51245g, {0xC2, 0x85, 0x3A, 0x00, 0x00, 0x00}},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        struct fx *fx = fx_new(want[i].p, want[i].p->name);
        uint8_t id[6];
        assert_int_equal(run(fx, with_rd(spi(0x9F), 1, 0, id, sizeof id)), 0);
        assert_memory_equal(id, want[i].id, sizeof id);
        assert_ptr_equal(nor_part_by_jedec_ext(id, 6), want[i].p);
        assert_ptr_equal(nor_part_by_name(want[i].p->name), want[i].p);
        assert_int_equal(fx->logs, 0);
        fx_free(fx);
    }
    assert_ptr_equal(nor_part_by_jedec((const uint8_t[]){0xC2, 0x85, 0x3A}), &nor_part_mx25lm51245g);
    assert_null(nor_part_by_jedec((const uint8_t[]){0xEF, 0x40, 0x20}));
    assert_null(nor_part_by_name("W25Q512"));
}

static void sfdp_has_jesd216_header_512mbit_density_and_erase_types(void **state)
{
    (void)state;
    for (unsigned k = 0; k < nor_parts_count; k++) {
        const struct nor_part *p = nor_parts[k];
        struct fx *fx = fx_new(p, p->name);
        uint8_t t[64];
        assert_int_equal(run(fx, with_rd(with_addr(spi(0x5A), 1, 3, 0), 1, 8, t, sizeof t)), 0);
        assert_memory_equal(t, "SFDP", 4);
        assert_int_equal(t[5], 1);         /* major revision */
        assert_int_equal(t[8], 0x00);      /* BFPT id */
        uint32_t ptp = t[12] | (t[13] << 8) | ((uint32_t)t[14] << 16);
        uint32_t dw2 = t[ptp + 4] | (t[ptp + 5] << 8) | ((uint32_t)t[ptp + 6] << 16) |
                       ((uint32_t)t[ptp + 7] << 24);
        assert_int_equal(dw2, 0x1FFFFFFFu); /* 512 Mbit - 1 */
        assert_int_equal(t[ptp + 28], 12);  /* erase type 1: 4 KiB */
        assert_int_equal(t[ptp + 29], 0x20);
        assert_int_equal(t[ptp + 1], 0x20); /* DWORD1 4K erase opcode */
        /* last erase type listed is the 64 KiB one, opcode D8 */
        int found64k = 0;
        for (unsigned e = 0; e < 4; e++)
            found64k |= t[ptp + 28 + 2 * e] == 16 && t[ptp + 29 + 2 * e] == 0xD8;
        assert_true(found64k);
        assert_int_equal(t[ptp + 36], 0xFF); /* past the table */
        fx_free(fx);
    }
}

static void sfdp_read_with_wrong_dummy_count_is_refused(void **state)
{
    (void)state;
    struct fx *fx = fx_new(&nor_part_mt25ql512, "MT25QL512[0]");
    uint8_t t[4];
    assert_int_equal(run(fx, with_rd(with_addr(spi(0x5A), 1, 3, 0), 1, 0, t, 4)), -1);
    assert_logged(fx, "0x5A SFDP read with 0 dummy cycles, expected 8");
    assert_memory_equal(t, "\xFF\xFF\xFF\xFF", 4);
    fx_free(fx);
}

/* ---- MT25QL512 in extended SPI ---------------------------------------------------------- */

static void mt25_4byte_mode_needs_wren_sets_fsr_bit0_and_changes_address_width(void **state)
{
    (void)state;
    struct fx *fx = fx_new(&nor_part_mt25ql512, "MT25QL512[0]");
    uint8_t b[4];
    assert_int_equal(rd_reg(fx, 0x70) & 0x81, 0x80); /* ready, 3-byte */
    assert_int_equal(run(fx, with_rd(with_addr(spi(0x0B), 1, 4, 0), 1, 8, b, 4)), -1);
    assert_logged(fx, "0x0B read with a 4-byte address, expected 3 (3-byte address mode)");
    assert_int_equal(cmd(fx, 0xB7), -1);
    assert_logged(fx, "write enable latch not set");
    assert_int_equal(cmd(fx, 0x06), 0);
    assert_int_equal(cmd(fx, 0xB7), 0);
    assert_int_equal(rd_reg(fx, 0x70) & 0x01, 0x01);
    assert_int_equal(run(fx, with_rd(with_addr(spi(0x0B), 1, 3, 0), 1, 8, b, 4)), -1);
    assert_logged(fx, "expected 4 (4-byte address mode)");
    assert_int_equal(run(fx, with_rd(with_addr(spi(0x0B), 1, 4, 0), 1, 8, b, 4)), 0);
    /* 4-byte opcodes take 4 bytes whatever the mode */
    assert_int_equal(cmd(fx, 0xE9), 0);
    assert_int_equal(rd_reg(fx, 0x70) & 0x01, 0x00);
    assert_int_equal(run(fx, with_rd(with_addr(spi(0x0C), 1, 3, 0), 1, 8, b, 4)), -1);
    assert_logged(fx, "expected 4 (4-byte opcode)");
    assert_int_equal(run(fx, with_rd(with_addr(spi(0x0C), 1, 4, 0), 1, 8, b, 4)), 0);
    fx_free(fx);
}

static void mt25_vcr_dummy_cycles_configure_reads_and_wrong_count_is_refused(void **state)
{
    (void)state;
    struct fx *fx = fx_new(&nor_part_mt25ql512, "MT25QL512[0]");
    uint8_t b[4];
    assert_int_equal(rd_reg(fx, 0x85), 0xFB); /* dummy 0xF (default), XIP off, wrap 11 */
    struct xspi_xfer ec = with_rd(with_addr(spi(0xEC), 4, 4, 0), 4, 8, b, 4);
    assert_int_equal(run(fx, ec), -1);
    assert_string_equal(fx->last,
                        "MT25QL512[0]: 0xEC read with 8 dummy cycles, expected 10 (VCR[7:4]=0xF: default)");
    ec.dummy_cycles = 10;
    assert_int_equal(run(fx, ec), 0);
    /* 03 never takes dummy cycles */
    assert_int_equal(run(fx, with_rd(with_addr(spi(0x13), 1, 4, 0), 1, 0, b, 4)), 0);

    uint8_t vcr = 0x8B; /* 8 dummy cycles */
    assert_int_equal(run(fx, with_wr(spi(0x81), 1, &vcr, 1)), -1); /* no WEL */
    assert_int_equal(cmd(fx, 0x06), 0);
    assert_int_equal(run(fx, with_wr(spi(0x81), 1, &vcr, 1)), 0);
    assert_int_equal(rd_reg(fx, 0x85), 0x8B);
    assert_int_equal(rd_reg(fx, 0x05) & 0x02, 0); /* WEL cleared by the write */
    assert_int_equal(run(fx, ec), -1);
    assert_logged(fx, "expected 8 (VCR[7:4]=0x8)");
    ec.dummy_cycles = 8;
    assert_int_equal(run(fx, ec), 0);
    /* the same count applies to 1-1-4 reads */
    assert_int_equal(run(fx, with_rd(with_addr(spi(0x6C), 1, 4, 0), 4, 8, b, 4)), 0);
    fx_free(fx);
}

static void mt25_quad_reads_return_storage_bytes(void **state)
{
    (void)state;
    struct fx *fx = fx_new(&nor_part_mt25ql512, "MT25QL512[0]");
    for (uint32_t i = 0; i < 16; i++)
        fx->mem[0x123450 + i] = (uint8_t)(0xA0 + i);
    uint8_t b[16];
    assert_int_equal(run(fx, with_rd(with_addr(spi(0x6C), 1, 4, 0x123450), 4, 8, b, 16)), 0);
    assert_memory_equal(b, fx->mem + 0x123450, 16);
    memset(b, 0, sizeof b);
    assert_int_equal(run(fx, with_rd(with_addr(spi(0xEC), 4, 4, 0x123454), 4, 10, b, 4)), 0);
    assert_memory_equal(b, fx->mem + 0x123454, 4);
    /* quad read with data on one line is refused and returns 0xFF */
    assert_int_equal(run(fx, with_rd(with_addr(spi(0x6C), 1, 4, 0x123450), 1, 8, b, 4)), -1);
    assert_logged(fx, "0x6C read data on 1 line(s), expected 4 line(s)");
    assert_memory_equal(b, "\xFF\xFF\xFF\xFF", 4);
    fx_free(fx);
}

static void mt25_program_only_clears_bits_and_wraps_within_the_page(void **state)
{
    (void)state;
    struct fx *fx = fx_new(&nor_part_mt25ql512, "MT25QL512[0]");
    fx->mem[0x1000] = 0xF0;
    uint8_t d[4] = {0x0F, 0xAA, 0x55, 0x12};
    assert_int_equal(cmd(fx, 0x06), 0);
    assert_int_equal(run(fx, with_wr(with_addr(spi(0x02), 1, 3, 0x1000), 1, d, 1)), 0);
    assert_int_equal(fx->mem[0x1000], 0x00); /* 0xF0 & 0x0F */
    assert_int_equal(rd_reg(fx, 0x05) & 0x03, 0x03); /* WIP and WEL while programming */
    fx->now += 2 * MS;
    assert_int_equal(rd_reg(fx, 0x05) & 0x03, 0x00);
    /* 4 bytes from the last 2 of a page: the tail wraps to the page start */
    assert_int_equal(cmd(fx, 0x06), 0);
    assert_int_equal(run(fx, with_wr(with_addr(spi(0x12), 1, 4, 0x20FE), 1, d, 4)), 0);
    assert_int_equal(fx->mem[0x20FE], 0x0F);
    assert_int_equal(fx->mem[0x20FF], 0xAA);
    assert_int_equal(fx->mem[0x2000], 0x55);
    assert_int_equal(fx->mem[0x2001], 0x12);
    assert_int_equal(fx->mem[0x2100], 0xFF);
    fx_free(fx);
}

static void mt25_erase_sets_ff_on_the_aligned_unit_and_is_busy_for_the_erase_time(void **state)
{
    (void)state;
    struct fx *fx = fx_new(&nor_part_mt25ql512, "MT25QL512[0]");
    memset(fx->mem, 0x00, 0x30000);
    assert_int_equal(cmd(fx, 0x06), 0);
    assert_int_equal(run(fx, with_addr(spi(0x20), 1, 3, 0x1234)), 0);
    uint64_t t0 = fx->now;
    assert_int_equal(fx->mem[0x0FFF], 0x00);
    assert_int_equal(fx->mem[0x1000], 0xFF);
    assert_int_equal(fx->mem[0x1FFF], 0xFF);
    assert_int_equal(fx->mem[0x2000], 0x00);
    fx->now = t0 + 399 * MS;
    assert_int_equal(rd_reg(fx, 0x05) & 0x01, 0x01);
    assert_int_equal(rd_reg(fx, 0x70) & 0x80, 0x00);
    uint8_t b[2];
    assert_int_equal(run(fx, with_rd(with_addr(spi(0x03), 1, 3, 0), 1, 0, b, 2)), -1);
    assert_logged(fx, "busy with erase");
    fx->now = t0 + 400 * MS;
    assert_int_equal(rd_reg(fx, 0x05) & 0x03, 0x00); /* done, WEL cleared */
    assert_int_equal(rd_reg(fx, 0x70) & 0x80, 0x80);
    /* 64 KiB erase with the 4-byte opcode */
    assert_int_equal(cmd(fx, 0x06), 0);
    assert_int_equal(run(fx, with_addr(spi(0xDC), 1, 4, 0x2ABCD)), 0);
    assert_int_equal(fx->mem[0x1FFFF], 0x00);
    assert_int_equal(fx->mem[0x20000], 0xFF);
    assert_int_equal(fx->mem[0x2FFFF], 0xFF);
    fx_free(fx);
}

static void write_without_wel_is_ignored_and_logged(void **state)
{
    (void)state;
    struct fx *fx = fx_new(&nor_part_mt25ql512, "MT25QL512[0]");
    uint8_t d = 0x00;
    assert_int_equal(run(fx, with_wr(with_addr(spi(0x02), 1, 3, 0x40), 1, &d, 1)), -1);
    assert_logged(fx, "0x02 page program ignored: write enable latch not set");
    assert_int_equal(fx->mem[0x40], 0xFF);
    assert_int_equal(run(fx, with_addr(spi(0xD8), 1, 3, 0)), -1);
    assert_int_equal(cmd(fx, 0x06), 0);
    assert_int_equal(cmd(fx, 0x04), 0);
    assert_int_equal(run(fx, with_wr(with_addr(spi(0x02), 1, 3, 0x40), 1, &d, 1)), -1);
    assert_int_equal(fx->mem[0x40], 0xFF);
    assert_int_equal(rd_reg(fx, 0x05), 0x00);
    fx_free(fx);
}

static void reset_needs_66_then_99_and_commands_during_recovery_are_ignored(void **state)
{
    (void)state;
    struct fx *fx = fx_new(&nor_part_mt25ql512, "MT25QL512[0]");
    assert_int_equal(cmd(fx, 0x06), 0);
    assert_int_equal(cmd(fx, 0xB7), 0);
    assert_int_equal(cmd(fx, 0x99), -1);
    assert_logged(fx, "not directly preceded by 0x66");
    assert_int_equal(cmd(fx, 0x66), 0);
    assert_int_equal(rd_reg(fx, 0x05) & 0x02, 0x02); /* another command in between */
    assert_int_equal(cmd(fx, 0x99), -1);
    assert_int_equal(rd_reg(fx, 0x70) & 0x01, 0x01); /* still in 4-byte mode */

    assert_int_equal(cmd(fx, 0x66), 0);
    assert_int_equal(cmd(fx, 0x99), 0);
    uint64_t t_reset = fx->now;
    uint8_t id[3];
    assert_int_equal(run(fx, with_rd(spi(0x9F), 1, 0, id, 3)), -1);
    assert_logged(fx, "within reset recovery");
    assert_memory_equal(id, "\xFF\xFF\xFF", 3);
    fx->now = t_reset + nor_part_mt25ql512.reset_recovery_us * US;
    assert_int_equal(run(fx, with_rd(spi(0x9F), 1, 0, id, 3)), 0);
    assert_memory_equal(id, "\x20\xBA\x20", 3);
    assert_int_equal(rd_reg(fx, 0x70) & 0x01, 0x00); /* back to 3-byte (NVCR[0]=1) */
    assert_int_equal(rd_reg(fx, 0x05) & 0x02, 0x00); /* WEL cleared */
    fx_free(fx);
}

static void reset_during_erase_takes_the_longer_recovery(void **state)
{
    (void)state;
    struct fx *fx = fx_new(&nor_part_mx25l51245g, "MX25L51245G");
    assert_int_equal(cmd(fx, 0x06), 0);
    assert_int_equal(run(fx, with_addr(spi(0xD8), 1, 3, 0)), 0);
    assert_int_equal(cmd(fx, 0x66), 0);
    assert_int_equal(cmd(fx, 0x99), 0);
    uint64_t t = fx->now;
    fx->now = t + 999 * MS;
    assert_int_equal(cmd(fx, 0x04), -1);
    assert_logged(fx, "within reset recovery");
    fx->now = t + 1000 * MS;
    assert_int_equal(rd_reg(fx, 0x05), 0x00);
    fx_free(fx);
}

static void unknown_opcode_and_wrong_instruction_lines_are_refused(void **state)
{
    (void)state;
    struct fx *fx = fx_new(&nor_part_mt25ql512, "MT25QL512[0]");
    assert_int_equal(cmd(fx, 0x47), -1);
    assert_logged(fx, "unknown opcode 0x47");
    struct xspi_xfer x = spi(0x06);
    x.instr.lines = 4;
    assert_int_equal(run(fx, x), -1);
    assert_logged(fx, "expected 1 line(s)");
    x = spi(0x06);
    x.clk_hz = 150 * MHZ;
    assert_int_equal(run(fx, x), -1);
    assert_logged(fx, "above the STR maximum of 133000000 Hz");
    fx_free(fx);
}

static void mmap_template_is_checked_like_a_read(void **state)
{
    (void)state;
    struct fx *fx = fx_new(&nor_part_mt25ql512, "MT25QL512[0]");
    char why[200] = "";
    struct xspi_xfer t = with_rd(with_addr(spi(0xEC), 4, 4, 0), 4, 10, NULL, 0);
    t.clk_hz = 108 * MHZ;
    assert_true(spi_nor_mmap_ok(fx->f, &t, fx->now, why, sizeof why));
    t.dummy_cycles = 6;
    assert_false(spi_nor_mmap_ok(fx->f, &t, fx->now, why, sizeof why));
    assert_non_null(strstr(why, "expected 10"));
    t = with_rd(with_addr(spi(0x0B), 1, 3, 0), 1, 8, NULL, 0);
    assert_true(spi_nor_mmap_ok(fx->f, &t, fx->now, why, sizeof why));
    t = spi(0x05);
    t.data.lines = 1;
    assert_false(spi_nor_mmap_ok(fx->f, &t, fx->now, why, sizeof why));
    assert_non_null(strstr(why, "not an array read"));
    fx_free(fx);
}

static void mt25_quad_protocol_via_evcr_takes_4_4_4_and_af_for_id(void **state)
{
    (void)state;
    struct fx *fx = fx_new(&nor_part_mt25ql512, "MT25QL512[0]");
    uint8_t evcr = 0x7F; /* bit 7 = 0: quad protocol */
    assert_int_equal(cmd(fx, 0x06), 0);
    assert_int_equal(run(fx, with_wr(spi(0x61), 1, &evcr, 1)), 0);
    assert_int_equal(cmd(fx, 0x06), -1); /* now on one line: refused */
    assert_logged(fx, "expected 4 line(s)");
    struct xspi_xfer q = spi(0xAF);
    q.instr.lines = 4;
    uint8_t id[3];
    assert_int_equal(run(fx, with_rd(q, 4, 0, id, 3)), 0);
    assert_memory_equal(id, "\x20\xBA\x20", 3);
    q.instruction = 0x9F;
    assert_int_equal(run(fx, with_rd(q, 4, 0, id, 3)), -1);
    assert_logged(fx, "use 0xAF");
    /* status poll with 2 dummy cycles (one whole byte in 4-4-4) is fine, as ST does it */
    q.instruction = 0x05;
    uint8_t sr;
    assert_int_equal(run(fx, with_rd(q, 4, 2, &sr, 1)), 0);
    q.instruction = 0xEB;
    uint8_t b[2];
    assert_int_equal(run(fx, with_rd(with_addr(q, 4, 3, 0), 4, 10, b, 2)), 0);
    q.instruction = 0xF5; /* exit QPI */
    assert_int_equal(run(fx, q), 0);
    assert_int_equal(rd_reg(fx, 0x65), 0xFF);
    fx_free(fx);
}

/* ---- other parts ------------------------------------------------------------------------ */

static void mx25l_quad_needs_qe_and_qpi_read_uses_cr_dc(void **state)
{
    (void)state;
    struct fx *fx = fx_new(&nor_part_mx25l51245g, "MX25L51245G");
    uint8_t b[4];
    assert_int_equal(run(fx, with_rd(with_addr(spi(0xEB), 4, 3, 0), 4, 6, b, 4)), -1);
    assert_logged(fx, "QE=0");
    uint8_t srcr[2] = {0x40, 0xC7}; /* QE; DC=11, ODS 111 */
    assert_int_equal(cmd(fx, 0x06), 0);
    assert_int_equal(run(fx, with_wr(spi(0x01), 1, srcr, 2)), 0);
    assert_int_equal(rd_reg(fx, 0x05), 0x43); /* QE, WEL, WIP */
    fx->now += 40 * MS;
    assert_int_equal(rd_reg(fx, 0x05), 0x40);
    assert_int_equal(rd_reg(fx, 0x15), 0xC7);
    assert_int_equal(cmd(fx, 0xB7), 0); /* no WREN needed on Macronix */
    assert_int_equal(rd_reg(fx, 0x15), 0xE7); /* CR bit 5 shows 4-byte mode */
    assert_int_equal(cmd(fx, 0x35), 0);
    struct xspi_xfer q = spi(0xEC);
    q.instr.lines = 4;
    q.clk_hz = 108 * MHZ;
    fx->mem[0x100] = 0x5A;
    assert_int_equal(run(fx, with_rd(with_addr(q, 4, 4, 0x100), 4, 6, b, 1)), -1);
    assert_logged(fx, "expected 10 (CR[7:6] DC=3)");
    assert_int_equal(run(fx, with_rd(with_addr(q, 4, 4, 0x100), 4, 10, b, 1)), 0);
    assert_int_equal(b[0], 0x5A);
    q.instruction = 0xAF;
    assert_int_equal(run(fx, with_rd(q, 4, 0, b, 3)), 0);
    assert_memory_equal(b, "\xC2\x20\x1A", 3);
    fx_free(fx);
}

static void n25q_has_die_erase_and_no_bulk_erase(void **state)
{
    (void)state;
    struct fx *fx = fx_new(&nor_part_n25q512a, "N25Q512A");
    memset(fx->mem + 0x1FFFFFF, 0x00, 2);
    assert_int_equal(cmd(fx, 0x06), 0);
    assert_int_equal(cmd(fx, 0xC7), -1);
    assert_logged(fx, "use die erase 0xC4");
    assert_int_equal(run(fx, with_addr(spi(0xC4), 1, 3, 0x10)), 0);
    assert_int_equal(fx->mem[0x1FFFFFF], 0xFF); /* last byte of die 0 */
    assert_int_equal(fx->mem[0x2000000], 0x00); /* first byte of die 1 */
    /* no 32 KiB erase on this part */
    fx->now += 480001 * MS;
    assert_int_equal(cmd(fx, 0x06), 0);
    assert_int_equal(run(fx, with_addr(spi(0x52), 1, 3, 0)), -1);
    assert_logged(fx, "unknown opcode 0x52");
    fx_free(fx);
}

static struct xspi_xfer opi(uint16_t op, bool dtr)
{
    struct xspi_xfer x = {0};
    x.instr.lines = 8;
    x.instr.dtr = dtr;
    x.instr_bytes = 2;
    x.instruction = (uint16_t)((op << 8) | (uint8_t)~op);
    x.clk_hz = 100 * MHZ;
    return x;
}

static void mx25lm_enters_octal_dtr_via_cr2_and_reads_with_ee11_only_with_dqs(void **state)
{
    (void)state;
    struct fx *fx = fx_new(&nor_part_mx25lm51245g, "MX25LM51245G");
    for (uint32_t i = 0; i < 8; i++)
        fx->mem[0x2000 + i] = (uint8_t)(0x10 + i);
    uint8_t v = 0x07; /* CR2[0x300] DC=7: 6 dummy cycles */
    assert_int_equal(cmd(fx, 0x06), 0);
    assert_int_equal(run(fx, with_wr(with_addr(spi(0x72), 1, 3, 0x300), 1, &v, 1)), -1);
    assert_logged(fx, "expected 4 (CR2 commands always take 4)");
    assert_int_equal(run(fx, with_wr(with_addr(spi(0x72), 1, 4, 0x300), 1, &v, 1)), 0);
    v = 0x02; /* DOPI */
    assert_int_equal(run(fx, with_wr(with_addr(spi(0x72), 1, 4, 0), 1, &v, 1)), -1); /* WEL gone */
    assert_int_equal(cmd(fx, 0x06), 0);
    assert_int_equal(run(fx, with_wr(with_addr(spi(0x72), 1, 4, 0), 1, &v, 1)), 0);

    assert_int_equal(cmd(fx, 0x05), -1); /* 1-1-1 no longer understood */
    assert_logged(fx, "octal DTR (8D-8D-8D)");

    uint8_t id[6];
    struct xspi_xfer x = with_rd(with_addr(opi(0x9F, true), 8, 4, 0), 8, 5, id, 6);
    x.dqs = true;
    assert_int_equal(run(fx, x), 0);
    assert_memory_equal(id, "\xC2\xC2\x85\x85\x3A\x3A", 6);
    uint8_t cr2[2];
    x = with_rd(with_addr(opi(0x71, true), 8, 4, 0), 8, 5, cr2, 2);
    x.dqs = true;
    assert_int_equal(run(fx, x), 0);
    assert_int_equal(cr2[0], 0x02);

    uint8_t b[8];
    x = with_rd(with_addr(opi(0xEE, true), 8, 4, 0x2000), 8, 6, b, 8);
    x.dqs = true;
    assert_int_equal(run(fx, x), -1); /* 6 dummy cycles are good to 66 MHz only */
    assert_logged(fx, "needs more dummy cycles above 66000000 Hz");
    x.clk_hz = 66 * MHZ;
    assert_int_equal(run(fx, x), 0);
    /* bytes of each 16-bit word cross the bus swapped in 8D-8D-8D */
    assert_memory_equal(b, "\x11\x10\x13\x12\x15\x14\x17\x16", 8);
    x.dqs = false;
    assert_int_equal(run(fx, x), -1);
    assert_logged(fx, "without DQS");
    x.dqs = true;
    x.dummy_cycles = 20;
    assert_int_equal(run(fx, x), -1);
    assert_logged(fx, "expected 6 (CR2[0x300] DC=7)");
    x = with_rd(with_addr(opi(0xEC, true), 8, 4, 0x2000), 8, 6, b, 8);
    x.dqs = true;
    assert_int_equal(run(fx, x), -1);
    assert_logged(fx, "use 0xEE11");
    x = with_rd(with_addr(opi(0xEE, true), 8, 4, 0x2000), 8, 6, b, 8);
    x.dqs = true;
    x.instruction = 0xEE12;
    assert_int_equal(run(fx, x), -1);
    assert_logged(fx, "second byte must be 0x11");

    /* program in DTR: written words land in 1-1-1 byte order */
    uint8_t d[2] = {0xA1, 0xA0};
    assert_int_equal(run(fx, opi(0x06, true)), 0);
    assert_int_equal(run(fx, with_wr(with_addr(opi(0x12, true), 8, 4, 0x3000), 8, d, 2)), 0);
    fx->now += 10 * MS;
    /* a CR2 write in octal DTR is a whole word: one byte is refused */
    assert_int_equal(run(fx, opi(0x06, true)), 0);
    v = 0x00;
    assert_int_equal(run(fx, with_wr(with_addr(opi(0x72, true), 8, 4, 0), 8, &v, 1)), -1);
    assert_logged(fx, "needs 2");
    assert_int_equal(fx->mem[0x3000], 0xA0);
    assert_int_equal(fx->mem[0x3001], 0xA1);

    /* back to 1-1-1 after 6699/9966 in octal DTR */
    fx->now += 20 * MS;
    assert_int_equal(run(fx, opi(0x66, true)), 0);
    assert_int_equal(run(fx, opi(0x99, true)), 0);
    fx->now += 1 * MS;
    assert_int_equal(run(fx, with_rd(spi(0x9F), 1, 0, id, 3)), 0);
    assert_memory_equal(id, "\xC2\x85\x3A", 3);
    fx_free(fx);
}

static void mx25lm_octal_str_mmap_template_uses_ec13_and_cr2_dummy(void **state)
{
    (void)state;
    struct fx *fx = fx_new(&nor_part_mx25lm51245g, "MX25LM51245G");
    uint8_t v = 0x01; /* SOPI */
    assert_int_equal(cmd(fx, 0x06), 0);
    assert_int_equal(run(fx, with_wr(with_addr(spi(0x72), 1, 4, 0), 1, &v, 1)), 0);
    char why[200] = "";
    struct xspi_xfer t = with_rd(with_addr(opi(0xEC, false), 8, 4, 0), 8, 20, NULL, 0);
    assert_true(spi_nor_mmap_ok(fx->f, &t, fx->now, why, sizeof why));
    t.addr_bytes = 3;
    assert_false(spi_nor_mmap_ok(fx->f, &t, fx->now, why, sizeof why));
    assert_non_null(strstr(why, "octal commands always take 4"));
    fx_free(fx);
}

static void twin_dies_with_stride_2_see_interleaved_bytes(void **state)
{
    (void)state;
    struct fx *fx = calloc(1, sizeof *fx);
    assert_non_null(fx);
    fx->mem_len = 2u * nor_part_mt25ql512.size;
    fx->mem = malloc(fx->mem_len);
    assert_non_null(fx->mem);
    for (size_t i = 0; i < 64; i++)
        fx->mem[i] = (uint8_t)i;
    fx->f = spi_nor_create(&nor_part_mt25ql512, fx->mem, 2, 0, log_cb, fx, "MT25QL512[0]");
    fx->g = spi_nor_create(&nor_part_mt25ql512, fx->mem, 2, 1, log_cb, fx, "MT25QL512[1]");
    assert_non_null(fx->f);
    assert_non_null(fx->g);
    spi_nor_power_on(fx->f, 0);
    spi_nor_power_on(fx->g, 0);
    fx->now = 1 * MS;
    uint8_t b0[8], b1[8];
    struct xspi_xfer x = with_rd(with_addr(spi(0x0B), 1, 3, 4), 1, 8, b0, 8);
    assert_int_equal(spi_nor_xfer(fx->f, &x, fx->now), 0);
    x.buf = b1;
    assert_int_equal(spi_nor_xfer(fx->g, &x, fx->now), 0);
    for (unsigned i = 0; i < 8; i++) {
        assert_int_equal(b0[i], 8 + 2 * i);
        assert_int_equal(b1[i], 9 + 2 * i);
    }
    /* a program on die 1 touches odd storage bytes only */
    struct xspi_xfer w = spi(0x06);
    assert_int_equal(spi_nor_xfer(fx->g, &w, fx->now), 0);
    uint8_t z = 0x00;
    w = with_wr(with_addr(spi(0x02), 1, 3, 0), 1, &z, 1);
    assert_int_equal(spi_nor_xfer(fx->g, &w, fx->now), 0);
    assert_int_equal(fx->mem[0], 0x00);
    assert_int_equal(fx->mem[1], 0x00);
    assert_int_equal(fx->mem[2], 0x02);
    assert_int_equal(spi_nor_size(fx->f), 64u * 1024u * 1024u);
    fx_free(fx);
}

static void mt25_block_protection_refuses_program_and_sets_fsr_until_0x50(void **state)
{
    (void)state;
    struct fx *fx = fx_new(&nor_part_mt25ql512, "MT25QL512[0]");
    uint8_t sr = 0x04; /* BP0: top 64 KiB protected */
    assert_int_equal(cmd(fx, 0x06), 0);
    assert_int_equal(run(fx, with_wr(spi(0x01), 1, &sr, 1)), 0);
    fx->now += 8 * MS;
    assert_int_equal(rd_reg(fx, 0x05), 0x04);
    uint8_t d = 0x00;
    uint32_t top = nor_part_mt25ql512.size - 0x100;
    assert_int_equal(cmd(fx, 0x06), 0);
    assert_int_equal(run(fx, with_wr(with_addr(spi(0x12), 1, 4, top), 1, &d, 1)), -1);
    assert_logged(fx, "write-protected by SR BP bits");
    assert_int_equal(fx->mem[top], 0xFF);
    assert_int_equal(rd_reg(fx, 0x70), 0x80 | 0x10 | 0x02); /* ready, program + protection error */
    assert_int_equal(cmd(fx, 0x50), 0);
    assert_int_equal(rd_reg(fx, 0x70), 0x80);
    /* below the protected area programs normally */
    assert_int_equal(cmd(fx, 0x06), 0);
    assert_int_equal(run(fx, with_wr(with_addr(spi(0x12), 1, 4, top - 0x10000), 1, &d, 1)), 0);
    assert_int_equal(fx->mem[top - 0x10000], 0x00);
    fx_free(fx);
}

static void mt25_nvcr_sets_4byte_addressing_and_dummy_at_power_on(void **state)
{
    (void)state;
    struct fx *fx = fx_new(&nor_part_mt25ql512, "MT25QL512[0]");
    uint8_t nv[2] = {0xFE, 0x8F}; /* bit 0 = 0: 4-byte; [15:12] = 8 dummy */
    assert_int_equal(cmd(fx, 0x06), 0);
    assert_int_equal(run(fx, with_wr(spi(0xB1), 1, nv, 2)), 0);
    assert_int_equal(rd_reg(fx, 0x70) & 0x81, 0x00); /* busy, still 3-byte until power-on */
    spi_nor_power_on(fx->f, fx->now);
    assert_int_equal(rd_reg(fx, 0x70) & 0x81, 0x81);
    assert_int_equal(rd_reg(fx, 0x85), 0x8B);
    uint8_t b[2];
    assert_int_equal(run(fx, with_rd(with_addr(spi(0xEB), 4, 4, 0), 4, 8, b, 2)), 0);
    fx_free(fx);
}

static void mt25_dual_protocol_via_evcr_reads_2_2_2_and_refuses_quad_opcodes(void **state)
{
    (void)state;
    struct fx *fx = fx_new(&nor_part_mt25ql512, "MT25QL512[0]");
    uint8_t evcr = 0xBF; /* bit 6 = 0: dual protocol */
    assert_int_equal(cmd(fx, 0x06), 0);
    assert_int_equal(run(fx, with_wr(spi(0x61), 1, &evcr, 1)), 0);
    struct xspi_xfer d = spi(0xBB);
    d.instr.lines = 2;
    fx->mem[3] = 0x33;
    uint8_t b[1];
    assert_int_equal(run(fx, with_rd(with_addr(d, 2, 3, 3), 2, 8, b, 1)), 0);
    assert_int_equal(b[0], 0x33);
    d.instruction = 0xEB;
    assert_int_equal(run(fx, with_rd(with_addr(d, 2, 3, 3), 2, 8, b, 1)), -1);
    assert_logged(fx, "not accepted in dual (2-2-2) protocol");
    fx_free(fx);
}

static void dtr_reads_and_suspend_are_reported_as_not_implemented(void **state)
{
    (void)state;
    struct fx *fx = fx_new(&nor_part_mt25ql512, "MT25QL512[0]");
    assert_int_equal(run(fx, with_addr(spi(0x0D), 1, 3, 0)), -1);
    assert_logged(fx, "not implemented");
    assert_int_equal(cmd(fx, 0x75), -1);
    assert_logged(fx, "0x75 (suspend/power-down/OTP/lock family) not implemented");
    fx_free(fx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(jedec_id_of_each_part_matches_the_table),
        cmocka_unit_test(sfdp_has_jesd216_header_512mbit_density_and_erase_types),
        cmocka_unit_test(sfdp_read_with_wrong_dummy_count_is_refused),
        cmocka_unit_test(mt25_4byte_mode_needs_wren_sets_fsr_bit0_and_changes_address_width),
        cmocka_unit_test(mt25_vcr_dummy_cycles_configure_reads_and_wrong_count_is_refused),
        cmocka_unit_test(mt25_quad_reads_return_storage_bytes),
        cmocka_unit_test(mt25_program_only_clears_bits_and_wraps_within_the_page),
        cmocka_unit_test(mt25_erase_sets_ff_on_the_aligned_unit_and_is_busy_for_the_erase_time),
        cmocka_unit_test(write_without_wel_is_ignored_and_logged),
        cmocka_unit_test(reset_needs_66_then_99_and_commands_during_recovery_are_ignored),
        cmocka_unit_test(reset_during_erase_takes_the_longer_recovery),
        cmocka_unit_test(unknown_opcode_and_wrong_instruction_lines_are_refused),
        cmocka_unit_test(mmap_template_is_checked_like_a_read),
        cmocka_unit_test(mt25_quad_protocol_via_evcr_takes_4_4_4_and_af_for_id),
        cmocka_unit_test(mx25l_quad_needs_qe_and_qpi_read_uses_cr_dc),
        cmocka_unit_test(n25q_has_die_erase_and_no_bulk_erase),
        cmocka_unit_test(mx25lm_enters_octal_dtr_via_cr2_and_reads_with_ee11_only_with_dqs),
        cmocka_unit_test(mx25lm_octal_str_mmap_template_uses_ec13_and_cr2_dummy),
        cmocka_unit_test(twin_dies_with_stride_2_see_interleaved_bytes),
        cmocka_unit_test(mt25_block_protection_refuses_program_and_sets_fsr_until_0x50),
        cmocka_unit_test(mt25_nvcr_sets_4byte_addressing_and_dummy_at_power_on),
        cmocka_unit_test(mt25_dual_protocol_via_evcr_reads_2_2_2_and_refuses_quad_opcodes),
        cmocka_unit_test(dtr_reads_and_suspend_are_reported_as_not_implemented),
    };
    return cmocka_run_group_tests_name("model.spi-nor", tests, NULL, NULL);
}
