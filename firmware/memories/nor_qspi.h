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

/* The steps of the bring-up, in order (test firmwares call them one by one). */
int nor_qspi_reset(const struct board_qspi *q);
int nor_qspi_wait_ready(const struct board_qspi *q, uint32_t timeout_us);
int nor_qspi_read_id(const struct board_qspi *q, struct nor_qspi_result *r);
int nor_qspi_enter_4byte(const struct board_qspi *q);
int nor_qspi_set_dummy(const struct board_qspi *q, uint8_t dummy);
int nor_qspi_memory_mapped(uint8_t dummy);
const char *nor_stage_name(enum nor_stage s);
#endif
