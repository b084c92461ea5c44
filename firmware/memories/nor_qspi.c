/* NOR flash on QUADSPI: the common bring-up (66/99 reset, 05 status with WIP in bit 0, 9F
 * identity, 5A SFDP checked against the parts table, EC quad I/O read with 4-byte
 * addresses) plus the steps where vendors differ,
 * chosen from the parts table's family like the fixup hooks of Linux spi-nor
 * (nor-flash-parts facts sheet, sections 3-6):
 * - Micron MT25Q/N25Q: 06 + B7 enter 4-byte addressing, confirmed by flag status 70 bit 0;
 *   dummy cycles in the volatile configuration 81/85 (bits 7:4; bit 3 = 1 keeps XiP off,
 *   bits 1:0 = 11 no wrap); no quad-enable bit.
 * - Macronix MX25L51245G: B7 (no write enable), confirmed by CR 15 bit 5; quad phases need
 *   the non-volatile QE bit (SR bit 6) and the dummy cycles come from CR[7:6] DC: both are
 *   written together by 01 (SR byte, then CR byte) only when they differ.
 * In dual-flash mode every command goes to both dies and data bytes alternate between them
 * (Micron only on the boards). */
#include <stdbool.h>
#include "nor_qspi.h"
#include "drivers/deadline.h"
#include "drivers/errors.h"
#include "drivers/quadspi.h"
#include "memories/nor_parts.h"
#include "cm7.h"

#define CMD_RESET_ENABLE 0x66u
#define CMD_RESET 0x99u
#define CMD_READ_STATUS 0x05u
#define CMD_READ_ID 0x9Fu
#define CMD_WRITE_ENABLE 0x06u
#define CMD_ENTER_4BYTE 0xB7u
#define CMD_READ_FLAG_STATUS 0x70u
#define CMD_WRITE_VCR 0x81u
#define CMD_READ_VCR 0x85u
#define CMD_QUAD_IO_READ_4B 0xECu
#define CMD_WRITE_STATUS 0x01u
#define CMD_MX_READ_CR 0x15u
#define CMD_READ_SFDP 0x5Au
#define CMD_PAGE_PROGRAM_4B 0x12u
#define SR_WIP 0x01u
#define SR_WEL 0x02u
#define SR_MX_QE 0x40u
#define CR_MX_4BYTE 0x20u
#define CR_MX_DC_SHIFT 6u
#define CR_MX_DC_MSK (3u << CR_MX_DC_SHIFT)
#define FSR_ADDR4 0x01u
#define VCR_XIP_OFF 0x08u
#define VCR_NO_WRAP 0x03u

/* Reset recovery bound: a reset that lands in an erase waits for the erase to abort. */
#define RESET_TIMEOUT_US 100000u

const char *nor_stage_name(enum nor_stage s)
{
    static const char *const n[] = { "controller set-up", "reset", "identity", "SFDP", "4-byte addressing",
                                     "dummy cycles", "memory-mapped mode" };
    return (unsigned)s < sizeof n / sizeof n[0] ? n[s] : "?";
}

static const struct qspi_cmd cmd1 = { .instr_lines = 1 };

static unsigned dies_of(const struct board_qspi *q)
{
    return q->dual_flash ? 2u : 1u;
}

int nor_qspi_reset(const struct board_qspi *q)
{
    (void)q;
    struct qspi_cmd c = cmd1;
    int rc;
    c.instruction = CMD_RESET_ENABLE;
    if ((rc = qspi_command(&c)) != 0) {
        return rc;
    }
    c.instruction = CMD_RESET;
    return qspi_command(&c);
}

/* During reset recovery the flash does not drive the bus: status reads 0xFF, WIP set, so
 * polling WIP waits exactly as long as the part needs. */
int nor_qspi_wait_ready(const struct board_qspi *q, uint32_t timeout_us)
{
    struct qspi_cmd c = cmd1;
    c.instruction = CMD_READ_STATUS;
    c.data_lines = 1;
    return qspi_poll(&c, dies_of(q), dies_of(q) == 2u ? 0x0101u : SR_WIP, 0u, timeout_us);
}

int nor_qspi_read_id(const struct board_qspi *q, struct nor_qspi_result *r)
{
    struct qspi_cmd c = cmd1;
    uint8_t buf[6];
    unsigned dies = dies_of(q);
    c.instruction = CMD_READ_ID;
    c.data_lines = 1;
    int rc = qspi_read(&c, buf, 3u * dies);
    if (rc != 0) {
        return rc;
    }
    const struct nor_part *part = nor_part_by_name(q->part);
    int all_ones = 1, mismatch = 0;
    for (unsigned d = 0; d < dies; d++) {
        for (unsigned i = 0; i < 3u; i++) {
            r->id[d][i] = buf[i * dies + d];
            all_ones &= r->id[d][i] == 0xFFu;
            mismatch |= part == 0 || r->id[d][i] != part->jedec_id[i];
        }
    }
    return all_ones ? DRV_ENODEV : mismatch ? DRV_EID : DRV_OK;
}

/* JESD216 (facts sheet 9): 5A with a 3-byte address on one line and 8 dummy cycles; header
 * "SFDP", parameter header 0 = basic flash parameter table (id 0xFF00) with its length and
 * pointer. In dual-flash mode both dies answer the same command, bytes interleaved, at half
 * the controller's address. */
#define SFDP_DUMMY 8u
#define BFPT_DWORDS 9u

/* Reads len bytes per die at SFDP address addr into w[die] (little-endian DWORDs). */
static int sfdp_read(unsigned dies, uint32_t addr, uint32_t len, uint32_t w[2][BFPT_DWORDS])
{
    const struct qspi_cmd c = { .instruction = CMD_READ_SFDP, .instr_lines = 1, .addr_lines = 1, .addr_bytes = 3,
                                .address = addr * dies, .dummy_cycles = SFDP_DUMMY, .data_lines = 1 };
    uint8_t b[2u * 4u * BFPT_DWORDS];
    int rc = qspi_read(&c, b, len * dies);
    for (uint32_t i = 0; rc == 0 && i < len * dies; i++) {
        ((uint8_t *)w[i % dies])[i / dies] = b[i];
    }
    return rc;
}

/* What a die's BFPT (DWORD n at w[n - 1]) says against the part: NULL when it agrees. */
static const char *bfpt_mismatch(const struct nor_part *p, const uint32_t *w)
{
    if (w[1] != p->size * 8u - 1u) {
        return "density";
    }
    /* DWORD1[18:17]: 01 = 3 or 4, 10 = 4-byte addresses only; the boot reads with 4 (EC) */
    if (((w[0] >> 17) & 3u) - 1u > 1u) {
        return "address bytes";
    }
    /* DWORD1 fast reads: bit 16 1-1-2, 20 1-2-2, 21 1-4-4, 22 1-1-4, as the part table has them */
    static const uint8_t fast[4][2] = { { 16, NOR_RD_1_1_2 }, { 20, NOR_RD_1_2_2 }, { 21, NOR_RD_1_4_4 },
                                        { 22, NOR_RD_1_1_4 } };
    for (unsigned i = 0; i < 4u; i++) {
        if (((w[0] >> fast[i][0]) & 1u) != (p->default_dummy[fast[i][1]] != 0xFFu)) {
            return "fast reads";
        }
    }
    /* DWORD8-9: four erase types (log2 size, opcode), each one of the part's, as many */
    unsigned found = 0;
    for (unsigned i = 0; i < 4u; i++) {
        uint32_t f = w[7u + i / 2u] >> (16u * (i & 1u));
        unsigned k = 0;
        if ((f & 0xFFu) == 0u) {
            continue;
        }
        while (k < p->erase_count && (p->erase[k].size != 1u << (f & 31u) || p->erase[k].opcode_3b != ((f >> 8) & 0xFFu))) {
            k++;
        }
        if (k == p->erase_count) {
            return "erase types";
        }
        found++;
    }
    return found == p->erase_count ? 0 : "erase types";
}

int nor_qspi_read_sfdp(const struct board_qspi *q, struct nor_qspi_result *r)
{
    const struct nor_part *p = nor_part_by_name(q->part);
    const unsigned dies = dies_of(q);
    uint32_t w[2][BFPT_DWORDS];
    int rc;
    if (p == 0) {
        return DRV_EINVAL;
    }
    if ((rc = sfdp_read(dies, 0u, 16u, w)) != 0) {
        return rc;
    }
    /* "SFDP", parameter header 0: id 0xFF00 (BFPT), at least 9 DWORDs, same table on every die */
    const uint32_t ptr = w[0][3] & 0xFFFFFFu;
    r->sfdp_what = "header";
    for (unsigned d = 0; d < dies; d++) {
        r->sfdp_die = (uint8_t)d;
        if (w[d][0] != 0x50444653u || (w[d][2] & 0xFFu) != 0u || (w[d][3] >> 24) != 0xFFu ||
            (w[d][2] >> 24) < BFPT_DWORDS || (w[d][3] & 0xFFFFFFu) != ptr) {
            return DRV_EVERIFY;
        }
    }
    if ((rc = sfdp_read(dies, ptr, 4u * BFPT_DWORDS, w)) != 0) {
        return rc;
    }
    r->sfdp_mbit = (w[0][1] + 1u) >> 20;
    for (unsigned d = 0; d < dies; d++) {
        r->sfdp_die = (uint8_t)d;
        if ((r->sfdp_what = bfpt_mismatch(p, w[d])) != 0) {
            return DRV_EVERIFY;
        }
    }
    return DRV_OK;
}

static int micron_enter_4byte(const struct board_qspi *q)
{
    struct qspi_cmd we = cmd1, c = cmd1;
    uint8_t buf[2];
    int rc;
    we.instruction = CMD_WRITE_ENABLE;
    c.instruction = CMD_ENTER_4BYTE;
    if ((rc = qspi_command(&we)) != 0 || (rc = qspi_command(&c)) != 0) {
        return rc;
    }
    c.instruction = CMD_READ_FLAG_STATUS;
    c.data_lines = 1;
    if ((rc = qspi_read(&c, buf, dies_of(q))) != 0) {
        return rc;
    }
    for (unsigned d = 0; d < dies_of(q); d++) {
        if ((buf[d] & FSR_ADDR4) == 0u) {
            return DRV_EVERIFY;
        }
    }
    return DRV_OK;
}

static int micron_set_dummy(const struct board_qspi *q, const struct nor_part *part, uint8_t dummy)
{
    (void)part;
    struct qspi_cmd we = cmd1, c = cmd1;
    uint8_t vcr = (uint8_t)((dummy << 4) | VCR_XIP_OFF | VCR_NO_WRAP);
    uint8_t out[2] = { vcr, vcr }, buf[2];
    int rc;
    we.instruction = CMD_WRITE_ENABLE;
    c.instruction = CMD_WRITE_VCR;
    c.data_lines = 1;
    if ((rc = qspi_command(&we)) != 0 || (rc = qspi_write(&c, out, dies_of(q))) != 0) {
        return rc;
    }
    c.instruction = CMD_READ_VCR;
    if ((rc = qspi_read(&c, buf, dies_of(q))) != 0) {
        return rc;
    }
    for (unsigned d = 0; d < dies_of(q); d++) {
        if (buf[d] != vcr) {
            return DRV_EVERIFY;
        }
    }
    return DRV_OK;
}

/* Macronix: B7 needs no write enable; CR bit 5 reads 1 once 4-byte addressing is on. */
static int macronix_enter_4byte(const struct board_qspi *q)
{
    struct qspi_cmd c = cmd1;
    uint8_t cr;
    int rc;
    (void)q;
    c.instruction = CMD_ENTER_4BYTE;
    if ((rc = qspi_command(&c)) != 0) {
        return rc;
    }
    c.instruction = CMD_MX_READ_CR;
    c.data_lines = 1;
    if ((rc = qspi_read(&c, &cr, 1u)) != 0) {
        return rc;
    }
    return (cr & CR_MX_4BYTE) ? DRV_OK : DRV_EVERIFY;
}

static int macronix_read_sr_cr(uint8_t *sr, uint8_t *cr)
{
    struct qspi_cmd c = cmd1;
    int rc;
    c.data_lines = 1;
    c.instruction = CMD_READ_STATUS;
    if ((rc = qspi_read(&c, sr, 1u)) != 0) {
        return rc;
    }
    c.instruction = CMD_MX_READ_CR;
    return qspi_read(&c, cr, 1u);
}

/* Macronix: QE (non-volatile) and DC in one status/configuration write, skipped when both
 * already hold the wanted values (it costs a non-volatile write cycle each time). */
static int macronix_set_dummy(const struct board_qspi *q, const struct nor_part *part, uint8_t dummy)
{
    struct qspi_cmd c = cmd1;
    uint8_t sr, cr;
    int rc;
    unsigned dc = 0;
    while (dc < 4u && nor_macronix_dummy(NOR_RD_1_4_4, (uint8_t)dc) != dummy) {
        dc++;
    }
    if (dc == 4u) {
        return DRV_EINVAL; /* no DC setting gives this dummy count for 0xEC */
    }
    if ((rc = macronix_read_sr_cr(&sr, &cr)) != 0) {
        return rc;
    }
    const uint8_t want_sr = (uint8_t)((sr & ~(SR_WIP | SR_WEL)) | SR_MX_QE);
    const uint8_t want_cr = (uint8_t)((cr & ~(CR_MX_DC_MSK | CR_MX_4BYTE)) | (dc << CR_MX_DC_SHIFT));
    if ((sr & SR_MX_QE) == 0u || (cr & CR_MX_DC_MSK) != (dc << CR_MX_DC_SHIFT)) {
        struct qspi_cmd we = cmd1;
        const uint8_t out[2] = { want_sr, want_cr };
        we.instruction = CMD_WRITE_ENABLE;
        c.instruction = CMD_WRITE_STATUS;
        c.data_lines = 1;
        if ((rc = qspi_command(&we)) != 0 || (rc = qspi_write(&c, out, 2u)) != 0 ||
            (rc = nor_qspi_wait_ready(q, part->write_status_max_us + part->write_status_max_us / 4u)) != 0) {
            return rc;
        }
    }
    if ((rc = macronix_read_sr_cr(&sr, &cr)) != 0) {
        return rc;
    }
    return ((sr & SR_MX_QE) && (cr & CR_MX_DC_MSK) == (dc << CR_MX_DC_SHIFT)) ? DRV_OK : DRV_EVERIFY;
}

/* The vendor steps, chosen by the part's family in the parts table. */
struct nor_vendor_steps {
    int (*enter_4byte)(const struct board_qspi *q);
    int (*set_dummy)(const struct board_qspi *q, const struct nor_part *part, uint8_t dummy);
    bool dual_flash; /* the steps handle two dies at once */
};

static const struct nor_vendor_steps *steps_of(const struct board_qspi *q, const struct nor_part **part)
{
    static const struct nor_vendor_steps micron = { micron_enter_4byte, micron_set_dummy, true };
    static const struct nor_vendor_steps macronix = { macronix_enter_4byte, macronix_set_dummy, false };
    const struct nor_vendor_steps *v = 0;
    *part = nor_part_by_name(q->part);
    if (*part != 0) {
        switch ((*part)->family) {
        case NOR_FAMILY_MICRON: v = &micron; break;
        case NOR_FAMILY_MACRONIX: v = &macronix; break;
        default: break; /* octal parts belong on OCTOSPI */
        }
    }
    return (v != 0 && (!q->dual_flash || v->dual_flash)) ? v : 0;
}

int nor_qspi_enter_4byte(const struct board_qspi *q)
{
    const struct nor_part *part;
    const struct nor_vendor_steps *v = steps_of(q, &part);
    return v != 0 ? v->enter_4byte(q) : DRV_EINVAL;
}

int nor_qspi_set_dummy(const struct board_qspi *q, uint8_t dummy)
{
    const struct nor_part *part;
    const struct nor_vendor_steps *v = steps_of(q, &part);
    return v != 0 ? v->set_dummy(q, part, dummy) : DRV_EINVAL;
}

int nor_qspi_memory_mapped(uint8_t dummy)
{
    const struct qspi_cmd rd = { .instruction = CMD_QUAD_IO_READ_4B, .instr_lines = 1, .addr_lines = 4,
                                 .addr_bytes = 4, .dummy_cycles = dummy, .data_lines = 4 };
    return qspi_memory_mapped(&rd);
}

int nor_qspi_bringup(const struct board_qspi *q, struct nor_qspi_result *r)
{
    int rc;
    r->stage = NOR_STAGE_INIT;
    if (nor_part_by_name(q->part) == 0) {
        return DRV_EINVAL;
    }
    if ((rc = qspi_init(q)) != 0) {
        return rc;
    }
    r->stage = NOR_STAGE_RESET;
    if ((rc = nor_qspi_reset(q)) != 0) {
        return rc;
    }
    uint32_t t0 = cm7_cyccnt();
    const struct nor_part *part = nor_part_by_name(q->part);
    uint32_t reset_bound = part->reset_recovery_busy_us > RESET_TIMEOUT_US ? part->reset_recovery_busy_us
                                                                          : RESET_TIMEOUT_US;
    if ((rc = nor_qspi_wait_ready(q, reset_bound)) != 0) {
        return rc;
    }
    r->reset_us = cycles_to_us(cm7_cyccnt() - t0);
    r->stage = NOR_STAGE_ID;
    if ((rc = nor_qspi_read_id(q, r)) != 0) {
        return rc;
    }
    r->stage = NOR_STAGE_SFDP;
    if ((rc = nor_qspi_read_sfdp(q, r)) != 0) {
        return rc;
    }
    r->stage = NOR_STAGE_ADDR4;
    if ((rc = nor_qspi_enter_4byte(q)) != 0) {
        return rc;
    }
    r->stage = NOR_STAGE_DUMMY;
    if ((rc = nor_qspi_set_dummy(q, q->read_dummy)) != 0) {
        return rc;
    }
    r->stage = NOR_STAGE_MMAP;
    return nor_qspi_memory_mapped(q->read_dummy);
}

/* ---- erase and program (diagnostics) ---- */

/* Ready within timeout_us: polled continuously, or in short polls with idle() between them
 * (the core may sleep meanwhile; the deadline runs on the cycle counter all the same). */
static int wait_ready_idle(const struct board_qspi *q, uint32_t timeout_us, nor_idle_fn idle)
{
    if (idle == 0) {
        return nor_qspi_wait_ready(q, timeout_us);
    }
    struct deadline d = deadline_in_us(timeout_us);
    for (;;) {
        int rc = nor_qspi_wait_ready(q, 10u);
        if (rc != DRV_ETIMEDOUT || deadline_passed(&d)) {
            return rc;
        }
        idle();
    }
}

/* WREN, then WEL read back on every die: a flash that did not take it would ignore the
 * program or erase that follows. */
static int write_enable(unsigned dies)
{
    struct qspi_cmd c = cmd1;
    uint8_t sr[2];
    int rc;
    c.instruction = CMD_WRITE_ENABLE;
    if ((rc = qspi_command(&c)) != 0) {
        return rc;
    }
    c.instruction = CMD_READ_STATUS;
    c.data_lines = 1;
    if ((rc = qspi_read(&c, sr, dies)) != 0) {
        return rc;
    }
    for (unsigned d = 0; d < dies; d++) {
        if ((sr[d] & SR_WEL) == 0u) {
            return DRV_EVERIFY;
        }
    }
    return DRV_OK;
}

uint32_t nor_qspi_erase_unit(const struct board_qspi *q)
{
    const struct nor_part *p = nor_part_by_name(q->part);
    return p != 0 ? p->erase[0].size * dies_of(q) : 0u;
}

int nor_qspi_erase(const struct board_qspi *q, uint32_t offset, nor_idle_fn idle)
{
    const struct nor_part *p = nor_part_by_name(q->part);
    const unsigned dies = dies_of(q);
    int rc;
    if (p == 0 || offset >= q->size) {
        return DRV_EINVAL;
    }
    if ((rc = write_enable(dies)) != 0) {
        return rc;
    }
    const struct qspi_cmd c = { .instruction = p->erase[0].opcode_4b, .instr_lines = 1, .addr_lines = 1,
                                .addr_bytes = 4, .address = offset };
    if ((rc = qspi_command(&c)) != 0) {
        return rc;
    }
    return wait_ready_idle(q, p->erase[0].max_us + p->erase[0].max_us / 4u, idle);
}

int nor_qspi_program(const struct board_qspi *q, uint32_t offset, const void *data, uint32_t len, nor_idle_fn idle)
{
    const struct nor_part *p = nor_part_by_name(q->part);
    const unsigned dies = dies_of(q);
    const uint8_t *src = data;
    int rc;
    if (p == 0 || (uint64_t)offset + len > q->size || ((offset | len) & (dies - 1u)) != 0u) {
        return DRV_EINVAL;
    }
    const uint32_t page = p->page_size * dies;
    while (len != 0u) {
        uint32_t n = page - offset % page;
        n = n < len ? n : len;
        if ((rc = write_enable(dies)) != 0) {
            return rc;
        }
        const struct qspi_cmd c = { .instruction = CMD_PAGE_PROGRAM_4B, .instr_lines = 1, .addr_lines = 1,
                                    .addr_bytes = 4, .address = offset, .data_lines = 1 };
        if ((rc = qspi_write(&c, src, n)) != 0 ||
            (rc = wait_ready_idle(q, p->page_program_max_us + p->page_program_max_us / 4u, idle)) != 0) {
            return rc;
        }
        offset += n;
        src += n;
        len -= n;
    }
    return DRV_OK;
}
