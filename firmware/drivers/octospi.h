/* OCTOSPI controller driver (RM0455 22, RM0468 24) and the OCTOSPIM port routing: indirect
 * read/write, automatic status polling, memory-mapped mode, STR/DTR phases, DQS, HyperBus
 * latency. Controllers are numbered 1 and 2; registers that start a transfer (IR, AR) are
 * written last, once. */
#ifndef DRIVERS_OCTOSPI_H
#define DRIVERS_OCTOSPI_H
#include <stdbool.h>
#include <stdint.h>
#include "boards/board.h"

/* One command: every phase uses `lines` lines (0 = phase absent); dtr puts instruction,
 * address and data on both clock edges; dqs samples read data with the device's strobe. */
struct ospi_cmd {
    uint32_t instruction;
    uint8_t instr_lines, instr_bytes; /* 1 or 2 bytes (octal commands are 16 bit) */
    uint8_t addr_lines, addr_bytes;
    uint32_t address;
    uint8_t dummy_cycles;
    uint8_t data_lines;
    bool dtr;
    bool dqs;
};

/* Controller set-up, from a board memory description. */
struct ospi_bus {
    uint8_t instance, port;     /* OCTOSPI1/2, OCTOSPIM port 1/2 */
    uint8_t prescaler, cs_high_cycles;
    uint8_t mtyp;               /* enum ospi_mtyp */
    uint32_t size;              /* bytes of the device */
    uint8_t csbound_log2;       /* 0: no chip-select boundary */
    uint32_t refresh_cycles;    /* 0: nCS may stay low */
    uint8_t pin_count;
    const struct board_pin *pins;
};

int ospi_init(const struct ospi_bus *b);
/* Changes the memory type (byte order of 8-line DTR data, HyperBus framing); idle only. */
int ospi_set_memory_type(unsigned inst, uint8_t mtyp);
int ospi_read(unsigned inst, const struct ospi_cmd *c, void *buf, uint32_t len);
int ospi_write(unsigned inst, const struct ospi_cmd *c, const void *buf, uint32_t len);
static inline int ospi_command(unsigned inst, const struct ospi_cmd *c) { return ospi_write(inst, c, 0, 0); }
/* Automatic polling: reads c (len bytes, 1..4) until (value & mask) == match. */
int ospi_poll(unsigned inst, const struct ospi_cmd *c, uint32_t len, uint32_t mask, uint32_t match,
              uint32_t timeout_us);
/* Memory-mapped mode: reads with rd, writes with wr (NULL: read-only window). */
int ospi_memory_mapped(unsigned inst, const struct ospi_cmd *rd, const struct ospi_cmd *wr);
/* HyperBus latency: initial latency and read-write recovery in bus clocks; fixed latency,
 * write zero latency for register writes. */
void ospi_hyperbus_latency(unsigned inst, uint8_t tacc, uint8_t trwr, bool fixed, bool write_zero_latency);
void ospi_abort(unsigned inst);
#endif
