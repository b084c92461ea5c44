/* Micron MT25Q/N25Q command set (nor-flash-parts facts sheet, sections 3-6): 66/99 reset,
 * 05 status (WIP bit 0), 9F identity, 06 write enable, B7 enter 4-byte addressing, 70 flag
 * status (bit 0 = 4-byte mode), 81/85 volatile configuration (dummy cycles in bits 7:4,
 * bit 3 = 1 keeps XiP off, bits 1:0 = 11 no wrap). In dual-flash mode every command goes
 * to both dies and data bytes alternate between them. */
#include "nor_qspi.h"
#include "drivers/deadline.h"
#include "drivers/errors.h"
#include "drivers/quadspi.h"
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
#define SR_WIP 0x01u
#define FSR_ADDR4 0x01u
#define VCR_XIP_OFF 0x08u
#define VCR_NO_WRAP 0x03u

/* Reset recovery bound: a reset that lands in an erase waits for the erase to abort. */
#define RESET_TIMEOUT_US 100000u

struct micron_part {
    const char *name;
    uint8_t id[3];
};
static const struct micron_part parts[] = {
    { "MT25QL512", { 0x20, 0xBA, 0x20 } },
    { "N25Q512A", { 0x20, 0xBA, 0x20 } },
};

const char *nor_stage_name(enum nor_stage s)
{
    static const char *const n[] = { "controller set-up", "reset", "identity", "4-byte addressing",
                                     "dummy cycles", "memory-mapped mode" };
    return (unsigned)s < sizeof n / sizeof n[0] ? n[s] : "?";
}

static int str_eq(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

int nor_qspi_bringup(const struct board_qspi *q, struct nor_qspi_result *r)
{
    const struct qspi_cmd cmd1 = { .instr_lines = 1 };
    unsigned dies = q->dual_flash ? 2u : 1u;
    uint8_t buf[6];
    int rc;
    const struct micron_part *part = 0;
    for (unsigned i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        if (str_eq(parts[i].name, q->part)) {
            part = &parts[i];
        }
    }
    r->stage = NOR_STAGE_INIT;
    if (part == 0) {
        return DRV_EINVAL;
    }
    if ((rc = qspi_init(q)) != 0) {
        return rc;
    }

    /* Reset: enable then reset, on one line (extended SPI protocol). During recovery the
     * flash does not drive the bus: status reads 0xFF, WIP set, so polling WIP waits it out. */
    r->stage = NOR_STAGE_RESET;
    struct qspi_cmd c = cmd1;
    c.instruction = CMD_RESET_ENABLE;
    if ((rc = qspi_command(&c)) != 0) {
        return rc;
    }
    c.instruction = CMD_RESET;
    if ((rc = qspi_command(&c)) != 0) {
        return rc;
    }
    uint32_t t0 = cm7_cyccnt();
    c.instruction = CMD_READ_STATUS;
    c.data_lines = 1;
    uint32_t wip = dies == 2u ? 0x0101u : SR_WIP;
    if ((rc = qspi_poll(&c, dies, wip, 0u, RESET_TIMEOUT_US)) != 0) {
        return rc;
    }
    r->reset_us = cycles_to_us(cm7_cyccnt() - t0);

    r->stage = NOR_STAGE_ID;
    c.instruction = CMD_READ_ID;
    if ((rc = qspi_read(&c, buf, 3u * dies)) != 0) {
        return rc;
    }
    int all_ones = 1, mismatch = 0;
    for (unsigned d = 0; d < dies; d++) {
        for (unsigned i = 0; i < 3u; i++) {
            r->id[d][i] = buf[i * dies + d];
            all_ones &= r->id[d][i] == 0xFFu;
            mismatch |= r->id[d][i] != part->id[i];
        }
    }
    if (all_ones) {
        return DRV_ENODEV;
    }
    if (mismatch) {
        return DRV_EID;
    }

    r->stage = NOR_STAGE_ADDR4;
    struct qspi_cmd we = cmd1;
    we.instruction = CMD_WRITE_ENABLE;
    c = cmd1;
    c.instruction = CMD_ENTER_4BYTE;
    if ((rc = qspi_command(&we)) != 0 || (rc = qspi_command(&c)) != 0) {
        return rc;
    }
    c.instruction = CMD_READ_FLAG_STATUS;
    c.data_lines = 1;
    if ((rc = qspi_read(&c, buf, dies)) != 0) {
        return rc;
    }
    for (unsigned d = 0; d < dies; d++) {
        if ((buf[d] & FSR_ADDR4) == 0u) {
            return DRV_EVERIFY;
        }
    }

    r->stage = NOR_STAGE_DUMMY;
    uint8_t vcr = (uint8_t)((q->read_dummy << 4) | VCR_XIP_OFF | VCR_NO_WRAP);
    uint8_t vcr_out[2] = { vcr, vcr };
    c = cmd1;
    c.instruction = CMD_WRITE_VCR;
    c.data_lines = 1;
    if ((rc = qspi_command(&we)) != 0 || (rc = qspi_write(&c, vcr_out, dies)) != 0) {
        return rc;
    }
    c.instruction = CMD_READ_VCR;
    if ((rc = qspi_read(&c, buf, dies)) != 0) {
        return rc;
    }
    for (unsigned d = 0; d < dies; d++) {
        if (buf[d] != vcr) {
            return DRV_EVERIFY;
        }
    }

    r->stage = NOR_STAGE_MMAP;
    const struct qspi_cmd rd = { .instruction = CMD_QUAD_IO_READ_4B, .instr_lines = 1, .addr_lines = 4,
                                 .addr_bytes = 4, .dummy_cycles = q->read_dummy, .data_lines = 4 };
    return qspi_memory_mapped(&rd);
}
