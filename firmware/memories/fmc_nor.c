/* Parallel NOR flash (M29EW / MT28EW, AMD command set 0x0002) on an FMC chip select. Command
 * cycles are written to word addresses 0x555 / 0x2AA (x2 on a 16-bit bus); status is polled
 * with the toggle bit DQ6 (stops toggling when done) and DQ5 (time limit exceeded). */
#include "fmc_nor.h"
#include "cm7.h"
#include "drivers/deadline.h"
#include "drivers/errors.h"
#include "drivers/fmc.h"
#include "fmc_parts.h"

#define CMD_RESET 0xF0u
#define CMD_UNLOCK1 0xAAu
#define CMD_UNLOCK2 0x55u
#define CMD_AUTOSELECT 0x90u
#define CMD_CFI 0x98u
#define CMD_PROGRAM 0xA0u
#define CMD_ERASE_SETUP 0x80u
#define CMD_BLOCK_ERASE 0x30u
#define DQ6 (1u << 6)
#define DQ5 (1u << 5)

static volatile uint16_t *nor_word(const struct board_fmc_async *m, uint32_t word)
{
    return (volatile uint16_t *)(uintptr_t)(FMC_NE_BASE(m->ne) + 2u * word);
}

static void cmd(const struct board_fmc_async *m, uint32_t word, uint16_t v)
{
    *nor_word(m, word) = v;
}

static void unlock(const struct board_fmc_async *m)
{
    cmd(m, 0x555u, CMD_UNLOCK1);
    cmd(m, 0x2AAu, CMD_UNLOCK2);
}

/* While commands run, reads return status or tables, not the array: the chip select window is
 * made strongly-ordered and writable with the highest MPU region, so no cache line holds a
 * status word and the boot's read-only code region does not refuse the command cycles. */
static void command_window(const struct board_fmc_async *m, int open)
{
    unsigned regions = (MPU_TYPE >> 8) & 0xFFu;
    if (regions == 0u) {
        return;
    }
    cm7_dsb();
    MPU_RNR = regions - 1u;
    if (open) {
        MPU_RBAR = FMC_NE_BASE(m->ne);
        MPU_RASR = MPU_RASR_AP_RW | MPU_RASR_XN | MPU_RASR_SIZE(26u) | MPU_RASR_ENABLE;
    } else {
        MPU_RASR = 0u;
    }
    cm7_dsb();
    cm7_isb();
}

const char *fmc_nor_stage_name(enum fmc_nor_stage s)
{
    static const char *const names[] = { "part lookup", "chip select configuration", "CFI query",
                                         "auto-select identity", "CFI geometry" };
    return (unsigned)s < sizeof names / sizeof names[0] ? names[s] : "?";
}

static uint16_t cfi16(const struct board_fmc_async *m, uint32_t word)
{
    return (uint16_t)((*nor_word(m, word) & 0xFFu) | ((*nor_word(m, word + 1u) & 0xFFu) << 8));
}

int fmc_nor_bringup(const struct board_fmc_async *m, struct fmc_nor_info *info)
{
    info->stage = FMC_NOR_STAGE_PART;
    const struct fmc_nor_part *p = fmc_nor_part_by_name(m->part);
    if (p == NULL || m->bus_bits != 16u) {
        return DRV_EINVAL;
    }
    info->stage = FMC_NOR_STAGE_BANK;
    fmc_pins_configure(m->pins, m->ngroups);
    int rc = fmc_async_configure(m, FMC_BCR_MTYP_NOR);
    if (rc != 0) {
        return rc;
    }
    fmc_enable();
    command_window(m, 1);
    cmd(m, 0, CMD_RESET);
    /* CFI query: "QRY" at word 0x10, then the JEDEC CFI table. */
    info->stage = FMC_NOR_STAGE_CFI;
    cmd(m, 0x55u, CMD_CFI);
    for (unsigned i = 0; i < 3u; i++) {
        info->qry[i] = (uint8_t)*nor_word(m, 0x10u + i);
    }
    info->cmdset = cfi16(m, 0x13u);
    info->size_log2 = (uint8_t)*nor_word(m, 0x27u);
    info->buffer_log2 = (uint8_t)cfi16(m, 0x2Au);
    uint16_t regions = (uint16_t)*nor_word(m, 0x2Cu);
    info->blocks = (uint16_t)(cfi16(m, 0x2Du) + 1u);
    info->block_size = (uint32_t)cfi16(m, 0x2Fu) * 256u;
    cmd(m, 0, CMD_RESET);
    if (info->qry[0] != 'Q' || info->qry[1] != 'R' || info->qry[2] != 'Y') {
        command_window(m, 0);
        return DRV_ENODEV;
    }
    /* Auto-select: manufacturer at word 0, device code at 1, 0x0E, 0x0F. */
    info->stage = FMC_NOR_STAGE_ID;
    unlock(m);
    cmd(m, 0x555u, CMD_AUTOSELECT);
    info->manufacturer = *nor_word(m, 0x00u);
    info->device[0] = *nor_word(m, 0x01u);
    info->device[1] = *nor_word(m, 0x0Eu);
    info->device[2] = *nor_word(m, 0x0Fu);
    cmd(m, 0, CMD_RESET);
    command_window(m, 0);
    if (info->manufacturer != p->manufacturer || info->device[0] != p->device[0] ||
        info->device[1] != p->device[1] || info->device[2] != p->device[2]) {
        return DRV_EID;
    }
    info->stage = FMC_NOR_STAGE_GEOMETRY;
    if (info->cmdset != 0x0002u || regions != 1u || info->size_log2 != p->size_log2 ||
        info->buffer_log2 != p->buffer_log2 || info->blocks != p->blocks || info->block_size != p->block_size) {
        return DRV_EVERIFY;
    }
    return DRV_OK;
}

/* Toggle-bit polling (AMD command set): DQ6 stops toggling when the operation ends; DQ5 set
 * while it still toggles means the flash gave up. */
static int wait_done(const struct board_fmc_async *m, uint32_t word, uint32_t timeout_us)
{
    struct deadline d = deadline_in_us(timeout_us);
    for (;;) {
        uint16_t a = *nor_word(m, word), b = *nor_word(m, word);
        if (((a ^ b) & DQ6) == 0u) {
            return DRV_OK;
        }
        if (b & DQ5) {
            a = *nor_word(m, word);
            b = *nor_word(m, word);
            if ((a ^ b) & DQ6) {
                cmd(m, 0, CMD_RESET);
                return DRV_EIO;
            }
            return DRV_OK;
        }
        if (deadline_passed(&d)) {
            cmd(m, 0, CMD_RESET);
            return DRV_ETIMEDOUT;
        }
    }
}

static void after_change(const struct board_fmc_async *m, uint32_t offset, uint32_t len)
{
    cm7_dcache_invalidate_range(FMC_NE_BASE(m->ne) + offset, len);
    cm7_icache_invalidate();
}

int fmc_nor_program(const struct board_fmc_async *m, uint32_t offset, const uint16_t *words, uint32_t count)
{
    const struct fmc_nor_part *p = fmc_nor_part_by_name(m->part);
    if (p == NULL || (offset & 1u) || offset + 2u * count > (1u << p->size_log2)) {
        return DRV_EINVAL;
    }
    uint32_t timeout_us = (1u << p->word_program_us_log2) << p->max_factor_log2;
    int rc = DRV_OK;
    command_window(m, 1);
    for (uint32_t i = 0; i < count && rc == DRV_OK; i++) {
        uint32_t w = offset / 2u + i;
        unlock(m);
        cmd(m, 0x555u, CMD_PROGRAM);
        cmd(m, w, words[i]);
        rc = wait_done(m, w, timeout_us);
        if (rc == DRV_OK && *nor_word(m, w) != words[i]) {
            rc = DRV_EVERIFY;
        }
    }
    command_window(m, 0);
    after_change(m, offset, 2u * count);
    return rc;
}

int fmc_nor_erase_block(const struct board_fmc_async *m, uint32_t offset)
{
    const struct fmc_nor_part *p = fmc_nor_part_by_name(m->part);
    if (p == NULL || offset >= (1u << p->size_log2)) {
        return DRV_EINVAL;
    }
    offset &= ~(p->block_size - 1u);
    uint32_t timeout_us = ((1000u << p->block_erase_ms_log2) << p->max_factor_log2);
    command_window(m, 1);
    unlock(m);
    cmd(m, 0x555u, CMD_ERASE_SETUP);
    unlock(m);
    cmd(m, offset / 2u, CMD_BLOCK_ERASE);
    int rc = wait_done(m, offset / 2u, timeout_us);
    if (rc == DRV_OK && *nor_word(m, offset / 2u) != 0xFFFFu) {
        rc = DRV_EVERIFY;
    }
    command_window(m, 0);
    after_change(m, offset, p->block_size);
    return rc;
}
