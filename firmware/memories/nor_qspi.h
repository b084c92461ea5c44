/* NOR flash on QUADSPI: bring-up to memory-mapped XiP (reset, identity, SFDP, 4-byte
 * addressing, dummy cycles, quad reads), single die or two dies in dual-flash mode; erase and
 * page program in indirect mode for diagnostics. */
#ifndef MEMORIES_NOR_QSPI_H
#define MEMORIES_NOR_QSPI_H
#include <stdint.h>
#include "boards/board.h"

enum nor_stage { NOR_STAGE_INIT, NOR_STAGE_RESET, NOR_STAGE_ID, NOR_STAGE_SFDP, NOR_STAGE_ADDR4,
                 NOR_STAGE_DUMMY, NOR_STAGE_MMAP };

struct nor_qspi_result {
    enum nor_stage stage;   /* where it stopped (on failure) */
    uint8_t id[2][3];       /* JEDEC ID per die */
    uint32_t reset_us;      /* time from reset to ready */
    uint32_t sfdp_mbit;     /* density of a die from SFDP BFPT DWORD2, 0 if not read */
    uint8_t sfdp_die;       /* on an SFDP mismatch: the die, and what differs */
    const char *sfdp_what;
};

int nor_qspi_bringup(const struct board_qspi *q, struct nor_qspi_result *r);

/* The steps of the bring-up, in order (test firmwares call them one by one). */
int nor_qspi_reset(const struct board_qspi *q);
int nor_qspi_wait_ready(const struct board_qspi *q, uint32_t timeout_us);
int nor_qspi_read_id(const struct board_qspi *q, struct nor_qspi_result *r);
/* JESD216 header and basic flash parameter table of every die, compared with the parts
 * table (density, address bytes, fast-read modes, erase types): DRV_EVERIFY on a mismatch,
 * with r->sfdp_die and r->sfdp_what saying where. */
int nor_qspi_read_sfdp(const struct board_qspi *q, struct nor_qspi_result *r);
int nor_qspi_enter_4byte(const struct board_qspi *q);
int nor_qspi_set_dummy(const struct board_qspi *q, uint8_t dummy);
int nor_qspi_memory_mapped(uint8_t dummy);

/* Indirect erase and program, with write enable (WEL checked on every die) and status
 * polling within the part's maximum time; offsets as in the memory-mapped window (dual-flash:
 * both dies, bytes interleaved). Memory-mapped mode must be left first (qspi_abort) and
 * entered again afterwards. Erase: the smallest erase unit containing offset (dies x
 * part's smallest). Program: any length, split at (dies x page) boundaries. */
typedef void (*nor_idle_fn)(void); /* called between status polls of a long wait; NULL: poll on */
uint32_t nor_qspi_erase_unit(const struct board_qspi *q);
int nor_qspi_erase(const struct board_qspi *q, uint32_t offset, nor_idle_fn idle);
int nor_qspi_program(const struct board_qspi *q, uint32_t offset, const void *data, uint32_t len, nor_idle_fn idle);
const char *nor_stage_name(enum nor_stage s);
#endif
