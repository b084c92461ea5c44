/* A transaction on a serial memory bus (SPI, dual/quad/octal SPI, HyperBus), as a
 * QUADSPI/OCTOSPI controller model issues it to the device behind one chip select.
 *
 * The controller model decodes its registers into one of these and hands it to the
 * device; the device checks it against its own protocol state (line counts, DTR,
 * address width, dummy cycles, busy, reset recovery) exactly as the datasheet does and
 * either acts on it or refuses it. A refused read returns 0xFF on every byte (the bus
 * floats high through the pull-ups), as on a board. */
#ifndef SIM_XSPI_BUS_H
#define SIM_XSPI_BUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One phase of a transaction: how many data lines carry it (0 = phase absent) and
 * whether both clock edges are used (DTR). */
struct xspi_phase {
    uint8_t lines; /* 0, 1, 2, 4 or 8 */
    bool dtr;
};

struct xspi_xfer {
    struct xspi_phase instr;
    uint8_t instr_bytes;  /* 1 or 2 (octal commands are 16 bit) */
    uint16_t instruction; /* 2-byte opcode: first byte sent in bits 15:8 */

    struct xspi_phase addr;
    uint8_t addr_bytes;   /* 1..4 */
    uint32_t address;

    struct xspi_phase alt;
    uint8_t alt_bytes;    /* 1..4 */
    uint32_t alt_value;

    uint8_t dummy_cycles; /* bus clock cycles between address/alt and data */

    struct xspi_phase data;
    bool write;           /* true: controller -> device */
    bool dqs;             /* controller samples with the device's DQS/RWDS strobe */
    uint8_t *buf;         /* data, len bytes (read: filled by the device) */
    uint32_t len;

    uint64_t clk_hz;      /* bus clock of this transaction */
};

/* Log helper shared by bus devices: "<device>: <what the firmware did wrong>". */
typedef void (*xspi_log_fn)(void *ctx, const char *msg);

#endif
