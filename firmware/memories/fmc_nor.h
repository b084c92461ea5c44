/* Parallel NOR flash on an FMC chip select (AMD command set, CFI): identity, CFI geometry,
 * read-array mode for execution in place, and the program / erase commands with status
 * polling. 16-bit bus: command word addresses are shifted left by one. */
#ifndef MEMORIES_FMC_NOR_H
#define MEMORIES_FMC_NOR_H
#include <stdint.h>
#include "boards/board_fmc.h"

enum fmc_nor_stage { FMC_NOR_STAGE_PART, FMC_NOR_STAGE_BANK, FMC_NOR_STAGE_CFI, FMC_NOR_STAGE_ID,
                     FMC_NOR_STAGE_GEOMETRY };

struct fmc_nor_info {
    enum fmc_nor_stage stage;
    uint16_t manufacturer, device[3];
    uint8_t qry[3];
    uint16_t cmdset;
    uint8_t size_log2, buffer_log2;
    uint16_t blocks;
    uint32_t block_size;
};

/* Pins, chip select, reset to read array, CFI query and auto-select identity, checked against
 * the part the board declares; leaves the flash in read-array mode. 0, DRV_ENODEV (no CFI
 * answer), DRV_EID (another part), DRV_EVERIFY (CFI geometry differs) or DRV_EINVAL. */
int fmc_nor_bringup(const struct board_fmc_async *m, struct fmc_nor_info *info);
const char *fmc_nor_stage_name(enum fmc_nor_stage s);

/* Word programming (only clears bits) and block erase, polled to completion within the
 * part's maximum times; the flash is back in read-array mode and the caches see the new
 * contents. DRV_ETIMEDOUT, DRV_EIO (the flash reported a failure) or DRV_EVERIFY. */
int fmc_nor_program(const struct board_fmc_async *m, uint32_t offset, const uint16_t *words, uint32_t count);
int fmc_nor_erase_block(const struct board_fmc_async *m, uint32_t offset);
#endif
