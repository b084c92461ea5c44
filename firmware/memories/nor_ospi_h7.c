/* MX25LM51245G command set (facts sheet nor-flash-parts.md sections 3, 6, 7): 66/99 reset
 * (OPI: 6699/9966), 05 status (WIP bit 0), 9F identity, 06 write enable, 72 write CR2 and 71
 * read CR2 with a 4-byte CR2 address, 5A SFDP. Octal DTR: every instruction is the opcode
 * followed by its complement, addresses are 4 bytes, register reads have 5 dummy cycles and
 * return each byte twice, data is sampled with DQS. */
#include "nor_ospi.h"
#include "drivers/deadline.h"
#include "drivers/errors.h"
#include "drivers/octospi.h"
#include "memories/nor_parts.h"
#include "chip.h"

#define CMD_RESET_ENABLE 0x66u
#define CMD_RESET 0x99u
#define CMD_READ_STATUS 0x05u
#define CMD_READ_ID 0x9Fu
#define CMD_WRITE_ENABLE 0x06u
#define CMD_WRITE_CR2 0x72u
#define CMD_READ_CR2 0x71u
#define CMD_READ_SFDP 0x5Au
#define CMD_OCTA_DTR_READ 0xEEu
#define CMD_PAGE_PROGRAM_4B 0x12u
#define CMD_FAST_READ_4B 0x0Cu
#define FAST_READ_DUMMY 8u /* 1-1-1 0x0C: fixed 8 (parts table, UNCONFIRMED against the datasheet) */
#define SR_WIP 0x01u
#define SR_WEL 0x02u
#define CR2_MODE 0x00000000u /* bit 0 SOPI, bit 1 DOPI */
#define CR2_DC 0x00000300u   /* bits 2:0 dummy-cycle code */
#define CR2_DOPI 0x02u
#define OPI_REG_DUMMY_DTR 5u
#define SFDP_DUMMY 8u

/* Reset recovery: a reset that lands in an erase waits for the erase to abort (100 ms,
 * ST-MXLM). Register writes: 40 ms max (facts sheet 2). */
#define RESET_TIMEOUT_US 100000u
/* First answer in 1-1-1: idle reset recovery is tens of us (UNCONFIRMED, the model takes
 * 40 us); a flash still silent after 1 ms is either in OPI (then the OPI resets below bring it
 * back) or recovering from an interrupted erase (then it ignores them and the long wait
 * covers it). */
#define FIRST_ANSWER_US 1000u
#define WRITE_REG_TIMEOUT_US 40000u

const char *nor_ospi_stage_name(enum nor_ospi_stage s)
{
    static const char *const n[] = { "controller set-up", "reset", "identity", "SFDP", "dummy cycles (CR2 0x300)",
                                     "octal DTR entry (CR2 0x000)", "identity in octal DTR", "memory-mapped mode" };
    return (unsigned)s < sizeof n / sizeof n[0] ? n[s] : "?";
}

static struct ospi_cmd spi(uint8_t op, uint8_t data_lines)
{
    return (struct ospi_cmd){ .instruction = op, .instr_lines = 1, .instr_bytes = 1, .data_lines = data_lines };
}

/* 8D-8D-8D command: opcode and its complement, 4-byte address. */
static struct ospi_cmd dtr(uint8_t op, int addr, uint8_t dummy, int data, int dqs)
{
    struct ospi_cmd c = { .instruction = ((uint32_t)op << 8) | (uint8_t)~op, .instr_lines = 8, .instr_bytes = 2,
                          .dtr = true, .dummy_cycles = dummy, .dqs = dqs != 0 };
    if (addr) {
        c.addr_lines = 8;
        c.addr_bytes = 4;
    }
    if (data) {
        c.data_lines = 8;
    }
    return c;
}

int nor_ospi_init(const struct board_ospi *o)
{
    const struct ospi_bus bus = { .instance = o->instance, .port = o->port, .prescaler = o->prescaler,
                                  .cs_high_cycles = o->cs_high_cycles, .mtyp = OSPI_MTYP_MICRON, .size = o->size,
                                  .pin_count = o->pin_count, .pins = o->pins };
    return ospi_init(&bus);
}

static int wait_ready_spi(const struct board_ospi *o, uint32_t timeout_us)
{
    struct ospi_cmd c = spi(CMD_READ_STATUS, 1);
    return ospi_poll(o->instance, &c, 1u, SR_WIP, 0u, timeout_us);
}

static int wait_ready_dtr(const struct board_ospi *o, uint32_t timeout_us)
{
    struct ospi_cmd c = dtr(CMD_READ_STATUS, 1, OPI_REG_DUMMY_DTR, 1, 1);
    return ospi_poll(o->instance, &c, 2u, SR_WIP | (SR_WIP << 8), 0u, timeout_us);
}

/* The flash may be in any protocol (a warm reset leaves it in octal DTR): reset in 1-1-1;
 * if it then does not answer in 1-1-1, it is in OPI: reset it in 8-8-8 and 8D-8D-8D. */
int nor_ospi_reset(const struct board_ospi *o, struct nor_ospi_result *r)
{
    const unsigned n = o->instance;
    int rc;
    struct ospi_cmd c = spi(CMD_RESET_ENABLE, 0);
    if ((rc = ospi_command(n, &c)) != 0) {
        return rc;
    }
    c.instruction = CMD_RESET;
    if ((rc = ospi_command(n, &c)) != 0) {
        return rc;
    }
    uint32_t t0 = cm7_cyccnt();
    rc = wait_ready_spi(o, FIRST_ANSWER_US);
    if (rc == DRV_ETIMEDOUT) {
        r->was_octal = 1;
        for (int d = 0; d < 2; d++) {
            struct ospi_cmd e = dtr(CMD_RESET_ENABLE, 0, 0, 0, 0), x = dtr(CMD_RESET, 0, 0, 0, 0);
            e.dtr = x.dtr = d != 0;
            if ((rc = ospi_command(n, &e)) != 0 || (rc = ospi_command(n, &x)) != 0) {
                return rc;
            }
        }
        t0 = cm7_cyccnt();
        rc = wait_ready_spi(o, RESET_TIMEOUT_US);
    }
    r->reset_us = cycles_to_us(cm7_cyccnt() - t0);
    return rc;
}

int nor_ospi_read_id(const struct board_ospi *o, struct nor_ospi_result *r)
{
    struct ospi_cmd c = spi(CMD_READ_ID, 1);
    int rc = ospi_read(o->instance, &c, r->id, 3u);
    if (rc != 0) {
        return rc;
    }
    const struct nor_part *p = nor_part_by_name(o->part);
    if (r->id[0] == 0xFFu && r->id[1] == 0xFFu && r->id[2] == 0xFFu) {
        return DRV_ENODEV;
    }
    for (unsigned i = 0; i < 3u; i++) {
        if (p == 0 || r->id[i] != p->jedec_id[i]) {
            return DRV_EID;
        }
    }
    return DRV_OK;
}

/* JESD216: header "SFDP", first parameter header -> BFPT pointer; BFPT DWORD2 = density in
 * bits - 1 (facts sheet 9). Cross-checked against the parts table's size. */
int nor_ospi_read_sfdp(const struct board_ospi *o, struct nor_ospi_result *r)
{
    uint8_t h[16], d2[4];
    struct ospi_cmd c = spi(CMD_READ_SFDP, 1);
    c.addr_lines = 1;
    c.addr_bytes = 3;
    c.dummy_cycles = SFDP_DUMMY;
    int rc = ospi_read(o->instance, &c, h, sizeof h);
    if (rc != 0) {
        return rc;
    }
    if (h[0] != 'S' || h[1] != 'F' || h[2] != 'D' || h[3] != 'P') {
        return DRV_EVERIFY;
    }
    c.address = ((uint32_t)h[14] << 16 | (uint32_t)h[13] << 8 | h[12]) + 4u;
    if ((rc = ospi_read(o->instance, &c, d2, sizeof d2)) != 0) {
        return rc;
    }
    uint32_t bits = (uint32_t)d2[0] | (uint32_t)d2[1] << 8 | (uint32_t)d2[2] << 16 | (uint32_t)d2[3] << 24;
    r->sfdp_bits = bits + 1u;
    const struct nor_part *p = nor_part_by_name(o->part);
    return (bits & 0x80000000u) == 0u && p != 0 && (uint64_t)p->size * 8u == (uint64_t)bits + 1u ? DRV_OK
                                                                                                   : DRV_EVERIFY;
}

/* WREN, 72 with the CR2 address, one byte; in 1-1-1. Then the write time is waited out. */
int nor_ospi_write_cr2(const struct board_ospi *o, uint32_t addr, uint8_t value)
{
    const unsigned n = o->instance;
    struct ospi_cmd we = spi(CMD_WRITE_ENABLE, 0), c = spi(CMD_WRITE_CR2, 1);
    c.addr_lines = 1;
    c.addr_bytes = 4;
    c.address = addr;
    int rc;
    if ((rc = ospi_command(n, &we)) != 0 || (rc = ospi_write(n, &c, &value, 1u)) != 0) {
        return rc;
    }
    return addr == CR2_MODE ? DRV_OK : wait_ready_spi(o, WRITE_REG_TIMEOUT_US);
}

/* CR2 DC code for `dummy` cycles: (20 - dummy) / 2 (facts sheet 6); then DOPI. From here the
 * flash talks 8D-8D-8D only; the controller switches to Macronix byte order (the flash
 * sends the bytes of each 16-bit word swapped in DTR: RM0455 MTYP, facts sheet 7). */
int nor_ospi_enter_dtr(const struct board_ospi *o, uint8_t dummy)
{
    int rc;
    if (dummy < 6u || dummy > 20u || (dummy & 1u)) {
        return DRV_EINVAL;
    }
    if ((rc = nor_ospi_write_cr2(o, CR2_DC, (uint8_t)((20u - dummy) / 2u))) != 0) {
        return rc;
    }
    if ((rc = nor_ospi_write_cr2(o, CR2_MODE, CR2_DOPI)) != 0) {
        return rc;
    }
    if ((rc = ospi_set_memory_type(o->instance, OSPI_MTYP_MACRONIX)) != 0) {
        return rc;
    }
    return wait_ready_dtr(o, WRITE_REG_TIMEOUT_US);
}

int nor_ospi_read_id_dtr(const struct board_ospi *o, struct nor_ospi_result *r, int dqs)
{
    struct ospi_cmd c = dtr(CMD_READ_ID, 1, OPI_REG_DUMMY_DTR, 1, dqs);
    int rc = ospi_read(o->instance, &c, r->dtr_id, sizeof r->dtr_id);
    if (rc != 0) {
        return rc;
    }
    uint8_t mode[2];
    struct ospi_cmd m = dtr(CMD_READ_CR2, 1, OPI_REG_DUMMY_DTR, 1, dqs);
    if ((rc = ospi_read(o->instance, &m, mode, sizeof mode)) != 0) {
        return rc;
    }
    for (unsigned i = 0; i < 3u; i++) {
        if (r->dtr_id[2u * i] != r->id[i] || r->dtr_id[2u * i + 1u] != r->id[i]) {
            return DRV_EVERIFY;
        }
    }
    return mode[0] == CR2_DOPI && mode[1] == CR2_DOPI ? DRV_OK : DRV_EVERIFY;
}

int nor_ospi_memory_mapped(const struct board_ospi *o, uint8_t dummy, int dqs)
{
    struct ospi_cmd rd = dtr(CMD_OCTA_DTR_READ, 1, dummy, 1, dqs);
    return ospi_memory_mapped(o->instance, &rd, 0);
}

int nor_ospi_bringup(const struct board_ospi *o, struct nor_ospi_result *r)
{
    int rc;
    uint32_t t0 = cm7_cyccnt();
    r->stage = NOR_OSPI_INIT;
    if (nor_part_by_name(o->part) == 0) {
        return DRV_EINVAL;
    }
    if ((rc = nor_ospi_init(o)) != 0) {
        return rc;
    }
    r->stage = NOR_OSPI_RESET;
    if ((rc = nor_ospi_reset(o, r)) != 0) {
        return rc;
    }
    r->stage = NOR_OSPI_ID;
    if ((rc = nor_ospi_read_id(o, r)) != 0) {
        return rc;
    }
    r->stage = NOR_OSPI_SFDP;
    if ((rc = nor_ospi_read_sfdp(o, r)) != 0) {
        return rc;
    }
    r->stage = NOR_OSPI_DTR;
    if ((rc = nor_ospi_enter_dtr(o, o->read_dummy)) != 0) {
        return rc;
    }
    r->stage = NOR_OSPI_DTR_ID;
    if ((rc = nor_ospi_read_id_dtr(o, r, 1)) != 0) {
        return rc;
    }
    r->stage = NOR_OSPI_MMAP;
    rc = nor_ospi_memory_mapped(o, o->read_dummy, 1);
    r->total_us = cycles_to_us(cm7_cyccnt() - t0);
    return rc;
}

/* ---- erase and program in 8D-8D-8D (diagnostics) ---- */

/* Ready within timeout_us: polled continuously, or in short polls with idle() between them
 * (the core may sleep meanwhile; the deadline runs on the cycle counter all the same). */
static int wait_ready_dtr_idle(const struct board_ospi *o, uint32_t timeout_us, nor_ospi_idle_fn idle)
{
    if (idle == 0) {
        return wait_ready_dtr(o, timeout_us);
    }
    struct deadline d = deadline_in_us(timeout_us);
    for (;;) {
        int rc = wait_ready_dtr(o, 10u);
        if (rc != DRV_ETIMEDOUT || deadline_passed(&d)) {
            return rc;
        }
        idle();
    }
}

/* 06F9, then the status read back: each byte arrives twice in DTR. */
static int write_enable_dtr(const struct board_ospi *o)
{
    struct ospi_cmd we = dtr(CMD_WRITE_ENABLE, 0, 0, 0, 0), rd = dtr(CMD_READ_STATUS, 1, OPI_REG_DUMMY_DTR, 1, 1);
    uint8_t sr[2];
    int rc;
    if ((rc = ospi_command(o->instance, &we)) != 0 || (rc = ospi_read(o->instance, &rd, sr, sizeof sr)) != 0) {
        return rc;
    }
    return (sr[0] & sr[1] & SR_WEL) ? DRV_OK : DRV_EVERIFY;
}

uint32_t nor_ospi_erase_unit(const struct board_ospi *o)
{
    const struct nor_part *p = nor_part_by_name(o->part);
    return p != 0 ? p->erase[0].size : 0u;
}

int nor_ospi_erase(const struct board_ospi *o, uint32_t offset, nor_ospi_idle_fn idle)
{
    const struct nor_part *p = nor_part_by_name(o->part);
    int rc;
    if (p == 0 || offset >= o->size) {
        return DRV_EINVAL;
    }
    struct ospi_cmd c = dtr(p->erase[0].opcode_4b, 1, 0, 0, 0);
    c.address = offset;
    if ((rc = write_enable_dtr(o)) != 0 || (rc = ospi_command(o->instance, &c)) != 0) {
        return rc;
    }
    return wait_ready_dtr_idle(o, p->erase[0].max_us + p->erase[0].max_us / 4u, idle);
}

int nor_ospi_program(const struct board_ospi *o, uint32_t offset, const void *data, uint32_t len,
                     nor_ospi_idle_fn idle)
{
    const struct nor_part *p = nor_part_by_name(o->part);
    const uint8_t *src = data;
    int rc;
    if (p == 0 || (uint64_t)offset + len > o->size || ((offset | len) & 1u) != 0u) {
        return DRV_EINVAL;
    }
    while (len != 0u) {
        uint32_t n = p->page_size - offset % p->page_size;
        n = n < len ? n : len;
        struct ospi_cmd c = dtr(CMD_PAGE_PROGRAM_4B, 1, 0, 1, 0);
        c.address = offset;
        if ((rc = write_enable_dtr(o)) != 0 || (rc = ospi_write(o->instance, &c, src, n)) != 0 ||
            (rc = wait_ready_dtr_idle(o, p->page_program_max_us + p->page_program_max_us / 4u, idle)) != 0) {
            return rc;
        }
        offset += n;
        src += n;
        len -= n;
    }
    return DRV_OK;
}
int nor_ospi_read(const struct board_ospi *o, int octal_dtr, uint32_t addr, void *buf, uint32_t len)
{
    if (len == 0u) {
        return DRV_OK;
    }
    struct ospi_cmd c;
    if (!octal_dtr) {
        c = spi(CMD_FAST_READ_4B, 1);
        c.addr_lines = 1;
        c.addr_bytes = 4;
        c.address = addr;
        c.dummy_cycles = FAST_READ_DUMMY;
        return ospi_read(o->instance, &c, buf, len);
    }
    c = dtr(CMD_OCTA_DTR_READ, 1, o->read_dummy, 1, 1);
    uint8_t *p = buf;
    uint8_t w[2];
    int rc;
    if (addr & 1u) { /* odd start: the second byte of the word at addr - 1 */
        c.address = addr - 1u;
        if ((rc = ospi_read(o->instance, &c, w, 2u)) != 0) {
            return rc;
        }
        *p++ = w[1];
        addr++;
        len--;
    }
    uint32_t even = len & ~1u;
    if (even != 0u) {
        c.address = addr;
        if ((rc = ospi_read(o->instance, &c, p, even)) != 0) {
            return rc;
        }
    }
    if (len & 1u) { /* odd end: the first byte of the last word */
        c.address = addr + even;
        if ((rc = ospi_read(o->instance, &c, w, 2u)) != 0) {
            return rc;
        }
        p[even] = w[0];
    }
    return DRV_OK;
}

int nor_ospi_reset_from(const struct board_ospi *o, int octal_dtr, uint32_t timeout_us)
{
    const unsigned n = o->instance;
    int rc;
    struct ospi_cmd e = spi(CMD_RESET_ENABLE, 0), x = spi(CMD_RESET, 0);
    if (octal_dtr) {
        e = dtr(CMD_RESET_ENABLE, 0, 0, 0, 0);
        x = dtr(CMD_RESET, 0, 0, 0, 0);
    }
    if ((rc = ospi_command(n, &e)) != 0 || (rc = ospi_command(n, &x)) != 0) {
        return rc;
    }
    if (octal_dtr && (rc = ospi_set_memory_type(n, OSPI_MTYP_MICRON)) != 0) {
        return rc;
    }
    return wait_ready_spi(o, timeout_us);
}
