/* QUADSPI controller driver: indirect read/write, automatic status polling, memory-mapped
 * mode; single or dual-flash. Registers that start a transfer (CCR, AR) are built in a local
 * and written once. */
#ifndef DRIVERS_QUADSPI_H
#define DRIVERS_QUADSPI_H
#include <stdbool.h>
#include <stdint.h>
#include "boards/board.h"

struct qspi_cmd {
    uint8_t instruction;
    uint8_t instr_lines;  /* 0, 1, 2, 4 */
    uint8_t addr_lines;   /* 0: no address */
    uint8_t addr_bytes;   /* 3 or 4 */
    uint32_t address;
    uint8_t dummy_cycles;
    uint8_t data_lines;   /* 0: no data */
};

int qspi_init(const struct board_qspi *q);
int qspi_read(const struct qspi_cmd *c, void *buf, uint32_t len);
int qspi_write(const struct qspi_cmd *c, const void *buf, uint32_t len);
static inline int qspi_command(const struct qspi_cmd *c) { return qspi_write(c, 0, 0); }
/* Polls a register read by c (len bytes, 1..4) until (value & mask) == match. */
int qspi_poll(const struct qspi_cmd *c, uint32_t len, uint32_t mask, uint32_t match,
              uint32_t timeout_us);
int qspi_memory_mapped(const struct qspi_cmd *c);
void qspi_abort(void);
#endif
