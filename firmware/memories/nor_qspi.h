/* NOR flash on QUADSPI: bring-up to memory-mapped XiP (reset, identity, 4-byte addressing,
 * dummy cycles, quad reads), single die or two dies in dual-flash mode. */
#ifndef MEMORIES_NOR_QSPI_H
#define MEMORIES_NOR_QSPI_H
#include <stdint.h>
#include "boards/board.h"

enum nor_stage { NOR_STAGE_INIT, NOR_STAGE_RESET, NOR_STAGE_ID, NOR_STAGE_ADDR4, NOR_STAGE_DUMMY,
                 NOR_STAGE_MMAP };

struct nor_qspi_result {
    enum nor_stage stage;   /* where it stopped (on failure) */
    uint8_t id[2][3];       /* JEDEC ID per die */
    uint32_t reset_us;      /* time from reset to ready */
};

int nor_qspi_bringup(const struct board_qspi *q, struct nor_qspi_result *r);
const char *nor_stage_name(enum nor_stage s);
#endif
