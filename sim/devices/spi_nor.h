/* SPI/quad/octal NOR flash model: a command state machine per datasheet.
 *
 * One struct spi_nor is one die behind one chip select. It is fed whole transactions
 * (struct xspi_xfer) by a controller model and keeps the device state the datasheet
 * describes: protocol mode (1-1-1, QPI 4-4-4, octal STR/DTR), 3/4-byte address mode,
 * status/flag/configuration registers (volatile and non-volatile), write-enable latch,
 * program/erase busy time, reset-enable latch and reset recovery, SFDP table.
 *
 * Storage is shared with the board: the image file mapped at the controller's
 * memory-mapped window. For a twin (dual-flash) arrangement each die sees every
 * second byte: byte i of die k is storage[i * stride + k], stride 2. */
#ifndef SIM_SPI_NOR_H
#define SIM_SPI_NOR_H

#include "xspi_bus.h"
#include "nor_parts.h"

struct spi_nor;

/* part: entry of the shared parts table (firmware/memories/nor_parts.h).
 * storage/stride/offset as above; the model never writes outside it.
 * log: called with one line for every refused command (never aborts). */
struct spi_nor *spi_nor_create(const struct nor_part *part, uint8_t *storage, size_t stride,
                               size_t offset, xspi_log_fn log, void *log_ctx, const char *name);
void spi_nor_destroy(struct spi_nor *f);

/* Power-on state (non-volatile registers kept, volatile ones from their defaults). */
void spi_nor_power_on(struct spi_nor *f, uint64_t now_ps);

/* Runs one transaction with chip select low for its whole length; now_ps is the virtual
 * time at its start. Returns 0 when the device accepted it, -1 when it ignored it (the
 * reason has been logged; a read buffer is then all 0xFF). */
int spi_nor_xfer(struct spi_nor *f, const struct xspi_xfer *x, uint64_t now_ps);

/* Would a memory-mapped read with this template (instruction, lines, address size,
 * dummy cycles, DTR, clock; buf/len ignored) return array data right now? If not, writes
 * the one-line reason into why. Used by the controller model before mapping the window. */
bool spi_nor_mmap_ok(const struct spi_nor *f, const struct xspi_xfer *tmpl, uint64_t now_ps,
                     char *why, size_t why_len);

/* Current size in bytes of the array seen by this die. */
uint32_t spi_nor_size(const struct spi_nor *f);

#endif
